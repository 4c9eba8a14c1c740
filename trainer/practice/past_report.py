"""A past session as a readable plain-text report (``pain-trainer history show``).

Pure: takes the ``PastSession`` view and returns lines; the command prints them. Bank and
answer text are printed as plain characters; the caller makes terminal-active ones inert.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from trainer.durations import format_duration
from trainer.practice.delivery import pace_text
from trainer.practice.past import PastItem, PastSession, response_text
from trainer.practice.summary import PromptLook


def _when(t: float | None) -> str:
    return "-" if t is None else datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M")


def report_lines(
    past: PastSession,
    attempts: Mapping[tuple[str, str], Sequence[Any]] | None = None,
    when: Callable[[float | None], str] = _when,
) -> list[str]:
    s = past.session
    lines = [
        f"Session {s.session_id}",
        f"{s.kind} · {s.mode} · started {when(s.started_at)} · {past.status}"
        + (f" {when(past.finished_at)}" if past.finished_at else ""),
        "Banks: " + ", ".join(f"{b} {v}" for b, v in s.banks.items()),
    ]
    answered = [i for i in past.items if i.answered]
    time_spent = sum(i.answer.time_spent for i in past.items if i.answer is not None)
    lines.append(f"{len(answered)}/{len(past.items)} answered · time on questions {format_duration(time_spent)}")
    if past.interview is not None and past.interview.prompts:
        iv = past.interview
        score = "-" if iv.score is None else f"{iv.score * 100:.0f}%"
        lines.append(f"Key points covered {iv.covered}/{iv.total_points} · average {score}")
        if iv.work_on_next:
            lines.append("Work on next: " + "; ".join(f"{m.text} (missed {m.times}×)" for m in iv.work_on_next))
    for item in past.items:
        lines.append("")
        lines.extend(_item_lines(item, attempts))
    return lines


def _item_lines(item: PastItem, attempts: Mapping[tuple[str, str], Sequence[Any]] | None) -> list[str]:
    a = item.answer
    time = "" if a is None else f" · {format_duration(a.time_spent)}"
    flag = " · flagged" if a is not None and a.flagged else ""
    lines = [f"{item.number}. [{item.bank_id}/{item.question_id}] {item.result}{time}{flag}"]
    if item.edited:
        lines.append("   (this question was edited since; its current version is shown)")
    lines.append(f"   {item.title}")
    if item.outcome is not None:
        outcome = item.outcome
        for verdict in outcome.score.options:
            marker = {"correct": "✓", "wrong": "✗", "missed": "→"}.get(verdict.verdict, " ")
            lines.append(f"   {marker} {verdict.number}. {verdict.option.text}")
        lines.append(f"   Right answer: {outcome.score.correct_answer}")
        lines.append(f"   Your answer: {response_text(item)}")
        lines.append("   Explanation: " + " ".join(outcome.explanation.split()))
        lines.extend(f"   Reference: {r.citation()}" for r in outcome.references)
    elif item.look is not None:
        lines.extend(_look_lines(item.look))
        earlier = list((attempts or {}).get((item.bank_id, item.question_id), ()))
        if len(earlier) > 1:
            lines.append("   Every answer to this prompt:")
            for t in earlier:
                text = " ".join(t.text.split())
                lines.append(f"     {_when(t.answered_at)}  {t.covered}/{t.total}  {text[:70]}")
    else:
        lines.append(f"   Your answer: {response_text(item)}")
    lines.extend(f"   Note: {n.text}" for n in item.notes)
    return lines


def _look_lines(look: PromptLook) -> list[str]:
    lines = [f"   Answer: {look.text or '(no answer typed)'}", f"   Key points covered {look.covered}/{look.total}:"]
    for verdict in look.verdicts:
        mark = "✓" if verdict.final else "✗"
        matched = f" (matched: {', '.join(verdict.matched)})" if verdict.matched else ""
        rating = " (your rating)" if verdict.override is not None else ""
        lines.append(f"     {mark} {verdict.text}{matched}{rating}")
    lines.extend(f"   Red flag: {flag}" for flag in look.red_flags)
    wpm = "-" if look.words_per_minute is None else f"{look.words_per_minute:.0f}"
    fillers = ", ".join(f"{w} ×{n}" for w, n in look.fillers.items()) or "none"
    lines.append(f"   {look.words} words · {wpm} words per minute · fillers: {fillers}")
    if look.spoken is not None:
        lines.append(f"   Spoken: {pace_text(look.spoken)}")
    for probe in look.probes:
        lines.append(f"   Follow-up: {probe.probe}")
        lines.append(f"     You said: {probe.text or '(nothing)'}" + (f" ({probe.note})" if probe.note else ""))
    if look.model_answer:
        lines.append("   Model answer: " + " ".join(look.model_answer.split()))
    return lines
