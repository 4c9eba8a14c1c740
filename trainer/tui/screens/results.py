"""Results: score, per-category and per-difficulty tables, time; every item with its time,
filtered (all / missed / unanswered / flagged / timed out), each opening the full question
with ←/→ paging through the filtered items; "retry missed" starts a quiz of just those."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.durations import format_duration
from trainer.practice.review_filters import BY_ID, FILTERS, counts, filtered, result_word
from trainer.practice.scoring import Results
from trainer.tui import flows, glyphs
from trainer.tui.base import TrainerScreen
from trainer.tui.text import Cell, literal


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def score_line(results: Results) -> str:
    """The session's numbers as ``pain-trainer history`` shows them (docs/scoring.md)."""
    numbers = results.numbers
    average = "–" if results.average_time is None else f"{results.average_time:.0f} s"
    score = "–" if numbers.score is None else f"{numbers.score * 100:.0f}%"
    dangerous = sum(1 for item in results.items if item.score.dangerous)
    return (
        f"Score {score}: {numbers.correct} correct of {numbers.answered} answered · "
        f"unanswered {numbers.unanswered} (not counted as wrong) · timed out {numbers.timed_out} · "
        + (f"DANGEROUS errors {dangerous} · " if dangerous else "")
        + f"time on questions {format_duration(numbers.duration)} · average {average} per answered question"
    )


class ResultsScreen(TrainerScreen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry missed"),
        *(Binding(f.key, f"show('{f.id}')", f"Show {f.title}", show=False) for f in FILTERS),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, results: Results):
        super().__init__()
        self.results = results
        self.filter_id = "all"
        self._counts = counts(results.items)

    @property
    def shown_items(self):
        return filtered(self.results.items, self.filter_id)

    def compose(self) -> ComposeResult:
        results = self.results
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(score_line(results), id="score-line")
            yield Static("By category", classes="section-title")
            categories: DataTable[Cell] = DataTable(id="results-categories", show_cursor=False, zebra_stripes=True)
            categories.add_columns("Category", "Correct", "Answered", "Total", "Accuracy")
            for category, tally in results.by_category.items():
                categories.add_row(
                    literal(self._category_title(category)),
                    str(tally.correct),
                    str(tally.answered),
                    str(tally.total),
                    _percent(tally.accuracy),
                )
            yield categories
            yield Static("By difficulty", classes="section-title")
            difficulty: DataTable[Cell] = DataTable(id="results-difficulty", show_cursor=False, zebra_stripes=True)
            difficulty.add_columns("Difficulty", "Correct", "Answered", "Total", "Accuracy")
            for level, tally in results.by_difficulty.items():
                difficulty.add_row(
                    str(level), str(tally.correct), str(tally.answered), str(tally.total), _percent(tally.accuracy)
                )
            yield difficulty
            yield Static("", id="items-title", classes="section-title")
            yield Static(
                " · ".join(f"{f.key} {f.title} ({self._counts[f.id]})" for f in FILTERS)
                + " · Enter opens one, ←/→ then pages through them",
                id="items-filters",
                classes="hint",
            )
            items: DataTable[Cell] = DataTable(id="results-items", cursor_type="row", zebra_stripes=True)
            items.add_columns("#", "Result", "Flag", "Time", "Question")
            yield items
            yield Static("", id="items-empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_items()
        self.query_one("#results-items").focus()

    def _fill_items(self) -> None:
        shown = self.shown_items
        self.query_one("#items-title", Static).update(f"Items: {BY_ID[self.filter_id].title} ({len(shown)})")
        table = self.query_one("#results-items", DataTable)
        table.clear()
        for item in shown:
            stem = item.question.stem.replace("\n", " ")
            table.add_row(
                str(item.position + 1),
                result_word(item),
                glyphs.current().flag if item.flagged else "",
                format_duration(item.time_spent),  # elapsed: rounded as history show rounds it
                literal(stem[:80] + ("…" if len(stem) > 80 else "")),
                key=str(item.position),
            )
        table.display = bool(shown)
        empty = {"missed": "Nothing missed. Well done."}.get(self.filter_id, f"No {BY_ID[self.filter_id].title} items.")
        self.query_one("#items-empty", Static).update("" if shown else empty)

    def _category_title(self, category_id: str) -> str:
        for bank in self.trainer_app.catalog.banks:
            if (category := bank.category(category_id)) is not None:
                return category.title
        return category_id

    def action_show(self, filter_id: str) -> None:
        self.filter_id = filter_id
        self._fill_items()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from trainer.tui.screens.review import ReviewItemScreen

        position = int(event.row_key.value or 0)  # every row is added with its position as key
        shown = self.shown_items
        index = next(i for i, item in enumerate(shown) if item.position == position)
        self.trainer_app.push_screen(ReviewItemScreen(shown[index], items=shown, session_id=self.results.session_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Retry missed" is offered only when something was missed or left unanswered."""
        return bool(self.results.retry_keys()) if action == "retry" else True

    def action_retry(self) -> None:
        flows.retry(self.trainer_app, list(self.results.retry_keys()))

    def action_home(self) -> None:
        self.dismiss(None)
