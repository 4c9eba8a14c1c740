"""`validate` and `banks` through a real process: exit codes, stdout/stderr, JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, cli_env

MINIMAL = FIXTURES / "valid" / "minimal.yaml"
INVALID = FIXTURES / "invalid"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args], capture_output=True, text=True, env=cli_env(), cwd=cwd, timeout=60
    )


def test_validate_valid_file_prints_summary_and_exits_0():
    result = run("validate", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 bank, 4 questions: OK (1 warning)"
    assert result.stderr.startswith(f"{MINIMAL}:71:20: warning: keyword 'patient' is the generic word 'patient'")


def test_validate_invalid_file_prints_positioned_lines_and_exits_1():
    path = INVALID / "unknown_field.yaml"
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"{path}:25:5: error: missing required field 'answer' [at /questions/0]",
        f"{path}:34:5: error: unknown field 'anwser' (did you mean 'answer'?) [at /questions/0/anwser]",
    ]
    assert "Traceback" not in result.stderr


def test_validate_folder_reports_every_invalid_file_and_no_traceback():
    result = run("validate", str(INVALID))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    files_with_errors = {line.split(":", 1)[0] for line in result.stderr.splitlines() if ": error: " in line}
    assert len(files_with_errors) == len(list(INVALID.glob("*.yaml")))


def test_validate_json_lists_problems_with_positions():
    path = INVALID / "bad_enum.yaml"
    result = run("validate", "--format", "json", str(path))
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "path": str(path),
            "line": 54,
            "column": 11,
            "pointer": "/questions/2/type",
            "message": "must be one of: single, multiple, numeric, ordering, extended_matching, open; found 'numerical'",
            "severity": "error",
        }
    ]


def test_validate_json_of_valid_bank_without_warnings_is_an_empty_list():
    result = run("validate", "--format", "json", str(FIXTURES / "valid" / "judged.yaml"))
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize(
    "args, message",
    [
        (["validate", "/no/such/bank.yaml"], "pain-trainer: error: /no/such/bank.yaml: no such file or directory"),
        (["validate"], "pain-trainer: error: the following arguments are required: PATH"),
        (["--frobnicate"], "pain-trainer: error: unrecognized arguments: --frobnicate"),
        (["quiz", "--count", "zero"], "pain-trainer: error: argument --count: expected a whole number, got 'zero'"),
        (["quiz", "--mode", "fast"], "pain-trainer: error: argument --mode: invalid choice: 'fast'"),
        (["banks", "--bank", "/nowhere"], "pain-trainer: error: /nowhere: no such file or directory"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_validate_empty_folder_is_invalid(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "no bank files" in result.stderr


def test_banks_lists_bundled_user_and_extra_banks_with_counts(tmp_path):
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    shutil.copy(MINIMAL, data / "banks" / "minimal.yaml")
    (data / "banks" / "broken.yaml").write_text("id: x\ntitle: [\n")
    result = run("banks", "--data-dir", str(data), "--format", "json")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    mine = next(b for b in listing["banks"] if b["id"] == "minimal")
    assert mine["bundled"] is False and mine["questions"] == 4
    assert mine["by_category"] == {"pharm": 3, "interview": 1}
    assert mine["by_type"] == {
        "single": 1,
        "multiple": 1,
        "numeric": 1,
        "ordering": 0,
        "extended_matching": 0,
        "open": 1,
    }
    assert any(b["bundled"] for b in listing["banks"])
    (invalid,) = [i for i in listing["invalid"] if i["path"].startswith(str(data))]
    # the unclosed "[" is reported on the last line of the file (libyaml says line 3, past its end)
    assert invalid["path"].endswith("broken.yaml") and invalid["problems"][0]["line"] == 2


def test_banks_text_shows_invalid_bank_with_its_first_error(tmp_path):
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    (data / "banks" / "broken.yaml").write_text("id: x\ntitle: [\n")
    result = run("banks", "--data-dir", str(data))
    assert result.returncode == 0
    assert f"INVALID  {data / 'banks' / 'broken.yaml'}" in result.stdout
    assert f"{data / 'banks' / 'broken.yaml'}:2:9: error: YAML syntax" in result.stdout


def test_data_dir_comes_from_the_environment(tmp_path):
    data = tmp_path / "env-data"
    (data / "banks").mkdir(parents=True)
    shutil.copy(MINIMAL, data / "banks" / "minimal.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "banks", "--format", "json"],
        capture_output=True,
        text=True,
        env=cli_env(PAIN_TRAINER_DATA_DIR=str(data)),
        timeout=60,
    )
    assert any(b["id"] == "minimal" for b in json.loads(result.stdout)["banks"])


@pytest.mark.parametrize(
    "args, shown",
    [
        (["--help"], "usage: pain-trainer [-h]"),
        (["judge", "--help"], "usage: pain-trainer judge"),
        (["validate", str(MINIMAL)], "1 bank, 4 questions: OK"),
    ],
)
def test_help_and_validate_do_not_import_textual_or_the_lemmatizer(args, shown):
    """The command really ran (its output and exit code 0), and still imported none of the heavy modules."""
    code = (
        "import sys; from trainer.cli import main\n"
        "try:\n    status = main(%r)\nexcept SystemExit as exit:\n    status = exit.code\n"
        "print()\n"
        "print(status, 'textual' in sys.modules, 'jsonschema' in sys.modules, 'lemminflect' in sys.modules)"
    ).replace("%r", repr(args))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=60)
    assert shown in result.stdout + result.stderr, (result.stdout, result.stderr)
    assert result.stdout.strip().splitlines()[-1] == "0 False False False", result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["quiz", "--category", "nope"], "pain-trainer: error: unknown category 'nope'; available: "),
        (
            ["quiz", "--category", "motivation"],
            "pain-trainer: error: category 'motivation' has no quiz questions; "
            "try 'pain-trainer interview --category motivation'",
        ),
        (["interview", "--format", "nope"], "pain-trainer: error: unknown interview format 'nope'; available: "),
    ],
)
def test_quiz_and_interview_refuse_unknown_or_empty_choices_before_opening(args, message, tmp_path):
    result = run(*args, "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1


def test_validate_reports_a_clash_with_a_bundled_bank_at_the_files_id_line(tmp_path):
    from trainer.paths import bundled_banks_dir

    bundled = bundled_banks_dir() / "multimodal.yaml"
    edited = tmp_path / "my-multimodal.yaml"
    edited.write_text(bundled.read_text(encoding="utf-8").replace("title: ", "title: My ", 1), encoding="utf-8")
    line = next(n for n, text in enumerate(edited.read_text().splitlines(), 1) if text.startswith("id:"))
    result = run("validate", str(edited), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{edited}:{line}:5: error: bank id 'multimodal' is already used by {bundled}; "
        "give this bank an id of its own [at /id]"
    )


def test_validate_reports_a_clash_with_the_data_folders_and_extra_banks(tmp_path):
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    shutil.copy(MINIMAL, data / "banks" / "minimal.yaml")
    edited = tmp_path / "edited.yaml"
    edited.write_text(MINIMAL.read_text().replace("title: ", "title: Edited ", 1))
    assert run("validate", str(edited), "--data-dir", str(data)).returncode == 1
    other = tmp_path / "other"
    assert run("validate", str(edited), "--data-dir", str(other)).returncode == 0  # alone it is fine
    clash = run("--bank", str(MINIMAL), "validate", str(edited), "--data-dir", str(other))
    assert clash.returncode == 1 and "bank id 'minimal' is already used by" in clash.stderr


def test_validate_a_bank_with_its_own_id_and_the_bundled_folder_itself_are_ok(tmp_path):
    from trainer.paths import bundled_banks_dir

    own = tmp_path / "own.yaml"
    own.write_text(MINIMAL.read_text().replace("id: minimal", "id: my-own-bank"))
    assert run("validate", str(own), "--data-dir", str(tmp_path)).returncode == 0
    bundled = run("validate", str(bundled_banks_dir()), "--data-dir", str(tmp_path))
    assert bundled.returncode == 0, bundled.stderr
    assert bundled.stdout.strip().endswith("questions: OK") and bundled.stderr == ""
    copy = tmp_path / "copy"
    shutil.copytree(bundled_banks_dir(), copy)  # unedited copies are the same banks
    assert run("validate", str(copy), "--data-dir", str(tmp_path)).returncode == 0
