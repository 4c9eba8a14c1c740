"""The report laid out as tables: every output format shows these same tables.

Cells are plain values (text, whole numbers, or numbers already rounded for reading), so
the CSV and the HTML say the same thing; ``None`` is an empty cell ("not defined").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from trainer.cohort.analysis import EXAM_PACE_SECONDS, RECENT_DAYS, Report, week_monday

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # file name of its CSV (without .csv) and the HTML id
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


def _pct(p: float | None) -> float | None:
    return None if p is None else round(100 * p, 1)


def _num(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def week_label(week: int) -> str:
    return datetime.fromtimestamp(week_monday(week), UTC).strftime("%Y-%m-%d")


def report_tables(report: Report) -> list[Table]:
    s = report.settings
    tables = [
        Table(
            "performance",
            "Performance per resident and category",
            (
                "resident",
                "category",
                "answered",
                "% correct",
                f"answered, last {RECENT_DAYS} days",
                f"% correct, last {RECENT_DAYS} days",
                "median seconds",
                f"pace (<= {EXAM_PACE_SECONDS} s)",
                "weeks",
                "trend (points/week)",
                "percentile",
                "flagged",
            ),
            tuple(
                (
                    p.resident,
                    p.category,
                    p.answered,
                    _pct(p.proportion),
                    p.recent_answered,
                    _pct(p.recent_proportion),
                    _num(p.median_seconds, 1),
                    "within" if p.within_pace else "slower",
                    len(p.weekly),
                    _num(p.trend, 1),
                    _num(p.percentile, 1),
                    "yes" if p.flagged else "",
                )
                for p in report.performance
            ),
            "Every scored quiz answer counts. Percentile within the cohort's residents who answered in that category.",
        ),
        Table(
            "flagged",
            f"Residents below the {s.below_percentile:g}th percentile",
            ("resident", "category", "% correct", "percentile", "answered"),
            tuple(
                (p.resident, p.category, _pct(p.proportion), _num(p.percentile, 1), p.answered) for p in report.flagged
            ),
        ),
        Table(
            "weekly",
            "Weekly % correct, the cohort pooled",
            ("category", "week (Monday, UTC)", "% correct"),
            tuple(
                (category, week_label(week), _pct(p))
                for category, weeks in report.cohort_weekly.items()
                for week, p in weeks
            ),
        ),
        Table(
            "items",
            "Item analysis",
            (
                "bank",
                "question",
                "version",
                "content hash",
                "category",
                "type",
                "residents",
                "difficulty (p)",
                "point-biserial",
                "upper-lower index",
                "interpretable",
                "flags",
            ),
            tuple(
                (
                    i.bank_id,
                    i.question_id,
                    i.label,
                    i.content_hash,
                    i.category,
                    i.question_type,
                    i.residents,
                    _num(i.difficulty, 3),
                    _num(i.point_biserial, 3),
                    _num(i.upper_lower, 3),
                    "yes" if i.interpretable else f"no (fewer than {s.min_residents} residents)",
                    "; ".join(i.flags),
                )
                for i in report.items
            ),
            "First attempts only. An edited item (its content hash changed) has one row per version.",
        ),
        Table(
            "distractors",
            "Options chosen, by the upper and lower 27% groups",
            ("bank", "question", "version", "option", "key", "% upper", "% lower", "% all", "flagged"),
            tuple(
                (
                    i.bank_id,
                    i.question_id,
                    i.label,
                    o.option,
                    "?" if o.key is None else "key" if o.key else "distractor",
                    _pct(o.upper),
                    _pct(o.lower),
                    _pct(o.everyone),
                    "yes" if o.flagged else "",
                )
                for i in report.items
                for o in i.options
            ),
        ),
        Table(
            "interview_coverage",
            "Interview key-point coverage by category and by tag",
            ("by", "name", "prompts", "residents", "key points", "covered", "% covered"),
            tuple(
                (c.group, c.name, c.prompts, c.residents, c.points, c.covered, _pct(c.proportion))
                for c in report.coverage
            ),
            "The judge's automatic verdicts (residents' self-ratings are not counted).",
        ),
        Table(
            "interview_residents",
            "Interview coverage per resident and category",
            ("resident", "category", "prompts", "key points", "covered", "% covered", "red flags"),
            tuple(
                (r.resident, r.category, r.prompts, r.points, r.covered, _pct(r.proportion), r.red_flags)
                for r in report.resident_coverage
            ),
        ),
        Table(
            "red_flags",
            "Red flags endorsed in interview answers",
            ("flag", "statement", "kind", "times", "residents"),
            tuple((f.flag_id, f.statement, f.kind, f.raised, f.residents) for f in report.red_flags),
        ),
    ]
    if report.notes:
        tables.append(
            Table(
                "item_notes",
                "Residents' notes on items",
                ("bank", "question", "version", "resident", "note"),
                tuple((n.bank_id, n.question_id, n.version, n.resident, n.text) for n in report.notes),
            )
        )
    return tables
