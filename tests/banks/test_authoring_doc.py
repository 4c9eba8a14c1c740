"""The worked example in docs/authoring.md is a valid bank with every question type."""

from __future__ import annotations

import re

from tests.conftest import REPO
from trainer.banks import load_bank_bytes


def test_authoring_example_is_valid_and_covers_every_type():
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", text, re.S).group(1)
    bank = load_bank_bytes(example.encode(), "docs/authoring.md")
    assert {q.type for q in bank.questions} == {"single", "multiple", "numeric", "open"}
    assert bank.cases and bank.interview_formats
