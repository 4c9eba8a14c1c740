"""Issue 22, smaller items: dates at the ends of time, exports that would replace special
files, unreadable bank folders and misleading messages."""

from __future__ import annotations

import os
import stat
import time

import pytest

from tests.conftest import FIXTURES
from trainer.cli import main

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


@pytest.fixture
def utc_plus_14(monkeypatch):
    monkeypatch.setenv("TZ", "Etc/GMT-14")  # POSIX sign: this is UTC+14 (Kiribati)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("since", ["0001-01-01", "9999-12-31T23:59:59", "9999-12-31"])
def test_since_at_the_ends_of_time_does_not_crash(tmp_path, capsys, utc_plus_14, since):
    assert main(["history", "--since", since, "--data-dir", str(tmp_path / "d")]) == 0
    assert capsys.readouterr().out.strip() == "no sessions match"


def test_since_far_back_lists_every_session(tmp_path, capsys, utc_plus_14):
    from tests.history.helpers import session
    from trainer.history.store import Store

    with Store.open(tmp_path / "d") as store:
        store.start_session(session("s", n=1))
    assert main(["history", "--since", "0001-01-01", "--format", "csv", "--data-dir", str(tmp_path / "d")]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header and the session


def _special_files(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    found = {"fifo": fifo, "symlink": link}
    device = tmp_path / "null"  # never a real device: a regression would replace it
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found["device"] = device
    except (PermissionError, OSError):
        pass
    return found


@pytest.mark.parametrize("kind", ["fifo", "symlink", "device"])
def test_export_never_replaces_a_fifo_symlink_or_device(tmp_path, capsys, kind):
    path = _special_files(tmp_path).get(kind)
    if path is None:
        pytest.skip("making a device node needs root")
    before = os.lstat(path)
    assert main(["history", "export", str(path), "--data-dir", str(tmp_path / "d")]) == 1
    assert "not a regular file" in capsys.readouterr().err
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "target.txt").read_text() == "keep me"


def test_export_still_writes_a_new_file_and_replaces_a_regular_one(tmp_path):
    out = tmp_path / "out.json"
    assert main(["history", "export", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    assert main(["history", "export", str(out), "--data-dir", str(tmp_path / "d")]) == 0
    assert out.read_text().startswith("{")


def test_an_unreadable_bank_folder_is_one_line_not_silence(tmp_path, monkeypatch, capsys):
    banks = tmp_path / "banks"
    (banks / "locked").mkdir(parents=True)
    (banks / "good.yaml").write_text(MINIMAL.read_text())
    real_scandir = os.scandir

    def scandir(path="."):  # as root, permission bits are ignored: refuse this one folder
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["validate", str(banks)]) == 1
    err = capsys.readouterr().err
    assert f"{banks / 'locked'}:1:1: error: cannot read folder: Permission denied" in err.splitlines()


def test_a_symlink_loop_as_data_folder_says_so(tmp_path, capsys):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert main(["history", "--data-dir", str(loop)]) == 1
    err = capsys.readouterr().err
    assert "symbolic link that leads nowhere" in err and "File exists" not in err
