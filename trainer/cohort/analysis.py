"""The cohort report's numbers, from merged residents (pure: no I/O, the time injected).

* **Performance** per resident and category (and over all categories): every scored quiz
  answer counts; % correct, % correct in the last ``RECENT_DAYS`` days before ``as_of``, the
  median seconds per question against the ``EXAM_PACE_SECONDS`` board pace, the weekly %
  correct and its trend, and the percentile within the cohort (residents with an answer in
  that category); a resident below ``below_percentile`` in any category is flagged.
* **Item analysis** per item *version* (bank, question, content hash: answers to an edited
  item are analysed apart from the new version), on each resident's *first* attempt at it
  (later attempts have seen the feedback): difficulty, point-biserial against the
  rest-score, the upper-lower 27% index, and the options chosen by the upper and lower
  groups. The rest-score of a resident for an item is their proportion correct on their
  other first attempts in the same bank. Items with fewer than ``min_residents`` residents
  (with a rest-score) are not yet interpretable and never flagged.
* **Interviews**: key-point coverage (the judge's automatic verdicts; self-ratings are not
  counted) by category, by tag and per resident; red flags raised.

The formulas are in ``trainer.cohort.stats``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, groupby
from operator import attrgetter

from trainer.cohort import stats
from trainer.cohort.model import DAY, Answer, Resident

EXAM_PACE_SECONDS = 72  # the ABA Pain Medicine examination: 200 questions in 4 hours
RECENT_DAYS = 30
ALL = "All categories"


@dataclass(frozen=True, slots=True)
class Settings:
    as_of: float  # unix seconds: "the last 30 days" end here
    below_percentile: float = 20.0
    min_residents: int = 5


@dataclass(frozen=True, slots=True)
class Performance:
    """One resident in one category (or ``ALL``)."""

    resident: str
    category: str
    answered: int
    correct: int
    recent_answered: int
    recent_correct: int
    median_seconds: float
    weekly: tuple[tuple[int, float], ...]  # (week number, proportion correct), oldest first
    trend: float | None  # percentage points per week (least squares over the weeks)
    percentile: float
    flagged: bool

    @property
    def proportion(self) -> float:
        return self.correct / self.answered

    @property
    def recent_proportion(self) -> float | None:
        return self.recent_correct / self.recent_answered if self.recent_answered else None

    @property
    def within_pace(self) -> bool:
        return self.median_seconds <= EXAM_PACE_SECONDS


@dataclass(frozen=True, slots=True)
class OptionUse:
    """How often one option was chosen, by the upper group, the lower group and everyone."""

    option: str
    key: bool | None  # None: no correct answer seen, so the key is unknown
    upper: float
    lower: float
    everyone: float
    flagged: bool  # a distractor chosen more by the upper group than the lower


@dataclass(frozen=True, slots=True)
class ItemVersion:
    bank_id: str
    question_id: str
    content_hash: str
    version: int  # 1 = the oldest version answered
    versions: int  # how many versions of this item were answered
    category: str
    question_type: str
    residents: int  # residents who answered it (first attempts)
    difficulty: float  # proportion correct
    point_biserial: float | None
    upper_lower: float | None
    interpretable: bool
    flags: tuple[str, ...]
    options: tuple[OptionUse, ...]

    @property
    def label(self) -> str:
        return f"v{self.version} of {self.versions}" if self.versions > 1 else "v1"


@dataclass(frozen=True, slots=True)
class Coverage:
    group: str  # "category" | "tag"
    name: str
    prompts: int
    residents: int
    points: int
    covered: int

    @property
    def proportion(self) -> float | None:
        return self.covered / self.points if self.points else None


@dataclass(frozen=True, slots=True)
class ResidentCoverage:
    resident: str
    category: str
    prompts: int
    points: int
    covered: int
    red_flags: int

    @property
    def proportion(self) -> float | None:
        return self.covered / self.points if self.points else None


@dataclass(frozen=True, slots=True)
class FlagUse:
    flag_id: str
    statement: str
    kind: str
    raised: int
    residents: int


@dataclass(frozen=True, slots=True)
class NoteRow:
    bank_id: str
    question_id: str
    version: str
    resident: str
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    settings: Settings
    residents: tuple[str, ...]
    categories: tuple[str, ...]
    performance: tuple[Performance, ...]
    cohort_weekly: dict[str, tuple[tuple[int, float], ...]]  # category (and ALL) -> weekly % correct, pooled
    items: tuple[ItemVersion, ...]
    coverage: tuple[Coverage, ...]
    resident_coverage: tuple[ResidentCoverage, ...]
    red_flags: tuple[FlagUse, ...]
    notes: tuple[NoteRow, ...]
    programs: tuple[tuple[str, int], ...] = ()  # (program id, residents), most residents first

    @property
    def flagged(self) -> tuple[Performance, ...]:
        return tuple(p for p in self.performance if p.flagged)


def week_monday(week: int) -> float:
    return (week * 7 - 3) * DAY


def build_report(residents: Sequence[Resident], settings: Settings) -> Report:
    performance, categories, weekly = _performance(residents, settings)
    items, versions = _items(residents, settings)
    coverage, resident_coverage, red_flags = _interviews(residents)
    notes = tuple(
        NoteRow(n.bank_id, n.question_id, versions.get((n.bank_id, n.question_id, n.content_hash), "?"), r.name, n.text)
        for r in residents
        for n in r.notes
    )
    return Report(
        settings,
        tuple(r.name for r in residents),
        categories,
        performance,
        weekly,
        items,
        coverage,
        resident_coverage,
        red_flags,
        notes,
        tuple(Counter(r.program or "(none given)" for r in residents).most_common()),
    )


# --- performance ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """One resident's answers in one category, counted (``ALL`` is the sum of the categories)."""

    answered: int
    correct: int
    recent_answered: int
    recent_correct: int
    seconds: list[float]
    weeks: Counter  # week -> answers
    weeks_right: Counter  # week -> right answers

    @classmethod
    def of(cls, answers: list[Answer], recent_from: float) -> _Tally:
        """Counted with C-speed builtins over attribute columns: 250,000 answers in well under a second."""
        correct = list(map(_CORRECT, answers))
        weeks = list(map(_WEEK, answers))
        first_recent = bisect_left(list(map(_AT, answers)), recent_from)  # answers are oldest first
        return cls(
            len(answers),
            sum(correct),
            len(answers) - first_recent,
            sum(correct[first_recent:]),
            list(map(_SECONDS, answers)),
            Counter(weeks),
            Counter(compress(weeks, correct)),
        )

    def add(self, other: _Tally) -> None:
        self.answered += other.answered
        self.correct += other.correct
        self.recent_answered += other.recent_answered
        self.recent_correct += other.recent_correct
        self.seconds += other.seconds
        self.weeks.update(other.weeks)
        self.weeks_right.update(other.weeks_right)

    def weekly(self) -> tuple[tuple[int, float], ...]:
        return tuple((week, self.weeks_right[week] / n) for week, n in sorted(self.weeks.items()))


_CORRECT, _WEEK, _AT, _SECONDS, _BANK = (
    attrgetter(name) for name in ("correct", "week", "answered_at", "seconds", "bank_id")
)
_ITEM = attrgetter("bank_id", "question_id", "content_hash")  # an item version
_CHOSEN, _CATEGORY = attrgetter("chosen"), attrgetter("category")


def _tallies(resident: Resident, recent_from: float) -> dict[str, _Tally]:
    by_category = sorted(resident.answers, key=_CATEGORY)  # stable: each category's answers stay oldest first
    tallies = {category: _Tally.of(list(answers), recent_from) for category, answers in groupby(by_category, _CATEGORY)}
    if tallies:
        total = _Tally(0, 0, 0, 0, [], Counter(), Counter())
        for tally in tallies.values():
            total.add(tally)
        tallies[ALL] = total
    return tallies


def _performance(residents: Sequence[Resident], settings: Settings):
    recent_from = settings.as_of - RECENT_DAYS * DAY
    rows: list[dict] = []
    pooled: dict[str, _Tally] = {}
    for index, resident in enumerate(residents):
        for category, t in _tallies(resident, recent_from).items():
            weekly = t.weekly()
            rows.append(
                {
                    "index": index,
                    "resident": resident.name,
                    "category": category,
                    "answered": t.answered,
                    "correct": t.correct,
                    "recent_answered": t.recent_answered,
                    "recent_correct": t.recent_correct,
                    "median_seconds": stats.median(t.seconds),
                    "weekly": weekly,
                    "trend": stats.slope([w for w, _ in weekly], [100 * p for _, p in weekly]),
                }
            )
            pooled.setdefault(category, _Tally(0, 0, 0, 0, [], Counter(), Counter())).add(t)
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_category[row["category"]].append(row)
    for group in by_category.values():
        ranks = stats.percentile_ranks([row["correct"] / row["answered"] for row in group])
        for row, rank in zip(group, ranks, strict=False):
            row["percentile"] = rank
            row["flagged"] = rank < settings.below_percentile
    categories = tuple(sorted(c for c in by_category if c != ALL))
    order = {c: i for i, c in enumerate((ALL, *categories))}
    rows.sort(key=lambda row: (row.pop("index"), order[row["category"]]))
    cohort_weekly = {category: pooled[category].weekly() for category in sorted(pooled)}
    return tuple(Performance(**row) for row in rows), categories, cohort_weekly


# --- item analysis ----------------------------------------------------------------------------


def _items(residents: Sequence[Resident], settings: Settings):
    firsts: list[dict[tuple[str, str, str], Answer]] = []
    keys: dict[tuple[str, str, str], set[tuple[str, ...]]] = defaultdict(set)  # the chosen sets scored right
    totals: list[dict[str, tuple[int, int]]] = []  # per resident, bank -> (right, answered) over first attempts
    for resident in residents:
        newest_first = resident.answers[::-1]  # answers are oldest first: the oldest is written last, and stays
        first = dict(zip(map(_ITEM, newest_first), newest_first, strict=False))
        right_answers = list(filter(_CORRECT, resident.answers))
        for item, chosen in set(zip(map(_ITEM, right_answers), map(_CHOSEN, right_answers), strict=False)):
            if chosen:
                keys[item].add(tuple(sorted(chosen)))
        firsts.append(first)
        banks = list(map(_BANK, first.values()))
        right = Counter(compress(banks, map(_CORRECT, first.values())))
        totals.append({bank: (right[bank], n) for bank, n in Counter(banks).items()})
    attempts: dict[tuple[str, str, str], list[tuple[int, Answer]]] = defaultdict(list)
    for index, first in enumerate(firsts):
        for item, a in first.items():
            attempts[item].append((index, a))
    first_seen: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for item, answered in attempts.items():
        first_seen[item[:2]].append((min(a.answered_at for _, a in answered), item[2]))
    numbering: dict[tuple[str, str, str], tuple[int, int]] = {}
    for (bank, question), seen in first_seen.items():
        for number, (_t, content_hash) in enumerate(sorted(seen), start=1):
            numbering[(bank, question, content_hash)] = (number, len(seen))
    items = []
    for item in sorted(attempts, key=lambda i: (i[0], i[1], numbering[i][0])):
        items.append(_item(item, attempts[item], totals, keys.get(item, set()), numbering[item], settings))
    labels = {(i.bank_id, i.question_id, i.content_hash): i.label for i in items}
    return tuple(items), labels


def _item(
    item, answered: list[tuple[int, Answer]], totals, key_sets, number: tuple[int, int], settings: Settings
) -> ItemVersion:
    xs = [int(a.correct) for _, a in answered]
    scored = []  # (x, rest, chosen) of residents with a rest-score
    for index, a in answered:
        right, n = totals[index][a.bank_id]
        if n >= 2:
            scored.append((int(a.correct), (right - a.correct) / (n - 1), a.chosen))
    item_xs = [x for x, _, _ in scored]
    rests = [r for _, r, _ in scored]
    interpretable = len(scored) >= settings.min_residents
    r_pb = stats.point_biserial(item_xs, rests)
    d = stats.discrimination_index(item_xs, rests)
    sample = answered[0][1]
    options = _options(sample.question_type, answered, scored, key_sets, interpretable)
    flags = []
    if interpretable and ((r_pb is not None and r_pb < 0) or (d is not None and d < 0)):
        flags.append("negative discrimination")
    flags += [f"distractor {o.option} chosen more by the upper group" for o in options if o.flagged]
    return ItemVersion(
        item[0],
        item[1],
        item[2],
        number[0],
        number[1],
        sample.category,
        sample.question_type,
        len(answered),
        sum(xs) / len(xs),
        r_pb,
        d,
        interpretable,
        tuple(flags),
        options,
    )


def _options(question_type: str, answered, scored, key_sets, interpretable: bool) -> tuple[OptionUse, ...]:
    """How often each option was chosen, by the upper and lower groups; for any question whose
    answers show options (single best, select all; none for numeric or ordering answers without
    options). The key is what every correct answer chose (one option, or the whole select-all set)."""
    shown = sorted({o for _, a in answered for o in (*a.options, *a.chosen)})
    if not shown or not any(a.options for _, a in answered):
        return ()
    key: set[str] | None = None
    if key_sets:
        key = set.intersection(*(set(k) for k in key_sets))
    upper, lower = stats.upper_lower_groups([r for _, r, _ in scored]) if scored else ([], [])

    def share(members: Sequence[tuple[str, ...]], option: str) -> float:
        return sum(option in chosen for chosen in members) / len(members) if members else 0.0

    upper_chosen = [scored[i][2] for i in upper]
    lower_chosen = [scored[i][2] for i in lower]
    everyone = [a.chosen for _, a in answered]
    uses = []
    for option in shown:
        is_key = None if key is None else option in key
        up, low = share(upper_chosen, option), share(lower_chosen, option)
        uses.append(
            OptionUse(option, is_key, up, low, share(everyone, option), interpretable and is_key is False and up > low)
        )
    return tuple(uses)


# --- interviews -------------------------------------------------------------------------------


def _interviews(residents: Sequence[Resident]):
    groups: dict[tuple[str, str], list] = {}  # (group, name) -> [prompts, residents, points, covered]
    per_resident: list[ResidentCoverage] = []
    flags: dict[tuple[str, str, str], list] = {}
    for resident in residents:
        mine: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for p in resident.prompts:
            points, covered = len(p.covered), sum(p.covered)
            for group, name in (("category", p.category), *(("tag", t) for t in dict.fromkeys(p.tags))):
                tally = groups.setdefault((group, name), [0, set(), 0, 0])
                tally[0] += 1
                tally[1].add(resident.key)
                tally[2] += points
                tally[3] += covered
            row = mine[p.category]
            row[0] += 1
            row[1] += points
            row[2] += covered
            row[3] += len(p.flags)
            for f in p.flags:
                use = flags.setdefault((f.flag_id, f.statement, f.kind), [0, set()])
                use[0] += 1
                use[1].add(resident.key)
        per_resident += [ResidentCoverage(resident.name, c, *tally) for c, tally in sorted(mine.items())]
    coverage = tuple(
        Coverage(group, name, t[0], len(t[1]), t[2], t[3])
        for (group, name), t in sorted(groups.items(), key=lambda kv: (kv[0][0] != "category", kv[0][1]))
    )
    red_flags = tuple(
        sorted(
            (FlagUse(i, s, k, u[0], len(u[1])) for (i, s, k), u in flags.items()),
            key=lambda f: (-f.raised, f.statement),
        )
    )
    return coverage, tuple(per_resident), red_flags
