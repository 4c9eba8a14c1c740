"""InterviewSession: phases and countdowns on a fake clock, probes, records, feedback, overrides."""

from __future__ import annotations

import dataclasses

import pytest

from tests.practice.factory import bank, fmt, open_q, wall
from trainer.banks.model import KeyPoint, Probe, RedFlag
from trainer.history.records import KeyPointVerdict
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, Phase, select_keys, select_prompts
from trainer.practice.judge import NegExJudge

GOOD = "I would start multimodal analgesia first. Then I would add physical therapy, and naloxone when tapering."


def make(questions, settings=None, clock=None):
    settings = settings or InterviewSettings()
    b = bank("b1", questions)
    clock = clock or FakeClock()
    selection = select_keys([b], [q.key for q in questions], seed=1)
    session = InterviewSession.start(selection, settings, clock=clock, wall=wall(), session_id="iv")
    return session, clock


def test_start_record_and_first_view():
    session, _ = make([open_q("o1", think=30, answer=120), open_q("o2")], InterviewSettings(interview_format=fmt()))
    rec = session.record
    assert (rec.kind, rec.mode, rec.session_id) == ("interview", "interview", "iv")
    assert [p.question_id for p in rec.plan] == ["o1", "o2"] and rec.settings["format"] == "quick"
    view = session.view()
    assert view.phase is Phase.THINK and view.position == 0 and view.total == 2 and view.number == 1
    assert view.prompt == "Tell us about o1." and view.seconds_allowed == 20  # the format's think time
    assert view.feedback is None


def test_think_countdown_then_answer_then_automatic_submit_keeps_the_text():
    session, clock = make([open_q("o1", think=10, answer=60)])
    clock.advance(9)
    assert session.tick().phase_changed is False and session.view().remaining == pytest.approx(1)
    clock.advance(1)
    assert session.tick().phase_changed and session.phase is Phase.ANSWER
    assert session.view().remaining == 60
    clock.advance(20)
    session.update_text("Multimodal")
    clock.advance(39.5)
    session.update_text(GOOD)
    assert session.tick().saved == ()
    clock.advance(0.5)
    update = session.tick()
    (saved,) = update.saved
    assert saved.interview.text == GOOD and saved.answer.response == GOOD
    assert saved.answer.timed_out and saved.interview.time_used == pytest.approx(60)
    assert saved.answer.time_spent == pytest.approx(70)  # think + answer, as measured
    assert saved.interview.answer_seconds_allowed == 60 and saved.interview.probe_index is None
    assert session.phase is Phase.FEEDBACK


def test_candidate_can_start_early_by_key_or_by_typing():
    session, clock = make([open_q("o1", think=30), open_q("o2", think=30)])
    clock.advance(4)
    session.start_answering()
    assert session.phase is Phase.ANSWER
    clock.advance(5)
    saved = session.submit("Short answer.").saved[0]
    assert saved.interview.metrics["think_seconds_used"] == 4 and not saved.answer.timed_out
    assert saved.interview.time_used == pytest.approx(5)
    session.next()
    clock.advance(2)
    assert session.update_text("I").phase_changed and session.phase is Phase.ANSWER
    assert session.view().text == "I"
    assert session.start_answering().error


def test_empty_answer_at_timeout_is_still_recorded():
    session, clock = make([open_q("o1", think=0, answer=30)])
    assert session.phase is Phase.ANSWER  # no think time
    clock.advance(30)
    (saved,) = session.tick().saved
    assert saved.answer.response == "" and saved.answer.score == 0.0 and saved.answer.timed_out
    assert [v.covered for v in saved.interview.verdicts] == [False, False, False]


def test_probes_follow_with_their_own_shorter_time():
    q = open_q("o1", think=0, answer=100, probes=("Why?", "What then?"))
    session, clock = make([q])
    session.submit(GOOD)
    view = session.view()
    assert view.phase is Phase.PROBE and view.probe_index == 0 and view.prompt == "Why?"
    assert view.seconds_allowed == 50 and view.probe_count == 2  # half the answer time
    clock.advance(10)
    (first,) = session.submit("Because, um, evidence.").saved
    assert first.interview.probe_index == 0 and first.answer.probe_index == 0
    assert first.interview.verdicts == () and first.answer.score == 0.0
    assert first.interview.metrics["probe"] == "Why?" and first.interview.metrics["fillers"] == {"um": 1}
    assert first.answer.time_spent == pytest.approx(10) and first.interview.answer_seconds_allowed == 50
    session.update_text("typed then timed out")
    clock.advance(50)
    (second,) = session.tick().saved
    assert second.interview.probe_index == 1 and second.interview.text == "typed then timed out"
    assert second.answer.timed_out
    assert session.phase is Phase.FEEDBACK
    fb = session.view().feedback
    assert [p.probe for p in fb.probes] == ["Why?", "What then?"]


@pytest.mark.parametrize(
    ("settings", "question", "expected"),
    [
        (InterviewSettings(), {"think": 30, "answer": 120}, (30, 120, 60)),
        (InterviewSettings(), {"think": 30, "answer": 120, "probe_seconds": 45}, (30, 120, 45)),
        (InterviewSettings(interview_format=fmt(think=20, answer=90)), {}, (20, 90, 45)),
        (InterviewSettings(interview_format=fmt(answer=90, probe_seconds=40)), {}, (20, 90, 40)),
        (InterviewSettings(interview_format=fmt(answer=90, probe_seconds=40)), {"probe_seconds": 30}, (20, 90, 30)),
        (
            InterviewSettings(think_seconds=5, answer_seconds=40, interview_format=fmt()),
            {"probe_seconds": 60},
            (5, 40, 40),
        ),  # a probe is never longer than the answer...
        (InterviewSettings(answer_seconds=40, probe_seconds=60), {}, (30, 40, 60)),  # ...unless set so
        (InterviewSettings(answer_seconds=1), {}, (30, 1, 1)),
    ],
)
def test_timing_precedence(settings, question, expected):
    timing = settings.timing(open_q(probes=("p",), **question))
    assert (timing.think, timing.answer, timing.probe) == expected


def test_probes_can_be_switched_off_by_format_or_settings():
    q = open_q(probes=("p1", "p2"))
    assert InterviewSettings().timing(q).probes == ("p1", "p2")
    assert InterviewSettings(interview_format=fmt(probes=False)).timing(q).probes == ()
    assert InterviewSettings(probes=True, interview_format=fmt(probes=False)).timing(q).probes == ("p1", "p2")
    assert InterviewSettings(probes=False).timing(q).probes == ()
    with pytest.raises(ValueError):
        InterviewSettings(answer_seconds=0)


def test_feedback_and_model_answer_only_after_answering():
    session, clock = make([open_q("o1", think=0, answer=60, model_answer="Say this.")])
    assert session.feedback(0) is None and session.view().feedback is None
    clock.advance(30)
    (saved,) = session.submit(GOOD).saved
    fb = session.view().feedback
    assert fb.model_answer == "Say this." and fb.text == GOOD and fb.score == pytest.approx(1.0)
    assert [v.matched for v in fb.verdicts] == [("multimodal",), ("physical therapy",), ("naloxone",)]
    assert [v.status for v in fb.verdicts] == ["covered"] * 3
    assert [GOOD[a:b] for a, b in fb.spans] == ["multimodal", "physical therapy", "naloxone"]
    assert [GOOD[a:b] for a, b in (v.evidence for v in fb.verdicts)] == [
        "I would start multimodal analgesia first.",
        "Then I would add physical therapy, and naloxone when tapering.",
        "Then I would add physical therapy, and naloxone when tapering.",
    ]
    assert fb.metrics.words == 16 and fb.metrics.words_per_minute == pytest.approx(32)
    assert saved.answer.score == pytest.approx(1.0) and saved.answer.correct is None
    assert saved.interview.metrics["words"] == 16 and saved.interview.metrics["judge"] == fb.judge == "negex-6"
    assert saved.interview.metrics["red_flags"] == []


def test_overrides_change_the_score_and_emit_updated_records():
    session, _ = make([open_q("o1", think=0)])
    assert session.override(0, 0, True).error  # not answered yet
    session.submit("Only multimodal analgesia here.")
    assert session.feedback(0).score == pytest.approx(1 / 3)
    (saved,) = session.override(0, 2, True).saved
    assert saved.answer.score == pytest.approx(2 / 3) and saved.answer.position == 0
    assert [v.final for v in saved.interview.verdicts] == [True, False, True]
    assert saved.interview.verdicts[2].covered is False and saved.interview.verdicts[2].override is True
    (saved,) = session.override(0, 0, False).saved
    assert saved.answer.score == pytest.approx(1 / 3)
    (saved,) = session.override(0, 2, None).saved  # back to the automatic verdict
    assert saved.answer.score == 0.0
    assert session.override(0, 7, True).error and session.override(3, 0, True).error


def test_next_moves_through_prompts_to_finished_with_results():
    session, clock = make([open_q("o1", think=5), open_q("o2", think=5)])
    assert session.next().error
    clock.advance(5)
    session.tick()
    session.submit(GOOD)
    assert session.next().phase_changed and session.phase is Phase.THINK and session.position == 1
    assert session.view().text == ""
    session.start_answering()
    session.submit("Nothing relevant.")
    update = session.next()
    r = update.results
    assert session.phase is Phase.FINISHED and r.ended_by == "completed"
    assert r.answered == 2 and r.total == 2 and r.points_covered == 3 and r.points_total == 6
    assert r.average_score == pytest.approx(0.5)
    assert session.submit("late").error and session.tick().saved == ()


def test_end_early_submits_typed_text_and_finishes():
    session, clock = make([open_q("o1", think=0), open_q("o2")])
    session.update_text("Multimodal care")
    clock.advance(3)
    update = session.end_early()
    assert [s.answer.response for s in update.saved] == ["Multimodal care"]
    assert update.results.ended_by == "ended_early" and update.results.answered == 1 and update.results.total == 2
    assert session.end_early().results is update.results


def test_late_submit_counts_as_timed_out():
    session, clock = make([open_q("o1", think=0, answer=10)])
    clock.advance(12)
    (saved,) = session.submit("done").saved
    assert saved.answer.timed_out and saved.interview.time_used == pytest.approx(12)


def test_interview_from_a_format_across_banks():
    b1 = bank(
        "b1",
        [open_q("o1", category="motivation"), open_q("o2", category="career")],
        formats=(fmt("quick", categories=("motivation", "career"), prompts=2, think=15, answer=45),),
    )
    b2 = bank("b2", [open_q("o3", bank="b2", category="motivation")])
    quick = b1.interview_formats[0]
    selection = select_prompts([b1, b2], interview_format=quick, seed=3)
    session = InterviewSession.start(selection, InterviewSettings(interview_format=quick), clock=FakeClock())
    assert session.total == 2 and session.view().seconds_allowed == 15
    assert session.record.banks == {"b1": "1.0.0", "b2": "1.0.0"}
    with pytest.raises(ValueError):
        InterviewSession.start(select_prompts([b1], categories=("none",), seed=1), clock=FakeClock())


def test_resume_restores_answered_prompts_and_continues_with_the_next():
    b = bank(
        "b1",
        [open_q("o1", think=0, probes=("Why?", "Then?")), open_q("o2", think=10), open_q("o3")],
        formats=(fmt("quick", prompts=3, think=12, answer=60),),
    )
    quick = b.interview_formats[0]
    clock = FakeClock()
    session = InterviewSession.start(
        select_keys([b], [("b1", "o1"), ("b1", "o2"), ("b1", "o3")], seed=1),
        InterviewSettings(interview_format=quick),
        clock=clock,
        wall=wall(),
    )
    clock.advance(12)
    session.tick()
    clock.advance(20)
    saved = list(session.submit(GOOD).saved)
    saved += session.submit("Because.").saved
    saved += session.override(0, 1, False).saved
    clock.advance(30)
    saved += session.tick().saved  # second probe timed out with nothing typed
    session.next()
    session.update_text("half an answer, then the terminal closed")

    resumed = InterviewSession.resume(
        [b], session.record, [s.interview for s in saved], [s.answer for s in saved], clock=FakeClock(), wall=wall()
    )
    assert resumed.position == 1 and resumed.phase is Phase.THINK and resumed.view().text == ""
    assert resumed.view().seconds_allowed == 12  # the format came back from the record
    fb = resumed.feedback(0)
    assert fb.text == GOOD and [v.final for v in fb.verdicts] == [True, False, True]
    assert [p.text for p in fb.probes] == ["Because.", ""] and fb.probes[1].timed_out
    assert fb.metrics.seconds_used == pytest.approx(20) and fb.think_used == pytest.approx(12)
    assert resumed.feedback(1) is None
    with pytest.raises(ValueError):
        InterviewSession.resume([b], dataclasses.replace(session.record, kind="quiz"), [])


def test_resume_with_everything_answered_opens_the_last_feedback():
    session, _ = make([open_q("o1", think=0)])
    saved = session.submit(GOOD).saved
    b = bank("b1", [open_q("o1", think=0)])
    resumed = InterviewSession.resume([b], session.record, [s.interview for s in saved], clock=FakeClock())
    assert resumed.phase is Phase.FEEDBACK and resumed.view().feedback.score == pytest.approx(1.0)
    assert resumed.next().results.answered == 1


# --- the judge seam ------------------------------------------------------------------------

LABEL = RedFlag("label", "Labels the patient drug-seeking", ("drug seeking",), "Stigma worsens care.")


def test_the_judge_is_injected_and_its_version_and_red_flags_are_stored():
    q = dataclasses.replace(open_q("o1", think=0), red_flags=(LABEL,))
    b = bank("b1", [q])
    session = InterviewSession.start(
        select_keys([b], [q.key], seed=1), clock=FakeClock(), wall=wall(), judge=NegExJudge(version="test-judge-7")
    )
    (saved,) = session.submit(GOOD + " Honestly I think she is drug seeking.").saved
    fb = session.view().feedback
    assert fb.judge == "test-judge-7" and saved.interview.metrics["judge"] == "test-judge-7"
    assert [f.id for f in fb.flags] == ["label"]
    stored = saved.interview.metrics["red_flags"]
    assert stored[0]["id"] == "label" and stored[0]["why"] == "Stigma worsens care."
    assert stored[0]["evidence"]["words"] == "drug seeking"
    assert saved.answer.score == pytest.approx(1.0 - 0.25) == fb.score  # 3/3 points, one unsafe flag


def test_a_rejected_red_flag_mention_does_not_lower_the_score():
    q = dataclasses.replace(open_q("o1", think=0), red_flags=(LABEL,))
    session, _ = make([q])
    (saved,) = session.submit(GOOD + " I would never call her drug seeking.").saved
    assert session.view().feedback.flags == () and saved.answer.score == pytest.approx(1.0)


def test_resume_keeps_the_stored_verdicts_of_another_judge_version():
    q = open_q("o1", think=0)
    b = bank("b1", [q])
    session = InterviewSession.start(select_keys([b], [q.key], seed=1), clock=FakeClock(), wall=wall())
    (saved,) = session.submit(GOOD).saved
    # the stored row says an older judge covered only point 1 (e.g. an answer from last month)
    old = dataclasses.replace(
        saved.interview,
        verdicts=(
            KeyPointVerdict("Multimodal analgesia", True, ("multimodal",), status="covered"),
            KeyPointVerdict("Team-based care", False, (), status="listed"),
            KeyPointVerdict("Opioid risk mitigation", False, (), override=True, status="missed"),
        ),
        metrics=saved.interview.metrics | {"judge": "negex-0"},
    )
    resumed = InterviewSession.resume([b], session.record, [old], clock=FakeClock())
    fb = resumed.feedback(0)
    assert fb.judge == "negex-0"
    assert [v.covered for v in fb.verdicts] == [True, False, False]  # not re-judged by the current judge
    assert [v.final for v in fb.verdicts] == [True, False, True]  # the self-rating is kept
    assert [v.status for v in fb.verdicts] == ["covered", "listed", "missed"]


def test_rows_from_before_the_judge_resume_with_their_keyword_verdicts():
    q = open_q("o1", think=0)
    b = bank("b1", [q])
    session = InterviewSession.start(select_keys([b], [q.key], seed=1), clock=FakeClock(), wall=wall())
    (saved,) = session.submit("Nothing useful.").saved
    legacy_metrics = {k: v for k, v in saved.interview.metrics.items() if k not in ("judge", "red_flags")}
    old = dataclasses.replace(
        saved.interview,
        metrics=legacy_metrics,
        verdicts=(
            KeyPointVerdict("Multimodal analgesia", True, ("multimodal",)),
            KeyPointVerdict("Team-based care", True, ("team",)),
            KeyPointVerdict("Opioid risk mitigation", False, ()),
        ),
    )
    fb = InterviewSession.resume([b], session.record, [old], clock=FakeClock()).feedback(0)
    assert fb.judge == "keywords" and fb.flags == ()
    assert [v.covered for v in fb.verdicts] == [True, True, False] and fb.score == pytest.approx(2 / 3)


def test_probes_with_key_points_are_judged_and_plain_probes_are_not():
    judged = Probe(
        "And if the kidneys fail?",
        key_points=(
            KeyPoint("Renal dosing of gabapentin", ("gabapentin",), requires=(("renal", "kidney"),)),
            KeyPoint("No NSAIDs", ("NSAID",), stance="reject"),
        ),
        red_flags=(RedFlag("pethidine", "Uses pethidine", ("pethidine",), "Toxic metabolite."),),
    )
    q = open_q("o1", think=0, probes=(judged, "Anything else?"))
    b = bank("b1", [q])
    session = InterviewSession.start(select_keys([b], [q.key], seed=1), clock=FakeClock(), wall=wall())
    (main_saved,) = session.submit(GOOD).saved
    (probe_saved,) = session.submit("I would lower the gabapentin dose for her kidney function and avoid NSAIDs.").saved
    (plain_saved,) = session.submit("No.").saved
    assert [v.covered for v in probe_saved.interview.verdicts] == [True, True]
    assert probe_saved.answer.score == pytest.approx(1.0) and probe_saved.interview.metrics["judge"] == "negex-6"
    assert plain_saved.interview.verdicts == () and plain_saved.answer.score == 0.0
    fb = session.view().feedback
    assert [p.score for p in fb.probes] == [1.0, 0.0]
    records = [main_saved.interview, probe_saved.interview, plain_saved.interview]
    resumed = InterviewSession.resume([b], session.record, records, clock=FakeClock())
    assert [v.covered for v in resumed.feedback(0).probes[0].verdicts] == [True, True]
