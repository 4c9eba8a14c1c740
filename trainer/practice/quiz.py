"""A quiz session: tutor or exam mode, timed or not, resumable from its records.

How the app drives it::

    selection = select_questions(banks, SelectionSpec(categories=("multimodal",), count=20, seed=7))
    quiz = QuizSession.start(selection, QuizSettings(mode="tutor", question_seconds=72))
    store.start_session(quiz.record)                 # a SessionRecord with the plan
    view = quiz.view()                               # what to draw (ItemView)
    update = quiz.choose(2)                          # every action returns a QuizUpdate
    update = quiz.submit()
    for answer in update.records: store.add_answer(answer)   # at once, one by one
    if update.error: show(update.error)              # e.g. "'abc' is not a number ..."
    if update.feedback: show(update.feedback)        # tutor mode only
    if update.results: go_to_results(update.results) # the session just ended
    quiz.tick()                                      # a few times a second: applies time-outs

Resuming: ``QuizSession.resume(banks, session_record, answer_records)``.

Actions and the records they produce (one ``AnswerRecord`` per change; the latest per
position wins):

* ``choose(n)``: option ``n`` (1-based, displayed order). Single: selects it; multiple:
  toggles it. ``clear()`` empties the selection. ``enter_number(text)`` keeps the typed text.
* **Tutor mode**: choices are a draft until ``submit()``, which records the answer (scored),
  locks the item and returns its ``ItemOutcome`` as feedback (right/wrong, per-option verdicts, explanation,
  references). A locked item can be revisited, not changed.
* **Exam mode**: ``choose``/``clear`` record the new answer at once (``correct=None``: not
  scored yet). Typed numbers are recorded by ``submit()`` and also when the candidate moves
  to another item or finishes. Any answer can be changed until the session ends; then
  ``finish()`` scores everything and returns scored records for the history (same positions).
* ``set_flag``/``toggle_flag`` record the flag too (with the current answer, if any).
* ``next()``, ``previous()``, ``go_to(i)``; ``skip()`` goes to the next item neither answered
  nor locked (wrapping round), so skipped items can be come back to.
* ``finish()`` (submit the session) or ``end_early()``: unanswered items count as
  unanswered, never as wrong. Both return the ``Results``. After the end, navigation still
  works for review (``view().feedback`` is set for every item), nothing else changes.
* Numeric input that is not a number returns ``error`` and changes nothing.

Self-knowledge (``trainer.practice.calibration``):

* **Confidence** (``QuizSettings.ask_confidence``): ``submit()`` of an answer whose confidence
  is not stated yet records nothing and returns ``asking_confidence=True`` (the view says so
  too); ``state_confidence(p)`` (a probability; ``confidence_level("high")`` for keys 1-3;
  None to answer without one) then submits it, and the record carries ``confidence``. In
  exam mode a choice is recorded at once as before; ``submit()`` on it asks, and the stated
  confidence is recorded with the same answer. Changing an exam answer forgets its confidence.
* **Why it was missed**: once a wrong answer's feedback is shown (tutor: after submit; exam:
  after the end), ``tag_miss(reason)`` records the reason (``MISS_REASONS``) on the same
  answer (same position and moment); a time-out sets ``time`` by itself (kept in the record
  once the answer is scored and not right).
* **Dangerous errors**: a wrong answer the bank marks as dangerous is scored with
  ``Score.dangerous`` and recorded with ``dangerous=True``.

Time (measured with the injected ``Clock``, never capped):

* Time is charged to the current item while it is not locked; it accumulates over visits.
  Tutor mode stops charging at submit; reading the feedback is not answer time.
* Per-question limit: ``QuizSettings.question_seconds``; a question's own
  ``time_limit_seconds`` replaces it (only in a session with a per-question limit: an
  untimed session stays untimed). It applies to the time accumulated on the item. At
  time-out the item is locked and what was entered when time ran out is its answer, as in
  the interview: a draft (options chosen but not submitted, a number typed but not saved)
  is recorded; an answer already recorded stands otherwise; typed text that is not a
  number cannot be an answer and is dropped. A record with ``timed_out=True`` is produced
  and the session moves to the next open item (if any).
* Total limit: ``QuizSettings.total_seconds``, counted on the session's own elapsed time;
  at time-out the session ends (``ended_by="time_up"``) and is scored with the answers
  recorded so far plus, by the same rule, what was entered on the current item.
* Every action checks time-outs first (so an answer after the limit, before the next
  ``tick``, is refused); ``tick()`` only checks.

Resume policy: the plan is rebuilt exactly (same items, same option order; a question that
is missing or edited raises ``PlanMismatch``). The latest record per position restores the
answer, flag, lock and time spent. Time already used = the sum of ``time_spent`` of those
latest records; time no record captured (reading feedback, the gap while the app was
closed) is not charged. So the remaining total time is ``total_seconds`` minus that sum,
and each question's remaining time is its limit minus its recorded ``time_spent``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from trainer.banks.model import Bank
from trainer.banks.questions import KnowledgeQuestion
from trainer.history.records import MISS_REASONS, AnswerRecord, SessionRecord
from trainer.practice.clock import Clock, SystemClock, WallClock
from trainer.practice.qtypes import answer_type, askable
from trainer.practice.qtypes.base import CHOICE, TEXT, AnswerSlot, InvalidAnswer
from trainer.practice.scoring import ItemOutcome, Results, summarise
from trainer.practice.selection import SelectedItem, Selection, items_for_plan

MODES = ("tutor", "exam")
DEFAULT_QUESTION_SECONDS = 72  # ABA Pain Medicine exam: 200 questions in 4 hours


@dataclass(frozen=True, slots=True)
class QuizSettings:
    mode: str = "tutor"
    question_seconds: float | None = None  # per-question limit; None = untimed
    total_seconds: float | None = None  # whole-session limit; None = none
    ask_confidence: bool = False  # ask "how sure?" before each answer is revealed

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown quiz mode {self.mode!r}; use tutor or exam")
        for name in ("question_seconds", "total_seconds"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be positive")

    def as_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = {"question_seconds": self.question_seconds, "total_seconds": self.total_seconds}
        if self.ask_confidence:  # only when on: a session record from before reads the same
            settings["ask_confidence"] = True
        return settings


@dataclass(frozen=True, slots=True)
class OptionView:
    number: int  # 1-based, as displayed
    id: str
    text: str
    selected: bool
    place: int | None = None  # ordering: where the candidate put this step (1-based); else None


@dataclass(frozen=True, slots=True)
class ItemView:
    """Everything needed to draw the current item."""

    position: int  # 0-based index in the plan
    total: int
    question: KnowledgeQuestion
    options: tuple[OptionView, ...]  # displayed order; () for numeric
    entry: str  # how the type is answered: "choice" (keys 1-9) or "text" (a typed field)
    typed_text: str  # what is typed in the answer field (text entry types)
    unit: str  # numeric questions' unit, else ""
    answered: bool  # an answer is recorded for this item
    unsaved: bool  # exam mode: typed number differs from the recorded one
    flagged: bool
    locked: bool  # cannot be changed (tutor: submitted; timed out; session over)
    timed_out: bool
    time_spent: float
    question_limit: float | None
    question_remaining: float | None
    total_remaining: float | None
    open_items: int  # items neither answered nor locked
    finished: bool
    feedback: ItemOutcome | None  # what the candidate is told about this item, once shown
    asking_confidence: bool = False  # waiting for "how sure?" before this answer is submitted
    confidence: float | None = None  # stated for this item's answer
    miss_reason: str | None = None  # why this item was missed, once tagged (or timed out)
    can_tag_miss: bool = False  # the feedback of a wrong answer is shown: a reason can be tagged

    @property
    def number(self) -> int:
        """1-based position for display."""
        return self.position + 1

    @property
    def numeric_text(self) -> str:
        """The typed text under its first name (numeric questions were the only typed ones)."""
        return self.typed_text


@dataclass(frozen=True, slots=True)
class ItemStatus:
    """One cell of a question navigator."""

    position: int
    answered: bool
    flagged: bool
    locked: bool
    timed_out: bool
    current: bool


@dataclass(frozen=True, slots=True)
class QuizUpdate:
    """The result of one action: records to store now, and what to tell the candidate."""

    records: tuple[AnswerRecord, ...] = ()
    feedback: ItemOutcome | None = None
    error: str | None = None
    timed_out: tuple[int, ...] = ()  # positions that just timed out
    results: Results | None = None  # set when the session just ended
    asking_confidence: bool = False  # submit() waits for state_confidence()

    def __add__(self, other: QuizUpdate) -> QuizUpdate:
        return QuizUpdate(
            self.records + other.records,
            other.feedback or self.feedback,
            other.error or self.error,
            self.timed_out + other.timed_out,
            other.results or self.results,
            other.asking_confidence,
        )


@dataclass
class _Item:
    """Mutable per-item state, private to the session; the answer is the type's slot."""

    question: KnowledgeQuestion
    order: tuple[str, ...]
    answer: AnswerSlot
    flagged: bool = False
    locked: bool = False
    timed_out: bool = False
    spent: float = 0.0  # time before the current visit
    visited: bool = False
    last: AnswerRecord | None = None
    confidence: float | None = None  # stated before the reveal
    asking: bool = False  # submit() is waiting for the confidence
    miss_reason: str | None = None

    @classmethod
    def of(cls, question: KnowledgeQuestion, order: tuple[str, ...]) -> _Item:
        return cls(question, order, answer_type(question.type).slot(question, order))

    @property
    def answered(self) -> bool:
        return self.answer.answered

    @property
    def open(self) -> bool:
        return not self.answered and not self.locked


class QuizSession:
    """One quiz; see the module docstring for the rules. Build with ``start`` or ``resume``."""

    def __init__(
        self,
        record: SessionRecord,
        items: Sequence[SelectedItem],
        settings: QuizSettings,
        clock: Clock | None = None,
        wall: WallClock = time.time,
    ) -> None:
        if not items:
            raise ValueError("a quiz needs at least one question")
        for item in items:
            if not askable(item.question.type):
                raise ValueError(f"{item.question.bank_id}/{item.question.id}: open questions belong in interviews")
        self.record = record
        self.settings = settings
        self._clock = clock or SystemClock()
        self._wall = wall
        self._items = [_Item.of(i.question, tuple(i.option_order)) for i in items]  # type: ignore[arg-type]
        self._current = 0
        self._visit_start: float | None = None
        self._elapsed_before = 0.0
        self._active_since = self._clock.now()
        self._total_time: float | None = None  # set at the end
        self._results: Results | None = None

    # --- construction --------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        selection: Selection,
        settings: QuizSettings = QuizSettings(),
        *,
        clock: Clock | None = None,
        wall: WallClock = time.time,
        session_id: str | None = None,
    ) -> QuizSession:
        record = SessionRecord(
            session_id=session_id or uuid.uuid4().hex,
            kind="quiz",
            mode=settings.mode,
            started_at=wall(),
            banks=dict(selection.bank_versions),
            settings=settings.as_settings() | {"selection": dict(selection.settings), "available": selection.available},
            seed=selection.seed,
            plan=selection.plan,
        )
        session = cls(record, selection.items, settings, clock, wall)
        session._enter(0)
        return session

    @classmethod
    def resume(
        cls,
        banks: Sequence[Bank],
        record: SessionRecord,
        answers: Iterable[AnswerRecord],
        *,
        clock: Clock | None = None,
        wall: WallClock = time.time,
    ) -> QuizSession:
        """Continue a recorded session; later records in ``answers`` win for a position."""
        if record.kind != "quiz":
            raise ValueError(f"not a quiz session: {record.kind!r}")
        settings = QuizSettings(
            mode=record.mode,
            question_seconds=record.settings.get("question_seconds"),
            total_seconds=record.settings.get("total_seconds"),
            ask_confidence=bool(record.settings.get("ask_confidence", False)),
        )
        session = cls(record, items_for_plan(banks, record.plan), settings, clock, wall)
        latest: dict[int, AnswerRecord] = {}
        for answer in answers:
            if answer.session_id == record.session_id and 0 <= answer.position < len(session._items):
                latest[answer.position] = answer
        for position, answer in latest.items():
            session._restore(position, answer)
        session._elapsed_before = sum(a.time_spent for a in latest.values())
        start = next((i for i, it in enumerate(session._items) if it.open), None)
        if start is None:
            start = next((i for i, it in enumerate(session._items) if not it.locked), 0)
        session._enter(start)
        return session

    def _restore(self, position: int, answer: AnswerRecord) -> None:
        item = self._items[position]
        item.answer.restore(answer.response)
        item.flagged = answer.flagged
        item.timed_out = answer.timed_out
        item.locked = answer.timed_out or (self.mode == "tutor" and item.answered)
        item.spent = answer.time_spent
        item.visited = True
        item.last = answer
        item.confidence = answer.confidence
        item.miss_reason = answer.miss_reason or ("time" if answer.timed_out else None)

    # --- reading -------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self.settings.mode

    @property
    def session_id(self) -> str:
        return self.record.session_id

    @property
    def position(self) -> int:
        return self._current

    @property
    def total(self) -> int:
        return len(self._items)

    @property
    def finished(self) -> bool:
        return self._results is not None

    @property
    def results(self) -> Results | None:
        return self._results

    def elapsed(self) -> float:
        """Session time used: recorded time before a resume plus time since."""
        if self._total_time is not None:
            return self._total_time
        return self._elapsed_before + (self._clock.now() - self._active_since)

    def time_spent(self, position: int) -> float:
        item = self._items[position]
        running = 0.0
        if position == self._current and self._visit_start is not None:
            running = self._clock.now() - self._visit_start
        return item.spent + running

    def question_limit(self, position: int) -> float | None:
        if self.settings.question_seconds is None:
            return None
        own = self._items[position].question.time_limit_seconds
        return float(own) if own is not None else float(self.settings.question_seconds)

    def total_remaining(self) -> float | None:
        if self.settings.total_seconds is None:
            return None
        return max(0.0, self.settings.total_seconds - self.elapsed())

    def question_remaining(self, position: int) -> float | None:
        limit = self.question_limit(position)
        if limit is None:
            return None
        return max(0.0, limit - self.time_spent(position))

    def view(self) -> ItemView:
        i = self._current
        item = self._items[i]
        answer = item.answer
        marks = answer.marks()
        feedback = self.feedback(i)
        return ItemView(
            position=i,
            total=self.total,
            question=item.question,
            options=tuple(
                OptionView(n, o.id, o.text, o.id in marks, marks.get(o.id) if answer.ranked else None)
                for n, o in enumerate(answer.options(), start=1)
            ),
            entry=answer.entry,
            typed_text=answer.text(),
            unit=answer.unit(),
            answered=item.answered,
            unsaved=answer.entry == TEXT and answer.unsaved(),
            flagged=item.flagged,
            locked=item.locked or self.finished,
            timed_out=item.timed_out,
            time_spent=self.time_spent(i),
            question_limit=self.question_limit(i),
            question_remaining=self.question_remaining(i),
            total_remaining=self.total_remaining(),
            open_items=sum(it.open for it in self._items),
            finished=self.finished,
            feedback=feedback,
            asking_confidence=item.asking and not (item.locked or self.finished),
            confidence=item.confidence,
            miss_reason=item.miss_reason if feedback is not None and feedback.correct is False else None,
            can_tag_miss=feedback is not None and feedback.correct is False,
        )

    def overview(self) -> tuple[ItemStatus, ...]:
        return tuple(
            ItemStatus(n, it.answered, it.flagged, it.locked or self.finished, it.timed_out, n == self._current)
            for n, it in enumerate(self._items)
        )

    def feedback(self, position: int) -> ItemOutcome | None:
        """Tutor mode: once the item is locked; exam mode: once the session has ended."""
        item = self._items[position]
        shown = self.finished or (self.mode == "tutor" and item.locked)
        return self._outcome(position) if shown else None

    def _outcome(self, position: int) -> ItemOutcome:
        it = self._items[position]
        return ItemOutcome(position, it.question, it.order, it.answer.score(), it.spent, it.flagged, it.timed_out)

    # --- answering -----------------------------------------------------------------------

    def choose(self, number: int) -> QuizUpdate:
        """Option ``number`` (1-based, displayed): select (single) or toggle (multiple)."""
        return self._act(lambda item: self._choose(item, number))

    def clear(self) -> QuizUpdate:
        return self._act(lambda item: self._edited(item, item.answer.clear))

    def enter_text(self, text: str) -> QuizUpdate:
        """Keep the typed text; it is read at ``submit`` (or on leaving, in exam mode)."""

        def do(item: _Item) -> QuizUpdate:
            try:
                item.answer.type_text(text)
            except InvalidAnswer as refused:
                return QuizUpdate(error=refused.message)
            return QuizUpdate()

        return self._act(do)

    enter_number = enter_text  # the name from when numbers were the only typed answers

    def submit(self) -> QuizUpdate:
        """Record the current answer. Tutor: scored, locked, with feedback. Exam: saved."""

        def do(item: _Item) -> QuizUpdate:
            try:
                given = item.answer.pending()
            except InvalidAnswer as bad:
                return QuizUpdate(error=bad.message)
            if not given and (self.mode == "tutor" or not item.answered):
                return QuizUpdate(error="Choose an answer first (or skip the question)")
            if self.settings.ask_confidence and item.confidence is None:
                item.asking = True
                return QuizUpdate(asking_confidence=True)
            return self._save(item)

        return self._act(do)

    def state_confidence(self, confidence: float | None) -> QuizUpdate:
        """The candidate's "how sure?" (a probability 0..1, None for none), then the submit."""
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise ValueError("a confidence is a probability from 0 to 1")

        def do(item: _Item) -> QuizUpdate:
            if not item.asking:
                return QuizUpdate(error="Choose an answer and press Enter first")
            item.asking = False
            item.confidence = confidence
            try:
                update = self._save(item)
            except InvalidAnswer as bad:
                return QuizUpdate(error=bad.message)
            if update.records or self.mode == "tutor":
                return update
            return QuizUpdate((self._emit(self._current),))  # exam: the same answer, now with its confidence

        return self._act(do)

    def tag_miss(self, reason: str) -> QuizUpdate:
        """Why the shown wrong answer was missed; recorded on that same answer."""
        if reason not in MISS_REASONS:
            raise ValueError(f"unknown miss reason {reason!r}; use one of {', '.join(MISS_REASONS)}")
        if not self.view().can_tag_miss:
            return QuizUpdate(error="Only a wrong answer, once its feedback is shown, can be tagged")
        item = self._items[self._current]
        if item.last is None or item.miss_reason == reason:
            return QuizUpdate()
        item.miss_reason = reason
        item.last = replace(item.last, miss_reason=reason)
        return QuizUpdate((item.last,))

    def _choose(self, item: _Item, number: int) -> QuizUpdate:
        return self._edited(item, lambda: item.answer.choose(number))

    def _edited(self, item: _Item, edit: Callable[[], None]) -> QuizUpdate:
        """Edit the draft; in exam mode a choice is recorded at once (when it is an answer)."""
        try:
            edit()
        except InvalidAnswer as refused:
            return QuizUpdate(error=refused.message)
        item.asking = False  # a new choice: "how sure?" is asked again on submit
        if self.mode == "exam":
            item.confidence = None  # it was about the answer just changed
        if self.mode == "exam" and item.answer.entry == CHOICE:
            try:
                return self._save(item)
            except InvalidAnswer:
                return QuizUpdate()  # not an answer yet (an order half placed): nothing to record
        return QuizUpdate()

    def _save(self, item: _Item) -> QuizUpdate:
        """Record the draft (``InvalidAnswer`` when it cannot be an answer)."""
        changed = item.answer.commit()
        if self.mode == "exam" and not changed:
            return QuizUpdate()
        if self.mode == "tutor":
            self._stop_visit()
            item.locked = True
            record = self._emit(self._current)
            return QuizUpdate((record,), feedback=self.feedback(self._current))
        return QuizUpdate((self._emit(self._current),))

    def set_flag(self, flagged: bool) -> QuizUpdate:
        def do(item: _Item) -> QuizUpdate:
            if item.flagged == flagged:
                return QuizUpdate()
            item.flagged = flagged
            return QuizUpdate((self._emit(self._current),))

        return self._act(do, allow_locked=True)

    def toggle_flag(self) -> QuizUpdate:
        return self.set_flag(not self._items[self._current].flagged)

    # --- moving --------------------------------------------------------------------------

    def go_to(self, position: int) -> QuizUpdate:
        if not 0 <= position < self.total:
            return QuizUpdate(error=f"There is no question {position + 1}")
        update = self._expire()
        if update.results or self.finished:
            if self.finished:
                self._current = position
            return update
        update += self._save_typed_number()
        self._items[self._current].asking = False  # leaving: "how sure?" is asked again on submit
        self._stop_visit()
        self._enter(position)
        return update

    def next(self) -> QuizUpdate:
        return self.go_to(self._current + 1) if self._current + 1 < self.total else QuizUpdate()

    def previous(self) -> QuizUpdate:
        return self.go_to(self._current - 1) if self._current > 0 else QuizUpdate()

    def skip(self) -> QuizUpdate:
        """Leave this item for later: go to the next open item, wrapping round."""
        target = self._next_open(self._current)
        return QuizUpdate() if target is None else self.go_to(target)

    def _next_open(self, after: int) -> int | None:
        n = self.total
        for step in range(1, n):
            candidate = (after + step) % n
            if self._items[candidate].open:
                return candidate
        return None

    def _next_unlocked(self, after: int) -> int | None:
        n = self.total
        for step in range(1, n):
            candidate = (after + step) % n
            if not self._items[candidate].locked:
                return candidate
        return None

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> QuizUpdate:
        """Apply any time-outs due now; call a few times a second."""
        return self._expire()

    def _expire(self) -> QuizUpdate:
        if self.finished:
            return QuizUpdate()
        total = self.settings.total_seconds
        if total is not None and self.elapsed() >= total:
            return self._finish("time_up")
        records: list[AnswerRecord] = []
        timed_out: list[int] = []
        for _ in range(self.total):
            i = self._current
            item = self._items[i]
            limit = self.question_limit(i)
            if item.locked or limit is None or self.time_spent(i) < limit:
                break
            self._stop_visit()
            item.locked = True
            self._time_out(item)
            records.append(self._emit(i))
            timed_out.append(i)
            target = self._next_open(i)
            if target is None:
                target = self._next_unlocked(i)
            if target is None:
                break
            self._enter(target)
        return QuizUpdate(tuple(records), timed_out=tuple(timed_out))

    @staticmethod
    def _time_out(item: _Item) -> None:
        item.timed_out = True
        item.asking = False
        item.answer.take_draft()
        if item.miss_reason is None:
            item.miss_reason = "time"

    def _enter(self, position: int) -> None:
        self._current = position
        item = self._items[position]
        if not item.locked and not self.finished:
            item.visited = True
            self._visit_start = self._clock.now()

    def _stop_visit(self) -> None:
        if self._visit_start is not None:
            self._items[self._current].spent += self._clock.now() - self._visit_start
            self._visit_start = None

    # --- ending --------------------------------------------------------------------------

    def finish(self) -> QuizUpdate:
        """Submit the session: score it (exam mode: the typed number is saved first)."""
        return self._end("submitted")

    def end_early(self) -> QuizUpdate:
        """Stop now; unanswered items count as unanswered, not wrong."""
        return self._end("ended_early")

    def _end(self, ended_by: str) -> QuizUpdate:
        update = self._expire()
        if self.finished:
            return update
        return update + self._save_typed_number() + self._finish(ended_by)

    def _finish(self, ended_by: str) -> QuizUpdate:
        now_elapsed = self.elapsed()
        current = self._items[self._current]
        self._stop_visit()
        if ended_by == "time_up" and not current.locked:
            self._time_out(current)
        for item in self._items:
            item.answer.reset_draft()
        self._total_time = now_elapsed
        outcomes = tuple(self._outcome(i) for i in range(len(self._items)))
        self._results = summarise(
            outcomes, session_id=self.session_id, mode=self.mode, ended_by=ended_by, total_time=now_elapsed
        )
        records = []
        for i, item in enumerate(self._items):
            if not item.visited:
                continue
            final = self._make_record(i)
            if item.last is None or replace(final, answered_at=item.last.answered_at) != item.last:
                records.append(final)
                item.last = final
        for item in self._items:
            item.locked = True
        return QuizUpdate(tuple(records), results=self._results)

    # --- helpers -------------------------------------------------------------------------

    def _act(self, action: Callable[[_Item], QuizUpdate], allow_locked: bool = False) -> QuizUpdate:
        """Run an action on the current item after applying time-outs; refuse if it cannot."""
        update = self._expire()
        if update.timed_out or update.results:
            return update + QuizUpdate(error="Time is up for this question" if not update.results else None)
        if self.finished:
            return QuizUpdate(error="The session has ended")
        item = self._items[self._current]
        if item.locked and not allow_locked:
            reason = "Time ran out for this question" if item.timed_out else "This question is already answered"
            return QuizUpdate(error=reason)
        return action(item)

    def _save_typed_number(self) -> QuizUpdate:
        """Exam mode, leaving an item: record changed typed text (keep bad text, say so)."""
        item = self._items[self._current]
        if self.mode != "exam" or item.locked or item.answer.entry != TEXT:
            return QuizUpdate()
        try:
            return self._save(item)
        except InvalidAnswer as bad:
            return QuizUpdate(error=f"Answer not saved: {bad.message}")

    def _make_record(self, position: int) -> AnswerRecord:
        item = self._items[position]
        q = item.question
        scored = self.mode == "tutor" or self.finished
        result = item.answer.score()
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
            response=item.answer.plain(),
            correct=result.correct if scored else None,
            score=result.score if scored else 0.0,
            time_spent=self.time_spent(position),
            flagged=item.flagged,
            answered_at=self._wall(),
            timed_out=item.timed_out,
            confidence=item.confidence,
            miss_reason=item.miss_reason if scored and result.correct is not True else None,
            dangerous=scored and result.dangerous,
        )

    def _emit(self, position: int) -> AnswerRecord:
        record = self._make_record(position)
        self._items[position].last = record
        return record


__all__ = [
    "DEFAULT_QUESTION_SECONDS",
    "MODES",
    "ItemStatus",
    "ItemView",
    "OptionView",
    "QuizSession",
    "QuizSettings",
    "QuizUpdate",
]
