"""``numeric``: a number field with the unit beside it."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from trainer.practice.quiz import ItemView
from trainer.practice.scoring import ItemOutcome
from trainer.tui.answers.base import AnswerWidget
from trainer.tui.text import literal


class TypedAnswer(AnswerWidget):
    """An answer typed into one field (``numeric``, ``extended_matching``)."""

    FIELD_ID = "numeric-input"
    PLACEHOLDER = "Your answer"

    def compose(self) -> ComposeResult:
        with Horizontal(id="numeric-row", classes="typed-row"):
            yield Input(placeholder=self.PLACEHOLDER, id=self.FIELD_ID, classes="typed-input")
            yield Static("", id="numeric-unit", classes="typed-unit")

    @property
    def field(self) -> Input:
        return self.query_one(f"#{self.FIELD_ID}", Input)

    def show(self, view: ItemView, moved: bool) -> None:
        self.query_one(".typed-unit", Static).update(literal(view.unit))
        self.field.disabled = view.locked
        if moved:
            with self.field.prevent(Input.Changed):
                self.field.value = view.typed_text

    def typed(self) -> str | None:
        return self.field.value

    def focus_field(self) -> bool:
        self.field.focus()
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def hint(self, view: ItemView) -> str:
        return "Type a number, Enter submits"

    @classmethod
    def review(cls, outcome: ItemOutcome) -> Iterable[Widget]:
        return ()


WIDGET = TypedAnswer
