"""Interview setup: an interview format (or a quick round), and optionally which categories,
how many prompts and how long to think and answer, as ``pain-trainer interview`` offers.
Remembers the last choices."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from trainer.banks.qtypes import is_interview
from trainer.tui import flows
from trainer.tui.text import literal
from trainer.tui.widgets.form import FieldErrors, NumberField, field_error
from trainer.tui.widgets.ticks import TickList

QUICK = "__quick__"
PREFERENCE_KEY = "interview_setup"

FIELDS = {
    field.input_id: field
    for field in (
        NumberField("interview-count", "Number of prompts"),
        NumberField("interview-think", "Seconds to think", 0),
        NumberField("interview-answer", "Seconds to answer"),
    )
}


class InterviewSetupScreen(FieldErrors):
    CSS_PATH = "practice.tcss"
    FIELDS = FIELDS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start interview"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        prefs = self.trainer_app.store.get_preferences().get(PREFERENCE_KEY, {})
        banks = self.trainer_app.catalog.banks
        yield Header()
        with VerticalScroll(id="setup-body"):
            yield Static("Mock interview: choose a format and press Enter", classes="section-title")
            options = []
            for bank in banks:
                for fmt in bank.interview_formats:
                    probes = "with probes" if fmt.probes else "no probes"
                    text = (
                        f"{fmt.name}: {fmt.prompts} prompts, {fmt.think_seconds} s to think, "
                        f"{fmt.answer_seconds} s to answer, {probes}"
                    )
                    options.append(Option(literal(text), id=fmt.id))
            options.append(Option(f"Quick round: {flows.DEFAULT_INTERVIEW_COUNT} prompts from any category", id=QUICK))
            yield OptionList(*options, id="interview-formats")
            yield Static(
                "Each prompt: think time, then answer time while you type; Ctrl+S submits early. "
                "Follow-up probes come next, then what a strong answer covers.",
                classes="hint",
            )
            yield Label("Categories (none ticked = the format's; a quick round: all)")
            chosen = set(prefs.get("categories") or [])
            yield TickList(
                *((literal(title), cid, cid in chosen) for cid, title in self._interview_categories().items()),
                id="interview-categories",
            )
            yield Label("Number of prompts (empty = the format's)")
            yield Input(str(prefs.get("count") or ""), id="interview-count")
            yield field_error("interview-count-error")
            yield Label("Seconds to think (empty = the format's or the prompt's)")
            yield Input(_text(prefs.get("think")), id="interview-think")
            yield field_error("interview-think-error")
            yield Label("Seconds to answer (empty = the format's or the prompt's)")
            yield Input(_text(prefs.get("answer")), id="interview-answer")
            yield field_error("interview-answer-error")
        yield Footer()

    def _interview_categories(self) -> dict[str, str]:
        """Categories that hold interview prompts, by id, with their titles."""
        found: dict[str, str] = {}
        for bank in self.trainer_app.catalog.banks:
            with_prompts = {q.category for q in bank.index if is_interview(q.type)}
            for category in bank.categories:
                if category.id in with_prompts:
                    found.setdefault(category.id, category.title)
        return found

    def on_mount(self) -> None:
        formats = self.query_one("#interview-formats", OptionList)
        remembered = self.trainer_app.store.get_preferences().get(PREFERENCE_KEY, {}).get("format")
        try:
            formats.highlighted = formats.get_option_index(remembered) if remembered else 0
        except OptionDoesNotExist:  # a format no longer loaded
            formats.highlighted = 0
        formats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._start(event.option.id or QUICK)

    def action_start(self) -> None:
        formats = self.query_one("#interview-formats", OptionList)
        highlighted = formats.highlighted_option
        self._start(highlighted.id if highlighted is not None and highlighted.id else QUICK)

    def _start(self, choice: str) -> None:
        values, first_wrong = self.check_all()
        if first_wrong is not None:
            self.point_at(first_wrong)
            return
        count, think, answer = values.values()
        categories = list(self.query_one("#interview-categories", TickList).selected)
        choices = {"format": choice, "categories": categories, "count": count, "think": think, "answer": answer}
        self.trainer_app.save("Preferences", lambda: self.trainer_app.store.set_preferences({PREFERENCE_KEY: choices}))
        self.trainer_app.pop_screen()
        flows.start_interview(
            self.trainer_app,
            format_id=None if choice == QUICK else choice,
            categories=tuple(categories),
            count=count,
            think=think,
            answer=answer,
        )


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
