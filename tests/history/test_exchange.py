"""Export -> import moves a whole history; importing again adds nothing; bad files change nothing."""

from __future__ import annotations

import json

import pytest

from tests.history.helpers import T0, answer, interview, session
from trainer.history.errors import HistoryError
from trainer.history.exchange import export_history, import_history, read_export, write_export
from trainer.history.store import Store


def _history(store: Store) -> None:
    store.start_session(session("q1", n=3))
    store.record_answer(answer("q1", 0, tags=("opioids",), response=["a", "c"], flagged=True))
    store.record_answer(answer("q1", 1, correct=False))
    store.finish_session("q1", T0 + 900)
    store.start_session(session("iv", n=1, kind="interview", mode="interview", started_at=T0 + 5000))
    store.record_answer(
        answer("iv", 0, correct=None, question_type="open", response="I chose pain because"),
        interview("iv", 0, overrides=(None, True)),
    )
    store.record_answer(answer("iv", 0, correct=None, question_type="open"), interview("iv", 0, probe=0))


def _everything(store: Store) -> list:
    return [store.load_session(s.session_id) for s in store.sessions()]


def test_round_trip_moves_every_session_answer_and_verdict(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        write_export(export_history(a), tmp_path / "out.json")
        result = import_history(b, read_export((tmp_path / "out.json").read_text(), "out.json"))
        assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
        assert _everything(b) == _everything(a)
        assert b.sessions() == a.sessions()
        assert b.stats() == a.stats()
        assert b.unfinished_session() == a.unfinished_session()


def test_import_twice_does_not_duplicate(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        sessions = read_export(json.dumps(export_history(a)), "x")
        import_history(b, sessions)
        before = _everything(b)
        result = import_history(b, sessions)
        assert (result.added, result.updated, result.unchanged, result.answers_written) == (0, 0, 2, 0)
        assert _everything(b) == before


def test_import_merges_newer_answers_and_session_end(tmp_path):
    with Store.open(tmp_path / "laptop") as laptop, Store.open(tmp_path / "desktop") as desktop:
        laptop.start_session(session("s", n=3))
        laptop.record_answer(answer("s", 0, correct=False, at=T0 + 10))
        import_history(desktop, read_export(json.dumps(export_history(laptop)), "x"))
        # carried on at the desktop: answer 0 changed later, answer 1 added, finished
        desktop.record_answer(answer("s", 0, correct=True, at=T0 + 20))
        desktop.record_answer(answer("s", 1, at=T0 + 30))
        desktop.finish_session("s", T0 + 40)
        result = import_history(laptop, read_export(json.dumps(export_history(desktop)), "x"))
        assert (result.updated, result.answers_written) == (1, 2)
        assert _everything(laptop) == _everything(desktop)
        # the older copy coming back does not undo the newer answer
        import_history(desktop, read_export(json.dumps(export_history(laptop)), "x"))
        assert desktop.load_session("s").answers[0].correct is True


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not valid JSON"),
        ("[]", "not a pain-trainer history export"),
        ('{"format": "pain-trainer-history", "format_version": 9, "sessions": []}', "newer than this pain-trainer"),
        ('{"format": "pain-trainer-history", "format_version": 1}', "/sessions: missing"),
        (
            '{"format": "pain-trainer-history", "format_version": 1, "sessions": [{"session_id": "x"}]}',
            "/sessions/0/kind: missing",
        ),
        (
            '{"format": "pain-trainer-history", "format_version": 1, "sessions": [{"session_id": "x", "kind": "quiz",'
            ' "mode": "exam", "started_at": NaN, "banks": {}, "plan": []}]}',
            "not valid JSON",
        ),
    ],
)
def test_bad_files_are_refused_with_a_pointer_to_the_problem(text, message):
    with pytest.raises(HistoryError, match=message) as info:
        read_export(text, "in.json")
    assert str(info.value).startswith("in.json: ") and "\n" not in str(info.value)


def test_a_bad_session_late_in_the_file_imports_nothing(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        document = export_history(a)
        document["sessions"][1]["answers"][0]["position"] = "first"
        with pytest.raises(HistoryError, match=r"/sessions/1/answers/0/position: expected a whole number"):
            import_history(b, read_export(json.dumps(document), "x"))
        assert b.sessions() == []


# --- item notes ---------------------------------------------------------------------------


def _notes(store: Store) -> None:
    from trainer.history.records import ItemNote

    store.add_note(ItemNote("core", "q1", "h-q1", "the key looks wrong", T0 + 100, "q1", 1))
    store.add_note(ItemNote("core", "q2", "h-q2", "typo in option c", T0 + 200))


def test_notes_go_out_with_the_export_and_come_back_once(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        _notes(a)
        document = export_history(a)
        assert [n["text"] for n in document["notes"]] == ["the key looks wrong", "typo in option c"]
        assert document["notes"][0]["session_id"] == "q1" and document["notes"][1]["session_id"] is None
        result = import_history(b, read_export(json.dumps(document), "x"))
        assert result.notes_added == 2 and b.notes() == a.notes()
        again = import_history(b, read_export(json.dumps(document), "x"))
        assert again.notes_added == 0 and len(b.notes()) == 2


def test_an_export_of_some_sessions_carries_their_notes_and_the_sessionless_ones(tmp_path):
    with Store.open(tmp_path / "a") as a:
        _history(a)
        _notes(a)
        document = export_history(a, ["iv"])
    assert [n["text"] for n in document["notes"]] == ["typo in option c"]


def test_an_old_export_without_notes_still_imports(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        document = export_history(a)
        del document["notes"]
        result = import_history(b, read_export(json.dumps(document), "old.json"))
        assert result.added == 2 and b.notes() == []


@pytest.mark.parametrize(
    ("note", "problem"),
    [
        ({"question_id": "q1", "text": "x", "created_at": T0}, "/notes/0/bank_id: missing"),
        ({"bank_id": "core", "question_id": "q1", "text": 3, "created_at": T0}, "/notes/0/text: expected a string"),
        ("just text", "/notes/0: expected an object"),
    ],
)
def test_a_bad_note_is_reported_and_nothing_is_imported(tmp_path, note, problem):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        document = export_history(a)
        document["notes"] = [note]
        with pytest.raises(HistoryError, match=problem):
            import_history(b, read_export(json.dumps(document), "x"))
        assert b.sessions() == []


def _card_state(store: Store) -> list[tuple]:
    keys = ("bank_id", "question_id", "point", "content_hash", "state", "step", "due", "reps", "lapses")
    return [tuple(c[k] for k in keys) for c in store.card_table()]


def test_the_export_carries_the_cards_and_import_rebuilds_them_from_the_answers(tmp_path):
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        a.set_scheduler_settings({"fuzzing": False}, T0)
        _history(a)
        document = export_history(a)
        exported = {(c["question_id"], c["point"]): c for c in document["cards"]}
        assert set(exported) == {
            ("q0", ""),
            ("q1", ""),
            ("q0", "kp1"),
            ("q0", "kp2"),
            ("q0", "probe1.kp1"),
            ("q0", "probe1.kp2"),
        }
        assert [r["rating"] for r in exported[("q1", "")]["reviews"]] == [1]
        assert exported[("q1", "")]["reviews"][0]["session_id"] == "q1"
        assert exported[("q0", "kp2")]["reviews"][0]["rating"] == 3  # the override covered it
        document["cards"] = []  # ignored on import: the cards come from the answers
        import_history(b, read_export(json.dumps(document), "x.json"))
        assert _card_state(b) == _card_state(a)
        import_history(b, read_export(json.dumps(document), "x.json"))  # idempotent
        assert _card_state(b) == _card_state(a)
        assert b._conn.execute("SELECT count(*) FROM review_logs").fetchone()[0] == 6


def test_an_old_export_without_cards_imports_with_its_cards(tmp_path):
    """An export written before spaced repetition (format_version 1, no "cards", no "notes")."""
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        _history(a)
        document = export_history(a)
        del document["cards"], document["notes"]
        result = import_history(b, read_export(json.dumps(document), "old.json"))
        assert result.added == 2
        assert {(c["question_id"], c["point"]) for c in b.card_table()} >= {("q0", ""), ("q1", "")}


def test_a_filtered_export_carries_only_the_cards_its_sessions_reviewed(tmp_path):
    with Store.open(tmp_path / "a") as a:
        _history(a)
        document = export_history(a, ["q1"])
        assert {(c["question_id"], c["point"]) for c in document["cards"]} == {("q0", ""), ("q1", "")}


def test_a_probe_recorded_live_and_rebuilt_on_import_is_one_review(tmp_path):
    from dataclasses import replace

    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        a.start_session(session("iv", n=1, kind="interview", mode="interview"))
        main = answer("iv", 0, correct=None, question_type="open", response="prompt answer")
        a.record_answer(main, interview("iv", 0))
        probe = replace(main, probe_index=0, response="probe answer", answered_at=main.answered_at + 30)
        a.record_answer(probe, interview("iv", 0, probe=0, covered=(False,)))
        live = a._conn.execute("SELECT card_id, answer_id, reviewed_at FROM review_logs ORDER BY id").fetchall()
        assert len(live) == 3
        import_history(a, read_export(json.dumps(export_history(a)), "self.json"))  # a rebuild over the same answers
        assert a._conn.execute("SELECT card_id, answer_id, reviewed_at FROM review_logs ORDER BY id").fetchall() == live
        import_history(b, read_export(json.dumps(export_history(a)), "x.json"))
        assert _card_state(b) == _card_state(a)
