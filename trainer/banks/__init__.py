"""Question banks: the model, safe YAML loading, schema and semantic validation, discovery.

Public entry points: ``load_bank(path)`` for one file, ``load_all(sources)`` for many.
Both raise or report only ``BankError`` / ``Problem`` values, each with a file position.
"""

from trainer.banks.cache import BankCache
from trainer.banks.discovery import BankSource, Catalog, bank_files, default_sources, load_all
from trainer.banks.loader import load_bank, load_bank_bytes
from trainer.banks.problems import BankError, Problem

__all__ = [
    "BankCache",
    "BankError",
    "BankSource",
    "Catalog",
    "Problem",
    "bank_files",
    "default_sources",
    "load_all",
    "load_bank",
    "load_bank_bytes",
]
