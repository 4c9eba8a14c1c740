"""What every interchange format shares: import notes, imported items, the mapping of an LMS
question onto a bank question, and the references block written into feedback.

Readers produce plain bank *data* (dicts shaped like a bank's YAML), never the model classes:
the written bank is then checked by the same loader as any other bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from trainer.banks.problems import Problem
from trainer.inert import inert_line

TODO = "TODO"
QUESTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
MIN_OPTIONS, MAX_OPTIONS = 2, 9
REFERENCES_HEADING = "References:"
_DASH = " \u2014 "  # an em dash between the parts of one reference line


# The question types the GIFT and Moodle XML writers map (export skips the others, saying so).
WRITTEN_TYPES = frozenset({"single", "multiple", "numeric", "open"})


@dataclass(frozen=True, slots=True)
class Note:
    """A skipped or lossy item: ``PATH:LINE: warning: MESSAGE`` (the import still succeeds)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{inert_line(self.path)}:{self.line}: warning: {inert_line(self.message)}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message, "severity": "warning"}


@dataclass(slots=True)
class Item:
    """One imported question: bank question data without id, category or the author's TODOs."""

    line: int
    name: str  # the LMS's question name or id (becomes the question id where it can)
    category: tuple[str, ...]  # the category path below Moodle's "top"; () = the default category
    question: dict[str, Any]
    category_info: str = ""
    category_id: str = ""  # Moodle XML's <idnumber>, when the file has one
    tags: tuple[str, ...] = ()
    source: str = ""  # the file it came from


@dataclass(slots=True)
class ReadResult:
    items: list[Item] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Answer:
    """One LMS answer: its text, the credit it gives (percent) and its feedback."""

    text: str
    fraction: float
    feedback: str = ""


def is_todo(text: str) -> bool:
    """A placeholder ``pain-trainer import`` wrote (export leaves it out: an LMS shows no TODOs)."""
    return text.lstrip().startswith(TODO)


def explanation_of(general: str, answers: list[Answer]) -> str:
    """General feedback first, then each answer's feedback as one line."""
    lines = [f"- {a.text}: {a.feedback}" for a in answers if a.feedback.strip()]
    parts = [general.strip()] if general.strip() else []
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def option_ids(count: int) -> list[str]:
    return [chr(ord("a") + n) for n in range(count)]


def choice_question(
    stem: str, answers: list[Answer], general: str, shuffle: bool | None = None, single: bool | None = None
) -> tuple[dict[str, Any] | None, list[str]]:
    """A multiple-choice question as ``single`` or ``multiple`` data, and what was lost (or why skipped).

    One answer worth 100% and no other credit or penalty: ``single``. Anything else with credit:
    ``multiple`` (every answer giving credit is correct), and weights other than an even split
    are reported, as a bank scores a multiple answer all-or-nothing. ``single`` forces the kind
    where the file states it (Moodle's ``<single>``).
    """
    if not MIN_OPTIONS <= len(answers) <= MAX_OPTIONS:
        return None, [f"{len(answers)} answers; a bank question has {MIN_OPTIONS} to {MAX_OPTIONS} options; skipped"]
    ids = option_ids(len(answers))
    credited = [i for i, a in enumerate(answers) if a.fraction > 0]
    if not credited:
        return None, ["no answer gives credit; skipped"]
    if len(credited) == len(answers):  # 2 or more answers, all credited: a bank needs a wrong option
        return None, ["every answer gives credit; a select-all question needs a wrong option; skipped"]
    lost: list[str] = []
    options = [{"id": ids[i], "text": a.text} for i, a in enumerate(answers)]
    data: dict[str, Any] = {"stem": stem}
    full = len(credited) == 1 and abs(answers[credited[0]].fraction - 100) < 1e-6
    if single is not False and (full or single) and len(credited) == 1:
        data |= {"type": "single", "options": options, "answer": ids[credited[0]]}
        if not full or any(a.fraction < 0 for a in answers):
            lost.append("credit weights other than 100%/0% (" + _weights(answers) + ") become right/wrong")
    else:
        data |= {"type": "multiple", "options": options, "answers": [ids[i] for i in credited]}
        even = 100 / len(credited)
        # A penalty on a wrong answer is no loss: all-or-nothing gives nothing for any wrong choice.
        if any(abs(answers[i].fraction - even) > 0.01 for i in credited):
            lost.append("partial-credit weights (" + _weights(answers) + ") become all-or-nothing")
        if single:
            lost.append("marked single-answer but several answers give credit: written as multiple")
    if shuffle is not None:
        data["shuffle"] = shuffle
    explanation = explanation_of(general, answers)
    if explanation:
        data["explanation"] = explanation
    return data, lost


def _weights(answers: list[Answer]) -> str:
    return ", ".join(f"{a.fraction:g}%" for a in answers if a.fraction != 0)


# --- references written into feedback (by export) and read back (by import) -------------


def references_block(references: list[dict[str, Any]]) -> str:
    """References as text an LMS shows in feedback; ``split_references`` reads it back."""
    lines = []
    for r in references:
        parts = [r["title"], r["source"], str(r["year"])]
        parts += [f"doi:{r['doi']}"] if r.get("doi") else []
        parts += [f"pmid:{r['pmid']}"] if r.get("pmid") else []
        parts += [r["url"]] if r.get("url") else []
        parts += [f"note: {r['note']}"] if r.get("note") else []
        lines.append("- " + _DASH.join(" ".join(p.split()) for p in parts))
    return REFERENCES_HEADING + "\n" + "\n".join(lines)


def split_references(explanation: str) -> tuple[str, list[dict[str, Any]]]:
    """The explanation without a trailing references block written by export, and those references."""
    head, sep, block = explanation.rpartition("\n\n" + REFERENCES_HEADING + "\n")
    if not sep and explanation.startswith(REFERENCES_HEADING + "\n"):
        head, block = "", explanation[len(REFERENCES_HEADING) + 1 :]
    elif not sep:
        return explanation, []
    references = []
    for line in block.split("\n"):
        reference = _reference_line(line)
        if reference is None:
            return explanation, []
        references.append(reference)
    return head.strip(), references


def _reference_line(line: str) -> dict[str, Any] | None:
    if not line.startswith("- "):
        return None
    parts = line[2:].split(_DASH)
    if len(parts) < 3 or not re.fullmatch(r"[0-9]{4}", parts[2]) or not parts[0].strip() or not parts[1].strip():
        return None
    found: dict[str, Any] = {"title": parts[0], "source": parts[1], "year": int(parts[2])}
    for extra in parts[3:]:
        if extra.startswith("doi:"):
            found["doi"] = extra[4:]
        elif extra.startswith("pmid:"):
            found["pmid"] = extra[5:]
        elif extra.startswith("note: "):
            found["note"] = extra[6:]
        elif re.fullmatch(r"https?://\S+", extra):
            found["url"] = extra
        else:
            return None
    return found
