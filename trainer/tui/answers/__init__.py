"""The tui's question-type registry: each ``type`` tag names the module of its answer widget.

The module defines ``WIDGET``, an ``AnswerWidget`` subclass: how the item's answer is drawn
and entered, the key hint, and how its feedback reads on the quiz and review screens. The
quiz and review screens look it up here and never branch on a type. (Banks layer:
``trainer.banks.qtypes``; practice layer: ``trainer.practice.qtypes``; recipe in
``docs/architecture.md``.)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.tui.answers.base import AnswerWidget

REGISTRY: dict[str, str] = {
    "single": "trainer.tui.answers.single",
    "multiple": "trainer.tui.answers.multiple",
    "numeric": "trainer.tui.answers.numeric",
    "ordering": "trainer.tui.answers.ordering",
    "extended_matching": "trainer.tui.answers.extended_matching",
}


def widget_class(tag: str) -> type[AnswerWidget]:
    found: type[AnswerWidget] = importlib.import_module(REGISTRY[tag]).WIDGET
    return found


def widget_classes() -> dict[str, type[AnswerWidget]]:
    """Every registered tag's widget class (several tags may share one)."""
    return {tag: widget_class(tag) for tag in REGISTRY}


def register(tag: str, module: str) -> None:
    REGISTRY[tag] = module


def unregister(tag: str) -> None:
    REGISTRY.pop(tag, None)
