"""The answer being typed: when it is saved (DraftThrottle) and how a resume continues it."""

from __future__ import annotations

import dataclasses

import pytest

from tests.practice.factory import bank, fmt, open_q, wall
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, Phase, select_keys
from trainer.practice.drafts import DRAFT_SECONDS, DraftThrottle


def test_throttle_saves_at_phase_start_then_at_most_every_two_seconds_and_the_tail_on_a_tick():
    clock = FakeClock()
    throttle = DraftThrottle(clock)
    assert throttle.phase_started()
    throttle.saved()
    assert not throttle.tick()  # nothing changed
    clock.advance(0.5)
    assert not throttle.changed()  # too soon after the last save
    clock.advance(1.0)
    assert not throttle.tick()
    clock.advance(DRAFT_SECONDS - 1.5)
    assert throttle.unsaved() and throttle.tick()  # the change typed 1.5 s ago is due now
    throttle.saved()
    assert not throttle.unsaved()
    clock.advance(DRAFT_SECONDS)
    assert not throttle.tick()
    assert throttle.changed()  # the last save is old: save at once


def _two_prompts():
    b = bank("b1", [open_q("o1", think=10, answer=60, probes=("Why?",)), open_q("o2", think=10, answer=60)])
    clock = FakeClock()
    session = InterviewSession.start(
        select_keys([b], [("b1", "o1"), ("b1", "o2")], seed=1),
        InterviewSettings(),
        clock=clock,
        wall=wall(),
        session_id="iv",
    )
    return b, session, clock


def test_the_draft_is_what_is_typed_with_the_time_used_and_none_outside_answering():
    _, session, clock = _two_prompts()
    assert session.draft() is None  # thinking
    clock.advance(4)
    session.update_text("a pat")
    clock.advance(6)
    session.update_text("a patient story")
    draft = session.draft()
    assert (draft.position, draft.probe_index, draft.text) == (0, None, "a patient story")
    assert draft.think_used == pytest.approx(4) and draft.phase_used == pytest.approx(6)
    session.submit()
    clock.advance(3)
    session.update_text("hours")
    assert (session.draft().probe_index, session.draft().text) == (0, "hours")
    session.submit()
    assert session.phase is Phase.FEEDBACK and session.draft() is None


def test_resume_continues_the_drafted_answer_and_charges_the_time_already_used():
    b, session, clock = _two_prompts()
    clock.advance(4)
    session.update_text("a patient story")
    clock.advance(21)
    draft = session.draft()  # 21 s of the 60 s answer used, then the program was killed
    resumed = InterviewSession.resume([b], session.record, [], [], clock=FakeClock(100), wall=wall(), draft=draft)
    view = resumed.view()
    assert (view.phase, view.position, view.text) == (Phase.ANSWER, 0, "a patient story")
    assert view.remaining == pytest.approx(39)
    (saved,) = resumed.submit().saved
    assert saved.interview.text == "a patient story" and saved.interview.time_used == pytest.approx(21)
    assert saved.answer.time_spent == pytest.approx(25)  # the think time came back from the draft too


def test_resume_continues_a_drafted_follow_up_and_times_out_a_draft_past_its_time():
    b, session, clock = _two_prompts()
    session.start_answering()
    saved = list(session.submit("a patient story").saved)
    session.update_text("the long")
    clock.advance(40)  # the follow-up allows 30 s
    draft = session.draft()
    later = FakeClock()
    resumed = InterviewSession.resume(
        [b],
        session.record,
        [s.interview for s in saved],
        [s.answer for s in saved],
        clock=later,
        wall=wall(),
        draft=draft,
    )
    view = resumed.view()
    assert (view.phase, view.position, view.probe_index, view.text) == (Phase.PROBE, 0, 0, "the long")
    assert view.remaining == 0
    (probe,) = resumed.tick().saved
    assert probe.answer.timed_out and probe.interview.text == "the long" and resumed.phase is Phase.FEEDBACK


def test_a_draft_for_another_prompt_or_session_is_ignored():
    b, session, _ = _two_prompts()
    session.start_answering()
    saved = list(session.submit("first").saved) + list(session.submit("probe").saved)
    session.next()
    stale = dataclasses.replace(session.draft() or _fake_draft(), position=0, probe_index=None)
    other = dataclasses.replace(stale, session_id="other", position=1)
    for draft in (stale, other):
        resumed = InterviewSession.resume(
            [b], session.record, [s.interview for s in saved], [s.answer for s in saved], clock=FakeClock(), draft=draft
        )
        assert (resumed.phase, resumed.position, resumed.view().text) == (Phase.THINK, 1, "")


def _fake_draft():
    from trainer.history.records import DraftRecord

    return DraftRecord("iv", 1, None, "x", 0.0, 1.0, 0.0)


def test_the_format_time_applies_to_a_resumed_draft():
    b = bank("b1", [open_q("o1", think=0)], formats=(fmt("quick", prompts=1, think=0, answer=50),))
    clock = FakeClock()
    session = InterviewSession.start(
        select_keys([b], [("b1", "o1")], seed=1),
        InterviewSettings(interview_format=b.interview_formats[0]),
        clock=clock,
    )
    clock.advance(10)
    session.update_text("words")
    resumed = InterviewSession.resume([b], session.record, [], clock=FakeClock(), draft=session.draft())
    assert resumed.view().remaining == pytest.approx(40) and resumed.view().text == "words"
