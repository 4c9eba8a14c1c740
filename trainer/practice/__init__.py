"""The practice engine: selection, quiz and interview sessions, scoring, answer analysis.

Pure Python: no Textual, no SQLite, no files, no sleeping. Time comes from an injected
``Clock``; sessions return plain frozen values and produce the records of
``trainer.history.records`` for the app to hand to the history store at once.

Modules (one job each):

* ``clock``      - ``Clock`` protocol, ``SystemClock``, ``FakeClock`` (tests).
* ``selection``  - which questions, in which order, with which option order (seeded).
* ``scoring``    - per-type scorers, numeric parsing/tolerance, quiz ``Results``.
* ``quiz``       - ``QuizSession`` (tutor/exam, timing, flags, resume).
* ``analysis``   - key-point coverage and delivery figures for open answers.
* ``interview``  - ``InterviewSession`` (think → answer → probes → feedback).
"""

from trainer.practice.analysis import AnswerAnalysis, AnswerMetrics, Match, PointCoverage, analyse, coverage, measure
from trainer.practice.clock import Clock, FakeClock, SystemClock, WallClock
from trainer.practice.interview import (
    InterviewResults,
    InterviewSession,
    InterviewSettings,
    InterviewUpdate,
    InterviewView,
    Phase,
    PromptFeedback,
    SavedAnswer,
)
from trainer.practice.quiz import (
    DEFAULT_QUESTION_SECONDS,
    Feedback,
    ItemStatus,
    ItemView,
    QuizSession,
    QuizSettings,
    QuizUpdate,
)
from trainer.practice.scoring import InvalidNumber, Results, Score, Tally, format_number, parse_number, score
from trainer.practice.selection import (
    PlanMismatch,
    Review,
    Selection,
    SelectionSpec,
    find_format,
    select_keys,
    select_prompts,
    select_questions,
)

__all__ = [
    "DEFAULT_QUESTION_SECONDS",
    "AnswerAnalysis",
    "AnswerMetrics",
    "Clock",
    "FakeClock",
    "Feedback",
    "InterviewResults",
    "InterviewSession",
    "InterviewSettings",
    "InterviewUpdate",
    "InterviewView",
    "InvalidNumber",
    "ItemStatus",
    "ItemView",
    "Match",
    "Phase",
    "PlanMismatch",
    "PointCoverage",
    "PromptFeedback",
    "QuizSession",
    "QuizSettings",
    "QuizUpdate",
    "Results",
    "Review",
    "SavedAnswer",
    "Score",
    "Selection",
    "SelectionSpec",
    "SystemClock",
    "Tally",
    "WallClock",
    "analyse",
    "coverage",
    "find_format",
    "format_number",
    "measure",
    "parse_number",
    "score",
    "select_keys",
    "select_prompts",
    "select_questions",
]
