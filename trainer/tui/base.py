"""The typed way for a screen to reach the app: ``self.trainer_app`` is a ``TrainerApp``.

Textual types ``self.app`` as ``App[object]``, which knows nothing of the catalog, the store or
``save_answer``; every screen of the trainer runs inside a ``TrainerApp``, so the one cast that
says so is here, and screens (``TrainerScreen``) and any other node (``trainer_app``) use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from trainer.tui.app import TrainerApp

ResultT = TypeVar("ResultT")


def trainer_app(node: MessagePump) -> TrainerApp:
    """The running app of ``node``, as the ``TrainerApp`` it always is."""
    return cast("TrainerApp", node.app)


class TrainerScreen(Screen[ResultT]):
    """A screen of the trainer (``ResultT``: what it dismisses with)."""

    @property
    def trainer_app(self) -> TrainerApp:
        return trainer_app(self)
