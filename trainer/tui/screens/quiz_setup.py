"""Quiz setup: banks, categories, which questions (all or a review), count, mode, whether to
ask for confidence, time limits and seed; remembers the last choices. Each problem is shown under its own field, scrolled
into view, and goes away as soon as the field is fixed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, RadioSet, SelectionList, Static

from trainer.practice.quiz import DEFAULT_QUESTION_SECONDS, QuizSettings
from trainer.practice.selection import SelectionSpec
from trainer.tui import flows
from trainer.tui.text import literal
from trainer.tui.widgets.form import FieldErrors, NumberField, field_error
from trainer.tui.widgets.ticks import Choice, TickList

PREFERENCE_KEY = "quiz_setup"
REVIEW_CHOICES = (
    ("", "All questions"),
    ("missed", "Missed before"),
    ("flagged", "Flagged"),
    ("unseen", "Never seen"),
)
REVIEW_BY_BUTTON = {f"review-{mode or 'all'}": mode for mode, _ in REVIEW_CHOICES}


FIELDS = {
    field.input_id: field
    for field in (
        NumberField("setup-count", "Number of questions"),
        NumberField("setup-question-seconds", "Seconds per question", 5),
        NumberField("setup-total-seconds", "Seconds for the whole quiz", 5),
        NumberField("setup-seed", "Seed", 0),
    )
}


class QuizSetupScreen(FieldErrors):
    CSS_PATH = "practice.tcss"
    FIELDS = FIELDS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start quiz"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        prefs = self.trainer_app.store.get_preferences().get(PREFERENCE_KEY, {})
        banks = self.trainer_app.catalog.banks
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
            yield TickList(
                *((literal(f"{b.title} ({len(b.questions)})"), b.id, b.id in chosen_banks) for b in banks),
                id="setup-banks",
            )
            yield field_error("setup-banks-error")
            yield Label("Categories (none ticked = all)")
            yield TickList(
                *((literal(title), cid, cid in chosen_categories) for cid, title in categories.items()),
                id="setup-categories",
            )
            yield Label("Questions")
            review = prefs.get("review") or ""
            with RadioSet(id="setup-review"):
                for button_id, (mode, title) in zip(REVIEW_BY_BUTTON, REVIEW_CHOICES, strict=True):
                    yield Choice(title, value=mode == review, id=button_id)
            yield field_error("setup-review-error")
            yield Label("Number of questions")
            yield Input(str(prefs.get("count", flows.DEFAULT_QUIZ_COUNT)), id="setup-count")
            yield field_error("setup-count-error")
            yield Label("Mode")
            with RadioSet(id="setup-mode"):
                yield Choice(
                    "Tutor: feedback after each question", value=prefs.get("mode", "tutor") == "tutor", id="mode-tutor"
                )
                yield Choice("Exam: feedback at the end", value=prefs.get("mode") == "exam", id="mode-exam")
            yield Label("Confidence (for your calibration on the progress screen)")
            yield TickList(
                ("Ask how sure I am before each answer is revealed (keys 1-3)", "ask", bool(prefs.get("confidence"))),
                id="setup-confidence",
            )
            yield Label(f"Seconds per question (empty = untimed; {DEFAULT_QUESTION_SECONDS} is the board exam's pace)")
            # First quiz: the board exam's pace; afterwards whatever the candidate chose last.
            seconds = prefs.get("question_seconds", DEFAULT_QUESTION_SECONDS)
            yield Input(str(seconds or ""), id="setup-question-seconds")
            yield field_error("setup-question-seconds-error")
            yield Label("Seconds for the whole quiz (empty = no limit)")
            yield Input(str(_total_seconds(prefs) or ""), id="setup-total-seconds")
            yield field_error("setup-total-seconds-error")
            yield Label("Seed (empty = random; the same seed gives the same quiz)")
            yield Input("", id="setup-seed")
            yield field_error("setup-seed-error")
            yield Button("Start quiz (Ctrl+S)", id="setup-start", variant="primary")
        yield Footer()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        if event.selection_list.id == "setup-banks" and event.selection_list.selected:
            self.show_error("setup-banks-error", "")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "setup-review":
            self.show_error("setup-review-error", "")

    # --- starting -------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-start":
            self.action_start()

    def _values(self) -> dict[str, int | None] | None:
        """Every number field's value, or None after showing each problem by its field."""
        values, first_wrong = self.check_all()
        banks = self.query_one("#setup-banks", SelectionList)
        if not banks.selected:
            self.show_error("setup-banks-error", "Tick at least one bank")
            first_wrong = banks
        if first_wrong is not None:
            self.point_at(first_wrong)
            return None
        return values

    def _review(self) -> str:
        pressed = self.query_one("#setup-review", RadioSet).pressed_button
        return REVIEW_BY_BUTTON.get(pressed.id or "", "") if pressed else ""

    def action_start(self) -> None:
        values = self._values()
        if values is None:
            return
        review = self._review()
        review_filter = flows.review_filter(self.trainer_app, review)
        if review_filter is not None and review != "unseen" and not review_filter.keys:
            self.show_error("setup-review-error", f"Nothing {review} yet: choose another set of questions")
            self.point_at(self.query_one("#setup-review"))
            return
        bank_ids = list(self.query_one("#setup-banks", SelectionList).selected)
        categories = list(self.query_one("#setup-categories", SelectionList).selected)
        mode = "exam" if self.query_one("#mode-exam", Choice).value else "tutor"
        count, question_seconds, total_seconds, seed = values.values()
        count = count or flows.DEFAULT_QUIZ_COUNT
        confidence = bool(self.query_one("#setup-confidence", SelectionList).selected)
        choices = {
            "banks": bank_ids,
            "categories": categories,
            "review": review,
            "count": count,
            "mode": mode,
            "question_seconds": question_seconds,
            "total_seconds": total_seconds,
            "confidence": confidence,
        }
        self.trainer_app.save("Preferences", lambda: self.trainer_app.store.set_preferences({PREFERENCE_KEY: choices}))
        spec = SelectionSpec(categories=tuple(categories), count=count, seed=seed, review=review_filter)
        settings = QuizSettings(
            mode=mode, question_seconds=question_seconds, total_seconds=total_seconds, ask_confidence=confidence
        )
        self.trainer_app.pop_screen()
        flows.start_quiz(self.trainer_app, spec, settings, bank_ids=tuple(bank_ids))


def _total_seconds(prefs: dict) -> int | None:
    """The remembered whole-quiz limit in seconds (older versions remembered minutes)."""
    if "total_seconds" in prefs:
        return prefs["total_seconds"]
    minutes = prefs.get("total_minutes")
    return minutes * 60 if minutes else None
