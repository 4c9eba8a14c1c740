"""No layer decides a question's type outside the registries.

A question type is looked up by its tag in ``trainer/banks/qtypes``, ``trainer/practice/qtypes``
and ``trainer/tui/answers``; everywhere else, comparing a tag with a literal or asking
``isinstance`` of a question class is the ``if`` chain the seam replaced (docs/architecture.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer.banks.qtypes import tags

TRAINER = Path(__file__).resolve().parents[1] / "trainer"
REGISTRIES = ("banks/qtypes", "practice/qtypes", "tui/answers")
CLASSES = (
    "QuestionBase",
    "SingleQuestion",
    "MultipleQuestion",
    "NumericQuestion",
    "OrderingQuestion",
    "MatchingQuestion",
    "OpenQuestion",
)
TAG = "|".join(re.escape(t) for t in tags())
DISPATCH = [
    re.compile(rf"isinstance\([^)]*\b({'|'.join(CLASSES)})\b"),  # isinstance(q, SingleQuestion)
    re.compile(rf"""(==|!=)\s*["']({TAG})["']"""),  # q.type == "numeric"
    re.compile(rf"""["']({TAG})["']\s*(==|!=)"""),  # "numeric" == q.type
    re.compile(rf"""\bin\s*[(\[{{][^)\]}}]*["']({TAG})["']"""),  # q.type in ("single", "multiple")
    re.compile(rf"""\.get\(\s*["']({TAG})["']"""),  # handlers.get("numeric")
]


def sources() -> list[Path]:
    return sorted(p for p in TRAINER.rglob("*.py") if not any(part in p.as_posix() for part in REGISTRIES))


def dispatch_in(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() for pattern in DISPATCH if pattern.search(line)]


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(TRAINER)))
def test_no_type_dispatch_outside_the_registries(path: Path):
    assert dispatch_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        'if question.type == "numeric":',
        "if 'ordering' != kind:",
        'if kind in ("single", "multiple"):',
        "elif isinstance(item.question, NumericQuestion):",
        "ok = isinstance(q, (SingleQuestion, MatchingQuestion))",
        'return SCORERS.get("extended_matching")',
    ],
)
def test_the_check_recognises_type_dispatch(line: str):
    assert dispatch_in(line) == [line]


def test_the_check_reads_the_files_it_means():
    names = {p.relative_to(TRAINER).as_posix() for p in sources()}
    assert {"practice/quiz.py", "tui/screens/quiz.py", "banks/build.py", "banks/semantic.py"} <= names
    assert not any(name.startswith(REGISTRIES) for name in names)
