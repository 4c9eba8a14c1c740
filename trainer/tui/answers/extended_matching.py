"""``extended_matching``: the theme and lead-in above the stem, the lettered option list
(up to 15, more than keys 1-9 reach) and a field for the letter."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from trainer.practice.qtypes.extended_matching import letter
from trainer.practice.quiz import ItemView
from trainer.practice.scoring import ItemOutcome
from trainer.tui.answers.base import MARKERS, _verdict_row, option_prefix
from trainer.tui.answers.numeric import TypedAnswer
from trainer.tui.text import Hanging

MAX_MATCHING_OPTIONS = 15


class MatchingAnswer(TypedAnswer):
    FIELD_ID = "matching-input"
    PLACEHOLDER = "Letter"

    def compose(self) -> ComposeResult:
        with Vertical(id="matching-options"):
            for n in range(1, MAX_MATCHING_OPTIONS + 1):
                yield Static("", id=f"matching-option-{n}", classes="option")
        with Horizontal(classes="typed-row"):
            yield Static("Your answer:", classes="typed-label")
            yield Input(placeholder=self.PLACEHOLDER, id=self.FIELD_ID, classes="typed-input")
            yield Static("", classes="typed-unit")

    def show(self, view: ItemView, moved: bool) -> None:
        super().show(view, moved)
        verdicts = {v.number: v.verdict for v in view.feedback.score.options} if view.feedback else {}
        for n in range(1, MAX_MATCHING_OPTIONS + 1):
            slot = self.query_one(f"#matching-option-{n}", Static)
            option = view.options[n - 1] if n <= len(view.options) else None
            slot.display = option is not None
            if option is None:
                continue
            marker = MARKERS.get(verdicts.get(n, ""), " ")
            slot.update(Hanging([(option_prefix(n, marker, label=letter(n)), option.text)]))
            slot.set_class(option.selected, "selected")
            for verdict in ("correct", "wrong", "missed"):
                slot.set_class(verdicts.get(n) == verdict, verdict)

    def preamble(self, view: ItemView) -> str:
        theme = getattr(view.question, "theme", "")
        lead_in = getattr(view.question, "lead_in", "")
        return f"Theme: {theme}\n{lead_in}"

    def hint(self, view: ItemView) -> str:
        return f"Type the letter of the best option (A-{letter(len(view.options))}), Enter submits"

    @classmethod
    def review(cls, outcome: ItemOutcome) -> Iterable[Widget]:
        yield from (_verdict_row(v, label=letter(v.number)) for v in outcome.score.options)


WIDGET = MatchingAnswer
