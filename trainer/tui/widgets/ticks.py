"""Tick boxes that read at a glance: an empty box when off, a tick when on.

Textual's SelectionList and RadioButton draw the same "X" / "●" in both states and only dim
it when off, which at a glance (and in any copy of the screen) reads as ticked. These draw
nothing in an unticked box; the colours stay in the .tcss (``.selection-list--button*``,
``.toggle--button``).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from trainer.tui import glyphs

EMPTY = " "


class TickList(SelectionList[str]):
    """A SelectionList whose box shows ✓ when ticked and nothing when not."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        _, style, control = segments[1]  # [left edge, inner mark, right edge, space, prompt...]
        segments[1] = Segment(glyphs.current().correct if option.value in self._selected else EMPTY, style, control)
        return Strip(segments, strip.cell_length)


class Choice(RadioButton):
    """A RadioButton whose dot shows only when it is the one chosen."""

    # Textual declares BUTTON_INNER a plain class attribute and reads it by name on each render; a
    # property is the one way to make it follow the value, which mypy cannot know is read-only here.
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this class attribute by name
        return glyphs.current().radio if self.value else EMPTY
