"""A past session re-read from its records: stored verdicts, edited and missing questions."""

from __future__ import annotations

from tests.practice.factory import bank, numeric, open_q, single
from trainer.history.records import AnswerRecord, InterviewRecord, KeyPointVerdict, PlannedItem, SessionRecord
from trainer.practice.past import past_session, response_text


def _answer(position, qid, response, correct, qtype="single", timed_out=False, probe=None):
    return AnswerRecord(
        "s",
        position,
        "b1",
        qid,
        f"h-{qid}",
        qtype,
        "cat-a",
        2,
        (),
        response,
        correct,
        1.0 if correct else 0.0,
        10.0 * (position + 1),
        False,
        100.0 + position,
        timed_out=timed_out,
        probe_index=probe,
    )


def _session(kind, *items):
    plan = tuple(PlannedItem("b1", qid, h, order) for qid, h, order in items)
    return SessionRecord("s", kind, "tutor" if kind == "quiz" else "interview", 0.0, {"b1": "1.0.0"}, {}, 1, plan)


def test_quiz_items_keep_their_stored_verdict_and_show_edits_and_missing_questions():
    banks = [bank("b1", [single("s1", answer="b"), numeric("n1", answer=45), single("s2", hash="h-new")])]
    session = _session(
        "quiz", ("s1", "h-s1", ("b", "a", "c", "d")), ("n1", "h-n1", ()), ("s2", "h-s2", ()), ("gone", "h-gone", ())
    )
    answers = [
        _answer(0, "s1", "a", True),  # stored as right (an older key): shown as stored, not re-judged
        _answer(1, "n1", None, None, "numeric", timed_out=True),
        _answer(2, "s2", "c", False),
        _answer(3, "gone", "d", False),
    ]
    past = past_session(banks, session, answers, [], status="finished")
    s1, n1, s2, gone = past.items
    assert s1.result == "correct" and s1.outcome.score.correct is True
    assert response_text(s1) == "2. Option A"  # the option as displayed, in the stored order
    assert (n1.result, n1.answered) == ("unanswered, timed out", False)
    assert s2.edited and not s1.edited and s2.result == "missed"
    assert gone.question is None and gone.title == "b1/gone (no longer in the loaded banks)"
    assert response_text(gone) == "d" and gone.answered and gone.result == "missed"
    assert past.interview is None


def test_interview_prompts_are_their_stored_records():
    banks = [bank("b1", [open_q("o1", probes=("Why?",)), open_q("o2")])]
    session = _session("interview", ("o1", "h-o1", ()), ("o2", "h-o2", ()))
    verdicts = (KeyPointVerdict("Multimodal analgesia", False, (), True), KeyPointVerdict("Naloxone", False, ()))
    interviews = [
        InterviewRecord("s", 0, None, "stored text", verdicts, {"words": 2, "think_seconds_used": 3.0}, 120, 40.0),
        InterviewRecord("s", 0, 0, "because", (), {"probe": "Why?"}, 60, 5.0),
    ]
    answers = [_answer(0, "o1", "stored text", None, "open"), _answer(0, "o1", "because", None, "open", probe=0)]
    past = past_session(banks, session, answers, interviews, status="unfinished")
    first, second = past.items
    assert first.result == "1/2 covered" and first.look.text == "stored text"
    assert [p.note for p in first.look.probes] == ["short: 1 word (a follow-up deserves a few sentences)"]
    assert first.look.model_answer == "A model answer." and first.look.prompt == "Tell us about o1."
    assert (second.result, second.answered) == ("unanswered", False)
    assert past.interview.answered == 1 and past.interview.planned == 2


def test_a_spoken_prompt_re_read_shows_its_recordings_pace():
    from trainer.practice.delivery import SpokenDelivery
    from trainer.practice.past_report import report_lines

    spoken = SpokenDelivery(100, 40.0, 150.0, 2, 3.5, {}, 45.0, 120.0, "audio")
    banks = [bank("b1", [open_q("o1")])]
    session = _session("interview", ("o1", "h-o1", ()))
    metrics = {"words": 2, "words_per_minute": 3.0, "spoken": spoken.as_dict()}
    interviews = [InterviewRecord("s", 0, None, "stored text", (), metrics, 120, 40.0)]
    past = past_session(banks, session, [_answer(0, "o1", "stored text", None, "open")], interviews, status="finished")
    assert past.items[0].look.spoken == spoken
    lines = report_lines(past)
    assert "   Spoken: 150 words per minute over 0:40 of speaking · pauses over 2 s: 2 (longest 3.5 s)" in lines
