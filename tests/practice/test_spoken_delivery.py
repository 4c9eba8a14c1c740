"""Delivery from the audio (trainer.practice.delivery) and the session's held answer clock."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.practice.factory import bank, open_q, wall
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, Phase, select_keys
from trainer.practice.delivery import (
    PAUSE_SECONDS,
    SILENCE_DBFS,
    SpokenDelivery,
    TimedWord,
    dbfs,
    measure_spoken,
    pauses,
    spoken_delivery,
    voiced_from_levels,
    voiced_from_words,
)

FRAME = 0.02


def frames(*parts: tuple[float, float]) -> list[float]:
    """(seconds, dBFS) parts -> one level per 20 ms frame."""
    return [level for seconds, level in parts for _ in range(round(seconds / FRAME))]


def test_dbfs_of_full_scale_half_and_silence():
    assert dbfs(1.0) == 0.0
    assert dbfs(0.5) == pytest.approx(-6.02, abs=0.01)
    assert dbfs(0.0) == SILENCE_DBFS


def test_voice_is_found_above_the_recordings_own_noise_floor():
    levels = frames((1.0, -70), (2.0, -20), (3.0, -68), (1.0, -25), (0.5, -70))
    assert voiced_from_levels(levels, FRAME) == (pytest.approx((1.0, 3.0)), pytest.approx((6.0, 7.0)))


def test_a_noisy_room_is_not_speech_but_a_voice_over_it_is():
    hum = frames((5.0, -40))  # steady noise: the floor itself, never 12 dB above it
    assert voiced_from_levels(hum, FRAME) == ()
    over = frames((2.0, -40), (1.0, -20), (2.0, -40))
    assert voiced_from_levels(over, FRAME) == (pytest.approx((2.0, 3.0)),)


def test_a_silent_room_is_never_speech():
    assert voiced_from_levels(frames((1.0, -120), (1.0, -55)), FRAME) == ()  # 65 dB up, but below -50 dBFS
    assert voiced_from_levels([], FRAME) == ()


def test_pauses_are_gaps_over_two_seconds_between_voice_only():
    voiced = [(1.0, 2.0), (2.5, 4.0), (7.0, 8.0), (10.1, 11.0)]
    assert pauses(voiced) == pytest.approx((3.0, 2.1))
    assert pauses([(0.0, 1.0), (3.0, 4.0)]) == ()  # exactly 2 s is not longer than 2 s
    assert pauses([(0.0, 5.0), (1.0, 2.0), (6.0, 7.0)]) == ()  # overlapping intervals: the gap is from 5.0


def test_speaking_time_excludes_leading_and_trailing_silence_and_long_pauses():
    transcript = "um I would taper the opioid slowly and review function"
    voiced = [(2.0, 5.0), (8.0, 11.0)]  # 3 s pause; 2 s of think before, silence after
    d = measure_spoken(transcript, voiced, seconds_used=20.0, seconds_allowed=90.0)
    assert d.speaking_seconds == pytest.approx(6.0)
    assert d.words == 10 and d.words_per_minute == pytest.approx(100.0)
    assert (d.pauses, d.longest_pause) == (1, pytest.approx(3.0))
    assert d.fillers == {"um": 1} and d.filler_count == 1
    assert (d.seconds_used, d.seconds_allowed, d.voice_from) == (20.0, 90.0, "audio")


def test_nothing_heard_has_no_words_per_minute():
    d = measure_spoken("", (), 10.0, 60.0)
    assert (d.words, d.speaking_seconds, d.words_per_minute, d.pauses, d.longest_pause) == (0, 0.0, None, 0, 0.0)


def test_under_a_second_of_speech_has_no_rate():
    # Found by hypothesis: 5e-324 s of speech divided by 60 is 0.0, a division by zero.
    assert measure_spoken("yes", [(0.0, 5e-324)], 1.0, 60.0).words_per_minute is None
    assert measure_spoken("yes", [(0.0, 0.99)], 1.0, 60.0).words_per_minute is None
    assert measure_spoken("yes", [(0.0, 1.0)], 1.0, 60.0).words_per_minute == pytest.approx(60.0)


def test_word_timestamps_are_used_when_the_audio_shows_no_voice():
    words = [TimedWord("team", 0.5, 1.0), TimedWord("care", 4.0, 4.5)]
    d = spoken_delivery("team care", words, frames((5.0, -120)), FRAME, 5.0, 60.0)
    assert d.voice_from == "words" and d.pauses == 1 and d.longest_pause == pytest.approx(3.0)
    audio = spoken_delivery("team care", words, frames((0.5, -80), (0.5, -20), (4.0, -80)), FRAME, 5.0, 60.0)
    assert audio.voice_from == "audio" and audio.pauses == 0 and audio.speaking_seconds == pytest.approx(0.5)


def test_the_stored_figures_come_back():
    d = measure_spoken("uh the team", [(0.0, 1.0), (4.0, 5.0)], 6.0, 60.0)
    stored = d.as_dict()
    assert stored["pause_seconds"] == PAUSE_SECONDS and stored["fillers"] == {"uh": 1}
    assert SpokenDelivery.from_dict(stored) == d
    assert SpokenDelivery.from_dict(None) is None and SpokenDelivery.from_dict({"words": "many"}) is None


@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 5)), max_size=20))
def test_pauses_and_speaking_time_never_exceed_the_voiced_span(raw):
    voiced = [(start, start + length) for start, length in raw]
    d = measure_spoken("word " * len(voiced), voiced, 200.0, 200.0)
    span = max((e for _, e in voiced), default=0.0) - min((s for s, _ in voiced), default=0.0)
    assert 0.0 <= d.speaking_seconds <= span + 1e-9
    assert all(p > PAUSE_SECONDS for p in pauses(voiced))
    assert d.speaking_seconds + sum(pauses(voiced)) == pytest.approx(span) if voiced else d.speaking_seconds == 0


@given(st.lists(st.floats(-120, 0), max_size=300))
def test_voiced_intervals_are_ordered_disjoint_and_inside_the_recording(levels):
    voiced = voiced_from_levels(levels, FRAME)
    for (_s1, e1), (s2, _e2) in zip(voiced, voiced[1:], strict=False):
        assert e1 < s2 + 1e-9
    assert all(0 <= s < e <= len(levels) * FRAME + 1e-9 for s, e in voiced)
    assert voiced_from_words([TimedWord("a", 2, 1)]) == ((2, 2),)  # a reversed word is an instant


# --- the session's held clock ------------------------------------------------------------


def make(clock):
    q = open_q("o1", think=10, answer=60, probes=("And then?",), probe_seconds=30)
    selection = select_keys([bank("b1", [q])], [q.key], seed=1)
    return InterviewSession.start(selection, InterviewSettings(), clock=clock, wall=wall(), session_id="iv")


def test_held_clock_charges_the_recording_time_only_and_stores_spoken_delivery():
    clock = FakeClock()
    session = make(clock)
    session.start_answering()
    clock.advance(42)
    assert session.hold(timed_out=False).error is None and session.held
    clock.advance(300)  # transcribing and correcting: no time-out, no automatic submit
    assert session.tick().saved == () and session.view().remaining == pytest.approx(18)
    assert session.draft().phase_used == pytest.approx(42)
    spoken = measure_spoken("multimodal analgesia", [(0.0, 1.0), (5.0, 6.0)], 42.0, 60.0)
    saved = session.submit("multimodal analgesia", spoken=spoken).saved[0]
    assert saved.interview.time_used == pytest.approx(42) and not saved.answer.timed_out
    assert saved.interview.metrics["spoken"] == spoken.as_dict() and saved.interview.metrics["words"] == 2
    assert not session.held and session.phase is Phase.PROBE
    assert session.view().remaining == 30  # the follow-up's own clock starts now


def test_hold_at_the_limit_is_a_time_out_and_the_figures_survive_resume():
    clock = FakeClock()
    session = make(clock)
    session.start_answering()
    clock.advance(60.2)  # the screen stops the recording at the first tick past the limit
    session.hold(timed_out=True)
    clock.advance(10)
    spoken = measure_spoken("team", [(0.0, 1.0)], 60.2, 60.0)
    saved = list(session.submit("team", spoken=spoken).saved)
    assert saved[0].answer.timed_out and saved[0].interview.time_used == pytest.approx(60.2)  # measured, not capped
    clock.advance(30)
    session.hold(timed_out=True)
    saved += session.submit("", spoken=None).saved
    assert "spoken" not in saved[1].interview.metrics and saved[1].answer.timed_out
    resumed = InterviewSession.resume(
        [bank("b1", [session._prompts[0].question])],
        session.record,
        [s.interview for s in saved],
        [s.answer for s in saved],
        clock=FakeClock(),
    )
    feedback = resumed.feedback(0)
    assert feedback.spoken == spoken and feedback.probes[0].spoken is None


def test_hold_outside_an_answer_is_refused():
    session = make(FakeClock())
    assert session.hold().error == "Not answering now" and not session.held
