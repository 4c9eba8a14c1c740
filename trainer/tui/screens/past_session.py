"""A past session from the progress screen: every item with its stored result; Enter opens
one (a quiz item in full, or an interview prompt's feedback with every answer to it)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.durations import format_duration
from trainer.practice.past import PastSession
from trainer.tui import glyphs
from trainer.tui.base import TrainerScreen
from trainer.tui.text import Cell, literal


class PastSessionScreen(TrainerScreen[None]):
    CSS_PATH = ["practice.tcss", "lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, past: PastSession, attempts: dict | None = None):
        super().__init__()
        self.past = past
        self.attempts = attempts or {}

    def compose(self) -> ComposeResult:
        past = self.past
        s = past.session
        yield Header()
        with VerticalScroll(id="past-body"):
            started = datetime.fromtimestamp(s.started_at).strftime("%Y-%m-%d %H:%M")
            answered = sum(1 for i in past.items if i.answered)
            line = (
                f"{s.kind.capitalize()} · {s.mode} · {started} · {past.status} · {answered}/{len(past.items)} answered"
            )
            if past.interview is not None and past.interview.total_points:
                line += f" · key points {past.interview.covered}/{past.interview.total_points}"
            yield Static(literal(line), id="score-line")
            yield Static(literal(f"Session {s.session_id}"), classes="hint")
            table: DataTable[Cell] = DataTable(id="past-items", cursor_type="row", zebra_stripes=True)
            table.add_columns("#", "Result", "Time", "Flag", "Note", "Question")
            for item in past.items:
                a = item.answer
                table.add_row(
                    str(item.number),
                    item.result,
                    "" if a is None else format_duration(a.time_spent),
                    glyphs.current().flag if a is not None and a.flagged else "",
                    glyphs.current().note if item.notes else "",
                    literal(item.title[:160] + ("…" if len(item.title) > 160 else "")),
                    key=str(item.position),
                )
            yield table
            yield Static("Enter opens an item. Stored verdicts are shown as they were given.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#past-items").focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from trainer.tui.screens.prompt_look import PromptLookScreen
        from trainer.tui.screens.review import ReviewItemScreen

        item = self.past.items[int(event.row_key.value or 0)]  # every row is added with its index as key
        if item.look is not None:
            attempts = self.attempts.get((item.bank_id, item.question_id), ())
            self.trainer_app.push_screen(PromptLookScreen(item.look, attempts, session_id=self.past.session_id))
        elif item.outcome is not None:
            outcomes = [i.outcome for i in self.past.items if i.outcome is not None]
            self.trainer_app.push_screen(
                ReviewItemScreen(item.outcome, items=outcomes, session_id=self.past.session_id)
            )
        else:
            why = "was never answered" if item.answer is None else "is no longer in the loaded banks"
            self.notify(f"Question {item.number} {why}.", markup=False)
