"""The interview judge: negation scope, stance, red flags, qualifiers, lists, the sentence cap,
the lexicon (abbreviations, irregular forms), evidence, the issue's example sentences, and
properties that hold for any answer built from natural sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.banks.model import KeyPoint, RedFlag
from trainer.practice import lexicon
from trainer.practice.judge import (
    CAPPED,
    CONTRADICTED,
    COVERED,
    DEFAULT_JUDGE,
    JUDGE_VERSION,
    LISTED,
    MISSED,
    UNQUALIFIED,
    NegExJudge,
    mentions,
    prepare,
    score,
    sentence_cap,
)


def status(text: str, *points: KeyPoint, synonyms=()) -> list[str]:
    return [p.status for p in DEFAULT_JUDGE.judge(text, points, (), synonyms).points]


def negated(text: str, keyword: str) -> list[bool]:
    return [m.negated for m in mentions(text, keyword)]


def point(*keywords: str, stance: str = "endorse", requires=()) -> KeyPoint:
    return KeyPoint(f"about {keywords[0]}", keywords, requires=tuple(requires), stance=stance)


ABRUPT = point("do not stop abruptly", "abrupt discontinuation")
OPIOIDS_REJECTED = point("opioids", stance="reject")
LABEL = RedFlag("label", "Labels the patient drug-seeking", ("drug seeking", "drug seeker"), "Stigmatising.")
CLICHE = RedFlag(
    "perfectionist",
    "Disguised-strength weakness",
    ("perfectionist", "care too much"),
    "Interviewers hear it daily; name a real weakness.",
    kind="cliche",
)


# --- the example sentences ---------------------------------------------------------


def test_never_stop_abruptly_and_stop_abruptly_no_longer_earn_the_same_credit():
    assert status("I would never stop her opioids abruptly.", ABRUPT) == [COVERED]
    assert status("I would stop her opioids abruptly.", ABRUPT) == [CONTRADICTED]


def test_a_comma_separated_keyword_list_scores_nothing():
    points = (point("taper"), point("PDMP"), point("naloxone"), point("urine drug test"))
    assert status("Taper, PDMP, naloxone, urine drug test.", *points) == [LISTED] * 4
    explained = (
        "I would agree a slow taper with him. I would check the PDMP before every prescription. "
        "I would give him naloxone to keep at home. I would also send a urine drug test."
    )
    assert status(explained, *points) == [COVERED] * 4


def test_a_point_that_needs_two_things_needs_both_near_each_other():
    renal = point("gabapentin", requires=[("renal", "kidney")])
    assert status("I would start gabapentin.", renal) == [UNQUALIFIED]
    assert status("I would start gabapentin at a lower dose because of her kidney function.", renal) == [COVERED]
    assert status("I would start gabapentin. Her renal function limits the dose.", renal) == [COVERED]  # adjacent
    far = "I would start gabapentin. She lives alone. She likes walking. Her renal function is poor."
    assert status(far, renal) == [UNQUALIFIED]


def test_irregular_forms_and_abbreviations_are_understood():
    assert status("The diagnoses were clear.", point("diagnosis")) == [COVERED]
    assert status("Two vertebrae were fractured.", point("vertebra")) == [COVERED]
    for abbreviation, keyword in [
        ("SCS", "spinal cord stimulation"),
        ("DRG", "dorsal root ganglion"),
        ("RFA", "radiofrequency ablation"),
        ("ESI", "epidural steroid injection"),
        ("CBT", "cognitive behavioural therapy"),
        ("MME", "morphine milligram equivalent"),
        ("TCA", "tricyclic antidepressant"),
        ("SNRI", "serotonin norepinephrine reuptake inhibitor"),
        ("OUD", "opioid use disorder"),
        ("MOUD", "medication for opioid use disorder"),
        ("PT", "physical therapy"),
        ("OT", "occupational therapy"),
        ("ACT", "acceptance and commitment therapy"),
    ]:
        both_ways = (f"I would consider {abbreviation} for her.", f"I would consider {keyword} for her.")
        assert status(both_ways[0], point(keyword)) == [COVERED], abbreviation
        assert status(both_ways[1], point(abbreviation)) == [COVERED], abbreviation
    assert status("I would refer her for PT/OT.", point("physiotherapy"), point("occupational therapist")) == [
        COVERED,
        COVERED,
    ]


def test_ambiguous_abbreviations_count_only_in_capitals():
    assert status("I would act on it and see the pt today.", point("ACT"), point("PT")) == [MISSED, MISSED]
    assert status(
        "I would offer ACT and PT.", point("acceptance and commitment therapy"), point("physical therapy")
    ) == [COVERED, COVERED]


def test_a_negation_or_contrast_between_a_keywords_words_breaks_the_match():
    tablets = point("NSAID tablets")
    assert status("I would give him NSAID tablets for a fortnight.", tablets) == [COVERED]
    assert status("I would give him NSAID gel tablets for a fortnight.", tablets) == [COVERED]  # a gap of one
    assert status("I would give him a topical NSAID rather than tablets.", tablets) == [MISSED]
    assert status("I would use an NSAID, but not tablets.", tablets) == [MISSED]
    stop = point("stop abruptly")
    assert status("I would stop her opioids abruptly.", stop) == [COVERED]
    assert status("I would stop, never abruptly.", stop) == [MISSED]


def test_a_cliche_weakness_does_not_score_like_an_answer():
    points = (point("weakness"), point("example"), point("plan"))
    answer = "My greatest weakness is that I'm a perfectionist, I just care too much about my work."
    judged = DEFAULT_JUDGE.judge(answer, points, (CLICHE,))
    assert [f.id for f in judged.flags] == ["perfectionist"]
    assert judged.score == pytest.approx(max(0.0, 1 / 3 - 0.15))
    assert judged.score < 0.2


def test_a_correct_paraphrase_meets_a_do_not_escalate_point():
    no_escalation = point("do not increase", "not escalate")
    answer = "Going up is unlikely to help, so I would not increase it."
    assert status(answer, no_escalation) == [COVERED]
    assert status("I would increase the dose to help her.", no_escalation) == [CONTRADICTED]


# --- negation scope (NegEx) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I would not start opioids.",
        "No opioids.",
        "I'd never prescribe opioids here.",
        "I would avoid opioids.",
        "I wouldn't use opioids.",
        "I refuse to start opioids.",
        "I would decline to prescribe opioids.",
        "Rather than opioids, gabapentin.",
        "Instead of opioids, exercise.",
        "I would stop short of opioids.",
        "Opioids are not indicated.",
        "Opioids are unnecessary here.",
        "Opioids should be avoided.",
        "Nobody should get opioids for this.",
    ],
)
def test_pre_and_post_negation_cues(text):
    assert negated(text, "opioids") == [True]


@pytest.mark.parametrize(
    "text",
    [
        "I would start opioids.",
        "Opioids are indicated.",
        "I would not avoid opioids.",  # double negation
        "I would never be without naloxone and opioids.",  # never without
        "I don't want to avoid opioids entirely.",
        "Not only opioids but also exercise.",  # pseudo-negation
        "I would not just use opioids.",
        "No doubt opioids help some patients.",
        "I would refer without delay and use opioids.",
        "No, I would start opioids.",  # an interjection
        "I would not start gabapentin, but I would use opioids.",  # 'but' ends the scope
        "I wouldn't rush; however, opioids are reasonable.",
        "I would not use NSAIDs because opioids are safer.",
        "I would not increase it; opioids stay as they are.",
    ],
)
def test_negations_that_do_not_reach_or_cancel(text):
    assert negated(text, "opioids") == [False]


def test_not_only_but_also_negates_neither_part():
    text = "I would not only check the PDMP but also offer naloxone."
    assert negated(text, "PDMP") == [False] and negated(text, "naloxone") == [False]


def test_each_conjunct_with_its_own_no_is_negated_and_a_shared_not_covers_both():
    assert negated("No tramadol and no codeine for her.", "codeine") == [True]
    assert negated("I would not start opioids or benzodiazepines.", "benzodiazepines") == [True]
    assert negated("I wouldn't bother sending bloods or ordering an X-ray.", "order an X-ray") == [True]


def test_a_new_clause_ends_the_scope():
    assert negated("I would not start opioids, and I would refer her to physiotherapy.", "physiotherapy") == [False]
    assert negated("Her scan is not abnormal and the tear is small.", "small") == [False]
    assert negated("I can't examine her today, and refer her to the clinic.", "refer") == [False]
    assert negated("If she doesn't, the nurse should call her.", "call her") == [False]


def test_the_window_is_limited():
    far = (
        "I would not, whatever the family says on the phone this evening or tomorrow, ever "
        "be keen to prescribe opioids."
    )
    assert negated(far, "opioids") == [False]  # more than ten words away
    # "hesitate to" is a cue of its own (negex-6): "not hesitate to" is a double negation
    near = "I would not hesitate to prescribe opioids."
    assert negated(near, "opioids") == [False]
    assert negated("I would hesitate to prescribe opioids.", "opioids") == [True]


def test_a_keyword_starting_with_a_cue_means_its_remainder_rejected():
    assert negated("I would not increase it.", "do not increase") == [False]  # said: met
    assert negated("I would increase it.", "do not increase") == [True]
    assert negated("There is no evidence for it.", "no evidence") == [False]
    assert negated("The evidence does not support it.", "no evidence") == [False]


# --- stance and red flags ------------------------------------------------------------------


def test_reject_stance_is_met_by_a_rejection_not_an_endorsement():
    assert status("I would avoid opioids for her back pain.", OPIOIDS_REJECTED) == [COVERED]
    assert status("I would start opioids for her back pain.", OPIOIDS_REJECTED) == [CONTRADICTED]
    assert status("I would focus on exercise.", OPIOIDS_REJECTED) == [MISSED]


def test_an_endorsed_red_flag_is_raised_and_a_rejected_mention_is_not():
    judge = DEFAULT_JUDGE.judge
    raised = judge("Honestly I think she is drug seeking.", (point("exercise"),), (LABEL,))
    assert [f.id for f in raised.flags] == ["label"] and raised.flags[0].why == "Stigmatising."
    assert raised.flags[0].evidence.words == "drug seeking"
    for rejected in (
        "I would not label her as drug seeking.",
        "Calling her a drug seeker would be a mistake.",
        "Rather than calling her drug seeking, I would ask what is going on.",
    ):
        assert judge(rejected, (point("exercise"),), (LABEL,)).flags == (), rejected


def test_red_flags_lower_the_score_by_a_fixed_share_floored_at_zero():
    points = (point("exercise"), point("sleep"))
    good = "I would start graded exercise. I would work on her sleep."
    assert DEFAULT_JUDGE.judge(good, points, (LABEL,)).score == 1.0
    judged = DEFAULT_JUDGE.judge(good + " I think she is drug seeking.", points, (LABEL, CLICHE))
    assert judged.score == pytest.approx(0.75)
    both = DEFAULT_JUDGE.judge("She is drug seeking. I am a perfectionist.", points, (LABEL, CLICHE))
    assert [f.kind for f in both.flags] == ["unsafe", "cliche"] and both.score == 0.0
    assert score(judged.verdicts({1: False}), judged.flags) == pytest.approx(0.25)


def test_red_flag_qualifiers_must_be_near():
    flag = RedFlag("abrupt", "Stops abruptly", ("stop",), "Withdrawal and overdose risk.", requires=(("abruptly",),))
    assert DEFAULT_JUDGE.judge("I would stop the oxycodone abruptly.", (), (flag,)).flags
    assert not DEFAULT_JUDGE.judge("I would stop the oxycodone over months. She walks daily.", (), (flag,)).flags


# --- lists, fragments and the sentence cap --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Taper, PDMP, naloxone.",
        "- taper\n- PDMP\n- naloxone",
        "Taper; PDMP; naloxone.",
        "Key points: taper, PDMP, naloxone, urine drug test, CBT.",
        "Taper PDMP naloxone",
        "I would say: taper, PDMP, naloxone, CBT.",
        "Naloxone.",
    ],
)
def test_bare_lists_and_fragments_earn_nothing(text):
    assert set(status(text, point("taper"), point("PDMP"), point("naloxone"))) - {MISSED} == {LISTED}


@pytest.mark.parametrize(
    ("clause", "has_verb"),
    [
        ("I check the PDMP", True),
        ("we referred her", True),
        ("it's a taper", True),
        ("Check renal function", True),
        ("Tapered slowly over months", True),
        ("She would need naloxone", True),
        ("Don't stop it", True),
        ("to review the plan", True),
        ("Taper, PDMP, naloxone", False),
        ("Urine drug test", False),
        ("Increased risk of overdose", False),
        ("Physical therapy and CBT", False),
    ],
)
def test_the_verb_test_without_a_tagger(clause, has_verb):
    assert prepare(clause).clause_has_verb == (has_verb,)


def test_a_single_telegraphic_sentence_is_still_credited():
    assert status("I would assess her first. Renal dosing for gabapentin.", point("gabapentin")) == [COVERED]


def test_one_sentence_covers_at_most_three_points():
    points = tuple(point(k) for k in ("exercise", "sleep", "mood", "naloxone"))
    crammed = "I would address exercise, sleep, mood and naloxone."
    assert status(crammed, *points).count(COVERED) == 3 and CAPPED in status(crammed, *points)
    spread = "I would address exercise and sleep. I would ask about mood. I would offer naloxone."
    assert status(spread, *points) == [COVERED] * 4
    assert sentence_cap(10) == 3 and sentence_cap(60) == 4


# --- evidence, synonyms, versions ---------------------------------------------------------------


def test_evidence_is_the_sentence_and_words_that_earned_the_point():
    text = "She has CKD. I would offer an SCS trial after psychology review."
    judged = DEFAULT_JUDGE.judge(text, (point("spinal cord stimulation"),))
    (p,) = judged.points
    assert p.evidence.words == "SCS" and p.evidence.via == "SCS" and p.evidence.keyword == "spinal cord stimulation"
    assert text[slice(*p.evidence.sentence)] == "I would offer an SCS trial after psychology review."
    verdict = p.verdict()
    assert verdict.matched == ("SCS",) and verdict.via == ("SCS", "spinal cord stimulation")
    assert verdict.status == COVERED and text[slice(*verdict.spans[0])] == "SCS"


def test_bank_synonyms_are_used_and_reported_in_the_banks_spelling():
    synonyms = (("naloxone", ("Narcan", "rescue spray")),)
    judged = DEFAULT_JUDGE.judge("I would give her a rescue spray and Narcan.", (point("naloxone"),), (), synonyms)
    assert judged.points[0].covered and judged.points[0].evidence.via == "rescue spray"
    assert mentions("She has narcan at home.", "naloxone", synonyms)[0].via == "Narcan"


def test_the_judge_carries_its_version():
    assert DEFAULT_JUDGE.version == JUDGE_VERSION == DEFAULT_JUDGE.judge("x", ()).judge
    assert NegExJudge(version="other").judge("x", ()).judge == "other"


def test_the_rule_lemma_is_the_fallback_without_lemminflect(monkeypatch):
    lexicon.word_keys.cache_clear()
    monkeypatch.setattr(lexicon, "_LOADED", True)
    monkeypatch.setattr(lexicon, "try_lemminflect", None)
    try:
        assert lexicon.word_keys("tapering") == lexicon.word_keys("taper")
        assert not lexicon.word_keys("diagnoses") & lexicon.word_keys("diagnosis")  # the known miss, by design
    finally:
        monkeypatch.undo()
        lexicon.word_keys.cache_clear()
    assert lexicon.word_keys("diagnoses") & lexicon.word_keys("diagnosis")


# --- properties -------------------------------------------------------------------------------

KEYWORDS = ["exercise", "naloxone", "physical therapy", "sleep", "the PDMP", "a taper"]
POINTS = tuple(point(k.removeprefix("the ").removeprefix("a ")) for k in KEYWORDS)
VERBS = ["offer", "arrange", "discuss", "recommend", "check"]
SUBJECTS = ["I would", "We should", "I will", "I'd"]

affirmed = st.builds(
    lambda s, v, k: f"{s} {v} {k}.", st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(KEYWORDS)
)
filler = st.sampled_from(
    ["I see her every week.", "She works as a teacher.", "We would meet again soon.", "Her husband came with her."]
)


def covered(text: str) -> list[bool]:
    return [p.covered for p in DEFAULT_JUDGE.judge(text, POINTS).points]


@settings(max_examples=60, deadline=None)
@given(st.lists(affirmed, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_reordering_sentences_does_not_change_coverage(sentences, rng):
    shuffled = list(sentences)
    rng.shuffle(shuffled)
    assert covered(" ".join(shuffled)) == covered(" ".join(sentences))


@settings(max_examples=60, deadline=None)
@given(st.lists(affirmed, min_size=1, max_size=5), filler, st.integers(min_value=0, max_value=5))
def test_adding_an_unrelated_sentence_never_removes_a_covered_point(sentences, extra, where):
    before = covered(" ".join(sentences))
    grown = list(sentences)
    grown.insert(where % (len(grown) + 1), extra)
    after = covered(" ".join(grown))
    assert all(a or not b for a, b in zip(after, before, strict=True))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(KEYWORDS))
def test_negating_a_sentence_flips_endorse_and_reject_stances(subject, verb, keyword):
    plain = f"{subject} {verb} {keyword}."
    modal, _, rest = subject.partition(" ")
    denied = f"{subject} not {verb} {keyword}." if rest else f"{modal} never {verb} {keyword}."
    word = keyword.removeprefix("the ").removeprefix("a ")
    endorse, reject = point(word), point(word, stance="reject")
    assert status(plain, endorse, reject) == [COVERED, CONTRADICTED]
    assert status(denied, endorse, reject) == [CONTRADICTED, COVERED]
    double = f"{subject} not avoid {keyword}." if rest else f"{modal} never avoid {keyword}."
    assert status(double, endorse, reject) == [COVERED, CONTRADICTED]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(KEYWORDS), min_size=2, max_size=6, unique=True),
    st.sampled_from([", ", "; ", "\n- ", " / "]),
)
def test_a_bare_list_of_keywords_never_covers_a_point(items, separator):
    text = ("- " if separator == "\n- " else "") + separator.join(items)
    assert not any(covered(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(affirmed, filler), min_size=1, max_size=6))
def test_evidence_is_an_exact_slice_inside_its_sentence(sentences):
    text = " ".join(sentences)
    for p in DEFAULT_JUDGE.judge(text, POINTS).points:
        if p.evidence is not None:
            (a, b), (s, e) = p.evidence.span, p.evidence.sentence
            assert text[a:b] == p.evidence.words and s <= a < b <= e


@settings(max_examples=60, deadline=None)
@given(st.lists(affirmed, min_size=1, max_size=5))
def test_case_does_not_change_coverage(sentences):
    text = " ".join(sentences)
    assert (
        covered(text.upper())
        == covered(text)
        == covered(text.lower().replace("i would", "I would").replace("i'd", "I'd").replace("i will", "I will"))
    )


def test_lemminflect_is_loaded_only_when_judging():
    import subprocess
    import sys

    code = (
        "import sys; import trainer.practice.interview, trainer.practice.judge as j; "
        "print('lemminflect' in sys.modules); j.DEFAULT_JUDGE.judge('The diagnoses were clear.', ()); "
        "print('lemminflect' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.split() == ["False", "True"], done.stderr


def test_the_patients_avoidance_is_not_the_answers_negation():
    assert negated("She has been avoiding stairs, so we would practise stairs together.", "practise stairs") == [False]
    assert negated("I would tell him to avoid stairs.", "stairs") == [True]


def test_drug_classes_are_met_by_their_members_one_way():
    assert status("I would avoid diazepam with his oxycodone.", point("benzodiazepine", stance="reject")) == [COVERED]
    assert status("I would avoid benzodiazepines.", point("diazepam", stance="reject")) == [MISSED]
    assert status("I would start ibuprofen for a week.", point("NSAID")) == [COVERED]


def test_number_words_and_persons():
    assert status("I would see her again in twelve weeks.", point("12 weeks")) == [COVERED]
    assert status("I would explain his goals to him.", point("your goals")) == [COVERED]
    assert status("An X-ray can help.", point("cane")) == [MISSED]  # the rule lemma of cane is not the modal


def test_a_semicolon_plan_with_content_is_not_a_list():
    answer = (
        "First steps: review the medication list; a graded walking programme with a physiotherapist; "
        "simple analgesia at regular times."
    )
    assert status(answer, point("walking programme")) == [COVERED]


def test_a_negated_report_of_a_negative_statement_rejects_it():
    ultimatum = RedFlag("ultimatum", "Says nothing more can be done", ("nothing more we can offer",), "Abandonment.")
    answer = "I would never tell her there is nothing more we can offer; her other treatments continue."
    judged = DEFAULT_JUDGE.judge(answer, (point("treatment"),), (ultimatum,))
    assert judged.flags == () and judged.points[0].status == COVERED
    assert DEFAULT_JUDGE.judge("I told her there is nothing more we can offer.", (), (ultimatum,)).flags


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_judged_without_error_and_evidence_stays_inside_it(text):
    flags = (LABEL, CLICHE)
    judged = DEFAULT_JUDGE.judge(text, POINTS + (ABRUPT, OPIOIDS_REJECTED), flags)
    assert 0.0 <= judged.score <= 1.0
    for p in judged.points:
        if p.evidence is not None:
            assert text[slice(*p.evidence.span)] == p.evidence.words


def test_a_noun_compound_also_matches_its_of_form_but_a_verb_phrase_is_not_reversed():
    assert status("He reports a loss of weight since spring.", point("weight loss")) == [COVERED]
    assert status("I would start with an assessment of her function.", point("function assessment")) == [COVERED]
    assert status("I would keep the clopidogrel and stop nothing.", point("stop clopidogrel")) == [MISSED]


# --- if_rejected: turning down the safe course raises the unsafe one's red flag ---------------

FORCED = RedFlag("forced-taper", "Tapers rapidly or against her will", ("rapid taper", "abrupt"), "Withdrawal.")
SLOW = KeyPoint(
    "Slow, agreed taper",
    ("slow taper", "taper slowly", "slow"),
    requires=(("taper", "reduce"),),
    if_rejected="forced-taper",
)


def flags_of(text: str, *points: KeyPoint, red_flags=(FORCED,)) -> list[str]:
    return [f.id for f in DEFAULT_JUDGE.judge(text, points, red_flags).flags]


@pytest.mark.parametrize(
    "text",
    [
        "The taper doesn't need to be slow; 25% a week is fine.",
        "I wouldn't taper slowly, there is no time for that.",
        "There's no need for a slow taper here.",
    ],
)
def test_rejecting_a_point_raises_the_red_flag_it_names(text):
    judged = DEFAULT_JUDGE.judge(text, (SLOW,), (FORCED,))
    assert judged.points[0].status == CONTRADICTED
    [flag] = judged.flags
    assert flag.id == "forced-taper" and "slow" in flag.evidence.words.lower()


@pytest.mark.parametrize(
    "text",
    [
        "I would agree a slow taper with her, 10% a month.",
        "I'd taper slowly, and I would never taper rapidly.",
        "If we agree to reduce, it would be slow, with pauses.",
    ],
)
def test_covering_the_point_raises_nothing(text):
    assert flags_of(text, SLOW) == []


def test_without_the_link_a_rejection_only_contradicts_the_point():
    # (a flag whose own keywords name the fast course is raised by the contrary anyway: see
    # tests/practice/test_judge_mechanisms.py; this one names no rate)
    forced = RedFlag("forced-taper", "Tapers against her will", ("taper her anyway",), "Withdrawal.")
    unlinked = KeyPoint(SLOW.text, SLOW.keywords, SLOW.requires)
    judged = DEFAULT_JUDGE.judge("The taper doesn't need to be slow.", (unlinked,), (forced,))
    assert judged.points[0].status == CONTRADICTED and judged.flags == ()
    judged = DEFAULT_JUDGE.judge("The taper doesn't need to be slow.", (unlinked,), (FORCED,))
    assert [f.id for f in judged.flags] == ["forced-taper"]  # "rapid taper": its contrary, rejected


def test_a_rejection_in_a_bare_list_or_without_its_qualifier_raises_nothing():
    assert flags_of("Not slow, not gentle, not agreed.", SLOW) == []  # no taper/reduce nearby: unqualified
    assert flags_of("Taper: not slow, no pauses, no PDMP, no naloxone.", SLOW) == []  # a list


def test_a_flag_raised_by_its_own_keywords_is_raised_once_with_that_evidence():
    [flag] = DEFAULT_JUDGE.judge("I'd do a rapid taper. The taper doesn't need to be slow.", (SLOW,), (FORCED,)).flags
    assert flag.evidence.words == "rapid taper"


# --- limits are not negations (found by the bank authors' phrasings) -------


@pytest.mark.parametrize(
    "text",
    [
        "I would taper no faster than 10% a month.",
        "I'd increase the methadone no more often than every five to seven days.",
        "Reduce it no more frequently than monthly.",
        "Increase it not more often than weekly.",
        "Hold it for no fewer than three days.",
    ],
)
def test_a_limit_is_not_a_negation(text):
    keyword = {"taper": "taper", "Reduce": "reduce", "Hold": "hold"}.get(text.split()[0].strip("I'd"), "increase")
    keyword = next(k for k in ("taper", "increase", "reduce", "hold") if k in text.lower())
    assert negated(text, keyword) == [False]


def test_no_and_a_comparative_without_than_still_negates():
    assert negated("No faster taper, and no more opioids.", "opioids") == [True]
    assert negated("I would not increase it any further.", "increase") == [True]
