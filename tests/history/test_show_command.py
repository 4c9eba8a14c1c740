"""`pain-trainer history show ID` and `history notes` through the entry point."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from trainer.banks import BankSource, load_all
from trainer.cli import main
from trainer.history.records import ItemNote
from trainer.history.store import Store
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, select_keys
from trainer.practice.quiz import QuizSession, QuizSettings

BANK = Path(__file__).parents[1] / "tui" / "banks" / "tui.yaml"
T0 = 1_750_000_000.0


def _wall(start: float):
    now = [start]

    def wall() -> float:
        now[0] += 1
        return now[0]

    return wall


@pytest.fixture
def history(tmp_path):
    """A data folder with the test bank, a finished quiz and two interviews on the same prompt."""
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    shutil.copy(BANK, data / "banks" / "tui.yaml")
    banks = load_all([BankSource(BANK)]).banks
    with Store.open(data) as store:
        clock = FakeClock()
        quiz = QuizSession.start(
            select_keys(banks, [("tui", "s1"), ("tui", "n1"), ("tui", "m1")], seed=1),
            QuizSettings(mode="tutor"),
            clock=clock,
            wall=_wall(T0),
            session_id="quiz0001",
        )
        store.start_session(quiz.record)
        clock.advance(12)
        for update in (quiz.choose(quiz.view().options[1].number), quiz.submit()):  # option 2: Oral opioid, wrong
            for record in update.records:
                store.record_answer(record)
        quiz.next()
        clock.advance(5)
        quiz.enter_number("45")
        for record in quiz.submit().records:
            store.record_answer(record)
        store.add_note(
            ItemNote(
                "tui", "s1", quiz.record.plan[0].content_hash, "option b is defensible too", T0 + 100, "quiz0001", 0
            )
        )
        store.finish_session("quiz0001", T0 + 200)
        for n, text in enumerate(("a patient story", "a patient taught me the team matters")):
            clock = FakeClock()
            iv = InterviewSession.start(
                select_keys(banks, [("tui", "o1")], seed=1),
                InterviewSettings(),
                clock=clock,
                wall=_wall(T0 + 1000 * (n + 1)),
                session_id=f"intv000{n}",
            )
            store.start_session(iv.record)
            iv.start_answering()
            clock.advance(30)
            saved = [*iv.submit(text).saved, *iv.submit("ok").saved]
            for s in saved:
                store.record_answer(s.answer, s.interview)
            store.finish_session(iv.session_id, T0 + 1000 * (n + 1) + 60)
    return data


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["history", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_prints_a_quiz_item_by_item_with_the_stored_verdicts(history, capsys):
    code, out, err = run(capsys, "show", "quiz", "--data-dir", str(history))  # a unique prefix
    assert code == 0, err
    assert "Session quiz0001" in out and "quiz · tutor" in out and "finished" in out
    assert "2/3 answered" in out
    assert "1. [tui/s1] missed · 0:12" in out and "   Which is first line?" in out
    assert "   Right answer: 1. Topical NSAID" in out and "   Your answer: 2. Oral opioid" in out
    assert "   Reference: " in out and "   Note: option b is defensible too" in out
    assert "2. [tui/n1] correct · 0:05" in out and "Your answer: 45 MME/day" in out
    assert "3. [tui/m1] unanswered" in out


def test_show_an_interview_with_every_answer_to_the_same_prompt(history, capsys):
    code, out, err = run(capsys, "show", "intv0001", "--data-dir", str(history))
    assert code == 0, err
    assert "1. [tui/o1] 2/3 covered" in out
    assert "   Answer: a patient taught me the team matters" in out
    assert "     ✓ A patient story (matched: patient)" in out and "     ✗ Procedures" in out
    assert "     You said: ok (short: 1 word (a follow-up deserves a few sentences))" in out
    assert "   Model answer: Tell a patient story; value the team." in out
    assert "   Every answer to this prompt:" in out
    earlier = out.split("Every answer to this prompt:")[1]
    assert earlier.index("1/3  a patient story") < earlier.index("2/3  a patient taught me")


def test_show_json_is_for_programs(history, capsys):
    code, out, err = run(capsys, "show", "intv0000", "--format", "json", "--data-dir", str(history))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["session"]["session_id"] == "intv0000" and doc["session"]["kind"] == "interview"
    (item,) = doc["items"]
    assert item["answer"] == "a patient story" and item["interview"]["covered"] == 1
    assert [p["covered"] for p in item["interview"]["key_points"]] == [True, False, False]
    assert [a["session_id"] for a in item["interview"]["all_answers"]] == ["intv0000", "intv0001"]
    code, out, _ = run(capsys, "show", "quiz0001", "--format", "json", "--data-dir", str(history))
    quiz = json.loads(out)["items"]
    assert [(i["question_id"], i["result"]) for i in quiz] == [
        ("s1", "missed"),
        ("n1", "correct"),
        ("m1", "unanswered"),
    ]
    assert quiz[0]["notes"][0]["text"] == "option b is defensible too" and quiz[0]["references"]


def test_show_says_the_stored_verdict_even_if_the_bank_changed(history, capsys):
    bank = history / "banks" / "tui.yaml"
    bank.write_text(bank.read_text().replace("stem: Which is first line?", "stem: Which is the first line?"))
    code, out, _ = run(capsys, "show", "quiz0001", "--data-dir", str(history))
    assert code == 0
    assert "1. [tui/s1] missed" in out and "(this question was edited since; its current version is shown)" in out
    bank.unlink()
    code, out, _ = run(capsys, "show", "quiz0001", "--data-dir", str(history))
    assert "tui/s1 (no longer in the loaded banks)" in out and "Your answer: b" in out


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("nope", "pain-trainer: error: no session 'nope' in the history (see 'pain-trainer history')"),
        ("intv", "pain-trainer: error: session id prefix 'intv' is ambiguous: intv0000, intv0001"),
    ],
)
def test_unknown_or_ambiguous_id_is_one_line_and_exit_2(history, capsys, ident, message):
    code, out, err = run(capsys, "show", ident, "--data-dir", str(history))
    assert (code, out, err) == (2, "", message + "\n")


def test_show_without_an_id_is_a_usage_error(history, capsys):
    code, _, err = run(capsys, "show", "--data-dir", str(history))
    assert code == 2 and err.count("\n") == 1 and "needs a SESSION_ID" in err


def test_notes_lists_every_note_with_its_item(history, capsys):
    code, out, err = run(capsys, "notes", "--data-dir", str(history))
    assert code == 0, err
    assert "tui/s1 (session quiz0001, question 1): option b is defensible too" in out and "1 note" in out
    code, out, _ = run(capsys, "notes", "--format", "json", "--data-dir", str(history))
    (note,) = json.loads(out)["notes"]
    assert (note["bank_id"], note["question_id"], note["session_id"]) == ("tui", "s1", "quiz0001")


def test_notes_on_an_empty_history(tmp_path, capsys):
    code, out, _ = run(capsys, "notes", "--data-dir", str(tmp_path / "empty"))
    assert code == 0 and out.startswith("no notes yet")


def test_a_note_with_terminal_escapes_is_printed_inert(history, capsys):
    with Store.open(history) as store:
        note = store.notes()[0]
        store.add_note(replace(note, text="bad \x1b]52;c;aGk=\x07 escape", created_at=note.created_at + 1))
    _, out, _ = run(capsys, "notes", "--data-dir", str(history))
    assert "\x1b" not in out and "bad ?]52;c;aGk=? escape" in out


def test_a_timed_out_item_without_an_answer_is_not_counted_answered(history, capsys):
    from trainer.history.records import AnswerRecord

    with Store.open(history) as store:
        plan = store.load_session("quiz0001").session.plan[2]
        store.record_answer(
            AnswerRecord(
                "quiz0001",
                2,
                "tui",
                plan.question_id,
                plan.content_hash,
                "multiple",
                "proc",
                2,
                (),
                None,
                None,
                0.0,
                72.0,
                False,
                T0 + 150,
                timed_out=True,
            )
        )
    code, out, _ = run(capsys, "show", "quiz0001", "--data-dir", str(history))
    assert code == 0 and "2/3 answered" in out and "3. [tui/m1] unanswered, timed out · 1:12" in out
