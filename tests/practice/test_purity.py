"""The practice layer stays pure: no UI, no database, no files, no sleeping."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from trainer.practice import FakeClock, SystemClock

PRACTICE = Path(__file__).resolve().parents[2] / "trainer" / "practice"
FORBIDDEN_MODULES = {"textual", "rich", "sqlite3", "pathlib", "os", "io", "shutil", "yaml", "asyncio", "threading"}
FORBIDDEN_CALLS = {"open", "sleep", "print", "input"}


@pytest.mark.parametrize("path", sorted(PRACTICE.rglob("*.py")), ids=lambda p: str(p.relative_to(PRACTICE)))
def test_module_is_pure(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"
            assert not name.startswith(("trainer.tui", "trainer.cli")), f"{path.name} imports {name}"
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            assert called not in FORBIDDEN_CALLS, f"{path.name} calls {called}()"


def test_fake_clock_moves_only_when_told():
    clock = FakeClock(start=10)
    assert clock.now() == 10
    clock.advance(2.5)
    assert clock.now() == 12.5
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_system_clock_reads_the_monotonic_clock_not_the_wall_clock(monkeypatch):
    """A wall clock set back an hour must not move a countdown: the system clock follows
    ``time.monotonic`` and ignores ``time.time`` (``now() <= now()`` would pass for either)."""
    import trainer.practice.clock as clock_module

    readings = iter([100.0, 100.0, 160.5])
    monkeypatch.setattr(clock_module.time, "monotonic", lambda: next(readings))
    monkeypatch.setattr(clock_module.time, "time", lambda: pytest.fail("SystemClock read the wall clock"))
    clock = SystemClock()
    assert [clock.now(), clock.now(), clock.now()] == [100.0, 100.0, 160.5]
