"""A small dialog to note a problem with an item (a wrong key, a typo, an outdated reference),
kept in the history so a program gets the report with ``history export``."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from trainer.tui.text import literal

MAX_NOTE_CHARS = 2000


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the note's text, or None when cancelled or left empty."""

    CSS_PATH = ["lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, about: str):
        super().__init__()
        self._about = about

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(literal(f"Note a problem with {self._about}"), id="note-title")
            yield Input(
                placeholder="What is wrong? The key, a typo, an outdated reference...",
                id="note-text",
                max_length=MAX_NOTE_CHARS,
            )
            yield Static("Enter or Ctrl+S saves · Esc cancels. Notes go out with 'history export'.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = " ".join(self.query_one("#note-text", Input).value.split())
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
