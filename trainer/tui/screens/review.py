"""One finished item in full: the question, the right answer, the candidate's answer, the
explanation (Markdown) and the references."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from trainer.practice.scoring import ItemOutcome
from trainer.tui.screens.quiz import MARKERS, option_prefix, question_ref
from trainer.tui.text import Hanging, inert, literal, references_visual
from trainer.tui.widgets.case import CaseVignette


class ReviewItemScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, item: ItemOutcome):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        question = item.question
        score = item.score
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(question_ref(question), id="question-ref")
            vignette = CaseVignette("", id="case-text")
            vignette.show(question.case)
            yield vignette
            yield Static(literal(question.stem), id="stem")
            for verdict in score.options:
                prefix = option_prefix(verdict.number, MARKERS.get(verdict.verdict, " "), bank_id=verdict.option.id)
                option = Static(Hanging([(prefix, verdict.option.text)]), classes="option")
                if verdict.verdict:
                    option.add_class(verdict.verdict)
                yield option
            result = {True: "Correct", False: "Incorrect", None: "Unanswered"}[score.correct]
            given = score.given_answer if score.given_answer is not None else "(no answer)"
            yield Static(
                literal(f"{result}\nRight answer: {score.correct_answer}\nYour answer: {given}"), id="verdict"
            )
            yield Markdown(inert(item.explanation), id="explanation", open_links=False)
            yield Static(references_visual(item.references), classes="references")
        yield Footer()
