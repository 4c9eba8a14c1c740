"""GIFT import: every feature of the syntax, positions in errors, encodings, the bank validates."""

from __future__ import annotations

import pytest

from tests.interchange.helpers import FIXTURES, by_id, imported, run
from trainer.banks.loader import load_bank


@pytest.fixture
def bank(capsys, tmp_path):
    data, err, out = imported(capsys, tmp_path, FIXTURES / "features.gift")
    load_bank(out)  # the written bank validates
    return data, err


def test_single_answer_with_feedback_and_general_feedback(bank):
    q = by_id(bank[0])["apap-max"]
    assert q["type"] == "single" and q["answer"] == "a"
    assert [o["text"] for o in q["options"]] == ["4 g", "2 g", "6 g"]
    assert q["explanation"] == "Labelled maximum is 4 g/day.\n\n- 4 g: The labelled maximum.\n- 2 g: Too low."
    assert q["references"][0]["title"].startswith("TODO")  # never invented


def test_weights_make_multiple_and_uneven_weights_are_reported(bank):
    data, err = bank
    assert by_id(data)["multi-weights"]["answers"] == ["a", "b"]
    assert by_id(data)["uneven"]["answers"] == ["a", "b"]
    assert "features.gift:17: warning: question 'uneven': partial-credit weights (70%, 30%, -100%)" in err
    assert "multi-weights" not in err  # an even split with a penalty loses nothing


def test_numeric_forms(bank):
    q = by_id(bank[0])
    assert (q["mme-oxy"]["answer"], q["mme-oxy"]["tolerance"], q["mme-oxy"]["stem"]) == (
        30,
        0.5,
        "How many MME is 20 mg oxycodone?",
    )  # [html] converted, &nbsp; read
    assert (q["range"]["answer"], q["range"]["tolerance"]) == (3, 2)
    assert (q["two-numeric"]["answer"], q["two-numeric"]["tolerance"]) == (1.5, 0)
    assert q["mme-oxy"]["unit"].startswith("TODO")
    assert "question 'two-numeric': 1 other numeric answer(s)" in bank[1]


def test_essay_true_false_categories(bank):
    data, err = bank
    q = by_id(data)
    assert q["tell"]["type"] == "open" and q["tell"]["key_points"][0]["text"].startswith("TODO")
    assert q["tell"]["category"] == "interview"
    assert q["apap-max"]["category"] == "pain-opioids"
    assert {"id": "pain-opioids", "title": "Pain / Opioids"} in data["categories"]
    assert q["tf-true"]["answer"] == "a" and q["tf-false"]["answer"] == "b"
    assert q["tf-true"]["explanation"] == "- True: Yes.\n- False: No, it is partial."
    assert q["tf-false"]["shuffle"] is False


def test_skipped_items_are_one_line_each(bank):
    data, err = bank
    assert "match" not in by_id(data) and "short" not in by_id(data)
    # three pairs: too few answers for an extended-matching set (6 to 15), so one single-best question each
    assert [by_id(data)[f"match-{n}"]["type"] for n in (1, 2, 3)] == ["single"] * 3
    assert (
        "features.gift:38: warning: question 'match': matching with 3 distinct answers (an extended-matching set"
        " needs 6 to 15): each subquestion became a single-best question with the answers as options"
    ) in err
    assert "features.gift:40: warning: question 'short': short answer" in err
    assert "features.gift:44: warning: description (no answer block)" in err


def test_escapes_missing_word_and_formats(bank):
    q = by_id(bank[0])
    assert q["escapes"]["stem"] == "Which symbol means equal = in a formula: 1 { 2 } and # and ~?"
    assert [o["text"] for o in q["escapes"]["options"]] == ["the equals sign =", "a tilde ~"]
    assert q["missing-word"]["stem"] == "Duloxetine is _____ reuptake inhibitor."
    assert q["q15"]["stem"] == "An untitled **markdown** question"  # the 15th question: 'match' gave three


def test_windows_1252_and_bom(capsys, tmp_path):
    data, _, _ = imported(capsys, tmp_path, FIXTURES / "windows-1252.gift", FIXTURES / "utf8-bom.gift")
    q = by_id(data)
    assert q["cp1252"]["stem"] == "Café au lait \u2013 which is right?"
    assert q["bom"]["stem"] == "A question after a byte order mark"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("::t:: Q {=a~b", "1:9", "answer block opened with '{' is not closed"),
        ("\n\n::t Q {=a~b}", "3:1", "question title opened with '::' is not closed"),
        ("::t:: Q {#abc}", "1:11", "numeric answer 'abc' is not NUMBER"),
        ("::t:: Q {x=a~b}", "1:10", "an answer must start with '='"),
        ("::t:: Q {=a~%200%b}", "1:13", "weight 200% is outside"),
    ],
)
def test_errors_have_positions_and_nothing_is_written(capsys, tmp_path, text, where, message):
    source = tmp_path / "bad.gift"
    source.write_text(text + "\n\n::ok:: fine {=a~b}\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 1
    assert f"{source}:{where}: error: {message}" in err
    assert "Traceback" not in err and not out.exists()


def test_existing_output_is_not_overwritten_without_force(capsys, tmp_path):
    out = tmp_path / "bank.yaml"
    out.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "import", str(FIXTURES / "utf8-bom.gift"), "--out", str(out))
    assert code == 2 and "exists" in err and out.read_text() == "mine"


def test_bank_id_and_default_category(capsys, tmp_path):
    data, _, _ = imported(
        capsys,
        tmp_path,
        FIXTURES / "utf8-bom.gift",
        extra=("--bank-id", "program-bank", "--category", "Fellowship Pathway"),
    )
    assert data["id"] == "program-bank"
    assert data["questions"][0]["category"] == "fellowship-pathway"


def test_validate_reports_the_todo_placeholders(capsys, tmp_path):
    _, _, out = imported(capsys, tmp_path, FIXTURES / "features.gift")
    code, _, err = run(capsys, "validate", str(out))
    assert code == 0
    assert "warning: question 'apap-max': reference is a TODO placeholder" in err
    assert "warning: question 'tell': key point is a TODO placeholder" in err
    assert "warning: licence is a TODO placeholder" in err
    assert run(capsys, "validate", "--strict", str(out))[0] == 1


def test_bytes_windows_1252_does_not_define_are_reported(capsys, tmp_path):
    source = tmp_path / "odd.gift"
    source.write_bytes(b"::a:: one {=x~y}\n\n::b:: two \x81 three {=x~y}\n")
    data, err, _ = imported(capsys, tmp_path, source)
    assert f"{source}:3: warning: not UTF-8; read as Windows-1252" in err
    assert by_id(data)["b"]["stem"] == "two \ufffd three"


def test_questions_the_bank_refuses_are_skipped_with_a_line_each(capsys, tmp_path):
    source = tmp_path / "refused.gift"
    source.write_text(
        "::empty::{=a~b}\n\n::long:: " + "word " * 2500 + "{=a~b}\n\n::ok:: Fine? {=a~b}\n", encoding="utf-8"
    )
    data, err, _ = imported(capsys, tmp_path, source)
    assert [q["id"] for q in data["questions"]] == ["ok"]
    assert f"{source}:1: warning: question 'empty': no question text; skipped" in err
    assert f"{source}:3: warning: question 'long': the bank refuses it (stem: " in err
