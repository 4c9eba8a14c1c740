"""One finished item in full: the question, the right answer, the candidate's answer, the
time it took, the explanation (Markdown) and the references. ←/→ page through the items the
results screen listed (its filter)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from trainer.durations import format_duration
from trainer.history.errors import HistoryError
from trainer.practice.calibration import MISS_KEYS
from trainer.practice.scoring import ItemOutcome
from trainer.tui import flows, glyphs
from trainer.tui.answers import widget_class
from trainer.tui.base import TrainerScreen
from trainer.tui.screens.quiz import miss_prompt, question_ref
from trainer.tui.text import inert, literal, references_visual
from trainer.tui.widgets.case import CaseVignette


class ReviewItemScreen(TrainerScreen[None]):
    CSS_PATH = ["practice.tcss", "lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("left", "page(-1)", "Previous item"),
        Binding("right", "page(1)", "Next item"),
        Binding("n", "note", "Note a problem"),
        *(Binding(str(n), f"tag_miss({n})", "Why missed", show=False) for n in range(1, len(MISS_KEYS) + 1)),
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
    ]

    def __init__(self, item: ItemOutcome, items: Sequence[ItemOutcome] = (), session_id: str | None = None):
        super().__init__()
        self.items = tuple(items) or (item,)
        self.index = next((i for i, other in enumerate(self.items) if other is item), 0)
        self.session_id = session_id

    @property
    def item(self) -> ItemOutcome:
        return self.items[self.index]

    def compose(self) -> ComposeResult:
        item = self.item
        question = item.question
        score = item.score
        yield Header()
        with VerticalScroll(id="review-body", can_focus=False):
            yield Static(question_ref(question), id="question-ref")
            timing = f"time {format_duration(item.time_spent)}" + (" · timed out" if item.timed_out else "")
            flag = f" · {glyphs.current().flag} flagged" if item.flagged else ""
            yield Static(
                f"Item {self.index + 1}/{len(self.items)} (question {item.position + 1}) · {timing}{flag}",
                id="review-position",
                classes="hint",
            )
            vignette = CaseVignette("", id="case-text")
            vignette.show(question.case)
            yield vignette
            answer = widget_class(question.type)
            yield Static(literal(question.stem), id="stem")
            yield from answer.review(item)
            result = {True: "Correct", False: "Incorrect", None: "Unanswered"}[score.correct]
            given = score.given_answer if score.given_answer is not None else "(no answer)"
            lines = (
                [result]
                if score.sequence
                else [result, f"Right answer: {score.correct_answer}", f"Your answer: {given}"]
            )
            if score.answered and 0 < score.score < 1:
                lines.append(f"Partial credit: {score.score:.0%}")
            if score.dangerous:
                lines[0] += ": a DANGEROUS error"
                lines += ["Why it is dangerous:", *score.harm]
            yield Static(literal("\n".join(lines)), id="verdict")
            if self._can_tag():
                yield Static(miss_prompt(self._reason()), id="miss-reason")
            yield Markdown(inert(item.explanation), id="explanation", open_links=False)
            yield Static(references_visual(item.references), classes="references")
            notes = self.trainer_app.store.notes(item=question.key)
            if notes:
                yield Static(
                    literal("Your notes on this item\n" + "\n".join(f"✎ {n.text}" for n in notes)),
                    id="review-notes",
                    classes="review-notes",
                )
        yield Footer()

    def _can_tag(self) -> bool:
        return self.session_id is not None and self.item.score.correct is False

    def _reason(self) -> str | None:
        assert self.session_id is not None
        try:
            return self.trainer_app.store.miss_reason(self.session_id, self.item.position)
        except HistoryError:
            return None

    def action_tag_miss(self, number: int) -> None:
        """Why this wrong answer was missed (exam review): one key, stored on the answer."""
        if not self._can_tag():
            return
        assert self.session_id is not None
        session_id, position, reason = self.session_id, self.item.position, MISS_KEYS[number - 1]
        if self.trainer_app.save("Miss reason", lambda: self.trainer_app.store.tag_miss(session_id, position, reason)):
            self.refresh(recompose=True)

    def action_note(self) -> None:
        q = self.item.question
        flows.note_item(
            self.trainer_app,
            q.bank_id,
            q.id,
            q.content_hash,
            self.session_id,
            self.item.position,
            on_saved=lambda: self.refresh(recompose=True),
        )

    def action_page(self, step: int) -> None:
        index = self.index + step
        if 0 <= index < len(self.items):
            self.index = index
            self.refresh(recompose=True)
        else:
            self.notify("That was the " + ("first" if step < 0 else "last") + " item.", timeout=2)

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#review-body")
        body.scroll_page_down() if direction > 0 else body.scroll_page_up()
