"""`--data-dir` and `--bank` mean the same before and after the subcommand (issue 13).

Before the fix a subcommand's default overwrote a value written before it, so
`pain-trainer --data-dir D quiz` wrote into the real data folder. The TUI commands are
checked through ``parse_args`` (what ``launch`` receives) and, once, through a real quiz in
a pseudo-terminal; the other commands are run through ``main`` and their output checked.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, cli_env
from tests.history.helpers import T0, answer, session
from tests.test_end_to_end import TUI_BANK, Terminal
from trainer.cli import main, parse_args
from trainer.history.store import Store

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def both_ways(command: list[str], shared: list[str], rest: list[str] = ()) -> list[list[str]]:
    """The same call with the shared options written before and after the subcommand."""
    return [shared + command + list(rest), command + shared + list(rest)]


@pytest.mark.parametrize(
    "command", [["quiz"], ["interview"], ["banks"], ["validate", "x.yaml"], ["judge", "open-x", "a.txt"], []]
)
def test_data_dir_and_banks_resolve_the_same_on_either_side(command):
    resolved = []
    for argv in both_ways(command[:1], ["--data-dir", "/D", "--bank", "b1.yaml"], command[1:]):
        args = parse_args(argv)
        resolved.append((args.data_dir, args.bank))
    assert resolved == [("/D", ["b1.yaml"])] * 2


@pytest.mark.parametrize("command", [["quiz"], ["interview"], ["banks"], []])
def test_banks_from_both_sides_all_count_in_the_order_written(command):
    args = parse_args(["--bank", "a.yaml", *command, "--bank", "b.yaml"] if command else ["--bank", "a.yaml"])
    assert args.bank == (["a.yaml", "b.yaml"] if command else ["a.yaml"])


@pytest.mark.parametrize("action", [[], ["list"], ["export", "out.json"], ["import", "in.json"]])
def test_history_data_dir_resolves_the_same_on_either_side(action):
    for argv in (["--data-dir", "/D", "history", *action], ["history", *action[:1], "--data-dir", "/D", *action[1:]]):
        args = parse_args(argv)
        assert args.data_dir == "/D"
        assert args.file == (action[1] if len(action) > 1 else None)


def test_a_bank_path_before_history_is_refused_in_one_line(capsys):
    assert main(["--bank", "x.yaml", "history"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pain-trainer: error: --bank PATH before 'history'") and len(err.splitlines()) == 1


def test_defaults_are_filled_when_the_options_are_absent():
    args = parse_args(["quiz"])
    assert (args.data_dir, args.bank) == (None, [])


def _user_bank(data: Path) -> None:
    (data / "banks").mkdir(parents=True)
    shutil.copy(MINIMAL, data / "banks" / "minimal.yaml")


@pytest.mark.parametrize("before", [True, False])
def test_banks_reads_the_data_dir_written_on_either_side(tmp_path, capsys, before):
    data = tmp_path / "data"
    _user_bank(data)
    shared = ["--data-dir", str(data)]
    assert main(shared + ["banks", "--format", "json"] if before else ["banks", "--format", "json"] + shared) == 0
    assert "minimal" in {b["id"] for b in json.loads(capsys.readouterr().out)["banks"]}


@pytest.mark.parametrize("before", [True, False])
def test_banks_loads_an_extra_bank_written_on_either_side(capsys, before):
    shared = ["--bank", str(MINIMAL)]
    assert main(shared + ["banks", "--format", "json"] if before else ["banks", "--format", "json"] + shared) == 0
    assert "minimal" in {b["id"] for b in json.loads(capsys.readouterr().out)["banks"]}


def _one_session(data: Path) -> None:
    with Store.open(data) as store:
        store.start_session(session("only", n=2, started_at=T0))
        store.record_answer(answer("only", 0, correct=True))


@pytest.mark.parametrize("before", [True, False])
def test_history_list_export_and_import_use_the_data_dir_written_on_either_side(tmp_path, capsys, before):
    data, other = tmp_path / "data", tmp_path / "other"
    _one_session(data)

    def history(root: Path, *rest: str) -> int:
        shared = ["--data-dir", str(root)]
        return main(shared + ["history", *rest] if before else ["history", *rest[:1], *shared, *rest[1:]])

    assert history(data, "list", "--format", "json") == 0
    assert [s["session_id"] for s in json.loads(capsys.readouterr().out)["sessions"]] == ["only"]
    export = tmp_path / "export.json"
    assert history(data, "export", str(export)) == 0
    assert [s["session_id"] for s in json.loads(export.read_text())["sessions"]] == ["only"]
    assert history(other, "import", str(export)) == 0
    capsys.readouterr()
    assert history(other, "list", "--format", "json") == 0
    assert [s["session_id"] for s in json.loads(capsys.readouterr().out)["sessions"]] == ["only"]


@pytest.mark.parametrize("before", [True, False])
def test_validate_takes_shared_options_on_either_side(tmp_path, capsys, before):
    shared = ["--data-dir", str(tmp_path / "data")]
    assert main(shared + ["validate", str(MINIMAL)] if before else ["validate", str(MINIMAL)] + shared) == 0
    assert capsys.readouterr().out.strip() == "1 bank, 4 questions: OK (1 warning)"


@pytest.mark.parametrize("before", [True, False])
def test_judge_loads_a_bank_written_on_either_side(tmp_path, capsys, before):
    answer = tmp_path / "answer.txt"
    answer.write_text("I would offer a spinal cord stimulation trial after a psychology review.\n")
    shared = ["--bank", str(FIXTURES / "valid" / "judged.yaml")]
    command = ["judge", "open-judged", "--probe", "2", str(answer), "--format", "json"]
    assert main(shared + command if before else command + shared) == 0
    assert json.loads(capsys.readouterr().out)["score"] == 1.0


def test_a_real_quiz_writes_into_the_data_dir_written_before_the_subcommand(tmp_path, capsys):
    data = tmp_path / "data"
    env = cli_env(TERM="xterm-256color", COLUMNS="100", LINES="30")
    argv = [
        sys.executable,
        "-m",
        "trainer",
        "--data-dir",
        str(data),
        "--bank",
        str(TUI_BANK),
        "quiz",
        "--category",
        "pharm",
        "--count",
        "1",
        "--seed",
        "5",
        "--mode",
        "tutor",
    ]
    term = Terminal(argv, env)
    term.read_until("1/1")
    term.read_until("Enter submits")
    term.send("1")
    term.send("\r")
    term.read_until("Answer:")
    term.send("\x11")  # Ctrl+Q
    assert term.wait() == 0
    assert (data / "history.sqlite3").exists()
    assert main(["history", "--data-dir", str(data), "--format", "json"]) == 0
    (only,) = json.loads(capsys.readouterr().out)["sessions"]
    assert only["kind"] == "quiz" and only["answered"] == 1
