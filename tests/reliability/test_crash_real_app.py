"""SIGKILL the real program mid-quiz and mid-interview: nothing acknowledged is lost.

The real ``pain-trainer`` runs in a pseudo-terminal; this test types keys like a candidate
and kills it with SIGKILL (from this separate process) at a different point in each run,
after a random extra delay. The oracle: every answer whose feedback the app had drawn
(the app draws feedback only after ``record_answer`` returned, i.e. after the commit) is in
the database with what was typed; nothing is stored that was never given; the database
opens cleanly (no "damaged" notice) and the session is offered for resume and resumes at
the first unanswered item. An answer in flight at the kill may or may not be there.

Each kill test runs with a fixed set of seeds (the same every run, so CI is repeatable) plus one
random seed (new points each run). The seed is in the test's id (``[seed=N-...]``), printed
in its captured output and in every assertion message: ``RELIABILITY_SEED=N`` replays exactly
that run (and only it).
"""

from __future__ import annotations

import os
import random
import shutil

import pytest

from tests.conftest import REPO
from tests.reliability.ptyapp import CTRL_S, ENTER, PtyApp
from trainer.banks import default_sources, load_all
from trainer.history.store import Store
from trainer.practice.interview import InterviewSession, Phase
from trainer.practice.quiz import QuizSession

pytestmark = pytest.mark.skipif(not hasattr(os, "forkpty") or shutil.which("true") is None, reason="needs a pty")

TUI_BANK = "tests/tui/banks/tui.yaml"
FIXED_SEEDS = (314159, 271828)
SEEDS = (
    (int(os.environ["RELIABILITY_SEED"]),)
    if os.environ.get("RELIABILITY_SEED")
    else (*FIXED_SEEDS, random.SystemRandom().randrange(10**6))
)
seeded = pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"seed={seed}")
QUIZ_SUBMITTED = "Enter: next question"  # the hint shown only once an item is answered and saved
QUIZ_WAITING = "Enter submits"  # the hint while an item waits for an answer


def _banks(data):
    """The banks the program loaded: bundled, the data folder's and ``--bank``."""
    return load_all(default_sources(data, [str(REPO / TUI_BANK)])).banks


# --- quiz ------------------------------------------------------------------------------------

# (answers acknowledged before the kill, send one more answer and kill while it is in flight)
QUIZ_PLANS = [(0, False), (1, True), (2, False), (3, False)]


def _replay(seed: int) -> None:
    """Shown with the output of a failed test: how to run it again with the same kill point."""
    print(f"replay with: RELIABILITY_SEED={seed} pytest {__file__}")


@seeded
@pytest.mark.parametrize(("acknowledged", "in_flight"), QUIZ_PLANS)
def test_sigkill_during_a_quiz_loses_no_acknowledged_answer(tmp_path, acknowledged, in_flight, seed):
    _replay(seed)
    rng = random.Random(f"{seed}-quiz-{acknowledged}-{in_flight}")
    data = tmp_path / "data"
    why = f"(RELIABILITY_SEED={seed}, acknowledged={acknowledged}, in_flight={in_flight})"
    args = (
        "quiz",
        "--data-dir",
        str(data),
        "--bank",
        TUI_BANK,
        "--category",
        "pharm",
        "--category",
        "proc",
        "--count",
        "3",
        "--seed",
        str(rng.randrange(100)),
    )
    with PtyApp(*args) as app:
        app.wait_for(QUIZ_WAITING)
        for number in range(acknowledged + int(in_flight)):
            app.send(b"1")  # option 1, or the digit 1 in a numeric answer
            app.drain(0.02)
            app.send(ENTER)
            if number == acknowledged:  # the extra answer: kill while it may be being written
                app.drain(rng.uniform(0.0, 0.15))
                break
            app.wait_for(QUIZ_SUBMITTED)
            if number < 2:
                app.send(ENTER)
                app.wait_for(QUIZ_WAITING)
        app.drain(rng.uniform(0.0, 0.2))
        assert app.kill() == -9, why

    with Store.open(data) as store:
        assert store.notice is None, why  # a kill never damages the database
        resume = store.unfinished_session()
        assert resume is not None, f"the quiz is not offered for resume {why}"
        session, answers, _ = resume
        positions = sorted(a.position for a in answers)
        assert len(session.plan) == 3
        assert set(range(acknowledged)) <= set(positions), f"acknowledged answers lost: {positions} {why}"
        assert set(positions) <= set(range(acknowledged + int(in_flight))), f"answers never given: {positions} {why}"
        assert all(a.response is not None for a in answers), why
        resumed = QuizSession.resume(_banks(data), session, answers)
        view = resumed.view()
        if len(positions) < 3:
            assert view.position == len(positions) and not view.locked, why  # the first unanswered item
        assert resumed.session_id == session.session_id


def test_killed_quiz_is_offered_and_resumed_by_the_real_program(tmp_path):
    data = tmp_path / "data"
    args = ("--data-dir", str(data), "--bank", TUI_BANK)
    with PtyApp("quiz", *args, "--category", "pharm", "--category", "proc", "--count", "3", "--seed", "3") as app:
        app.wait_for(QUIZ_WAITING)
        app.send(b"1")
        app.drain(0.02)
        app.send(ENTER)
        app.wait_for(QUIZ_SUBMITTED)
        app.kill()
    with Store.open(data) as store:
        session, answers, _ = store.unfinished_session()
    (first,) = answers
    with PtyApp(*args) as app:  # the home screen offers it...
        app.wait_for("1 of 3 answered. Press u to resume")
        app.send(b"u")  # ...and resumes at item 2, with item 1 kept
        app.wait_for("2/3")
        app.wait_for(QUIZ_WAITING)
        app.send(b"1")
        app.drain(0.02)
        app.send(ENTER)
        app.wait_for(QUIZ_SUBMITTED)
        app.kill()
    with Store.open(data) as store:
        again = store.unfinished_session()
    assert again.session.session_id == session.session_id
    assert [a.position for a in again.answers] == [0, 1]
    assert again.answers[0] == first


# --- interview -------------------------------------------------------------------------------

ANSWER_TEXT = "a patient story and team care"
PROBE_TEXT = "the long hours"
# Where the kill lands: thinking; typing (nothing submitted); right after Ctrl+S (in flight);
# after the answer was acknowledged (follow-up shown); after the follow-up was acknowledged.
INTERVIEW_PLANS = ["think", "typing", "in_flight", "answered", "probed"]


@seeded
@pytest.mark.parametrize("plan", INTERVIEW_PLANS)
def test_sigkill_during_an_interview_loses_no_acknowledged_answer(tmp_path, plan, seed):
    _replay(seed)
    rng = random.Random(f"{seed}-interview-{plan}")
    data = tmp_path / "data"
    why = f"(RELIABILITY_SEED={seed}, plan={plan})"
    with PtyApp("interview", "--format", "short", "--bank", TUI_BANK, "--data-dir", str(data)) as app:
        app.wait_for("Think about your answer")
        if plan != "think":
            app.send(ENTER)
            app.wait_for("Type your answer")
            app.type(ANSWER_TEXT)
            app.drain(0.1)
        if plan in ("in_flight", "answered", "probed"):
            app.send(CTRL_S)
            if plan == "in_flight":
                app.drain(rng.uniform(0.0, 0.1))
            else:
                app.wait_for("Answer the follow-up")
        if plan == "probed":
            app.type(PROBE_TEXT)
            app.drain(0.1)
            app.send(CTRL_S)
            app.wait_for("Key points covered")
        app.drain(rng.uniform(0.0, 0.2))
        assert app.kill() == -9, why

    with Store.open(data) as store:
        assert store.notice is None, why
        resume = store.unfinished_session()
        assert resume is not None, f"the interview is not offered for resume {why}"
        session, answers, interviews = resume
        draft = store.draft(session.session_id)
    if plan == "think":
        assert draft is None, why
    elif plan == "typing":  # the answer phase is on record from its start; text as typed so far
        assert draft is not None and ANSWER_TEXT.startswith(draft.text), why
    main = [r for r in interviews if r.probe_index is None]
    probes = [r for r in interviews if r.probe_index is not None]
    if plan in ("think", "typing"):
        assert (main, probes) == ([], []), why  # nothing was given yet
    elif plan == "in_flight":
        assert [r.text for r in main] in ([], [ANSWER_TEXT]), why
        assert probes == [], why
    else:
        assert [r.text for r in main] == [ANSWER_TEXT], why
        assert [r.text for r in probes] == ([PROBE_TEXT] if plan == "probed" else []), why
    assert {(a.position, a.probe_index) for a in answers} == {(r.position, r.probe_index) for r in interviews}, why
    resumed = InterviewSession.resume(_banks(data), session, interviews, answers)
    view = resumed.view()
    if main:
        assert view.phase is Phase.FEEDBACK and view.feedback.text == ANSWER_TEXT, why
    else:
        assert view.phase is Phase.THINK and view.position == 0, why


def test_a_half_typed_answer_survives_sigkill_and_is_there_after_resume(tmp_path):
    """The draft is saved within 2 s of typing (the screen says so); the resumed prompt has it."""
    data = tmp_path / "data"
    args = ("--data-dir", str(data), "--bank", TUI_BANK)
    with PtyApp("interview", "--format", "short", *args) as app:
        app.wait_for("Think about your answer")
        app.send(ENTER)
        app.wait_for("Type your answer")
        app.type("a patient story")
        app.wait_for("draft saved: 3 words")
        assert app.kill() == -9
    with Store.open(data) as store:
        session, answers, interviews = store.unfinished_session()
        assert (answers, interviews) == ([], [])  # nothing was submitted
        assert store.draft(session.session_id).text == "a patient story"
    with PtyApp(*args) as app:
        app.wait_for("Press u to resume")
        app.send(b"u")
        app.wait_for("a patient story")  # the answer box is filled in again
        app.wait_for("Type your answer")
        app.type(" and team care")
        app.send(CTRL_S)
        app.wait_for("Answer the follow-up")
        app.kill()
    with Store.open(data) as store:
        _, answers, interviews = store.unfinished_session()
    assert [r.text for r in interviews if r.probe_index is None] == ["a patient story and team care"]
