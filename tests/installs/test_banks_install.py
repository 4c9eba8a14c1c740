"""`pain-trainer banks install|update|remove` from a file, a folder and a local git repository.

Every repository is made by the test in a temporary folder (no network). The CLI runs in
process through ``trainer.cli.main`` with ``--data-dir`` in a tmp path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.history.helpers import answer, session
from trainer.banks import default_sources, load_all
from trainer.cli import main
from trainer.history.store import Store
from trainer.installs.operations import installed_root, installs

FIXTURES = Path(__file__).parent.parent / "banks" / "fixtures" / "valid"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed (apt install git)")


def bank_text(
    bank_id: str = "program", version: str = "1.0.0", edit: bool = False, drop_numeric: bool = False, add: bool = False
) -> str:
    text = MINIMAL.replace("id: minimal", f"id: {bank_id}", 1).replace("version: 0.1.0", f"version: {version}", 1)
    if edit:
        text = text.replace("stem: Pick b.", "stem: Pick option b.")
    if drop_numeric:
        start = text.index("  - id: numeric-1")
        text = text[:start] + text[text.index("  - id: open-1") :]
    if add:
        text = text.replace(
            "  - id: open-1",
            "  - id: single-2\n    type: single\n    category: pharm\n"
            "    difficulty: 1\n    stem: Pick a.\n    options:\n      - {id: a, text: A}\n"
            "      - {id: b, text: B}\n    answer: a\n    explanation: Because a.\n    references:\n"
            "      - {title: A guideline, source: A society, year: 2022}\n  - id: open-1",
            1,
        )
    return text


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with banks/program.yaml tagged v1 and v2 (one question edited, one removed, one added)."""
    work = tmp_path / "work"
    (work / "banks").mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=work)
    (work / "README.md").write_text("Program banks\n")
    (work / "banks" / "program.yaml").write_text(bank_text(), encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-qm", "v1", cwd=work)
    git("tag", "v1", cwd=work)
    (work / "banks" / "program.yaml").write_text(
        bank_text(version="2.0.0", edit=True, drop_numeric=True, add=True), encoding="utf-8"
    )
    git("commit", "-qam", "v2", cwd=work)
    git("tag", "v2", cwd=work)
    return work


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "banks", *args])


def loaded(data: Path):
    return load_all(default_sources(data))


# --- install ------------------------------------------------------------------------------


def test_a_file_installs_into_its_own_folder_with_a_manifest(tmp_path, capsys):
    bank = tmp_path / "program.yaml"
    bank.write_text(bank_text(), encoding="utf-8")
    data = tmp_path / "data"
    assert cli(data, "install", str(bank)) == 0
    assert "installed program 1.0.0 (4 questions)" in capsys.readouterr().out
    [item] = installs(data)
    assert item.manifest is not None and item.manifest.kind == "file" and item.manifest.source == str(bank)
    assert [b.id for b in item.manifest.banks] == ["program"] and (item.folder / "program.yaml").is_file()
    assert loaded(data).bank("program") is not None  # the app finds it like any bank of the data folder


def test_a_folder_installs_every_bank_in_it_and_skips_hidden_ones(tmp_path):
    source = tmp_path / "banks"
    (source / "nested").mkdir(parents=True)
    (source / ".hidden").mkdir()
    (source / "one.yaml").write_text(bank_text("one"), encoding="utf-8")
    (source / "nested" / "two.yml").write_text(bank_text("two"), encoding="utf-8")
    (source / ".hidden" / "three.yaml").write_text("not: a bank", encoding="utf-8")
    (source / "notes.txt").write_text("ignored")
    data = tmp_path / "data"
    assert cli(data, "install", str(source)) == 0
    [item] = installs(data)
    assert sorted(b.file for b in item.manifest.banks) == ["nested/two.yml", "one.yaml"]


def test_an_invalid_bank_installs_nothing_and_says_where(tmp_path, capsys):
    source = tmp_path / "banks"
    source.mkdir()
    (source / "good.yaml").write_text(bank_text("good"), encoding="utf-8")
    (source / "bad.yaml").write_text(bank_text("bad").replace("answer: b", "answer: z"), encoding="utf-8")
    data = tmp_path / "data"
    assert cli(data, "install", str(source)) == 1
    err = capsys.readouterr().err
    assert f"{source}/bad.yaml:" in err and ": error: answer 'z' is not one of the options" in err
    assert "nothing was installed" in err and "Traceback" not in err
    assert installs(data) == [] and loaded(data).bank("good") is None
    assert not any(installed_root(data).iterdir())  # no staging folder left behind


def test_an_id_clash_with_another_source_names_both(tmp_path, capsys):
    data = tmp_path / "data"
    first, second = tmp_path / "a.yaml", tmp_path / "b" / "a.yaml"
    second.parent.mkdir()
    first.write_text(bank_text("program"), encoding="utf-8")
    second.write_text(bank_text("program", version="9.9.9"), encoding="utf-8")
    assert cli(data, "install", str(first)) == 0
    capsys.readouterr()
    assert cli(data, "install", str(second)) == 1
    err = capsys.readouterr().err
    assert f"{second}: bank id 'program' is already used by" in err and f"(installed from {first})" in err
    clash_with_bundled = tmp_path / "c.yaml"
    clash_with_bundled.write_text(bank_text("clinical"), encoding="utf-8")
    assert cli(data, "install", str(clash_with_bundled)) == 1
    assert "already used by the bundled bank" in capsys.readouterr().err
    assert len(installs(data)) == 1


def test_installing_the_same_source_twice_points_to_update(tmp_path, capsys):
    bank = tmp_path / "program.yaml"
    bank.write_text(bank_text(), encoding="utf-8")
    data = tmp_path / "data"
    assert cli(data, "install", str(bank)) == 0
    capsys.readouterr()
    assert cli(data, "install", str(bank)) == 1
    err = capsys.readouterr().err
    assert "already installed" in err and f"pain-trainer banks update {bank}" in err


@pytest.mark.parametrize(
    "source, message",
    [
        ("/nonexistent/banks", "no such file or folder, and not a git URL"),
        ("--upload-pack=touch /tmp/pwned", "cannot start with '-'"),
    ],
)
def test_a_source_that_is_not_one_is_one_line(tmp_path, capsys, source, message):
    assert main(
        ["--data-dir", str(tmp_path), "banks", "install", "--", source]
        if source.startswith("-")
        else ["--data-dir", str(tmp_path), "banks", "install", source]
    ) in (1, 2)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and (message in err[0] or "usage" in err[0].lower())


# --- git: install v1, answer, update to v2, remove ---------------------------------------------


@needs_git
def test_install_v1_answer_update_to_v2_keeps_history_right(repo, tmp_path, capsys):
    data = tmp_path / "data"
    assert cli(data, "install", f"{repo}@v1") == 0
    out = capsys.readouterr().out
    v1_commit = git("rev-parse", "v1", cwd=repo).strip()
    assert "installed program 1.0.0" in out and v1_commit[:12] in out
    catalog = loaded(data)
    bank = catalog.bank("program")
    hashes = {q.id: q.content_hash for q in bank.index}
    with Store.open(data) as store:  # a resident answers three questions of v1: two wrong, one right
        store.start_session(session("s1", n=3, bank="program", banks={"program": "1.0.0"}))
        for position, (qid, correct) in enumerate([("single-1", False), ("multiple-1", False), ("numeric-1", True)]):
            store.record_answer(
                answer("s1", position, bank="program", question=qid, content_hash=hashes[qid], correct=correct)
            )
        assert store.missed_items(catalog.content_hashes) == {("program", "single-1"), ("program", "multiple-1")}

    assert cli(data, "update", f"{repo}@v2", "--dry-run") == 0
    assert "would update" in capsys.readouterr().out and loaded(data).bank("program").version == "1.0.0"
    assert cli(data, "update", f"{repo}@v2") == 0
    out = capsys.readouterr().out
    assert "~ program 1.0.0 -> 2.0.0: 1 added, 1 removed, 1 edited" in out
    assert "    + single-2" in out and "    - numeric-1" in out and "    ~ single-1" in out
    [item] = installs(data)
    assert item.manifest.ref == "v2" and item.manifest.commit == git("rev-parse", "v2", cwd=repo).strip()

    current = loaded(data).content_hashes
    with Store.open(data) as store:
        # the edited question's old miss is about old content; the unchanged one carries on
        assert store.missed_items(current) == {("program", "multiple-1")}
        # seen: the unchanged question and the removed one (its answer stays in the history); not the edited one
        assert store.seen_items(current) == {("program", "multiple-1"), ("program", "numeric-1")}
        assert len(store.sessions()) == 1  # nothing in the history was touched

    assert cli(data, "remove", "program") == 0
    assert "your history is kept" in capsys.readouterr().out
    assert installs(data) == [] and loaded(data).bank("program") is None
    with Store.open(data) as store:
        assert len(store.sessions()) == 1


@needs_git
def test_a_git_url_without_a_ref_installs_the_default_branch_and_banks_lists_it(repo, tmp_path, capsys):
    data = tmp_path / "data"
    assert cli(data, "install", f"file://{repo}") == 0
    capsys.readouterr()
    assert loaded(data).bank("program").version == "2.0.0"
    assert cli(data, "--format", "json") == 0
    listed = {b["id"]: b for b in json.loads(capsys.readouterr().out)["banks"]}
    assert listed["program"]["installed"]["source"] == f"file://{repo}"
    assert listed["program"]["installed"]["commit"] == git("rev-parse", "HEAD", cwd=repo).strip()
    assert listed["clinical"]["installed"] is None


@needs_git
def test_an_unknown_ref_is_one_line_and_installs_nothing(repo, tmp_path, capsys):
    data = tmp_path / "data"
    assert cli(data, "install", f"{repo}@v9") == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "no tag, branch or commit 'v9'" in line and installs(data) == []


@needs_git
def test_an_update_whose_new_version_is_invalid_keeps_the_installed_one(repo, tmp_path, capsys):
    data = tmp_path / "data"
    assert cli(data, "install", str(repo)) == 0
    (repo / "banks" / "program.yaml").write_text("id: [broken", encoding="utf-8")
    git("commit", "-qam", "broken", cwd=repo)
    capsys.readouterr()
    assert cli(data, "update", "program") == 1
    assert "nothing was installed" in capsys.readouterr().err
    assert loaded(data).bank("program").version == "2.0.0"


# --- hostile repositories ------------------------------------------------------------------------


@needs_git
def test_a_bank_that_is_a_symlink_out_of_the_repository_is_refused(tmp_path, capsys):
    secret = tmp_path / "secret.yaml"
    secret.write_text(bank_text("secret"), encoding="utf-8")
    work = tmp_path / "evil"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / "bank.yaml").symlink_to(secret)
    git("add", ".", cwd=work)
    git("commit", "-qm", "x", cwd=work)
    data = tmp_path / "data"
    assert cli(data, "install", str(work)) == 1
    err = capsys.readouterr().err
    assert "bank.yaml: is a symbolic link" in err and installs(data) == []
    assert loaded(data).bank("secret") is None


@needs_git
def test_hooks_in_a_repository_never_run(tmp_path):
    work = tmp_path / "hooked"
    (work / "banks").mkdir(parents=True)
    git("init", "-q", cwd=work)
    (work / "banks" / "program.yaml").write_text(bank_text(), encoding="utf-8")
    marker = tmp_path / "hook-ran"
    for hook in ("post-checkout", "post-merge", "pre-commit"):
        path = work / ".git" / "hooks" / hook
        path.write_text(f"#!/bin/sh\ntouch {marker}\n")
        path.chmod(0o755)
    git("add", ".", cwd=work)
    git("-c", "core.hooksPath=/dev/null", "commit", "-qm", "x", cwd=work)
    marker.unlink(missing_ok=True)
    data = tmp_path / "data"
    assert cli(data, "install", str(work)) == 0
    assert not marker.exists()


@needs_git
def test_a_huge_file_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    import trainer.installs.fetch as fetch

    monkeypatch.setattr(fetch, "MAX_FILE_BYTES", 10_000)  # the real limit is 32 MiB; the rule is the same
    work = tmp_path / "big"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / "big.yaml").write_text("# " + "x" * 20_000 + "\n" + bank_text(), encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-qm", "x", cwd=work)
    assert cli(tmp_path / "data", "install", str(work)) == 1
    assert "big.yaml: file is" in capsys.readouterr().err


@needs_git
def test_a_submodule_is_not_fetched_and_is_said_so(repo, tmp_path, capsys):
    work = tmp_path / "outer"
    (work / "banks").mkdir(parents=True)
    git("init", "-q", cwd=work)
    (work / "banks" / "outer.yaml").write_text(bank_text("outer"), encoding="utf-8")
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(repo), "banks/inner", cwd=work)
    git("add", ".", cwd=work)
    git("commit", "-qm", "x", cwd=work)
    data = tmp_path / "data"
    assert cli(data, "install", str(work)) == 0
    assert "submodules; they are not fetched" in capsys.readouterr().err
    [item] = installs(data)
    assert [b.id for b in item.manifest.banks] == ["outer"]


def test_missing_git_is_one_line_naming_what_to_install(repo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert cli(tmp_path / "data", "install", f"file://{repo}") == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "git is not installed" in line


def test_banks_remove_of_something_not_installed_lists_what_is(tmp_path, capsys):
    bank = tmp_path / "program.yaml"
    bank.write_text(bank_text(), encoding="utf-8")
    data = tmp_path / "data"
    cli(data, "install", str(bank))
    capsys.readouterr()
    assert cli(data, "remove", "nope") == 1
    assert "no installed source or bank by that name (installed banks: program)" in capsys.readouterr().err


@needs_git
async def test_the_banks_screen_says_where_an_installed_bank_came_from(repo, tmp_path):
    from trainer.banks import BankCache
    from trainer.tui.app import TrainerApp
    from trainer.tui.screens.banks import BanksScreen

    data = tmp_path / "data"
    assert cli(data, "install", f"{repo}@v1") == 0
    commit = git("rev-parse", "v1", cwd=repo).strip()
    store = Store.open(data)
    try:
        app = TrainerApp(load_all(default_sources(data), cache=BankCache(tmp_path / "cache")), store)
        async with app.run_test(size=(200, 40)) as pilot:
            app.push_screen(BanksScreen())
            await pilot.pause()
            table = app.screen.query_one("#banks-table")
            row = table.get_row("program")
            assert str(row[-1]) == f"installed from {repo}@v1 (commit {commit[:12]})"
            assert str(table.get_row("clinical")[-1]) == "bundled"
    finally:
        store.close()
