"""Running the import, export and lint commands through the entry point."""

from __future__ import annotations

from pathlib import Path

import yaml

from trainer.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, tmp_path: Path, *files: Path | str, extra: tuple[str, ...] = ()) -> tuple[dict, str, Path]:
    out = tmp_path / "bank.yaml"
    code, _, err = run(capsys, "import", *map(str, files), "--out", str(out), "--force", *extra)
    assert code == 0, err
    return yaml.safe_load(out.read_text(encoding="utf-8")), err, out


def by_id(bank: dict) -> dict[str, dict]:
    return {q["id"]: q for q in bank["questions"]}
