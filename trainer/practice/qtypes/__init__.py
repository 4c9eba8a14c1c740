"""The practice layer's question-type registry: each ``type`` tag names one module here.

The module defines ``TYPE``, an ``AnswerType``: the type's response and draft, how a key or
typed text edits the draft, how a stored response is restored, and its pure scorer. The quiz
session and ``scoring.score`` look a type up here and never branch on it. See
``docs/architecture.md`` for the recipe (banks: ``trainer.banks.qtypes``; tui:
``trainer.tui.answers``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.practice.qtypes.base import AnswerType

REGISTRY: dict[str, str] = {
    "single": "trainer.practice.qtypes.single",
    "multiple": "trainer.practice.qtypes.multiple",
    "numeric": "trainer.practice.qtypes.numeric",
    "ordering": "trainer.practice.qtypes.ordering",
    "extended_matching": "trainer.practice.qtypes.extended_matching",
}


def answer_type(tag: str) -> AnswerType:
    """The type's practice unit; ``KeyError`` for a type no quiz can ask (an open prompt)."""
    found: AnswerType = importlib.import_module(REGISTRY[tag]).TYPE
    return found


def askable(tag: str) -> bool:
    """A quiz can ask questions of this type."""
    return tag in REGISTRY


def register(tag: str, module: str) -> None:
    REGISTRY[tag] = module


def unregister(tag: str) -> None:
    REGISTRY.pop(tag, None)
