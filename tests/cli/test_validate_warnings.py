"""`validate` warns about keywords that will judge badly: exit 0, or 1 with --strict."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES
from trainer.cli import main

WARNED = FIXTURES / "warnings" / "keywords.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"  # one warning: its keyword 'patient' is generic
JUDGED = FIXTURES / "valid" / "judged.yaml"  # none
INVALID = FIXTURES / "invalid" / "bad_enum.yaml"


def test_warnings_are_positioned_lines_on_stderr_and_the_bank_still_passes(capsys):
    assert main(["validate", str(WARNED)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1 bank, 2 questions: OK (7 warnings)"
    lines = err.splitlines()
    assert len(lines) == 7 and all(": warning: " in line for line in lines)
    assert lines[1] == (
        f"{WARNED}:21:34: warning: keyword 'Melzack' looks like a person's name (a common surname); an answer "
        "should earn the point by the idea, not by naming its author [at /questions/0/key_points/0/keywords/1]"
    )


def test_strict_makes_warnings_fail(capsys):
    assert main(["validate", "--strict", str(WARNED)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[-1] == "7 warnings; --strict makes them fail"


def test_strict_passes_a_bank_without_warnings(capsys):
    assert main(["validate", "--strict", str(JUDGED)]) == 0
    assert capsys.readouterr() == ("1 bank, 1 questions: OK\n", "")
    assert main(["validate", "--strict", str(MINIMAL)]) == 1


def test_json_lists_warnings_with_their_severity(capsys):
    assert main(["validate", "--format", "json", str(WARNED)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {p["severity"] for p in listed} == {"warning"} and len(listed) == 7
    assert listed[0] == {
        "path": str(WARNED),
        "line": 12,
        "column": 26,
        "pointer": "/synonyms/physical therapy/1",
        "message": "'physical therapy' synonym 'pt' is shorter than 3 letters and matches unrelated words; "
        "write the abbreviation in upper case ('PT') if that is what it is",
        "severity": "warning",
    }
    assert main(["validate", "--strict", "--format", "json", str(WARNED)]) == 1


def test_errors_and_warnings_of_several_files_are_all_reported(capsys):
    assert main(["validate", "--format", "json", str(WARNED), str(INVALID)]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert [p["severity"] for p in listed] == ["error"] + ["warning"] * 7
    assert listed[0]["path"] == str(INVALID)


CHANGED = FIXTURES / "yaml12" / "changed.yaml"


def test_a_plain_value_is_read_as_yaml_1_2_reads_it_and_a_changed_meaning_is_a_positioned_error(capsys):
    """YAML 1.1 read 045 as 37 and 1:30 as 90; YAML 1.2 reads 45 and the text "1:30", so the
    time limit that used to pass as 90 seconds is refused where it is written, not guessed."""
    assert main(["validate", str(CHANGED)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{CHANGED}:61:25: error: expected a whole number, found text [at /questions/2/time_limit_seconds]",
        "1 of 1 bank files invalid",
    ]


def test_an_octal_looking_answer_is_the_number_written_with_no_warning(tmp_path, capsys):
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(CHANGED.read_text().replace("time_limit_seconds: 1:30", "time_limit_seconds: 90"))
    assert main(["validate", str(fixed)]) == 0
    out, err = capsys.readouterr()
    assert (out.strip(), err) == ("1 bank, 4 questions: OK", "")
    from trainer.banks.loader import load_bank

    assert load_bank(fixed).question("numeric-1").answer == 45
