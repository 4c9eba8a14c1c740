"""A mock interview: timed think and answer phases per prompt, follow-up probes, feedback.

How the app drives it::

    fmt = find_format(banks, "quick-start")
    selection = select_prompts(banks, interview_format=fmt, seed=None)
    interview = InterviewSession.start(selection, InterviewSettings(interview_format=fmt))
    store.start_session(interview.record)
    every 0.25 s:  update = interview.tick()          # phase changes, automatic submits
    on typing:     interview.update_text(text_area.text)
    on "done":     update = interview.submit()        # or submit(text)
    for saved in update.saved: store.add_answer(saved.answer, saved.interview)
    in FEEDBACK:   interview.view().feedback; interview.override(position, point, True)
                   then interview.next()              # next prompt, or FINISHED with results

Phases per prompt: ``THINK`` (countdown; ``start_answering()`` or typing ends it early) →
``ANSWER`` (countdown while typing; at time-out the typed text, even empty, is submitted
automatically with ``timed_out=True``) → one ``PROBE`` per follow-up question, each with its
own answer time → ``FEEDBACK`` (untimed: key-point verdicts, metrics, model answer) →
``next()`` → the next prompt's ``THINK`` ... → ``FINISHED``. A phase starts when the session
switches to it (at the ``tick`` or action that switches), so the candidate always gets the
full time on screen; ``think_seconds == 0`` goes straight to ``ANSWER``.

Times for a prompt (overrides first):

* think: ``InterviewSettings.think_seconds`` (--think) → the format's → the question's;
* answer: ``InterviewSettings.answer_seconds`` (--answer) → the format's → the question's;
* probe: ``InterviewSettings.probe_seconds`` → the question's ``probe_seconds`` → the
  format's → half the answer time; never longer than the answer time unless set explicitly.
* probes are asked when ``InterviewSettings.probes`` (or else the format's ``probes``) is
  true, which is the default.

Judging: the session is handed a ``Judge`` (``trainer.practice.judge``; default
``DEFAULT_JUDGE``) the way it is handed a clock. The main answer is judged against the
prompt's key points and red flags; a probe with its own key points or red flags is judged
the same way against those (a plain probe is not judged and scores 0).

Records: every submitted answer (prompt or probe) yields a ``SavedAnswer`` = an
``InterviewRecord`` plus an ``AnswerRecord`` (``probe_index`` None for the prompt, 0.. for
probes; ``response`` = the text; ``correct`` None; ``score`` = ``judge.score``: share of key
points judged covered, after overrides, minus red-flag penalties).
``InterviewRecord.verdicts`` holds each point's verdict (status, the words and synonym that
earned it, the evidence sentence); ``InterviewRecord.metrics`` holds the delivery figures plus
``judge`` (the judge's version) and ``red_flags`` (each raised flag with its evidence).
``AnswerRecord.time_spent`` = think time used + answer time used (as measured, not capped);
``InterviewRecord.time_used`` = answer time used (what words per minute is based on).
``override(position, point, verdict)`` re-emits the prompt's pair with the new score.

Spoken answers (``trainer.speech``): ``hold(timed_out)`` stops the answer clock when the
recording stops (at the time limit or on the candidate's key), so the time spent
transcribing and correcting the transcript is not answer time and no automatic submit
happens meanwhile; ``submit(text, spoken=...)`` then judges the corrected transcript like a
typed answer and stores the delivery figures measured from the audio under
``metrics["spoken"]`` (``trainer.practice.delivery.SpokenDelivery``), beside the text's own.

The model answer is in the feedback, which exists only after the main answer was submitted.

Resume: ``InterviewSession.resume(banks, record, interview_records, answer_records, draft=...)``
rebuilds the same prompts in the same order, restores every answered prompt (text, probe
answers, self-ratings and the verdicts *as stored*: an answer keeps the verdict of the judge
that gave it, never re-judged by another judge version; delivery figures are recomputed from
the stored text and times) and continues with the first prompt that has no main answer, from
its THINK phase with full times (an interrupted answer was never submitted, so it is asked
again; probes left unanswered on an answered prompt are not asked again). With every prompt
answered it opens the last prompt's FEEDBACK.

Drafts: ``draft()`` is the answer being typed (``DraftRecord``: text, think time used, time
used so far in this answer or follow-up phase), which the app saves now and then (see
``trainer.practice.drafts``). When resuming with the saved draft of that very prompt (its
main answer, or the next follow-up of the last answered prompt), the session continues in
that ANSWER (or PROBE) phase with the draft's text, and the time already used is charged:
the phase's remaining time is its allowance minus the draft's ``phase_used`` (time while the
program was closed is not counted; a draft saved after its time ran out is submitted as
timed out at the next tick). A draft for any other prompt is ignored.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from trainer.banks.model import Bank, InterviewFormat
from trainer.banks.questions import OpenQuestion
from trainer.history.records import AnswerRecord, DraftRecord, InterviewRecord, KeyPointVerdict, SessionRecord
from trainer.practice.analysis import AnswerMetrics, measure
from trainer.practice.clock import Clock, SystemClock, WallClock
from trainer.practice.delivery import SpokenDelivery
from trainer.practice.judge import DEFAULT_JUDGE, FlagJudgement, Judge, Judgement, score, stored_flags
from trainer.practice.selection import Selection, find_format, items_for_plan, open_prompts


class Phase(StrEnum):
    THINK = "think"
    ANSWER = "answer"
    PROBE = "probe"
    FEEDBACK = "feedback"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Timing:
    think: int
    answer: int
    probe: int
    probes: tuple[str, ...]  # the follow-ups that will be asked (empty when probes are off)


@dataclass(frozen=True, slots=True)
class InterviewSettings:
    think_seconds: int | None = None
    answer_seconds: int | None = None
    probe_seconds: int | None = None
    probes: bool | None = None  # None: the format decides (default: ask them)
    interview_format: InterviewFormat | None = None

    def __post_init__(self) -> None:
        for name in ("think_seconds", "answer_seconds", "probe_seconds"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("answer_seconds", "probe_seconds"):
            if getattr(self, name) == 0:
                raise ValueError(f"{name} must be positive")

    def timing(self, q: OpenQuestion) -> Timing:
        fmt = self.interview_format

        def first(*values: int | None) -> int:
            return next(v for v in values if v is not None)

        think = first(self.think_seconds, fmt.think_seconds if fmt else None, q.think_seconds)
        answer = first(self.answer_seconds, fmt.answer_seconds if fmt else None, q.answer_seconds)
        if self.probe_seconds is not None:
            probe = self.probe_seconds
        else:
            probe = min(answer, first(q.probe_seconds, fmt.probe_seconds if fmt else None, max(1, answer // 2)))
        ask = self.probes if self.probes is not None else (fmt.probes if fmt else True)
        return Timing(think, answer, probe, tuple(p.prompt for p in q.probes) if ask else ())

    def as_settings(self) -> dict[str, Any]:
        return {
            "format": None if self.interview_format is None else self.interview_format.id,
            "think_seconds": self.think_seconds,
            "answer_seconds": self.answer_seconds,
            "probe_seconds": self.probe_seconds,
            "probes": self.probes,
        }


@dataclass(frozen=True, slots=True)
class SavedAnswer:
    """One answer event for the history store: both rows, written together."""

    interview: InterviewRecord
    answer: AnswerRecord


LEGACY_JUDGE = "keywords"  # the version of answers stored before the judge recorded one


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a judge decided about one answer, as kept by the session and stored with it."""

    judge: str  # the judge's version
    points: tuple[KeyPointVerdict, ...]  # automatic verdicts (no overrides)
    flags: tuple[FlagJudgement, ...] = ()

    @classmethod
    def of(cls, judgement: Judgement) -> Verdict:
        return cls(judgement.judge, judgement.verdicts(), judgement.flags)

    @classmethod
    def stored(cls, rec: InterviewRecord) -> Verdict:
        """The verdict as the record keeps it (rows from before the judge: version "keywords")."""
        points = tuple(replace(v, override=None) for v in rec.verdicts)
        return cls(str(rec.metrics.get("judge", LEGACY_JUDGE)), points, stored_flags(rec.metrics))

    def with_overrides(self, overrides: dict[int, bool | None]) -> tuple[KeyPointVerdict, ...]:
        return tuple(replace(v, override=overrides.get(i)) for i, v in enumerate(self.points))

    def metrics(self) -> dict[str, Any]:
        return {"judge": self.judge, "red_flags": [f.as_dict() for f in self.flags]}


@dataclass(frozen=True, slots=True)
class ProbeAnswer:
    index: int
    probe: str
    text: str
    metrics: AnswerMetrics
    timed_out: bool
    verdict: Verdict | None = None  # None when the probe has nothing to judge against
    spoken: SpokenDelivery | None = None  # delivery from the audio, when the answer was spoken

    @property
    def verdicts(self) -> tuple[KeyPointVerdict, ...]:
        return () if self.verdict is None else self.verdict.points

    @property
    def flags(self) -> tuple[FlagJudgement, ...]:
        return () if self.verdict is None else self.verdict.flags

    @property
    def score(self) -> float:
        return 0.0 if self.verdict is None else score(self.verdict.points, self.verdict.flags)


@dataclass(frozen=True, slots=True)
class PromptFeedback:
    """What a strong answer covers, and how this one did (after the main answer only)."""

    position: int
    question: OpenQuestion
    text: str
    metrics: AnswerMetrics
    verdicts: tuple[KeyPointVerdict, ...]  # with the candidate's overrides
    flags: tuple[FlagJudgement, ...]  # red flags the answer raised, shown first
    judge: str  # version of the judge that gave the verdicts
    probes: tuple[ProbeAnswer, ...]
    think_used: float
    timed_out: bool
    spoken: SpokenDelivery | None = None  # delivery from the audio, when the answer was spoken

    @property
    def score(self) -> float:
        return score(self.verdicts, self.flags)

    @property
    def model_answer(self) -> str | None:
        return self.question.model_answer

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The words that earned each point finally judged covered, sorted (for highlighting)."""
        return tuple(sorted({s for v in self.verdicts if v.final and v.covered for s in v.spans}))


@dataclass(frozen=True, slots=True)
class InterviewView:
    phase: Phase
    position: int  # 0-based prompt index
    total: int
    question: OpenQuestion
    prompt: str  # what is being asked now: the prompt, or the current probe
    probe_index: int | None
    probe_count: int  # probes that will be asked after this prompt
    text: str  # typed so far in this phase
    seconds_allowed: float | None  # length of the current phase; None when untimed
    remaining: float | None
    feedback: PromptFeedback | None  # in FEEDBACK (and for the last prompt when FINISHED)

    @property
    def number(self) -> int:
        return self.position + 1


@dataclass(frozen=True, slots=True)
class InterviewResults:
    session_id: str
    ended_by: str  # "completed" | "ended_early"
    prompts: tuple[PromptFeedback, ...]  # answered prompts, in order
    total: int  # prompts planned
    total_time: float

    @property
    def answered(self) -> int:
        return len(self.prompts)

    @property
    def average_score(self) -> float | None:
        return sum(p.score for p in self.prompts) / len(self.prompts) if self.prompts else None

    @property
    def points_covered(self) -> int:
        return sum(v.final for p in self.prompts for v in p.verdicts)

    @property
    def points_total(self) -> int:
        return sum(len(p.verdicts) for p in self.prompts)


@dataclass(frozen=True, slots=True)
class InterviewUpdate:
    saved: tuple[SavedAnswer, ...] = ()
    phase_changed: bool = False
    error: str | None = None
    results: InterviewResults | None = None


@dataclass
class _Prompt:
    question: OpenQuestion
    timing: Timing
    text: str | None = None
    think_used: float = 0.0
    answer_used: float = 0.0
    timed_out: bool = False
    metrics: AnswerMetrics | None = None
    verdict: Verdict | None = None
    spoken: SpokenDelivery | None = None
    probes: list[ProbeAnswer] = field(default_factory=list)
    overrides: dict[int, bool | None] = field(default_factory=dict)


class InterviewSession:
    """One mock interview; see the module docstring. Build with ``start``."""

    def __init__(
        self,
        record: SessionRecord,
        questions: tuple[OpenQuestion, ...],
        settings: InterviewSettings,
        clock: Clock | None = None,
        wall: WallClock = time.time,
        judge: Judge = DEFAULT_JUDGE,  # type: ignore[assignment]  # Judge.version is settable in judge.py
    ) -> None:
        if not questions:
            raise ValueError("an interview needs at least one open question")
        self.record = record
        self.settings = settings
        self._clock = clock or SystemClock()
        self._wall = wall
        self._judge = judge
        self._prompts = [_Prompt(q, settings.timing(q)) for q in questions]
        self._position = 0
        self._phase = Phase.THINK
        self._probe: int | None = None
        self._phase_start = self._clock.now()
        self._started = self._phase_start
        self._draft = ""
        self._held: tuple[float, bool] | None = None  # (phase time used, timed out) once hold() stopped the clock
        self._results: InterviewResults | None = None

    @classmethod
    def start(
        cls,
        selection: Selection,
        settings: InterviewSettings = InterviewSettings(),
        *,
        clock: Clock | None = None,
        wall: WallClock = time.time,
        session_id: str | None = None,
        judge: Judge = DEFAULT_JUDGE,  # type: ignore[assignment]  # Judge.version is settable in judge.py
    ) -> InterviewSession:
        questions = open_prompts(selection)
        if len(questions) != len(selection.items):
            raise ValueError("interviews take open questions only")
        record = SessionRecord(
            session_id=session_id or uuid.uuid4().hex,
            kind="interview",
            mode="interview",
            started_at=wall(),
            banks=dict(selection.bank_versions),
            settings=settings.as_settings() | {"selection": dict(selection.settings), "available": selection.available},
            seed=selection.seed,
            plan=selection.plan,
        )
        session = cls(record, questions, settings, clock, wall, judge)
        session._begin_prompt(0)
        return session

    @classmethod
    def resume(
        cls,
        banks: Sequence[Bank],
        record: SessionRecord,
        interviews: Iterable[InterviewRecord],
        answers: Iterable[AnswerRecord] = (),
        *,
        clock: Clock | None = None,
        wall: WallClock = time.time,
        draft: DraftRecord | None = None,
        judge: Judge = DEFAULT_JUDGE,  # type: ignore[assignment]  # Judge.version is settable in judge.py
    ) -> InterviewSession:
        """Continue a recorded interview (see the module docstring); later records win. ``judge``
        judges the answers still to come; answered ones keep their stored verdicts."""
        if record.kind != "interview":
            raise ValueError(f"not an interview session: {record.kind!r}")
        stored = record.settings
        format_id = stored.get("format")
        settings = InterviewSettings(
            think_seconds=stored.get("think_seconds"),
            answer_seconds=stored.get("answer_seconds"),
            probe_seconds=stored.get("probe_seconds"),
            probes=stored.get("probes"),
            interview_format=find_format(banks, format_id) if format_id else None,
        )
        questions = tuple(item.question for item in items_for_plan(banks, record.plan))
        session = cls(record, questions, settings, clock, wall, judge)  # type: ignore[arg-type]
        timed_out = {(a.position, a.probe_index): a.timed_out for a in answers if a.session_id == record.session_id}
        latest: dict[tuple[int, int | None], InterviewRecord] = {}
        for rec in interviews:
            if rec.session_id == record.session_id and 0 <= rec.position < session.total:
                latest[(rec.position, rec.probe_index)] = rec
        for (position, probe_index), rec in sorted(
            latest.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or 0)
        ):
            session._restore(position, probe_index, rec, timed_out.get((position, probe_index), False))
        pending = next((i for i, p in enumerate(session._prompts) if p.text is None), None)
        if pending is None:
            session._position, session._phase, session._probe = session.total - 1, Phase.FEEDBACK, None
        else:
            session._begin_prompt(pending)
        if draft is not None and draft.session_id == record.session_id:
            session._continue_draft(pending, draft)
        return session

    def _continue_draft(self, pending: int | None, draft: DraftRecord) -> None:
        """Go back into the phase the draft was typed in, with its text and time used."""
        if draft.probe_index is None:
            if draft.position != pending:
                return
            self._prompts[draft.position].think_used = draft.think_used
            self._phase, self._probe = Phase.ANSWER, None
        else:
            last = (pending if pending is not None else self.total) - 1
            if last < 0 or draft.position != last:
                return
            p = self._prompts[last]
            if draft.probe_index != len(p.probes) or draft.probe_index >= len(p.timing.probes):
                return
            self._position, self._phase, self._probe = last, Phase.PROBE, draft.probe_index
        self._draft = draft.text
        self._phase_start = self._clock.now() - max(0.0, draft.phase_used)

    def _restore(self, position: int, probe_index: int | None, rec: InterviewRecord, timed_out: bool) -> None:
        p = self._prompts[position]
        if probe_index is None:
            p.text, p.answer_used, p.timed_out = rec.text, rec.time_used, timed_out
            p.think_used = float(rec.metrics.get("think_seconds_used", 0.0))
            p.metrics = measure(rec.text, rec.time_used, rec.answer_seconds_allowed)
            p.verdict = Verdict.stored(rec)
            p.spoken = SpokenDelivery.from_dict(rec.metrics.get("spoken"))
            p.overrides = {i: v.override for i, v in enumerate(rec.verdicts) if v.override is not None}
        elif p.text is not None and probe_index < len(p.timing.probes):
            metrics = measure(rec.text, rec.time_used, rec.answer_seconds_allowed)
            judged = self._probe_judged(p.question, probe_index)
            verdict = Verdict.stored(rec) if judged else None
            p.probes.append(
                ProbeAnswer(
                    probe_index,
                    p.timing.probes[probe_index],
                    rec.text,
                    metrics,
                    timed_out,
                    verdict,
                    SpokenDelivery.from_dict(rec.metrics.get("spoken")),
                )
            )

    # --- reading -------------------------------------------------------------------------

    @property
    def session_id(self) -> str:
        return self.record.session_id

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def position(self) -> int:
        return self._position

    @property
    def total(self) -> int:
        return len(self._prompts)

    @property
    def results(self) -> InterviewResults | None:
        return self._results

    def _phase_elapsed(self) -> float:
        if self._held is not None:
            return self._held[0]
        return self._clock.now() - self._phase_start

    @property
    def held(self) -> bool:
        """Whether the answer clock was stopped by ``hold`` (a spoken answer being transcribed or corrected)."""
        return self._held is not None

    def _phase_allowed(self) -> float | None:
        timing = self._prompts[self._position].timing
        return {Phase.THINK: timing.think, Phase.ANSWER: timing.answer, Phase.PROBE: timing.probe}.get(self._phase)

    def view(self) -> InterviewView:
        prompt = self._prompts[self._position]
        allowed = self._phase_allowed()
        asking = prompt.question.prompt
        if self._phase is Phase.PROBE and self._probe is not None:
            asking = prompt.timing.probes[self._probe]
        return InterviewView(
            phase=self._phase,
            position=self._position,
            total=self.total,
            question=prompt.question,
            prompt=asking,
            probe_index=self._probe if self._phase is Phase.PROBE else None,
            probe_count=len(prompt.timing.probes),
            text=self._draft,
            seconds_allowed=None if allowed is None else float(allowed),
            remaining=None if allowed is None else max(0.0, allowed - self._phase_elapsed()),
            feedback=self.feedback(self._position) if self._phase in (Phase.FEEDBACK, Phase.FINISHED) else None,
        )

    def draft(self) -> DraftRecord | None:
        """The answer being typed now, to save in case of a crash; None when not answering."""
        if self._phase not in (Phase.ANSWER, Phase.PROBE):
            return None
        return DraftRecord(
            session_id=self.session_id,
            position=self._position,
            probe_index=self._probe if self._phase is Phase.PROBE else None,
            text=self._draft,
            think_used=self._prompts[self._position].think_used,
            phase_used=self._phase_elapsed(),
            saved_at=self._wall(),
        )

    def feedback(self, position: int) -> PromptFeedback | None:
        """The prompt's feedback, or None until its main answer was given."""
        p = self._prompts[position]
        if p.text is None or p.metrics is None or p.verdict is None:
            return None
        return PromptFeedback(
            position=position,
            question=p.question,
            text=p.text,
            metrics=p.metrics,
            verdicts=p.verdict.with_overrides(p.overrides),
            flags=p.verdict.flags,
            judge=p.verdict.judge,
            probes=tuple(p.probes),
            think_used=p.think_used,
            timed_out=p.timed_out,
            spoken=p.spoken,
        )

    # --- the candidate's actions -------------------------------------------------------

    def tick(self) -> InterviewUpdate:
        """Move on when the current phase's time is up (submitting typed text if answering)."""
        allowed = self._phase_allowed()
        if allowed is None or self._held is not None or self._phase_elapsed() < allowed:
            return InterviewUpdate()
        if self._phase is Phase.THINK:
            self._begin_answer()
            return InterviewUpdate(phase_changed=True)
        return self._submit(timed_out=True)

    def start_answering(self) -> InterviewUpdate:
        """End the think phase early."""
        if self._phase is not Phase.THINK:
            return InterviewUpdate(error="Not in the thinking phase")
        self._begin_answer()
        return InterviewUpdate(phase_changed=True)

    def update_text(self, text: str) -> InterviewUpdate:
        """The text typed so far; typing during THINK starts the answer phase."""
        update = InterviewUpdate()
        if self._phase is Phase.THINK:
            update = self.start_answering()
        if self._phase not in (Phase.ANSWER, Phase.PROBE):
            return InterviewUpdate(error="Not answering now")
        self._draft = text
        return update

    def hold(self, timed_out: bool = False) -> InterviewUpdate:
        """Stop the answer clock now (a spoken answer's recording ended; ``timed_out``: at the limit).

        The time used so far is what the answer is charged; the phase waits for ``submit``.
        """
        if self._phase not in (Phase.ANSWER, Phase.PROBE):
            return InterviewUpdate(error="Not answering now")
        if self._held is None:
            self._held = (self._phase_elapsed(), timed_out)  # as measured, never capped
        return InterviewUpdate()

    def submit(self, text: str | None = None, spoken: SpokenDelivery | None = None) -> InterviewUpdate:
        """Submit the answer (``text`` or what was typed). Late submits count as time-outs.

        ``spoken``: the delivery figures of a spoken answer, stored with it."""
        if self._phase not in (Phase.ANSWER, Phase.PROBE):
            return InterviewUpdate(error="Not answering now")
        if text is not None:
            self._draft = text
        if self._held is not None:
            return self._submit(timed_out=self._held[1], spoken=spoken)
        allowed = self._phase_allowed()
        late = allowed is not None and self._phase_elapsed() >= allowed
        return self._submit(timed_out=late, spoken=spoken)

    def next(self) -> InterviewUpdate:
        """From FEEDBACK to the next prompt, or to FINISHED after the last one."""
        if self._phase is not Phase.FEEDBACK:
            return InterviewUpdate(error="Finish this answer first")
        if self._position + 1 < self.total:
            self._begin_prompt(self._position + 1)
            return InterviewUpdate(phase_changed=True)
        return self._finish("completed")

    def end_early(self) -> InterviewUpdate:
        """Stop now; text being typed is submitted if there is any."""
        if self._phase is Phase.FINISHED:
            return InterviewUpdate(results=self._results)
        update = InterviewUpdate()
        if self._phase in (Phase.ANSWER, Phase.PROBE) and self._draft.strip():
            update = self._submit(timed_out=False)
        finished = self._finish("ended_early")
        return InterviewUpdate(update.saved, True, None, finished.results)

    def override(self, position: int, point: int, verdict: bool | None) -> InterviewUpdate:
        """Self-rating of key point ``point`` (None removes it); re-emits the prompt's records."""
        if not 0 <= position < self.total:
            return InterviewUpdate(error=f"There is no prompt {position + 1}")
        p = self._prompts[position]
        if p.verdict is None:
            return InterviewUpdate(error="Answer the prompt before rating it")
        if not 0 <= point < len(p.question.key_points):
            return InterviewUpdate(error=f"There is no key point {point + 1}")
        p.overrides[point] = verdict
        return InterviewUpdate((self._main_saved(position),))

    # --- transitions -------------------------------------------------------------------

    def _begin_prompt(self, position: int) -> None:
        self._position = position
        self._probe = None
        self._draft = ""
        self._held = None
        self._phase = Phase.THINK
        self._phase_start = self._clock.now()
        if self._prompts[position].timing.think <= 0:
            self._begin_answer()

    def _begin_answer(self) -> None:
        self._prompts[self._position].think_used = self._phase_elapsed()
        self._phase = Phase.ANSWER
        self._phase_start = self._clock.now()

    def _submit(self, timed_out: bool, spoken: SpokenDelivery | None = None) -> InterviewUpdate:
        p = self._prompts[self._position]
        used = self._phase_elapsed()
        self._held = None
        text = self._draft
        allowed = float(self._phase_allowed() or 0)
        q = p.question
        if self._phase is Phase.ANSWER:
            p.text, p.answer_used, p.timed_out = text, used, timed_out
            p.metrics = measure(text, used, allowed)
            p.spoken = spoken
            p.verdict = Verdict.of(self._judge.judge(text, q.key_points, q.red_flags, q.synonyms))
            saved = self._main_saved(self._position)
            next_probe = 0
        else:
            index = self._probe or 0
            verdict = None
            if self._probe_judged(q, index):
                spec = q.probes[index]
                verdict = Verdict.of(self._judge.judge(text, spec.key_points, spec.red_flags, q.synonyms))
            probe = ProbeAnswer(
                index, p.timing.probes[index], text, measure(text, used, allowed), timed_out, verdict, spoken
            )
            p.probes.append(probe)
            saved = self._probe_saved(self._position, probe)
            next_probe = index + 1
        self._draft = ""
        self._phase_start = self._clock.now()
        if next_probe < len(p.timing.probes):
            self._phase, self._probe = Phase.PROBE, next_probe
        else:
            self._phase, self._probe = Phase.FEEDBACK, None
        return InterviewUpdate((saved,), phase_changed=True)

    def _finish(self, ended_by: str) -> InterviewUpdate:
        self._phase, self._probe = Phase.FINISHED, None
        answered = tuple(f for i in range(self.total) if (f := self.feedback(i)) is not None)
        self._results = InterviewResults(
            self.session_id, ended_by, answered, self.total, self._clock.now() - self._started
        )
        return InterviewUpdate(phase_changed=True, results=self._results)

    # --- records -----------------------------------------------------------------------

    def _answer_record(
        self, position: int, text: str, score: float, time_spent: float, timed_out: bool, probe_index: int | None
    ) -> AnswerRecord:
        q = self._prompts[position].question
        return AnswerRecord(
            session_id=self.session_id,
            position=position,
            bank_id=q.bank_id,
            question_id=q.id,
            content_hash=q.content_hash,
            question_type=q.type,
            category=q.category,
            difficulty=q.difficulty,
            tags=q.tags,
            response=text,
            correct=None,
            score=score,
            time_spent=time_spent,
            flagged=False,
            answered_at=self._wall(),
            timed_out=timed_out,
            probe_index=probe_index,
        )

    @staticmethod
    def _probe_judged(q: OpenQuestion, index: int) -> bool:
        """Whether probe ``index`` has key points or red flags of its own."""
        spec = q.probes[index] if index < len(q.probes) else None
        return spec is not None and bool(spec.key_points or spec.red_flags)

    def _main_saved(self, position: int) -> SavedAnswer:
        p = self._prompts[position]
        assert p.text is not None and p.metrics is not None and p.verdict is not None
        judged = p.verdict.with_overrides(p.overrides)
        metrics = p.metrics.as_dict() | {"think_seconds_used": round(p.think_used, 3)} | p.verdict.metrics()
        if p.spoken is not None:
            metrics["spoken"] = p.spoken.as_dict()
        interview = InterviewRecord(
            session_id=self.session_id,
            position=position,
            probe_index=None,
            text=p.text,
            verdicts=judged,
            metrics=metrics,
            answer_seconds_allowed=p.timing.answer,
            time_used=p.answer_used,
        )
        answer = self._answer_record(
            position, p.text, score(judged, p.verdict.flags), p.think_used + p.answer_used, p.timed_out, None
        )
        return SavedAnswer(interview, answer)

    def _probe_saved(self, position: int, probe: ProbeAnswer) -> SavedAnswer:
        p = self._prompts[position]
        interview = InterviewRecord(
            session_id=self.session_id,
            position=position,
            probe_index=probe.index,
            text=probe.text,
            verdicts=probe.verdicts,
            metrics=probe.metrics.as_dict()
            | {"probe": probe.probe}
            | (probe.verdict.metrics() if probe.verdict else {})
            | ({"spoken": probe.spoken.as_dict()} if probe.spoken else {}),
            answer_seconds_allowed=p.timing.probe,
            time_used=probe.metrics.seconds_used,
        )
        answer = self._answer_record(
            position, probe.text, probe.score, probe.metrics.seconds_used, probe.timed_out, probe.index
        )
        return SavedAnswer(interview, answer)


__all__ = [
    "InterviewResults",
    "InterviewSession",
    "InterviewSettings",
    "InterviewUpdate",
    "InterviewView",
    "Phase",
    "ProbeAnswer",
    "PromptFeedback",
    "SavedAnswer",
    "Timing",
    "Verdict",
]
