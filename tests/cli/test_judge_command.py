"""`pain-trainer judge`: one answer judged against a prompt's key points and red flags, no TUI, no history."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, cli_env
from trainer.cli import main

JUDGED = FIXTURES / "valid" / "judged.yaml"  # open-judged: renal gabapentin, reject opioids, lidocaine; red flags
ANSWER = (
    "I would start gabapentin at a dose adjusted for his kidney function. "
    "I would avoid opioids as first-line therapy. Honestly he sounds like a drug seeker.\n"
)


@pytest.fixture
def judge(tmp_path, monkeypatch, capsys):
    """Run `judge` through the entry point with ANSWER (or ``stdin``) on standard input."""

    def run(*args: str, stdin: str = ANSWER) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        code = main(["judge", *args, "--bank", str(JUDGED), "--data-dir", str(tmp_path / "data")])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_text_shows_each_verdict_with_the_words_and_sentence_that_decided_it(judge):
    code, out, err = judge("open-judged")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0] == "judged/open-judged: A 70-year-old with CKD stage 4 and post-herpetic neuralgia. How do you treat?"
    )
    assert lines[1].startswith("score 42%  (2 of 3 key points covered, 1 of 2 red flags raised)  judge negex-")
    assert "  COVERED      Adjusts gabapentinoid dose to renal function" in lines
    assert '               sentence: "I would start gabapentin at a dose adjusted for his kidney function."' in lines
    assert "  COVERED      Avoids opioids as routine first-line therapy  [stance: reject]" in lines
    assert "  MISSED       Offers topical lidocaine" in lines
    assert "  UNSAFE       Labels the patient as drug-seeking  [drug-seeking-label]" in lines
    assert "               words: \"drug seeker\" (keyword 'drug seeker')" in lines
    assert "               why: Stigmatising labels worsen care." in lines


def test_json_has_the_documented_fields(judge, tmp_path):
    code, out, _ = judge("judged/open-judged", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {
        "format",
        "bank",
        "prompt_id",
        "probe",
        "prompt",
        "judge",
        "score",
        "covered",
        "total",
        "key_points",
        "red_flags",
    }
    assert (result["format"], result["bank"], result["prompt_id"], result["probe"]) == (
        1,
        "judged",
        "open-judged",
        None,
    )
    assert result["judge"].startswith("negex-") and (result["covered"], result["total"]) == (2, 3)
    assert result["score"] == pytest.approx(2 / 3 - 0.25, abs=1e-4)
    renal, opioids, lidocaine = result["key_points"]
    assert set(renal) == {"index", "text", "stance", "status", "note", "evidence"}
    assert (renal["status"], opioids["status"], lidocaine["status"]) == ("covered", "covered", "missed")
    assert (opioids["stance"], lidocaine["evidence"]) == ("reject", None)
    start, end = renal["evidence"]["span"]
    assert ANSWER[start:end] == renal["evidence"]["words"] == "gabapentin"
    assert renal["evidence"]["sentence"] == "I would start gabapentin at a dose adjusted for his kidney function."
    assert ANSWER[slice(*renal["evidence"]["sentence_span"])].strip() == renal["evidence"]["sentence"]
    (flag,) = result["red_flags"]
    assert (flag["id"], flag["kind"], flag["evidence"]["words"]) == ("drug-seeking-label", "unsafe", "drug seeker")
    assert not (tmp_path / "data" / "history.sqlite3").exists()  # nothing written


def test_a_probe_with_key_points_is_judged_and_the_synonym_is_shown(judge, tmp_path):
    answer = tmp_path / "probe.txt"
    answer.write_text("I would offer an SCS trial after psychological screening.\n")
    code, out, _ = judge("open-judged", "--probe", "2", str(answer))
    assert code == 0
    assert out.splitlines()[0] == "judged/open-judged probe 2: And if that fails?"
    assert "               words: \"SCS\" (keyword 'spinal cord stimulation', via synonym 'SCS')" in out.splitlines()
    code, out, _ = judge("open-judged", "--probe", "2", "--format", "json", str(answer))
    evidence = json.loads(out)["key_points"][0]["evidence"]
    assert (evidence["keyword"], evidence["via"]) == ("spinal cord stimulation", "SCS")


def test_contradicted_and_listed_points_say_why(judge):
    code, out, _ = judge("open-judged", stdin="I would start opioids. Lidocaine patch, gabapentin, renal.\n")
    assert code == 0
    assert "  CONTRADICTED Avoids opioids as routine first-line therapy  [stance: reject]" in out.splitlines()
    assert "               (mentioned, but with the opposite meaning)" in out.splitlines()
    assert out.count("(listed, not explained)") == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], "pain-trainer: error: unknown prompt id 'nope'"),
        (["judged/nope"], "pain-trainer: error: unknown prompt id 'judged/nope'"),
        (["elsewhere/open-judged"], "pain-trainer: error: unknown bank 'elsewhere'"),
        (
            ["open-judged", "--probe", "1"],
            "pain-trainer: error: probe 1 of 'judged/open-judged' has no key points or red flags to judge against",
        ),
        (["open-judged", "--probe", "3"], "pain-trainer: error: 'judged/open-judged' has 2 probes, not 3"),
        (["open-judged", "--probe", "0"], "pain-trainer: error: argument --probe: must be at least 1, got 0"),
    ],
)
def test_unknown_or_unjudgeable_prompts_are_one_line_usage_errors(judge, args, message):
    code, out, err = judge(*args)
    assert (code, out) == (2, "")
    assert err.startswith(message) and len(err.splitlines()) == 1


def test_a_knowledge_question_is_not_an_open_prompt(tmp_path, capsys):
    code = main(
        [
            "judge",
            "single-1",
            str(JUDGED),
            "--bank",
            str(FIXTURES / "valid" / "minimal.yaml"),
            "--data-dir",
            str(tmp_path),
        ]
    )
    assert code == 2
    assert capsys.readouterr().err == (
        "pain-trainer: error: 'minimal/single-1' is a single question, not an open prompt; only open prompts are judged\n"
    )


def test_an_id_in_two_banks_asks_for_the_bank(tmp_path, capsys):
    other = tmp_path / "other.yaml"
    other.write_text(JUDGED.read_text().replace("id: judged", "id: judged-copy", 1))
    code = main(["judge", "open-judged", "--bank", str(JUDGED), "--bank", str(other), "--data-dir", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err == (
        "pain-trainer: error: prompt id 'open-judged' is in 2 banks; name one: judged/open-judged, "
        "judged-copy/open-judged\n"
    )


def test_empty_answer_is_a_usage_error_and_an_unreadable_file_invalid(judge, tmp_path):
    code, _, err = judge("open-judged", stdin=" \n\t\n")
    assert (code, err) == (2, "pain-trainer: error: the answer in standard input is empty; nothing to judge\n")
    code, _, err = judge("open-judged", str(tmp_path / "absent.txt"))
    assert (code, err) == (
        1,
        f"pain-trainer: error: {tmp_path / 'absent.txt'}: cannot read: No such file or directory\n",
    )
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = judge("open-judged", str(tmp_path / "latin1.txt"))
    assert (code, err) == (1, f"pain-trainer: error: {tmp_path / 'latin1.txt'}: not UTF-8 text (byte 3)\n")


def test_an_oversized_answer_is_refused_without_judging_it(judge, tmp_path, monkeypatch):
    from trainer import judge_command

    big = tmp_path / "big.txt"
    big.write_text("I would avoid opioids. " * (judge_command.MAX_ANSWER_BYTES // 23 + 1))
    code, out, err = judge("open-judged", str(big))
    assert (code, out) == (1, "")
    assert err == f"pain-trainer: error: {big}: more than 200,000 bytes; an answer is judged up to that size\n"
    monkeypatch.setattr(judge_command, "MAX_ANSWER_BYTES", 46)  # the boundary, without judging 200 kB
    assert judge("open-judged", stdin="I would avoid opioids. " * 2)[0] == 0
    assert judge("open-judged", stdin="I would avoid opioids. " * 2 + "!")[0] == 1


def test_terminal_escapes_in_the_answer_are_shown_inert(judge):
    code, out, _ = judge("open-judged", stdin="I would avoid opioids \x1b]52;c;aGk=\x07 \u202e\x9b\x7f entirely.\n")
    assert code == 0 and not {"\x1b", "\x07", "\u202e", "\x9b", "\x7f"} & set(out)
    assert "\u241b]52;c;aGk=\u2407 <U+202E><U+009B>\u2421 entirely." in out


def test_judge_runs_as_a_real_process_without_textual(tmp_path):
    code = (
        "import sys; from trainer.cli import main; "
        f"rc = main(['judge', 'open-judged', '--bank', {str(JUDGED)!r}, '--data-dir', {str(tmp_path)!r}]); "
        "print(rc, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=ANSWER,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False"
    assert "COVERED      Adjusts gabapentinoid dose to renal function" in result.stdout
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "judge",
            "open-judged",
            "-",
            "--bank",
            str(JUDGED),
            "--format",
            "json",
            "--data-dir",
            str(tmp_path),
        ],
        input=ANSWER,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["covered"] == 2
