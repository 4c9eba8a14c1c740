"""Run an app until its first screen is painted, then exit: the start-up probe.

    python benchmarks/ready.py trainer [pain-trainer arguments...]
    python benchmarks/ready.py hello
    python benchmarks/ready.py widgets

``trainer`` goes through the real command line (``trainer.cli.main``: argument parsing,
bank loading, history open, the app) with one difference: the app class is swapped, when
the program first imports it, for a subclass that exits after the home screen's first
refresh. ``hello`` is a bare Textual
hello-world app with the same exit hook, the baseline. ``widgets`` is the same app
showing the home screen's widgets (header, menu, text, footer) with no data behind them:
it tells Textual's own cost of those widgets from the trainer's work. All are run by
``benchmarks.run`` in a pseudo-terminal, so Textual drives a real terminal.

When ``BENCH_READY_FD`` names an inherited file descriptor, one line is written to it at
the moment the screen is ready (``ready <screen class name>``), so the
parent can time "launch to ready" apart from tear-down. Nothing in ``trainer/`` is
changed; a hook such as ``PAIN_TRAINER_EXIT_WHEN_READY=1`` would make this file a
one-liner (see docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _report(app) -> None:
    """Tell the parent the first screen is painted, then exit the app."""
    fd = os.environ.get("BENCH_READY_FD")
    screen = type(app.screen).__name__
    if fd:
        os.write(int(fd), f"ready {screen}\n".encode())
    app.exit()


def _hello(widgets: bool = False) -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class HelloApp(App[None]):
        def compose(self) -> ComposeResult:
            if not widgets:
                yield Static("Hello, World!")
                return
            from textual.containers import Vertical
            from textual.widgets import Footer, Header, OptionList

            yield Header()
            with Vertical():
                yield Static("Pain Fellowship Trainer")
                yield OptionList(*(f"Menu entry {i}" for i in range(7)))
                yield Static("5 banks, 313 questions loaded")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(_report, self)

    HelloApp().run()
    return 0


def _trainer(argv: list[str]) -> int:
    from trainer.cli import main

    sys.meta_path.insert(0, _PatchWhenImported("trainer.tui.app", _swap_app_class))
    return main(argv)


def _swap_app_class(app_module) -> None:
    class ReadyTrainerApp(app_module.TrainerApp):
        # Textual resolves CSS_PATH next to the file of the class: keep the original's.
        CSS_PATH = str(Path(app_module.__file__).with_name(app_module.TrainerApp.CSS_PATH))

        # Textual calls every on_mount in the MRO (this one first), so TrainerApp.on_mount
        # still runs; the callback runs after the home screen's first refresh.
        def on_mount(self) -> None:
            self.call_after_refresh(_report, self)

    app_module.TrainerApp = ReadyTrainerApp  # launch() imports it by name at call time


class _PatchWhenImported:
    """Run ``patch(module)`` right after ``name`` is first imported, wherever the program
    imports it: the trainer keeps its own import order (command line first, Textual only
    once the app starts), as when it is run for real."""

    def __init__(self, name: str, patch):
        self.name, self.patch = name, patch

    def find_spec(self, name, path, target=None):
        if name != self.name:
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run_module, patch = spec.loader.exec_module, self.patch

        def exec_module(module) -> None:
            run_module(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


def main() -> int:
    which, argv = sys.argv[1], sys.argv[2:]
    if which in ("hello", "widgets"):
        return _hello(widgets=which == "widgets")
    if which == "trainer":
        return _trainer(argv)
    print(f"unknown app {which!r}: expected trainer, hello or widgets", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
