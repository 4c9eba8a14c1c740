"""What export needs of a bank: its validated *data* (not the model), positions, what a format drops.

Reading the data through the loader's own path (``yamlsafe`` + the schema and semantic checks)
means export sees exactly what ``validate`` accepted, independently of the model classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trainer.banks.interchange.common import Note


# What each format can hold of a question, beyond its text, options, answer and explanation.
_GIFT_HELD = frozenset(
    {
        "id",
        "type",
        "category",
        "stem",
        "prompt",
        "options",
        "answer",
        "answers",
        "tolerance",
        "explanation",
        "references",
        "case",
    }
)
HELD: dict[str, frozenset[str]] = {
    "gift": _GIFT_HELD,
    "moodle-xml": _GIFT_HELD | {"shuffle", "unit", "tags", "model_answer"},  # Moodle XML holds these too
}
_NAMES = {
    "key_points": "key points",
    "red_flags": "red flags",
    "time_limit_seconds": "the time limit",
    "think_seconds": "think time",
    "answer_seconds": "answer time",
    "probe_seconds": "probe time",
    "model_answer": "the model answer",
    "lint": "lint settings",
    "tolerance_percent": "a percent tolerance (written as the absolute tolerance it gives)",
}


def read_bank_data(path: str) -> tuple[dict[str, Any], Callable[[str], int]]:
    """The bank's validated data and a pointer -> line function, or ``BankError``."""
    from trainer.banks.bankdata import read_bank_data as read_with_positions

    data, locate = read_with_positions(path)
    return data, lambda pointer: locate(pointer)[0]


def category_titles(data: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["title"] for c in data["categories"]}


def prepared(data: dict[str, Any], q: dict[str, Any]) -> tuple[str, str]:
    """The text shown to the candidate (a shared case is written above the stem) and a note if so."""
    text = q.get("stem") or q.get("prompt") or ""
    case_id = q.get("case")
    if case_id is None:
        return text, ""
    case = next(c for c in data.get("cases", []) if c["id"] == case_id)
    return f"{case['text']}\n\n{text}", f"shared case '{case_id}' written above the stem (its title dropped)"


def dropped_fields(q: dict[str, Any], format_name: str) -> list[str]:
    """The question's fields the format cannot hold, as a reader names them."""
    held = HELD[format_name] | {"difficulty"}  # difficulty: reported once for the bank, not per question
    return [_NAMES.get(key, key.replace("_", " ")) for key in q if key not in held]


def summary_notes(data: dict[str, Any], format_name: str, path: str) -> list[Note]:
    from trainer.banks.interchange.common import Note

    dropped = [f"bank {key}" for key in ("cases", "interview_formats", "synonyms") if data.get(key)]
    notes = [
        Note(
            path,
            1,
            f"{format_name} cannot hold difficulty, the bank's metadata (version, authors, licence)"
            + (", " + ", ".join(dropped) if dropped else "")
            + "; dropped",
        )
    ]
    return notes
