"""Shared test set-up: no test may touch the real home directory, and none may depend on the
developer's terminal or time zone (NO_COLOR, TERM, COLUMNS, TZ...)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "banks" / "fixtures"


# What the terminal, the locale and the shell say about how to draw and what time it is. Each
# is cleared, or pinned to one value, for every test: the suite gives the same results in any
# terminal (NO_COLOR=1 would turn every snapshot grey; TZ=America/New_York moves every date).
CLEARED = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "TEXTUAL",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_THEME",
    "TEXTUAL_FILTERS",
    "TEXTUAL_ANIMATIONS",
    "TEXTUAL_DRIVER",
    "TEXTUAL_PRESS",
    "TEXTUAL_SCREENSHOT",
    "PYTHONIOENCODING",
    "LC_ALL",
    "LC_CTYPE",
    "LANGUAGE",
)
PINNED = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "TZ": "UTC", "LANG": "C.UTF-8"}


def _pin_environment(environ) -> None:
    for name in CLEARED:
        environ.pop(name, None)
    environ.update(PINNED)


# Textual reads some of these once, when it is first imported (its constants module): so they
# are pinned here, before any test module imports it, as well as for each test below.
_pin_environment(os.environ)
time.tzset()


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch):
    """Each test starts from the pinned terminal and time zone, even after one that changed them."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)
    time.tzset()


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
    """``--fuzz-examples N``: run the long fuzz campaigns (tests/reliability); ``--run-slow``:
    run the tests marked ``slow`` (deselected otherwise)."""
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=0,
        metavar="N",
        help="run the long fuzz campaigns (bank loader, history import) with N hypothesis examples (0: skip them)",
    )
    parser.addoption("--run-slow", action="store_true", help="run the tests marked slow (deselected otherwise)")


def pytest_collection_modifyitems(config, items):
    """``slow`` tests are deselected unless asked for: ``--run-slow``, ``--fuzz-examples N`` (the
    slow tests are the long fuzz campaigns) or a ``-m`` expression that names the marker."""
    asked = (
        config.getoption("--run-slow")
        or config.getoption("--fuzz-examples")
        or "slow" in (config.getoption("markexpr") or "")
    )
    if asked:
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]
