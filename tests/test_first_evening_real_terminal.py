"""Issue 13 ("What a candidate hits in the first evening") in a real terminal: the real
``python -m trainer`` on a pseudo-terminal, real keys, and what the terminal would show,
then the store read back through ``pain-trainer history``.

The program's output is fed into a small screen model (cursor moves and text, no colours), so
assertions are on the screen as it is now, not on everything ever drawn. Keys are typed one
at a time, and a key that runs an action (Backspace, Tab, arrows) is given time to run before
the next: when several keys reach Textual (8.2) in one read, the action keys among them run
after the letters typed behind them ("20", Backspace, Backspace, "0" gives "2"), so a fast
typist on a busy machine can see the same.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import cli_env
from tests.test_end_to_end import TUI_BANK, Terminal
from trainer.durations import format_duration

ENTER, TAB, ESC, BACKSPACE, CTRL_S, CTRL_Q = "\r", "\t", "\x1b", "\x7f", "\x13", "\x11"
DOWN = "\x1b[B"
SEQUENCE = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -~]|[\r\n\b]|[^\x1b\r\n\b]+"
)
BOX = re.compile(r"[│▊▎╭╮╰╯─▔▁█▀▄]")


class Screen(Terminal):
    """``Terminal`` plus what a terminal of ``columns`` x ``lines`` shows now."""

    started: list[int] = []  # noqa: RUF012 - the programs this module started, ended after each test

    def __init__(self, args: list[str], data: Path, columns: int = 80, lines: int = 24):
        env = cli_env(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
        super().__init__([sys.executable, "-m", "trainer", *args, "--data-dir", str(data)], env)
        Screen.started.append(self.pid)
        self.columns, self.lines = columns, lines
        self.grid = [[" "] * columns for _ in range(lines)]
        self.row = self.col = self.fed = 0

    def _feed(self) -> None:
        text = self.output[self.fed :]
        cut = text.rfind("\x1b")
        if cut != -1 and not SEQUENCE.match(text, cut):
            text = text[:cut]  # an escape sequence still arriving: wait for the rest
        self.fed += len(text)
        for match in SEQUENCE.finditer(text):
            token, final = match.group(0), match.group(2)
            if final == "H":
                row, _, col = (match.group(1) or "1;1").partition(";")
                self.row, self.col = int(row or 1) - 1, int(col or 1) - 1
            elif final == "J" and match.group(1) in ("2", "3"):
                self.grid = [[" "] * self.columns for _ in range(self.lines)]
            elif token == "\r":
                self.col = 0
            elif token == "\n":
                self.row = min(self.row + 1, self.lines - 1)
            elif token[0] != "\x1b" and token != "\b":
                for char in token:
                    if 0 <= self.row < self.lines and 0 <= self.col < self.columns:
                        self.grid[self.row][self.col] = char
                    self.col += 1

    def rows(self) -> list[str]:
        self._feed()
        return ["".join(row).rstrip() for row in self.grid]

    def flowing(self) -> str:
        """The screen's words in order, box lines dropped, so wrapped sentences read whole."""
        return " ".join(BOX.sub(" ", "\n".join(self.rows())).split())

    def pump(self, seconds: float) -> None:
        try:
            self.read_until("\x00never", timeout=seconds)
        except AssertionError:
            pass

    def until(self, shown: str | Callable[[], bool], timeout: float = 15.0) -> None:
        """Read output until ``shown`` is on screen (as flowing text) or the predicate holds."""
        check = shown if callable(shown) else (lambda: shown in self.flowing())
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"never shown: {shown!r}; the screen:\n" + "\n".join(self.rows()))
            self.pump(0.1)

    def gone(self, text: str, timeout: float = 10.0) -> None:
        self.until(lambda: text not in self.flowing(), timeout)

    def type(self, *keys: str) -> None:
        """One key at a time; a key that runs an action (not a letter) gets time to run first."""
        for key in keys:
            self.send(key)
            self.pump(0.02 if key.isprintable() else 0.15)

    def quit(self) -> None:
        self.send(CTRL_Q)
        assert self.wait() == 0


@pytest.fixture(autouse=True)
def _no_program_left_running():
    """A test that fails half-way must not leave its program on the pty."""
    yield
    while Screen.started:
        pid = Screen.started.pop()
        try:
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except ChildProcessError:
            pass  # already reaped by Terminal.wait


def history(data: Path, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "history", *args, "--format", "json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def row_of(screen: Screen, text: str) -> int:
    return next(i for i, row in enumerate(screen.rows()) if text in row)


# --- 1. first run -------------------------------------------------------------------------


def test_the_first_run_tip_names_the_data_folder_x_hides_it_and_it_stays_hidden(tmp_path):
    data = tmp_path / "d"
    screen = Screen(["--bank", str(TUI_BANK)], data, columns=120, lines=40)
    screen.until("Press x to hide this tip.")
    tip = screen.flowing()
    assert "Tutor mode explains each answer at once; exam mode at the end" in tip
    assert f"live in {data}. Press x to hide this tip." in tip  # the data folder, whole
    screen.until(lambda: "? Help" in screen.rows()[-1])  # the tip names its key; the footer keeps Quit and Help
    screen.type("x")
    screen.gone("Press x to hide this tip.")
    assert "Hide tip" not in screen.rows()[-1] and "questions loaded" in screen.flowing()
    screen.quit()

    again = Screen(["--bank", str(TUI_BANK)], data, columns=120, lines=40)
    again.until("questions loaded")
    again.pump(0.5)
    assert "New here?" not in again.flowing() and "Hide tip" not in again.rows()[-1]
    again.quit()


# --- 2. quiz setup at 80x24 -----------------------------------------------------------------

COUNT_PROBLEM = "Number of questions: enter a whole number of at least 1"


def test_a_quiz_from_the_setup_screen_at_80x24_shows_a_problem_by_its_field_then_starts(tmp_path):
    data = tmp_path / "d"
    screen = Screen(["--bank", str(TUI_BANK)], data, columns=80, lines=24)
    screen.until("Press x to hide this tip.")
    screen.type("x", "s")  # hide the tip, open the setup
    screen.until("Categories (none ticked = all)")
    screen.type(TAB, TAB)  # banks, categories
    screen.type(*[DOWN] * 6, " ")  # tick "Pharmacology": the test bank's category only
    screen.until("▐✓▌ Pharmacology")
    screen.type(TAB, TAB, BACKSPACE, BACKSPACE, "0")  # the review choice, the count: "20" -> "0"
    screen.type(CTRL_S)
    screen.until(COUNT_PROBLEM)
    label, problem = row_of(screen, "Number of questions"), row_of(screen, COUNT_PROBLEM)
    assert row_of(screen, "▊  0 ") == label + 2 and problem == label + 4  # right under the field's box
    screen.type(BACKSPACE, "2")
    screen.gone(COUNT_PROBLEM)
    screen.type(CTRL_S)
    screen.until(lambda: re.search(r"1/2 .* tui · [sn]1 ", screen.rows()[1] + " "))
    shown = re.search(r"tui · ([sn]1)", screen.rows()[1]).group(1)
    screen.until("Enter submits")
    screen.type("1", ENTER)  # option 1, or 1 typed into the number field
    screen.until("Answer:")
    screen.quit()

    (session,) = history(data)["sessions"]
    assert session["kind"] == "quiz" and session["total"] == 2 and session["answered"] == 1
    first = history(data, "show", session["session_id"][:8])["items"][0]
    assert (first["bank_id"], first["question_id"]) == ("tui", shown) and first["result"] != "unanswered", first


# --- 3. tutor feedback and a note -------------------------------------------------------------


def test_tutor_feedback_names_each_option_by_its_bank_id_and_n_saves_a_note(tmp_path):
    data = tmp_path / "d"
    quiz = ["quiz", "--bank", str(TUI_BANK), "--category", "proc", "--count", "1", "--mode", "tutor", "--seed", "1"]
    screen = Screen(quiz, data, columns=120, lines=40)
    screen.until("Select the high-risk procedures.")
    screen.until("Enter submits")
    screen.type("1", "2", ENTER)  # one right, one wrong: the select-all question m1 is missed
    screen.until("Answer:")
    rows = [row.strip() for row in screen.rows()]
    for line in [
        "✓ 1. [x] (a) Spinal cord stimulator trial",
        "✗ 2. [x] (b) Trigger point injection",
        "→ 3. [ ] (c) Intrathecal pump implant",
    ]:  # right, wrong, missed: each with its bank id
        assert line in rows, rows
    screen.type("n")
    screen.until("Note a problem with")
    screen.until("Enter or Ctrl+S saves")
    note = "Key says b is low risk; cite ASRA"
    screen.type(*note, ENTER)
    screen.gone("Enter or Ctrl+S saves")
    screen.quit()

    (saved,) = history(data, "notes")["notes"]
    assert (saved["bank_id"], saved["question_id"], saved["text"]) == ("tui", "m1", note), saved


# --- 4. a mock interview ------------------------------------------------------------------------

ANSWER = "Patient stories drew me in because one patient walked again after years of pain. "
LIST = "Multidisciplinary, team, injection."


def test_an_interview_typed_during_think_time_is_judged_and_ends_on_the_summary(tmp_path):
    data = tmp_path / "d"
    screen = Screen(["interview", "--bank", str(TUI_BANK), "--format", "short"], data, columns=120, lines=40)
    screen.until("Why pain medicine?")
    screen.until("Start typing or press Enter to answer now")
    screen.type(*"Patient")  # during think time: starts the answer with these letters
    screen.until(lambda: "Submit answer" in screen.rows()[-1])
    screen.type(*ANSWER[len("Patient") :], *LIST)
    screen.until(LIST)
    screen.type(CTRL_S)
    screen.until("What is hardest about it?")  # the follow-up probe
    screen.type(*"Night calls", CTRL_S)
    screen.until("listed, not explained")
    screen.until("time used")  # the delivery line, drawn below the key points: the whole feedback is there
    shown = screen.flowing()
    assert "1. ✓ A patient story" in shown and "2. ✗ Team care" in shown and "3. ✗ Procedures" in shown, shown
    assert shown.count("listed, not explained") == 2, shown  # team care and procedures, both only listed
    feedback = shown
    screen.type(ENTER)
    screen.until("Interview finished")
    screen.quit()

    (session,) = history(data)["sessions"]
    assert session["kind"] == "interview" and session["status"] == "finished"
    (item,) = history(data, "show", session["session_id"][:8])["items"]
    assert item["response"] == ANSWER + LIST  # "Patient", typed while thinking, starts it
    assert [point["covered"] for point in item["interview"]["key_points"]] == [True, False, False]
    assert [probe["text"] for probe in item["interview"]["probes"]] == ["Night calls"]
    used = format_duration(item["interview"]["metrics"]["seconds_used"])  # rounded as the summary rounds it
    assert f"time used {used} of 1:00" in feedback, (item["interview"]["metrics"]["seconds_used"], feedback)


# --- 5, 6. a quiz ended early, then progress --------------------------------------------------


def test_an_early_ended_quiz_counts_no_unanswered_item_wrong_and_progress_opens_it(tmp_path):
    data = tmp_path / "d"
    quiz = ["quiz", "--bank", str(TUI_BANK), "--category", "proc", "--count", "1", "--mode", "tutor", "--seed", "1"]
    first = Screen(quiz, data, columns=120, lines=40)  # an older session, so progress has a choice
    first.until("Enter submits")
    first.type("1", "3", ENTER)  # m1 right
    first.until("Answer:")
    first.quit()

    quiz = ["quiz", "--bank", str(TUI_BANK), "--category", "pharm", "--count", "2", "--mode", "exam", "--seed", "5"]
    screen = Screen(quiz, data, columns=120, lines=40)
    screen.until("1/2")
    screen.until("Oxycodone 30 mg/day is how many MME/day?")  # seed 5: n1 first
    screen.until("Enter submits")
    screen.type("1", ENTER)  # 1 MME/day: answered, wrong
    screen.until("2/2")
    screen.type(ESC)
    screen.until("End the quiz now? Unanswered items count as unanswered, not wrong.")
    screen.type("y")
    screen.until("(not counted as wrong)")
    assert "Score 0%: 0 correct of 1 answered · unanswered 1 (not counted as wrong) · timed out 0" in screen.flowing()

    (latest, older) = history(data)["sessions"]
    assert (older["answered"], older["total"], older["score"]) == (1, 1, 1.0)
    assert (latest["answered"], latest["unanswered"], latest["total"], latest["correct"], latest["score"]) == (
        1,
        1,
        2,
        0,
        0.0,
    )
    assert latest["status"] == "finished"
    # each item's time reads the same on the results screen as in `history show`
    items = history(data, "show", latest["session_id"][:8])["items"]
    screen.until(lambda: re.search(r"^ *2 +unanswered .*Which", "\n".join(screen.rows()), re.M))  # the last row
    rows = "\n".join(screen.rows())
    for number, (result, stem), item in zip(
        (1, 2), [("missed", "Oxycodone"), ("unanswered", "Which")], items, strict=False
    ):
        shown_time = re.search(rf"^ *{number} +{result} +(\d+:\d\d) +{stem}", rows, re.M)
        assert shown_time, rows
        assert shown_time.group(1) == format_duration(item["time_spent"]), (shown_time.group(1), item["time_spent"])
    screen.type(ENTER)  # results -> the first item in review: the same time again
    screen.until(f"Item 1/2 (question 1) · time {format_duration(items[0]['time_spent'])}")
    screen.type(ESC)
    screen.until("(not counted as wrong)")

    screen.type(ESC)  # results -> home
    screen.until("Start a quiz")
    screen.type("p")
    screen.until("Past sessions (Enter opens one)")
    screen.until(lambda: re.search(r"quiz +exam .* 0% +1/2", screen.flowing()))
    progress = screen.flowing()
    screen.type(ENTER)  # the newest session, highlighted first
    screen.until("Enter opens an item. Stored verdicts are shown as they were given.")
    shown = screen.flowing()
    assert f"Session {latest['session_id']}" in shown, (progress, shown)
    assert "Quiz · exam · " in shown and "· 1/2 answered" in shown
    assert "Oxycodone 30 mg/day is how many MME/day?" in shown and "Which is first line?" in shown
    screen.quit()
