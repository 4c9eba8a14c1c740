"""Score history: the SQLite store, its schema and migrations, stats, export/import.

The app uses ``Store`` (see ``trainer.history.store`` for how); the ``history`` command, which
reads flags and decides exit codes, lives on the command line's side (``trainer.commands.history``).
Only the standard library is used here: no Textual, no practice layer.
"""

from trainer.history.errors import HistoryError, NewerSchemaError
from trainer.history.store import Resume, Store

__all__ = ["HistoryError", "NewerSchemaError", "Resume", "Store"]
