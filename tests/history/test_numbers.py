"""One definition of a session's numbers (trainer.history.numbers), and the SQL listing and
the export agreeing with it on any stored session."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.history.helpers import answer, session
from trainer.history.exchange import export_history
from trainer.history.numbers import ItemFacts, SessionNumbers
from trainer.history.store import Store


def test_unanswered_items_are_not_counted_as_wrong_and_score_is_over_answered_items():
    items = [ItemFacts(True, True, 1.0, False, 10)] * 7 + [ItemFacts(True, False, 0.0, False, 5)] * 2
    items += [ItemFacts(False, None, 0.0, False, 3)]  # visited, nothing entered
    numbers = SessionNumbers.of(10, items)
    assert (numbers.answered, numbers.unanswered, numbers.correct, numbers.wrong) == (9, 1, 7, 2)
    assert numbers.score == 7 / 9 and numbers.duration == 83


def test_a_timed_out_item_counts_as_answered_only_if_something_was_entered():
    numbers = SessionNumbers.of(5, [ItemFacts(True, True, 1.0, True, 72), ItemFacts(False, None, 0.0, True, 72)])
    assert (numbers.answered, numbers.unanswered, numbers.timed_out, numbers.score) == (1, 4, 2, 1.0)


def test_an_exam_not_yet_submitted_has_no_score_until_its_answers_are_scored():
    unscored = [answer("s", i, correct=None, response="a", score=0.0) for i in range(3)]
    numbers = SessionNumbers.from_answers(5, unscored)
    assert (numbers.answered, numbers.unscored, numbers.score) == (3, 3, None)
    scored = [replace(a, correct=i < 2, score=1.0 if i < 2 else 0.0) for i, a in enumerate(unscored)]
    assert SessionNumbers.from_answers(5, unscored + scored).score == 2 / 3


def test_nothing_answered_has_no_score():
    assert SessionNumbers.of(3, []).score is None and SessionNumbers.of(3, []).unanswered == 3


def test_from_answers_keeps_the_latest_record_per_item_and_adds_probe_time():
    first = answer("s", 0, response=None, correct=None, time_spent=5)
    later = answer("s", 0, response="a", correct=True, time_spent=9)
    probe = answer("s", 0, response="more", correct=None, time_spent=4, score=0.0)
    probe = replace(probe, probe_index=0)
    numbers = SessionNumbers.from_answers(2, [first, later, probe])
    assert (numbers.answered, numbers.correct, numbers.duration, numbers.unanswered) == (1, 1, 13, 1)


rows = st.lists(
    st.tuples(
        st.sampled_from([None, "a", "b"]),  # response (None: nothing entered)
        st.booleans(),  # timed out
        st.integers(0, 120),  # time spent
        st.booleans(),  # scored yet
    ),
    min_size=0,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=st.lists(rows, min_size=1, max_size=4))
def test_listing_and_export_agree_with_the_definition_on_any_stored_sessions(tmp_path_factory, sessions):
    root = tmp_path_factory.mktemp("numbers") / "data"
    expected = {}
    with Store.open(root) as store:
        for n, items in enumerate(sessions):
            sid = f"s{n}"
            store.start_session(session(sid, n=len(items) + 1, started_at=1e9 + n))
            records = []
            for position, (response, timed_out, spent, scored) in enumerate(items):
                correct = (response == "a") if scored and response is not None else None
                rec = answer(sid, position, response=response, correct=correct, time_spent=spent)
                rec = replace(rec, timed_out=timed_out)
                store.record_answer(rec)
                records.append(rec)
            expected[sid] = SessionNumbers.from_answers(len(items) + 1, records)
        listed = {s.session_id: s.numbers for s in store.sessions()}
        exported = {s["session_id"]: s["summary"] for s in export_history(store)["sessions"]}
    assert listed == expected
    assert exported == {sid: numbers.as_dict() for sid, numbers in expected.items()}
