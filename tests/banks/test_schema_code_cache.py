"""The compiled schema validator is kept between runs (generating and compiling it took ~0.3 s of
every validate), and a cache that is damaged or cannot be written never changes an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.banks import schema
from trainer.banks.loader import load_bank
from trainer.paths import cache_dir

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"


def _forget() -> None:
    schema._fast_validators.cache_clear()
    schema._typed_validators.cache_clear()
    schema._rust_shallow_validator.cache_clear()
    schema._rust_question_validator.cache_clear()


@pytest.fixture
def fresh_validators(monkeypatch):
    """fastjsonschema's code is what is cached, so it answers alone here (a Rust yes would skip it)."""
    monkeypatch.setenv("PAIN_TRAINER_SCHEMA", "python")
    _forget()
    yield
    monkeypatch.delenv("PAIN_TRAINER_SCHEMA")
    _forget()


def _files() -> list[Path]:
    folder = cache_dir().parent / "schema"
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_the_validator_code_is_stored_once_and_read_back(fresh_validators, monkeypatch):
    assert _files() == []
    assert load_bank(MINIMAL).id == "minimal"
    stored = _files()
    assert len(stored) >= 2  # the bank and question validators (and one per question type)
    _forget()
    monkeypatch.setattr(schema, "_generated", lambda definition: pytest.fail("generated again"))
    assert load_bank(MINIMAL).id == "minimal"
    assert schema.is_valid({"id": "x"}) is False


def test_a_damaged_file_is_made_again_and_still_validates(fresh_validators):
    load_bank(MINIMAL)
    for file in _files():
        file.write_bytes(b"\x00not marshal")
    _forget()
    assert load_bank(MINIMAL).id == "minimal"
    assert schema.is_valid({"id": "x"}) is False
    assert all(file.read_bytes() != b"\x00not marshal" for file in _files())


def test_a_cache_folder_that_cannot_be_made_only_costs_time(fresh_validators):
    (cache_dir().parent).mkdir(parents=True, exist_ok=True)
    (cache_dir().parent / "schema").write_text("a file where the folder should be")
    assert load_bank(MINIMAL).id == "minimal"
    assert schema.is_valid({"id": "x"}) is False
