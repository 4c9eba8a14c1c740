"""Selection: filters, review modes, seeded reproducibility, retry keys, interview prompts."""

from __future__ import annotations

import pytest

from tests.practice.factory import bank, fmt, multiple, numeric, open_q, single
from trainer.practice import Review, SelectionSpec, find_format, select_keys, select_prompts, select_questions


def bank_a():
    return bank(
        "a",
        [
            single("s1", bank="a", category="pharm", difficulty=1, tags=("opioids",)),
            single("s2", bank="a", category="pharm", difficulty=3, tags=("NSAIDs",)),
            multiple("m1", bank="a", category="interv", difficulty=4),
            numeric("n1", bank="a", category="pharm", difficulty=2, tags=("mme", "opioids")),
            single("s3", bank="a", category="interv", difficulty=5, shuffle=False),
            open_q("o1", bank="a", category="motivation"),
        ],
    )


def bank_b():
    return bank(
        "b",
        [single(f"q{i}", bank="b", category="pharm", difficulty=1 + i % 5) for i in range(12)]
        + [open_q("o2", bank="b", category="motivation"), open_q("o3", bank="b", category="career")],
        formats=(fmt("quick", categories=("motivation",), prompts=2),),
    )


def ids(selection):
    return [item.question.id for item in selection.items]


def test_same_seed_same_questions_order_and_option_order_whatever_the_bank_order():
    one = select_questions([bank_a(), bank_b()], SelectionSpec(count=8, seed=11))
    two = select_questions([bank_b(), bank_a()], SelectionSpec(count=8, seed=11))
    assert one.items == two.items and len(one.items) == 8
    assert one.plan == two.plan


def test_different_seeds_give_different_orders():
    orders = {tuple(ids(select_questions([bank_a(), bank_b()], SelectionSpec(seed=s)))) for s in range(5)}
    assert len(orders) == 5


def test_no_seed_draws_one_and_records_it():
    first = select_questions([bank_b()], SelectionSpec())
    again = select_questions([bank_b()], SelectionSpec(seed=first.seed))
    assert isinstance(first.seed, int) and again.items == first.items


def test_option_order_is_shuffled_per_question_unless_shuffle_is_false():
    selection = select_questions([bank_a(), bank_b()], SelectionSpec(seed=3))
    orders = {item.question.id: item.option_order for item in selection.items}
    assert orders["s3"] == ("a", "b", "c", "d")
    assert orders["n1"] == ()
    assert all(sorted(o) == ["a", "b", "c", "d"] for k, o in orders.items() if k != "n1")
    assert len({o for k, o in orders.items() if k != "n1"}) > 3  # really shuffled


def test_option_order_of_a_question_does_not_depend_on_count_or_other_questions():
    full = {i.question.id: i.option_order for i in select_questions([bank_a(), bank_b()], SelectionSpec(seed=5)).items}
    few = select_questions([bank_a()], SelectionSpec(seed=5, count=2))
    assert all(full[i.question.id] == i.option_order for i in few.items)


def test_filters_categories_types_difficulty_tags():
    banks = [bank_a(), bank_b()]
    assert set(ids(select_questions(banks, SelectionSpec(categories=("interv",), seed=1)))) == {"m1", "s3"}
    assert set(ids(select_questions(banks, SelectionSpec(types=("numeric", "multiple"), seed=1)))) == {"n1", "m1"}
    ranged = select_questions([bank_a()], SelectionSpec(min_difficulty=2, max_difficulty=4, seed=1))
    assert set(ids(ranged)) == {"s2", "m1", "n1"}  # inclusive both ends
    assert set(ids(select_questions(banks, SelectionSpec(tags=("OPIOIDS", "nsaids"), seed=1)))) == {"s1", "s2", "n1"}


def test_quiz_default_types_exclude_open_questions():
    assert not any(q.type == "open" for q in select_questions([bank_a(), bank_b()], SelectionSpec(seed=2)).questions)


def test_count_caps_and_available_reports_all_matches():
    selection = select_questions([bank_b()], SelectionSpec(count=5, seed=2))
    assert len(selection.items) == 5 and selection.available == 12
    assert len(select_questions([bank_b()], SelectionSpec(count=50, seed=2)).items) == 12


def test_review_missed_and_flagged_keep_given_keys_unseen_excludes_seen_keys():
    banks = [bank_a(), bank_b()]
    keys = frozenset({("a", "s1"), ("b", "q3"), ("a", "gone")})
    assert set(ids(select_questions(banks, SelectionSpec(review=Review("missed", keys), seed=1)))) == {"s1", "q3"}
    assert set(ids(select_questions(banks, SelectionSpec(review=Review("flagged", keys), seed=1)))) == {"s1", "q3"}
    unseen = select_questions(banks, SelectionSpec(review=Review("unseen", keys), seed=1))
    assert "s1" not in ids(unseen) and "q3" not in ids(unseen) and len(unseen.items) == 15
    seen = Review("unseen", {("a", "m1")})
    both = select_questions(banks, SelectionSpec(categories=("interv",), review=seen, seed=1))
    assert ids(both) == ["s3"]


def test_bad_specs_are_refused():
    with pytest.raises(ValueError):
        Review("wrong", frozenset())
    with pytest.raises(ValueError):
        SelectionSpec(types=("essay",))
    with pytest.raises(ValueError):
        SelectionSpec(count=-1)


def test_select_keys_keeps_order_drops_duplicates_reports_missing():
    selection = select_keys([bank_a(), bank_b()], [("b", "q5"), ("a", "s1"), ("b", "q5"), ("a", "gone")], seed=4)
    assert ids(selection) == ["q5", "s1"]
    assert selection.missing == (("a", "gone"),)
    again = select_keys([bank_a(), bank_b()], [("b", "q5"), ("a", "s1")], seed=4)
    assert again.items == selection.items


def test_settings_describe_the_selection_plainly():
    spec = SelectionSpec(categories=("pharm",), count=3, seed=1, review=Review("missed", {("a", "s1")}))
    settings = select_questions([bank_a()], spec).settings
    assert settings["categories"] == ["pharm"] and settings["count"] == 3 and settings["review"] == "missed"


def test_prompts_from_a_format_come_from_all_banks_in_its_categories():
    banks = [bank_a(), bank_b()]
    quick = find_format(banks, "quick")
    selection = select_prompts(banks, interview_format=quick, seed=1)
    assert set(ids(selection)) == {"o1", "o2"} and selection.settings["format"] == "quick"
    everything = select_prompts(banks, interview_format=fmt("all", prompts=3), seed=1)
    assert set(ids(everything)) == {"o1", "o2", "o3"}
    assert set(ids(select_prompts(banks, categories=("career",), seed=1))) == {"o3"}
    assert len(select_prompts(banks, count=1, seed=1).items) == 1
    assert find_format(banks, "nope") is None


def pinned_bank(first=("hello",), last=("questions",), prompts=4, categories=("motivation",)):
    opens = [open_q(i, bank="p", category="motivation") for i in ("hello", "questions", "m1", "m2", "m3", "m4")]
    return bank(
        "p",
        [*opens, open_q("c1", bank="p", category="career")],
        formats=(fmt("pd", categories=categories, prompts=prompts, first=first, last=last),),
    )


@pytest.mark.parametrize("seed", range(12))
def test_a_formats_first_and_last_prompts_open_and_close_the_interview_whatever_the_seed(seed):
    banks = [pinned_bank()]
    chosen = ids(select_prompts(banks, interview_format=find_format(banks, "pd"), seed=seed))
    assert len(chosen) == 4 and chosen[0] == "hello" and chosen[-1] == "questions"
    assert set(chosen[1:-1]) <= {"m1", "m2", "m3", "m4"} and len(set(chosen)) == 4


def test_pins_keep_their_written_order_and_the_middle_still_follows_the_seed():
    banks = [pinned_bank(first=("m2", "hello"), last=("m1", "questions"), prompts=5)]
    pd = find_format(banks, "pd")
    one, two = (ids(select_prompts(banks, interview_format=pd, seed=s)) for s in (3, 3))
    assert one == two and one[:2] == ["m2", "hello"] and one[-2:] == ["m1", "questions"]
    middles = {ids(select_prompts(banks, interview_format=pd, seed=s))[2] for s in range(20)}
    assert middles == {"m3", "m4"}


def test_an_explicit_count_smaller_than_the_pins_keeps_the_closing_prompt():
    banks = [pinned_bank()]
    pd = find_format(banks, "pd")
    assert ids(select_prompts(banks, interview_format=pd, count=1, seed=1)) == ["questions"]
    assert ids(select_prompts(banks, interview_format=pd, count=2, seed=1)) == ["hello", "questions"]


def test_pins_outside_explicit_categories_are_not_asked():
    banks = [pinned_bank()]
    chosen = ids(select_prompts(banks, interview_format=find_format(banks, "pd"), categories=("career",), seed=1))
    assert chosen == ["c1"]
