"""Progress statistics as plain frozen values, computed from the answers table.

What counts: *attempts* are scored answers (``correct`` not NULL: quiz items once scored;
open interview prompts are scored by key-point coverage instead and have their own trend).
*Accuracy* is correct / attempts; *recent* is the same over the last N attempts of the
group; *average time* is the mean measured ``time_spent`` of those attempts. Weeks are ISO
weeks (``2026-W19``) of the local date the answer was given.

Weak areas rank categories and tags by the Wilson score lower bound of their accuracy
(95 %), lowest first: what the accuracy likely is at least, given how much evidence there
is, so 40/50 (lower bound 0.67) is stronger than 3/5 (0.23). Only areas with at least
``MIN_ATTEMPTS`` scored answers are ranked (a tag tried once says nothing yet; the others are
counted in ``Stats.unranked_areas``), and an area at ``STRONG_ACCURACY`` or better is never
listed as weak, however few its answers (5/5 has a lower bound of 0.57 but no wrong answer).

Per-item figures (missed most often, due for review) follow the ``content_hash`` rule in
``trainer.history.store``: only answers to an item's current version count.

Speed: figures come from the summary tables the schema keeps by triggers (a few thousand
rows a year, whatever the number of answers); per-group "last N" reads at most N index
entries per group. Weeks are fixed when an answer is written (the local time zone then).
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from trainer.history.items import ItemKey, ItemState, item_states

Z95 = 1.959963984540054
MIN_ATTEMPTS = 5  # scored answers an area needs before it is ranked as weak or not
STRONG_ACCURACY = 0.9  # an area this accurate or better is never listed as weak


def wilson_bounds(correct: int, attempts: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion; (0, 1) when there is no evidence."""
    if attempts <= 0:
        return 0.0, 1.0
    p = correct / attempts
    denominator = 1 + z * z / attempts
    centre = p + z * z / (2 * attempts)
    spread = z * math.sqrt(p * (1 - p) / attempts + z * z / (4 * attempts * attempts))
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


@dataclass(frozen=True, slots=True)
class WeekPoint:
    week: str  # ISO week, "2026-W19"
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


@dataclass(frozen=True, slots=True)
class GroupStats:
    """One category or bank (or everything, with key "")."""

    key: str
    attempts: int
    correct: int
    accuracy: float
    recent_attempts: int  # at most last_n
    recent_accuracy: float
    average_time: float  # seconds per scored answer, as measured
    lower_bound: float  # Wilson 95 % lower bound of accuracy
    trend: tuple[WeekPoint, ...]  # oldest week first; weeks without attempts are left out


@dataclass(frozen=True, slots=True)
class WeakArea:
    kind: str  # "category" | "tag"
    key: str
    attempts: int
    correct: int
    accuracy: float
    lower_bound: float
    upper_bound: float


@dataclass(frozen=True, slots=True)
class CoveragePoint:
    week: str
    prompts: int  # interview answers (main prompts and probes) judged that week
    covered: int  # key points covered, after the candidate's overrides
    total: int  # key points judged

    @property
    def coverage(self) -> float:
        return self.covered / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Stats:
    overall: GroupStats
    by_category: tuple[GroupStats, ...]  # by key
    by_bank: tuple[GroupStats, ...]
    weak_areas: tuple[WeakArea, ...]  # weakest first: at least MIN_ATTEMPTS, below STRONG_ACCURACY
    coverage_trend: tuple[CoveragePoint, ...]
    most_missed: tuple[ItemState, ...]  # most misses first, at most `top`
    due: tuple[ItemKey, ...]  # missed and not since answered correctly, sorted
    due_count: int
    unranked_areas: int = 0  # categories and tags with fewer than MIN_ATTEMPTS scored answers


def compute_stats(
    conn: sqlite3.Connection, last_n: int = 20, top: int = 10, current: Mapping[ItemKey, str] | None = None
) -> Stats:
    # weekly_totals holds (week, bank, category) sums kept by triggers: a few thousand rows
    # a year however many answers there are; per category, bank and week is summed here.
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    weeks: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for week, bank, category, n, correct, time_ms in conn.execute(
        "SELECT week, bank_id, category, attempts, correct, time_ms FROM weekly_totals WHERE attempts > 0"
    ):
        for key in (("bank", bank), ("category", category), ("all", "")):
            total = totals[key]
            total[0] += n
            total[1] += correct
            total[2] += time_ms
            point = weeks[key][week]
            point[0] += n
            point[1] += correct

    def group(kind: str, key: str, recent_sql: str, params: tuple[str, ...]) -> GroupStats:
        n, correct, time_ms = totals[(kind, key)]
        recent_n, recent_correct = conn.execute(
            f"SELECT count(*), coalesce(sum(correct), 0) FROM (SELECT correct FROM answers"
            f" WHERE {recent_sql} correct IS NOT NULL ORDER BY answered_at DESC LIMIT ?)",
            (*params, last_n),
        ).fetchone()
        trend = tuple(WeekPoint(_iso_week(w), a, c) for w, (a, c) in sorted(weeks[(kind, key)].items()))
        return GroupStats(
            key=key,
            attempts=n,
            correct=correct,
            accuracy=correct / n if n else 0.0,
            recent_attempts=recent_n,
            recent_accuracy=recent_correct / recent_n if recent_n else 0.0,
            average_time=time_ms / 1000 / n if n else 0.0,
            lower_bound=wilson_bounds(correct, n)[0],
            trend=trend,
        )

    categories = sorted(key for kind, key in totals if kind == "category")
    banks = sorted(key for kind, key in totals if kind == "bank")
    by_category = tuple(group("category", c, "category = ? AND", (c,)) for c in categories)
    by_bank = tuple(group("bank", b, "bank_id = ? AND", (b,)) for b in banks)
    overall = group("all", "", "", ())

    areas = [_weak("category", g.key, g.correct, g.attempts) for g in by_category]
    areas += [
        _weak("tag", tag, c, n)
        for tag, n, c in conn.execute("SELECT tag, attempts, correct FROM tag_totals WHERE attempts > 0")
    ]
    ranked = [a for a in areas if a.attempts >= MIN_ATTEMPTS]
    weak = [a for a in ranked if a.accuracy < STRONG_ACCURACY]
    weak.sort(key=lambda w: (w.lower_bound, w.accuracy, -w.attempts, w.kind, w.key))

    states = item_states(conn, current)
    missed = sorted((s for s in states.values() if s.misses), key=lambda s: (-s.misses, -s.last_answered_at, s.key))
    due = tuple(sorted(key for key, s in states.items() if s.last_correct is False))
    return Stats(
        overall=overall,
        by_category=by_category,
        by_bank=by_bank,
        weak_areas=tuple(weak),
        coverage_trend=coverage_trend(conn),
        most_missed=tuple(missed[:top]),
        due=due,
        due_count=len(due),
        unranked_areas=len(areas) - len(ranked),
    )


def coverage_trend(conn: sqlite3.Connection) -> tuple[CoveragePoint, ...]:
    rows = conn.execute(
        "SELECT a.week, count(*), sum(i.covered), sum(i.total)"
        " FROM interview_answers AS i JOIN answers AS a"
        " ON a.session_id = i.session_id AND a.position = i.position AND a.probe_index = -1"
        " GROUP BY a.week ORDER BY a.week"
    ).fetchall()
    return tuple(CoveragePoint(_iso_week(week), prompts, covered, total) for week, prompts, covered, total in rows)


def _weak(kind: str, key: str, correct: int, attempts: int) -> WeakArea:
    low, high = wilson_bounds(correct, attempts)
    return WeakArea(kind, key, attempts, correct, correct / attempts if attempts else 0.0, low, high)


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _iso_week(day: int) -> str:
    year, week, _ = date.fromordinal(_EPOCH_ORDINAL + int(day)).isocalendar()
    return f"{year}-W{week:02d}"
