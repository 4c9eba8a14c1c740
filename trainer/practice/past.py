"""A past session re-read: each item as answered, with the verdict the history stored.

Built from the stored records (``Store.load_session``) and the loaded banks. Stored
verdicts are shown as stored, never re-judged: a quiz item's right/wrong is the stored
``correct``; an interview prompt's key points are the stored verdicts (with the candidate's
overrides). The banks only supply what the history does not keep: stems, options,
explanations, references, prompts, model answers. A question that is gone from the banks
shows its ids and the stored response; one edited since (another content hash) is shown in
its current version with ``edited`` set, so the reader knows the text may differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from trainer.banks.model import Bank
from trainer.banks.qtypes.open import as_prompt
from trainer.banks.questions import KnowledgeQuestion, Question
from trainer.history.records import AnswerRecord, InterviewRecord, ItemNote, SessionRecord
from trainer.practice.scoring import ItemOutcome, score
from trainer.practice.summary import InterviewSummary, PromptLook, look_from_records, summarise_interview


@dataclass(frozen=True, slots=True)
class PastItem:
    """One planned item of a past session, as answered."""

    position: int
    bank_id: str
    question_id: str
    question: Question | None  # None when no loaded bank has it any more
    edited: bool  # the loaded question is another version than the one answered
    answer: AnswerRecord | None  # the stored answer (the prompt's main answer); None: never answered
    outcome: ItemOutcome | None = None  # quiz items whose question is loaded: what review shows
    look: PromptLook | None = None  # interview prompts with a stored answer
    notes: tuple[ItemNote, ...] = ()

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def answered(self) -> bool:
        """An answer was given (a prompt's main answer; a time-out without one is not an answer)."""
        return self.look is not None or (self.answer is not None and self.answer.response is not None)

    @property
    def result(self) -> str:
        """ "correct" / "missed" / "unanswered" / "not scored" (quiz); "x/y covered" (interview)."""
        if self.look is not None:
            return f"{self.look.covered}/{self.look.total} covered"
        a = self.answer
        if a is None or (a.response is None and not a.timed_out):
            return "unanswered"
        if a.response is None:
            return "unanswered, timed out"
        word = {True: "correct", False: "missed", None: "not scored"}[a.correct]
        return f"{word}, timed out" if a.timed_out else word

    @property
    def title(self) -> str:
        q = self.question
        if q is None:
            return f"{self.bank_id}/{self.question_id} (no longer in the loaded banks)"
        text = q.stem  # an open prompt answers to stem too
        return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class PastSession:
    session: SessionRecord
    status: str  # "finished" | "unfinished" | "abandoned"
    finished_at: float | None
    items: tuple[PastItem, ...]
    interview: InterviewSummary | None  # interviews only

    @property
    def session_id(self) -> str:
        return self.session.session_id

    @property
    def kind(self) -> str:
        return self.session.kind

    @property
    def notes(self) -> tuple[ItemNote, ...]:
        return tuple(n for item in self.items for n in item.notes)


def _find(banks: Sequence[Bank], bank_id: str, question_id: str) -> Question | None:
    for bank in banks:
        if bank.id == bank_id and (q := bank.question(question_id)) is not None:
            return q
    return None


def _quiz_outcome(question: KnowledgeQuestion, order: tuple[str, ...], answer: AnswerRecord | None) -> ItemOutcome:
    """Options marked as the candidate chose them; right or wrong as stored."""
    response = None if answer is None else answer.response
    try:
        shown = score(question, response, order)
    except (TypeError, ValueError, KeyError):  # a response the edited question cannot read
        shown = score(question, None, order)
    if answer is not None:
        shown = replace(shown, correct=answer.correct if shown.answered else None, score=answer.score)
    return ItemOutcome(
        position=answer.position if answer else -1,
        question=question,
        option_order=order,
        score=shown,
        time_spent=answer.time_spent if answer else 0.0,
        flagged=bool(answer and answer.flagged),
        timed_out=bool(answer and answer.timed_out),
    )


def past_session(
    banks: Sequence[Bank],
    session: SessionRecord,
    answers: Iterable[AnswerRecord],
    interviews: Iterable[InterviewRecord],
    *,
    status: str,
    finished_at: float | None = None,
    notes: Iterable[ItemNote] = (),
) -> PastSession:
    """The view of a stored session (see the module docstring)."""
    main_answers: dict[int, AnswerRecord] = {}
    probe_answers: dict[int, dict[int, AnswerRecord]] = {}
    for a in answers:
        if a.probe_index is None:
            main_answers[a.position] = a
        else:
            probe_answers.setdefault(a.position, {})[a.probe_index] = a
    mains: dict[int, InterviewRecord] = {}
    probes: dict[int, list[InterviewRecord]] = {}
    for rec in interviews:
        if rec.probe_index is None:
            mains[rec.position] = rec
        else:
            probes.setdefault(rec.position, []).append(rec)
    by_item: dict[tuple[str, str], list[ItemNote]] = {}
    for note in notes:
        by_item.setdefault((note.bank_id, note.question_id), []).append(note)

    items = []
    for position, planned in enumerate(session.plan):
        question = _find(banks, planned.bank_id, planned.question_id)
        answer = main_answers.get(position)
        outcome = look = None
        prompt = as_prompt(question)
        if prompt is not None or (question is None and position in mains):
            if position in mains:
                look = look_from_records(
                    mains[position], answer, probes.get(position, ()), probe_answers.get(position), prompt
                )
        elif question is not None:
            knowledge = cast("KnowledgeQuestion", question)  # not an interview prompt (as_prompt said so)
            outcome = replace(_quiz_outcome(knowledge, planned.option_order, answer), position=position)
        items.append(
            PastItem(
                position=position,
                bank_id=planned.bank_id,
                question_id=planned.question_id,
                question=question,
                edited=question is not None and question.content_hash != planned.content_hash,
                answer=answer,
                outcome=outcome,
                look=look,
                notes=tuple(
                    n
                    for n in by_item.get((planned.bank_id, planned.question_id), ())
                    if n.session_id in (None, session.session_id)
                ),
            )
        )
    summary = None
    if session.kind == "interview":
        summary = summarise_interview(session.session_id, (i.look for i in items if i.look), len(session.plan))
    return PastSession(session, status, finished_at, tuple(items), summary)


def response_text(item: PastItem) -> str:
    """The candidate's answer in words: the displayed options chosen, the number, or the text."""
    if item.outcome is not None:
        return item.outcome.score.given_answer or "(no answer)"
    if item.look is not None:
        return item.look.text or "(no answer typed)"
    response = None if item.answer is None else item.answer.response
    if response is None:
        return "(no answer)"
    return ", ".join(map(str, response)) if isinstance(response, list) else str(response)


def item_dict(item: PastItem, attempts: Mapping[tuple[str, str], Sequence[Any]] | None = None) -> dict[str, Any]:
    """One item as plain JSON values (``history show --format json``)."""
    q = item.question
    a = item.answer
    d: dict[str, Any] = {
        "position": item.position,
        "bank_id": item.bank_id,
        "question_id": item.question_id,
        "question_type": q.type if q is not None else (a.question_type if a else None),
        "in_banks": q is not None,
        "edited_since": item.edited,
        "text": item.title if q is not None else None,
        "response": None if a is None else a.response,
        "answer": response_text(item),
        "result": item.result,
        "correct": None if a is None else a.correct,
        "score": None if a is None else a.score,
        "time_spent": None if a is None else a.time_spent,
        "flagged": bool(a and a.flagged),
        "timed_out": bool(a and a.timed_out),
        "confidence": None if a is None else a.confidence,
        "miss_reason": None if a is None else a.miss_reason,
        "dangerous": bool(a and a.dangerous),
        "notes": [{"text": n.text, "created_at": n.created_at} for n in item.notes],
    }
    if item.outcome is not None:
        d["correct_answer"] = item.outcome.score.correct_answer
        d["explanation"] = item.outcome.explanation
        d["references"] = [r.citation() for r in item.outcome.references]
    if item.look is not None:
        look = item.look
        d["interview"] = {
            "covered": look.covered,
            "total": look.total,
            "key_points": [
                {
                    "text": v.text,
                    "covered": v.final,
                    "automatic": v.covered,
                    "override": v.override,
                    "matched": list(v.matched),
                }
                for v in look.verdicts
            ],
            "red_flags": list(look.red_flags),
            "metrics": dict(look.metrics),
            "think_used": look.think_used,
            "answer_used": look.answer_used,
            "probes": [
                {"probe": p.probe, "text": p.text, "words": p.words, "note": p.note, "timed_out": p.timed_out}
                for p in look.probes
            ],
            "model_answer": look.model_answer,
        }
        if attempts is not None:
            d["interview"]["all_answers"] = [
                {
                    "session_id": t.session_id,
                    "answered_at": t.answered_at,
                    "covered": t.covered,
                    "total": t.total,
                    "text": t.text,
                }
                for t in attempts.get((item.bank_id, item.question_id), ())
            ]
    return d
