"""``single``: options with round boxes, one chosen."""

from __future__ import annotations

from trainer.tui.answers.base import ChoiceAnswer


class SingleAnswer(ChoiceAnswer):
    pass


WIDGET = SingleAnswer
