"""The worked example in docs/authoring.md is a valid bank with every question type."""

from __future__ import annotations

import io
import re
import sys

import pytest

from tests.conftest import REPO
from trainer.banks import load_bank_bytes
from trainer.banks.qtypes import tags
from trainer.cli import main


def test_authoring_example_is_valid_and_covers_every_type():
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", text, re.S).group(1)
    bank = load_bank_bytes(example.encode(), "docs/authoring.md")
    assert {q.type for q in bank.questions} == set(tags())  # every registered type
    assert bank.cases and bank.interview_formats


def _block(text: str, after: str, language: str) -> str:
    """The first fenced ``language`` block after the line ``after``."""
    start = text.index(after)
    return re.search(rf"```{language}\n(.*?)```", text[start:], re.DOTALL).group(1)


def test_authoring_examples_draw_no_keyword_warning():
    from trainer.banks.keyword_lint import findings

    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    for marker in ("# yaml-language-server", "# judging example"):
        example = re.search(rf"```yaml\n({marker}.*?)```", text, re.DOTALL).group(1)
        assert findings(load_bank_bytes(example.encode(), "docs/authoring.md")) == [], marker


@pytest.fixture
def judging_example(tmp_path):
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    bank = tmp_path / "my-bank.yaml"
    bank.write_text(re.search(r"```yaml\n(# judging example.*?)```", text, re.DOTALL).group(1), encoding="utf-8")
    return text, bank


def _judge(bank, answer: str, tmp_path, monkeypatch, capsys, *extra: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(answer.encode())))
    assert main(["judge", "ltot-new-patient", *extra, "--bank", str(bank), "--data-dir", str(tmp_path)]) == 0
    return capsys.readouterr().out


def test_the_worked_judge_example_prints_what_the_doc_shows(judging_example, tmp_path, monkeypatch, capsys):
    text, bank = judging_example
    answer = _block(text, "The answer (`answer.txt`):", "text")
    shown = _block(text, "`pain-trainer judge ltot-new-patient answer.txt --bank my-bank.yaml` prints:", "text")
    printed = _judge(bank, answer, tmp_path, monkeypatch, capsys)
    shown_lines, printed_lines = shown.splitlines(), printed.splitlines()
    assert printed_lines[0] == shown_lines[0]
    assert printed_lines[2:] == shown_lines[2:]  # the score line depends on the penalties; the verdicts do not
    assert "via synonym" in shown and "CLICHE" in shown


@pytest.mark.parametrize(
    "answer, line",
    [
        (
            "Alprazolam, naloxone, PDMP, physical therapy.",
            "  LISTED       Checks the prescription drug monitoring program",
        ),
        ("She can get naloxone.", "  UNQUALIFIED  Offers naloxone because her overdose risk is raised"),
        ("I would give her naloxone.", "  UNQUALIFIED  Offers naloxone because her overdose risk is raised"),
        ("I would increase her dose.", "  CONTRADICTED Does not escalate the opioid dose  [stance: reject]"),
        ("I would not check the PDMP.", "  CONTRADICTED Checks the prescription drug monitoring program"),
        ("I would cut her off today.", "  UNSAFE       Stops her opioids abruptly  [abrupt-discontinuation]"),
    ],
)
def test_the_verdicts_the_doc_describes_are_the_judges(judging_example, tmp_path, monkeypatch, capsys, answer, line):
    text, bank = judging_example
    assert answer.rstrip(".") in " ".join(text.split())  # the doc says so
    assert any(printed.startswith(line) for printed in _judge(bank, answer, tmp_path, monkeypatch, capsys).splitlines())


def test_a_rejected_red_flag_is_not_raised_as_the_doc_says(judging_example, tmp_path, monkeypatch, capsys):
    text, bank = judging_example
    assert "I would never cut her off" in " ".join(text.split())
    assert "Red flags raised: none of 2" in _judge(bank, "I would never cut her off.", tmp_path, monkeypatch, capsys)
