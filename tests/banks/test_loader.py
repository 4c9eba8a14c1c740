"""Valid banks become the frozen model; the fast path and the reference validator agree."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.conftest import FIXTURES, REPO
from trainer.banks import load_bank, load_bank_bytes, yamlsafe
from trainer.banks import schema as bank_schema
from trainer.banks.model import MultipleQuestion, NumericQuestion, OpenQuestion, Probe, SingleQuestion

MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def test_minimal_bank_round_trips_into_the_model():
    bank = load_bank(MINIMAL)
    assert (bank.id, bank.version, bank.authors) == ("minimal", "0.1.0", ("Test Author",))
    single, multiple, numeric, open_ = bank.questions
    assert isinstance(single, SingleQuestion) and single.answer == "b"
    assert single.case is not None and single.case.text == "A 50-year-old with knee pain."
    assert [o.id for o in single.options] == ["a", "b"]
    assert single.references[0].doi == "10.1000/xyz123" and single.references[0].pmid == "12345"
    assert isinstance(multiple, MultipleQuestion) and multiple.answers == {"a", "c"} and not multiple.shuffle
    assert isinstance(numeric, NumericQuestion) and numeric.allowed_error == pytest.approx(2.25)
    assert isinstance(open_, OpenQuestion) and open_.key_points[0].keywords == ("patient", "patient care")
    assert open_.model_answer == "Talk about patients." and open_.probes == (Probe("And then?"),)
    assert bank.interview_formats[0].prompts == 1 and bank.interview_formats[0].probes is True
    assert bank.counts_by_type() == {
        "single": 1,
        "multiple": 1,
        "numeric": 1,
        "ordering": 0,
        "extended_matching": 0,
        "open": 1,
    }
    assert bank.counts_by_category() == {"pharm": 3, "interview": 1}
    assert single.key == ("minimal", "single-1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        single.answer = "a"  # type: ignore[misc]


def test_content_hash_changes_with_content_and_case_but_not_with_other_questions():
    original = MINIMAL.read_bytes()
    first = load_bank_bytes(original, "a.yaml")
    edited_stem = load_bank_bytes(original.replace(b"Pick b.", b"Pick b, please."), "a.yaml")
    edited_case = load_bank_bytes(original.replace(b"knee pain", b"hip pain"), "a.yaml")
    edited_other = load_bank_bytes(original.replace(b"Pick a and c.", b"Pick a and c!"), "a.yaml")
    assert first.questions[0].content_hash != edited_stem.questions[0].content_hash
    assert first.questions[0].content_hash != edited_case.questions[0].content_hash
    assert first.questions[0].content_hash == edited_other.questions[0].content_hash


JUDGED = FIXTURES / "valid" / "judged.yaml"  # every judging field: requires, stance, red flags, probes, synonyms


def test_judging_fields_round_trip_into_the_model():
    q = load_bank(JUDGED).questions[0]
    gabapentin, opioids, lidocaine = q.key_points
    assert gabapentin.requires == (("renal", "creatinine clearance", "eGFR"),)
    assert gabapentin.reference is not None and gabapentin.reference.note == "Table 2"
    assert (gabapentin.stance, opioids.stance, lidocaine.stance) == ("endorse", "reject", "endorse")
    assert opioids.reference is None and opioids.requires == ()
    label, cliche = q.red_flags
    assert (label.id, label.kind, label.keywords) == ("drug-seeking-label", "unsafe", ("drug seeking", "drug seeker"))
    assert label.reference is not None and label.reference.source == "A journal"
    assert (cliche.kind, cliche.requires) == ("cliche", (("approach to care", "model of care"),))
    assert cliche.why == "An empty word; say what you would do."
    plain, judged = q.probes
    assert plain == Probe("A plain follow-up?")
    assert judged.prompt == "And if that fails?" and judged.key_points[0].keywords == ("spinal cord stimulation",)
    assert [f.id for f in judged.red_flags] == ["early-surgery"] and judged.red_flags[0].kind == "unsafe"
    assert q.synonyms == (("spinal cord stimulation", ("SCS", "spinal cord stimulator")), ("renal", ("kidney",)))


def test_validation_does_not_change_the_data_it_hashes():
    """The hash is of the question as written: nothing (e.g. a schema default) is added to it."""
    from trainer.banks.build import question_hash

    raw = yamlsafe.load(yamlsafe.decode(JUDGED.read_bytes())).data
    bank = load_bank(JUDGED)
    assert bank.questions[0].content_hash == question_hash(raw["questions"][0], None, bank.questions[0].synonyms)
    minimal = yamlsafe.load(yamlsafe.decode(MINIMAL.read_bytes())).data
    assert [q.content_hash for q in load_bank(MINIMAL).questions] == [
        question_hash(q, load_bank(MINIMAL).cases[0] if "case" in q else None) for q in minimal["questions"]
    ]


def test_content_hash_of_an_open_question_covers_its_judging_fields_and_the_bank_synonyms():
    original = JUDGED.read_bytes()
    first = load_bank_bytes(original, "a.yaml").questions[0].content_hash
    for old, new in [
        (b"stance: reject", b"stance: endorse"),
        (b"kind: cliche", b"kind: unsafe"),
        (b"[renal, creatinine clearance, eGFR]", b"[renal, eGFR]"),
        (b"Not a first step.", b"Not first."),
        (b"renal: [kidney]", b"renal: [kidney, kidneys]"),
    ]:
        assert old in original
        assert load_bank_bytes(original.replace(old, new), "a.yaml").questions[0].content_hash != first, new


def test_synonyms_change_the_hash_of_open_questions_only():
    original = MINIMAL.read_bytes()
    before = load_bank_bytes(original, "a.yaml")
    after = load_bank_bytes(original.replace(b"questions:\n", b"synonyms: {patient: [client]}\nquestions:\n"), "a.yaml")
    assert after.questions[-1].synonyms == (("patient", ("client",)),)
    assert [q.content_hash for q in after.questions][:3] == [q.content_hash for q in before.questions][:3]
    assert after.questions[-1].content_hash != before.questions[-1].content_hash


def test_utf8_bom_is_accepted():
    assert load_bank(FIXTURES / "valid" / "bom.yaml").id == "bom"


def test_dates_stay_text_and_merge_keys_still_work():
    loaded = yamlsafe.load("a: 2022-01-01\nbase: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n")
    assert loaded.data == {"a": "2022-01-01", "base": {"x": 1}, "c": {"x": 1, "y": 2}}
    assert loaded.problems == []


def test_schema_is_valid_2020_12_and_documents_every_property():
    from jsonschema import Draft202012Validator

    schema = json.loads((REPO / "schemas" / "bank.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] and schema["examples"]

    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                described = "description" in prop or (
                    "$ref" in prop and "description" in _resolve(schema, prop["$ref"])
                )
                assert described, f"{where}/properties/{name} has no description"
            for key, value in node.items():
                if key != "if":  # an if-condition's properties are tests, not fields
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema, "#")


def _resolve(schema, ref):
    node = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def test_schema_examples_are_valid_banks():
    for example in bank_schema.schema()["examples"]:
        assert bank_schema.is_valid(example)
        assert bank_schema.explain(example) == []


def test_fast_and_reference_validators_agree():
    checked = 0
    for path in sorted((FIXTURES / "invalid").glob("*.yaml")) + [MINIMAL]:
        try:
            data = yamlsafe.load(yamlsafe.decode(path.read_bytes())).data
        except yamlsafe.YamlProblem:
            continue  # never reaches the schema
        assert bank_schema.is_valid(data) == (bank_schema.explain(data) == []), path.name
        checked += 1
    assert checked >= 25


def test_valid_banks_do_no_position_work(monkeypatch):
    """Positions are looked up only when there is an error to report."""
    from trainer.banks import positions

    monkeypatch.setattr(positions, "locate", lambda *a: pytest.fail("positioned a valid bank"))
    monkeypatch.setattr(bank_schema, "explain", lambda data: pytest.fail("explained a valid bank"))
    assert load_bank(MINIMAL).id == "minimal"
