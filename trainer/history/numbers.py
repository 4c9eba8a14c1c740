"""One definition of a session's numbers: score, answered, unanswered, timed out, duration.

The results screen, the progress screen, ``pain-trainer history`` (text, CSV, JSON) and the
history export all show these, so they are defined once, here (docs/scoring.md says the
same in plain words):

* **total**: items in the session's plan (interview: main prompts).
* **answered**: items with a recorded answer (a chosen option, a number, interview text,
  even empty text submitted when time ran out). An item only visited, skipped, flagged, or
  timed out with nothing entered is **unanswered**: ``unanswered = total - answered``.
* **timed out**: items whose time ran out, answered or not. What was entered when time ran
  out is recorded as the answer, so a timed-out item with an answer counts as answered and
  is scored like any other; one with nothing entered is unanswered.
* **correct**: answered items scored right (quiz; interviews have no right or wrong).
* **score**: the mean answer score over *answered* items: quiz ``correct / answered``,
  interview the mean key-point coverage. Unanswered items are not counted as wrong (as
  the end-early dialog promises); ``None`` when nothing was answered, and while answers
  are still unscored (an exam not yet submitted: its answers are scored at the end).
* **duration**: time spent on the items, as measured: the sum of every item's time
  (interview: think + answer time, probes included). Reading feedback, dialogs and the
  time the app was closed are not in it, so a session resumed the next day does not count
  the night, and the same figure comes from the live session and from the stored answers.

``SessionNumbers.of`` computes them from per-item facts; ``from_answers`` from a session's
answer records (the latest per item). ``trainer.history.listing`` gets the same facts from
SQL for speed; a test checks both paths agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from trainer.banks.qtypes import is_interview
from trainer.history.records import AnswerRecord


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the numbers need to know about one planned item (its main answer)."""

    answered: bool
    correct: bool | None
    score: float  # 0..1
    timed_out: bool
    time_spent: float  # seconds, probes included
    scored: bool = True  # False: a quiz answer not scored yet (exam mode before the end)


@dataclass(frozen=True, slots=True)
class SessionNumbers:
    total: int
    answered: int
    correct: int
    timed_out: int
    score_sum: float  # sum of the answered items' scores
    duration: float  # seconds spent on the items
    unscored: int = 0  # answered items not scored yet (an unfinished exam)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def wrong(self) -> int:
        return self.answered - self.correct

    @property
    def score(self) -> float | None:
        """Mean score over answered items (0..1); None when nothing was answered or some are unscored."""
        return self.score_sum / self.answered if self.answered and not self.unscored else None

    @classmethod
    def of(cls, total: int, items: Iterable[ItemFacts]) -> SessionNumbers:
        answered = correct = timed_out = unscored = 0
        score_sum = duration = 0.0
        for item in items:
            duration += item.time_spent
            timed_out += item.timed_out
            if item.answered:
                answered += 1
                correct += item.correct is True
                score_sum += item.score
                unscored += not item.scored
        return cls(total, answered, correct, timed_out, score_sum, duration, unscored)

    @classmethod
    def from_answers(cls, total: int, answers: Iterable[AnswerRecord]) -> SessionNumbers:
        """From a session's answer records; a later record for the same item replaces an earlier one."""
        latest: dict[tuple[int, int | None], AnswerRecord] = {}
        for answer in answers:
            latest[(answer.position, answer.probe_index)] = answer
        probe_time: dict[int, float] = {}
        for (position, probe), answer in latest.items():
            if probe is not None:
                probe_time[position] = probe_time.get(position, 0.0) + answer.time_spent
        items = [
            ItemFacts(
                a.response is not None,
                a.correct,
                a.score,
                a.timed_out,
                a.time_spent + probe_time.pop(p, 0.0),
                scored=a.correct is not None or is_interview(a.question_type),
            )
            for (p, probe), a in latest.items()
            if probe is None
        ]
        items += [ItemFacts(False, None, 0.0, False, t) for t in probe_time.values()]  # probes without a prompt row
        return cls.of(total, items)

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON/CSV fields (score rounded to 4 places, duration to milliseconds)."""
        return {
            "answered": self.answered,
            "total": self.total,
            "correct": self.correct,
            "score": None if self.score is None else round(self.score, 4),
            "duration_seconds": round(self.duration, 3),
            "unanswered": self.unanswered,
            "timed_out": self.timed_out,
        }
