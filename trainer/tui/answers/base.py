"""What every answer widget provides (``AnswerWidget``) and the choice list most types share."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from trainer.practice.quiz import ItemView
from trainer.practice.scoring import ItemOutcome, OptionVerdict, Score
from trainer.tui import glyphs
from trainer.tui.text import Hanging, literal

MAX_OPTIONS = 9  # keys 1-9
MARKERS = glyphs.VERDICT_MARKS  # ✓ ✗ →, or + x > where the terminal cannot show them


def option_prefix(number: int, marker: str = " ", box: str = "", bank_id: str | None = None, label: str = "") -> str:
    """What stands before an option's text: verdict marker, displayed number (or letter), choice
    box and, once feedback is shown, the option's id in the bank ("✗ 2. (•) (b) "), because
    explanations name options by those ids while the quiz shows them shuffled and numbered."""
    parts = [marker, f"{label or number}."]
    if box:
        parts.append(box)
    if bank_id is not None:
        parts.append(f"({bank_id})")
    return " ".join(parts) + " "


class AnswerWidget(Vertical):
    """The answer area of one question type on the quiz screen.

    The screen shows every registered widget class once and displays the one the current
    item's type names; it calls ``show`` on each redraw and listens for the messages below.
    Keys 1-9 go to the session through the screen (``QuizSession.choose``), so a widget of a
    choice type only draws; a widget with a text field posts what is typed.
    """

    class Changed(Message):
        """The candidate changed the typed answer (every keystroke): ``text`` as typed now."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Submitted(Message):
        """The candidate pressed Enter in the answer field: ``text`` as typed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Chosen(Message):
        """The candidate clicked option ``number`` (1-based, as displayed)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def show(self, view: ItemView, moved: bool) -> None:
        """Draw the item (``moved``: a different item than last time)."""

    def typed(self) -> str | None:
        """The text in the answer field, for types answered by typing (else None)."""
        return None

    def focus_field(self) -> bool:
        """Focus the answer field, if the type has one; False when it has none."""
        return False

    def preamble(self, view: ItemView) -> str:
        """Text shown above the stem (an EMQ's theme and lead-in); "" for none."""
        return ""

    def hint(self, view: ItemView) -> str:
        """What the keys do, while the item is open."""
        return "1-9 choose, Enter submits"

    @classmethod
    def answer_lines(cls, score: Score) -> list[str]:
        """What the feedback says after the verdict: the answer, and the candidate's when wrong."""
        lines = [f"Answer: {score.correct_answer}"]
        if score.given_answer is not None and not score.correct:
            lines.append(f"You answered: {score.given_answer}")
        return lines

    @classmethod
    def detail(cls, score: Score) -> RenderableType | None:
        """A renderable shown under the verdict (the ordering table); None for none."""
        return None

    @classmethod
    def review(cls, outcome: ItemOutcome) -> Iterable[Widget]:
        """The item's answer on the review screen, with verdicts."""
        yield from (_verdict_row(v) for v in outcome.score.options)


def _verdict_row(verdict: OptionVerdict, label: str = "") -> Static:
    prefix = option_prefix(verdict.number, MARKERS.get(verdict.verdict, " "), bank_id=verdict.option.id, label=label)
    row = Static(Hanging([(prefix, verdict.option.text)]), classes="option")
    if verdict.verdict:
        row.add_class(verdict.verdict)
    return row


class ChoiceAnswer(AnswerWidget):
    """Numbered options chosen with keys 1-9 (``single``, ``multiple``, ``ordering``)."""

    BOX_ON = "(•)"
    BOX_OFF = "( )"

    def compose(self) -> ComposeResult:
        with Vertical(id="options"):
            for n in range(1, MAX_OPTIONS + 1):
                yield Static("", id=f"option-{n}", classes="option")

    def box(self, selected: bool, place: int | None) -> str:
        on = self.BOX_ON if self.BOX_ON != "(•)" else f"({glyphs.current().chosen})"  # "(*)" without Unicode
        return on if selected else self.BOX_OFF

    def show(self, view: ItemView, moved: bool) -> None:
        verdicts = {v.number: v.verdict for v in view.feedback.score.options} if view.feedback else {}
        for n in range(1, MAX_OPTIONS + 1):
            slot = self.query_one(f"#option-{n}", Static)
            option = view.options[n - 1] if n <= len(view.options) else None
            slot.display = option is not None
            if option is None:
                continue
            marker = MARKERS.get(verdicts.get(n, ""), " ")
            bank_id = option.id if view.feedback else None
            slot.update(
                Hanging([(option_prefix(n, marker, self.box(option.selected, option.place), bank_id), option.text)])
            )
            slot.set_class(option.selected, "selected")
            for verdict in ("correct", "wrong", "missed"):
                slot.set_class(verdicts.get(n) == verdict, verdict)

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        ident = getattr(widget, "id", None) or ""
        if ident.startswith("option-"):
            self.post_message(self.Chosen(int(ident.removeprefix("option-"))))


def literal_lines(lines: Iterable[str]) -> RenderableType:
    return literal("\n".join(lines))
