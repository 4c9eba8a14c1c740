"""Issue 22: no control byte reaches the terminal from data, whichever command prints it.

Everything printed from data goes through ``trainer.inert``; CSV and JSON keep the data
exactly but escape control characters. Each test failed before (raw ESC, CR, U+202E or a
forged ``PATH:LINE:COL`` line in the output).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.conftest import FIXTURES
from tests.history.helpers import answer, session
from trainer.cli import main
from trainer.history.exchange import export_history
from trainer.history.store import Store
from trainer.inert import csv_field, inert, inert_line, json_text

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()
# Anything a terminal acts on or that hides text: C0 (but newline), DEL, C1, bidi, zero-width.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
CSI_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;PWNED\x07"


def _no_active_characters(*outputs: str) -> None:
    for output in outputs:
        found = ACTIVE.search(output)
        assert found is None, f"{found.group()!r} reached the terminal in {output[:300]!r}"


def test_the_tui_and_the_command_line_share_one_inert():
    from trainer.tui import text

    assert text.inert is inert
    assert inert("a\x1b[2Jb\u202ec\u200b") == "a\u241b[2Jb<U+202E>c"


def test_validate_never_echoes_escapes_from_the_file(tmp_path, capsys):
    bad = tmp_path / "bank.yaml"
    escaped = json.dumps(f"{OSC52}{CSI_CLEAR}{OSC_TITLE}")
    bad.write_text(MINIMAL.replace("answer: b", f"answer: {escaped}"))
    bidi = tmp_path / "bidi.yaml"
    bidi.write_text(MINIMAL + "bidi\u202ekey: 1\n")
    tag = tmp_path / "tag.yaml"
    tag.write_text(MINIMAL + "tagged: !%1B%5D0%3BPWNED%07 x\n")  # the tag is decoded: ESC ] 0 ; ... BEL
    assert main(["validate", str(bad), str(tag), str(bidi)]) == 1
    captured = capsys.readouterr()
    _no_active_characters(captured.out, captured.err)
    assert "\u241b]52;c;" in captured.err and "tag !\u241b]0;PWNED\u2407" in captured.err  # shown, not sent
    assert main(["validate", "--format", "json", str(bad)]) == 1
    out = capsys.readouterr().out
    _no_active_characters(out)
    assert any(OSC52 in p["message"] for p in json.loads(out))  # the data itself stays exact


def test_a_file_name_with_a_newline_cannot_forge_a_problem_line(tmp_path, capsys):
    folder = tmp_path / "evil\n"
    folder.mkdir()
    bad = folder / "x\r\x1b[2J.yaml"
    bad.write_text("id: [\n")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    _no_active_characters(err)
    problem_lines = [line for line in err.splitlines() if ": error: " in line]
    assert len(problem_lines) == 1 and problem_lines[0].startswith(str(tmp_path) + "/evil\\n/x\\r\u241b[2J.yaml:")


def test_banks_prints_titles_ids_and_paths_inert(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "banks").mkdir(parents=True)
    evil = MINIMAL.replace("title: Minimal bank", 'title: "Evil\\rbank \\u202eknab"').replace(
        "title: Pharmacology", 'title: "Pharm\\u202e\\u200bacology"'
    )
    (data / "banks" / "evil.yaml").write_text(evil)
    (data / "banks" / "broken\u202e.yaml").write_text("id: [\n")
    assert main(["banks", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    _no_active_characters(out)
    assert "Evil\\rbank <U+202E>knab" in out and "broken<U+202E>.yaml" in out
    assert main(["banks", "--format", "json", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    _no_active_characters(out)
    titles = [b["title"] for b in json.loads(out)["banks"]]
    assert "Evil\rbank \u202eknab" in titles  # faithful


def _imported_history(tmp_path):
    source = tmp_path / "source"
    sid = f"id{OSC_TITLE}\u202e"
    with Store.open(source) as store:
        store.start_session(session(sid, n=2, banks={"core\x9b31m": "1.0.0\r"}))
        store.record_answer(answer(sid, 0))
        document = export_history(store)
    export = tmp_path / "evil.json"
    export.write_text(json.dumps(document))
    data = tmp_path / "data"
    assert main(["history", "import", str(export), "--data-dir", str(data)]) == 0
    # Kinds and modes are checked on import now; a database written otherwise may still hold any.
    with Store.open(data) as store:
        store.start_session(session("other", n=1, kind=f"quiz{CSI_CLEAR}", mode=f"tutor{OSC52}", started_at=1e9))
    return data, sid


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_history_output_never_passes_escapes_from_imported_sessions(tmp_path, capsys, fmt):
    data, sid = _imported_history(tmp_path)
    capsys.readouterr()
    assert main(["history", "--format", fmt, "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    _no_active_characters(out)
    if fmt == "json":
        assert sid in [s["session_id"] for s in json.loads(out)["sessions"]]
    if fmt == "csv":
        first, second = csv.DictReader(io.StringIO(out))
        assert first["session_id"] == csv_field(sid) and second["kind"] == csv_field(f"quiz{CSI_CLEAR}")


def test_history_export_to_standard_output_escapes_what_json_would_pass(tmp_path, capsys):
    data, sid = _imported_history(tmp_path)
    capsys.readouterr()
    assert main(["history", "export", "-", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    _no_active_characters(out)
    assert sid in [s["session_id"] for s in json.loads(out)["sessions"]]


def test_inert_helpers_keep_one_line_and_the_data():
    assert inert_line("a\nb\rc\x1b") == "a\\nb\\rc\u241b"
    text = "x\x1b\x9b\u202e\u2028\\y"
    assert json.loads(json_text(text)) == text
    _no_active_characters(json_text(text), csv_field(text))
    assert csv_field("a\\b\x1b") == "a\\\\b\\u001b"
