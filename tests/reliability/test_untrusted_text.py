"""Untrusted bank text is shown literally on every screen that shows it.

Every text field of a bank is filled with Rich/Textual markup (bold red, an ``@click``
action that would quit, a link), and -- in banks built directly as models, since the
loader rejects control characters -- ANSI/OSC escapes (clear screen, OSC 52 clipboard
write, OSC 0 title), a right-to-left override and a zero-width space. Each screen is then
driven with Pilot and what it would send to the terminal (the compositor's segments) is
checked:

* each field's text is there with its brackets, each markup snippet inside a single
  segment (so no style starts or ends inside it);
* no segment carries a link to the evil address or an ``@click`` action from bank text;
* no segment contains ESC, BEL or any other C0/C1 control character, nor U+202E or the
  zero-width space (they are shown as control pictures / ``<U+202E>`` or removed);
* clicking ``[@click=app.quit]`` does nothing.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input

from tests.tui.conftest import TUI_BANK, WALL, start_quiz
from trainer.banks import BankSource, Catalog, load_all, yamlsafe
from trainer.history.store import Store
from trainer.practice.clock import FakeClock
from trainer.tui import flows
from trainer.tui.app import StartRequest, TrainerApp
from trainer.tui.screens.banks import BanksScreen
from trainer.tui.screens.interview import InterviewScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.quiz import QuizScreen
from trainer.tui.screens.results import ResultsScreen
from trainer.tui.screens.review import ReviewItemScreen

BOLD, CLICK, LINK = "[bold red]BR[/]", "[@click=app.quit]CK[/]", "[link=https://evil.example]LK[/link]"
MARKUP = f"{BOLD} {CLICK} {LINK}"
ESCAPES = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]0;TITLE\x07\u202eRTL\u200bZW"
ESCAPES_SHOWN = "␛[2J␛]52;c;cHduZWQ=␇␛]0;TITLE␇<U+202E>RTLZW"  # what inert() makes of it
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
SIZE = (220, 80)


# --- poisoned banks ----------------------------------------------------------------------------


def _markup_yaml(tmp_path: Path) -> Path:
    """The TUI test bank with markup in every text field, written as YAML (loader path)."""
    data = yamlsafe.load(TUI_BANK.read_text()).data  # as the product parses it (YAML 1.2)

    def tag(value: str, name: str) -> str:
        return f"{name} {MARKUP}"

    data["title"] = tag(data["title"], "BANKTITLE")
    for c in data["categories"]:
        c["title"] = tag(c["title"], "CAT-" + c["id"])
    for c in data["cases"]:
        c["title"], c["text"] = tag(c["title"], "CASETITLE"), tag(c["text"], "CASETEXT")
    for f in data["interview_formats"]:
        f["name"], f["description"] = tag(f["name"], "FMTNAME"), "FMTDESC " + MARKUP
    for q in data["questions"]:
        qid = q["id"]
        for field in ("stem", "prompt", "explanation", "unit", "model_answer"):
            if field in q:
                q[field] = tag(q[field], f"{field.upper()}-{qid}")
        for o in q.get("options", ()):
            o["text"] = tag(o["text"], f"OPT-{qid}-{o['id']}")
        for r in q.get("references", ()):
            r["title"], r["source"], r["note"] = f"REFTITLE-{qid} {MARKUP}", f"REFSRC-{qid}", f"REFNOTE {MARKUP}"
        for i, k in enumerate(q.get("key_points", ())):
            k["text"] = f"KEYPOINT-{i} {MARKUP}"
        q["probes"] = [f"PROBE-{i} {MARKUP}" for i, _ in enumerate(q.get("probes", ()))] or q.get("probes", [])
        if not q["probes"]:
            del q["probes"]
    path = tmp_path / "markup.yaml"
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _with_escapes(bank):
    """The same bank as a model, each text field also carrying terminal escapes."""

    def esc(text: str | None) -> str | None:
        # at both ends: some places show only the first characters (e.g. plot labels)
        return None if text is None else f"{ESCAPES}{text} {ESCAPES}"

    def question(q):
        changes = {"explanation": esc(q.explanation)}
        if q.case is not None:
            changes["case"] = dataclasses.replace(q.case, title=esc(q.case.title), text=esc(q.case.text))
        changes["references"] = tuple(
            dataclasses.replace(r, title=esc(r.title), note=esc(r.note)) for r in q.references
        )
        if q.type == "open":
            changes["prompt"] = esc(q.prompt)
            changes["probes"] = tuple(dataclasses.replace(p, prompt=esc(p.prompt)) for p in q.probes)
            changes["key_points"] = tuple(dataclasses.replace(k, text=esc(k.text)) for k in q.key_points)
            changes["model_answer"] = esc(q.model_answer)
        else:
            changes["stem"] = esc(q.stem)
            if q.type == "numeric":
                changes["unit"] = esc(q.unit)
            else:
                changes["options"] = tuple(dataclasses.replace(o, text=esc(o.text)) for o in q.options)
        return dataclasses.replace(q, **changes)

    return dataclasses.replace(
        bank,
        title=esc(bank.title),
        categories=tuple(dataclasses.replace(c, title=esc(c.title)) for c in bank.categories),
        cases=tuple(dataclasses.replace(c, title=esc(c.title), text=esc(c.text)) for c in bank.cases),
        interview_formats=tuple(
            dataclasses.replace(f, name=esc(f.name), description=esc(f.description)) for f in bank.interview_formats
        ),
        questions=tuple(question(q) for q in bank.questions),
    )


def _invalid_bank(tmp_path: Path) -> Path:
    """A bank file whose name and whose problems carry markup."""
    bad = tmp_path / "[bold red]EVILFILE.yaml"  # no "/" in a file name: "[/]" cannot close it
    bad.write_text(TUI_BANK.read_text().replace("id: tui\n", "id: bad\n'[@click=app.quit]BADKEY[/]': 1\n"))
    return bad


@pytest.fixture(params=["markup-via-loader", "escapes-via-model"])
def catalog(request, tmp_path) -> Catalog:
    loaded = load_all([BankSource(_markup_yaml(tmp_path)), BankSource(_invalid_bank(tmp_path))])
    assert len(loaded.banks) == 1 and len(loaded.failures) == 1, loaded.problems
    if request.param == "markup-via-loader":
        return loaded
    ((path, problems),) = loaded.failures
    failures = ((path + ESCAPES, tuple(dataclasses.replace(p, message=p.message + ESCAPES) for p in problems)),)
    return dataclasses.replace(loaded, banks=(_with_escapes(loaded.banks[0]),), failures=failures)


@pytest.fixture
def app_for(tmp_path):
    stores = []

    def make(catalog: Catalog, start: StartRequest | None = None) -> TrainerApp:
        store = Store.open(tmp_path / f"data{len(stores)}")
        stores.append(store)
        return TrainerApp(catalog, store, clock=FakeClock(), wall=lambda: WALL, start=start, tick_seconds=3600)

    yield make
    for store in stores:
        store.close()


# --- what reaches the terminal -------------------------------------------------------------------


def _segments(app):
    return [segment for strip in app.screen._compositor.render_strips() for segment in strip]


def assert_inert(app, *fields: str, escapes: bool) -> str:
    """Check the current screen; return its text. ``fields``: tags that must be shown."""
    segments = _segments(app)
    lines = []
    for strip in app.screen._compositor.render_strips():
        lines.append("".join(s.text for s in strip))
    shown = "\n".join(lines)
    where = type(app.screen).__name__
    for segment in segments:
        found = FORBIDDEN.search(segment.text)
        assert found is None, f"{where}: {found.group()!r} would reach the terminal in {segment.text!r}"
        style = segment.style
        if style is not None:
            assert not (style.link and "evil" in style.link), f"{where}: bank text became a link: {segment!r}"
            click = (style.meta or {}).get("@click")
            assert not (click and "quit" in str(click) and "CK" in segment.text), f"{where}: bank text is clickable"
    for snippet in (BOLD, CLICK, LINK):  # each snippet unbroken: no style begins or ends inside it
        assert any(snippet in s.text for s in segments), f"{where}: {snippet!r} not shown literally:\n{shown}"
    for field in fields:
        assert field in shown, f"{where}: field {field!r} not shown:\n{shown}"
    if escapes:
        assert ESCAPES_SHOWN in shown, f"{where}: escapes not shown as control pictures:\n{shown}"
        # and nowhere interpreted (an ANSI decoder would eat the ESC and leave the rest)
        for rest, whole in (("52;c;cHduZWQ=", "␛]52;c;cHduZWQ="), ("0;TITLE", "␛]0;TITLE")):
            assert shown.count(rest) == shown.count(whole), f"{where}: an escape was interpreted:\n{shown}"
    screenshot = app.export_screenshot()
    assert "\x1b" not in screenshot and "\x07" not in screenshot and "\u202e" not in screenshot
    return shown


def _escapes(catalog: Catalog) -> bool:
    return "\x1b" in catalog.banks[0].title


# --- screens -------------------------------------------------------------------------------------


async def test_quiz_results_and_review_show_bank_text_literally(app_for, catalog):
    escapes = _escapes(catalog)
    app = app_for(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await start_quiz(pilot, "t-single")  # case, category, stem, options
        assert_inert(app, "CAT-pharm", "CASETITLE", "CASETEXT", "STEM-s1", "OPT-s1-a", "OPT-s1-c", escapes=escapes)
        await pilot.press("2", "enter")  # wrong: feedback with explanation (Markdown) and references
        await pilot.pause()
        assert_inert(app, "EXPLANATION-s1", "REFTITLE-s1", "REFNOTE", escapes=escapes)
        # The verdict's own lines: reading text wraps at 100 columns, so the screen splits the long answer.
        verdict = str(app.screen.query_one("#verdict").render())
        assert "OPT-s1-a " + MARKUP in verdict.split("Answer: 1. ", 1)[1]
        await pilot.press("enter", "y")  # finish: results list the missed stem
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert_inert(app, "CAT-pharm", "STEM-s1", escapes=escapes)
        await pilot.press("enter")  # the missed item in review
        await pilot.pause()
        assert isinstance(app.screen, ReviewItemScreen)
        assert_inert(app, "CASETEXT", "STEM-s1", "OPT-s1-b", "EXPLANATION-s1", "REFTITLE-s1", escapes=escapes)

        await pilot.press("escape", "escape")
        await pilot.pause()
        await start_quiz(pilot, "t-numeric")  # the unit
        assert_inert(app, "STEM-n1", "UNIT-n1", escapes=escapes)
        app.screen.query_one("#numeric-input", Input).value = "45"
        await pilot.press("enter")
        await pilot.pause()
        assert_inert(app, "EXPLANATION-n1", "REFTITLE-n1", escapes=escapes)


async def test_interview_shows_prompt_probes_key_points_and_model_answer_literally(app_for, catalog):
    escapes = _escapes(catalog)
    app = app_for(catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert flows.start_interview(app, format_id="short")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert_inert(app, "PROMPT-o1", escapes=escapes)
        await pilot.press("enter")
        await pilot.press(*"a patient and the team")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_inert(app, "PROBE-0", escapes=escapes)  # the follow-up replaces the prompt
        await pilot.press(*"nights", "ctrl+s")
        await pilot.pause()
        assert_inert(app, "KEYPOINT-0", "KEYPOINT-2", "PROBE-0", "MODEL_ANSWER-o1", escapes=escapes)
        probes = str(app.screen.query_one("#probe-answers").render())  # its own lines: the screen wraps at 100
        assert "PROBE-0 " + MARKUP in probes.split("Follow-up: ", 1)[1]
        await pilot.press("enter")  # the summary: the prompt in its table, missed key points
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewSummaryScreen"
        assert_inert(app, "PROMPT-o1", escapes=escapes)
        await pilot.press("1")  # the prompt's feedback re-read
        await pilot.pause()
        assert_inert(app, "PROMPT-o1", "KEYPOINT-0", "PROBE-0", "MODEL_ANSWER-o1", escapes=escapes)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # the interview as a past session
        await pilot.pause()
        assert type(app.screen).__name__ == "PastSessionScreen"
        assert_inert(app, "PROMPT-o1", escapes=escapes)


async def test_banks_progress_home_and_setup_screens_show_bank_text_literally(app_for, catalog):
    escapes = _escapes(catalog)
    app = app_for(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_inert(app, "BANKTITLE", escapes=escapes)  # home lists the banks
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BanksScreen)
        shown = assert_inert(app, "BANKTITLE", "CAT-talk", "EVILFILE", "BADKEY", escapes=escapes)
        assert "[bold red]EVILFILE.yaml" in shown and "unknown field '[@click=app.quit]BADKEY[/]'" in shown
        await pilot.press("escape")
        # answer one item so the progress screen has categories and sessions to list
        await start_quiz(pilot, "t-single")
        await pilot.press("1", "enter", "enter", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert_inert(app, "CAT-pharm", escapes=escapes)
        await pilot.press("escape")
        await pilot.press("s")  # quiz setup: bank and category titles
        await pilot.pause()
        assert_inert(app, "BANKTITLE", "CAT-proc", escapes=escapes)
        await pilot.press("escape")
        await pilot.press("i")  # interview setup: format names and descriptions
        await pilot.pause()
        assert_inert(app, "FMTNAME", escapes=escapes)


async def test_clicking_an_at_click_action_in_bank_text_does_nothing(app_for, tmp_path):
    catalog = load_all([BankSource(_markup_yaml(tmp_path))])
    app = app_for(catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_quiz(pilot, "t-single")
        for selector in ("#stem", "#option-1", "#case-text", "#category"):
            widget = screen.query_one(selector)
            text = str(widget.render())
            column = text.splitlines()[-1].index("CK") if "CK" in text.splitlines()[-1] else text.index("CK")
            row = len(text[: text.index("CK")].splitlines()) - 1 if "\n" in text[: text.index("CK")] else 0
            assert await pilot.click(selector, offset=(column + widget.styles.padding.left, row))
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, QuizScreen), f"clicking {selector} acted"
        assert app.return_code is None


async def test_notifications_show_paths_and_errors_literally(app_for, tmp_path):
    """The damaged-history notice names paths; a "[/b]" in one once crashed the app (MarkupError)."""
    root = tmp_path / "a[" / "b]" / "[bold red]data"
    root.mkdir(parents=True)
    (root / "history.sqlite3").write_bytes(b"not a database")
    store = Store.open(root)
    try:
        assert "[/b]" in store.notice
        catalog = load_all([BankSource(TUI_BANK)])
        app = TrainerApp(catalog, store, clock=FakeClock(), wall=lambda: WALL, notice=store.notice, tick_seconds=3600)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            (toast,) = [str(t.render()) for t in app.screen.query("Toast")]
            assert toast == f"History\n{store.notice}"  # every bracket kept
            assert "/a[/b]/[bold red]data/history.sqlite3.damaged-" in toast
            assert app.is_running
        assert app.return_code in (None, 0)
    finally:
        store.close()
