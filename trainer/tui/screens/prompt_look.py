"""One interview prompt re-read: its feedback as it was, and earlier answers to the same
prompt (same bank id and question id, any session) side by side with their coverage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.practice.summary import PromptLook
from trainer.tui import glyphs
from trainer.tui.base import TrainerScreen
from trainer.tui.text import Cell, literal
from trainer.tui.widgets.prompt_look import PromptLookView

if TYPE_CHECKING:
    from trainer.history.listing import PromptAttempt


class PromptLookScreen(TrainerScreen[None]):
    CSS_PATH = ["practice.tcss", "lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "note", "Note a problem"),
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
    ]

    def __init__(self, look: PromptLook, attempts: Sequence[PromptAttempt] = (), session_id: str | None = None):
        super().__init__()
        self.look = look
        self.attempts = tuple(attempts)
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="look-body", can_focus=False):
            yield PromptLookView(self.look)
            notes = self.trainer_app.store.notes(item=(self.look.bank_id, self.look.question_id))
            if notes:
                yield Static(
                    literal("Your notes on this prompt\n" + "\n".join(f"✎ {n.text}" for n in notes)),
                    id="look-notes",
                    classes="review-notes",
                )
            if len(self.attempts) > 1:
                yield Static("Every answer to this prompt (oldest first)", classes="section-title")
                table: DataTable[Cell] = DataTable(id="look-attempts", show_cursor=False, zebra_stripes=True)
                table.can_focus = False
                table.add_columns("Date", "Covered", "Score", "Time", "Answer")
                for attempt in self.attempts:
                    this = attempt.session_id == self.session_id and attempt.position == self.look.position
                    score = "–" if attempt.score is None else f"{attempt.score * 100:.0f}%"
                    text = " ".join(attempt.text.split())
                    table.add_row(
                        datetime.fromtimestamp(attempt.answered_at).strftime("%Y-%m-%d %H:%M")
                        + (f" {glyphs.current().this}" if this else ""),
                        f"{attempt.covered}/{attempt.total}",
                        score,
                        f"{attempt.time_used:.0f} s",
                        literal(text[:70] + ("…" if len(text) > 70 else "")),
                    )
                yield table
        yield Footer()

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#look-body")
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()

    def action_note(self) -> None:
        from trainer.tui import flows

        look = self.look
        flows.note_item(
            self.trainer_app,
            look.bank_id,
            look.question_id,
            None,
            self.session_id,
            look.position,
            on_saved=lambda: self.refresh(recompose=True),
        )
