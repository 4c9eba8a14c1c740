"""``validate`` checks a large bank in two halves on two cores (``trainer.banks.check``); its
output must be the whole check's, always. Each test runs the real command in a fresh process
(the halves fork), once with every bank checked in halves (``PAIN_TRAINER_HALVES_FROM=0``) and
once with none, and compares everything it printed and its exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.conftest import FIXTURES
from trainer.banks import fastyaml, forked

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "question_banks"

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the halves need os.fork (not on Windows)"),
    pytest.mark.skipif(not fastyaml.ENABLED, reason="yaml-rs is not installed here"),
]


def _run(args: list[str], tmp_path: Path, halves: bool, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PAIN_TRAINER_DATA_DIR": str(tmp_path / "data"),
        "PAIN_TRAINER_HALVES_FROM": "0" if halves else str(1 << 40),
    }
    command = [sys.executable, "-m", "trainer", *args] if code is None else [sys.executable, "-c", code, *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=REPO)


def _same_either_way(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    split, whole = _run(args, tmp_path, True), _run(args, tmp_path, False)
    assert (split.returncode, split.stdout, split.stderr) == (whole.returncode, whole.stdout, whole.stderr)
    assert "Traceback" not in split.stderr
    return split


_ANSWERED_BY_HALVES = """\
import sys
from trainer.banks import check
print(check._clean_in_halves(sys.argv[1]))
"""


def _halves_answer(path: Path, tmp_path: Path) -> str:
    return _run([str(path)], tmp_path, True, _ANSWERED_BY_HALVES).stdout.strip()


def _checked_whole(path: Path, tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``validate`` of a bank the halves leave to the whole check, which must print the same."""
    assert _halves_answer(path, tmp_path) == "None"
    return _same_either_way(["validate", *options, str(path)], tmp_path)


def _bank(tmp_path: Path, n: int = 40, edit=lambda text: text) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(edit(generate(n)), encoding="utf-8")
    return path


def test_a_clean_bank_is_answered_by_its_halves(tmp_path):
    path = _bank(tmp_path)
    assert (
        _halves_answer(path, tmp_path) == f"CheckedBank(id='synthetic-40', source='{path}', questions=40, warnings=())"
    )
    assert _same_either_way(["validate", "--strict", str(path)], tmp_path).stdout == "1 bank, 40 questions: OK\n"


def test_every_bundled_bank_and_fixture_validates_alike_in_halves(tmp_path):
    folders = [BUNDLED, FIXTURES / "valid", FIXTURES / "invalid", FIXTURES / "warnings", FIXTURES / "yaml12"]
    result = _same_either_way(["validate", *map(str, folders)], tmp_path)
    assert result.returncode == 1 and "bank files invalid" in result.stderr  # the invalid fixtures are in it
    # Not whole against whole: most bundled banks are answered by their halves.
    answered = [path.name for path in sorted(BUNDLED.glob("*.yaml")) if _halves_answer(path, tmp_path) != "None"]
    assert len(answered) >= 3, answered


def test_a_question_id_in_both_halves_is_reported_where_the_whole_check_reports_it(tmp_path):
    path = _bank(tmp_path, edit=lambda text: text.replace("id: q-35\n", "id: q-2\n"))
    result = _checked_whole(path, tmp_path)
    assert result.returncode == 1 and "duplicate question id 'q-2'" in result.stderr


def test_a_keyword_common_to_the_whole_bank_is_warned_about(tmp_path):
    """``case`` is listed by every first key point; with ``example`` added to every second one in
    the second half, 'example' is common only when both halves' counts are added up."""

    def edit(text: str) -> str:
        head, tail = text[: text.index("  - id: q-20\n")], text[text.index("  - id: q-20\n") :]
        return head + tail.replace('keywords: [learned, reflection, "next time"]', "keywords: [learned, example]")

    path = _bank(tmp_path, edit=edit)
    result = _checked_whole(path, tmp_path)
    assert result.returncode == 0 and "keyword 'example' is listed by" in result.stderr


def test_an_error_in_the_second_half_is_positioned_in_the_file(tmp_path):
    path = _bank(tmp_path, edit=lambda text: text.replace("id: q-36\n    type: single", "id: q-36\n    type: singel"))
    result = _same_either_way(["validate", str(path)], tmp_path)
    line = 1 + path.read_text(encoding="utf-8").splitlines().index("    type: singel")
    assert result.returncode == 1 and f"{path}:{line}:11: error:" in result.stderr


def test_a_pin_on_a_question_of_the_other_half_passes_as_in_the_whole_check(tmp_path):
    path = _bank(
        tmp_path,
        edit=lambda text: text.replace("    answer_seconds: 60\n", "    answer_seconds: 60\n    first: [q-39]\n", 1),
    )
    result = _checked_whole(path, tmp_path, "--strict")  # the first half has no q-39: checked whole
    assert result.stdout == "1 bank, 40 questions: OK\n"


def test_a_bank_with_an_anchor_is_checked_whole(tmp_path):
    """An anchor defined in the header, again in the first half, and used in the second: the
    second half alone would see one definition and take it; the whole file has two, which it
    refuses. A text with anchors is never cut (only the compiled parser reads a half, and it is
    not trusted with anchors), so the output is the whole check's."""

    def edit(text: str) -> str:
        text = text.replace("    think_seconds: 10\n", "    think_seconds: &t 10\n", 1)  # the header's definition
        text = text.replace(
            "id: q-4\n    type: single\n    category: beta\n    difficulty: 5\n",
            "id: q-4\n    type: single\n    category: beta\n    difficulty: &t 9\n",
        )
        return text.replace(
            "id: q-36\n    type: single\n    category: beta\n    difficulty: 2\n",
            "id: q-36\n    type: single\n    category: beta\n    difficulty: *t\n",
        )

    path = _bank(tmp_path, edit=edit)
    assert "difficulty: *t" in path.read_text(encoding="utf-8")
    result = _checked_whole(path, tmp_path)
    assert result.returncode == 1 and "duplicate anchor" in result.stderr


def test_a_todo_placeholder_in_one_half_is_warned_about(tmp_path):
    path = _bank(tmp_path, edit=lambda text: text.replace("Explanation for question 33,", "TODO explain 33,"))
    result = _same_either_way(["validate", str(path)], tmp_path)
    assert "explanation is a TODO placeholder" in result.stderr


def test_more_questions_than_the_schema_allows_are_refused_though_each_half_is_within(monkeypatch):
    from trainer.banks import check

    monkeypatch.setattr("trainer.banks.schema.questions_max_items", lambda: 30)
    half = {"id": "b", "items": 20, "ids": [], "outside": {}, "points": 0, "listed_by": {}}
    second = dict(half, ids=["x"])
    assert check._whole(half, second, "b.yaml") is None
    monkeypatch.setattr("trainer.banks.schema.questions_max_items", lambda: 40)
    assert check._whole(half, second, "b.yaml") == check.CheckedBank("b", "b.yaml", 1)


def test_a_child_that_fails_is_only_a_missing_answer():
    def fails() -> object:
        raise RuntimeError("in the child")

    assert forked.both(fails, lambda: "mine") == (None, "mine")
    assert forked.both(lambda: object(), lambda: 1) == (None, 1)  # not marshal data
    assert forked.both(lambda: {"ids": ["a", "b"], "n": 2}, lambda: 2) == ({"ids": ["a", "b"], "n": 2}, 2)


def test_a_half_that_fails_in_the_parent_leaves_the_answer_to_the_whole_check(tmp_path, monkeypatch):
    from trainer.banks import check

    path = _bank(tmp_path, edit=lambda text: text.replace("Explanation for question 2,", "TODO explain 2,"))
    whole = check.check_bank(path)  # below the threshold: checked whole
    assert [w.message for w in whole.warnings] == ["question 'q-2': explanation is a TODO placeholder"]

    def fails(*args, **kwargs):
        raise MemoryError("in the parent's half")

    monkeypatch.setenv("PAIN_TRAINER_HALVES_FROM", "0")
    monkeypatch.setattr(forked, "available", lambda: True)
    monkeypatch.setattr(forked, "both", fails)
    assert check.check_bank(path) == whole


def test_a_half_is_clean_only_when_the_compiled_parser_reads_it_and_every_check_passes():
    from trainer.banks.loader import clean_data

    text = generate(12)  # the smallest generated bank with the 3 open questions its format asks for
    assert [q["id"] for q in clean_data(text, max_nodes=10**6)["questions"]] == [f"q-{n}" for n in range(12)]
    assert clean_data(text, max_nodes=100) is None  # past the half's node budget
    assert clean_data(text.replace("difficulty: 3\n", "difficulty: &d 3\n", 1), max_nodes=10**6) is None  # anchor
    assert clean_data(text.replace("    type: single", "    type: [single", 1), max_nodes=10**6) is None  # syntax
    assert clean_data(text.replace("difficulty: 3", "difficulty: 9", 1), max_nodes=10**6) is None  # schema
    assert clean_data(text.replace("id: q-5\n", "id: q-1\n"), max_nodes=10**6) is None  # semantic: a duplicate id


def test_a_second_thread_keeps_the_work_in_one_process():
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not forked.available()  # a fork would copy the thread's locks, not the thread
    finally:
        release.set()
        other.join()


def test_no_process_to_be_had_is_a_missing_answer(monkeypatch):
    def refused() -> int:
        raise BlockingIOError("fork: resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert forked.both(lambda: "child", lambda: "mine") == (None, "mine")


def test_a_parent_answer_that_settles_it_stops_the_child_without_waiting():
    blocked, keep_open = os.pipe()
    try:
        assert forked.both(lambda: os.read(blocked, 1), lambda: None, settles=lambda mine: mine is None) == (None, None)
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)  # stopped and reaped
    finally:
        os.close(blocked)
        os.close(keep_open)


def test_a_parent_that_fails_leaves_no_child_behind():
    blocked, keep_open = os.pipe()

    def slow() -> object:
        return os.read(blocked, 1)  # nothing is ever written: it waits until the parent ends it

    def fails() -> object:
        raise ValueError("in the parent")

    with pytest.raises(ValueError, match="in the parent"):
        forked.both(slow, fails)
    try:
        with pytest.raises(ChildProcessError):
            os.waitpid(-1, os.WNOHANG)  # no child left, not even a zombie
    finally:
        os.close(blocked)
        os.close(keep_open)
