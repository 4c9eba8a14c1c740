"""The bundled banks under ``pain-trainer lint``: no finding (issue 17, and issue 20's quality bar).

Issue 17 left the content as it was and held the counts from growing; issue 20's content work
removes the findings (false positives silenced in the banks with ``lint: {ignore: [...]}`` and
a comment saying why). Until that content lands, this is an expected failure.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import cli_env
from trainer.banks.bankdata import read_bank_data
from trainer.banks.lint import lint

BUNDLED = Path(__file__).parents[2] / "question_banks"


def test_bundled_banks_have_no_lint_finding():
    found: Counter[str] = Counter()
    for path in sorted(BUNDLED.glob("*.yaml")):
        data, _ = read_bank_data(str(path))
        found.update(f.check for f in lint(data))
    assert dict(found) == {}


def test_pain_trainer_lint_prints_no_finding_for_the_bundled_banks():
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "lint", str(BUNDLED)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(" bank files: no findings\n")
