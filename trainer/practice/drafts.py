"""When to save the interview answer being typed: at most once every ``DRAFT_SECONDS``.

A save on every keystroke would be a transaction per key; never saving would lose the whole
answer on a crash. So the answer being typed is saved when a phase starts (answering or a
follow-up), on a change when the last save is ``DRAFT_SECONDS`` old, and otherwise at the
first timer tick after that (so the last words typed before a pause are saved too). A crash
loses at most the last ``DRAFT_SECONDS`` of typing.
"""

from __future__ import annotations

from trainer.practice.clock import Clock

DRAFT_SECONDS = 2.0


class DraftThrottle:
    """Says when a draft is due; the caller saves it and reports ``saved()``."""

    def __init__(self, clock: Clock, interval: float = DRAFT_SECONDS) -> None:
        self._clock = clock
        self._interval = interval
        self._saved_at: float | None = None
        self._dirty = False

    def changed(self) -> bool:
        """The text changed: True when it should be saved now."""
        self._dirty = True
        return self._old_enough()

    def tick(self) -> bool:
        """A timer tick: True when unsaved changes are old enough to save."""
        return self._dirty and self._old_enough()

    def unsaved(self) -> bool:
        """Changes not saved yet (to save whatever the interval when the program is closing)."""
        return self._dirty

    def phase_started(self) -> bool:
        """A new answer (or follow-up) phase: always save, so its start is on record."""
        self._dirty = True
        return True

    def saved(self) -> None:
        self._saved_at = self._clock.now()
        self._dirty = False

    def _old_enough(self) -> bool:
        return self._saved_at is None or self._clock.now() - self._saved_at >= self._interval
