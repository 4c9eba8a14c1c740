"""Imported items -> one bank's data (ids, categories, TODO placeholders) -> YAML text.

What the LMS file lacks and a bank requires is written as a clearly marked ``TODO`` that
``pain-trainer validate`` reports (``trainer.banks.todo_lint``), never invented: a reference,
an essay's key points, a numeric unit, a missing explanation, the licence.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from trainer.banks.interchange.common import QUESTION_ID, TODO, Item, Note
from trainer.banks.yamlsafe import plain_scalar_tag

TODO_REFERENCE = {
    "title": f"{TODO}: add a reference a reader can find (the imported file has none)",
    "source": f"{TODO}: placeholder written by pain-trainer import; replace title, source and year",
    "year": 1900,
}
TODO_KEY_POINT = {
    "text": f"{TODO}: write the key points a strong answer covers (the imported essay has none)",
    "keywords": [TODO],
}
TODO_EXPLANATION = f"{TODO}: write an explanation (the imported file has no feedback for this question)"
TODO_UNIT = f"{TODO}: unit"
DEFAULT_DIFFICULTY = 3
_ORDER = (
    "id",
    "type",
    "category",
    "difficulty",
    "tags",
    "stem",
    "prompt",
    "theme",
    "lead_in",
    "options",
    "stems",
    "steps",
    "answer",
    "answers",
    "shuffle",
    "partial_credit",
    "tolerance",
    "tolerance_percent",
    "unit",
    "key_points",
    "model_answer",
    "explanation",
    "references",
)


def slug(text: str, fallback: str = "imported") -> str:
    found = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:64].strip("-")
    return found or fallback


def bank_data(
    items: list[Item], bank_id: str, default_category: str, sources: list[str]
) -> tuple[dict[str, Any], list[Note], list[Item]]:
    """The bank for these items (each category path one category, ids unique, TODOs where needed),
    the notes of items left out, and the item each written question came from."""
    categories: dict[tuple[str, ...], dict[str, str]] = {}
    taken_categories: set[str] = set()

    def category_of(item: Item) -> str:
        path = item.category or (default_category,)
        if path not in categories:
            wanted = (
                item.category_id
                if re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,63}", item.category_id)
                else slug("-".join(path), default_category)
            )
            ident = _unique(wanted, taken_categories, 64)
            entry = {"id": ident, "title": " / ".join(path)[:300]}
            if item.category_info.strip():
                entry["description"] = item.category_info.strip()[:20000]
            categories[path] = entry
        return categories[path]["id"]

    taken: set[str] = set()
    questions = []
    origins: list[Item] = []
    notes: list[Note] = []
    for number, item in enumerate(items, 1):
        q = dict(item.question)
        if "tolerance" in q and q["tolerance"] >= abs(q["answer"]):  # numeric
            notes.append(
                Note(
                    item.source,
                    item.line,
                    f"question '{item.name}': tolerance {q['tolerance']:g} is as "
                    f"large as the answer {q['answer']:g} (0 would count as correct); skipped",
                )
            )
            continue
        name = item.name if QUESTION_ID.fullmatch(item.name) else slug(item.name, f"q{number}")[:80]
        q["id"] = _unique(name, taken, 80)
        q["category"] = category_of(item)
        q["difficulty"] = DEFAULT_DIFFICULTY
        if item.tags:
            q["tags"] = list(dict.fromkeys(slug(t) for t in item.tags))[:30]
        if "prompt" in q:  # an interview prompt (essay): its key points are the author's to write
            q.setdefault("key_points", [dict(TODO_KEY_POINT, keywords=list(TODO_KEY_POINT["keywords"]))])
        else:
            q.setdefault("explanation", TODO_EXPLANATION)
            q.setdefault("references", [dict(TODO_REFERENCE)])
        if "tolerance" in q or "tolerance_percent" in q:  # numeric: the LMS file has no unit
            q.setdefault("unit", TODO_UNIT)
        questions.append({key: q[key] for key in _ORDER if key in q})
        origins.append(item)
    names = ", ".join(sources)
    data = {
        "id": bank_id,
        "title": f"Imported from {names}"[:300],
        "version": "0.1.0",
        "authors": [f"{TODO}: the authors of {names}"[:300]],
        "license": f"{TODO}: the licence of {names}"[:300],
        "language": "en",
        "description": f"Imported by pain-trainer import from {names}. Replace every TODO before use."[:20000],
        "categories": list(categories.values()) or [{"id": default_category, "title": default_category}],
        "questions": questions,
    }
    return data, notes, origins


def _unique(wanted: str, taken: set[str], limit: int) -> str:
    found, n = wanted, 2
    while found in taken:
        suffix = f"-{n}"
        found, n = wanted[: limit - len(suffix)] + suffix, n + 1
    taken.add(found)
    return found


class _Dumper(yaml.SafeDumper):
    pass


_STR = "tag:yaml.org,2002:str"


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(ch in value for ch in "\t\r") and value == value.strip() else None
    if style is None and plain_scalar_tag(value) != _STR:
        style = "'"  # PyYAML quotes what YAML 1.1 reads as a number; banks are read as YAML 1.2 ("08", "0o17")
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(data: dict[str, Any]) -> str:
    header = "# Written by pain-trainer import. Search for TODO: each one is for the author to fill in.\n"
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
