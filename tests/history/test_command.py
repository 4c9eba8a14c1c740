"""`pain-trainer history` through a real process: table, CSV and JSON parsed back, export/import."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from tests.conftest import REPO, cli_env
from tests.history.helpers import T0, answer, session
from trainer.history.store import Store

DAY = 86400.0

# The CSV/JSON columns as scripts rely on them, typed out here (not the code's own constant): a
# column renamed, dropped or moved in trainer/history/command.py fails these tests.
EXPECTED_COLUMNS = (
    "session_id",
    "started_at",
    "finished_at",
    "status",
    "kind",
    "mode",
    "banks",
    "answered",
    "total",
    "correct",
    "score",
    "duration_seconds",
    "unanswered",
    "timed_out",
    "cards_reviewed",
    "cards_again",
    "confidence_answers",
    "brier_score",
    "confidently_wrong",
    "dangerous_errors",
    "missed_knowledge",
    "missed_misread",
    "missed_reasoning",
    "missed_time",
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "history", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=REPO,
        timeout=60,
    )


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    root = tmp_path_factory.mktemp("history") / "data"
    with Store.open(root) as store:
        store.start_session(session("q1", n=4, bank="core", started_at=T0))
        for i, ok in enumerate([True, True, False]):
            store.record_answer(answer("q1", i, correct=ok, time_spent=40, at=T0 + 60 * i))
        store.finish_session("q1", T0 + 300)
        store.start_session(session("q2", n=2, banks={"career": "2.0.0"}, started_at=T0 + 3 * DAY))
        store.record_answer(answer("q2", 0, bank="career", category="pathway", correct=True, at=T0 + 3 * DAY))
        store.start_session(
            session("iv", n=1, kind="interview", mode="interview", bank="inter\x1b[31mviews", started_at=T0 + 5 * DAY)
        )
    return root


def test_csv_has_stable_columns_and_iso_times(filled):
    result = run("--data-dir", str(filled), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == EXPECTED_COLUMNS
    assert [r["session_id"] for r in rows] == ["iv", "q2", "q1"]
    q1 = rows[2]
    assert datetime.fromisoformat(q1["started_at"]) == datetime.fromtimestamp(T0, UTC)
    assert datetime.fromisoformat(q1["finished_at"]).timestamp() == T0 + 300
    assert (q1["status"], q1["kind"], q1["mode"], q1["banks"]) == ("finished", "quiz", "tutor", "core@1.0.0")
    assert (q1["answered"], q1["total"], q1["correct"], q1["duration_seconds"]) == ("3", "4", "2", "120.0")
    assert float(q1["score"]) == pytest.approx(2 / 3, abs=1e-4)
    assert (q1["cards_reviewed"], q1["cards_again"]) == ("3", "1")  # three items, one missed
    assert rows[0]["finished_at"] == "" and rows[0]["score"] == ""


def test_json_parses_back_with_the_same_columns(filled):
    result = run("--data-dir", str(filled), "--format", "json", "--kind", "quiz")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(result.stdout)["sessions"]
    assert [s["session_id"] for s in sessions] == ["q2", "q1"]
    assert tuple(sessions[0]) == EXPECTED_COLUMNS
    assert sessions[0]["banks"] == {"career": "2.0.0"} and sessions[0]["finished_at"] is None
    assert sessions[1]["score"] == pytest.approx(0.6667) and sessions[1]["status"] == "finished"


def test_filters_since_bank_category(filled):
    since = datetime.fromtimestamp(T0 + 2 * DAY).strftime("%Y-%m-%d")
    out = json.loads(run("--data-dir", str(filled), "--format", "json", "--since", since).stdout)
    assert [s["session_id"] for s in out["sessions"]] == ["iv", "q2"]
    out = json.loads(run("--data-dir", str(filled), "--format", "json", "--bank", "core").stdout)
    assert [s["session_id"] for s in out["sessions"]] == ["q1"]
    out = json.loads(run("--data-dir", str(filled), "--format", "json", "--category", "pathway").stdout)
    assert [s["session_id"] for s in out["sessions"]] == ["q2"]


def test_text_table_is_readable_and_never_passes_terminal_escapes(filled):
    result = run("--data-dir", str(filled))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "DATE",
        "KIND",
        "MODE",
        "SCORE",
        "ANSWERED",
        "TIMED",
        "OUT",
        "DURATION",
        "STATUS",
        "BANKS",
    ]
    assert "67%" in lines[3] and "3/4" in lines[3] and "2:00" in lines[3] and "core 1.0.0" in lines[3]
    assert lines[-1] == "3 sessions"
    assert "\x1b" not in result.stdout and "inter\u241b[31mviews" in result.stdout  # shown as ␛ (trainer.inert)
    assert run("--data-dir", str(filled), "--kind", "quiz", "--bank", "nope").stdout == "no sessions match\n"


def test_export_then_import_round_trip_and_idempotent(filled, tmp_path):
    target = tmp_path / "moved"
    export = tmp_path / "export.json"
    result = run("export", str(export), "--data-dir", str(filled))
    assert result.returncode == 0, result.stderr
    assert json.loads(export.read_text())["format_version"] == 1
    for expected in ("3 sessions added, 0 updated, 0 already here", "0 sessions added, 0 updated, 3 already here"):
        result = run("import", str(export), "--data-dir", str(target))
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout
    assert (
        run("--data-dir", str(target), "--format", "json").stdout
        == run("--data-dir", str(filled), "--format", "json").stdout
    )


def test_export_to_stdout_with_a_filter_and_import_from_stdin(filled, tmp_path):
    exported = run("export", "-", "--data-dir", str(filled), "--kind", "interview")
    assert exported.returncode == 0, exported.stderr
    assert [s["session_id"] for s in json.loads(exported.stdout)["sessions"]] == ["iv"]
    result = run("import", "-", "--data-dir", str(tmp_path / "t"), stdin=exported.stdout)
    assert result.returncode == 0 and "1 sessions added" in result.stdout


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("export",), 2, "'history export' needs a FILE"),
        (("import",), 2, "'history import' needs a FILE"),
        (("--since", "2024-02-30"), 2, "--since: expected a date YYYY-MM-DD"),
        (("import", "/nonexistent/x.json"), 2, "/nonexistent/x.json: no such file"),
        (("import", "FILE", "--kind", "quiz"), 2, "do not apply to 'history import'"),
    ],
)
def test_usage_errors_are_one_line_exit_2(tmp_path, args, code, message):
    result = run(*args, "--data-dir", str(tmp_path / "d"))
    assert result.returncode == code
    assert result.stderr.startswith("pain-trainer: error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_bad_import_file_is_exit_1_and_changes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pain-trainer-history", "format_version": 1, "sessions": [{"session_id": 5}]}')
    result = run("import", str(bad), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    assert result.stderr == f"pain-trainer: error: {bad}: /sessions/0/session_id: expected a string, got int\n"


def test_newer_database_is_exit_1_with_a_clear_message(tmp_path):
    root = tmp_path / "d"
    Store.open(root).close()
    conn = sqlite3.connect(root / "history.sqlite3")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    result = run("--data-dir", str(root))
    assert result.returncode == 1
    assert "written by a newer pain-trainer" in result.stderr and len(result.stderr.splitlines()) == 1


def test_damaged_database_is_moved_aside_with_a_warning_and_listing_goes_on(tmp_path):
    root = tmp_path / "d"
    root.mkdir()
    (root / "history.sqlite3").write_bytes(b"\x00garbage" * 100)
    result = run("--data-dir", str(root), "--format", "csv")
    assert result.returncode == 0
    assert result.stderr.startswith("pain-trainer: warning: the history database was damaged")
    assert result.stdout == ",".join(EXPECTED_COLUMNS) + "\n"
    assert any(".damaged-" in p.name for p in root.iterdir())


def test_history_layer_imports_neither_textual_nor_the_practice_layer():
    code = (
        "import sys, trainer.history, trainer.commands.history, trainer.history.exchange, trainer.history.stats;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('trainer.practice')"
        " or m.startswith('trainer.tui')];"
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
