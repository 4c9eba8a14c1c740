"""In a browser tab (``pain-trainer serve``) every action has a key that reaches the page.

Browsers keep some keys for themselves whatever the page does (Ctrl+Q quits Firefox, Ctrl+W
closes the tab, Ctrl+N and Ctrl+T open windows and tabs): no action of the trainer may be
reachable only through one of them, and in a browser the footer, the home menu and the help
show the key that works there (F10 for quit).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Footer

import trainer.tui
from tests.tui.conftest import screen_text, start_quiz
from trainer.tui.app import BROWSER_KEYS, TrainerApp
from trainer.tui.screens.home import HomeScreen

BROWSER_KEEPS = {
    "ctrl+q", "ctrl+w", "ctrl+n", "ctrl+t", "ctrl+tab", "ctrl+shift+tab",
    "ctrl+shift+q", "ctrl+shift+w", "ctrl+shift+n", "ctrl+shift+t",
}  # fmt: skip


def trainer_bindings() -> dict[tuple[str, str], set[str]]:
    """(class, action) -> its keys, for every binding the trainer's own app, screens and widgets declare."""
    found: dict[tuple[str, str], set[str]] = {}
    modules = [trainer.tui.app] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(trainer.tui.__path__, "trainer.tui.")
        if not info.ispkg
    ]
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, DOMNode) or cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if not isinstance(binding, Binding):
                    binding = Binding(*binding)
                keys = {key.strip() for key in binding.key.split(",")}
                found.setdefault((cls.__qualname__, binding.action), set()).update(keys)
    return found


def test_the_walk_finds_the_bindings_it_checks():
    bindings = trainer_bindings()
    assert bindings[("TrainerApp", "quit")] == {"ctrl+q", "f10"}
    assert ("QuizSetupScreen", "start") in bindings and ("HomeScreen", "resume") in bindings
    assert len(bindings) > 40


def test_every_action_has_a_key_the_browser_passes_to_the_page():
    only_browser_keys = {where: keys for where, keys in trainer_bindings().items() if keys <= BROWSER_KEEPS}
    assert only_browser_keys == {}


def test_in_a_browser_the_first_key_of_each_remapped_binding_reaches_the_page():
    assert all(keys.split(",")[0] not in BROWSER_KEEPS for keys in BROWSER_KEYS.values())


def footer_key(app, action: str) -> str:
    from textual.widgets._footer import FooterKey

    return next(key.key for key in app.screen.query_one(Footer).query(FooterKey) if key.action == action)


async def test_in_a_browser_the_footer_menu_and_help_say_f10_and_f10_quits(make_app, monkeypatch):
    monkeypatch.setattr(TrainerApp, "is_web", property(lambda app: True))  # as under textual-serve's web driver
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert footer_key(app, "quit") == "f10"
        assert "F10" in str(app.screen.query_one("#home-menu").get_option("quit").prompt)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "F10 quits from anywhere" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f10")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_in_a_terminal_ctrl_q_stays_the_key_shown(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert footer_key(app, "quit") == "ctrl+q"
        assert "Ctrl+Q" in str(app.screen.query_one("#home-menu").get_option("quit").prompt)


@pytest.mark.parametrize("key", ["ctrl+q", "f10"])
async def test_f10_quits_mid_quiz_like_ctrl_q_and_keeps_the_answer(make_app, store, key):
    app = make_app()
    async with app.run_test() as pilot:
        await start_quiz(pilot, ("t-single", "t-multiple"))
        await pilot.press("1", "enter", key)
    resumed = store.unfinished_session()
    assert resumed is not None and [a.position for a in resumed.answers if a.response is not None] == [0]
