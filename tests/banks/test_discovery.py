"""Finding banks in folders (loop-safe) and loading many at once."""

from __future__ import annotations

import dataclasses
import os
import shutil

from tests.conftest import FIXTURES
from trainer.banks import BankSource, bank_files, default_sources, load_all

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def test_folders_are_searched_recursively_for_yaml_and_yml(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(MINIMAL, tmp_path / "one.yaml")
    shutil.copy(MINIMAL, tmp_path / "a" / "b" / "two.yml")
    (tmp_path / "notes.txt").write_text("not a bank")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(MINIMAL, tmp_path / ".hidden" / "three.yaml")
    assert [p.relative_to(tmp_path).as_posix() for p in bank_files(tmp_path)] == ["a/b/two.yml", "one.yaml"]


def test_symlink_loop_in_a_bank_folder_ends(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "one.yaml")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "x.yaml", tmp_path / "y.yaml")
    os.symlink(tmp_path / "y.yaml", tmp_path / "x.yaml")
    files = bank_files(tmp_path)
    catalog = load_all(BankSource(p) for p in files)
    assert [b.id for b in catalog.banks] == ["minimal"]
    messages = [p.message for p in catalog.problems]
    assert any("too many levels of symbolic links" in m.lower() for m in messages)


def test_a_bank_id_used_twice_is_an_error_naming_both_files(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(MINIMAL.read_text().replace("title: ", "title: Edited ", 1))
    catalog = load_all(BankSource(p) for p in bank_files(tmp_path))
    assert len(catalog.banks) == 1
    (problem,) = catalog.problems
    assert str(tmp_path / "a.yaml") in problem.message and problem.path == str(tmp_path / "b.yaml")
    assert (problem.line, problem.column, problem.pointer) == (1, 5, "/id")


def test_an_unedited_copy_of_a_bank_is_that_bank_not_a_clash(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    shutil.copy(MINIMAL, tmp_path / "b.yaml")
    catalog = load_all(BankSource(p) for p in bank_files(tmp_path))
    assert [b.source for b in catalog.banks] == [str(tmp_path / "a.yaml")] and catalog.problems == []


def test_default_sources_include_bundled_user_and_extra_banks(tmp_path):
    user = tmp_path / "data" / "banks"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(MINIMAL.read_text().replace("id: minimal", "id: mine"))
    extra = tmp_path / "extra.yaml"
    extra.write_text(MINIMAL.read_text().replace("id: minimal", "id: extra"))
    sources = default_sources(tmp_path / "data", [extra])
    catalog = load_all(sources)
    ids = [b.id for b in catalog.banks]
    assert ids[-2:] == ["mine", "extra"]
    assert all(b.bundled for b in catalog.banks[:-2]) and len(ids) > 2
    assert catalog.failures == ()


def test_an_invalid_user_bank_does_not_hide_the_others(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: [\n")
    shutil.copy(MINIMAL, tmp_path / "good.yaml")
    catalog = load_all(BankSource(p) for p in bank_files(tmp_path))
    assert [b.id for b in catalog.banks] == ["minimal"]
    assert [path for path, _ in catalog.failures] == [str(tmp_path / "bad.yaml")]


def test_catalog_content_hashes_cover_every_question_and_are_built_once():
    catalog = load_all([BankSource(FIXTURES / "valid" / "minimal.yaml")])
    (bank,) = catalog.banks
    assert catalog.content_hashes == {(bank.id, q.id): q.content_hash for q in bank.questions}
    assert catalog.content_hashes is catalog.content_hashes


def test_validate_builds_the_checked_banks_without_hashes_and_the_cached_ones_with_them(tmp_path):
    """``validate`` loads the app's banks from the cache (hashed, as the app does) and checks the
    files it is given from their bytes, built without the content hashes only history reads."""
    from trainer.banks import BankCache, load_bank
    from trainer.banks.check import CheckedBank, check_bank
    from trainer.banks.discovery import load_each

    checked, practised = tmp_path / "checked.yaml", tmp_path / "practised.yaml"
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", checked)
    practised.write_text(
        (FIXTURES / "valid" / "judged.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )  # another bank id, from the cache
    cache = BankCache(tmp_path / "cache")

    def load(source):
        return check_bank(source.path) if source.path == checked else load_bank(source.path, cache=cache)

    loaded, failures = load_each([BankSource(practised), BankSource(checked)], load)
    assert failures == []
    by_source = {bank.source: bank for bank in loaded}
    hashed = load_all([BankSource(checked)]).banks[0]
    found = by_source[str(checked)]
    assert found == CheckedBank(hashed.id, str(checked), len(hashed.questions), found.warnings)
    assert [w.message for w in found.warnings] == [
        "keyword 'patient' is the generic word 'patient', which almost every answer uses; name the specific thing"
    ]  # the fixture's one generic keyword, so the warnings come along
    assert all(len(q.content_hash) == 16 for q in hashed.questions)
    unhashed = load_bank(checked, hashes=False)
    assert {q.content_hash for q in unhashed.questions} == {""}
    # everything else is the same bank, and the practised one keeps its hashes
    assert [dataclasses.replace(q, content_hash="") for q in hashed.questions] == list(unhashed.questions)
    assert all(len(q.content_hash) == 16 for q in by_source[str(practised)].questions)
