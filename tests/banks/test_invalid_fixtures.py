"""Each invalid fixture bank gives exactly the positioned problems an author needs."""

from __future__ import annotations

import pytest

from tests.banks.test_semantic import SEMANTIC
from tests.conftest import FIXTURES
from trainer.banks import BankError, load_bank

INVALID = FIXTURES / "invalid"

# fixture name -> (line, column, message fragment, JSON pointer) of the first problem
EXPECTED = {
    "a_list": (1, 1, "a bank must be a mapping (id, title, version, ... questions), found a list", ""),
    "a_string": (1, 1, "found text", ""),
    "all_options_correct": (48, 14, "every option is correct", "/questions/1/answers"),
    "answer_not_an_option": (34, 13, "answer 'z' is not one of the options (a, b)", "/questions/0/answer"),
    "answers_not_an_option": (48, 18, "answer 'x' is not one of the options", "/questions/1/answers/1"),
    "bad_doi": (37, 66, "is not a DOI such as", "/questions/0/references/0/doi"),
    "bad_enum": (
        54,
        11,
        "must be one of: single, multiple, numeric, ordering, extended_matching, open; found 'numerical'",
        "/questions/2/type",
    ),
    "bad_probe": (46, 9, "expected text or a mapping, found a number", "/questions/0/probes/0"),
    "bad_red_flag_kind": (43, 15, "must be one of: unsafe, cliche; found 'trite'", "/questions/0/red_flags/1/kind"),
    "bad_reference_year": (52, 65, "must be at least 1900, found 18", "/questions/1/references/0/year"),
    "bad_slug": (1, 5, "'Minimal Bank' is not a lowercase slug", "/id"),
    "bad_stance": (28, 17, "must be one of: endorse, reject; found 'refute'", "/questions/0/key_points/1/stance"),
    "bad_version": (3, 10, "'one' is not a semantic version such as 1.2.0", "/version"),
    "billion_laughs": (6, 4, "aliases expand to more than 100,000 nodes", ""),
    "binary": (3, 1, "binary file (contains NUL bytes)", ""),
    "binary_tag": (34, 13, "tag !!binary is not allowed in a bank", ""),
    "blank_requires_group": (
        24,
        13,
        "requires group has no phrase with a letter or digit",
        "/questions/0/key_points/0/requires/0",
    ),
    "both_tolerances": (53, 5, "give exactly one of 'tolerance' (absolute) or 'tolerance_percent'", "/questions/2"),
    "comment_only": (1, 1, "file is empty", ""),
    "control_character": (30, 11, "control character U+001B in text", ""),
    "duplicate_key": (29, 5, "duplicate key 'difficulty' (first defined on line 28)", ""),
    "duplicate_option_id": (33, 14, "duplicate option id 'a'", "/questions/0/options/1/id"),
    "duplicate_question_id": (
        38,
        9,
        "duplicate question id 'single-1' (first used at /questions/0)",
        "/questions/1/id",
    ),
    "duplicate_red_flag_id": (
        52,
        17,
        "duplicate red flag id 'drug-seeking-label' (first used at /questions/0/red_flags/0)",
        "/questions/0/probes/1/red_flags/0/id",
    ),
    "empty": (1, 1, "file is empty", ""),
    "empty_synonym_term": (14, 3, "a key must not be empty", "/synonyms/"),
    "empty_requires_group": (24, 13, "needs at least 1 item (has 0)", "/questions/0/key_points/0/requires/0"),
    "format_too_many_prompts": (
        21,
        14,
        "asks for 3 prompts but the bank has only 1 open question",
        "/interview_formats/0/prompts",
    ),
    "format_unknown_category": (20, 29, "unknown category 'nope'", "/interview_formats/0/categories/1"),
    "format_pin_unknown": (21, 13, "no question 'no-such-prompt' in this bank", "/interview_formats/0/first/0"),
    "format_pin_not_open": (
        21,
        12,
        "question 'single-1' is a single question, not an open prompt",
        "/interview_formats/0/last/0",
    ),
    "latin1": (30, 22, "not UTF-8: byte 0xE9 cannot be decoded", ""),
    "missing_reference": (38, 5, "missing required field 'references'", "/questions/1"),
    "missing_required": (25, 5, "missing required field 'explanation'", "/questions/0"),
    "multi_document": (76, 1, "more than one YAML document", ""),
    "nan_answer": (58, 13, "answer must be a finite number, found nan", "/questions/2/answer"),
    "no_tolerance": (53, 5, "give exactly one of 'tolerance' (absolute) or 'tolerance_percent'", "/questions/2"),
    "null_document": (1, 1, "file is empty", ""),
    "out_of_range": (41, 17, "must be at most 5, found 7", "/questions/1/difficulty"),
    "probe_without_prompt": (47, 9, "missing required field 'prompt'", "/questions/0/probes/1"),
    "probe_unknown_field": (
        48,
        9,
        "unknown field 'keypoints' (did you mean 'key_points'?)",
        "/questions/0/probes/1/keypoints",
    ),
    "python_tag": (34, 13, "tag !!python/object/apply:os.system is not allowed in a bank", ""),
    "raw_control_character": (30, 16, "control character U+0007 is not allowed", ""),
    "recursive_alias": (2, 12, "recursive alias", ""),
    "synonym_of_itself": (13, 19, "'Renal' is the term 'renal' itself, not a synonym of it", "/synonyms/renal/1"),
    "syntax_error": (33, 9, "YAML syntax: did not find expected ',' or '}'", ""),
    "tab_indent": (15, 1, "tab character used for indentation", ""),
    "tolerance_too_large": (59, 16, "tolerance 45 is as large as the answer 45", "/questions/2/tolerance"),
    "unknown_case": (29, 11, "unknown case 'case-9'", "/questions/0/case"),
    "unknown_category": (
        55,
        15,
        "unknown category 'pharma'; the bank defines: interview, pharm",
        "/questions/2/category",
    ),
    "unknown_field": (25, 5, "missing required field 'answer'", "/questions/0"),
    "unknown_tag": (34, 13, "tag !secret is not allowed in a bank", ""),
    "wrong_type": (56, 17, "expected a whole number, found text", "/questions/2/difficulty"),
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.stem for p in INVALID.glob("*.yaml")) == sorted({*EXPECTED, *SEMANTIC})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_is_reported_at_its_position(name):
    line, column, fragment, pointer = EXPECTED[name]
    path = INVALID / f"{name}.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    first = caught.value.problems[0]
    assert (first.line, first.column) == (line, column), str(first)
    assert fragment in first.message
    assert first.pointer == pointer
    assert first.path == str(path)
    assert str(first).startswith(f"{path}:{line}:{column}: error: ")


def test_unknown_field_suggests_the_close_name_and_points_at_the_key():
    with pytest.raises(BankError) as caught:
        load_bank(INVALID / "unknown_field.yaml")
    problems = {p.pointer: p for p in caught.value.problems}
    typo = problems["/questions/0/anwser"]
    assert typo.message == "unknown field 'anwser' (did you mean 'answer'?)"
    assert (typo.line, typo.column) == (34, 5)


def test_all_problems_in_a_file_are_reported(tmp_path):
    text = (FIXTURES / "valid" / "minimal.yaml").read_text()
    text = (
        text.replace("difficulty: 1", "difficulty: 9")
        .replace("answer: b", "answer: q")
        .replace("version: 0.1.0", "version: x")
    )
    bad = tmp_path / "many.yaml"
    bad.write_text(text)
    with pytest.raises(BankError) as caught:
        load_bank(bad)
    pointers = [p.pointer for p in caught.value.problems]
    assert pointers == ["/version", "/questions/0/difficulty"]  # schema errors first; semantics after a fix


def test_problem_count_is_capped_and_says_so(tmp_path):
    text = (FIXTURES / "valid" / "minimal.yaml").read_text()
    block = text[text.index("  - id: single-1") : text.index("  - id: multiple-1")]
    many = text.replace(block, "".join(block.replace("difficulty: 1", "difficulty: 0") for _ in range(80)))
    bad = tmp_path / "capped.yaml"
    bad.write_text(many)
    with pytest.raises(BankError) as caught:
        load_bank(bad)
    problems = caught.value.problems
    assert len(problems) == 51
    assert problems[-1].message.endswith("more problems not shown")


def test_unreadable_and_missing_files_are_positioned_problems(tmp_path):
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path / "absent.yaml")
    assert str(caught.value.problems[0]).startswith(f"{tmp_path / 'absent.yaml'}:1:1: error: cannot read file")
