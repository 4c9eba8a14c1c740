"""The interview summary: coverage per prompt, time, delivery, short follow-ups, what to work on."""

from __future__ import annotations

import pytest

from tests.practice.factory import bank, open_q, wall
from trainer.banks.model import KeyPoint, RedFlag
from trainer.history.records import AnswerRecord, InterviewRecord, KeyPointVerdict
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, select_keys
from trainer.practice.summary import (
    SHORT_PROBE_WORDS,
    ProbeLook,
    look_from_records,
    summary_from_results,
)

POINTS = (
    KeyPoint("Team care", ("team",)),
    KeyPoint("A patient story", ("patient",)),
    KeyPoint("Procedures", ("nerve block",)),
)
LONG = " ".join(["word"] * SHORT_PROBE_WORDS)


def _interview():
    qs = [
        open_q("o1", think=10, answer=60, key_points=POINTS, probes=("Why?",)),
        open_q("o2", think=10, answer=60, key_points=POINTS[:2], probes=("Then?",)),
    ]
    clock = FakeClock()
    session = InterviewSession.start(
        select_keys([bank("b1", qs)], [("b1", "o1"), ("b1", "o2")], seed=1),
        InterviewSettings(),
        clock=clock,
        wall=wall(),
        session_id="iv",
    )
    clock.advance(5)
    session.start_answering()
    clock.advance(30)
    session.submit("um I work with the team, um, and a patient")  # misses procedures
    clock.advance(10)
    session.submit("ok")  # a short follow-up
    session.next()
    clock.advance(2)
    session.start_answering()
    clock.advance(30)
    session.submit("we did a nerve block")  # misses both of o2's points
    clock.advance(20)
    session.submit(LONG)
    return session.next().results


def test_summary_per_prompt_time_delivery_and_what_to_work_on_next():
    summary = summary_from_results(_interview())
    first, second = summary.prompts
    assert (first.covered, first.total, second.covered, second.total) == (2, 3, 0, 2)
    assert summary.covered == 2 and summary.total_points == 5 and summary.score == pytest.approx((2 / 3 + 0) / 2)
    assert first.time_used == pytest.approx(5 + 30 + 10) and second.time_used == pytest.approx(2 + 30 + 20)
    assert summary.time_used == pytest.approx(97)
    assert summary.words_per_minute == pytest.approx((10 + 5) / 1.0)  # 15 words over 60 s of answering
    assert summary.fillers == {"um": 2}
    # "Team care" and "A patient story" each missed once (o2), "Procedures" once (o1): ties keep their order
    assert [(m.text, m.times, m.prompts) for m in summary.work_on_next] == [
        ("Procedures", 1, (1,)),
        ("Team care", 1, (2,)),
        ("A patient story", 1, (2,)),
    ]
    assert [(n, p.text) for n, p in summary.short_probes] == [(1, "ok")]
    assert summary.red_flags == () and (summary.answered, summary.planned, summary.ended_by) == (2, 2, "completed")


def test_most_missed_points_come_first():
    from dataclasses import replace

    summary = summary_from_results(_interview())
    third = replace(summary.prompts[1], position=2)
    again = replace(summary, prompts=(*summary.prompts, third))
    assert [(m.text, m.times) for m in again.work_on_next][:2] == [("Team care", 2), ("A patient story", 2)]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("", "no answer to this follow-up"),
        ("one two three", "short: 3 words (a follow-up deserves a few sentences)"),
        ("word", "short: 1 word (a follow-up deserves a few sentences)"),
        (LONG, None),
    ],
)
def test_a_follow_up_under_the_threshold_is_pointed_out(text, note):
    assert ProbeLook(0, "Why?", text, 5.0, False).note == note


def test_a_raised_red_flag_is_in_the_summary_with_its_reason_and_a_rejected_one_is_not():
    flag = RedFlag("blame", "Blames the patient", ("blame the patient",), "Blame ends the therapeutic alliance.")
    q = open_q("o1", think=0, answer=60, key_points=POINTS[:1], red_flags=(flag,))
    clock = FakeClock()
    results = []
    for text in ("I would blame the patient for it.", "I would never blame the patient for it."):
        session = InterviewSession.start(
            select_keys([bank("b1", [q])], [("b1", "o1")], seed=1), InterviewSettings(), clock=clock, wall=wall()
        )
        session.submit(text)
        results.append(summary_from_results(session.next().results))
    endorsed, rejected = results
    assert endorsed.red_flags == ((1, "Blames the patient (unsafe): Blame ends the therapeutic alliance."),)
    assert rejected.red_flags == ()


def test_a_stored_prompt_is_shown_as_stored_not_re_judged():
    verdicts = (KeyPointVerdict("Team care", False, (), True), KeyPointVerdict("Procedures", True, ("block",)))
    main = InterviewRecord(
        "iv",
        0,
        None,
        "anything at all",
        verdicts,
        {
            "words": 3,
            "words_per_minute": 90.0,
            "fillers": {"like": 1},
            "think_seconds_used": 4.0,
            "red_flags": [
                {
                    "id": "dismiss",
                    "statement": "Dismisses the team",
                    "kind": "unsafe",
                    "why": "",
                    "evidence": {"span": [0, 8]},
                }
            ],
        },
        60,
        2.0,
    )
    probe = InterviewRecord("iv", 0, 0, "", (), {"words": 0, "probe": "And then?"}, 30, 3.0)
    answer = AnswerRecord(
        "iv",
        0,
        "b1",
        "o1",
        "h",
        "open",
        "motivation",
        2,
        (),
        "anything at all",
        None,
        1.0,
        6.0,
        False,
        0.0,
        timed_out=True,
    )
    look = look_from_records(main, answer, [probe])
    assert (look.covered, look.total, look.prompt, look.timed_out) == (2, 2, "b1/o1", True)
    assert look.red_flags == ("Dismisses the team",) and look.fillers == {"like": 1}
    assert look.time_used == pytest.approx(4 + 2 + 3)
    assert [(p.probe, p.note) for p in look.probes] == [("And then?", "no answer to this follow-up")]


def _look(position: int, covered: tuple[bool, ...], names: tuple[str, ...]):
    from trainer.practice.summary import PromptLook

    verdicts = tuple(KeyPointVerdict(n, c, ()) for n, c in zip(names, covered, strict=False))
    return PromptLook(position, "b", f"q{position}", "?", "", verdicts, 0, None, {}, 0.0, 0.0, 60.0, False)


def test_work_on_next_counts_each_miss_once_per_prompt_most_missed_first():
    from hypothesis import given
    from hypothesis import strategies as st

    from trainer.practice.summary import summarise_interview

    names = st.sampled_from(["Team care", "team  CARE", "Safety", "Goals"])
    prompt = st.lists(st.tuples(names, st.booleans()), max_size=4)

    @given(st.lists(prompt, max_size=6))
    def check(prompts):
        looks = [_look(i, tuple(c for _, c in p), tuple(n for n, _ in p)) for i, p in enumerate(prompts)]
        ranked = summarise_interview("s", looks, len(looks)).work_on_next
        assert [m.times for m in ranked] == sorted((m.times for m in ranked), reverse=True)
        for m in ranked:
            key = " ".join(m.text.casefold().split())
            expected = [
                i + 1
                for i, p in enumerate(prompts)
                if any(" ".join(n.casefold().split()) == key and not c for n, c in p)
            ]
            assert list(m.prompts) == expected and m.times == len(expected)
        missed_keys = {" ".join(n.casefold().split()) for p in prompts for n, c in p if not c}
        assert len(ranked) == len(missed_keys)

    check()


def _spoken(words: int, seconds: float, pauses: int, longest: float, timed: bool = True):
    from trainer.practice.delivery import SpokenDelivery

    wpm = words / (seconds / 60) if timed else None
    return SpokenDelivery(words, seconds, wpm, pauses, longest, {}, seconds + 5, 60, "audio")


def test_spoken_answers_keep_their_recordings_pace_and_the_summary_adds_them_up():
    qs = [open_q(f"o{n}", think=10, answer=60, key_points=POINTS) for n in (1, 2, 3)]
    clock = FakeClock()
    session = InterviewSession.start(
        select_keys([bank("b1", qs)], [("b1", "o1"), ("b1", "o2"), ("b1", "o3")], seed=1),
        InterviewSettings(probes=False),
        clock=clock,
        wall=wall(),
        session_id="iv",
    )
    answers = [
        ("the team and a patient", _spoken(100, 40.0, 2, 3.5)),
        ("a nerve block", _spoken(3, 2.0, 1, 2.5, timed=False)),  # too short to time
        ("typed, about the team", None),
    ]
    results = None
    for text, spoken in answers:
        session.start_answering()
        clock.advance(50)
        session.submit(text, spoken=spoken)
        results = session.next().results
    summary = summary_from_results(results)
    assert [p.spoken for p in summary.prompts] == [answers[0][1], answers[1][1], None]
    totals = summary.spoken
    assert totals is not None and totals.answers == 2
    assert totals.words_per_minute == pytest.approx(150.0)  # the timed answer's 100 words over 40 s
    assert (totals.pauses, totals.longest_pause) == (3, 3.5)


def test_an_interview_typed_throughout_has_no_spoken_totals():
    assert summary_from_results(_interview()).spoken is None


def test_a_stored_spoken_answer_is_summarised_from_its_metrics():
    spoken = _spoken(60, 30.0, 1, 2.2)
    main = InterviewRecord("iv", 0, None, "text", (), {"words": 1, "spoken": spoken.as_dict()}, 60, 31.0)
    look = look_from_records(main, None)
    assert look.spoken is not None
    assert (look.spoken.words, look.spoken.words_per_minute, look.spoken.pauses) == (60, 120.0, 1)
