"""The answer judge's rules at their edges, each as a candidate or a bank author relies on it:
where a negation's scope starts and ends, which cues cancel, which keyword forms match, when a
clause is a list, how the sentence cap shares sentences out, what a red flag costs, and what a
stored verdict keeps. (The broad behaviour is in test_judge.py; these pin the exact rules of
docs/judging.md and the judge's docstring.)"""

from __future__ import annotations

import pytest

from trainer.banks.model import KeyPoint, RedFlag
from trainer.practice import judge as judge_module
from trainer.practice import lexicon
from trainer.practice.judge import (
    CAPPED,
    CONTRADICTED,
    COVERED,
    DEFAULT_JUDGE,
    LISTED,
    MISSED,
    UNQUALIFIED,
    Evidence,
    FlagJudgement,
    Judgement,
    NegExJudge,
    PointJudgement,
    flag_penalty,
    listed_clauses,
    mentions,
    prepare,
    score,
    sentence_cap,
    stored_flags,
    tokenize,
)


@pytest.fixture(autouse=True)
def judged_from_scratch():
    """Keywords and words are compiled afresh in every test, so each one exercises the rules
    rather than what an earlier test left in the caches."""
    caches = (judge_module.compile_keyword, judge_module._forms, judge_module._is_aux, lexicon.word_keys)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def point(*keywords: str, stance: str = "endorse", requires=()) -> KeyPoint:
    return KeyPoint(f"about {keywords[0]}", keywords, requires=tuple(requires), stance=stance)


def judged(text: str, *points: KeyPoint, flags=(), synonyms=()):
    return DEFAULT_JUDGE.judge(text, points, flags, synonyms)


def status(text: str, *points: KeyPoint) -> list[str]:
    return [p.status for p in judged(text, *points).points]


def negated(text: str, keyword: str) -> list[bool]:
    return [m.negated for m in mentions(text, keyword)]


def sentence_of(text: str, p: PointJudgement) -> str:
    assert p.evidence is not None
    return text[slice(*p.evidence.sentence)]


# --- sentences, clauses, items ------------------------------------------------------------


def test_sentences_split_after_end_marks_blank_lines_and_before_bullets():
    text = "I would taper.  Then   check the PDMP!\n\n- naloxone\n1) UDT\n* CBT"
    pieces = [text[a:b] for a, b in prepare(text).sentences]
    assert [p for p in pieces if p.strip()] == [
        "I would taper.",
        "Then   check the PDMP!",
        "- naloxone",
        "1) UDT",
        "* CBT",
    ]


def test_a_sentence_after_a_blank_line_is_its_own_evidence():
    text = "I would taper.\n\nI would give naloxone."
    (p,) = judged(text, point("naloxone")).points
    assert sentence_of(text, p) == "I would give naloxone."


def test_a_decimal_point_and_an_ellipsis_inside_a_word_do_not_end_a_sentence():
    text = "Dose 3.5 mg daily. Then review… then stop"
    assert [text[a:b] for a, b in prepare(text).sentences] == ["Dose 3.5 mg daily.", "Then review…", "then stop"]


def test_empty_and_blank_answers_have_one_empty_sentence():
    assert prepare("").sentences == ((0, 0),) and prepare("").tokens == () and prepare("").clauses == ()
    assert prepare("   ").text == "   "
    assert prepare("   ").sentences == ((0, 3),)


def test_clauses_split_at_semicolons_and_colons_and_items_at_commas_slashes_and_bullets():
    tokens, _ = tokenize("Taper, PDMP; naloxone: UDT / CBT \u2022 ACT.\n- SCS\nIt\u2019s fine")
    assert [(t.text, t.sentence, t.clause, t.item) for t in tokens] == [
        ("Taper", 0, 0, 0),
        ("PDMP", 0, 0, 1),
        ("naloxone", 0, 1, 2),
        ("UDT", 0, 2, 3),
        ("CBT", 0, 2, 4),
        ("ACT", 0, 2, 5),
        ("SCS", 2, 3, 6),
        ("It\u2019s", 2, 3, 6),
        ("fine", 2, 3, 6),
    ]
    assert tokens[7].raw == "it's" and tokens[7].lower == "it"


def test_words_are_counted_per_sentence():
    assert prepare("I would taper slowly. Then stop. ").sentence_words == (4, 2, 0)


# --- negation scope ------------------------------------------------------------------------


def test_a_sentence_end_ends_a_negation_both_ways():
    assert negated("He did not sleep. Opioids helped him.", "opioids") == [False]
    assert negated("Opioids help. Surgery is not indicated.", "opioids") == [False]
    assert negated("Gabapentin is what she has. No other drug helps.", "gabapentin") == [False]


def test_a_cue_that_opens_a_new_clause_negates_that_clause():
    assert negated("I examined her; no opioids for this pain.", "opioids") == [True]
    assert negated("No opioids: physiotherapy first.", "physiotherapy") == [False]


def test_a_cue_followed_by_a_comma_negates_nothing():
    assert negated("If he won't, physiotherapy at home.", "physiotherapy") == [False]
    assert negated("If he won't attend, physiotherapy at home.", "attend") == [True]


def test_instead_and_rather_end_a_scope_unless_they_are_cues():
    assert negated("I wouldn't wait, instead start exercise.", "exercise") == [False]
    assert negated("I would not wait, rather start exercise.", "exercise") == [False]
    # "instead of" / "rather than" after a "not" are a second negation: what follows is chosen
    assert negated("I would not use tramadol instead of gabapentin.", "gabapentin") == [False]
    assert negated("I would not choose surgery rather than physiotherapy.", "physiotherapy") == [False]
    assert negated("I would use exercise instead of opioids.", "opioids") == [True]


def test_each_conjunct_with_its_own_cue_is_negated_also_after_a_comma():
    assert negated("No NSAIDs, no ketamine.", "ketamine") == [True]
    assert negated("No NSAIDs, no ketamine.", "NSAIDs") == [True]


def test_and_or_with_a_plan_verb():
    assert negated("I wouldn't repeat the scan, and order bloods.", "order bloods") == [False]  # a new plan
    assert negated("I wouldn't repeat the scan, or order bloods.", "order bloods") == [True]  # still refused
    assert negated("I wouldn't repeat the scan and order bloods.", "order bloods") == [True]  # one refusal
    assert negated("I won't start opioids and we will refer her to physiotherapy.", "physiotherapy") == [False]
    assert negated("I would stop the opioids, and", "opioids") == [False]


def test_post_negation_by_contractions_and_cannot():
    for text in (
        "Opioids cannot fix this.",
        "Opioids won't fix this.",
        "Opioids would never help.",
        "Opioids are not helpful here.",
    ):
        assert negated(text, "opioids") == [True], text
    assert negated("Opioids never help.", "opioids") == [False]  # "never" negates what follows it


def test_someone_elses_avoidance_is_not_a_cue():
    for text in (
        "She has been avoiding stairs.",
        "They avoid stairs.",
        "The patients avoid stairs.",
        "He avoids stairs.",
    ):
        assert negated(text, "stairs") == [False], text
    assert negated("We avoid stairs for now.", "stairs") == [True]


def test_no_as_an_answer_is_not_a_cue():
    assert negated("Would I stop? No. Opioids help her.", "opioids") == [False]
    assert negated("No, opioids help her.", "opioids") == [False]
    assert negated("Would I stop them? No", "stop") == [False]
    assert negated("No opioids help her.", "opioids") == [True]


def test_pseudo_negations_are_consumed_whole():
    assert negated("No more than 50 MME of opioids.", "opioids") == [False]
    assert negated("I would not exceed the dose of opioids.", "opioids") == [False]
    assert negated("Opioids, if not tapered, are risky.", "opioids") == [False]


def test_the_pre_negation_window_is_ten_words():
    assert negated("Never give this frail man with poor balance at home opioids.", "opioids") == [True]  # 10th
    assert negated("Never give this frail man with poor balance at home any opioids.", "opioids") == [False]


def test_the_post_negation_window_is_six_words_and_stops_at_a_comma():
    assert negated("Opioids for her back pain now are not indicated.", "opioids") == [True]
    assert negated("Opioids for her back pain at night are not indicated.", "opioids") == [False]
    assert negated("Opioids are in my view not indicated.", "opioids") == [True]
    assert negated("Opioids, in my view, are not indicated.", "opioids") == [False]


def test_two_cues_cancel_only_when_at_most_six_words_apart():
    assert negated("I would not in any case for this woman avoid exercise.", "exercise") == [False]
    assert negated("I would not in any case for this older woman avoid exercise.", "exercise") == [True]


def test_a_pseudo_negation_blocks_only_its_own_words():
    assert negated("I would never start opioids at no more than ten milligrams.", "opioids") == [True]
    assert negated("Without question, avoid opioids for her.", "opioids") == [True]
    assert negated("No doubt she hurts, but no opioids for now.", "opioids") == [True]
    assert negated("No doubt she hurts, but opioids are not indicated.", "opioids") == [True]
    assert negated("Oxycodone has no more than a small role.", "oxycodone") == [False]
    assert negated("Opioids are dangerous no matter the dose.", "opioids") == [True]
    assert negated("No doubt she hurts, but opioids are not helpful.", "opioids") == [True]
    assert negated("No doubt she hurts, but opioids are unnecessary.", "opioids") == [True]


def test_the_answers_own_avoidance_is_a_cue_wherever_it_stands():
    assert negated("Avoid opioids for these patients.", "opioids") == [True]
    assert negated("She avoids walking, so we never push her.", "push her") == [True]


def test_a_comma_after_a_post_negation_keeps_it_and_a_comma_before_a_cue_does_not_matter():
    assert negated("Opioids would never, in my view, help her.", "opioids") == [True]
    assert negated("Rest, not opioids.", "opioids") == [True]


def test_a_new_clause_after_a_comma_or_an_and_or_ends_the_scope():
    assert negated("I would not wait, refer her.", "refer her") == [False]  # a plan verb with an object
    assert negated("I would not start opioids, she walks daily.", "walks daily") == [False]  # a subject
    assert negated("I would not start opioids, the pain is mild.", "mild") == [False]  # an auxiliary
    assert negated("I would not give opioids and she walks daily.", "walks daily") == [False]
    assert negated("I would not start opioids or we could try tramadol.", "tramadol") == [False]
    assert negated("I would avoid opioids, and benzodiazepines too.", "benzodiazepines") == [True]  # no new clause
    assert negated("Opioids, I think, are not indicated.", "opioids") == [False]


def test_cues_out_of_scope_or_elliptical_do_not_hide_a_later_cue():
    assert negated("I would not rush, but no opioids for now.", "opioids") == [True]
    assert negated("Never, absolutely never opioids.", "opioids") == [True]
    assert negated("For her, absolutely no opioids.", "opioids") == [True]


def test_a_chain_is_broken_only_by_what_stands_between_its_cues():
    assert negated("She is anxious and I would not avoid exercise.", "exercise") == [False]
    assert negated("I would keep her working, and not avoid exercise.", "exercise") == [False]
    assert negated("Either no tramadol or no codeine.", "codeine") == [True]


def test_pre_and_post_cues_together_cancel():
    assert negated("I would not say opioids are unnecessary.", "opioids") == [False]
    assert negated("No NSAIDs and no ketamine would be a mistake.", "ketamine") == [False]
    assert negated("No tramadol or no codeine at all would be a mistake.", "codeine") == [False]


def test_a_post_cue_up_to_a_comma_or_the_last_word():
    assert negated("Opioids are contraindicated, in my view.", "opioids") == [True]
    assert negated("I consider tramadol unnecessary.", "tramadol") == [True]


def test_a_keywords_own_words_are_not_a_cue_for_it():
    assert negated("Mixing them is dangerous.", "dangerous") == [False]


# --- keywords: leading cues, gaps, capitals, classes, synonyms ------------------------------


@pytest.mark.parametrize(
    "keyword",
    [
        "do not escalate",
        "does not escalate",
        "did not escalate",
        "would not escalate",
        "should not escalate",
        "will not escalate",
        "don't escalate",
        "never escalate",
        "avoid escalating",
        "refrain from escalating",
    ],
)
def test_a_keyword_that_starts_with_a_cue_is_met_by_rejecting_the_rest(keyword):
    assert status("I would not escalate it.", point(keyword)) == [COVERED]
    assert status("Escalating it is unlikely to help.", point(keyword)) == [COVERED]
    assert status("I would escalate it.", point(keyword)) == [CONTRADICTED]


def test_a_keyword_that_starts_with_a_multi_word_cue():
    steer = point("steer clear of benzodiazepines")
    assert status("I would not prescribe benzodiazepines.", steer) == [COVERED]
    assert status("I would start benzodiazepines.", steer) == [CONTRADICTED]
    blame = point("without blame")
    assert status("I would talk to her without blame.", blame) == [COVERED]
    assert status("I would blame her.", blame) == [CONTRADICTED]


def test_a_keyword_that_is_only_a_cue_is_matched_as_written():
    assert status("I would avoid that.", point("avoid")) == [COVERED]
    assert status("I would never do that.", point("never")) == [COVERED]
    assert status("I would do that.", point("never")) == [MISSED]


def test_at_most_two_words_between_the_words_of_a_keyword_within_one_item():
    text = "I would stop the oxycodone abruptly."
    (p,) = judged(text, point("stop abruptly")).points
    assert p.status == COVERED and p.evidence.words == "stop the oxycodone abruptly"
    assert status("I would stop the oxycodone tablets abruptly.", point("stop abruptly")) == [MISSED]
    assert status("I would stop it, abruptly.", point("stop abruptly")) == [MISSED]


def test_case_sensitive_abbreviations_anywhere_in_a_keyword():
    assert status("I would refer to PT.", point("refer to PT")) == [COVERED]
    assert status("I would refer to pt.", point("refer to PT")) == [MISSED]
    assert status("I would arrange a PT referral.", point("PT referral")) == [COVERED]
    assert status("I would arrange a pt referral.", point("PT referral")) == [MISSED]


def test_a_lower_case_word_before_the_capitalised_abbreviation_does_not_hide_it():
    assert status("The pt would benefit from PT.", point("PT")) == [COVERED]


def test_the_of_form_keeps_capitals():
    text = "I would order a CT of the chest."
    (p,) = judged(text, point("chest CT")).points
    assert p.status == COVERED and p.evidence.words == "CT of the chest"
    assert status("I would order a ct of the chest.", point("chest CT")) == [MISSED]
    assert status("I would order a chest and then a CT.", point("chest CT")) == [MISSED]


def test_a_class_in_the_middle_or_at_either_end_of_a_keyword_is_met_by_a_member():
    assert status("I would stop the diazepam.", point("stop the benzodiazepine")) == [COVERED]
    assert status("I would plan a diazepam taper.", point("benzodiazepine taper")) == [COVERED]
    assert status("I would plan a slow diazepam taper.", point("slow benzodiazepine taper")) == [COVERED]
    (p,) = judged("I would plan a diazepam taper.", point("benzodiazepine taper")).points
    assert p.evidence.via == "diazepam" and p.evidence.words == "diazepam taper"


def test_a_synonym_at_either_end_of_a_keyword():
    assert status("I would offer an SCS trial.", point("spinal cord stimulator trial")) == [COVERED]
    assert status("I would offer a trial of spinal cord stimulation.", point("trial of SCS")) == [COVERED]
    (p,) = judged("She is awaiting a spinal cord stimulator trial.", point("SCS trial")).points
    assert p.evidence.via == "spinal cord stimulator" and p.evidence.keyword == "SCS trial"


def test_the_keyword_as_written_is_reported_over_a_synonym_matching_the_same_words():
    found = mentions("I would offer an epidural steroid injection.", "epidural steroid injection")
    whole = [m for m in found if m.text("I would offer an epidural steroid injection.") == "epidural steroid injection"]
    assert [m.via for m in whole] == [None]


def test_a_keyword_written_as_one_word():
    assert status("I would use a nonopioid analgesic.", point("non-opioid")) == [COVERED]
    assert status("I would use a non-opioid analgesic.", point("nonopioid")) == [MISSED]


def test_extra_synonym_groups_of_a_judge():
    walking = NegExJudge(groups=(("walking", "ambulation"),))
    (p,) = walking.judge("I would encourage ambulation every day.", (point("walking"),)).points
    assert p.status == COVERED and p.evidence.via == "ambulation"
    assert status("I would encourage ambulation every day.", point("walking")) == [MISSED]


# --- lists and fragments ---------------------------------------------------------------------


def listed(text: str, mention_words=None) -> list[int]:
    return sorted(listed_clauses(prepare(text), mention_words or {}))


def test_four_short_items_are_a_list_even_with_a_verb():
    assert listed("Give taper, PDMP, UDT, naloxone") == [0]
    assert listed("Give taper, check PDMP, send UDT, offer naloxone") == [0]  # two words an item on average
    assert listed("Give the taper, check PDMP, send UDT, offer naloxone") == []  # a little more
    assert listed("Give taper, PDMP, naloxone") == []  # three items with a verb explain something
    assert listed("Give taper, PDMP, UDT, naloxone. Slow taper. Naloxone kit.") == [0, 1, 2]


def test_three_verbless_items_of_three_words_at_most_are_a_list():
    assert listed("Naloxone rescue kit, monthly PDMP review, weekly pain diary") == [0]
    assert listed("Naloxone rescue kit, monthly PDMP review, weekly pain diary at home") == []
    assert listed("Naloxone rescue kit, monthly PDMP review") == []


def test_keywords_filling_three_quarters_of_a_clause_make_it_a_list_even_with_a_verb():
    assert listed("Stop the oxycodone", {0: 3}) == [0]
    assert listed("Stop the oxycodone now", {0: 3}) == [0]
    assert listed("Stop the oxycodone", {0: 2}) == []
    assert listed("Stop oxycodone", {0: 2}) == []  # two words with a verb: a short instruction


def test_keywords_filling_half_a_verbless_clause_or_all_of_a_one_word_fragment():
    assert listed("Naloxone for the family", {0: 2}) == [0]
    assert listed("Naloxone for the family", {0: 1}) == []
    assert listed("Naloxone", {0: 1}) == [0]
    assert listed("Naloxone") == []
    assert listed("Naloxone kit", {0: 1}) == [0]  # half of two words
    assert listed("Naloxone for her", {0: 1}) == []  # a third


def test_a_short_fragment_next_to_another_verbless_clause_is_a_list():
    assert listed("Slow taper; naloxone at each visit") == [0, 1]
    assert listed("Slow taper; naloxone at every single visit") == [0]  # five words: not short
    assert listed("Slow taper. Naloxone kit for home.") == [0, 1]
    assert listed("Slow taper. Naloxone kit for her home.") == [0]
    assert listed("Slow taper. ! Naloxone kit.") == []  # an empty sentence between: not neighbours
    assert listed("I would explain it. Naloxone kit.") == []  # the neighbour has a verb
    assert listed("I would explain it. Naloxone kit. Slow taper.") == [1, 2]


def test_the_verb_test_edges():
    for clause, has_verb in [
        ("Tablets for you at night", False),
        ("you decide", True),
        ("Physio and I", False),
        ("I personally", True),
        ("Stopping opioids", False),
        ("Advice to taper", True),
        ("Her treatments continue", True),
        ("Her treatments continues", False),
        ("The class continue", False),
        ("Opioids tapered", True),
        ("Taper slowly", True),
        ("Opioids tapered slowly", True),
        ("Tapered", False),
        ("Fed up", False),
        ("Injected steroid dose", False),
        ("Check kidneys", True),
        ("To taper", True),
        ("i personally", True),
        ("Slow taper plan", True),
        ("Opioids tapered, naloxone", True),
        ("Her damaged nerve", False),
        ("Two tablets daily", False),
        ("Opioids used", False),
        ("Her treatments continuing", False),
        ("Pain eased", True),
    ]:
        assert prepare(clause).clause_has_verb == (has_verb,), clause


# --- statuses, qualifiers, the sentence cap ----------------------------------------------------


def test_overlapping_keywords_count_their_shared_words_once_for_the_density_rule():
    assert status("Order a urine drug test.", point("urine drug test"), point("drug test")) == [COVERED, COVERED]


def test_listed_wins_over_unqualified_which_wins_over_contradicted():
    text = "I would not taper. PDMP, naloxone, UDT."
    (p,) = judged(text, point("taper", "naloxone")).points
    assert p.status == LISTED and p.evidence.words == "naloxone" and sentence_of(text, p) == "PDMP, naloxone, UDT."
    text = "I would not start gabapentin. I would start gabapentin."
    (p,) = judged(text, point("gabapentin", requires=[("renal",)])).points
    assert p.status == UNQUALIFIED and sentence_of(text, p) == "I would start gabapentin."
    text = "We discussed exercise. I would not start gabapentin."
    (p,) = judged(text, point("gabapentin")).points
    assert p.status == CONTRADICTED and p.evidence.span == (text.index("gabapentin"), len(text) - 1)


def test_every_requires_group_must_be_said_in_the_same_or_a_neighbouring_sentence():
    renal = point("gabapentin", requires=[("renal", "kidney"), ("dose",)])
    assert status("I would start gabapentin at a low dose. Her kidney function is poor.", renal) == [COVERED]
    assert status("Her kidney function is poor. I would start gabapentin at a low dose.", renal) == [COVERED]
    assert status("I would start gabapentin. Her kidney function is poor.", renal) == [UNQUALIFIED]
    middle = "Her kidney function is poor. I would start gabapentin. The dose is low."
    assert status(middle, renal) == [COVERED]
    two_before = "Her kidney function is poor. She lives alone. I would start gabapentin at a low dose."
    assert status(two_before, renal) == [UNQUALIFIED]


def test_a_rejected_mention_is_contradicted_whether_or_not_it_is_qualified():
    assert status("I would not start gabapentin.", point("gabapentin", requires=[("renal",)])) == [CONTRADICTED]


def test_a_point_with_two_sentences_gives_way_to_points_with_one():
    text = "I would address exercise, sleep, mood and naloxone. I would also give naloxone."
    points = judged(text, point("naloxone"), point("exercise"), point("sleep"), point("mood")).points
    assert [p.status for p in points] == [COVERED] * 4
    assert sentence_of(text, points[0]) == "I would also give naloxone."
    assert all(sentence_of(text, p) == text[: text.index(".") + 1] for p in points[1:])


def test_a_point_goes_to_its_least_loaded_sentence_then_its_first():
    text = "I would offer exercise and naloxone. Naloxone is for her safety."
    exercise, naloxone = judged(text, point("exercise"), point("naloxone")).points
    assert sentence_of(text, naloxone) == "Naloxone is for her safety." and naloxone.evidence.words == "Naloxone"
    text = "I would offer naloxone today. Naloxone is for her safety."
    (p,) = judged(text, point("naloxone")).points
    assert sentence_of(text, p) == "I would offer naloxone today."


def test_a_capped_point_keeps_its_nearest_mention_as_evidence():
    text = "I would address exercise, sleep, mood and naloxone."
    points = judged(text, point("exercise"), point("sleep"), point("mood"), point("naloxone")).points
    assert [p.status for p in points] == [COVERED, COVERED, COVERED, CAPPED]
    assert points[3].evidence.words == "naloxone" and points[3].verdict().matched == ()


@pytest.mark.parametrize(("words", "cap"), [(0, 3), (44, 3), (59, 3), (60, 4), (74, 4), (75, 5), (90, 6)])
def test_the_sentence_cap_is_one_point_per_fifteen_words_and_at_least_three(words, cap):
    assert sentence_cap(words) == cap


def test_a_long_sentence_may_carry_more_than_three_points():
    keywords = ("exercise", "sleep", "mood", "naloxone")
    filler = " ".join(["and", "we", "would", "talk", "about", "it", "together", "with", "her", "family"] * 6)
    text = f"I would address exercise, sleep, mood and naloxone {filler}."
    assert len(prepare(text).tokens) >= 60
    assert status(text, *(point(k) for k in keywords)) == [COVERED] * 4


# --- red flags and the score ----------------------------------------------------------------

SEEKING = RedFlag("seeking", "Labels the patient drug-seeking", ("drug seeking",), "Stigmatising.")
ABRUPT = RedFlag("abrupt", "Stops opioids abruptly", ("stop",), "Withdrawal and overdose.", requires=(("abruptly",),))
HUMBLE = RedFlag("humble", "Humble-brag", ("work too hard",), "A cliché.", kind="cliche")


def test_a_red_flag_in_a_bare_list_or_without_its_qualifier_is_not_raised():
    assert judged("Drug seeking, anxiety, poor sleep.", flags=(SEEKING,)).flags == ()
    assert judged("I would stop the oxycodone.", flags=(ABRUPT,)).flags == ()
    raised = judged("I would stop the oxycodone abruptly.", flags=(ABRUPT,)).flags
    assert [(f.id, f.statement, f.kind, f.why, f.evidence.words) for f in raised] == [
        ("abrupt", "Stops opioids abruptly", "unsafe", "Withdrawal and overdose.", "stop")
    ]


def test_the_flag_evidence_is_its_first_endorsed_mention():
    text = "I would not call her drug seeking. Frankly she is drug seeking."
    (flag,) = judged(text, flags=(SEEKING,)).flags
    assert flag.evidence.span == (text.rindex("drug seeking"), text.rindex("drug seeking") + len("drug seeking"))
    assert text[slice(*flag.evidence.sentence)] == "Frankly she is drug seeking."


def test_penalties_per_kind_from_judgements_and_from_stored_dicts():
    text = "She is drug seeking. I work too hard."
    flags = judged(text, flags=(SEEKING, HUMBLE)).flags
    assert [f.kind for f in flags] == ["unsafe", "cliche"]
    assert flag_penalty(flags) == pytest.approx(0.40)
    assert flag_penalty([{"kind": "cliche"}, {"kind": "unsafe"}, {}]) == pytest.approx(0.65)
    assert flag_penalty([]) == 0.0


def test_the_score_is_the_covered_share_minus_penalties_never_below_zero():
    points = (point("exercise"), point("sleep"), point("mood"), point("weight"))
    text = "I would start exercise. I would improve her sleep. I work too hard."
    j = judged(text, *points, flags=(HUMBLE,))
    assert j.score == pytest.approx(0.5 - 0.15)
    assert score(j.verdicts({2: True, 3: True}), j.flags) == pytest.approx(1.0 - 0.15)
    assert score(j.verdicts({0: False, 1: False}), j.flags) == 0.0
    assert score((), ()) == 0.0 and score(()) == 0.0
    assert score(j.verdicts()) == pytest.approx(0.5)


# --- verdicts and what is stored ------------------------------------------------------------


def test_a_verdict_keeps_words_and_synonym_only_when_covered_and_the_sentence_always():
    text = "I would not offer SCS. She walks daily."
    (p,) = judged(text, point("spinal cord stimulation")).points
    v = p.verdict(override=True)
    assert (v.covered, v.status, v.matched, v.via, v.override, v.final) == (False, CONTRADICTED, (), (), True, True)
    assert v.text == "about spinal cord stimulation"
    assert text[slice(*v.evidence)] == "I would not offer SCS." and [text[a:b] for a, b in v.spans] == ["SCS"]
    missed = judged(text, point("naloxone")).points[0].verdict()
    assert (missed.evidence, missed.spans, missed.matched, missed.via, missed.override) == (None, (), (), (), None)
    plain = judged("I would offer naloxone.", point("naloxone")).points[0].verdict()
    assert plain.matched == ("naloxone",) and plain.via == ()  # no synonym: nothing to report


def test_judgement_verdicts_apply_overrides_by_point_index():
    j = judged("I would start exercise.", point("exercise"), point("sleep"))
    assert [v.final for v in j.verdicts({1: True})] == [True, True]
    assert [v.override for v in j.verdicts({0: False})] == [False, None]
    assert [v.override for v in j.verdicts(None)] == [None, None]
    assert isinstance(j, Judgement) and j.points[1].index == 1 and j.points[1].text == "about sleep"


def test_flags_round_trip_through_their_stored_form():
    text = "Honestly, she is drug seeking."
    (flag,) = judged(text, flags=(SEEKING,)).flags
    stored = flag.as_dict()
    start = text.index("drug")
    assert stored == {
        "id": "seeking",
        "statement": "Labels the patient drug-seeking",
        "kind": "unsafe",
        "why": "Stigmatising.",
        "evidence": {
            "keyword": "drug seeking",
            "via": None,
            "words": "drug seeking",
            "span": [start, start + 12],
            "sentence": [0, len(text)],
        },
    }
    assert FlagJudgement.from_dict(stored) == flag
    assert stored_flags({"red_flags": [stored, "not a flag", 3]}) == (flag,)
    assert stored_flags({}) == ()


def test_a_stored_flag_with_missing_fields_reads_with_defaults():
    assert FlagJudgement.from_dict({}) == FlagJudgement("", "", "unsafe", "", Evidence("", None, "", (0, 0), (0, 0)))
    partial = FlagJudgement.from_dict({"id": 7, "kind": "cliche", "evidence": {"span": [3, 9], "via": "x"}})
    assert partial == FlagJudgement("7", "", "cliche", "", Evidence("", "x", "", (3, 9), (3, 9)))
    with_sentence = FlagJudgement.from_dict(
        {
            "evidence": {"span": ["3", "9"], "sentence": [0, 20], "words": "abc", "keyword": "k"},
            "statement": "s",
            "why": "w",
        }
    )
    assert with_sentence == FlagJudgement("", "s", "unsafe", "w", Evidence("k", None, "abc", (3, 9), (0, 20)))
    assert FlagJudgement.from_dict({"evidence": None}).evidence == Evidence("", None, "", (0, 0), (0, 0))


def test_evidence_as_stored():
    e = Evidence("spinal cord stimulation", "SCS", "SCS", (10, 13), (0, 20))
    assert e.as_dict() == {
        "keyword": "spinal cord stimulation",
        "via": "SCS",
        "words": "SCS",
        "span": [10, 13],
        "sentence": [0, 20],
    }
