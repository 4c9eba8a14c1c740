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
        "theme",
        "lead_in",
        "stems",
        "steps",
        "partial_credit",
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

    data, locate = read_with_positions(path, expand=False)  # an extended-matching set whole: one LMS question
    return data, lambda pointer: locate(pointer)[0]


def category_titles(data: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["title"] for c in data["categories"]}


def _stem_text(q: dict[str, Any], case_text: str) -> str:
    text = q.get("stem") or q.get("prompt") or ""
    return f"{case_text}\n\n{text}" if case_text else text


def _emq_text(q: dict[str, Any], case_text: str) -> str:
    from trainer.banks.interchange.common import emq_text

    return emq_text(q, case_text)


# The question text an LMS shows, per type: (question, shared case text or "") -> text.
QUESTION_TEXT: dict[str, Callable[[dict[str, Any], str], str]] = {"extended_matching": _emq_text}
_CASE_PLACE = {"extended_matching": "between the theme and the lead-in"}


def prepared(data: dict[str, Any], q: dict[str, Any]) -> tuple[str, str]:
    """The text shown to the candidate (a shared case is written above the stem) and a note if so."""
    text_of = QUESTION_TEXT.get(q["type"], _stem_text)
    case_id = q.get("case")
    if case_id is None:
        return text_of(q, ""), ""
    case = next(c for c in data.get("cases", []) if c["id"] == case_id)
    where = _CASE_PLACE.get(q["type"], "above the stem")
    return text_of(q, case["text"]), f"shared case '{case_id}' written {where} (its title dropped)"


def _step_ids(q: dict[str, Any]) -> list[str]:
    return ["step ids (the steps come back as s1, s2, ...)"]


def _matching_losses(q: dict[str, Any]) -> list[str]:
    from trainer.banks.interchange.common import matching_losses

    return matching_losses(q)


# What a type loses inside the fields the format holds (both formats alike).
INNER_LOSSES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "ordering": _step_ids,
    "extended_matching": _matching_losses,
}


def dropped_fields(q: dict[str, Any], format_name: str) -> list[str]:
    """The question's fields the format cannot hold, as a reader names them."""
    held = HELD[format_name] | {"difficulty"}  # difficulty: reported once for the bank, not per question
    inner = INNER_LOSSES.get(q["type"])
    return [_NAMES.get(key, key.replace("_", " ")) for key in q if key not in held] + (inner(q) if inner else [])


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
