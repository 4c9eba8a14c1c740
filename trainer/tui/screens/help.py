"""Help: every key binding of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from trainer.tui.base import trainer_app

KEY_NAMES = {
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "space": "Space",
    "tab": "Tab",
    "pageup": "PageUp",
    "pagedown": "PageDown",
}


def describe_key(key: str) -> str:
    """Textual key names as people write them: ctrl+q -> Ctrl+Q, question_mark -> ?."""
    *modifiers, last = key.split("+")
    if last in KEY_NAMES:
        last = KEY_NAMES[last]
    elif len(last) > 1 and last[0] == "f" and last[1:].isdigit():
        last = last.upper()  # f1 -> F1
    elif modifiers:
        last = last.upper()  # ctrl+q -> Ctrl+Q
    return "+".join([*(m.capitalize() for m in modifiers), last])


def describe_keys(keys: list[str]) -> str:
    """Several keys for one thing: a run of digits as a range ("1–9"), others joined by " / "."""
    if len(keys) > 2 and all(k.isdigit() and len(k) == 1 for k in keys):
        numbers = sorted(int(k) for k in keys)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]}–{numbers[-1]}"
    return " / ".join(describe_key(k) for k in keys)


class HelpScreen(ModalScreen[None]):
    """Lists (key, action) pairs captured from the screen below when help was asked for."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help")]

    def __init__(self, title: str, keys: list[tuple[str, str]]):
        super().__init__()
        self._title = title
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(f"Keys: {self._title}", id="help-title")
            table: DataTable[str] = DataTable(id="help-keys", show_cursor=False, zebra_stripes=True)
            table.add_columns("Key", "Action")
            for key, description in self._keys:
                table.add_row(key, description)
            yield table
            yield Static(
                f"Esc or ? closes this help. {trainer_app(self).quit_key} quits from anywhere.", classes="hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)
