"""The quiz: one item at a time, keyboard first, with a countdown and tutor-mode feedback.

The screen only draws ``QuizSession.view()`` and forwards key presses; every update's
records go straight to the history store through the app.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Markdown, Static

from trainer.practice.calibration import (
    CONFIDENCE_KEYS,
    CONFIDENCE_LEVELS,
    MISS_KEYS,
    MISS_REASONS,
    InvalidConfidence,
    confidence_from_text,
)
from trainer.practice.quiz import ItemView, QuizSession, QuizUpdate
from trainer.tui import flows, glyphs
from trainer.tui.answers import widget_classes
from trainer.tui.answers.base import MARKERS, MAX_OPTIONS, AnswerWidget, option_prefix
from trainer.tui.base import TrainerScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.text import inert, literal, references_visual
from trainer.tui.widgets.case import CaseVignette
from trainer.tui.widgets.countdown import Countdown

__all__ = [
    "MARKERS",
    "MAX_OPTIONS",
    "QuizScreen",
    "confidence_prompt",
    "miss_prompt",
    "option_prefix",
    "question_ref",
    "time_up_notice",
]
MOVE = Binding.Group("Move", compact=True)  # ← → share one footer entry: every key fits in 60 columns


def question_ref(question) -> Text:
    """Bank and question id, small and muted, so a candidate can say which item they mean."""
    return literal(f"{question.bank_id} · {question.id}")


def time_up_notice(update: QuizUpdate) -> str:
    """What the candidate is told when questions time out: which ones, and what was kept."""
    answers = {r.position: r.response for r in update.records if r.timed_out}
    lines = []
    for position in update.timed_out:
        kept = "your answer was recorded" if answers.get(position) is not None else "no answer was recorded"
        lines.append(f"Time is up for question {position + 1}: {kept}.")
    return "\n".join(lines)


def confidence_prompt() -> str:
    levels = " · ".join(
        f"{n} {name} ({CONFIDENCE_LEVELS[name]:.0%})" for n, name in enumerate(CONFIDENCE_KEYS, start=1)
    )
    return f"How sure are you?  {levels} · p: type a percentage · 0: rather not say"


def miss_prompt(reason: str | None) -> str:
    """The one-key tag under a wrong answer's feedback, with the reason chosen so far."""
    keys = " · ".join(f"{n} {MISS_REASONS[key]}" for n, key in enumerate(MISS_KEYS, start=1))
    tagged = f"  Tagged: {MISS_REASONS[reason]}." if reason else ""
    return f"Why was it missed?  {keys}{tagged}"


def stated(confidence: float | None) -> str:
    return "" if confidence is None else f"You said you were {confidence:.0%} sure."


class QuizScreen(TrainerScreen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", "Choose an option", show=False) for n in range(1, MAX_OPTIONS + 1)),
        # Short words in the footer (all keys fit in 60 columns); help and the palette say the tooltip.
        Binding("enter", "enter", "Submit", tooltip="Submit / next"),
        Binding("enter", "results", "Results"),
        Binding("left", "previous", "Previous", group=MOVE),
        Binding("right", "next", "Next", group=MOVE),
        Binding("f", "flag", "Flag"),
        Binding("n", "note", "Note a problem", show=False),
        Binding("p", "percent", "Type how sure (%)", show=False),
        Binding("0", "no_confidence", "Answer without saying how sure", show=False),
        Binding("s", "skip", "Skip"),
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
        Binding("escape", "end_early", "End", tooltip="End quiz"),
        Binding("escape", "results", "Results", show=False),
    ]

    # Actions that only make sense while the quiz runs, and those only once it is over: the
    # footer and help show whichever set applies (see check_action).
    _WHILE_RUNNING = frozenset({"choose", "enter", "flag", "skip", "end_early"})
    _WHEN_OVER = frozenset({"results"})

    AUTO_FOCUS = ""  # the screen focuses the answer field itself, when the type has one

    def __init__(self, session: QuizSession):
        super().__init__()
        self.session = session
        self._shown_position: int | None = None
        self._shown_finished = False
        # One answer widget per widget class the registry names; the current item's type picks one.
        classes = widget_classes()
        built = {cls: cls(classes="answer") for cls in dict.fromkeys(classes.values())}
        self._answers: dict[str, AnswerWidget] = {tag: built[cls] for tag, cls in classes.items()}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":  # digits: options, then "how sure?", then why a wrong answer was missed
            return not self.session.finished or self.session.view().can_tag_miss
        if action in ("percent", "no_confidence"):
            return self.session.view().asking_confidence
        if action in self._WHILE_RUNNING:
            return not self.session.finished
        if action in self._WHEN_OVER:
            return self.session.finished
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-status"):
            yield Static("", id="progress", classes="status-item")
            yield Static("", id="category", classes="status-item")
            yield Static("", id="difficulty", classes="status-item")
            yield Static("", id="flag-marker", classes="status-item")
            yield Static("", id="question-ref", classes="status-item")
            yield Countdown("", id="countdown")
        # The body never takes focus: its arrow-key bindings would hide the screen's from the
        # footer. PageUp/PageDown scroll it; the number field and answer area take focus when used.
        with VerticalScroll(id="quiz-body", can_focus=False):
            yield CaseVignette("", id="case-text")
            yield Static("", id="preamble")
            yield Static("", id="stem")
            yield from dict.fromkeys(self._answers.values())
            yield Static("", id="numeric-message")
            yield Static("", id="confidence-prompt")
            yield Input(placeholder="How sure, in percent (0-100), then Enter", id="confidence-input")
            with Vertical(id="feedback"):
                yield Static("", id="verdict")
                yield Static("", id="harm")
                yield Static("", id="verdict-detail")
                yield Markdown("", id="explanation", open_links=False)
                yield Static("", id="references", classes="references")
            yield Static("", id="miss-reason")
            yield Static("", id="quiz-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(self.trainer_app.tick_seconds, self.advance_timers)
        self.refresh_view()

    # --- drawing --------------------------------------------------------------------

    def refresh_view(self) -> None:
        view = self.session.view()
        question = view.question
        moved = view.position != self._shown_position
        self._shown_position = view.position
        if view.finished != self._shown_finished:
            self._shown_finished = view.finished
            self.refresh_bindings()
        bank = self.trainer_app.catalog.bank(question.bank_id)
        category = bank.category(question.category) if bank else None
        self.query_one("#progress", Static).update(f"{view.number}/{view.total}")
        self.query_one("#category", Static).update(literal(category.title if category else question.category))
        self.query_one("#difficulty", Static).update(f"Difficulty {question.difficulty}")
        self.query_one("#flag-marker", Static).update(f"{glyphs.current().flag} flagged" if view.flagged else "")
        self.query_one("#question-ref", Static).update(question_ref(question))
        self.query_one(Countdown).show(view.question_remaining, view.total_remaining, running=not view.locked)
        self.query_one(CaseVignette).show(question.case)
        answer = self.answer_widget(view)
        preamble = answer.preamble(view)
        self.query_one("#preamble", Static).display = bool(preamble)
        self.query_one("#preamble", Static).update(literal(preamble))
        self.query_one("#stem", Static).update(literal(question.stem))
        self._draw_answer(view, answer, moved)
        self._draw_confidence(view)
        self._draw_feedback(view, answer)
        self.query_one("#quiz-hint", Static).update(self._hint(view, answer))

    def answer_widget(self, view: ItemView | None = None) -> AnswerWidget:
        """The answer widget of the (current) item's type."""
        return self._answers[(view or self.session.view()).question.type]

    def _draw_answer(self, view: ItemView, answer: AnswerWidget, moved: bool) -> None:
        for widget in dict.fromkeys(self._answers.values()):
            widget.display = widget is answer
        answer.show(view, moved)
        if moved:
            self.query_one("#numeric-message", Static).update("")
        if answer.typed() is not None and not view.locked:
            if moved:
                answer.focus_field()
        else:
            self.set_focus(None)

    def _draw_confidence(self, view: ItemView) -> None:
        prompt = self.query_one("#confidence-prompt", Static)
        prompt.display = view.asking_confidence
        prompt.update(confidence_prompt() if view.asking_confidence else "")
        field = self.query_one("#confidence-input", Input)
        if not view.asking_confidence and field.display:
            field.display = False
            field.value = ""
        if view.asking_confidence and self.focused is not field:
            self.set_focus(None)  # keys 1-3 answer "how sure?", not the number field
        miss = self.query_one("#miss-reason", Static)
        miss.display = view.can_tag_miss
        miss.update(miss_prompt(view.miss_reason) if view.can_tag_miss else "")

    def _draw_feedback(self, view: ItemView, answer: AnswerWidget) -> None:
        box = self.query_one("#feedback")
        feedback = view.feedback
        appeared = feedback is not None and not box.display
        box.display = feedback is not None
        harm = self.query_one("#harm", Static)
        harm.display = feedback is not None and feedback.score.dangerous
        if feedback is None:
            return
        if appeared:  # just answered: in a short window the verdict starts below the fold
            self.call_after_refresh(box.scroll_visible, animate=False)
        correct = feedback.correct
        if correct is None:
            verdict = "Time ran out: unanswered" if feedback.timed_out else "Unanswered"
        else:
            verdict = "Correct" if correct else "Incorrect"
            if feedback.timed_out:
                verdict += " (time ran out; what you had entered was recorded)"
        if feedback.score.dangerous:
            verdict += ": a DANGEROUS error"
        lines = [verdict, *answer.answer_lines(feedback.score)]
        if view.confidence is not None:
            lines.append(stated(view.confidence))
        self.query_one("#verdict", Static).update(literal("\n".join(lines)))
        if feedback.score.dangerous:
            harm.update(literal("\n".join(("Why it is dangerous:", *feedback.score.harm))))
        detail = answer.detail(feedback.score)
        self.query_one("#verdict-detail", Static).display = detail is not None
        self.query_one("#verdict-detail", Static).update(detail if detail is not None else "")
        box.set_class(correct is True, "correct")
        box.set_class(correct is False, "wrong")
        box.set_class(feedback.score.dangerous, "dangerous")
        self.query_one("#explanation", Markdown).update(inert(feedback.explanation))
        self.query_one("#references", Static).update(references_visual(feedback.references))

    def _hint(self, view: ItemView, answer: AnswerWidget) -> str:
        if view.asking_confidence:
            return "1-3: how sure you are (then the answer is submitted) · p: type a percentage · 0: rather not say"
        if view.finished:
            tag = " 1-4: why a wrong answer was missed." if view.can_tag_miss else ""
            return f"Quiz over. ←/→ to review, Esc to see the results.{tag}"
        if view.timed_out:
            kept = "your answer then is recorded" if view.answered else "nothing was entered"
            return f"Time is up for this question: {kept}. Enter: next question"
        if view.locked:
            return "1-4: why it was missed · Enter: next question" if view.can_tag_miss else "Enter: next question"
        return answer.hint(view)

    # --- updates --------------------------------------------------------------------

    def apply(self, update: QuizUpdate) -> None:
        """Store the update's records at once, then show what it says."""
        for record in update.records:
            self.trainer_app.save_answer(record)
        if update.error:
            self.query_one("#numeric-message", Static).update(literal(update.error))
        elif update.records:
            self.query_one("#numeric-message", Static).update("")
        if update.timed_out:
            self.notify(time_up_notice(update), severity="warning", timeout=6)
        if update.results is not None:
            flows.show_results(self.trainer_app, self.session, update.results, replace=self)
            return
        self.refresh_view()

    def advance_timers(self) -> None:
        if self.session.finished:
            return
        update = self.session.tick()
        if update.records or update.timed_out or update.results:
            self.apply(update)
            return
        view = self.session.view()  # only time passed: redraw the clock, not the Markdown
        self.query_one(Countdown).show(view.question_remaining, view.total_remaining, running=not view.locked)

    # --- actions --------------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        """A digit: an option; while asked "how sure?", a confidence; under a miss, its reason."""
        view = self.session.view()
        if view.asking_confidence:
            if number <= len(CONFIDENCE_KEYS):
                self._state_confidence(CONFIDENCE_LEVELS[CONFIDENCE_KEYS[number - 1]])
        elif view.can_tag_miss:
            if number <= len(MISS_KEYS):
                self.apply(self.session.tag_miss(MISS_KEYS[number - 1]))
        elif not self.session.finished:
            self.apply(self.session.choose(number))

    def _state_confidence(self, confidence: float | None) -> None:
        update = self.session.state_confidence(confidence)
        self.apply(update)
        if not update.error and self.session.mode == "exam" and not self.session.finished:
            self._go_on()  # exam: Enter asked "how sure?"; now it goes on as Enter does

    def action_no_confidence(self) -> None:
        """Submit the answer without a confidence (calibration then leaves it out)."""
        self._state_confidence(None)

    def action_percent(self) -> None:
        """Type a percentage instead of the three levels."""
        field = self.query_one("#confidence-input", Input)
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "confidence-input":
            return
        event.stop()
        try:
            confidence = confidence_from_text(event.value)
        except InvalidConfidence as bad:
            self.query_one("#numeric-message", Static).update(literal(bad.message))
            return
        self._state_confidence(confidence)

    def action_enter(self) -> None:
        """Tutor: submit, then (second Enter) go on. Exam: record a typed number, go on."""
        session = self.session
        view = session.view()
        if view.asking_confidence:
            return  # waiting for 1-3 (or a percentage)
        text = self.answer_widget(view).typed()
        confidence_due = session.settings.ask_confidence and view.answered and view.confidence is None
        if not view.locked and (session.mode == "tutor" or text is not None or confidence_due):
            if text is not None:
                typed = session.enter_text(text)
                if typed.error:
                    self.apply(typed)
                    return
            update = session.submit()
            self.apply(update)
            if update.error or update.asking_confidence or session.finished or session.mode == "tutor":
                return  # tutor mode: stay to read the feedback
        self._go_on()

    def _go_on(self) -> None:
        view = self.session.view()
        if view.open_items == 0:
            self._confirm_finish()
        elif view.number < view.total:
            self.apply(self.session.next())
        else:
            self.apply(self.session.skip())  # back to the first item still open

    def on_answer_widget_submitted(self, event: AnswerWidget.Submitted) -> None:
        event.stop()
        self.action_enter()

    def on_answer_widget_changed(self, event: AnswerWidget.Changed) -> None:
        """Every keystroke reaches the session, so a time-out records what is typed right then."""
        event.stop()
        if not self.session.finished:
            update = self.session.enter_text(event.text)
            if update.records or update.timed_out or update.results:  # time ran out meanwhile
                self.apply(update)

    def on_answer_widget_chosen(self, event: AnswerWidget.Chosen) -> None:
        event.stop()
        self.action_choose(event.number)

    def action_previous(self) -> None:
        self._leave_numeric()
        self.apply(self.session.previous())

    def action_next(self) -> None:
        self._leave_numeric()
        self.apply(self.session.next())

    def action_skip(self) -> None:
        self._leave_numeric()
        self.apply(self.session.skip())

    def action_flag(self) -> None:
        if not self.session.finished:
            self.apply(self.session.toggle_flag())

    def action_note(self) -> None:
        """Note a problem with this item (outside a number field, where n is typed)."""
        view = self.session.view()
        q = view.question
        flows.note_item(self.trainer_app, q.bank_id, q.id, q.content_hash, self.session.session_id, view.position)

    def _leave_numeric(self) -> None:
        """Exam mode keeps a typed answer when the candidate moves on."""
        view = self.session.view()
        if not view.locked and self.session.mode == "exam" and view.unsaved:
            self.apply(self.session.submit())

    def _confirm_finish(self) -> None:
        def decided(yes: bool | None) -> None:
            if yes:
                self._leave_numeric()
                self.apply(self.session.finish())

        unanswered = self.session.view().open_items
        question = "Submit the quiz and see your results?"
        if unanswered:
            question = f"{unanswered} item(s) unanswered. Submit the quiz anyway?"
        self.trainer_app.push_screen(ConfirmScreen(question, "Submit", "Keep going"), decided)

    def action_results(self) -> None:
        flows.show_results(self.trainer_app, self.session, self.session.results, replace=self)

    def action_end_early(self) -> None:
        def decided(yes: bool | None) -> None:
            if yes:
                self._leave_numeric()
                self.apply(self.session.end_early())

        self.trainer_app.push_screen(
            ConfirmScreen(
                "End the quiz now? Unanswered items count as unanswered, not wrong.", "End quiz", "Keep going"
            ),
            decided,
        )

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#quiz-body")
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()
