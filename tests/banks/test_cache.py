"""The bank cache: same model as a full load, invalidated by any change, never required."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES
from trainer.banks import BankCache, BankError, load_bank
from trainer.banks import loader

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def test_a_cached_load_gives_the_same_model_without_parsing(tmp_path, monkeypatch):
    bank_file = tmp_path / "bank.yaml"
    shutil.copy(MINIMAL, bank_file)
    cache = BankCache(tmp_path / "cache")
    first = load_bank(bank_file, cache=cache)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    monkeypatch.setattr(loader, "_validated", lambda *a: pytest.fail("parsed again despite the cache"))
    assert load_bank(bank_file, cache=cache) == first


def test_an_edited_file_misses_the_cache_and_is_validated_again(tmp_path):
    bank_file = tmp_path / "bank.yaml"
    shutil.copy(MINIMAL, bank_file)
    cache = BankCache(tmp_path / "cache")
    load_bank(bank_file, cache=cache)
    bank_file.write_text(MINIMAL.read_text().replace("answer: b", "answer: z"))
    with pytest.raises(BankError, match="answer 'z' is not one of the options"):
        load_bank(bank_file, cache=cache)
    bank_file.write_text(MINIMAL.read_text().replace("Pick b.", "Pick b now."))
    assert load_bank(bank_file, cache=cache).questions[0].stem == "Pick b now."


def test_a_damaged_or_unwritable_cache_is_ignored(tmp_path):
    bank_file = tmp_path / "bank.yaml"
    shutil.copy(MINIMAL, bank_file)
    folder = tmp_path / "cache"
    cache = BankCache(folder)
    expected = load_bank(bank_file, cache=cache)
    for entry in folder.glob("*.json"):
        entry.write_text("{not json")
    assert load_bank(bank_file, cache=cache) == expected
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    assert load_bank(bank_file, cache=BankCache(blocked)) == expected
