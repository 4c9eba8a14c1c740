"""The practice engine: selection, quiz and interview sessions, scoring, answer analysis.

Pure Python: no Textual, no SQLite, no files, no sleeping. Time comes from an injected
``Clock``; sessions return plain frozen values and produce the records of
``trainer.history.records`` for the app to hand to the history store at once.

Modules (one job each):

* ``clock``      - ``Clock`` protocol, ``SystemClock``, ``FakeClock`` (tests).
* ``selection``  - which questions, in which order, with which option order (seeded).
* ``scoring``    - per-type scorers, numeric parsing/tolerance, quiz ``Results``.
* ``quiz``       - ``QuizSession`` (tutor/exam, timing, flags, resume).
* ``analysis``   - delivery figures for open answers (words, pace, fillers) and word rules.
* ``lexicon``    - how the judge compares words (lemmas, abbreviations, synonyms).
* ``judge``      - which key points an open answer covers and which red flags it raises.
* ``interview``  - ``InterviewSession`` (think → answer → probes → feedback).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what a type checker sees (``X as X``: re-exported); at run time, __getattr__ below
    from trainer.practice.analysis import AnswerMetrics as AnswerMetrics, measure as measure
    from trainer.practice.clock import (
        Clock as Clock, FakeClock as FakeClock, SystemClock as SystemClock, WallClock as WallClock,
    )
    from trainer.practice.interview import (
        InterviewResults as InterviewResults, InterviewSession as InterviewSession,
        InterviewSettings as InterviewSettings, InterviewUpdate as InterviewUpdate, InterviewView as InterviewView,
        Phase as Phase, PromptFeedback as PromptFeedback, SavedAnswer as SavedAnswer,
    )
    from trainer.practice.judge import (
        DEFAULT_JUDGE as DEFAULT_JUDGE, Judge as Judge, Judgement as Judgement, NegExJudge as NegExJudge,
    )
    from trainer.practice.quiz import (
        DEFAULT_QUESTION_SECONDS as DEFAULT_QUESTION_SECONDS, ItemStatus as ItemStatus, ItemView as ItemView,
        QuizSession as QuizSession, QuizSettings as QuizSettings, QuizUpdate as QuizUpdate,
    )
    from trainer.practice.scoring import (
        InvalidNumber as InvalidNumber, Results as Results, Score as Score, Tally as Tally,
        format_number as format_number, parse_number as parse_number, score as score,
    )
    from trainer.practice.selection import (
        PlanMismatch as PlanMismatch, Review as Review, Selection as Selection, SelectionSpec as SelectionSpec,
        find_format as find_format, select_keys as select_keys, select_prompts as select_prompts,
        select_questions as select_questions,
    )

# Names are loaded on first use (PEP 562), so importing one module of the package (say the
# clock, at app start-up) does not import every session module with it.
_EXPORTS = {
    "AnswerMetrics": "analysis",
    "Clock": "clock",
    "DEFAULT_QUESTION_SECONDS": "quiz",
    "FakeClock": "clock",
    "InterviewResults": "interview",
    "InterviewSession": "interview",
    "InterviewSettings": "interview",
    "InterviewUpdate": "interview",
    "InterviewView": "interview",
    "InvalidNumber": "scoring",
    "Judge": "judge",
    "Judgement": "judge",
    "NegExJudge": "judge",
    "DEFAULT_JUDGE": "judge",
    "ItemStatus": "quiz",
    "ItemView": "quiz",
    "Phase": "interview",
    "PlanMismatch": "selection",
    "PromptFeedback": "interview",
    "QuizSession": "quiz",
    "QuizSettings": "quiz",
    "QuizUpdate": "quiz",
    "Results": "scoring",
    "Review": "selection",
    "SavedAnswer": "interview",
    "Score": "scoring",
    "Selection": "selection",
    "SelectionSpec": "selection",
    "SystemClock": "clock",
    "Tally": "scoring",
    "WallClock": "clock",
    "find_format": "selection",
    "format_number": "scoring",
    "measure": "analysis",
    "parse_number": "scoring",
    "score": "scoring",
    "select_keys": "selection",
    "select_prompts": "selection",
    "select_questions": "selection",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"trainer.practice.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'trainer.practice' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
