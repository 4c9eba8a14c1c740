"""The banks layer's question-type registry: each ``type`` tag names one module here.

A question type is one unit looked up by its tag, never an ``if`` chain: its module in this
package defines ``TYPE``, a ``BankType`` with the model class, how a validated question is
built, the checks the JSON Schema cannot express and (for a type that stands for several
items, like extended matching) how one bank entry becomes several questions. The practice
layer (``trainer.practice.qtypes``) and the tui (``trainer.tui.answers``) keep registries of
their own, keyed by the same tags; ``docs/architecture.md`` has the recipe.

``REGISTRY`` holds only the module names and what choosing and counting need (role, label),
so a start-up from the bank cache imports no question class. Modules load on first lookup.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.banks.qtypes.base import BankType

KNOWLEDGE = "knowledge"  # asked and scored in quizzes
INTERVIEW = "interview"  # open prompts of the mock interview, judged against key points


@dataclass(frozen=True, slots=True)
class TypeEntry:
    """Where a type lives, and what is known of it without importing it."""

    module: str  # defines ``TYPE: BankType``
    role: str  # KNOWLEDGE | INTERVIEW
    label: str  # short human name (table headers, help)


REGISTRY: dict[str, TypeEntry] = {
    "single": TypeEntry("trainer.banks.qtypes.single", KNOWLEDGE, "Single"),
    "multiple": TypeEntry("trainer.banks.qtypes.multiple", KNOWLEDGE, "Multiple"),
    "numeric": TypeEntry("trainer.banks.qtypes.numeric", KNOWLEDGE, "Numeric"),
    "ordering": TypeEntry("trainer.banks.qtypes.ordering", KNOWLEDGE, "Ordering"),
    "extended_matching": TypeEntry("trainer.banks.qtypes.extended_matching", KNOWLEDGE, "EMQ"),
    "open": TypeEntry("trainer.banks.qtypes.open", INTERVIEW, "Open"),
}


def tags() -> tuple[str, ...]:
    """Every registered type tag, in registry order."""
    return tuple(REGISTRY)


def knowledge_tags() -> tuple[str, ...]:
    """The tags a quiz asks (every type but the interview prompts)."""
    return tuple(tag for tag, entry in REGISTRY.items() if entry.role == KNOWLEDGE)


def interview_tags() -> tuple[str, ...]:
    """The tags of interview prompts."""
    return tuple(tag for tag, entry in REGISTRY.items() if entry.role == INTERVIEW)


def is_interview(tag: str) -> bool:
    """An interview prompt (judged against key points) rather than a scored knowledge item."""
    entry = REGISTRY.get(tag)
    return entry is not None and entry.role == INTERVIEW


def label(tag: str) -> str:
    entry = REGISTRY.get(tag)
    return entry.label if entry is not None else tag


_LOADED: dict[str, tuple[TypeEntry, BankType]] = {}  # tag -> (its entry when looked up, the unit)


def bank_type(tag: str) -> BankType:
    """The type's banks-layer unit (``KeyError`` for a tag nobody registered).

    Kept per tag once imported: loading a bank asks five times a question (10,000 questions:
    50,000 ``import_module`` calls, ~0.1 s). The entry is compared, so a replaced entry is
    imported again; ``register``/``unregister`` forget them all.
    """
    entry = REGISTRY[tag]
    known = _LOADED.get(tag)
    if known is not None and known[0] is entry:
        return known[1]
    found: BankType = importlib.import_module(entry.module).TYPE
    _LOADED[tag] = (entry, found)
    return found


def register(tag: str, entry: TypeEntry) -> None:
    """Add a type (a plug-in, or a test's toy type); its ``TYPE.schema`` joins the bank schema."""
    REGISTRY[tag] = entry
    _schema_changed()


def unregister(tag: str) -> None:
    REGISTRY.pop(tag, None)
    _schema_changed()


def _schema_changed() -> None:
    from trainer.banks import schema

    _LOADED.clear()
    schema.forget_compiled()
