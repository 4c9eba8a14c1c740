"""The mock interview: think countdown, answer countdown over a text area, probes, then
what a strong answer covers — red flags first, each key point with the sentence that earned
it (matched words highlighted in the answer) or what a strong answer would have said,
self-rating toggles, model answer.

Spoken answers (Ctrl+R, the speech extra): the answer phase records instead of taking typing,
the transcript comes back into the answer box to be corrected, and Ctrl+S then submits it to be
judged like a typed answer; the panel doing the recording is ``trainer.tui.widgets.spoken``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown, Static, TextArea

from trainer.durations import format_duration
from trainer.history.records import KeyPointVerdict
from trainer.practice.delivery import rate_text
from trainer.practice.drafts import DraftThrottle
from trainer.practice.interview import InterviewSession, InterviewUpdate, InterviewView, Phase, PromptFeedback
from trainer.practice.judge import STATUS_NOTES, FlagJudgement, flag_penalty
from trainer.practice.lexicon import warm as warm_judge
from trainer.practice.summary import probe_note
from trainer.tui import flows, glyphs
from trainer.tui.base import TrainerScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.screens.quiz import question_ref
from trainer.tui.text import inert, literal, literal_content
from trainer.tui.widgets.case import CaseVignette
from trainer.tui.widgets.countdown import Countdown, format_seconds
from trainer.tui.widgets.prompt_look import spoken_line
from trainer.tui.widgets.spoken import SpokenAnswer

if TYPE_CHECKING:
    from trainer.practice.delivery import SpokenDelivery
    from trainer.speech.kit import SpeechKit
    from trainer.tui.app import TrainerApp

PHASE_TITLES = {
    Phase.THINK: "Think",
    Phase.ANSWER: "Answer",
    Phase.PROBE: "Follow-up",
    Phase.FEEDBACK: "Feedback",
    Phase.FINISHED: "Interview finished",
}


def highlighted(text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """The answer with every matched keyword span styled (the text itself stays literal)."""
    shown = Text(inert(text))
    if len(shown.plain) == len(text):  # spans index the original text
        for start, end in spans:
            shown.stylize("bold reverse", start, end)
    return shown


def _quote(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    sentence = " ".join(text[span[0] : span[1]].split())
    return f"“{sentence[:157] + '…' if len(sentence) > 160 else sentence}”"


def red_flag_lines(text: str, flags: tuple[FlagJudgement, ...]) -> Content:
    """Each red flag raised: what was said, why it matters, and where the answer said it."""
    lines = []
    for flag in flags:
        title = "Cliché" if flag.kind == "cliche" else "Red flag"
        head = literal_content(f"{glyphs.current().warning} {title}: {flag.statement}").stylize("bold $text-error")
        lines.append(head)
        lines.append(literal_content(f"   {flag.why}"))
        said = _quote(text, flag.evidence.sentence)
        if said:
            lines.append(literal_content(f"   You said: {said}").stylize("$text-muted"))
    return Content("\n").join(lines)


def verdict_line(number: int, verdict: KeyPointVerdict, text: str) -> Content:
    """One key point: ✓ with the words (and synonym) and sentence that earned it, or ✗ with
    what a strong answer would have said and why the words found did not count."""
    mark = glyphs.current().correct if verdict.final else glyphs.current().wrong
    rating = " (your rating)" if verdict.override is not None else ""
    if verdict.covered:
        via = ""
        if len(verdict.via) == 2:
            synonym, keyword = verdict.via
            same = [synonym.casefold()] == [m.casefold() for m in verdict.matched]
            via = f" (for {keyword})" if same else f" (via {synonym}, for {keyword})"
        words = f" — matched: {', '.join(verdict.matched)}{via}" if verdict.matched else ""
        head = f"{number}. {mark} {verdict.text}{words}{rating}"
        detail = _quote(text, verdict.evidence)
    else:
        head = f"{number}. {mark} {verdict.text}{rating}"
        note = STATUS_NOTES.get(verdict.status, "")
        said = _quote(text, verdict.evidence)
        if note and said and verdict.status != "missed":
            detail = f"{note}: {said}"
        else:
            detail = "a strong answer would have said this" if verdict.status else ""
    mark_end = len(f"{number}. {mark}")
    # The mark is bold as well as coloured: without colour (NO_COLOR) it still stands out.
    line = literal_content(head).stylize("bold $text-success" if verdict.final else "bold $text-error", 0, mark_end)
    if detail:
        line = Content("\n").join([line, literal_content(f"     {detail}").stylize("$text-muted")])
    return line


def key_point_lines(feedback: PromptFeedback) -> Content:
    return Content("\n").join(verdict_line(n, v, feedback.text) for n, v in enumerate(feedback.verdicts, start=1))


class InterviewScreen(TrainerScreen[None]):
    CSS_PATH = ["practice.tcss", "spoken.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: while thinking the answer box has focus (typing starts the answer), and
        # Enter must still mean "answer now" rather than a new line.
        Binding("enter", "answer_now", "Answer now", priority=True),
        Binding("enter", "next_prompt", "Next prompt"),
        Binding("enter", "home", "Home"),
        Binding("ctrl+s", "submit", "Submit answer"),
        # Priority: the answer box has focus while thinking and answering.
        Binding(
            "ctrl+r", "toggle_spoken", "Speak", tooltip="Spoken answer: record, transcribe, then edit", priority=True
        ),
        *(Binding(str(n), f"toggle_point({n})", "Flip a key point's verdict", show=False) for n in range(1, 10)),
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
        # While thinking the answer box has focus but is empty: the page keys scroll the case.
        Binding("pageup", "scroll_while_thinking(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_while_thinking(1)", "Scroll down", show=False, priority=True),
        Binding("n", "note", "Note a problem (in the feedback)", show=False),
        Binding("escape", "end_early", "End interview"),
        Binding("escape", "home", "Home", show=False),
    ]

    # The phases in which each action applies; the footer and help show only those that do.
    ACTION_PHASES: ClassVar[dict[str, frozenset[Phase]]] = {
        "answer_now": frozenset({Phase.THINK}),
        "scroll_while_thinking": frozenset({Phase.THINK}),
        "next_prompt": frozenset({Phase.FEEDBACK}),
        "home": frozenset({Phase.FINISHED}),
        "submit": frozenset({Phase.ANSWER, Phase.PROBE}),
        "toggle_spoken": frozenset({Phase.THINK, Phase.ANSWER, Phase.PROBE}),
        "toggle_point": frozenset({Phase.FEEDBACK}),
        "end_early": frozenset({Phase.THINK, Phase.ANSWER, Phase.PROBE, Phase.FEEDBACK}),
    }

    AUTO_FOCUS = ""  # the screen focuses the number field or the answer area itself, when in use

    def __init__(self, session: InterviewSession):
        super().__init__()
        self.session = session
        self._shown: tuple | None = None
        self._drafts: DraftThrottle | None = None  # made at mount, with the app's clock
        self._spoken_mode = False  # Ctrl+R: answers are recorded, for the rest of the interview
        self._delivery: SpokenDelivery | None = None  # of the transcript now in the answer box

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phases = self.ACTION_PHASES.get(action)
        return phases is None or self.session.phase in phases

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-status"):
            yield Static("", id="progress", classes="status-item")
            yield Static("", id="interview-phase", classes="status-item")
            yield Static("", id="question-ref", classes="status-item")
            yield Static("", id="draft-status", classes="status-item")
            yield Countdown("", id="countdown")
        # The body never takes focus: its arrow-key bindings would hide the screen's from the
        # footer. PageUp/PageDown scroll it; the number field and answer area take focus when used.
        with VerticalScroll(id="interview-body", can_focus=False):
            yield CaseVignette("", id="case-text")
            yield Static("", id="prompt-text")
            yield Static("", id="interview-hint", classes="hint")
            self._panel = SpokenAnswer(id="spoken")
            yield self._panel
            yield TextArea("", id="answer-area", soft_wrap=True, show_line_numbers=False)
            with Vertical(id="feedback"):
                yield Static("", id="red-flags")
                yield Static("", id="verdict")
                yield Static("", id="keypoints")
                yield Static("", id="answer-highlighted")
                yield Static("", id="metrics")
                yield Static("", id="probe-answers")
                yield Markdown("", id="model-answer", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self._drafts = DraftThrottle(self.trainer_app.clock)
        self.set_interval(self.trainer_app.tick_seconds, self.advance_timers)
        self.refresh_view()
        # The judge's lemmatiser takes about a second to load: load it while the candidate thinks.
        self.run_worker(warm_judge, thread=True, exit_on_error=False, group="warm-judge")

    # --- drawing --------------------------------------------------------------------

    def refresh_view(self) -> None:
        view = self.session.view()
        phase = view.phase
        shown = (view.position, phase, view.probe_index)
        changed = shown != self._shown
        self._shown = shown
        self.query_one("#progress", Static).update(f"Prompt {view.number}/{view.total}")
        title = PHASE_TITLES[phase]
        if phase is Phase.PROBE and view.probe_index is not None:
            title = f"Follow-up {view.probe_index + 1}/{view.probe_count}"
        self.query_one("#interview-phase", Static).update(title)
        self.query_one("#question-ref", Static).update(question_ref(view.question))
        self.query_one(Countdown).show(view.remaining)
        self.query_one(CaseVignette).show(view.question.case)
        self.query_one("#prompt-text", Static).update(literal(view.prompt))
        area = self.query_one("#answer-area", TextArea)
        # While thinking the box already takes keys: the first one typed starts the answer.
        typing = phase in (Phase.THINK, Phase.ANSWER, Phase.PROBE)
        answering = phase in (Phase.ANSWER, Phase.PROBE)
        spoken = self.query_one(SpokenAnswer)
        area.display = typing
        area.read_only = not typing or spoken.busy
        if changed:
            self.refresh_bindings()
            self._delivery = None
            if area.text != view.text:  # typed while thinking, or a resumed draft: keep text and cursor
                area.text = view.text
                area.move_cursor(area.document.end)
            if phase is Phase.THINK:  # a new prompt: read it from the top; the box takes keys unseen
                area.focus(scroll_visible=False)
                self.query_one("#interview-body").scroll_home(animate=False)
            elif typing:
                area.focus()
            else:
                self.set_focus(None)
            self.query_one("#draft-status", Static).update("")
            if answering and self._drafts is not None and self._drafts.phase_started():
                self._save_draft()
            spoken.display = self._spoken_mode and typing
            if answering and self._spoken_mode and not area.text.strip():
                self._start_recording()
        self.query_one("#interview-hint", Static).update(self._hint(view))
        self._draw_feedback(view)

    def _hint(self, view: InterviewView) -> str:
        if self._spoken_mode and view.phase is Phase.THINK:
            return "Spoken answer: recording starts with the answer clock. Press Enter to answer now; Ctrl+R types."
        if view.phase in (Phase.ANSWER, Phase.PROBE) and (self._delivery is not None or self.session.held):
            return "Correct the transcript if needed (drug names are often misheard); Ctrl+S submits it to be judged."
        return {
            Phase.THINK: "Think about your answer. Start typing or press Enter to answer now.",
            Phase.ANSWER: "Type your answer. Ctrl+S submits; when time runs out what you typed is submitted.",
            Phase.PROBE: "Answer the follow-up. Ctrl+S submits.",
            Phase.FEEDBACK: "1-9 flips a key point's verdict if you disagree. Enter goes on.",
            Phase.FINISHED: "Enter or Esc returns home. Every answer is saved in your history.",
        }[view.phase]

    def _draw_feedback(self, view: InterviewView) -> None:
        box = self.query_one("#feedback")
        feedback = view.feedback
        box.display = feedback is not None and view.phase in (Phase.FEEDBACK, Phase.FINISHED)
        if feedback is None or not box.display:
            return
        flags = self.query_one("#red-flags", Static)
        flags.display = bool(feedback.flags)
        flags.update(red_flag_lines(feedback.text, feedback.flags))
        covered = sum(v.final for v in feedback.verdicts)
        penalty = flag_penalty(feedback.flags)
        self.query_one("#verdict", Static).update(
            f"Key points covered: {covered}/{len(feedback.verdicts)} ({feedback.score * 100:.0f}%)"
            + (f"  · red flags −{penalty * 100:.0f}" if penalty else "")
            + ("  · time ran out" if feedback.timed_out else "")
        )
        self.query_one("#keypoints", Static).update(key_point_lines(feedback))
        self.query_one("#answer-highlighted", Static).update(
            highlighted(feedback.text, feedback.spans) if feedback.text.strip() else "(no answer typed)"
        )
        metrics = feedback.metrics
        wpm = rate_text(metrics.words_per_minute)
        fillers = ", ".join(f"{word} ×{n}" for word, n in metrics.fillers.items()) or "none"
        self.query_one("#metrics", Static).update(
            literal(
                f"{metrics.words} words · {wpm} words per minute · longest sentence {metrics.longest_sentence_words} "
                f"words · fillers: {fillers} · time used {format_duration(metrics.seconds_used)} of "
                f"{format_seconds(metrics.seconds_allowed)}"
                + (f"\n{spoken_line(feedback.spoken)}" if feedback.spoken is not None else "")
            )
        )
        probes = Content("\n").join(
            Content("\n").join(
                [
                    literal_content(f"Follow-up: {p.probe}\nYou said: {p.text or '(nothing)'}"),
                    *(
                        [literal_content(f"  {glyphs.current().warning} {note}")]
                        if (note := probe_note(p.text))
                        else []
                    ),
                    *([red_flag_lines(p.text, p.flags)] if p.flags else []),
                    *(verdict_line(n, v, p.text) for n, v in enumerate(p.verdicts, start=1)),
                ]
            )
            for p in feedback.probes
        )
        self.query_one("#probe-answers", Static).update(probes)
        model = feedback.model_answer
        self.query_one("#model-answer", Markdown).update(
            "**What a strong answer covers**\n\n" + inert(model) if model else ""
        )

    # --- updates --------------------------------------------------------------------

    def apply(self, update: InterviewUpdate) -> None:
        for saved in update.saved:
            self.trainer_app.save_answer(saved.answer, saved.interview)
        if update.results is not None:
            flows.finish_interview(self.trainer_app, self.session)
            flows.show_interview_summary(self.trainer_app, update.results, replace=self)
            return
        self.refresh_view()

    def advance_timers(self) -> None:
        if self.session.phase is Phase.FINISHED:
            return
        spoken = self.query_one(SpokenAnswer)
        if spoken.recording:
            spoken.poll()
            remaining = self.session.view().remaining
            if remaining is not None and remaining <= 0:
                self._stop_recording(timed_out=True)
        self._apply_if_changed(self.session.tick())
        if self._drafts is not None and self._drafts.tick():
            self._save_draft()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        text, phase = event.text_area.text, self.session.phase
        # A keystroke while thinking starts the answer; emptying the box for a new prompt does not.
        if phase in (Phase.ANSWER, Phase.PROBE) or (phase is Phase.THINK and text):
            self._apply_if_changed(self.session.update_text(text))
            if self._drafts is not None and self._drafts.changed():
                self._save_draft()

    def on_unmount(self) -> None:
        """Quitting mid-answer (Ctrl+Q, a closed terminal) keeps the last words typed too."""
        self._panel.cancel()  # the microphone is released (the widgets are gone by now)
        if self._drafts is not None and self._drafts.unsaved():
            self._save_draft(show=False)  # the widgets are gone by now

    def _save_draft(self, show: bool = True) -> None:
        """Keep the answer being typed in the history (see trainer.practice.drafts)."""
        draft = self.session.draft()
        assert self._drafts is not None
        self._drafts.saved()
        if draft is None:
            return
        problem = self.trainer_app.save_draft(draft)
        if not show:
            return
        status = self.query_one("#draft-status", Static)
        if problem is not None:
            status.update(literal(f"draft not saved: {problem}"))
        elif draft.text.strip():
            words = len(draft.text.split())
            status.update(f"draft saved: {words} word{'s' if words != 1 else ''}")

    def _apply_if_changed(self, update: InterviewUpdate) -> None:
        """Ticks and keystrokes mostly change nothing but the clock: redraw just that then."""
        if update.saved or update.phase_changed or update.results:
            self.apply(update)
        else:
            self.query_one(Countdown).show(self.session.view().remaining)

    # --- actions --------------------------------------------------------------------

    def action_answer_now(self) -> None:
        self.apply(self.session.start_answering())

    def action_next_prompt(self) -> None:
        self.apply(self.session.next())

    def action_home(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        spoken = self.query_one(SpokenAnswer)
        if spoken.recording:
            self._stop_recording(timed_out=False)
        elif spoken.transcribing:
            self.notify("Still transcribing: the transcript comes into the answer box to check first.")
        elif self.session.phase in (Phase.ANSWER, Phase.PROBE):
            self.apply(self.session.submit(self.query_one("#answer-area", TextArea).text, spoken=self._delivery))

    # --- spoken answers -----------------------------------------------------------------

    def _speech(self) -> SpeechKit:
        app = cast("TrainerApp", self.app)
        if app.speech is None:  # an app made without the command line's options: the defaults
            from trainer.speech.kit import SpeechKit

            app.speech = SpeechKit()
        return app.speech

    def action_toggle_spoken(self) -> None:
        """Spoken mode on (checked first: the reason is shown when it cannot work here) or off."""
        spoken = self.query_one(SpokenAnswer)
        if spoken.busy:
            spoken.say("Recording or transcribing this answer: Ctrl+S stops the recording.")
            return
        if self._spoken_mode:
            self._spoken_mode = False
            spoken.say("Typed answers: type into the box. Ctrl+R speaks again.")
            self.refresh_view()
            return
        spoken.say("Checking the microphone and the speech model…")
        self._check_speech(self._speech())

    @work(thread=True, exclusive=True, group="speech-check", exit_on_error=False)
    def _check_speech(self, kit: SpeechKit) -> None:
        """The check imports faster-whisper and asks PortAudio for devices: a second, off the UI thread."""
        problem = kit.problem()
        self.app.call_from_thread(self._speech_checked, problem)

    def _speech_checked(self, problem: str | None) -> None:
        spoken = self.query_one(SpokenAnswer)
        if problem is not None:
            spoken.say(f"Spoken answer unavailable: {problem}")
            return
        if self.session.phase not in (Phase.THINK, Phase.ANSWER, Phase.PROBE) or spoken.busy:
            return  # the answer was submitted meanwhile
        self._spoken_mode = True
        spoken.say("Spoken answer: recording starts with the answer clock.")
        typed = self.query_one("#answer-area", TextArea).text.strip()
        if self.session.phase in (Phase.ANSWER, Phase.PROBE) and not typed:
            self._start_recording()
        self.refresh_view()

    def _start_recording(self) -> None:
        spoken = self.query_one(SpokenAnswer)
        if spoken.busy or self.session.held:
            return
        if spoken.record(self._speech()):
            self.query_one("#answer-area", TextArea).read_only = True
        else:
            self._spoken_mode = False

    def _stop_recording(self, timed_out: bool) -> None:
        """At the time limit or on Ctrl+S: stop the answer clock, transcribe the recording."""
        view = self.session.view()
        self.session.hold(timed_out)
        keep = self._speech().audio_path(self.session.session_id, view.position, view.probe_index)
        self.query_one(SpokenAnswer).stop(self._speech(), view.seconds_allowed or 0.0, keep)
        self.refresh_view()

    def on_spoken_answer_transcribed(self, message: SpokenAnswer.Transcribed) -> None:
        spoken = self.query_one(SpokenAnswer)
        spoken.finished()
        if self.session.phase not in (Phase.ANSWER, Phase.PROBE):
            return  # the interview was ended meanwhile
        area = self.query_one("#answer-area", TextArea)
        area.read_only = False
        area.text = message.text
        area.move_cursor(area.document.end)
        area.focus()
        self._delivery = message.delivery
        kept = f" Recording kept: {message.kept}" if message.kept else ""
        spoken.say(f"Transcript ready: correct it, then Ctrl+S submits it.{kept}")
        self.refresh_view()

    def on_spoken_answer_failed(self, message: SpokenAnswer.Failed) -> None:
        spoken = self.query_one(SpokenAnswer)
        spoken.finished()
        spoken.say(f"{message.reason}. Type your answer instead; Ctrl+S submits.")
        area = self.query_one("#answer-area", TextArea)
        area.read_only = self.session.phase not in (Phase.ANSWER, Phase.PROBE)
        area.focus()
        self.refresh_view()

    def action_toggle_point(self, number: int) -> None:
        view = self.session.view()
        if view.phase is not Phase.FEEDBACK or view.feedback is None or number > len(view.feedback.verdicts):
            return
        verdict = view.feedback.verdicts[number - 1]
        self.apply(self.session.override(view.position, number - 1, not verdict.final))

    def action_note(self) -> None:
        """In the feedback (the answer box types n): note a problem with this prompt."""
        view = self.session.view()
        if view.phase is not Phase.FEEDBACK:
            return
        q = view.question
        flows.note_item(self.trainer_app, q.bank_id, q.id, q.content_hash, self.session.session_id, view.position)

    def action_end_early(self) -> None:
        def decided(yes: bool | None) -> None:
            if yes:
                self.query_one(SpokenAnswer).cancel()
                self.apply(self.session.end_early())

        self.trainer_app.push_screen(
            ConfirmScreen("End the interview now? What you typed so far is saved.", "End interview", "Keep going"),
            decided,
        )

    def action_scroll_while_thinking(self, direction: int) -> None:
        self.action_scroll_body(direction)

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#interview-body")
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()
