"""Selection rules asserted exactly (written against mutation testing, docs/testing.md):
inclusive difficulty bounds, any-of tags ignoring case, refusals with their messages, the
recorded settings, resuming a plan, and which bank wins a duplicated key."""

from __future__ import annotations

import pytest

from tests.practice.factory import bank, fmt, numeric, open_q, single
from trainer.history.records import PlannedItem
from trainer.practice.selection import (
    PlanMismatch,
    Review,
    SelectedItem,
    SelectionSpec,
    items_for_plan,
    open_prompts,
    option_order,
    select_keys,
    select_prompts,
    select_questions,
)


def graded():
    return bank(
        "g",
        [
            single(
                f"d{d}",
                bank="g",
                category="pharm" if d % 2 else "interv",
                difficulty=d,
                tags=("Opioids",) if d <= 2 else ("nsaids",),
            )
            for d in range(1, 6)
        ],
    )


def chosen(spec: SelectionSpec, banks=None) -> list[str]:
    return sorted(item.question.id for item in select_questions(banks or [graded()], spec).items)


def test_difficulty_bounds_are_inclusive():
    assert chosen(SelectionSpec(min_difficulty=2, max_difficulty=4)) == ["d2", "d3", "d4"]
    assert chosen(SelectionSpec(min_difficulty=5)) == ["d5"]
    assert chosen(SelectionSpec(max_difficulty=1)) == ["d1"]


def test_tags_match_any_of_them_ignoring_case():
    assert chosen(SelectionSpec(tags=("opioids",))) == ["d1", "d2"]
    assert chosen(SelectionSpec(tags=("NSAIDS", "none"))) == ["d3", "d4", "d5"]
    assert chosen(SelectionSpec(tags=("none",))) == []


def test_categories_and_types_filter_together():
    assert chosen(SelectionSpec(categories=("pharm",))) == ["d1", "d3", "d5"]
    assert chosen(SelectionSpec(categories=("pharm",), types=("multiple",))) == []
    assert chosen(SelectionSpec()) == ["d1", "d2", "d3", "d4", "d5"]


def test_review_admits_exactly_its_keys_or_for_unseen_all_others():
    keys = {("g", "d1"), ("g", "d2")}
    assert Review("missed", keys).admits(("g", "d1")) and not Review("missed", keys).admits(("g", "d3"))
    assert not Review("unseen", keys).admits(("g", "d1")) and Review("unseen", keys).admits(("g", "d3"))
    assert Review("flagged", [["g", "d1"]]).keys == frozenset({("g", "d1")})  # lists from JSON become keys


def test_refusals_say_what_is_wrong():
    with pytest.raises(ValueError) as caught:
        Review("later", frozenset())
    assert str(caught.value) == "unknown review mode 'later'; use one of missed, flagged, unseen"
    with pytest.raises(ValueError) as caught:
        SelectionSpec(types=("essay", "single", "cloze"))
    assert str(caught.value) == "unknown question type(s): cloze, essay"
    with pytest.raises(ValueError) as caught:
        SelectionSpec(count=-1)
    assert str(caught.value) == "count must not be negative"
    assert SelectionSpec(count=0).count == 0


def test_settings_record_every_filter():
    spec = SelectionSpec(
        categories=("pharm",),
        types=("single",),
        min_difficulty=2,
        max_difficulty=4,
        tags=("opioids",),
        count=2,
        seed=9,
        review=Review("flagged", {("g", "d1")}),
    )
    selection = select_questions([graded()], spec)
    assert selection.settings == {
        "categories": ["pharm"],
        "types": ["single"],
        "min_difficulty": 2,
        "max_difficulty": 4,
        "tags": ["opioids"],
        "count": 2,
        "review": "flagged",
    }
    assert SelectionSpec().as_settings()["review"] is None


def test_a_selection_records_its_seed_versions_and_how_many_matched():
    other = bank("h", [single("x", bank="h")], version="2.1.0")
    selection = select_questions([graded(), other], SelectionSpec(count=2, seed=5))
    assert (selection.seed, selection.available, len(selection.items)) == (5, 6, 2)
    assert selection.bank_versions == {"g": "1.0.0", "h": "2.1.0"}
    assert selection.plan == tuple(
        PlannedItem(q.bank_id, q.id, q.content_hash, i.option_order)
        for q, i in zip(selection.questions, selection.items, strict=False)
    )


def test_the_first_bank_wins_a_key_that_appears_twice():
    first = bank("g", [single("d1", bank="g", hash="first")])
    second = bank("g", [single("d1", bank="g", hash="second")])
    assert [q.content_hash for q in select_questions([first, second], SelectionSpec(seed=1)).questions] == ["first"]
    assert [q.content_hash for q in select_keys([second, first], [("g", "d1")], seed=1).questions] == ["second"]


def test_option_order_of_a_question_without_options_is_empty():
    assert option_order(numeric(), 3) == ()
    assert option_order(single(shuffle=False), 3) == ("a", "b", "c", "d")
    assert sorted(option_order(single(), 3)) == ["a", "b", "c", "d"]


def test_select_keys_records_the_keys_and_counts_only_those_found():
    selection = select_keys([graded()], [["g", "d2"], ("g", "gone"), ("g", "d2")], seed=3)
    assert selection.settings == {"keys": [["g", "d2"], ["g", "gone"]]}
    assert (selection.available, selection.seed, selection.missing) == (1, 3, (("g", "gone"),))
    assert selection.bank_versions == {"g": "1.0.0"}
    assert selection.items[0].option_order == option_order(selection.items[0].question, 3)


def test_prompts_from_a_format_record_it_and_use_its_prompt_count():
    opens = [open_q(f"o{i}", bank="p", category="motivation") for i in range(4)]
    quick = fmt("quick", prompts=3)
    p = bank("p", opens, formats=(quick,))
    selection = select_prompts([p], interview_format=quick, seed=2)
    assert len(selection.items) == 3 and selection.available == 4
    assert selection.settings["format"] == "quick" and selection.settings["types"] == ["open"]
    assert select_prompts([p], seed=2).settings["format"] is None
    assert len(select_prompts([p], interview_format=quick, count=1, seed=2).items) == 1
    assert open_prompts(selection) == selection.questions


def test_pinned_prompts_count_as_available_and_keep_the_selection_seed():
    opens = [open_q(f"o{i}", bank="p", category="motivation") for i in range(4)]
    pinned = fmt("pinned", prompts=3, first=("o0",), last=("o3",))
    p = bank("p", opens, formats=(pinned,))
    selection = select_prompts([p], interview_format=pinned, seed=8)
    ids = [q.id for q in selection.questions]
    assert ids[0] == "o0" and ids[-1] == "o3" and len(ids) == 3
    assert (selection.available, selection.seed) == (4, 8)
    assert select_prompts([p], interview_format=pinned, count=0, seed=8).items == ()


def test_a_format_from_no_given_bank_pins_nothing():
    opens = [open_q(f"o{i}", bank="p", category="motivation") for i in range(3)]
    stray = fmt("stray", prompts=3, first=("o2",))
    selection = select_prompts([bank("p", opens)], interview_format=stray, seed=1)
    assert sorted(q.id for q in selection.questions) == ["o0", "o1", "o2"]


def test_a_plan_is_rebuilt_exactly_with_its_recorded_option_order():
    g = graded()
    plan = [PlannedItem("g", "d3", "h-d3", ("d", "c", "b", "a")), PlannedItem("g", "d1", "h-d1", ())]
    items = items_for_plan([g], plan)
    assert items == (SelectedItem(g.question("d3"), ("d", "c", "b", "a")), SelectedItem(g.question("d1"), ()))


def test_a_plan_that_cannot_be_rebuilt_lists_every_problem():
    plan = [PlannedItem("g", "d1", "h-d1"), PlannedItem("g", "gone", "h"), PlannedItem("g", "d2", "changed")]
    with pytest.raises(PlanMismatch) as caught:
        items_for_plan([graded()], plan)
    assert str(caught.value) == (
        "cannot resume: g/gone is no longer in the banks; g/d2 was edited since the session started"
    )


def test_a_drawn_seed_is_a_non_negative_31_bit_number_and_is_recorded():
    seeds = {select_keys([graded()], [("g", "d1")]).seed for _ in range(64)}
    assert all(isinstance(s, int) and 0 <= s < 2**31 for s in seeds)
    assert max(seeds) >= 2**24 and len(seeds) > 60  # drawn from the whole range, not a few values


def test_option_order_follows_the_session_seed():
    orders = {select_keys([graded()], [("g", "d1")], seed=s).items[0].option_order for s in range(12)}
    assert len(orders) > 1
    alone = bank("g", [single("only", bank="g")])
    orders = {select_questions([alone], SelectionSpec(seed=s)).items[0].option_order for s in range(12)}
    assert len(orders) > 1  # the same question, shown in other orders in other sessions


def motivation_bank(**pins):
    opens = [open_q(f"o{i}", bank="p", category="motivation") for i in range(5)]
    return bank("p", opens, formats=(fmt("f", prompts=3, **pins),))


@pytest.mark.parametrize("seed", range(6))
def test_a_format_with_only_opening_or_only_closing_pins_still_places_them(seed):
    only_first = motivation_bank(first=("o4",))
    ids = [
        q.id
        for q in select_prompts([only_first], interview_format=only_first.interview_formats[0], seed=seed).questions
    ]
    assert ids[0] == "o4" and len(ids) == 3
    only_last = motivation_bank(last=("o0",))
    ids = [
        q.id for q in select_prompts([only_last], interview_format=only_last.interview_formats[0], seed=seed).questions
    ]
    assert ids[-1] == "o0" and len(ids) == 3


def test_prompt_selections_record_seed_count_and_settings_with_or_without_pins():
    plain = motivation_bank()
    pinned = motivation_bank(first=("o1",), last=("o2",))
    for b in (plain, pinned):
        selection = select_prompts([b], interview_format=b.interview_formats[0], seed=21)
        assert selection.seed == 21
        assert selection.settings == {
            "categories": [],
            "types": ["open"],
            "min_difficulty": None,
            "max_difficulty": None,
            "tags": [],
            "count": 3,
            "review": None,
            "format": "f",
        }
        assert all(item.option_order == () for item in selection.items)
