"""The checks the schema cannot express (``trainer.banks.semantic``), one invalid fixture each.

Every problem of each fixture is asserted whole: position, full message and JSON pointer, so a
check that is deleted, or whose wording or pointer changes, fails here. Boundaries that need no
file of their own (tolerance exactly as large as the answer, an answer of 0, plural wording) are
checked on the parsed data with ``check``.
"""

from __future__ import annotations

import copy
import math

import pytest
import yaml

from tests.conftest import FIXTURES
from trainer.banks import BankError, load_bank
from trainer.banks.semantic import check

INVALID = FIXTURES / "invalid"

# fixture -> every problem, in order: (line, column, message, JSON pointer)
SEMANTIC: dict[str, list[tuple[int, int, str, str]]] = {
    "duplicate_category_id": [
        (13, 9, "duplicate category id 'pharm' (first used at /categories/0)", "/categories/2/id"),
    ],
    "unknown_section": [
        (
            35,
            14,
            "unknown section 'opiods': not a topic of the ABA outline (trainer/data/aba_outline.yaml);"
            " did you mean 'opioids'?",
            "/questions/0/section",
        ),
    ],
    "impossible_reviewed_date": [
        (36, 15, "reviewed '2026-02-30' is not a calendar date", "/questions/0/reviewed"),
    ],
    "duplicate_case_id": [(17, 9, "duplicate case id 'case-1' (first used at /cases/0)", "/cases/1/id")],
    "duplicate_format_id": [
        (
            24,
            9,
            "duplicate interview format id 'short' (first used at /interview_formats/0)",
            "/interview_formats/1/id",
        ),
    ],
    "duplicate_question_id": [
        (38, 9, "duplicate question id 'single-1' (first used at /questions/0)", "/questions/1/id"),
    ],
    "duplicate_option_id": [
        (33, 14, "duplicate option id 'a' (first used at /questions/0/options/0)", "/questions/0/options/1/id"),
        (34, 13, "answer 'b' is not one of the options (a, a)", "/questions/0/answer"),
    ],
    "unknown_category": [
        (55, 15, "unknown category 'pharma'; the bank defines: interview, pharm", "/questions/2/category"),
    ],
    "unknown_case": [(29, 11, "unknown case 'case-9'", "/questions/0/case")],
    "answer_not_an_option": [(34, 13, "answer 'z' is not one of the options (a, b)", "/questions/0/answer")],
    "answers_not_an_option": [(48, 18, "answer 'x' is not one of the options", "/questions/1/answers/1")],
    "answer_listed_twice": [(48, 21, "answer 'a' is listed twice", "/questions/1/answers/2")],
    "all_options_correct": [
        (
            48,
            14,
            "every option is correct; a select-all question needs at least one incorrect option",
            "/questions/1/answers",
        ),
    ],
    "nan_answer": [(58, 13, "answer must be a finite number, found nan", "/questions/2/answer")],
    "nan_tolerance": [(59, 16, "tolerance must be a finite number, found nan", "/questions/2/tolerance")],
    "both_tolerances": [
        (53, 5, "give exactly one of 'tolerance' (absolute) or 'tolerance_percent'", "/questions/2"),
    ],
    "no_tolerance": [(53, 5, "give exactly one of 'tolerance' (absolute) or 'tolerance_percent'", "/questions/2")],
    "tolerance_too_large": [
        (59, 16, "tolerance 45 is as large as the answer 45: 0 would count as correct", "/questions/2/tolerance"),
    ],
    "percent_tolerance_of_zero": [
        (
            59,
            24,
            "a percent tolerance of an answer of 0 allows only 0; use 'tolerance'",
            "/questions/2/tolerance_percent",
        ),
    ],
    "format_unknown_category": [(20, 29, "unknown category 'nope'", "/interview_formats/0/categories/1")],
    "format_too_many_prompts": [
        (
            21,
            14,
            "asks for 3 prompts but the bank has only 1 open question in its categories",
            "/interview_formats/0/prompts",
        ),
    ],
    "format_prompts_outside_categories": [
        (
            21,
            14,
            "asks for 2 prompts but the bank has only 1 open question in its categories",
            "/interview_formats/0/prompts",
        ),
    ],
    "format_pin_unknown": [(21, 13, "no question 'no-such-prompt' in this bank", "/interview_formats/0/first/0")],
    "format_pin_not_open": [
        (21, 12, "question 'single-1' is a single question, not an open prompt", "/interview_formats/0/last/0"),
    ],
    "format_pin_outside_categories": [
        (
            21,
            12,
            "question 'open-2' is in category 'pharm', which this format does not draw from",
            "/interview_formats/0/last/0",
        ),
    ],
    "format_pin_twice": [(22, 12, "question 'open-1' is already pinned in 'first'", "/interview_formats/0/last/0")],
    "format_too_many_pins": [
        (23, 14, "2 prompts are pinned in first/last but the format asks only 1", "/interview_formats/0/prompts"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEMANTIC))
def test_semantic_fixture_reports_exactly_its_problems(name):
    path = INVALID / f"{name}.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    found = [(p.line, p.column, p.message, p.pointer) for p in caught.value.problems]
    assert found == SEMANTIC[name]
    for problem, (line, column, message, _) in zip(caught.value.problems, SEMANTIC[name], strict=False):
        assert str(problem).startswith(f"{path}:{line}:{column}: error: {message}")


# --- boundaries, on parsed data ----------------------------------------------------------------


@pytest.fixture(scope="module")
def minimal() -> dict:
    """The valid fixture's data as the loader hands it to ``check`` (PyYAML wants the '?' quoted)."""
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text.replace("[And then?]", '["And then?"]'))


def _numeric(data: dict) -> dict:
    return next(q for q in data["questions"] if q["type"] == "numeric")


def _messages(data: dict) -> list[tuple[str, str]]:
    return [(e.pointer, e.message) for e in check(data)]


def test_the_valid_fixture_passes_every_check(minimal):
    assert check(minimal) == []


def _with_tolerance(minimal: dict, answer: float, tolerance: float) -> dict:
    data = copy.deepcopy(minimal)
    question = _numeric(data)
    del question["tolerance_percent"]
    question["answer"], question["tolerance"] = answer, tolerance
    return data


@pytest.mark.parametrize("answer", [45, -45])
def test_a_tolerance_as_large_as_the_answer_is_refused_but_one_just_smaller_is_not(minimal, answer):
    assert _messages(_with_tolerance(minimal, answer, 45)) == [
        ("/questions/2/tolerance", f"tolerance 45 is as large as the answer {answer}: 0 would count as correct"),
    ]
    assert _messages(_with_tolerance(minimal, answer, 44.9)) == []


def test_an_absolute_tolerance_on_an_answer_of_zero_is_fine(minimal):
    assert _messages(_with_tolerance(minimal, 0, 0.5)) == []


def test_a_nan_tolerance_is_reported_once_not_also_as_too_large(minimal):
    assert _messages(_with_tolerance(minimal, 45, math.nan)) == [
        ("/questions/2/tolerance", "tolerance must be a finite number, found nan"),
    ]


def test_a_nan_percent_tolerance_is_reported(minimal):
    data = copy.deepcopy(minimal)
    _numeric(data)["tolerance_percent"] = math.nan
    assert _messages(data) == [
        ("/questions/2/tolerance_percent", "tolerance_percent must be a finite number, found nan")
    ]


def test_a_percent_tolerance_of_a_nonzero_answer_is_fine(minimal):
    data = copy.deepcopy(minimal)
    _numeric(data)["answer"] = -3
    assert _messages(data) == []


def _format(data: dict) -> dict:
    return data["interview_formats"][0]


def _add_open(data: dict, qid: str, category: str) -> None:
    opened = copy.deepcopy(next(q for q in data["questions"] if q["type"] == "open"))
    opened["id"], opened["category"] = qid, category
    data["questions"].append(opened)


def test_a_format_without_categories_counts_open_prompts_of_every_category(minimal):
    data = copy.deepcopy(minimal)
    _add_open(data, "open-2", "pharm")
    del _format(data)["categories"]
    _format(data)["prompts"] = 2
    assert _messages(data) == []
    _format(data)["prompts"] = 3
    assert _messages(data) == [
        ("/interview_formats/0/prompts", "asks for 3 prompts but the bank has only 2 open questions in its categories"),
    ]


def test_a_format_counts_only_open_questions(minimal):
    data = copy.deepcopy(minimal)
    del _format(data)["categories"]
    _format(data)["prompts"] = 2  # one open question; three knowledge questions in 'pharm' do not count
    assert _messages(data) == [
        ("/interview_formats/0/prompts", "asks for 2 prompts but the bank has only 1 open question in its categories"),
    ]


def test_a_format_with_no_open_question_in_its_categories_says_zero_questions(minimal):
    data = copy.deepcopy(minimal)
    _format(data)["categories"] = ["pharm"]
    assert _messages(data) == [
        ("/interview_formats/0/prompts", "asks for 1 prompts but the bank has only 0 open questions in its categories"),
    ]


def test_pins_up_to_the_prompt_count_are_fine_and_may_sit_in_first_or_last(minimal):
    data = copy.deepcopy(minimal)
    _add_open(data, "open-2", "interview")
    _format(data).update(first=["open-1"], last=["open-2"], prompts=2)
    assert _messages(data) == []


def test_a_pin_repeated_within_first_is_reported_at_the_repeat(minimal):
    data = copy.deepcopy(minimal)
    _format(data).update(first=["open-1", "open-1"], prompts=1)
    assert _messages(data) == [
        ("/interview_formats/0/first/1", "question 'open-1' is already pinned in 'first'"),
    ]


def test_every_problem_of_a_bank_is_reported_not_only_the_first(minimal):
    data = copy.deepcopy(minimal)
    data["categories"].append(dict(data["categories"][0]))
    data["questions"][0]["category"] = "nope"
    data["questions"][1]["answers"] = ["a", "a"]
    assert _messages(data) == [
        ("/categories/2/id", "duplicate category id 'pharm' (first used at /categories/0)"),
        ("/questions/0/category", "unknown category 'nope'; the bank defines: interview, pharm"),
        ("/questions/1/answers/1", "answer 'a' is listed twice"),
    ]


def test_an_unknown_case_is_reported_only_for_questions_that_name_one(minimal):
    data = copy.deepcopy(minimal)
    data.pop("cases")
    assert _messages(data) == [("/questions/0/case", "unknown case 'case-1'")]
    del data["questions"][0]["case"]
    assert _messages(data) == []


def test_a_bank_without_cases_or_interview_formats_is_checked_like_any_other(minimal):
    data = copy.deepcopy(minimal)
    del data["interview_formats"], data["cases"], data["questions"][0]["case"]
    assert _messages(data) == []
    data["questions"][1]["answers"] = ["a", "b", "c"]
    assert _messages(data) == [
        ("/questions/1/answers", "every option is correct; a select-all question needs at least one incorrect option"),
    ]


# --- if_rejected: a key point's link to the red flag its rejection raises ----------------------


def _open_with_flag(minimal: dict, **point_fields) -> dict:
    data = copy.deepcopy(minimal)
    question = next(q for q in data["questions"] if q["type"] == "open")
    question["red_flags"] = [
        {
            "id": "forced-taper",
            "statement": "Tapers fast",
            "keywords": ["rapid taper"],
            "why": "Withdrawal and overdose.",
        }
    ]
    question["key_points"][0].update(point_fields)
    return data


def test_if_rejected_naming_a_red_flag_of_the_question_is_fine(minimal):
    assert check(_open_with_flag(minimal, if_rejected="forced-taper")) == []


def test_if_rejected_naming_an_unknown_red_flag_is_reported_with_the_known_ones(minimal):
    [(pointer, message)] = _messages(_open_with_flag(minimal, if_rejected="abrupt-stop"))
    assert pointer == "/questions/3/key_points/0/if_rejected"
    assert message == (
        "if_rejected names red flag 'abrupt-stop', which is not one of the red flags judged with "
        "this point (forced-taper)"
    )


def test_if_rejected_on_a_reject_point_is_reported(minimal):
    [(pointer, message)] = _messages(_open_with_flag(minimal, if_rejected="forced-taper", stance="reject"))
    assert pointer.endswith("/key_points/0/if_rejected") and message.startswith(
        "if_rejected needs a point with stance endorse"
    )


def test_if_rejected_in_a_probe_must_name_a_red_flag_of_that_probe(minimal):
    data = _open_with_flag(minimal)
    question = next(q for q in data["questions"] if q["type"] == "open")
    question["probes"] = [
        {
            "prompt": "And the taper?",
            "key_points": [{"text": "Slow taper", "keywords": ["slow taper"], "if_rejected": "forced-taper"}],
        }
    ]
    [(pointer, message)] = _messages(data)
    assert pointer.endswith("/probes/0/key_points/0/if_rejected") and "(none here)" in message


# --- omission: a red flag raised by a routine plan without the key points it needs ------------


def _omission(minimal: dict, without: list[int], plans: list[str] | None = None) -> dict:
    data = _open_with_flag(minimal)
    question = next(q for q in data["questions"] if q["type"] == "open")
    question["red_flags"][0]["omission"] = {"plans": plans or ["physiotherapy"], "without": without}
    return data


def test_an_omission_naming_the_questions_key_points_is_fine(minimal):
    count = len(next(q for q in minimal["questions"] if q["type"] == "open")["key_points"])
    assert check(_omission(minimal, list(range(1, count + 1)))) == []


def test_an_omission_naming_a_key_point_past_the_last_is_reported_at_the_number(minimal):
    count = len(next(q for q in minimal["questions"] if q["type"] == "open")["key_points"])
    [(pointer, message)] = _messages(_omission(minimal, [1, count + 1]))
    assert pointer == "/questions/3/red_flags/0/omission/without/1"
    assert message.startswith(f"omission names key point {count + 1}, but only {count} key point")


def test_an_omission_plan_that_can_never_match_is_reported(minimal):
    [(pointer, message)] = _messages(_omission(minimal, [1], plans=["physiotherapy", "--"]))
    assert pointer == "/questions/3/red_flags/0/omission/plans/1" and "can never match" in message


def test_the_schema_refuses_an_omission_without_plans_or_numbered_from_zero(minimal):
    from trainer.banks import schema

    for broken in ({"without": [1]}, {"plans": ["physio"], "without": [0]}, {"plans": ["physio"], "without": []}):
        data = _open_with_flag(minimal)
        next(q for q in data["questions"] if q["type"] == "open")["red_flags"][0]["omission"] = broken
        assert not schema.is_valid(data), broken


def test_an_omission_in_a_probe_numbers_the_probes_own_key_points(minimal):
    data = copy.deepcopy(minimal)
    question = next(q for q in data["questions"] if q["type"] == "open")
    flag = {"id": "routine", "statement": "Routine care only", "keywords": ["just a strain"], "why": "Misses it."}
    question["probes"] = [
        {
            "prompt": "And then?",
            "key_points": [{"text": "Orders an MRI", "keywords": ["MRI"]}],
            "red_flags": [{**flag, "omission": {"plans": ["physiotherapy"], "without": [1, 2]}}],
        }
    ]
    [(pointer, message)] = _messages(data)  # 2 is past the probe's one point, whatever the question has
    assert pointer.endswith("/probes/0/red_flags/0/omission/without/1")
    assert message == "omission names key point 2, but only 1 key point is judged with this red flag"
