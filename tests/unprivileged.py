"""Run a command as an ordinary user when the suite runs as root.

Root ignores permission bits, so a read-only file or folder is only refused for real when the
code under test runs as someone else: ``setpriv`` (util-linux) or ``runuser`` drop to the
``nobody`` user for one command. Without either, the test that needs it is skipped, saying why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534  # uid and gid of "nobody" on Debian, Ubuntu, Fedora, Alpine


def as_ordinary_user() -> list[str]:
    """The prefix that runs a command without root's rights ([] when not root)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    pytest.skip("running as root, and neither setpriv nor runuser is there to drop to an ordinary user")


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder the ordinary user owns (pytest's tmp_path is private to root): removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="pain-trainer-user-"))
    try:
        if os.geteuid() == 0:
            os.chown(folder, NOBODY, NOBODY)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def give_to_ordinary_user(*paths: Path) -> None:
    """Hand files made by the test (as root) to the ordinary user that will run the code."""
    if os.geteuid() == 0:
        for path in paths:
            os.chown(path, NOBODY, NOBODY)
