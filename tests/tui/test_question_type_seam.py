"""A question type added through the registries alone: a toy ``truefalse`` type lives in
modules written to a temporary folder, one per layer, and nothing in ``trainer`` changes. It
is validated (its own schema definition), asked in a quiz, scored, stored and reviewed."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from trainer.banks import BankError, load_bank
from trainer.banks import qtypes as bank_registry
from trainer.banks.qtypes import TypeEntry
from trainer.practice import qtypes as practice_registry
from trainer.tui import answers as tui_registry

BANKS_MODULE = """
from dataclasses import dataclass, field

from trainer.banks.qtypes.base import BankType
from trainer.banks.questions import Option, QuestionBase


@dataclass(frozen=True, kw_only=True, slots=True)
class TrueFalseQuestion(QuestionBase):
    stem: str
    truth: bool
    type: str = field(default="truefalse", init=False)

    @property
    def options(self):
        return (Option("true", "True"), Option("false", "False"))

    @property
    def shuffle(self):
        return False


def build(q, common, synonyms=()):
    return TrueFalseQuestion(**common, stem=q["statement"], truth=q["truth"])


SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "type", "category", "difficulty", "statement", "truth", "explanation", "references"],
    "properties": {
        "id": {"$ref": "#/$defs/q_id"},
        "type": {"$ref": "#/$defs/q_type"},
        "category": {"$ref": "#/$defs/q_category"},
        "difficulty": {"$ref": "#/$defs/q_difficulty"},
        "statement": {"type": "string", "minLength": 1},
        "truth": {"type": "boolean"},
        "explanation": {"$ref": "#/$defs/q_explanation"},
        "references": {"$ref": "#/$defs/references"},
    },
}

TYPE = BankType(tag="truefalse", model=TrueFalseQuestion, build=build, schema=SCHEMA)
"""

PRACTICE_MODULE = """
from toy_truefalse_banks import TrueFalseQuestion

from trainer.practice.qtypes.base import TypedAnswer
from trainer.practice.scoring import OptionVerdict, Score


class TrueFalseAnswer(TypedAnswer):
    tag = "truefalse"
    question_class = TrueFalseQuestion

    def draft_of(self, question, saved):
        return saved

    def choose(self, question, draft, option_id):
        return option_id

    def response(self, question, draft):
        return draft

    def marks(self, question, draft):
        return {} if draft is None else {draft: 1}

    def grade(self, question, response, order):
        right = "true" if question.truth else "false"
        verdicts = tuple(OptionVerdict(n, o, o.id == response, o.id == right)
                         for n, o in enumerate(question.options, 1))
        if response is None:
            return Score(False, None, 0.0, right, None, verdicts)
        return Score(True, response == right, float(response == right), right, response, verdicts)

    def coerce(self, question, value):
        return None if value is None else str(value)

    def to_plain(self, response):
        return response


TYPE = TrueFalseAnswer()
"""

TUI_MODULE = """
from trainer.tui.answers.base import ChoiceAnswer


class TrueFalseWidget(ChoiceAnswer):
    def hint(self, view):
        return "1 true, 2 false, Enter submits"


WIDGET = TrueFalseWidget
"""

BANK = """
id: toy
title: Toy bank
version: 1.0.0
authors: [Tests]
license: CC-BY-4.0
language: en
description: A bank of a question type added in a test.
categories:
  - {id: facts, title: Facts}
questions:
  - id: iasp
    type: truefalse
    category: facts
    difficulty: 1
    statement: The IASP revised its definition of pain in 2020.
    truth: true
    explanation: Raja et al., Pain 2020.
    references:
      - {title: The revised IASP definition of pain, source: Pain 161(9):1976-1982, year: 2020, doi: 10.1097/j.pain.0000000000001939}
"""


@pytest.fixture
def toy_type(tmp_path, monkeypatch):
    """The three modules, found on sys.path and named in the three registries (and undone)."""
    for name, text in (
        ("toy_truefalse_banks", BANKS_MODULE),
        ("toy_truefalse_practice", PRACTICE_MODULE),
        ("toy_truefalse_tui", TUI_MODULE),
    ):
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    bank_registry.register("truefalse", TypeEntry("toy_truefalse_banks", bank_registry.KNOWLEDGE, "True/false"))
    practice_registry.register("truefalse", "toy_truefalse_practice")
    tui_registry.register("truefalse", "toy_truefalse_tui")
    bank = tmp_path / "toy.yaml"
    bank.write_text(BANK, encoding="utf-8")
    yield bank
    bank_registry.unregister("truefalse")
    practice_registry.unregister("truefalse")
    tui_registry.unregister("truefalse")
    for name in ("toy_truefalse_banks", "toy_truefalse_practice", "toy_truefalse_tui"):
        sys.modules.pop(name, None)


def test_the_toy_type_is_validated_by_its_own_schema_definition(toy_type: Path):
    bank = load_bank(toy_type)
    question = bank.question("iasp")
    assert question is not None and question.type == "truefalse" and question.truth is True
    assert bank.counts_by_type()["truefalse"] == 1
    broken = toy_type.with_name("broken.yaml")
    broken.write_text(toy_type.read_text().replace("truth: true", "truth: maybe"), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(broken)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.message, problem.pointer) == (
        17,
        12,
        "expected true or false, found text",
        "/questions/0/truth",
    )


def test_without_the_registry_entry_the_type_is_unknown(toy_type: Path):
    bank_registry.unregister("truefalse")
    with pytest.raises(BankError) as caught:
        load_bank(toy_type)
    assert "must be one of" in caught.value.problems[0].message


def test_the_toy_type_is_asked_scored_and_resumed(toy_type: Path):
    from trainer.practice.clock import FakeClock
    from trainer.practice.quiz import QuizSession, QuizSettings
    from trainer.practice.scoring import score
    from trainer.practice.selection import SelectionSpec, select_questions

    bank = load_bank(toy_type)
    selection = select_questions([bank], SelectionSpec(seed=1))
    assert [item.question.id for item in selection.items] == ["iasp"]  # a knowledge type: quizzes ask it
    quiz = QuizSession.start(selection, QuizSettings(mode="exam"), clock=FakeClock(), wall=lambda: 1.0)
    [record] = quiz.choose(2).records
    assert (record.question_type, record.response, record.correct) == ("truefalse", "false", None)
    resumed = QuizSession.resume([bank], quiz.record, [record], clock=FakeClock(), wall=lambda: 2.0)
    assert [o.selected for o in resumed.view().options] == [False, True]
    final = resumed.finish()
    assert final.results is not None and final.results.overall.answered == 1 and final.results.overall.correct == 0
    assert score(bank.question("iasp"), "true").correct is True


async def test_the_toy_type_is_answered_stored_and_reviewed_on_screen(toy_type: Path, make_app, store):
    from tests.tui.conftest import screen_text, start_quiz
    from trainer.tui.screens.results import ResultsScreen
    from trainer.tui.screens.review import ReviewItemScreen

    app = make_app(banks=[toy_type])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot)
        assert "1 true, 2 false, Enter submits" in screen_text(app)
        await pilot.press("1", "enter")
        assert "Correct" in screen_text(app)
        [record] = store.load_session(screen.session.session_id).answers
        assert (record.question_type, record.response, record.correct, record.score) == ("truefalse", "true", True, 1.0)
        await pilot.press("enter", "y")  # every item answered: submit the quiz
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        text = screen_text(app)
        assert "The IASP revised its definition of pain in 2020." in text and "Correct" in text and "(true)" in text
