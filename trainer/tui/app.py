"""The Textual application: owns the loaded banks, the history store and the clock.

Screens ask the practice layer what to show; the app is the one place that hands records
to the history store (``save_answer`` / ``save``), so "every answer is committed when it is given" is
enforced here, and a failed commit is told to the user instead of being lost silently.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding

from trainer.history.errors import HistoryError
from trainer.practice.clock import Clock, SystemClock
from trainer.tui import glyphs, themes
from trainer.tui.start import InterviewStart, QuizStart, StartRequest

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from trainer.banks import Catalog
    from trainer.history.records import AnswerRecord, DraftRecord, InterviewRecord
    from trainer.history.store import Store
    from trainer.speech.kit import SpeechKit

__all__ = ["InterviewStart", "QuizStart", "StartRequest", "TrainerApp"]


# In a browser tab the first key of each binding is one the browser passes to the page.
BROWSER_KEYS = {"quit": "f10,ctrl+q"}


class TrainerApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Pain Fellowship Trainer"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Browsers keep Ctrl+Q (and Ctrl+W/N/T) for themselves: F10 quits in a browser tab too.
        Binding("ctrl+q,f10", "quit", "Quit", priority=True, show=True, id="quit"),
        Binding("question_mark", "help", "Help", show=True),
        # "?" types a question mark in a text field; F1 opens help from anywhere. The footer shows
        # one key per action: "?" where it works, F1 while a text field takes "?".
        Binding("f1", "help", "Help", show=True, priority=True),
    ]

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        *,
        clock: Clock | None = None,
        wall: Callable[[], float] = time.time,
        start: StartRequest | None = None,
        notice: str | None = None,
        tick_seconds: float = 0.25,
        speech: SpeechKit | None = None,
    ) -> None:
        # Decided before Textual's own set-up, which picks the NO_COLOR filter for the theme it
        # starts with: an ANSI theme's colours must be reset to the defaults, not turned grey.
        self.sixteen_colours = themes.colour_system(os.environ) == "standard"
        glyphs.use_for(sys.__stderr__)  # Textual writes the screen to stderr: marks it can encode
        super().__init__(ansi_color=True if self.sixteen_colours else None)
        self.register_theme(themes.SIXTEEN_COLOURS)
        self._theme_shown = themes.starting_theme(
            store.get_preferences().get(themes.THEME_PREFERENCE), self.sixteen_colours, set(self.available_themes)
        )
        if self._theme_shown != self.theme:  # setting the theme re-applies all CSS (~10 ms at start-up)
            self.theme = self._theme_shown
        self.catalog = catalog
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.wall = wall
        self.start = start
        self.notice = notice
        self.tick_seconds = tick_seconds
        self.speech = speech  # spoken interview answers (--speech-model, --keep-audio); None: the defaults

    def get_default_screen(self) -> Screen[None]:
        """Home is the bottom screen: one screen to build and paint at start-up, not two."""
        from trainer.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not gc.isenabled():  # paused by the launcher while starting: see _collect_from_now_on
            self.call_after_refresh(self._collect_from_now_on)
        try:  # a terminal closed or `kill` must not leave the alternate screen behind
            import asyncio

            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        if self.is_web:  # served by `pain-trainer serve`: the footer shows the key that reaches the page
            self.update_keymap(BROWSER_KEYS)
        self.set_interval(5, self._retry_pending)  # answers kept while the history was busy or full
        if self.notice:
            # markup=False: the notice holds file paths, which may contain "[" (shown literally)
            self.notify(self.notice, title="History", severity="warning", timeout=10, markup=False)
        if self.start is not None:
            from trainer.tui import flows

            flows.open_start_request(self, self.start)

    @property
    def quit_key(self) -> str:
        """The quit key as the home menu writes it: F10 in a browser tab, which keeps Ctrl+Q."""
        return "F10" if self.is_web else "Ctrl+Q"

    @staticmethod
    def _collect_from_now_on() -> None:
        """Start-up made hundreds of thousands of long-lived objects (modules, Textual's classes,
        the banks' index, the first screen) and no garbage worth collecting. Freeze them out of
        every later collection (a full one cost ~60 ms at start-up, and would again on later
        screens), then collect as usual."""
        gc.freeze()
        gc.enable()

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with coloured text raised to WCAG AA contrast (themes.readable)."""
        return themes.readable(super().get_css_variables(), self.current_theme.dark)

    def get_key_display(self, binding) -> str:
        """Textual's key names (⏎, ←), in words where the terminal cannot show those."""
        return glyphs.key_display(super().get_key_display(binding))

    NARROW = 80  # columns below which the footer leaves out the command palette's key

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def _remember_theme(self, theme) -> None:
        """A theme chosen in the command palette is the one the next start opens in (the one
        the app started in is not written again)."""
        if theme.name == self._theme_shown:
            return
        self._theme_shown = theme.name
        chosen = themes.remembered_name(theme.name)
        self.save("Theme", lambda: self.store.set_preferences({themes.THEME_PREFERENCE: chosen}))

    # --- history write-through --------------------------------------------------------

    def save(self, action: str, call: Callable[[], object]) -> bool:
        """Run one store write; on failure tell the user this item was not saved."""
        try:
            call()
        except HistoryError as exc:
            reason = re.sub(r"^[\w ]+ not saved: ", "", str(exc))  # say "not saved" once
            self.notify(f"{action} not saved: {reason}", title="Not saved", severity="error", timeout=15, markup=False)
            return False
        return True

    def save_answer(self, answer: AnswerRecord, interview: InterviewRecord | None = None) -> bool:
        """Commit one answer (and its interview analysis) the moment it is given; one that
        cannot be committed now is kept by the store and retried (``_retry_pending``)."""
        try:
            self.store.save_answer(answer, interview)
        except HistoryError as exc:
            reason = re.sub(r"^[\w ]+ not saved: ", "", str(exc))
            self.notify(
                f"Answer not saved yet: {reason}; it is kept and saved as soon as the history can be written",
                title="Not saved yet",
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        return True

    def _retry_pending(self) -> None:
        if getattr(self.store, "pending_answers", 0) and (saved := self.store.retry_pending()):
            self.notify(f"{saved} kept answer{'s' if saved != 1 else ''} now saved", title="History", timeout=5)

    def save_draft(self, draft: DraftRecord) -> str | None:
        """Keep the answer being typed; the reason when that failed (no toast: drafts are saved
        every 2 s, and the screen's status line says it instead of repeating a notification)."""
        try:
            self.store.save_draft(draft)
        except HistoryError as exc:
            return re.sub(r"^[\w ]+ not saved: ", "", str(exc))
        return None

    # --- help -------------------------------------------------------------------------

    def keys_of(self, screen: Screen[object]) -> list[tuple[str, str, DOMNode, str | None]]:
        """(keys as people write them, description, owner, action) of a screen and the app.

        A binding's tooltip, when it has one, is its full description (the footer shows the
        short one). Only bindings that apply now (``check_action``) are listed, and one row per thing to
        do: bindings that share a description become one row ("1–9", "Ctrl+C / Super+C"),
        whose action is None when the keys do different things (choose option 1, 2...).
        """
        from textual.actions import parse

        from trainer.tui.screens.help import describe_keys

        rows: dict[tuple[int, str], tuple[list[str], DOMNode, list[str]]] = {}
        owners: tuple[DOMNode, ...] = (screen, self)
        for owner in owners:
            for key, bindings in owner._bindings.key_to_bindings.items():
                for binding in bindings:
                    if not binding.description or binding.action == "help":
                        continue
                    # The footer shows the short description; help and the palette the full one.
                    description = binding.tooltip or binding.description
                    destination, name, params = parse(binding.action)
                    target = self if destination == "app" else owner
                    if target.check_action(name, params) is False:
                        continue
                    keys, _, actions = rows.setdefault((id(owner), description), ([], owner, []))
                    if key not in keys:
                        keys.append(key)
                        actions.append(binding.action)
        found = []
        for (_, description), (keys, owner, actions) in rows.items():
            action = actions[0] if len(set(actions)) == 1 else None
            found.append((describe_keys(keys), description, owner, action))
        return found

    def action_help(self) -> None:
        """Show every binding of the current screen (even when a focused input shadows it)."""
        from trainer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys = [(key, description) for key, description, _, _ in self.keys_of(self.screen)]
        keys.append(("? / F1", "This help"))
        self.push_screen(HelpScreen(self.screen.__class__.__name__.removesuffix("Screen"), keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette offers every key of the current screen too."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of this screen (? or F1)", self.action_help)
        for key, description, owner, action in self.keys_of(screen):
            if owner is screen and action is not None:
                yield SystemCommand(description, f"Key: {key}", partial(screen.run_action, action))
