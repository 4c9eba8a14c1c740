"""Drafts (the interview answer being typed) and item notes in the store."""

from __future__ import annotations

import pytest

from tests.history.helpers import T0, answer, interview, session
from trainer.history.records import DraftRecord, ItemNote
from trainer.history.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def _draft(text: str = "half", position: int = 0, probe: int | None = None, used: float = 10.0) -> DraftRecord:
    return DraftRecord("iv", position, probe, text, 3.0, used, T0 + used)


def test_the_latest_draft_replaces_the_one_before_and_an_answer_deletes_its_draft(store):
    store.start_session(session("iv", n=2, kind="interview", mode="interview"))
    store.save_draft(_draft("a pat"))
    store.save_draft(_draft("a patient story", used=14.0))
    assert store.draft("iv") == _draft("a patient story", used=14.0)
    # a probe's answer does not delete the prompt's draft...
    store.record_answer(_probe_answer(), interview("iv", 0, probe=0))
    assert store.draft("iv") is not None
    # ...the main answer it is the draft of does
    store.record_answer(answer("iv", 0, question_type="open", correct=None), interview("iv", 0))
    assert store.draft("iv") is None


def _probe_answer():
    from dataclasses import replace

    return replace(answer("iv", 0, question_type="open", correct=None), probe_index=0)


def test_a_draft_goes_with_its_session_and_clear_removes_it(store):
    store.start_session(session("iv", n=2, kind="interview", mode="interview"))
    store.save_draft(_draft())
    store.clear_draft("iv")
    assert store.draft("iv") is None


def test_notes_are_kept_once_oldest_first_and_by_session(store):
    store.start_session(session("s1", n=2))
    late = ItemNote("core", "q1", "h-q1", "the key says b, the explanation says c", T0 + 50, "s1", 1)
    early = ItemNote("core", "q0", "h-q0", "typo in the stem", T0 + 10)
    store.add_note(late)
    store.add_note(early)
    store.add_note(late)  # the same note twice is one note
    assert store.notes() == [early, late]
    assert store.notes("s1") == [late]
    unknown = ItemNote("core", "q0", "h-q0", "from elsewhere", T0 + 60, "no-such-session", 0)
    store.add_note(unknown)  # a session this history lacks is not a reason to lose the note
    assert store.notes()[-1].session_id is None


def test_sessions_are_found_by_a_unique_prefix(store):
    store.start_session(session("abc123", n=1))
    store.start_session(session("abd456", n=1, started_at=T0 + 1))
    store.start_session(session("ab", n=1, started_at=T0 + 2))
    assert store.find_session("abc") == ["abc123"]
    assert store.find_session("ab") == ["ab"]  # a whole id names itself
    assert store.find_session("abd") == ["abd456"]
    assert store.find_session("ABC") == []  # ids are case-sensitive
    assert sorted(store.find_session("a")) == ["ab", "abc123", "abd456"]
    assert store.find_session("") == [] and store.find_session("zz") == []


def test_prompt_attempts_are_every_main_answer_across_sessions(store):
    from dataclasses import replace

    for n, sid in enumerate(("iv1", "iv2")):
        store.start_session(session(sid, n=1, kind="interview", mode="interview", started_at=T0 + n * 1000))
        main = replace(
            answer(sid, 0, question="why", question_type="open", correct=None, at=T0 + n * 1000 + 5),
            response=f"answer {n}",
        )
        store.record_answer(main, interview(sid, 0, covered=(True, n == 1), text=f"answer {n}"))
        store.record_answer(replace(main, probe_index=0), interview(sid, 0, probe=0, covered=()))
    attempts = store.prompt_attempts("core", "why")
    assert [(a.session_id, a.text, a.covered, a.total) for a in attempts] == [
        ("iv1", "answer 0", 1, 2),
        ("iv2", "answer 1", 2, 2),
    ]
    assert attempts[0].score == 0.5 and store.prompt_attempts("core", "other") == []
