"""The one error type the history layer raises for anything the user must be told about.

Its message is a single line that the command prints after ``pain-trainer: error:`` and the
app shows in a dialog; it never carries a traceback or SQL.
"""

from __future__ import annotations


class HistoryError(Exception):
    """The history store cannot do what was asked (unwritable folder, full disk, bad file...)."""


class NewerSchemaError(HistoryError):
    """The database was written by a newer pain-trainer; it is left exactly as it is."""
