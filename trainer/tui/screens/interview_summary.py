"""The end of a mock interview: coverage per prompt, time, delivery, red flags, short
follow-ups and what to work on next. Number keys reopen a prompt's feedback."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.durations import format_duration
from trainer.practice.delivery import pauses_text, rate_text
from trainer.practice.summary import InterviewSummary, PromptLook, SpokenTotals
from trainer.tui import glyphs
from trainer.tui.base import TrainerScreen
from trainer.tui.text import Cell, literal


def _pace(p: PromptLook) -> str:
    """Words per minute of one prompt: of the speaking time when it was spoken (marked so)."""
    if p.spoken is not None:
        return "–" if p.spoken.words_per_minute is None else f"{rate_text(p.spoken.words_per_minute)} spoken"
    return rate_text(p.words_per_minute)


def _spoken_line(spoken: SpokenTotals) -> str:
    answers = f"{spoken.answers} answer{'s' if spoken.answers != 1 else ''}"
    return (
        f"Spoken ({answers}): {rate_text(spoken.words_per_minute)} words per minute of speaking · "
        f"{pauses_text(spoken.pauses, spoken.longest_pause)}"
    )


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


class InterviewSummaryScreen(TrainerScreen[None]):
    CSS_PATH = ["practice.tcss", "lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "home", "Home"),
        Binding("escape", "home", "Home", show=False),
        *(Binding(str(n), f"open_prompt({n})", f"Prompt {n}'s feedback", show=False) for n in range(1, 10)),
    ]

    def __init__(self, summary: InterviewSummary):
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        yield Header()
        with VerticalScroll(id="summary-body", can_focus=False):
            ended = " (ended early)" if s.ended_by == "ended_early" else ""
            yield Static(
                f"Interview finished{ended}: {s.answered}/{s.planned} prompts answered · key points "
                f"{s.covered}/{s.total_points} · average {_percent(s.score)} · time {format_duration(s.time_used)}",
                id="summary-score",
            )
            yield Static("Per prompt (its number reopens the feedback)", classes="section-title")
            table: DataTable[Cell] = DataTable(id="summary-prompts", show_cursor=False, zebra_stripes=True)
            table.can_focus = False  # Enter and the number keys belong to the screen
            table.add_columns("#", "Prompt", "Covered", "Score", "Time", "Words/min", "Fillers", "Red flags")
            for p in s.prompts:
                table.add_row(
                    str(p.number),
                    literal(p.prompt[:60] + ("…" if len(p.prompt) > 60 else "")),
                    f"{p.covered}/{p.total}",
                    _percent(p.score),
                    format_duration(p.time_used),
                    _pace(p),
                    str(p.filler_count),
                    str(len(p.red_flags)),
                )
            yield table
            wpm = rate_text(s.words_per_minute)
            fillers = ", ".join(f"{w} ×{n}" for w, n in s.fillers.items()) or "none"
            yield Static(literal(f"Delivery: {wpm} words per minute · fillers: {fillers}"), id="summary-delivery")
            if s.spoken is not None:
                yield Static(literal(_spoken_line(s.spoken)), id="summary-spoken")
            if s.red_flags:
                yield Static("Red flags", classes="section-title error-title")
                yield Static(
                    literal("\n".join(f"{glyphs.current().flag} prompt {n}: {flag}" for n, flag in s.red_flags)),
                    id="summary-red-flags",
                    classes="summary-list",
                )
            if s.short_probes:
                yield Static("Follow-ups to answer more fully", classes="section-title")
                yield Static(
                    literal(
                        "\n".join(
                            f"prompt {n}, follow-up {probe.index + 1} ({probe.probe}): {probe.note}"
                            for n, probe in s.short_probes
                        )
                    ),
                    id="summary-probes",
                    classes="summary-list summary-warning",
                )
            yield Static("What to work on next", classes="section-title")
            missed = s.work_on_next
            yield Static(
                literal(
                    "\n".join(
                        f"{glyphs.current().bullet} {m.text} — missed in {m.times} prompt{'s' if m.times != 1 else ''} "
                        f"({', '.join(str(n) for n in m.prompts)})"
                        for m in missed
                    )
                )
                if missed
                else "Every key point covered. Well done.",
                id="summary-next",
                classes="summary-list",
            )
            yield Static("1-9 reopens a prompt's feedback · Enter or Esc: home. Every answer is saved.", classes="hint")
        yield Footer()

    def action_open_prompt(self, number: int) -> None:
        from trainer.tui.screens.prompt_look import PromptLookScreen

        look = next((p for p in self.summary.prompts if p.number == number), None)
        if look is not None:
            self.trainer_app.push_screen(PromptLookScreen(look, session_id=self.summary.session_id))

    def action_home(self) -> None:
        self.dismiss(None)
