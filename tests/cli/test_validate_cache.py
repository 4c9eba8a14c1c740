"""validate takes the app's own banks (whose ids it checks against) from the bank cache, as the
app does, and never the files it was asked to check: those are read and checked every time."""

from __future__ import annotations

from pathlib import Path

from trainer.banks import loader
from trainer.cli import main

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "banks" / "fixtures" / "valid" / "minimal.yaml"


def _checked(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = loader._validated

    def counting(data: bytes, path_text: str) -> dict:
        seen.append(Path(path_text).name)
        return real(data, path_text)

    monkeypatch.setattr(loader, "_validated", counting)
    return seen


def test_the_checked_file_is_read_every_time_and_the_bundled_banks_come_from_the_cache(monkeypatch, capsys):
    seen = _checked(monkeypatch)
    assert main(["validate", str(MINIMAL)]) == 0
    bundled = sorted(p.name for p in (REPO / "question_banks").glob("*.yaml"))
    assert sorted(seen) == sorted([*bundled, "minimal.yaml"])
    seen.clear()
    assert main(["validate", str(MINIMAL)]) == 0
    assert seen == ["minimal.yaml"]
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("1 bank, 4 questions: OK")


def test_validating_the_bundled_banks_reads_them_even_when_cached(monkeypatch, capsys):
    seen = _checked(monkeypatch)
    assert main(["banks"]) == 0  # the app's own loading fills the cache
    seen.clear()
    assert main(["validate", str(REPO / "question_banks")]) == 0
    assert sorted(seen) == sorted(p.name for p in (REPO / "question_banks").glob("*.yaml"))
