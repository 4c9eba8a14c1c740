"""What an interview looked like, prompt by prompt: the end-of-interview summary and the
re-reading of a past interview share these values.

A ``PromptLook`` is one answered prompt as plain values, built either from the live
``PromptFeedback`` or from what the history stored (``from_records``: the stored verdicts,
never re-judged). ``summarise_interview`` adds up a list of them.

Follow-up answers: one under ``SHORT_PROBE_WORDS`` words (empty included) is pointed out.
A follow-up probes the answer just given, and a panel expects a few sentences to it, not a
phrase; 15 words is about one spoken sentence (5-6 seconds at a conversational 150 words
per minute), so anything shorter is at most a fragment.

Red flags: the statements the judge raised, from the live feedback or from the stored
record's metrics (``trainer.practice.judge.stored_flags``); a record from before the judge
has none.

Spoken answers: a prompt answered aloud keeps the figures measured on its recording
(``trainer.practice.delivery.SpokenDelivery``): its pace is words over *speaking* time, which
the typed text's words over the answer's whole time (recording, transcription, corrections)
would understate. The summary adds them up over the spoken answers (``SpokenTotals``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trainer.history.records import AnswerRecord, InterviewRecord, KeyPointVerdict
from trainer.practice.delivery import SpokenDelivery
from trainer.practice.judge import FlagJudgement, stored_flags

SHORT_PROBE_WORDS = 15


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True, slots=True)
class ProbeLook:
    index: int
    probe: str  # the follow-up question
    text: str  # what the candidate said
    seconds_used: float
    timed_out: bool

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def short(self) -> bool:
        return self.words < SHORT_PROBE_WORDS

    @property
    def note(self) -> str | None:
        """What to say about this follow-up answer, if anything."""
        return probe_note(self.text)


def probe_note(text: str) -> str | None:
    """The remark on an empty or short follow-up answer (see ``SHORT_PROBE_WORDS``), else None."""
    words = word_count(text)
    if not words:
        return "no answer to this follow-up"
    if words < SHORT_PROBE_WORDS:
        return f"short: {words} word{'s' if words != 1 else ''} (a follow-up deserves a few sentences)"
    return None


@dataclass(frozen=True, slots=True)
class PromptLook:
    """One answered interview prompt, as shown in the summary and when re-read later."""

    position: int
    bank_id: str
    question_id: str
    prompt: str
    text: str
    verdicts: tuple[KeyPointVerdict, ...]
    words: int
    words_per_minute: float | None
    fillers: Mapping[str, int]
    think_used: float
    answer_used: float
    answer_allowed: float
    timed_out: bool
    probes: tuple[ProbeLook, ...] = ()
    red_flags: tuple[str, ...] = ()
    model_answer: str | None = None
    metrics: Mapping[str, Any] = field(default_factory=dict)
    spoken: SpokenDelivery | None = None  # the recording's figures, when the answer was spoken

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def covered(self) -> int:
        return sum(v.final for v in self.verdicts)

    @property
    def total(self) -> int:
        return len(self.verdicts)

    @property
    def score(self) -> float | None:
        return self.covered / self.total if self.total else None

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(v.text for v in self.verdicts if not v.final)

    @property
    def time_used(self) -> float:
        """Thinking, answering and the follow-ups, as measured."""
        return self.think_used + self.answer_used + sum(p.seconds_used for p in self.probes)

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def short_probes(self) -> tuple[ProbeLook, ...]:
        return tuple(p for p in self.probes if p.short)


def flag_text(flag: FlagJudgement) -> str:
    """One raised red flag as the summary and a re-read prompt show it."""
    return f"{flag.statement} ({flag.kind}): {flag.why}" if flag.why else flag.statement


def look_from_feedback(feedback: Any) -> PromptLook:
    """The live feedback of one prompt (``trainer.practice.interview.PromptFeedback``)."""
    metrics = feedback.metrics
    question = feedback.question
    return PromptLook(
        position=feedback.position,
        bank_id=question.bank_id,
        question_id=question.id,
        prompt=question.prompt,
        text=feedback.text,
        verdicts=tuple(feedback.verdicts),
        words=metrics.words,
        words_per_minute=metrics.words_per_minute,
        fillers=dict(metrics.fillers),
        think_used=feedback.think_used,
        answer_used=metrics.seconds_used,
        answer_allowed=metrics.seconds_allowed,
        timed_out=feedback.timed_out,
        probes=tuple(ProbeLook(p.index, p.probe, p.text, p.metrics.seconds_used, p.timed_out) for p in feedback.probes),
        red_flags=tuple(flag_text(f) for f in feedback.flags),
        model_answer=feedback.model_answer,
        metrics=metrics.as_dict(),
        spoken=feedback.spoken,
    )


def look_from_records(
    main: InterviewRecord,
    answer: AnswerRecord | None,
    probes: Sequence[InterviewRecord] = (),
    probe_answers: Mapping[int, AnswerRecord] | None = None,
    question: Any = None,
) -> PromptLook:
    """A prompt as the history stored it (verdicts, metrics and texts as saved, not re-judged).

    ``question`` (the bank's ``OpenQuestion``, when still loaded) gives the prompt text and the
    model answer; without it the ids stand in.
    """
    metrics = main.metrics
    probe_answers = probe_answers or {}
    looks = tuple(
        ProbeLook(
            index=p.probe_index or 0,
            probe=str(p.metrics.get("probe") or _probe_text(question, p.probe_index)),
            text=p.text,
            seconds_used=p.time_used,
            timed_out=bool(probe_answers.get(p.probe_index or 0) and probe_answers[p.probe_index or 0].timed_out),
        )
        for p in sorted(probes, key=lambda r: r.probe_index or 0)
    )
    bank_id = answer.bank_id if answer else (question.bank_id if question else "?")
    question_id = answer.question_id if answer else (question.id if question else "?")
    wpm = metrics.get("words_per_minute")
    return PromptLook(
        position=main.position,
        bank_id=bank_id,
        question_id=question_id,
        prompt=question.prompt if question is not None else f"{bank_id}/{question_id}",
        text=main.text,
        verdicts=tuple(main.verdicts),
        words=int(metrics.get("words", word_count(main.text))),
        words_per_minute=None if wpm is None else float(wpm),
        fillers=dict(metrics.get("fillers") or {}),
        think_used=float(metrics.get("think_seconds_used", 0.0)),
        answer_used=main.time_used,
        answer_allowed=float(main.answer_seconds_allowed),
        timed_out=bool(answer and answer.timed_out),
        probes=looks,
        red_flags=tuple(flag_text(f) for f in stored_flags(metrics)),
        model_answer=getattr(question, "model_answer", None),
        metrics=dict(metrics),
        spoken=SpokenDelivery.from_dict(metrics.get("spoken")),
    )


def _probe_text(question: Any, index: int | None) -> str:
    probes = getattr(question, "probes", ()) or ()
    return probes[index] if index is not None and 0 <= index < len(probes) else f"follow-up {(index or 0) + 1}"


@dataclass(frozen=True, slots=True)
class MissedPoint:
    text: str
    times: int  # prompts where it was missed
    prompts: tuple[int, ...]  # their numbers (1-based)


@dataclass(frozen=True, slots=True)
class SpokenTotals:
    """The spoken answers of an interview, added up (``InterviewSummary.spoken``)."""

    answers: int
    words_per_minute: float | None  # all their words over all their speaking time
    pauses: int  # silences longer than ``delivery.PAUSE_SECONDS``
    longest_pause: float


@dataclass(frozen=True, slots=True)
class InterviewSummary:
    session_id: str
    ended_by: str  # "completed" | "ended_early" | "" when read from the history
    planned: int
    prompts: tuple[PromptLook, ...]

    @property
    def answered(self) -> int:
        return len(self.prompts)

    @property
    def covered(self) -> int:
        return sum(p.covered for p in self.prompts)

    @property
    def total_points(self) -> int:
        return sum(p.total for p in self.prompts)

    @property
    def score(self) -> float | None:
        scores = [p.score for p in self.prompts if p.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def time_used(self) -> float:
        return sum(p.time_used for p in self.prompts)

    @property
    def words_per_minute(self) -> float | None:
        """Over every main answer: all words over all answering minutes."""
        minutes = sum(p.answer_used for p in self.prompts) / 60
        return sum(p.words for p in self.prompts) / minutes if minutes > 0 else None

    @property
    def fillers(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for p in self.prompts:
            for word, n in p.fillers.items():
                total[word] = total.get(word, 0) + n
        return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def spoken(self) -> SpokenTotals | None:
        """The main answers given aloud, added up; None when every answer was typed."""
        said = [p.spoken for p in self.prompts if p.spoken is not None]
        if not said:
            return None
        timed = [d for d in said if d.words_per_minute is not None]  # too short to time: left out
        seconds = sum(d.speaking_seconds for d in timed)
        return SpokenTotals(
            answers=len(said),
            words_per_minute=sum(d.words for d in timed) / (seconds / 60) if seconds > 0 else None,
            pauses=sum(d.pauses for d in said),
            longest_pause=max(d.longest_pause for d in said),
        )

    @property
    def red_flags(self) -> tuple[tuple[int, str], ...]:
        return tuple((p.number, flag) for p in self.prompts for flag in p.red_flags)

    @property
    def short_probes(self) -> tuple[tuple[int, ProbeLook], ...]:
        return tuple((p.number, probe) for p in self.prompts for probe in p.short_probes)

    @property
    def work_on_next(self) -> tuple[MissedPoint, ...]:
        """The key points missed, most-missed first (then in the order they came up)."""
        seen: dict[str, list[Any]] = {}
        for p in self.prompts:
            for text in p.missed:
                key = " ".join(text.casefold().split())
                entry = seen.setdefault(key, [text, []])
                if p.number not in entry[1]:
                    entry[1].append(p.number)
        ranked = sorted(enumerate(seen.values()), key=lambda item: (-len(item[1][1]), item[0]))
        return tuple(MissedPoint(text, len(numbers), tuple(numbers)) for _, (text, numbers) in ranked)


def summarise_interview(
    session_id: str, prompts: Iterable[PromptLook], planned: int, ended_by: str = ""
) -> InterviewSummary:
    return InterviewSummary(session_id, ended_by, planned, tuple(sorted(prompts, key=lambda p: p.position)))


def summary_from_results(results: Any) -> InterviewSummary:
    """The summary of a live interview's ``InterviewResults``."""
    return summarise_interview(
        results.session_id, (look_from_feedback(f) for f in results.prompts), results.total, results.ended_by
    )
