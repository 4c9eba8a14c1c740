"""A full disk or an I/O error while saving an answer: the user is told, the app goes on,
and nothing saved before is lost.

The store's connection is wrapped so that, while armed, the chosen statement raises the
``sqlite3.OperationalError`` SQLite gives for a full disk or a failing device -- at the
INSERT of the answer or at the COMMIT -- exactly as the real library would report it.
"""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Input

from tests.tui.conftest import screen_text
from trainer.practice.quiz import QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows
from trainer.tui.screens.interview import InterviewScreen
from trainer.tui.screens.quiz import QuizScreen


class FailingConnection:
    """A stand-in for the store's connection that fails chosen statements while armed."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.fail_on: str | None = None  # "INSERT INTO answers" or "COMMIT"
        self.error = "database or disk is full"
        self.failures = 0

    def execute(self, sql: str, *args):
        if self.fail_on and sql.lstrip().upper().startswith(self.fail_on.upper()):
            self.failures += 1
            raise sqlite3.OperationalError(self.error)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def failing(store):
    wrapper = FailingConnection(store._conn)
    store._conn = wrapper
    yield wrapper
    store._conn = wrapper._conn


def _answers(store):
    found = store.unfinished_session()
    return [] if found is None else sorted(a.position for a in found.answers)


def _toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _drawn(app) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


async def _answer(pilot) -> None:
    screen = pilot.app.screen
    if screen.session.view().question.type == "numeric":
        screen.query_one("#numeric-input", Input).value = "45"
        await pilot.press("enter")
    else:
        await pilot.press("1", "enter")
    await pilot.pause()


@pytest.mark.parametrize(
    ("fail_on", "error"),
    [
        ("COMMIT", "database or disk is full"),
        ("INSERT INTO answers", "disk I/O error"),
        ("COMMIT", "disk I/O error"),
    ],
)
async def test_failed_answer_save_is_told_and_the_quiz_goes_on(make_app, store, failing, fail_on, error):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert flows.start_quiz(app, SelectionSpec(categories=("pharm", "proc"), seed=1), QuizSettings())
        await pilot.pause()
        await _answer(pilot)  # item 1 is saved normally
        assert _answers(store) == [0]
        await pilot.press("enter")

        failing.fail_on, failing.error = fail_on, error
        await _answer(pilot)  # item 2: the write fails
        assert failing.failures == 1
        assert isinstance(app.screen, QuizScreen) and app.is_running  # the app goes on
        toasts = _toasts(app)
        reason = f"the disk is full ({error})" if "full" in error else error
        assert toasts == [  # one line, "not saved" said once, and the answer is not lost (issue 22)
            f"Answer not saved yet: {reason}; it is kept and saved as soon as the history can be written"
        ]
        assert "Answer not saved yet" in _drawn(app)  # and it is on the screen
        assert "\n" not in toasts[0]
        assert "Enter: next question" in screen_text(app)  # feedback still shown
        assert _answers(store) == [0]  # item 1 kept, item 2 rolled back cleanly
        assert store.pending_answers == 1  # ...and kept to be saved later

        failing.fail_on = None  # space freed: the kept answer is saved first, then the next one
        await pilot.press("enter")
        await _answer(pilot)
        assert _answers(store) == [0, 1, 2] and store.pending_answers == 0
        assert not store._conn.in_transaction


async def test_failed_interview_save_is_told_and_the_interview_goes_on(make_app, store, failing):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        await pilot.press("enter", *"a patient story")
        failing.fail_on = "COMMIT"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.is_running
        toasts = _toasts(app)
        assert len(toasts) == 1 and toasts[0].startswith("Answer not saved yet"), toasts
        assert store.unfinished_session().answers == []
        failing.fail_on = None
        await pilot.press(*"long nights", "ctrl+s")  # the kept answer is saved first, then the follow-up
        await pilot.pause()
        assert [a.probe_index for a in store.unfinished_session().answers] == [None, 0]
        assert store.pending_answers == 0


async def test_failed_session_start_is_told_and_no_quiz_runs_without_history(make_app, store, failing):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        failing.fail_on = "COMMIT"
        home = app.screen
        flows.start_quiz(app, SelectionSpec(seed=1), QuizSettings())  # questions matched: it tried to start one
        await pilot.pause()
        assert app.is_running and app.screen is home and len(app.screen_stack) == 1
        assert not any(isinstance(screen, QuizScreen) for screen in app.screen_stack)
        assert store.sessions() == [] and store.unfinished_session() is None
        assert any(t.startswith("Session not saved") for t in _toasts(app))


async def test_a_failed_draft_save_is_said_on_the_status_line_and_retried(make_app, store, failing):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        failing.fail_on = "INSERT INTO drafts"
        await pilot.press("enter", *"patient")
        await pilot.pause()
        assert "draft not saved: the disk is full" in screen_text(app)
        assert _toasts(app) == []  # no notification every 2 seconds while typing
        failing.fail_on = None
        app.clock.advance(2)
        app.screen.advance_timers()
        await pilot.pause()
        assert "draft saved: 1 word" in screen_text(app)
        assert store.draft(app.screen.session.session_id).text == "patient"
