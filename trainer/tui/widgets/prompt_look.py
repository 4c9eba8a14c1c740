"""One answered interview prompt drawn read-only: key points, the answer, delivery, follow-ups
(short ones pointed out), red flags, the model answer. The interview summary and past
sessions show prompts with this; every text in it is shown literally."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Markdown, Static

from trainer.durations import format_duration
from trainer.practice.delivery import SpokenDelivery, pace_text, rate_text
from trainer.practice.summary import PromptLook
from trainer.tui import glyphs
from trainer.tui.text import inert, literal, literal_content
from trainer.tui.widgets.countdown import format_seconds


def keypoint_lines(look: PromptLook) -> Content:
    """Each key point with its mark, the mark bold and in the theme's success or error text colour."""
    lines = []
    marks = glyphs.current()
    for number, verdict in enumerate(look.verdicts, start=1):
        mark = marks.correct if verdict.final else marks.wrong
        words = f" — matched: {', '.join(verdict.matched)}" if verdict.matched else ""
        note = " (your rating)" if verdict.override is not None else ""
        head = f"{number}. {mark}"
        line = literal_content(f"{head} {verdict.text}{words}{note}")
        lines.append(line.stylize("bold $text-success" if verdict.final else "bold $text-error", 0, len(head)))
    return Content("\n").join(lines)


def delivery_line(look: PromptLook) -> str:
    wpm = rate_text(look.words_per_minute)
    fillers = ", ".join(f"{word} ×{n}" for word, n in look.fillers.items()) or "none"
    return (
        f"{look.words} words · {wpm} words per minute · fillers: {fillers} · thought {format_duration(look.think_used)}"
        f" · answered in {format_duration(look.answer_used)} of {format_duration(look.answer_allowed)}"
        + (" (time ran out)" if look.timed_out else "")
    )


def spoken_line(spoken: SpokenDelivery) -> str:
    """The delivery figures measured from the recording, beside the typed-answer ones."""
    fillers = ", ".join(f"{word} ×{n}" for word, n in spoken.fillers.items()) or "none"
    return (
        f"Spoken: {pace_text(spoken)} · fillers: {fillers} · recording {format_duration(spoken.seconds_used)} of "
        f"{format_seconds(spoken.seconds_allowed)}"
    )


def probe_lines(look: PromptLook) -> str:
    parts = []
    for probe in look.probes:
        note = f"\n  {glyphs.current().warning} {probe.note}" if probe.note else ""
        parts.append(f"Follow-up {probe.index + 1}: {probe.probe}\nYou said: {probe.text or '(nothing)'}{note}")
    return "\n".join(parts)


class PromptLookView(Vertical):
    """The read-only feedback of one prompt."""

    def __init__(self, look: PromptLook, **kwargs) -> None:
        super().__init__(**kwargs)
        self.look = look

    def compose(self) -> ComposeResult:
        look = self.look
        yield Static(literal(look.prompt), classes="look-prompt")
        score = "–" if look.score is None else f"{look.score * 100:.0f}%"
        yield Static(f"Key points covered: {look.covered}/{look.total} ({score})", classes="look-verdict")
        yield Static(keypoint_lines(look), classes="look-keypoints")
        if look.red_flags:
            yield Static(
                literal("Red flags:\n" + "\n".join(f"{glyphs.current().flag} {flag}" for flag in look.red_flags)),
                classes="look-red-flags",
            )
        yield Static(literal(look.text) if look.text.strip() else "(no answer typed)", classes="look-answer")
        spoken = f"\n{spoken_line(look.spoken)}" if look.spoken is not None else ""
        yield Static(literal(delivery_line(look) + spoken), classes="look-metrics")
        if look.probes:
            yield Static(literal(probe_lines(look)), classes="look-probes")
        if look.model_answer:
            yield Markdown("**What a strong answer covers**\n\n" + inert(look.model_answer), open_links=False)
