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
    from trainer.practice.analysis import AnswerMetrics as AnswerMetrics
    from trainer.practice.analysis import measure as measure
    from trainer.practice.clock import (
        Clock as Clock,
    )
    from trainer.practice.clock import (
        FakeClock as FakeClock,
    )
    from trainer.practice.clock import (
        SystemClock as SystemClock,
    )
    from trainer.practice.clock import (
        WallClock as WallClock,
    )
    from trainer.practice.interview import (
        InterviewResults as InterviewResults,
    )
    from trainer.practice.interview import (
        InterviewSession as InterviewSession,
    )
    from trainer.practice.interview import (
        InterviewSettings as InterviewSettings,
    )
    from trainer.practice.interview import (
        InterviewUpdate as InterviewUpdate,
    )
    from trainer.practice.interview import (
        InterviewView as InterviewView,
    )
    from trainer.practice.interview import (
        Phase as Phase,
    )
    from trainer.practice.interview import (
        PromptFeedback as PromptFeedback,
    )
    from trainer.practice.interview import (
        SavedAnswer as SavedAnswer,
    )
    from trainer.practice.judge import (
        DEFAULT_JUDGE as DEFAULT_JUDGE,
    )
    from trainer.practice.judge import (
        Judge as Judge,
    )
    from trainer.practice.judge import (
        Judgement as Judgement,
    )
    from trainer.practice.judge import (
        NegExJudge as NegExJudge,
    )
    from trainer.practice.quiz import (
        DEFAULT_QUESTION_SECONDS as DEFAULT_QUESTION_SECONDS,
    )
    from trainer.practice.quiz import (
        ItemStatus as ItemStatus,
    )
    from trainer.practice.quiz import (
        ItemView as ItemView,
    )
    from trainer.practice.quiz import (
        QuizSession as QuizSession,
    )
    from trainer.practice.quiz import (
        QuizSettings as QuizSettings,
    )
    from trainer.practice.quiz import (
        QuizUpdate as QuizUpdate,
    )
    from trainer.practice.scoring import (
        InvalidNumber as InvalidNumber,
    )
    from trainer.practice.scoring import (
        Results as Results,
    )
    from trainer.practice.scoring import (
        Score as Score,
    )
    from trainer.practice.scoring import (
        Tally as Tally,
    )
    from trainer.practice.scoring import (
        format_number as format_number,
    )
    from trainer.practice.scoring import (
        parse_number as parse_number,
    )
    from trainer.practice.scoring import (
        score as score,
    )
    from trainer.practice.selection import (
        PlanMismatch as PlanMismatch,
    )
    from trainer.practice.selection import (
        Review as Review,
    )
    from trainer.practice.selection import (
        Selection as Selection,
    )
    from trainer.practice.selection import (
        SelectionSpec as SelectionSpec,
    )
    from trainer.practice.selection import (
        find_format as find_format,
    )
    from trainer.practice.selection import (
        select_keys as select_keys,
    )
    from trainer.practice.selection import (
        select_prompts as select_prompts,
    )
    from trainer.practice.selection import (
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
