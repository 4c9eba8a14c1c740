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


YAML11 = FIXTURES / "warnings" / "yaml11.yaml"


def test_a_plain_value_yaml_1_1_reads_as_another_number_is_a_positioned_warning(capsys):
    assert main(["validate", str(YAML11)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "1 bank, 4 questions: OK (2 warnings)"
    assert err.splitlines() == [
        f"{YAML11}:59:13: warning: '045' is read as the number 37 (YAML 1.1 octal); write 45 for the number, "
        "or quote it (\"045\") for text [at /questions/2/answer]",
        f"{YAML11}:60:25: warning: '1:30' is read as the number 90 (YAML 1.1 base 60); write the number you "
        "mean, or quote it (\"1:30\") for text [at /questions/2/time_limit_seconds]",
    ]
    assert main(["validate", "--strict", str(YAML11)]) == 1
