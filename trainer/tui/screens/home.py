"""Home: start a quiz or an interview, review, progress, banks; resume an unfinished session."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.tui import flows
from trainer.tui.screens.confirm import ConfirmScreen


def _review_label(due: int) -> str:
    return f"Review missed ({due} due)"


def _entry(label: str, key: str) -> str:
    """A menu line: the label, and its key at the right."""
    return f"{label:<30}{key:>8}"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "menu('quiz')", "Start quiz"),
        Binding("i", "menu('interview')", "Interview"),
        Binding("r", "menu('review')", "Review missed"),
        Binding("p", "menu('progress')", "Progress"),
        Binding("b", "menu('banks')", "Banks"),
        Binding("u", "resume", "Resume", show=False),
        Binding("d", "discard", "Discard unfinished", show=False),
    ]

    AUTO_FOCUS = "#home-menu"

    def compose(self) -> ComposeResult:
        """The first frame already shows the counts, the due items and any unfinished session."""
        text = self._resume_text()
        banner = Static(text or "", id="resume-banner")
        banner.display = text is not None
        yield Header()
        with Vertical(id="home-body"):
            yield Static("Pain Fellowship Trainer", id="home-title")
            yield banner
            yield OptionList(*self._menu(flows.due_count(self.app)), id="home-menu")
            yield Static(self._banks_text(), id="home-banks")
        yield Footer()

    @staticmethod
    def _menu(due: int) -> list[Option]:
        entries = [
            ("quiz", "Start a quiz", "s"),
            ("interview", "Mock interview", "i"),
            ("review", _review_label(due), "r"),
            ("progress", "Progress", "p"),
            ("banks", "Banks", "b"),
            ("help", "Help", "?"),
            ("quit", "Quit", "Ctrl+Q"),
        ]
        return [Option(_entry(label, key), id=choice) for choice, label, key in entries]

    _counts_are_fresh = True  # compose has just read them

    def on_screen_resume(self) -> None:
        """Back from a quiz or a dialog: counts may have changed."""
        if not self._counts_are_fresh:
            self.refresh_state()
        self._counts_are_fresh = False

    def refresh_state(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        review = _entry(_review_label(flows.due_count(self.app)), "r")
        if menu.get_option("review").prompt != review:
            menu.replace_option_prompt("review", review)
        banner = self.query_one("#resume-banner", Static)
        text = self._resume_text()
        banner.display = text is not None
        banner.update(text or "")
        self.query_one("#home-banks", Static).update(self._banks_text())

    def _banks_text(self):
        from trainer.tui.text import literal

        catalog = self.app.catalog
        count = len(catalog.banks)
        lines = [f"{count} bank{'s' if count != 1 else ''}, {catalog.question_count} questions loaded"]
        lines += [f"  {b.title} ({len(b.questions)})" for b in catalog.banks]
        if catalog.failures:
            lines.append(f"  {len(catalog.failures)} invalid bank file(s): see Banks")
        return literal("\n".join(lines))

    def _resume_text(self) -> str | None:
        unfinished = self.app.store.unfinished_session()
        if unfinished is None:
            return None
        record, answered = unfinished.session, flows.answered_count(unfinished)
        started = datetime.fromtimestamp(record.started_at).strftime("%Y-%m-%d %H:%M")
        return (
            f"Unfinished {record.kind} from {started}: {answered} of {len(record.plan)} answered. "
            "Press u to resume or d to discard."
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_menu(event.option.id or "")

    def action_menu(self, choice: str) -> None:
        if choice == "help":
            self.app.action_help()
        elif choice == "quit":
            self.app.exit(0)
        else:
            flows.open_menu_choice(self.app, choice)

    def action_resume(self) -> None:
        unfinished = self.app.store.unfinished_session()
        if unfinished is not None:
            flows.resume(self.app, unfinished)

    def action_discard(self) -> None:
        unfinished = self.app.store.unfinished_session()
        if unfinished is None:
            return

        def decided(yes: bool | None) -> None:
            if yes:
                flows.discard(self.app, unfinished)
                self.refresh_state()

        self.app.push_screen(
            ConfirmScreen("Discard the unfinished session? Its answers stay in your history.", "Discard", "Keep"),
            decided,
        )
