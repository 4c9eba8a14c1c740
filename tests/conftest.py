"""Shared test set-up: no test may touch the real home directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "banks" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point HOME, XDG dirs and the data dir at temporary folders for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PAIN_TRAINER_DATA_DIR", str(home / "pain-trainer-data"))
    yield


@pytest.fixture
def data_dir(tmp_path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for subprocess CLI runs (inherits the isolated HOME set above)."""
    env = dict(os.environ)
    env.update(extra)
    return env


def pytest_addoption(parser):
    """``--fuzz-examples N``: run the long fuzz campaigns (tests/reliability)."""
    parser.addoption(
        "--fuzz-examples", type=int, default=0, metavar="N",
        help="run the long fuzz campaigns (bank loader, history import) with N hypothesis examples (0: skip them)",
    )
