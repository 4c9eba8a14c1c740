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
WRITTEN_TYPES = frozenset({"single", "multiple", "numeric", "open", "ordering", "extended_matching"})

# An extended-matching set (schemas/bank.schema.json) and an ordering question's steps.
EMQ_OPTIONS = (6, 15)
EMQ_STEMS = (2, 10)
THEME_MAX, LEAD_IN_MAX = 300, 1000
ORDERING_STEPS = (3, 8)
# Moodle's ordering question type (qtype_ordering) grades by one of these; the bank's all-or-nothing
# and its partial credit (the longest subsequence in the right order, over the number of steps)
# are two of them.
ALL_OR_NOTHING, LONGEST_ORDERED_SUBSET = "ALL_OR_NOTHING", "LONGEST_ORDERED_SUBSET"

Parts = list[tuple[str, dict[str, Any]]]  # what one LMS question became: (name suffix, question data)


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
        parts += [f"version: {r['version']}"] if r.get("version") else []
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
        elif extra.startswith("version: "):
            found["version"] = extra[9:]
        elif extra.startswith("note: "):
            found["note"] = extra[6:]
        elif re.fullmatch(r"https?://\S+", extra):
            found["url"] = extra
        else:
            return None
    return found


# --- matching and ordering ---------------------------------------------------------------


def emq_text(q: dict[str, Any], case_text: str = "") -> str:
    """An extended-matching set's question text: the theme, a blank line, then the lead-in
    (a shared case goes between them, so the theme stays the first paragraph)."""
    theme = " ".join(q["theme"].split())  # one paragraph, however the author wrapped it
    return "\n\n".join(part for part in (theme, case_text, q["lead_in"]) if part)


def theme_and_lead_in(text: str, name: str) -> tuple[str, str, str]:
    """The theme and lead-in of an imported matching question, and where the theme came from.

    Two paragraphs or more: the first is the theme (as ``emq_text`` writes it) and the rest the
    lead-in. One paragraph: the question name is the theme (or the text itself, with no name)."""
    head, sep, rest = text.partition("\n\n")
    if sep and rest.strip() and len(head.strip()) <= THEME_MAX:
        return head.strip(), rest.strip(), "the question text's first paragraph"
    if name:
        return name[:THEME_MAX], text, "the question name"
    return text[:THEME_MAX], text, "the question text"


def natural_order(text: str) -> tuple[tuple[int, float, str], ...]:
    """Alphabetical, with numbers by value ("3 days" before "10 days", 0.15 before 0.2), then the
    exact text as a tie-break."""
    parts = re.split(r"([0-9]+(?:\.[0-9]+)?)", text.casefold())
    return tuple((0, float(p), "") if p[0].isdigit() else (1, 0.0, p) for p in parts if p) + ((2, 0.0, text),)


def matching_parts(text: str, name: str, pairs: list[tuple[str, str]], general: str) -> tuple[Parts, list[str]]:
    """A matching question (stem -> answer pairs; an empty stem is an extra answer, as in Moodle)
    as one extended-matching set per 10 stems, or, with fewer than 6 distinct answers, one
    single-best question per stem; and what was lost or why it was skipped.

    The options are the distinct answers in alphabetical order: Moodle shows them shuffled, and
    an extended-matching list is shown in a fixed order, so the order of first appearance (the
    stems' order) would give the answers away."""
    if any(not answer for _, answer in pairs):
        return [], ["matching: a pair has no answer text; skipped"]
    stems = [(stem, answer) for stem, answer in pairs if stem]
    answers = sorted(dict.fromkeys(answer for _, answer in pairs), key=natural_order)
    if not stems:
        return [], ["matching with no subquestion text; skipped"]
    low, high = EMQ_OPTIONS
    if len(answers) > high:
        return [], [
            f"matching with {len(answers)} distinct answers; an extended-matching set has {low} to {high}; skipped"
        ]
    ids = option_ids(len(answers))
    options = [{"id": i, "text": a} for i, a in zip(ids, answers, strict=True)]
    key = dict(zip(answers, ids, strict=True))
    if len(answers) < low or len(stems) < EMQ_STEMS[0]:
        if not MIN_OPTIONS <= len(answers) <= MAX_OPTIONS:
            return [], [
                f"matching with {len(answers)} distinct answer(s) and {len(stems)} subquestion(s): "
                "no bank question type fits; skipped"
            ]
        singles: Parts = []
        for n, (stem, answer) in enumerate(stems, 1):
            data: dict[str, Any] = {
                "type": "single",
                "stem": f"{text}\n\n{stem}",
                "options": [dict(o) for o in options],
            }
            data["answer"] = key[answer]
            if general:
                data["explanation"] = general
            singles.append((f"-{n}" if len(stems) > 1 else "", data))
        why = f"{len(answers)} distinct answers (an extended-matching set needs {low} to {high})"
        if len(answers) >= low:
            why = "one subquestion (an extended-matching set needs 2 to 10 stems)"
        return singles, [
            f"matching with {why}: each subquestion became a single-best question with the answers as options"
        ]
    theme, lead_in, source = theme_and_lead_in(text, name)
    lost = [
        f"matching -> extended matching: theme from {source}, options the {len(answers)} distinct answers "
        "in alphabetical order, stem ids s1, s2, ...; check the theme and lead-in"
    ]
    if len(lead_in) > LEAD_IN_MAX:
        lead_in = lead_in[: LEAD_IN_MAX - 3].rstrip() + "..."
        lost.append(f"the lead-in was cut to {LEAD_IN_MAX} characters")
    size = EMQ_STEMS[1]
    chunks = [stems[n : n + size] for n in range(0, len(stems), size)]
    if len(chunks[-1]) < EMQ_STEMS[0]:  # 11 stems: 10 + 1 would leave a set of one
        chunks[-2:] = [chunks[-2][:-1], chunks[-2][-1:] + chunks[-1]]
    if len(chunks) > 1:
        lost.append(f"{len(stems)} subquestions: split into {len(chunks)} sets of at most {size} stems")
    parts: Parts = []
    for n, chunk in enumerate(chunks, 1):
        data = {
            "type": "extended_matching",
            "theme": theme,
            "lead_in": lead_in,
            "options": [dict(o) for o in options],
            "stems": [
                {"id": f"s{m}", "stem": stem, "answer": key[answer]} for m, (stem, answer) in enumerate(chunk, 1)
            ],
        }
        if general:
            data["explanation"] = general
        parts.append((f"-{n}" if len(chunks) > 1 else "", data))
    return parts, lost


def matching_pairs(q: dict[str, Any]) -> list[tuple[str, str]]:
    """An extended-matching set as matching pairs: one per stem, then an empty stem for each
    option no stem uses (Moodle's extra answer), in option order."""
    text = {o["id"]: o["text"] for o in q["options"]}
    used = {stem["answer"] for stem in q["stems"]}
    return [(stem["stem"], text[stem["answer"]]) for stem in q["stems"]] + [
        ("", o["text"]) for o in q["options"] if o["id"] not in used
    ]


def matching_losses(q: dict[str, Any]) -> list[str]:
    """What a matching question cannot hold of an extended-matching set."""
    lost = ["stem and option ids (stems come back as s1, s2, ..., options lettered in alphabetical order)"]
    if any("explanation" in stem for stem in q["stems"]):
        lost.append("per-stem explanations as a field of their own (written into the general feedback)")
    texts = [o["text"] for o in q["options"]]
    if len(set(texts)) != len(texts):
        lost.append("options with the same text (a matching question cannot tell them apart)")
    return lost


def emq_general(q: dict[str, Any]) -> str:
    """The set's explanation, with each stem's own explanation as a line above it."""
    lines = [f"- {stem['stem']}: {stem['explanation']}" for stem in q["stems"] if stem.get("explanation")]
    parts = ["\n".join(lines)] if lines else []
    if q.get("explanation") and not is_todo(q["explanation"]):
        parts.append(q["explanation"])
    return "\n\n".join(parts)


def ordering_question(
    stem: str, steps: list[str], general: str, grading: str, shown: int | None = None
) -> tuple[dict[str, Any] | None, list[str]]:
    """An ordering question from its steps in the right order and Moodle's grading type."""
    low, high = ORDERING_STEPS
    if not low <= len(steps) <= high:
        return None, [f"ordering with {len(steps)} items; a bank question has {low} to {high} steps; skipped"]
    if len({" ".join(s.split()).casefold() for s in steps}) != len(steps):
        return None, ["ordering with two identical items (the order would be ambiguous); skipped"]
    lost = []
    grading = grading.strip().upper() or ALL_OR_NOTHING
    partial = grading != ALL_OR_NOTHING
    if grading not in (ALL_OR_NOTHING, LONGEST_ORDERED_SUBSET):
        lost.append(f"grading {grading} becomes partial credit by the longest subsequence in the right order")
    if shown is not None and 0 < shown < len(steps):
        lost.append(f"Moodle showed {shown} of the {len(steps)} items; the bank shows them all")
    data: dict[str, Any] = {
        "type": "ordering",
        "stem": stem,
        "steps": [{"id": f"s{n}", "text": text} for n, text in enumerate(steps, 1)],
    }
    if partial:
        data["partial_credit"] = True
    if general:
        data["explanation"] = general
    return data, lost


def grading_of(q: dict[str, Any]) -> str:
    return LONGEST_ORDERED_SUBSET if q.get("partial_credit") else ALL_OR_NOTHING
