"""Setup forms: number fields whose problems are shown under the field itself.

A problem is shown where the candidate is looking (the field is focused and scrolled into
view with its message), and goes away as soon as the field is fixed, not at the next start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Input, Static

from trainer.tui.base import TrainerScreen
from trainer.tui.text import literal


def parse_optional_int(text: str, name: str, minimum: int = 1) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < minimum:
        raise ValueError(f"{name}: enter a whole number of at least {minimum}, or leave it empty")
    return int(text)


@dataclass(frozen=True)
class NumberField:
    """One number field of a form: its input id, the name its problems use, and its minimum."""

    input_id: str
    name: str
    minimum: int = 1

    @property
    def error_id(self) -> str:
        return f"{self.input_id}-error"

    def parse(self, text: str) -> int | None:
        return parse_optional_int(text, self.name, self.minimum)


def field_error(error_id: str) -> Static:
    """Where a field's problem is shown (hidden while there is none)."""
    error = Static("", id=error_id, classes="field-error")
    error.display = False
    return error


class FieldErrors(TrainerScreen[None]):
    """A setup screen whose number ``FIELDS`` show their problems under themselves."""

    FIELDS: ClassVar[Mapping[str, NumberField]] = {}

    def show_error(self, error_id: str, message: str) -> None:
        error = self.query_one(f"#{error_id}", Static)
        error.update(literal(message))
        error.display = bool(message)

    def check(self, field: NumberField) -> int | None:
        """The field's value; raises ValueError after showing the problem under the field."""
        try:
            value = field.parse(self.query_one(f"#{field.input_id}", Input).value)
        except ValueError as exc:
            self.show_error(field.error_id, str(exc))
            raise
        self.show_error(field.error_id, "")
        return value

    def check_all(self) -> tuple[dict[str, int | None], Widget | None]:
        """Every field's value, and the first field with a problem (None when all are fine)."""
        values: dict[str, int | None] = {}
        first_wrong: Widget | None = None
        for field in self.FIELDS.values():
            try:
                values[field.input_id] = self.check(field)
            except ValueError:
                first_wrong = first_wrong or self.query_one(f"#{field.input_id}")
        return values, first_wrong

    def point_at(self, widget: Widget) -> None:
        """Focus a field with a problem and bring it and its message into view."""
        widget.focus()
        self.query_one(f"#{widget.id}-error").scroll_visible(animate=False)
        widget.scroll_visible(animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field that showed a problem is checked again as it is typed in."""
        field = self.FIELDS.get(event.input.id or "")
        if field is not None and self.query_one(f"#{field.error_id}").display:
            try:
                self.check(field)
            except ValueError:
                pass
