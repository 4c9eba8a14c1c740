"""``multiple``: options with square boxes, each key toggles one."""

from __future__ import annotations

from trainer.practice.quiz import ItemView
from trainer.tui.answers.base import ChoiceAnswer


class MultipleAnswer(ChoiceAnswer):
    BOX_ON = "[x]"
    BOX_OFF = "[ ]"

    def hint(self, view: ItemView) -> str:
        return "1-9 toggle options (select all that apply), Enter submits"


WIDGET = MultipleAnswer
