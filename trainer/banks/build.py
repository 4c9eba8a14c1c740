"""Build the frozen model from bank data that passed the schema and semantic checks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, cast

from trainer.banks.model import Bank, Case, Category, InterviewFormat, QuestionInfo
from trainer.banks.qtypes import bank_type

if TYPE_CHECKING:
    from trainer.banks.qtypes.base import CommonFields, Synonyms
    from trainer.banks.questions import Question


Data = dict[str, Any]  # bank data as YAML gave it, already checked by the schema

_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
# The same encoder's C core made once: ``json.dumps`` builds an encoder and its C core again
# for every call (a third of the time of hashing 10,000 questions). Its markers catch a cycle.
_CANONICAL_C = (
    None
    if c_make_encoder is None
    else c_make_encoder({}, _CANONICAL.default, encode_basestring, None, ":", ",", True, False, True)
)

# Question fields the candidate neither sees nor is judged against: lint settings, and the review
# metadata of issue 20 (outline section, review date, rule year). Tagging or re-dating an item
# must not make a candidate's history call it edited.
_UNSEEN = frozenset({"lint", "section", "reviewed", "rule_year"})

UNHASHED = ""  # the content hash of a question built only to be checked (``build_bank(hashes=False)``)


def canonical_json(value: object) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``, faster:
    what a question's content hash is taken of, and how the bank cache stores a question."""
    if _CANONICAL_C is None:
        return _CANONICAL.encode(value)
    return "".join(_CANONICAL_C(value, 0))


def question_hash(question: Data, case: Case | None, synonyms: Synonyms = (), encoded: str | None = None) -> str:
    """A short, stable fingerprint of what the candidate sees and is judged against.

    An open question is judged with its bank's synonyms too, so they are part of its hash
    (only when the bank has some: the hash of every question written before synonyms existed
    stays the same). ``encoded`` is ``canonical_json(question)`` when already made.
    """
    if _UNSEEN.intersection(question):  # for authors and reviewers: setting them is not an edit of the question
        question = {key: value for key, value in question.items() if key not in _UNSEEN}
        encoded = None
    payload = canonical_json(question) if encoded is None else encoded
    if case is not None:
        payload += "\x00" + case.text
    if synonyms and _hashes_synonyms(question.get("type")):
        payload += "\x00synonyms\x00" + json.dumps(synonyms, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _hashes_synonyms(tag: object) -> bool:
    from trainer.banks.qtypes import REGISTRY

    return isinstance(tag, str) and tag in REGISTRY and bank_type(tag).hashes_synonyms


def build_synonyms(data: Data) -> Synonyms:
    """The bank's synonyms (term -> phrases) as a hashable value, in file order."""
    return tuple((term, tuple(phrases)) for term, phrases in data.get("synonyms", {}).items())


def build_bank(
    data: Data, source: str = "", bundled: bool = False, encoded: Sequence[str] = (), hashes: bool = True
) -> Bank:
    """Every question in memory (``validate``, tests, or when the cache cannot be used).

    ``encoded``: ``canonical_json`` of each question of ``data`` (expanded), when the caller
    made them already (the bank cache stores them): each is then encoded once, not twice.
    ``hashes=False`` leaves every ``content_hash`` empty, for a bank that is checked and never
    practised (``validate``): the hash is a third of the build and only history reads it.
    """
    data = expanded(data)
    cases = build_cases(data)
    cases_by_id = {c.id: c for c in cases}
    synonyms = build_synonyms(data)
    bank_id = data["id"]
    if encoded:
        questions = tuple(
            build_question(q, bank_id, cases_by_id, synonyms=synonyms, encoded=text)
            for q, text in zip(data["questions"], encoded, strict=True)
        )
    else:
        unhashed = None if hashes else UNHASHED
        questions = tuple(
            build_question(q, bank_id, cases_by_id, unhashed, synonyms=synonyms) for q in data["questions"]
        )
    return build_meta(data, questions, (), cases, source=source, bundled=bundled)


def build_cases(data: Data) -> tuple[Case, ...]:
    return tuple(Case(c["id"], c["title"], c["text"]) for c in data.get("cases", ()))


def build_meta(
    data: Data,
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


def _format(f: Data) -> InterviewFormat:
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


def build_question(
    q: Data,
    bank_id: str,
    cases: dict[str, Case],
    content_hash: str | None = None,
    synonyms: Synonyms = (),
    encoded: str | None = None,
) -> Question:
    """One question from its validated data; ``content_hash`` when already known (the cache),
    ``encoded`` (``canonical_json(q)``) when made already.

    ``synonyms`` are the bank's: an open question keeps them (and its hash covers them).
    """
    from trainer.banks.qtypes.base import references

    case = cases.get(q["case"]) if "case" in q else None
    kind = bank_type(q["type"])
    common: CommonFields = {
        "id": q["id"],
        "bank_id": bank_id,
        "category": q["category"],
        "difficulty": q["difficulty"],
        "content_hash": question_hash(q, case, synonyms, encoded) if content_hash is None else content_hash,
        "tags": tuple(q.get("tags", ())),
        "case": case,
        "time_limit_seconds": q.get("time_limit_seconds"),
        "references": references(q),
        "explanation": q.get("explanation", ""),
        "section": q.get("section"),
        "reviewed": date.fromisoformat(q["reviewed"]) if "reviewed" in q else None,  # a real date (semantic check)
        "rule_year": q.get("rule_year"),
    }
    return cast("Question", kind.build(q, common, synonyms if kind.hashes_synonyms else ()))


def expanded(data: Data) -> Data:
    """The bank data with each entry that holds several questions (an extended-matching set)
    replaced by them, so the model, the index and the cache see one entry per question."""
    questions = [part for q in data["questions"] for part in bank_type(q["type"]).expand(q)]
    if len(questions) == len(data["questions"]):
        return data
    return dict(data, questions=questions)
