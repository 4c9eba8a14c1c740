"""Smoke run of the benchmark suite at tiny sizes, so it cannot rot.

Targets are not enforced here (speed belongs in ``python -m benchmarks.run``, not in timed
unit tests): this only checks that every benchmark runs and the table is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sys.platform == "win32", reason="the start-up probe needs a POSIX pseudo-terminal")
def test_quick_benchmark_run_prints_the_table(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--repeat", "1", "--keep", str(tmp_path / "work")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    assert "| Measurement" in out and "| Ratio" in out
    for section in (
        "1. Bank validation",
        "2. Start-up",
        "2b. Imports",
        "3. Answer write-through",
        "4. Stats over",
        "5. Memory",
        "6. Interview judge",
        "7. Cohort report",
        "8. Spoken answers",
        "9. Interchange",
        "10. Spaced repetition",
    ):
        assert section in out, section
    for row in (
        "validate 400 q, valid",
        "pain-trainer, home screen ready",
        "record_answer median",
        "Store.stats()",
        "Store.sessions()",
        "pain-trainer --bank 400 q",
        "judge a ",
        "gold set per-key-point recall",
        "cohort report, 5 residents",
        "transcribe ",
        "import 400-question GIFT",
        "today's queue",
        "record one review",
    ):
        assert row in out, row
    assert "ERROR" not in out
    assert "Targets:" in out
