"""The shared clinical case shown above a question or prompt (hidden when there is none)."""

from __future__ import annotations

from textual.widgets import Static

from trainer.banks.model import Case
from trainer.tui.text import literal


class CaseVignette(Static):
    def show(self, case: Case | None) -> None:
        self.display = case is not None
        if case is not None:
            self.update(literal(f"{case.title}\n{case.text}"))
