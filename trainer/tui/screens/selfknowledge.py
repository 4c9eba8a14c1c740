"""The progress screen's self-knowledge section: calibration (a reliability table and the
Brier score), the confidently wrong items, misses by reason and category, dangerous errors.

The figures are ``trainer.practice.calibration``'s; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from textual.widget import Widget
from textual.widgets import DataTable, Static

from trainer.history.records import AnswerRecord
from trainer.history.selfknowledge import SelfKnowledge
from trainer.practice.calibration import HIGH_CONFIDENCE, MISS_KEYS, MISS_REASONS, brier, reliability
from trainer.tui.text import Cell, literal

BRIER_EXPLAINED = (
    "Brier score: the mean of (stated confidence - outcome)²; 0 is perfect, always saying 50% scores 0.25."
)


def calibration_line(sk: SelfKnowledge) -> str:
    score = brier(sk.pairs)
    if score is None:
        return "No stated confidence yet: tick “Ask how sure I am” when you set up a quiz."
    right = sum(r for _, r in sk.pairs)
    return (
        f"{len(sk.pairs)} answer{'s' if len(sk.pairs) != 1 else ''} with a stated confidence · "
        f"{right / len(sk.pairs) * 100:.0f}% right · Brier score {score:.3f}\n{BRIER_EXPLAINED}"
    )


def _table(table_id: str, *columns: str) -> DataTable[Cell]:
    table: DataTable[Cell] = DataTable(id=table_id, show_cursor=False, zebra_stripes=True)
    table.can_focus = False  # the keyboard goes to the sessions, which open
    table.add_columns(*columns)
    return table


def _item(answer: AnswerRecord) -> Cell:
    return literal(f"{answer.bank_id} · {answer.question_id}")


def _when(answer: AnswerRecord) -> str:
    return datetime.fromtimestamp(answer.answered_at).strftime("%Y-%m-%d")


def self_knowledge_widgets(sk: SelfKnowledge, titles: Mapping[str, str]) -> Iterator[Widget]:
    yield Static("Calibration: how sure you said you were, against how often you were right", classes="section-title")
    yield Static(calibration_line(sk), id="calibration-line", classes="hint")
    if sk.pairs:
        bins = _table("calibration-bins", "Stated", "Answers", "Mean stated", "Actually right", "Gap")
        for b in reliability(sk.pairs):
            if not b.count:
                continue
            assert b.mean_confidence is not None and b.accuracy is not None and b.gap is not None
            bins.add_row(
                f"{b.low * 100:.0f}-{b.high * 100:.0f}%",
                str(b.count),
                f"{b.mean_confidence * 100:.0f}%",
                f"{b.accuracy * 100:.0f}%",
                f"{b.gap * 100:+.0f}",
            )
        yield bins
    yield Static(
        f"Confidently wrong (said {HIGH_CONFIDENCE:.0%} sure or more; they come back first)", classes="section-title"
    )
    if sk.confidently_wrong:
        wrong = _table("confidently-wrong", "Item", "Category", "Stated", "Answered")
        for a in sk.confidently_wrong:
            stated = "" if a.confidence is None else f"{a.confidence * 100:.0f}%"
            wrong.add_row(_item(a), literal(titles.get(a.category, a.category)), stated, _when(a))
        yield wrong
    else:
        yield Static("None: no wrong answer you were sure of.", id="confidently-wrong-none", classes="hint")
    yield Static("Why misses happened, by category", classes="section-title")
    reasons = [*MISS_KEYS, ""]
    counts: dict[str, dict[str, int]] = {}
    for m in sk.misses:
        row = counts.setdefault(m.category, {})
        key = m.reason if m.reason in MISS_REASONS else ""
        row[key] = row.get(key, 0) + m.misses
    if counts:
        table = _table("miss-reasons", "Category", *(MISS_REASONS[k] for k in MISS_KEYS), "not tagged", "Misses")
        for category, row in counts.items():
            table.add_row(
                literal(titles.get(category, category)),
                *(str(row.get(k, 0)) for k in reasons),
                str(sum(row.values())),
            )
        totals = {k: sum(row.get(k, 0) for row in counts.values()) for k in reasons}
        table.add_row("All", *(str(totals[k]) for k in reasons), str(sum(totals.values())))
        yield table
    else:
        yield Static("No misses yet.", id="miss-reasons-none", classes="hint")
    yield Static("Dangerous errors (a choice the bank marks as harmful; they come back first)", classes="section-title")
    line = f"{sk.dangerous} dangerous error{'s' if sk.dangerous != 1 else ''}"
    if sk.dangerous_by_category:
        line += ": " + ", ".join(f"{titles.get(c, c)} {n}" for c, n in sk.dangerous_by_category)
    yield Static(literal(line), id="dangerous-line", classes="hint")
    if sk.dangerous_items:
        items = _table("dangerous-items", "Item", "Category", "Answered")
        for a in sk.dangerous_items:
            items.add_row(_item(a), literal(titles.get(a.category, a.category)), _when(a))
        yield items
