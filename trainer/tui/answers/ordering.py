"""``ordering``: the steps, each showing the place the candidate gave it; feedback puts the
correct order beside the candidate's."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from trainer.practice.quiz import ItemView
from trainer.practice.scoring import ItemOutcome, Score
from trainer.tui import glyphs
from trainer.tui.answers.base import ChoiceAnswer
from trainer.tui.text import literal


def order_table(score: Score) -> Table:
    """Correct order | the candidate's, one row per place, ✓ where they agree."""
    table = Table(box=None, show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("Correct order")
    table.add_column("")
    table.add_column("Your order")
    for row in score.sequence:
        marks = glyphs.current()
        mark = marks.correct if row.right else (marks.wrong if row.given is not None else "")
        table.add_row(
            Text(f"{row.place}."),
            literal(row.correct),
            Text(mark, style="bold"),
            literal(row.given if row.given is not None else "—"),
        )
    return table


class OrderingAnswer(ChoiceAnswer):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="order-so-far", classes="hint")

    def box(self, selected: bool, place: int | None) -> str:
        return f"[{place}]" if place is not None else "[ ]"

    def show(self, view: ItemView, moved: bool) -> None:
        super().show(view, moved)
        placed = sorted((o for o in view.options if o.place is not None), key=lambda o: o.place or 0)
        line = "Your order: " + (" → ".join(str(o.number) for o in placed) if placed else "(none yet)")
        so_far = self.query_one("#order-so-far", Static)
        so_far.display = view.feedback is None
        so_far.update(literal(f"{line}  ({len(placed)} of {len(view.options)} placed)"))

    def hint(self, view: ItemView) -> str:
        return "Press the steps' numbers in order (again to take one out), Enter submits"

    @classmethod
    def answer_lines(cls, score: Score) -> list[str]:
        return [] if score.sequence else super().answer_lines(score)

    @classmethod
    def detail(cls, score: Score) -> RenderableType | None:
        return order_table(score) if score.sequence else None

    @classmethod
    def review(cls, outcome: ItemOutcome) -> Iterable[Widget]:
        yield Static(order_table(outcome.score), classes="order-table")


WIDGET = OrderingAnswer
