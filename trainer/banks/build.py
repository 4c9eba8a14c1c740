"""Build the frozen model from bank data that passed the schema and semantic checks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from trainer.banks.model import Bank, Case, Category, InterviewFormat, QuestionInfo

if TYPE_CHECKING:
    from trainer.banks.questions import KeyPoint, Probe, Question, RedFlag, Reference

Synonyms = tuple[tuple[str, tuple[str, ...]], ...]


def question_hash(question: dict, case: Case | None, synonyms: Synonyms = ()) -> str:
    """A short, stable fingerprint of what the candidate sees and is judged against.

    An open question is judged with its bank's synonyms too, so they are part of its hash
    (only when the bank has some: the hash of every question written before synonyms existed
    stays the same).
    """
    if "lint" in question:  # lint settings are for authors: silencing a check is not an edit of the question
        question = {key: value for key, value in question.items() if key != "lint"}
    payload = json.dumps(question, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if case is not None:
        payload += "\x00" + case.text
    if synonyms and question.get("type") == "open":
        payload += "\x00synonyms\x00" + json.dumps(synonyms, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def build_synonyms(data: dict) -> Synonyms:
    """The bank's synonyms (term -> phrases) as a hashable value, in file order."""
    return tuple((term, tuple(phrases)) for term, phrases in data.get("synonyms", {}).items())


def build_bank(data: dict, source: str = "", bundled: bool = False) -> Bank:
    """Every question in memory (``validate``, tests, or when the cache cannot be used)."""
    cases = build_cases(data)
    cases_by_id = {c.id: c for c in cases}
    synonyms = build_synonyms(data)
    questions = tuple(build_question(q, data["id"], cases_by_id, synonyms=synonyms) for q in data["questions"])
    return build_meta(data, questions, (), cases, source=source, bundled=bundled)


def build_cases(data: dict) -> tuple[Case, ...]:
    return tuple(Case(c["id"], c["title"], c["text"]) for c in data.get("cases", ()))


def build_meta(
    data: dict,
    questions: Sequence[Question],
    index: tuple[QuestionInfo, ...],
    cases: tuple[Case, ...],
    source: str = "",
    bundled: bool = False,
) -> Bank:
    """A bank from its metadata and questions (``index`` is derived from them when empty)."""
    return Bank(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        authors=tuple(data["authors"]),
        license=data["license"],
        language=data["language"],
        description=data["description"],
        categories=tuple(Category(c["id"], c["title"], c.get("description", "")) for c in data["categories"]),
        cases=cases,
        interview_formats=tuple(_format(f) for f in data.get("interview_formats", ())),
        questions=questions,
        index=index,
        source=source,
        bundled=bundled,
    )


def _format(f: dict) -> InterviewFormat:
    return InterviewFormat(
        id=f["id"],
        name=f["name"],
        description=f.get("description", ""),
        categories=tuple(f.get("categories", ())),
        prompts=f["prompts"],
        think_seconds=f["think_seconds"],
        answer_seconds=f["answer_seconds"],
        probes=f.get("probes", True),
        probe_seconds=f.get("probe_seconds"),
        first=tuple(f.get("first", ())),
        last=tuple(f.get("last", ())),
    )


def _reference(r: dict) -> Reference:
    from trainer.banks.questions import Reference

    return Reference(
        title=r["title"],
        source=r["source"],
        year=r["year"],
        url=r.get("url"),
        doi=r.get("doi"),
        pmid=r.get("pmid"),
        note=r.get("note"),
    )


def _requires(item: dict) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in item.get("requires", ()))


def _key_point(k: dict) -> KeyPoint:
    from trainer.banks.questions import KeyPoint

    return KeyPoint(
        text=k["text"],
        keywords=tuple(k["keywords"]),
        requires=_requires(k),
        stance=k.get("stance", "endorse"),
        reference=_reference(k["reference"]) if "reference" in k else None,
        if_rejected=k.get("if_rejected"),
    )


def _red_flag(f: dict) -> RedFlag:
    from trainer.banks.questions import RedFlag

    return RedFlag(
        id=f["id"],
        statement=f["statement"],
        keywords=tuple(f["keywords"]),
        why=f["why"],
        kind=f.get("kind", "unsafe"),
        requires=_requires(f),
        reference=_reference(f["reference"]) if "reference" in f else None,
    )


def _probe(p: str | dict) -> Probe:
    from trainer.banks.questions import Probe

    if isinstance(p, str):
        return Probe(p)
    return Probe(
        prompt=p["prompt"],
        key_points=tuple(_key_point(k) for k in p.get("key_points", ())),
        red_flags=tuple(_red_flag(f) for f in p.get("red_flags", ())),
    )


def build_question(
    q: dict, bank_id: str, cases: dict[str, Case], content_hash: str | None = None, synonyms: Synonyms = ()
) -> Question:
    """One question from its validated data; ``content_hash`` when already known (the cache).

    ``synonyms`` are the bank's: an open question keeps them (and its hash covers them).
    """
    from trainer.banks.questions import (
        MultipleQuestion,
        NumericQuestion,
        OpenQuestion,
        Option,
        SingleQuestion,
    )

    case = cases.get(q["case"]) if "case" in q else None
    common = {
        "id": q["id"],
        "bank_id": bank_id,
        "category": q["category"],
        "difficulty": q["difficulty"],
        "content_hash": content_hash or question_hash(q, case, synonyms),
        "tags": tuple(q.get("tags", ())),
        "case": case,
        "time_limit_seconds": q.get("time_limit_seconds"),
        "references": tuple(_reference(r) for r in q.get("references", ())),
        "explanation": q.get("explanation", ""),
    }
    kind = q["type"]
    if kind == "single":
        return SingleQuestion(
            **common,
            stem=q["stem"],
            options=tuple(Option(o["id"], o["text"]) for o in q["options"]),
            answer=q["answer"],
            shuffle=q.get("shuffle", True),
        )
    if kind == "multiple":
        return MultipleQuestion(
            **common,
            stem=q["stem"],
            options=tuple(Option(o["id"], o["text"]) for o in q["options"]),
            answers=frozenset(q["answers"]),
            shuffle=q.get("shuffle", True),
        )
    if kind == "numeric":
        return NumericQuestion(
            **common,
            stem=q["stem"],
            answer=float(q["answer"]),
            unit=q["unit"],
            tolerance=q.get("tolerance"),
            tolerance_percent=q.get("tolerance_percent"),
        )
    return OpenQuestion(
        **common,
        prompt=q["prompt"],
        key_points=tuple(_key_point(k) for k in q["key_points"]),
        probes=tuple(_probe(p) for p in q.get("probes", ())),
        red_flags=tuple(_red_flag(f) for f in q.get("red_flags", ())),
        synonyms=synonyms,
        think_seconds=q.get("think_seconds", 30),
        answer_seconds=q.get("answer_seconds", 120),
        probe_seconds=q.get("probe_seconds"),
        model_answer=q.get("model_answer"),
    )
