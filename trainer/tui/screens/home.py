"""Home: start a quiz or an interview, review what is due, progress, the exam plan, banks; resume
an unfinished session."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.tui import flows
from trainer.tui.base import TrainerScreen
from trainer.tui.screens.confirm import ConfirmScreen
from trainer.tui.text import literal

TIP_PREFERENCE = "home_tip_dismissed"


def first_run_tip(data_dir: str) -> str:
    """What a first-time user needs to know before the first quiz (shown until dismissed)."""
    return (
        "New here? Tutor mode explains each answer at once; exam mode at the end. Review (r) "
        "brings back what spaced repetition says is due today. Your history and your own banks "
        f"(banks/*.yaml) live in {data_dir}. Press x to hide this tip."
    )


def _review_label(due: int) -> str:
    return f"Review ({due} due today)"


def _entry(label: str, key: str) -> str:
    """A menu line: the label, and its key at the right."""
    return f"{label:<30}{key:>8}"


class HomeScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("s", "menu('quiz')", "Start quiz"),
        Binding("i", "menu('interview')", "Interview"),
        Binding(
            "r", "menu('review')", "Review", tooltip="Review what is due today"
        ),  # the footer's word; help says more
        # In the menu, not the footer: the footer keeps Banks, Quit and Help within 60 columns.
        Binding("p", "menu('progress')", "Progress", show=False),
        Binding("e", "menu('plan')", "Exam plan", show=False),
        Binding("b", "menu('banks')", "Banks"),
        Binding("u", "resume", "Resume", show=False),
        Binding("d", "discard", "Discard unfinished", show=False),
        Binding("x", "dismiss_tip", "Hide tip", show=False),  # the tip itself says "Press x"
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
            yield OptionList(*self._menu(flows.due_count(self.trainer_app), self.trainer_app.quit_key), id="home-menu")
            # The tip and the banks take the room left, and scroll (a bar shows it) when it is not enough.
            with VerticalScroll(id="home-more"):
                if not self.trainer_app.store.get_preferences().get(TIP_PREFERENCE):
                    yield Static(literal(first_run_tip(str(self.trainer_app.store.path.parent))), id="first-run-tip")
                yield Static(self._banks_text(), id="home-banks")
        yield Footer()

    @staticmethod
    def _menu(due: int, quit_key: str) -> list[Option]:
        entries = [
            ("quiz", "Start a quiz", "s"),
            ("interview", "Mock interview", "i"),
            ("review", _review_label(due), "r"),
            ("progress", "Progress", "p"),
            ("plan", "Exam-date plan", "e"),
            ("banks", "Banks", "b"),
            ("help", "Help", "?"),
            ("quit", "Quit", quit_key),
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
        review = _entry(_review_label(flows.due_count(self.trainer_app)), "r")
        if menu.get_option("review").prompt != review:
            menu.replace_option_prompt("review", review)
        banner = self.query_one("#resume-banner", Static)
        text = self._resume_text()
        banner.display = text is not None
        banner.update(text or "")
        self.query_one("#home-banks", Static).update(self._banks_text())

    def _banks_text(self):
        catalog = self.trainer_app.catalog
        count = len(catalog.banks)
        lines = [f"{count} bank{'s' if count != 1 else ''}, {catalog.question_count} questions loaded"]
        lines += [f"  {b.title} ({len(b.questions)})" for b in catalog.banks]
        if catalog.failures:
            lines.append(f"  {len(catalog.failures)} invalid bank file(s): see Banks")
        return literal("\n".join(lines))

    def _resume_text(self) -> str | None:
        unfinished = self.trainer_app.store.unfinished_session()
        if unfinished is None:
            return None
        record, answered = unfinished.session, flows.answered_count(unfinished)
        started = datetime.fromtimestamp(record.started_at).strftime("%Y-%m-%d %H:%M")
        return (
            f"Unfinished {record.kind} from {started}: {answered} of {len(record.plan)} answered. "
            "Press u to resume or d to discard."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss_tip":
            return bool(self.query("#first-run-tip"))
        return True

    def action_dismiss_tip(self) -> None:
        """Hidden for good: the choice is a preference, so the tip never comes back."""
        if self.trainer_app.save("Preferences", lambda: self.trainer_app.store.set_preferences({TIP_PREFERENCE: True})):
            self.query("#first-run-tip").remove()
            self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_menu(event.option.id or "")

    def action_menu(self, choice: str) -> None:
        if choice == "help":
            self.trainer_app.action_help()
        elif choice == "quit":
            self.trainer_app.exit(0)
        else:
            flows.open_menu_choice(self.trainer_app, choice)

    def action_resume(self) -> None:
        unfinished = self.trainer_app.store.unfinished_session()
        if unfinished is not None:
            flows.resume(self.trainer_app, unfinished)

    def action_discard(self) -> None:
        unfinished = self.trainer_app.store.unfinished_session()
        if unfinished is None:
            return

        def decided(yes: bool | None) -> None:
            if yes:
                flows.discard(self.trainer_app, unfinished)
                self.refresh_state()

        self.trainer_app.push_screen(
            ConfirmScreen("Discard the unfinished session? Its answers stay in your history.", "Discard", "Keep"),
            decided,
        )
