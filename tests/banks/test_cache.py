"""The bank cache: same model as a full load, text read on demand, invalidated by any
change, never required."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest

from tests.conftest import FIXTURES
from trainer.banks import BankCache, BankError, load_bank, loader
from trainer.banks import cache as cache_module
from trainer.banks.cache import CachedQuestions

MINIMAL = FIXTURES / "valid" / "minimal.yaml"  # every question type, and a case


@pytest.fixture
def bank_file(tmp_path):
    path = tmp_path / "bank.yaml"
    shutil.copy(MINIMAL, path)
    return path


def test_a_cached_load_gives_the_same_model_without_parsing(bank_file, tmp_path, monkeypatch):
    cache = BankCache(tmp_path / "cache")
    in_memory = load_bank(bank_file)
    first = load_bank(bank_file, cache=cache)
    assert (tmp_path / "cache" / "banks.sqlite3").is_file()
    monkeypatch.setattr(loader, "_validated", lambda *a: pytest.fail("parsed again despite the cache"))
    again = load_bank(bank_file, cache=cache)
    assert again == first == in_memory
    assert again.index == in_memory.index
    assert list(again.questions) == list(in_memory.questions)
    assert [again.question(q.id) for q in in_memory.questions] == list(in_memory.questions)


def test_judging_fields_and_bank_synonyms_survive_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "judged.yaml"
    shutil.copy(FIXTURES / "valid" / "judged.yaml", path)
    cache = BankCache(tmp_path / "cache")
    in_memory = load_bank(path)
    load_bank(path, cache=cache)
    monkeypatch.setattr(loader, "_validated", lambda *a: pytest.fail("parsed again despite the cache"))
    cached = load_bank(path, cache=cache)
    assert isinstance(cached.questions, CachedQuestions)
    question = cached.questions[0]
    assert question == in_memory.questions[0]
    assert question.synonyms and question.red_flags and question.probes[1].key_points  # not silently empty


def test_a_cached_bank_holds_only_its_index_and_reads_text_when_asked(bank_file, tmp_path, monkeypatch):
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    bank = load_bank(bank_file, cache=cache)
    assert isinstance(bank.questions, CachedQuestions)
    reads = []
    real = cache.question_body
    monkeypatch.setattr(cache, "question_body", lambda key, n: reads.append(n) or real(key, n))
    assert bank.counts_by_type() and len(bank.questions) == len(bank.index)  # no text needed
    assert reads == []
    last = bank.index[-1]
    assert bank.question(last.id).content_hash == last.content_hash
    assert reads == [len(bank.index) - 1]


def test_an_edited_file_misses_the_cache_and_is_validated_again(bank_file, tmp_path):
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    bank_file.write_text(MINIMAL.read_text().replace("answer: b", "answer: z"))
    with pytest.raises(BankError, match="answer 'z' is not one of the options"):
        load_bank(bank_file, cache=cache)
    bank_file.write_text(MINIMAL.read_text().replace("Pick b.", "Pick b now."))
    assert load_bank(bank_file, cache=cache).questions[0].stem == "Pick b now."


def test_a_damaged_cache_file_is_replaced_and_an_unwritable_one_ignored(bank_file, tmp_path):
    folder = tmp_path / "cache"
    expected = load_bank(bank_file)
    folder.mkdir()
    (folder / "banks.sqlite3").write_bytes(b"not a database at all" * 100)
    assert load_bank(bank_file, cache=BankCache(folder)) == expected
    assert isinstance(load_bank(bank_file, cache=BankCache(folder)).questions, CachedQuestions)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    assert load_bank(bank_file, cache=BankCache(blocked)) == expected


def test_rows_lost_while_running_are_read_from_the_file_again(bank_file, tmp_path):
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    bank = load_bank(bank_file, cache=cache)
    with sqlite3.connect(tmp_path / "cache" / "banks.sqlite3") as db:
        db.execute("DELETE FROM questions")
    first = bank.index[0]
    assert bank.question(first.id).content_hash == first.content_hash
    bank_file.write_text(bank_file.read_text().replace(first.id, first.id + "-renamed"))
    fresh = CachedQuestions(cache, "gone", bank.id, {}, bank.index, str(bank_file))
    with pytest.raises(LookupError, match="changed since the app started"):
        fresh[0]


def test_old_versions_of_a_file_are_dropped_after_an_hour(bank_file, tmp_path, monkeypatch):
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    bank_file.write_text(MINIMAL.read_text().replace("Pick b.", "Pick b now."))
    load_bank(bank_file, cache=cache)
    db = sqlite3.connect(tmp_path / "cache" / "banks.sqlite3")
    assert db.execute("SELECT count(*) FROM banks").fetchone() == (2,)  # the older one may still be in use
    later = time.time() + cache_module.KEEP_OLD_VERSIONS_SECONDS + 60
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    bank_file.write_text(MINIMAL.read_text().replace("Pick b.", "Pick b, finally."))
    load_bank(bank_file, cache=cache)
    assert db.execute("SELECT count(*) FROM banks").fetchone() == (1,)
    assert db.execute("SELECT count(DISTINCT key) FROM questions").fetchone() == (1,)


def test_first_format_cache_files_are_removed(bank_file, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "0123abcd.json").write_text('{"key": "x", "bank": {}}')
    load_bank(bank_file, cache=BankCache(folder))
    assert not list(folder.glob("*.json"))


def test_a_hit_records_its_use_only_now_and_then(bank_file, tmp_path, monkeypatch):
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    db = sqlite3.connect(tmp_path / "cache" / "banks.sqlite3")
    (stored,) = db.execute("SELECT used_at FROM banks").fetchone()
    load_bank(bank_file, cache=cache)
    assert db.execute("SELECT used_at FROM banks").fetchone() == (stored,)  # a start does not write
    later = stored + cache_module.TOUCH_AFTER_SECONDS + 1
    monkeypatch.setattr(cache_module.time, "time", lambda: later)
    load_bank(bank_file, cache=cache)
    assert db.execute("SELECT used_at FROM banks").fetchone() == (later,)
