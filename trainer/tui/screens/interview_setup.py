"""Interview setup: pick an interview format (or a quick round from any category)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.tui import flows
from trainer.tui.text import literal

QUICK = "__quick__"


class InterviewSetupScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup-body"):
            yield Static("Mock interview: choose a format and press Enter", classes="section-title")
            options = []
            for bank in self.app.catalog.banks:
                for fmt in bank.interview_formats:
                    probes = "with probes" if fmt.probes else "no probes"
                    text = (
                        f"{fmt.name}: {fmt.prompts} prompts, {fmt.think_seconds} s to think, "
                        f"{fmt.answer_seconds} s to answer, {probes}"
                    )
                    options.append(Option(literal(text), id=fmt.id))
            options.append(
                Option(f"Quick round: {flows.DEFAULT_INTERVIEW_COUNT} prompts from any category", id=QUICK)
            )
            yield OptionList(*options, id="interview-formats")
            yield Static(
                "Each prompt: think time, then answer time while you type; Ctrl+S submits early. "
                "Follow-up probes come next, then what a strong answer covers.",
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#interview-formats").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        self.app.pop_screen()
        if choice == QUICK:
            flows.start_interview(self.app)
        else:
            flows.start_interview(self.app, format_id=choice)
