"""Results: score, per-category and per-difficulty tables, time; missed and flagged items,
each opening the full question; "retry missed" starts a quiz of just those."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from trainer.durations import format_duration
from trainer.practice.scoring import Results
from trainer.tui import flows
from trainer.tui.text import literal


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def score_line(results: Results) -> str:
    """The session's numbers as ``pain-trainer history`` shows them (docs/scoring.md)."""
    numbers = results.numbers
    average = "–" if results.average_time is None else f"{results.average_time:.0f} s"
    score = "–" if numbers.score is None else f"{numbers.score * 100:.0f}%"
    return (
        f"Score {score}: {numbers.correct} correct of {numbers.answered} answered · "
        f"unanswered {numbers.unanswered} (not counted as wrong) · timed out {numbers.timed_out} · "
        f"time on questions {format_duration(numbers.duration)} · average {average} per answered question"
    )


class ResultsScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("r", "retry", "Retry missed"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, results: Results):
        super().__init__()
        self.results = results
        self._review_items = [i for i in results.items if i.score.correct is not True or i.flagged]

    def compose(self) -> ComposeResult:
        results = self.results
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(score_line(results), id="score-line")
            yield Static("By category", classes="section-title")
            categories = DataTable(id="results-categories", show_cursor=False, zebra_stripes=True)
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
            difficulty = DataTable(id="results-difficulty", show_cursor=False, zebra_stripes=True)
            difficulty.add_columns("Difficulty", "Correct", "Answered", "Total", "Accuracy")
            for level, tally in results.by_difficulty.items():
                difficulty.add_row(
                    str(level), str(tally.correct), str(tally.answered), str(tally.total), _percent(tally.accuracy)
                )
            yield difficulty
            yield Static("Missed, unanswered and flagged (Enter opens one)", classes="section-title")
            items = DataTable(id="results-items", cursor_type="row", zebra_stripes=True)
            items.add_columns("#", "Result", "Flag", "Question")
            for item in self._review_items:
                result = {True: "correct", False: "missed", None: "unanswered"}[item.score.correct]
                stem = item.question.stem.replace("\n", " ")
                items.add_row(
                    str(item.position + 1),
                    result,
                    "⚑" if item.flagged else "",
                    literal(stem[:90] + ("…" if len(stem) > 90 else "")),
                    key=str(item.position),
                )
            yield items
            if not self._review_items:
                yield Static("Nothing missed. Well done.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self._review_items:
            self.query_one("#results-items").focus()

    def _category_title(self, category_id: str) -> str:
        for bank in self.app.catalog.banks:
            if (category := bank.category(category_id)) is not None:
                return category.title
        return category_id

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from trainer.tui.screens.review import ReviewItemScreen

        position = int(event.row_key.value)
        item = next(i for i in self.results.items if i.position == position)
        self.app.push_screen(ReviewItemScreen(item))

    def action_retry(self) -> None:
        keys = [i.key for i in self.results.items if i.score.correct is not True]
        if not keys:
            self.notify("Nothing to retry.")
            return
        flows.retry(self.app, keys)

    def action_home(self) -> None:
        self.dismiss(None)
