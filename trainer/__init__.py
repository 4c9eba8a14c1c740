"""Pain Fellowship Trainer: mock interviews and timed quizzes for pain medicine fellowship."""

__version__ = "0.1.0"
