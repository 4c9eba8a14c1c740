"""The exam-date plan: the target date, daily budget and desired retention (saved as
preferences), the cards due per day until then (a forecast plot), the new items a day that see
every item N times before the date, and a warning when the budget cannot cover the bank
(rules in ``trainer.study.plan``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Static
from textual_plotext import PlotextPlot

from trainer.study import prefs
from trainer.study.calendar import local_date
from trainer.study.plan import Plan, lead_days_for, make_plan
from trainer.tui.text import literal
from trainer.tui.widgets.form import FieldErrors, NumberField, field_error

FIELDS = {
    field.input_id: field
    for field in (
        NumberField("plan-budget", "Cards a day"),
        NumberField("plan-views", "Times to see each item"),
    )
}


def parse_retention(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        value = -1.0
    if not 0.7 <= value <= 0.99:
        raise ValueError("Desired retention: enter a number from 0.70 to 0.99 (0.90 is FSRS's default)")
    return value


def parse_date(text: str, today: date) -> date:
    try:
        chosen = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError("Exam date: enter a date as YYYY-MM-DD, e.g. 2027-03-15") from None
    if chosen <= today:
        raise ValueError(f"Exam date: choose a day after today ({today.isoformat()})")
    return chosen


class PlanScreen(FieldErrors):
    CSS_PATH = ["practice.tcss", "plan.tcss"]
    FIELDS = FIELDS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save plan"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        saved = self.trainer_app.store.get_preferences()
        exam = prefs.exam_date(saved)
        yield Header()
        with VerticalScroll(id="plan-body"):
            yield Static("Exam-date plan", classes="section-title")
            with Grid(id="plan-fields"):
                with Vertical(classes="plan-field"):
                    yield Label("Exam or interview date (YYYY-MM-DD)")
                    yield Input(exam.isoformat() if exam else "", placeholder="2027-03-15", id="plan-date")
                    yield field_error("plan-date-error")
                with Vertical(classes="plan-field"):
                    yield Label("Cards a day you mean to study")
                    yield Input(str(prefs.daily_budget(saved)), id="plan-budget")
                    yield field_error("plan-budget-error")
                with Vertical(classes="plan-field"):
                    yield Label("Times to see each item")
                    yield Input(str(prefs.min_views(saved)), id="plan-views")
                    yield field_error("plan-views-error")
                with Vertical(classes="plan-field"):
                    yield Label("Desired retention (0.70-0.99)")
                    yield Input(f"{prefs.retention(saved):.2f}", id="plan-retention")
                    yield field_error("plan-retention-error")
            yield Button("Save plan (Ctrl+S)", id="plan-save", variant="primary")
            yield Static("", id="plan-summary")
            warning = Static("", id="plan-warning")
            warning.display = False
            yield warning
            yield PlotextPlot(id="plan-forecast")
        yield Footer()

    def on_mount(self) -> None:
        if self.trainer_app.sixteen_colours:
            # textual-plotext's automatic theme reads the 16-colour theme's ANSI colours as black on
            # black; plotext's "clear" theme draws in the terminal's own colours instead.
            self.query_one(PlotextPlot).theme = "clear"
        self.query_one("#plan-date", Input).focus()
        self.show_plan()

    @property
    def today(self) -> date:
        return local_date(self.trainer_app.wall())

    def current_plan(self) -> Plan | None:
        """The plan for the saved preferences (None without an exam date)."""
        saved = self.trainer_app.store.get_preferences()
        exam = prefs.exam_date(saved)
        if exam is None:
            return None
        from trainer.banks.qtypes import is_interview
        from trainer.study.scheduling import FsrsScheduler, Settings, right_in_a_row

        catalog = self.trainer_app.catalog
        items = [q.key for b in catalog.banks for q in b.index if not is_interview(q.type)]
        loaded = catalog.content_hashes
        cards = [c for c in self.trainer_app.store.card_table() if (c["bank_id"], c["question_id"]) in loaded]
        views = {(c["bank_id"], c["question_id"]): c["reps"] for c in cards if not c["point"]}
        views_wanted = prefs.min_views(saved)
        scheduler = FsrsScheduler(Settings(desired_retention=prefs.retention(saved), fuzzing=False))
        lead = lead_days_for(views_wanted, right_in_a_row(scheduler, views_wanted))
        return make_plan(
            self.today,
            exam,
            prefs.daily_budget(saved),
            views_wanted,
            (local_date(c["due"]) for c in cards),
            views,
            items,
            lead_days=lead,
        )

    def show_plan(self) -> None:
        plan = self.current_plan()
        summary = self.query_one("#plan-summary", Static)
        warning = self.query_one("#plan-warning", Static)
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        if plan is None:
            summary.update("Set the date of your board exam or interview to see the days left.")
            warning.display = False
            plt.title("Cards due per day")
            plt.xlabel("no exam date yet")
            plot.refresh()
            return
        booked = sum(plan.forecast)
        summary.update(
            literal(
                f"{plan.days} day{'s' if plan.days != 1 else ''} left until {plan.exam.isoformat()} · "
                f"{plan.items} items in the loaded banks, {plan.unseen} never seen · "
                f"{booked} review{'s' if booked != 1 else ''} already due before the date\n"
                f"New items a day: {plan.new_per_day} (to see each item {plan.min_views} "
                f"time{'s' if plan.min_views != 1 else ''}) · about {plan.needed_per_day} "
                f"card{'s' if plan.needed_per_day != 1 else ''} a day needed · "
                f"budget {plan.budget} a day"
            )
        )
        warning.update(literal(plan.warning or ""))
        warning.display = plan.warning is not None
        plt.title("Cards due per day (already scheduled)")
        if plan.days:
            plt.bar(list(range(plan.days)), list(plan.forecast))
            ticks = [float(d) for d in sorted({0, plan.days // 2, plan.days - 1})]
            plt.xticks(ticks, [(plan.today + timedelta(days=int(d))).strftime("%m-%d") for d in ticks])
        plot.refresh()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "plan-save":
            self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        values, first_wrong = self.check_all()
        try:
            exam = parse_date(self.query_one("#plan-date", Input).value, self.today)
            self.show_error("plan-date-error", "")
        except ValueError as exc:
            self.show_error("plan-date-error", str(exc))
            first_wrong = first_wrong or self.query_one("#plan-date")
            exam = None
        try:
            retention = parse_retention(self.query_one("#plan-retention", Input).value)
            self.show_error("plan-retention-error", "")
        except ValueError as exc:
            self.show_error("plan-retention-error", str(exc))
            first_wrong = first_wrong or self.query_one("#plan-retention")
        if first_wrong is not None or exam is None:
            self.point_at(first_wrong or self.query_one("#plan-date"))
            return
        chosen = {
            prefs.EXAM_DATE: exam.isoformat(),
            prefs.DAILY_BUDGET: values["plan-budget"] or prefs.DEFAULT_BUDGET,
            prefs.MIN_VIEWS: values["plan-views"] or prefs.DEFAULT_MIN_VIEWS,
            prefs.RETENTION: retention,
        }
        if self.trainer_app.save("Plan", lambda: self.trainer_app.store.set_preferences(chosen)):
            self.show_plan()
            self.notify("Plan saved.", timeout=3)
