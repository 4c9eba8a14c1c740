"""Hostile bank files: each is rejected with positioned lines, exit 1, no traceback, no
code run, bounded time (a generous subprocess timeout catches any hang)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, cli_env
from trainer.banks import BankError, load_bank

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()
POSITIONED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error: .+$")


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _nested(depth: int) -> str:
    return "id: deep\nquestions: " + "[" * depth + "]" * depth + "\n"


HOSTILE = {
    "deep_flow_10000": lambda: _nested(10_000),
    "deep_flow_900": lambda: _nested(900),
    "deep_block": lambda: "id: deep\nquestions:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)),
    "huge_int_answer": lambda: MINIMAL.replace("answer: 45", "answer: " + "9" * 5000),
    "infinite_answer": lambda: MINIMAL.replace("answer: 45", "answer: .inf"),
    "nan_tolerance": lambda: MINIMAL.replace("tolerance_percent: 5", "tolerance_percent: .nan"),
    "negative_infinite_tolerance": lambda: MINIMAL.replace("tolerance_percent: 5", "tolerance: -.inf"),
    "one_megabyte_string": lambda: MINIMAL.replace("Pick b.", "x" * 1_048_576),
    "control_chars_in_option": lambda: MINIMAL.replace("text: Option A", 'text: "A\\x9b2J\\x07"'),
    "osc52_in_stem": lambda: MINIMAL.replace("Pick b.", '"\\e]52;c;cHduZWQ=\\a"'),
    "python_object_new": lambda: MINIMAL.replace("answer: b", "answer: !!python/object/new:os.system [echo pwned]"),
    "python_name": lambda: MINIMAL.replace("answer: b", "answer: !!python/name:os.system"),
    "set_tag": lambda: MINIMAL.replace("answer: b", "answer: !!set {a, b}"),
    "key_is_a_list": lambda: "? [a, b]\n: c\n",
    "unicode_surrogate_escape": lambda: MINIMAL.replace("Pick b.", '"\\ud800"'),
    "many_aliases_small": lambda: (
        "id: x\n" + "a: &a [" + ", ".join(["y"] * 500) + "]\n" + "".join(f"k{i}: *a\n" for i in range(1000))
    ),
}


@pytest.mark.timeout(30)  # bounded time is the point: a parser that runs away fails here
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bank_is_rejected_in_process_with_positions(tmp_path, name):
    path = _write(tmp_path, f"{name}.yaml", HOSTILE[name]())
    with pytest.raises(BankError) as caught:
        load_bank(path)
    for problem in caught.value.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert len(str(problem)) < 400, "a problem line must stay short (no 1 MB values echoed)"


def test_pwned_never_printed_and_files_never_created(tmp_path):
    """Python tags never run: ``echo pwned`` prints nothing, ``touch`` creates nothing, and the
    tag is refused at its position instead."""
    marker = tmp_path / "created"
    echo = _write(tmp_path, "echo.yaml", HOSTILE["python_object_new"]())
    touch = _write(
        tmp_path,
        "touch.yaml",
        MINIMAL.replace("answer: b", f"answer: !!python/object/apply:os.system ['touch {marker}']"),
    )
    result = _validate(echo, touch)
    assert result.returncode == 1 and not marker.exists()
    assert result.stdout == ""  # `echo pwned` run by the process, or by a child it started, would print here
    assert "pwned" not in result.stderr.splitlines()
    refused = [POSITIONED.match(line) for line in result.stderr.splitlines() if not line.endswith("bank files invalid")]
    assert refused and all(refused), result.stderr
    assert {m["path"] for m in refused} == {str(echo), str(touch)}
    assert all("is not allowed in a bank" in line for line in result.stderr.splitlines()[:-1])


def _validate(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "validate", *map(str, paths)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=30,
    )


def test_whole_hostile_corpus_through_the_cli(tmp_path):
    paths = [_write(tmp_path, f"{name}.yaml", make()) for name, make in HOSTILE.items()]
    paths.append(_write(tmp_path, "binary.yaml", bytes(range(256)) * 64))
    paths.append(_write(tmp_path, "latin1.yaml", MINIMAL.replace("Pick b.", "Café").encode("latin-1")))
    paths.append(_write(tmp_path, "empty.yaml", ""))
    result = _validate(*paths)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.endswith("bank files invalid")]
    assert all(POSITIONED.match(line) for line in lines), lines[:5]
    assert {POSITIONED.match(line)["path"] for line in lines} == {str(p) for p in paths}


def test_fifty_megabyte_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.write(MINIMAL.encode())
        handle.write(b"# padding\n" * (50 * 1024 * 1024 // 10))
    result = _validate(path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:1:1: error: file is 50.0 MiB; a bank may be at most 32 MiB")


def test_utf8_bom_is_accepted_by_the_cli(tmp_path):
    path = _write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + MINIMAL.encode())
    assert _validate(path).returncode == 0


def test_multi_document_list_string_and_null_files(tmp_path):
    cases = {
        "multi.yaml": MINIMAL + "---\n" + MINIMAL,
        "list.yaml": "- 1\n- 2\n",
        "string.yaml": "hello\n",
        "null.yaml": "~\n",
    }
    paths = [_write(tmp_path, name, text) for name, text in cases.items()]
    result = _validate(*paths)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert any("more than one YAML document" in line for line in errors)
    assert any("found a list" in line for line in errors)
    assert any("found text" in line for line in errors)
    assert any("file is empty" in line for line in errors)


@pytest.mark.timeout(10)  # opening a FIFO for reading would block forever: fail instead
def test_fifo_and_folder_named_like_banks_do_not_block(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(BankError, match="not a regular file"):
        load_bank(fifo)
    with pytest.raises(BankError, match="not a regular file"):
        load_bank(folder)


def test_unreadable_file_is_a_positioned_problem(tmp_path, monkeypatch):
    path = _write(tmp_path, "locked.yaml", MINIMAL)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: simulate the refusal instead

        def refuse(self, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert str(caught.value.problems[0]) == f"{path}:1:1: error: cannot read file: Permission denied"
