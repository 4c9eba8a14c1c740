"""How the knowledge items cover the ABA Pain Medicine outline (``pain-trainer banks --coverage``).

Items are counted per outline section; an extended-matching set counts once per stem (each
stem is an item of its own). A section's *bank share* is its items over the items in the
outline's weighted sections, so it compares directly with the section's *weight* (its
percent of the examination): the trainer's own weight-0 section (``pathway``) and items with
no section are counted but left out of the shares. Interview prompts are not knowledge items
and are not counted.

"Roughly follows the outline" (issue 20) is defined here, once, for the CLI, the screen and
the bundled-bank tests: a weighted section's share is within ``POINTS`` percentage points of
its weight, or within a factor of ``FACTOR`` of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.banks.outline import Outline, outline
from trainer.banks.qtypes import is_interview

if TYPE_CHECKING:
    from trainer.banks.questions import QuestionBase

FLOOR = 5  # items every weighted section should have (issue 20)
POINTS = 3.0  # percentage points a share may differ from its weight ...
FACTOR = 3.0  # ... or the factor it may differ by, and still "roughly follow" the outline


@dataclass(frozen=True, slots=True)
class SectionCoverage:
    id: str
    title: str
    weight: float  # percent of the examination (0: not on it)
    items: int
    share: float | None  # percent of the items in weighted sections; None for a weight-0 section

    @property
    def follows(self) -> bool:
        """The share roughly follows the weight (always, for a section the examination does not weigh)."""
        return self.share is None or roughly_follows(self.share, self.weight)

    @property
    def below_floor(self) -> bool:
        return self.weight > 0 and self.items < FLOOR


@dataclass(frozen=True, slots=True)
class Coverage:
    outline: Outline
    sections: tuple[SectionCoverage, ...]  # in outline order
    items: int  # knowledge items counted
    untagged: tuple[tuple[str, str], ...]  # (bank id, question id) of knowledge items with no section

    @property
    def tagged(self) -> int:
        return self.items - len(self.untagged)


def roughly_follows(share: float, weight: float) -> bool:
    """Within ``POINTS`` percentage points, or within a factor of ``FACTOR`` (both ways)."""
    if abs(share - weight) <= POINTS:
        return True
    return weight > 0 and weight / FACTOR <= share <= weight * FACTOR


def coverage(questions: Iterable[QuestionBase], found: Outline | None = None) -> Coverage:
    """Items per outline section of these questions (interview prompts left out)."""
    found = found or outline()
    counts: Counter[str] = Counter()
    untagged: list[tuple[str, str]] = []
    total = 0
    for q in questions:
        if is_interview(q.type):
            continue
        total += 1
        if q.section is None:
            untagged.append(q.key)
        else:
            counts[q.section] += 1
    weighted = sum(counts[s.id] for s in found.sections if s.weight > 0)
    sections = tuple(
        SectionCoverage(
            id=s.id,
            title=s.title,
            weight=s.weight,
            items=counts[s.id],
            share=(100 * counts[s.id] / weighted if weighted else 0.0) if s.weight > 0 else None,
        )
        for s in found.sections
    )
    return Coverage(found, sections, total, tuple(untagged))


def as_dict(report: Coverage) -> dict[str, object]:
    """The JSON form (``banks --coverage --format json``)."""
    o = report.outline
    return {
        "outline": {"title": o.title, "publisher": o.publisher, "version": o.version, "year": o.year, "url": o.url},
        "knowledge_items": report.items,
        "with_section": report.tagged,
        "rule": {"floor": FLOOR, "points": POINTS, "factor": FACTOR},
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "weight": s.weight,
                "items": s.items,
                "share": None if s.share is None else round(s.share, 2),
                "follows_outline": s.follows,
                "below_floor": s.below_floor,
            }
            for s in report.sections
        ],
        "without_section": [{"bank": bank, "id": qid} for bank, qid in report.untagged],
    }


def text_lines(report: Coverage) -> list[str]:
    """The text form: one line per section, then the items with no section."""
    o = report.outline
    lines = [
        f"{o.title} ({o.version})",
        f"{report.items} knowledge items, {report.tagged} with a section, {len(report.untagged)} without",
        "",
        f"{'items':>5}  {'bank %':>6}  {'exam %':>6}  section",
    ]
    for s in report.sections:
        share = "-" if s.share is None else f"{s.share:.1f}"
        weight = "-" if s.weight == 0 else f"{s.weight:g}"
        marks = [
            m for m, on in ((f"under {FLOOR} items", s.below_floor), ("off the outline's weight", not s.follows)) if on
        ]
        lines.append(
            f"{s.items:5d}  {share:>6}  {weight:>6}  {s.id}: {s.title}" + (f"  [{'; '.join(marks)}]" if marks else "")
        )
    if report.untagged:
        lines += ["", f"knowledge items with no section ({len(report.untagged)}):"]
        lines += [f"  {bank}: {qid}" for bank, qid in report.untagged]
    return lines
