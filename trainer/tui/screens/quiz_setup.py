"""Quiz setup: banks, categories, count, mode, time limits and seed; remembers the last choices."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, RadioSet, SelectionList, Static

from trainer.practice.quiz import DEFAULT_QUESTION_SECONDS, QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows
from trainer.tui.text import literal

PREFERENCE_KEY = "quiz_setup"


def _parse_optional_int(text: str, name: str, minimum: int = 1) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < minimum:
        raise ValueError(f"{name}: enter a whole number of at least {minimum}, or leave it empty")
    return int(text)


class QuizSetupScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start quiz"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        prefs = self.app.store.get_preferences().get(PREFERENCE_KEY, {})
        banks = self.app.catalog.banks
        chosen_banks = set(prefs.get("banks") or [b.id for b in banks])
        chosen_categories = set(prefs.get("categories") or [])
        categories: dict[str, str] = {}
        for bank in banks:
            for category in bank.categories:
                categories.setdefault(category.id, category.title)
        yield Header()
        with VerticalScroll(id="setup-body"):
            yield Static("New quiz", classes="section-title")
            yield Label("Banks")
            yield SelectionList[str](
                *((literal(f"{b.title} ({len(b.questions)})"), b.id, b.id in chosen_banks) for b in banks),
                id="setup-banks",
            )
            yield Label("Categories (none ticked = all)")
            yield SelectionList[str](
                *((literal(title), cid, cid in chosen_categories) for cid, title in categories.items()),
                id="setup-categories",
            )
            yield Label("Number of questions")
            yield Input(str(prefs.get("count", flows.DEFAULT_QUIZ_COUNT)), id="setup-count")
            yield Label("Mode")
            with RadioSet(id="setup-mode"):
                yield RadioButton(
                    "Tutor: feedback after each question", value=prefs.get("mode", "tutor") == "tutor", id="mode-tutor"
                )
                yield RadioButton("Exam: feedback at the end", value=prefs.get("mode") == "exam", id="mode-exam")
            yield Label(f"Seconds per question (empty = untimed; the board exam allows {DEFAULT_QUESTION_SECONDS})")
            # First quiz: the board exam's pace; afterwards whatever the candidate chose last.
            seconds = prefs["question_seconds"] if "question_seconds" in prefs else DEFAULT_QUESTION_SECONDS
            yield Input(str(seconds or ""), id="setup-question-seconds")
            yield Label("Total minutes (empty = no limit)")
            yield Input(str(prefs.get("total_minutes") or ""), id="setup-total-minutes")
            yield Label("Seed (empty = random; the same seed gives the same quiz)")
            yield Input("", id="setup-seed")
            yield Static("", id="setup-error")
            yield Button("Start quiz (Ctrl+S)", id="setup-start", variant="primary")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-start":
            self.action_start()

    def action_start(self) -> None:
        error = self.query_one("#setup-error", Static)
        try:
            count = _parse_optional_int(self.query_one("#setup-count", Input).value, "Number of questions")
            question_seconds = _parse_optional_int(
                self.query_one("#setup-question-seconds", Input).value, "Seconds per question", 5
            )
            total_minutes = _parse_optional_int(self.query_one("#setup-total-minutes", Input).value, "Total minutes")
            seed = _parse_optional_int(self.query_one("#setup-seed", Input).value, "Seed", 0)
        except ValueError as exc:
            error.update(str(exc))
            return
        bank_ids = list(self.query_one("#setup-banks", SelectionList).selected)
        if not bank_ids:
            error.update("Tick at least one bank")
            return
        categories = list(self.query_one("#setup-categories", SelectionList).selected)
        mode = "exam" if self.query_one("#mode-exam", RadioButton).value else "tutor"
        error.update("")
        choices = {
            "banks": bank_ids,
            "categories": categories,
            "count": count or flows.DEFAULT_QUIZ_COUNT,
            "mode": mode,
            "question_seconds": question_seconds,
            "total_minutes": total_minutes,
        }
        self.app.save("Preferences", lambda: self.app.store.set_preferences({PREFERENCE_KEY: choices}))
        spec = SelectionSpec(categories=tuple(categories), count=choices["count"], seed=seed)
        settings = QuizSettings(
            mode=mode,
            question_seconds=question_seconds,
            total_seconds=total_minutes * 60 if total_minutes else None,
        )
        self.app.pop_screen()
        flows.start_quiz(self.app, spec, settings, bank_ids=tuple(bank_ids))
