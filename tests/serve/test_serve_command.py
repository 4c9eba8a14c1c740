"""``pain-trainer serve``'s checks and failure modes, through the entry point; and the command
each tab runs (quoted for the shell textual-serve runs it with)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env
from trainer.cli import main
from trainer.commands import serve as serve_command


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "trainer.example.org"])
def test_a_host_other_machines_reach_needs_allow_remote(host, data_dir, capsys):
    assert main(["serve", "--host", host, "--data-dir", str(data_dir)]) == 2
    line = one_error_line(capsys)
    assert line.startswith(f"pain-trainer: error: --host {host} can be reached from other machines")
    assert "add --allow-remote" in line
    assert not (data_dir / "history.sqlite3").exists()  # refused before anything was opened


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LocalHost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.2", False),
        ("localhost.example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine(host, loopback):
    assert serve_command.is_loopback(host) is loopback


def test_a_busy_port_is_one_line_and_exit_1(data_dir, capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--data-dir", str(data_dir)]) == 1
    assert one_error_line(capsys) == (
        f"pain-trainer: error: cannot listen on 127.0.0.1:{port}: the port is in use"
        " (another 'pain-trainer serve'?); choose another --port"
    )


@pytest.mark.parametrize("port", ["-1", "65536", "http"])
def test_a_port_that_is_not_one_is_a_usage_error(port, capsys):
    assert main(["serve", "--port", port]) == 2
    assert one_error_line(capsys).startswith("pain-trainer: error: argument --port: ")


def test_without_the_serve_extra_it_says_what_to_install(data_dir, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import textual_serve -> ImportError
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "trainer.serving", raising=False)
    assert main(["serve", "--data-dir", str(data_dir)]) == 1
    line = one_error_line(capsys)
    assert line.startswith("pain-trainer: error: 'serve' needs the serve extra")
    assert line.endswith("pip install 'pain-trainer[serve]'")


def test_no_valid_bank_is_said_once_before_serving(tmp_path, data_dir, capsys, monkeypatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n")
    from trainer import banks

    monkeypatch.setattr(banks, "default_sources", lambda root, extra: [banks.BankSource(Path(p)) for p in extra])
    assert main(["serve", "--data-dir", str(data_dir), "--bank", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "pain-trainer: error: no valid question banks found"
    assert err.startswith(f"{broken}:")


def test_a_missing_bank_path_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", "--bank", str(tmp_path / "nope.yaml")]) == 2
    assert one_error_line(capsys) == f"pain-trainer: error: {tmp_path / 'nope.yaml'}: no such file or directory"


def test_serve_is_not_loaded_by_other_commands():
    code = (
        "import contextlib, sys; from trainer.cli import main\n"
        "with contextlib.suppress(SystemExit): main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual_serve', 'aiohttp', 'trainer.serving'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env())
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


# --- the command each tab runs -----------------------------------------------------------

HOSTILE = ["with space", "it's", 'say "hi"', "$(touch PWNED)", "`touch PWNED`", "a;touch PWNED", "-dash", "new\nline"]


@pytest.mark.skipif(os.name != "posix", reason="textual-serve runs the command with /bin/sh here")
@pytest.mark.parametrize("name", HOSTILE)
def test_the_tab_command_passes_any_path_through_the_shell_unchanged(tmp_path, name, monkeypatch):
    """The shell textual-serve starts sees exactly the trainer's arguments: no path runs a command."""
    monkeypatch.chdir(tmp_path)
    python = tmp_path / f"py {name}"
    python.write_text(f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    python.chmod(0o755)
    data = tmp_path / f"data {name}"
    bank = Path(f"{name}.yaml")  # relative: made absolute, so "-dash.yaml" cannot pass for an option
    command = serve_command.app_command(str(python), data, [str(bank)])
    result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == ["-m", "trainer", "--data-dir", str(data), "--bank", str(tmp_path / bank)]
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.skipif(os.name != "posix", reason="exec is a POSIX shell's")
def test_the_tab_command_replaces_the_shell_so_the_server_can_stop_the_app(tmp_path):
    """``exec``: the process textual-serve starts *is* the app, so signalling it reaches the app."""
    command = serve_command.app_command(sys.executable, tmp_path, [])
    assert command.startswith("exec ")
    process = subprocess.Popen(
        ["/bin/sh", "-c", command.replace("-m trainer", "-c 'import os, sys; print(os.getpid(), flush=True)' -")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert int(process.stdout.readline()) == process.pid
    process.wait(timeout=20)
    process.stdout.close()
