"""Help: every key binding of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


def describe_key(key: str) -> str:
    """Textual key names as people write them: ctrl+q -> Ctrl+Q, question_mark -> ?."""
    names = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "left": "←", "right": "→", "space": "Space"}
    *modifiers, last = key.split("+")
    last = names.get(last, last.upper() if modifiers or len(last) > 1 and last[0] == "f" else last)
    return "+".join([*(m.capitalize() for m in modifiers), last])


class HelpScreen(ModalScreen[None]):
    """Lists (key, action) pairs captured from the screen below when help was asked for."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help")]

    def __init__(self, title: str, keys: list[tuple[str, str]]):
        super().__init__()
        self._title = title
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(f"Keys: {self._title}", id="help-title")
            table = DataTable(id="help-keys", show_cursor=False, zebra_stripes=True)
            table.add_columns("Key", "Action")
            for key, description in self._keys:
                table.add_row(key, description)
            yield table
            yield Static("Esc or ? closes this help. Ctrl+Q quits from anywhere.", classes="hint")

    def action_dismiss(self) -> None:
        self.dismiss(None)
