"""The bundled banks under ``pain-trainer lint``: findings may only go down.

Issue 17 left the content as it was: these are real item-writing findings (mostly the key in
position a and the longest option), fixed by the content issue; false positives are silenced
in the banks with a reason. Lower the numbers when content work removes findings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from trainer.banks.bankdata import read_bank_data
from trainer.banks.lint import lint

BUNDLED = Path(__file__).parents[2] / "question_banks"
MOST_FINDINGS = {  # counted on 2026-12-02
    "absolute-distractor": 22,
    "answer-position-skew": 5,
    "convergence-cue": 24,
    "longest-correct": 86,
    "negative-stem": 0,
    "shuffle-no-order": 14,
    "undated-fact": 1,
}


def test_bundled_findings_do_not_grow():
    found: Counter[str] = Counter()
    for path in sorted(BUNDLED.glob("*.yaml")):
        data, _ = read_bank_data(str(path))
        found.update(f.check for f in lint(data))
    grown = {check: (n, MOST_FINDINGS.get(check, 0)) for check, n in found.items() if n > MOST_FINDINGS.get(check, 0)}
    assert not grown, f"new lint findings in the bundled banks (found, allowed): {grown}"
