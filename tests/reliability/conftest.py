"""Fixtures the reliability tests share with the screen tests (one definition, in tests/tui)."""

from tests.tui.conftest import make_app, store

__all__ = ["make_app", "store"]
