"""The judge's mechanisms added for red flags said in the candidate's own words (docs/judging.md):
contraries of rate, the predicative alternation, evidential frames, the index visit and the
prescription signature. Sentences written for these tests, not taken from the gold set."""

from __future__ import annotations

from trainer.banks.model import KeyPoint, Omission, RedFlag
from trainer.practice.judge import CONTRADICTED, COVERED, DEFAULT_JUDGE, mentions


def raised(text: str, *flags: RedFlag, points: tuple[KeyPoint, ...] = ()) -> set[str]:
    return {f.id for f in DEFAULT_JUDGE.judge(text, points, flags).flags}


def status(text: str, *points: KeyPoint) -> list[str]:
    return [p.status for p in DEFAULT_JUDGE.judge(text, points).points]


FAST_WEAN = RedFlag("fast-wean", "Weans the benzodiazepine fast", ("rapid wean", "wean quickly"), "Seizure risk.")
FIXED = RedFlag("fixed", "Calls the headache tension-type without a history", ("tension headache",), "Misses SAH.")


# --- contraries of rate (negative strengthening) -------------------------------------------


def test_rejecting_the_slow_course_endorses_the_fast_one():
    assert raised("There's no point in a slow wean for someone this young.", FAST_WEAN) == {"fast-wean"}
    assert raised("I wouldn't bother to wean him slowly.", FAST_WEAN) == {"fast-wean"}
    assert raised("I don't think a gradual wean is needed.", FAST_WEAN) == {"fast-wean"}


def test_choosing_the_slow_course_raises_nothing():
    assert raised("I'd do a slow wean over several months.", FAST_WEAN) == set()
    assert raised("I would wean him slowly and review him every fortnight.", FAST_WEAN) == set()
    assert raised("I would never wean him quickly.", FAST_WEAN) == set()
    # double negation keeps the slow course: "not without a slow wean"
    assert raised("I wouldn't stop it without a slow wean.", FAST_WEAN) == set()


def test_a_one_word_keyword_has_no_contrary():
    abrupt = RedFlag("abrupt", "Stops abruptly", ("abrupt",), "Withdrawal.")
    assert raised("Not slow, not gentle, not agreed.", abrupt) == set()


def test_contraries_do_not_widen_key_points():
    slow = KeyPoint("Weans slowly", ("slow wean",))
    assert status("I would never do a rapid wean.", slow) != [COVERED]


def test_the_contrary_is_reported_as_the_synonym_it_went_through():
    judged = DEFAULT_JUDGE.judge("A slow wean isn't necessary here.", (), (FAST_WEAN,))
    assert judged.flags[0].evidence.via == "not slow wean"


# --- the predicative alternation ------------------------------------------------------------


def test_an_adjective_said_after_a_copula_meets_the_attributive_keyword():
    assert raised("I think his headache is tension-type and nothing more.", FIXED) == {"fixed"}
    benign = RedFlag("benign", "Calls it benign", ("benign headache",), "Misses SAH.")
    assert raised("Her headache is probably benign, so I'd send her home.", benign) == {"benign"}
    assert raised("The headache seems entirely benign.", benign) == {"benign"}


def test_a_negation_inside_the_copular_chain_negates_the_mention():
    benign = RedFlag("benign", "Calls it benign", ("benign headache",), "Misses SAH.")
    assert raised("This headache is not benign until proven otherwise.", benign) == set()
    assert raised("A thunderclap headache can't be assumed to be benign.", benign) == set()
    assert [m.negated for m in mentions("The headache isn't benign.", "benign headache")] == [True]


def test_the_predicative_form_covers_and_contradicts_key_points():
    slow = KeyPoint("Keeps the wean slow", ("slow wean",))
    assert status("The wean has to be slow, a tenth every fortnight.", slow) == [COVERED]
    assert status("The wean doesn't need to be slow.", slow) == [CONTRADICTED]


def test_the_copular_chain_is_not_counted_as_keyword_density():
    slow = KeyPoint("Keeps the wean slow", ("slow wean",))
    assert status("I'd say the wean should really be slow.", slow) == [COVERED]


def test_qualifiers_are_not_widened_to_the_predicative_form():
    # "his morphine dose is low" says nothing of the pregabalin dose in the next sentence
    renal = KeyPoint("Renal dosing of pregabalin", ("pregabalin",), requires=(("low dose", "renal"),))
    assert status("His morphine dose is low. I'd add pregabalin 150 mg twice a day.", renal) != [COVERED]
    assert status("I'd add pregabalin at a low dose.", renal) == [COVERED]


def test_a_predicative_frame_needs_a_copula():
    benign = RedFlag("benign", "Calls it benign", ("benign headache",), "Misses SAH.")
    assert raised("The headache made me think of benign causes first.", benign) == set()


# --- evidential frames (pyConText existence modifiers) -------------------------------------

MALINGERING = RedFlag("malingering", "Calls the patient a malingerer", ("is malingering",), "Stigmatising.")


def test_an_evidential_frame_asserts_the_label_as_the_copula_does():
    assert raised("Wanting a sick note is a sign of malingering.", MALINGERING) == {"malingering"}
    assert raised("Asking for a note at the first visit is a typical sign of malingering.", MALINGERING) == {
        "malingering"
    }
    assert raised("To me the inconsistent exam is suggestive of malingering.", MALINGERING) == {"malingering"}
    assert raised("The story is consistent with malingering.", MALINGERING) == {"malingering"}


def test_a_negated_evidential_frame_raises_nothing():
    assert raised("Asking for a sick note is not a sign of malingering.", MALINGERING) == set()
    assert raised("An inconsistent exam isn't evidence of malingering.", MALINGERING) == set()
    assert raised("I would never say his story is consistent with malingering.", MALINGERING) == set()


def test_evidential_frames_extend_only_copular_label_keywords():
    seeker = RedFlag("seeker", "Calls him a drug seeker", ("is a drug seeker",), "Stigmatising.")
    assert raised("Asking by name is a sign of a drug seeker.", seeker) == set()  # no frame for "is a ..."
    plain = RedFlag("plain", "Names the label", ("malingering",), "Stigmatising.")
    judged = DEFAULT_JUDGE.judge("It is a sign of malingering.", (), (plain,))
    assert judged.flags and judged.flags[0].evidence.via is None  # the bare keyword, no frame needed


# --- the medication signature --------------------------------------------------------------

STRONG_OPIOID = RedFlag("strong-opioid", "Starts a strong opioid first", ("start morphine",), "Not first line.")


def test_a_drug_with_a_strength_in_the_candidates_plan_is_an_order_for_it():
    assert raised("I'd give paracetamol and morphine 10 mg four times a day.", STRONG_OPIOID) == {"strong-opioid"}
    assert raised("We will keep things simple: morphine 5mg at night.", STRONG_OPIOID) == {"strong-opioid"}
    assert raised("I would go with modified-release morphine 20 mg twice daily.", STRONG_OPIOID) == {"strong-opioid"}


def test_the_patients_current_medicine_is_not_an_order():
    assert raised("She is on morphine 10 mg twice a day and I'd review it.", STRONG_OPIOID) == set()
    assert raised("I'd ask how her morphine 10 mg is working.", STRONG_OPIOID) == set()
    assert raised("I would check whether she's taking morphine 30 mg at night.", STRONG_OPIOID) == set()


def test_a_drug_being_stopped_or_changed_is_not_started():
    assert raised("I'd stop the morphine 10 mg and start a lidocaine plaster.", STRONG_OPIOID) == set()
    assert raised("I would taper the morphine 60 mg slowly.", STRONG_OPIOID) == set()


def test_without_a_plan_or_a_strength_the_signature_says_nothing():
    assert raised("Morphine 10 mg is a common starting dose.", STRONG_OPIOID) == set()  # no plan stated
    assert raised("I'd think about morphine later.", STRONG_OPIOID) == set()  # no strength
    assert raised("I would not use morphine 10 mg in a frail man.", STRONG_OPIOID) == set()  # negated


def test_the_signature_reports_what_it_went_through():
    judged = DEFAULT_JUDGE.judge("I'd add morphine 10 mg at night.", (), (STRONG_OPIOID,))
    assert judged.flags[0].evidence.words == "morphine 10 mg"
    assert judged.flags[0].evidence.via == "morphine with a dose"


# --- consequence frames --------------------------------------------------------------------

STOP_STEROID = RedFlag("stop-steroid", "Stops his prednisolone at once", ("stop the prednisolone",), "Adrenal crisis.")
EARLY_DRIVING = RedFlag("driving", "Lets him drive on day one", ("driving straight away",), "Sedation.")


def test_a_statement_followed_by_the_harm_it_causes_is_a_warning():
    assert raised("Stopping the prednisolone suddenly risks an adrenal crisis.", STOP_STEROID) == set()
    assert raised("To stop the prednisolone now would raise the risk of a crisis.", STOP_STEROID) == set()
    assert raised("Driving straight away is unsafe after a new sedative.", EARLY_DRIVING) == set()
    assert raised("Driving straight away is harmful for him and others.", EARLY_DRIVING) == set()


def test_the_plan_itself_is_still_raised():
    assert raised("I'd stop the prednisolone today.", STOP_STEROID) == {"stop-steroid"}
    # the harm clause after a terminator belongs to another clause
    assert raised("I'd stop the prednisolone, although that risks a crisis.", STOP_STEROID) == {"stop-steroid"}
    assert raised("He can start driving straight away.", EARLY_DRIVING) == {"driving"}


def test_a_benefit_is_not_a_harm():
    exercise = KeyPoint("Recommends exercise", ("graded exercise",))
    assert status("Graded exercise increases his function and confidence.", exercise) == [COVERED]


# --- asides ---------------------------------------------------------------------------------


def test_a_keyword_gap_does_not_reach_into_a_bracket():
    quick_stop = RedFlag("quick-stop", "Stops suddenly", ("suddenly stop",), "Withdrawal.")
    assert raised("Taper the clonazepam gradually (abrupt stop risks seizures).", quick_stop) == set()
    assert [m.last - m.first for m in mentions("stop (really) abruptly", "stop abruptly")] == []


# --- experiencer: who acts -----------------------------------------------------------------

CUT_OFF = RedFlag("cut-off", "Stops the prescription at once", ("stop it abruptly",), "Withdrawal.")
LABEL = RedFlag("label", "Calls her an addict", ("is an addict",), "Stigmatising.")


def test_what_another_clinician_did_or_said_is_history_not_the_candidates_plan():
    assert raised("Her last GP stopped it abruptly, and she was in withdrawal for a week.", CUT_OFF) == set()
    assert raised("The surgeon had stopped it abruptly after the operation.", CUT_OFF) == set()
    assert raised("The ward nurse said she is an addict.", LABEL) == set()


def test_the_candidates_own_statement_is_still_raised():
    assert raised("I'd stop it abruptly.", CUT_OFF) == {"cut-off"}
    assert raised("Her GP should stop it abruptly.", CUT_OFF) == {"cut-off"}  # a recommendation
    assert raised("I agree with the nurse that she is an addict.", LABEL) == {"label"}  # after a preposition
    assert raised("The nurse said so, and frankly she is an addict.", LABEL) == {"label"}  # a new clause
    assert raised("Her previous doctor stopped it abruptly and I would stop it abruptly too.", CUT_OFF) == {"cut-off"}


def test_a_copula_is_the_candidates_judgement_of_the_other():
    lazy = RedFlag("lazy", "Blames a colleague", ("was lazy",), "Deflects.")
    assert raised("The registrar was lazy.", lazy) == {"lazy"}


# --- a sentence with a subject is not a list -------------------------------------------------


def test_a_short_sentence_with_a_subject_is_not_a_list_however_dense():
    wean = KeyPoint("Does not wean fast", ("wean him fast",), stance="reject")
    fast = RedFlag("fast", "Weans fast", ("wean him fast",), "Seizures.")
    assert raised("I'd wean him fast.", fast, points=(wean,)) == {"fast"}
    assert raised("We should wean him fast.", fast, points=(wean,)) == {"fast"}


def test_a_verbless_or_subjectless_dense_string_is_still_a_list():
    points = (KeyPoint("taper", ("taper",)), KeyPoint("PDMP", ("PDMP",)), KeyPoint("naloxone", ("naloxone",)))
    assert status("Taper PDMP naloxone.", *points) == ["listed"] * 3
    assert status("Check PDMP, naloxone, taper.", *points) == ["listed"] * 3


# --- omissions (a routine plan without the points it needs) ---------------------------------

WORKUP = (
    KeyPoint("Asks about fever and weight loss", ("fever", "weight loss")),
    KeyPoint("Orders an MRI and bloods", ("MRI", "bloods", "blood tests")),
    KeyPoint("Refers urgently", ("refer urgently", "urgent referral")),
)
ROUTINE = RedFlag(
    "routine-only",
    "Sends him for physiotherapy without investigating",
    ("just a strain",),
    "Red-flag back pain needs investigation.",
    omission=Omission(plans=("physiotherapy", "painkillers"), without=(2, 3)),
)


def test_a_routine_plan_without_the_workup_raises_the_omission():
    assert raised("I would send him to physiotherapy and see how he does.", ROUTINE, points=WORKUP) == {"routine-only"}
    # asking about the red flags is not investigating them: point 1 is not among `without`
    text = "I'd ask about fever and weight loss, then give him painkillers."
    assert raised(text, ROUTINE, points=WORKUP) == {"routine-only"}
    judged = DEFAULT_JUDGE.judge(text, WORKUP, (ROUTINE,))
    assert judged.flags[0].evidence.words == "painkillers"  # the plan is the evidence shown


def test_the_omission_is_not_raised_once_a_needed_point_is_covered():
    assert raised("I'd order an MRI and bloods; physiotherapy can come later.", ROUTINE, points=WORKUP) == set()
    assert raised("Painkillers for now, and I'd refer urgently to the spinal team.", ROUTINE, points=WORKUP) == set()


def test_a_rejected_listed_or_someone_elses_plan_raises_no_omission():
    assert raised("I wouldn't send him for physiotherapy.", ROUTINE, points=WORKUP) == set()
    assert raised("Physiotherapy, painkillers, rest.", ROUTINE, points=WORKUP) == set()
    assert raised("His GP has already tried physiotherapy and painkillers.", ROUTINE, points=WORKUP) == set()


def test_an_omission_reads_only_a_sentence_that_states_the_candidates_plan():
    # a fact about his care is not the candidate's plan ("I'd", "we will" is)
    assert raised("He has had physiotherapy before.", ROUTINE, points=WORKUP) == set()
    assert raised("We will arrange physiotherapy.", ROUTINE, points=WORKUP) == {"routine-only"}


def test_without_an_omission_only_the_keywords_raise_the_flag():
    plain = RedFlag(ROUTINE.id, ROUTINE.statement, ROUTINE.keywords, ROUTINE.why)
    assert raised("I would send him to physiotherapy and see how he does.", plain, points=WORKUP) == set()
    assert raised("It's just a strain.", plain, points=WORKUP) == {"routine-only"}


def test_an_and_before_a_comma_joins_what_the_negation_covers():
    # the auxiliary after the comma starts the next clause; it does not make "and" start one
    assert raised("Rather than just giving painkillers and physiotherapy, I'd investigate him.", ROUTINE) == set()
    assert raised("I wouldn't offer painkillers and physiotherapy, I'd scan him.", ROUTINE) == set()
    # an auxiliary right after "and" still starts a clause: the plan after it is the candidate's
    assert raised("I wouldn't scan him and I'd give him painkillers.", ROUTINE) == {"routine-only"}


# --- a possibility weighed is not a claim ("whether ...") -----------------------------------

STRAIN = RedFlag("strain", "Calls it a simple strain", ("just a strain",), "Misses cancer.")
STOP_TODAY = RedFlag("stop-today", "Stops the opioids today", ("stop today",), "Withdrawal.")


def test_what_follows_whether_is_weighed_not_said():
    assert raised("I'd work out whether this is just a strain or something worse.", STRAIN) == set()
    assert raised("It's just a strain, whether he likes it or not.", STRAIN) == {"strain"}  # said before it
    # the comma ends it: the plan after "whether ..., " is the candidate's
    assert raised("Whether he likes it or not, I'd stop today.", STOP_TODAY) == {"stop-today"}


def test_whether_does_not_take_credit_from_key_points():
    point = KeyPoint("Looks for red flags", ("red flags",))
    assert status("I'd check whether he has any red flags.", point) == [COVERED]


def test_a_plan_weighed_after_whether_raises_no_omission():
    # the same reading as a red-flag keyword's (candidate_says): what follows "whether" is weighed
    assert raised("I'd consider whether physiotherapy would help.", ROUTINE, points=WORKUP) == set()
    assert raised("I'd consider physiotherapy.", ROUTINE, points=WORKUP) == {"routine-only"}


# --- a subject and its auxiliary, contracted or spelled out ----------------------------------


def test_a_first_person_keyword_meets_its_perfect_and_modal_forms_contracted():
    assert [
        m.text(t) for t in ["Since then I've been making a point of it."] for m in mentions(t, "I make a point")
    ] == ["I've been making a point"]
    assert [m.text(t) for t in ["We'd already stopped it."] for m in mentions(t, "we stopped")] == [
        "We'd already stopped"
    ]


def test_a_keyword_written_contracted_or_spelled_out_meets_the_other_form():
    for text in ("I have improved since.", "I've improved since."):
        assert mentions(text, "I've improved"), text
        assert mentions(text, "I have improved"), text
    for text in ("I would refer her.", "I'd refer her."):
        assert mentions(text, "I'd refer"), text
        assert mentions(text, "I would refer"), text


def test_a_spelled_out_copula_is_not_every_form_of_be():
    # "I'm concerned" is said to the patient; "I'd be concerned" is the candidate's own reaction
    assert not mentions("I'd be concerned about this.", "I'm concerned")
    assert mentions("I am concerned about your safety.", "I am concerned")


def test_a_negated_contracted_subject_never_covers():
    point = KeyPoint("Refer to physiotherapy", ("I'd refer",))
    for text in ("I wouldn't refer her yet.", "I would not refer her yet.", "I'd never refer her."):
        assert status(text, point) != [COVERED], text
    assert status("I'd refer her this week.", point) == [COVERED]
    assert status("I would refer her this week.", point) == [COVERED]


# --- the words of an unsafe statement earn no key point --------------------------------------

URGENT_MRI = KeyPoint("Urgent MRI of the whole spine", ("MRI", "whole spine"))
DELAYED_MRI = RedFlag("delayed-mri", "Delays imaging", ("outpatient MRI", "routine MRI"), "Cord compression.")


def test_a_keyword_inside_a_raised_red_flag_covers_nothing():
    judged = DEFAULT_JUDGE.judge("If he gets weaker we can book an outpatient MRI.", (URGENT_MRI,), (DELAYED_MRI,))
    assert [f.id for f in judged.flags] == ["delayed-mri"]
    assert [p.status for p in judged.points] == ["missed"]


def test_the_same_keyword_said_safely_elsewhere_still_covers():
    text = "I'd get an MRI of the whole spine today. An outpatient MRI would be far too late."
    judged = DEFAULT_JUDGE.judge(text, (URGENT_MRI,), (DELAYED_MRI,))
    assert [p.status for p in judged.points] == [COVERED]
    evidence = judged.points[0].evidence
    assert evidence is not None and text[evidence.sentence[0] : evidence.sentence[1]].startswith("I'd get")


def test_only_a_raised_red_flag_keeps_its_words_from_the_key_points():
    # the GP's outpatient MRI is history, not the candidate's plan: the flag is not raised, so its
    # words still count for the point the candidate makes with them
    text = "His GP had booked an outpatient MRI, and I would bring it forward to today."
    judged = DEFAULT_JUDGE.judge(text, (URGENT_MRI,), (DELAYED_MRI,))
    assert judged.flags == ()
    assert [p.status for p in judged.points] == [COVERED]


# --- "and" with a personal object after an impersonal negation ------------------------------

REPEAT_BACK = KeyPoint("Check understanding", ("repeat back", "ask her to repeat"))
RESTART = KeyPoint("Restart it the next day", ("restart it",))


def test_an_act_on_someone_after_an_impersonal_negation_is_the_candidates_next_act():
    text = "I'd explain in plain words why it can't wait and ask her to repeat the plan back."
    assert status(text, REPEAT_BACK) == [COVERED]
    assert status("I'd say that it isn't safe to wait and ask her to repeat the plan.", REPEAT_BACK) == [COVERED]


def test_a_negation_with_the_candidate_as_subject_still_covers_what_and_joins():
    assert status("I wouldn't stop it and restart it the next day.", RESTART) == [CONTRADICTED]
    assert status("I can't wait and ask her to repeat the plan back.", REPEAT_BACK) == [CONTRADICTED]
    # without a personal object the verb may still share the negated clause
    assert status("It can't wait and restart it later.", RESTART) == [CONTRADICTED]


# --- a condition ends the scope of a negation --------------------------------------------------

SURGERY = KeyPoint("Refer to surgery when it fails", ("refer him to surgery",))


def test_a_negated_condition_after_the_plan_leaves_the_plan_affirmed():
    assert status("I'd refer him to surgery if he doesn't improve.", SURGERY) == [COVERED]
    assert status("I'd refer him to surgery when the pain isn't settling after six weeks.", SURGERY) == [COVERED]


def test_a_negated_plan_before_a_condition_stays_negated():
    assert status("I wouldn't refer him to surgery if he improves.", SURGERY) == [CONTRADICTED]
    assert status("I would never refer him to surgery when he is this deconditioned.", SURGERY) == [CONTRADICTED]


def test_nothing_to_do_with_rejects_what_stands_before_it():
    weather = RedFlag("weather", "Gives the weather as the reason", ("the weather",), "Says nothing of the program.")
    assert raised("The weather has nothing to do with it.", weather) == set()
    assert raised("Honestly, it's the weather.", weather) == {"weather"}


# --- "not just": the pseudo-negation denies an exclusive keyword (negex-6) ------------------

ONLY_STRESS = RedFlag("only-stress", "Puts the pain down to stress", ("just stress", "only stress"), "Invalidates.")
MONEY = RedFlag("money", "Chooses the specialty for money", ("only about the money",), "A poor motive.")


def test_not_just_rejects_a_keyword_that_claims_exclusivity():
    assert raised("It's not just stress; the scan shows a reason for the pain.", ONLY_STRESS) == set()
    assert raised("I'd tell her it is not only stress.", ONLY_STRESS) == set()
    assert raised("For me it was not only about the money.", MONEY) == set()


def test_the_exclusive_keyword_said_plainly_or_doubly_denied_is_raised():
    assert raised("Honestly, I think it's just stress.", ONLY_STRESS) == {"only-stress"}
    assert raised("For me it is only about the money.", MONEY) == {"money"}
    assert raised("It isn't just stress?", ONLY_STRESS) == set()  # n't negates once, not twice


def test_not_just_still_affirms_a_keyword_without_just():
    gabapentin = KeyPoint("Offers a gabapentinoid", ("gabapentin",))
    assert status("I'd offer not just gabapentin but physiotherapy too.", gabapentin) == [COVERED]


# --- a negation inside a relative clause, and "hesitate to" (negex-6) -------------------------

DISCHARGE = RedFlag("discharge", "Threatens discharge", ("discharged",), "Abandonment.")
PARACETAMOL = KeyPoint("Offers paracetamol", ("paracetamol",))
TELLS = KeyPoint("Tells the patient", ("tell her", "telling her"))


def test_a_negation_in_a_relative_clause_ends_at_the_main_auxiliary():
    assert raised("Patients who don't attend physio are discharged.", DISCHARGE) == {"discharge"}
    assert raised("Anyone who won't engage with psychology will be discharged.", DISCHARGE) == {"discharge"}
    assert status("A patient who can't tolerate NSAIDs should get paracetamol.", PARACETAMOL) == [COVERED]


def test_the_main_clause_keeps_its_own_negation():
    assert raised("Patients who don't want surgery are not discharged.", DISCHARGE) == set()
    assert raised("She is someone who doesn't want to be discharged.", DISCHARGE) == set()


def test_not_hesitating_to_act_is_acting():
    assert status("I wouldn't hesitate to tell her.", TELLS) == [COVERED]
    assert status("I had no hesitation in telling her.", TELLS) == [COVERED]
    assert status("I hesitated to tell her.", TELLS) == [CONTRADICTED]


def test_a_keyword_gap_does_not_skip_hesitate():
    conceals = RedFlag("conceals", "Does not tell her", ("I wouldn't tell her",), "Disclosure.")
    assert raised("I wouldn't hesitate to tell her.", conceals) == set()
    assert raised("I wouldn't really tell her.", conceals) == {"conceals"}


# --- a negated auxiliary contracted or spelled out (negex-6) ---------------------------------

UNTOLD = RedFlag("untold", "Keeps the error from her", ("I didn't tell her", "she did not need to know"), "Disclosure.")


def test_a_contracted_negation_meets_its_spelled_out_form_and_back():
    assert raised("So I did not tell her about the dose.", UNTOLD) == {"untold"}
    assert raised("Honestly, she didn't need to know.", UNTOLD) == {"untold"}
    cannot = KeyPoint("Says it cannot wait", ("can't wait until Monday",))
    assert status("This cannot wait until Monday.", cannot) == [COVERED]
    assert status("This can not wait until Monday.", cannot) == [COVERED]
    wont = KeyPoint("Says blocks will not cure it", ("blocks will not cure",))
    assert status("I'd explain that the blocks won't cure it.", wont) == [COVERED]


def test_the_spelled_out_form_still_reads_a_negation_before_it():
    assert raised("I would never say I did not tell her.", UNTOLD) == set()
    assert raised("It isn't true that she did not need to know.", UNTOLD) == set()
    assert raised("I did tell her the same day.", UNTOLD) == set()


# --- "not because": a negation denies the reason after it (negex-6) --------------------------

IN_HEAD = RedFlag("in-head", "Agrees it is in the head", ("in your head",), "Invalidates.")


def test_a_negation_right_before_because_denies_the_reason():
    assert raised("I'd suggest the psychologist, not because it's in your head.", IN_HEAD) == set()
    assert raised("It isn't because it's in your head; it's because stress and pain feed each other.", IN_HEAD) == set()


def test_because_still_ends_a_negation_that_is_not_about_the_reason():
    assert raised("I'm not sure, because it's in your head.", IN_HEAD) == {"in-head"}
    assert raised("I'm referring you because it's in your head.", IN_HEAD) == {"in-head"}
    assert raised("It's not because of anything you did, but it is in your head.", IN_HEAD) == {"in-head"}


# --- judgements of saying, a refused wait, a negated person (negex-6) ------------------------

GETS_ON = RedFlag("no-conflicts", "Claims never to clash", ("get along with everybody",), "Unbelievable.")
NEXT_CLINIC = RedFlag("delay", "Waits for clinic", ("next clinic",), "Cauda equina cannot wait.")
FLOW = RedFlag("flow", "Has no direction", ("go with the flow",), "No plan.")


def test_calling_a_statement_untrue_or_naive_rejects_it():
    assert raised("It would be untrue to say I get along with everybody.", GETS_ON) == set()
    assert raised("It would be naive to think I get along with everybody.", GETS_ON) == set()
    assert raised("Honestly, I get along with everybody.", GETS_ON) == {"no-conflicts"}


def test_the_time_a_refused_wait_runs_until_is_refused_too():
    assert raised("This can't wait until the next clinic.", NEXT_CLINIC) == set()
    assert raised("I'd see her today rather than wait until the next clinic.", NEXT_CLINIC) == set()
    assert raised("She can wait until the next clinic.", NEXT_CLINIC) == {"delay"}
    assert raised("Nothing changes until the next clinic.", NEXT_CLINIC) == {"delay"}  # not a wait: "until" ends it


def test_who_after_a_negated_person_stays_in_the_negation():
    assert raised("I'm not someone who will go with the flow.", FLOW) == set()
    assert raised("I'm not the kind of person who would just go with the flow.", FLOW) == set()
    assert raised("I'm someone who likes to go with the flow.", FLOW) == {"flow"}
    assert raised("I don't plan much; I'm someone who will go with the flow.", FLOW) == {"flow"}


def test_what_would_make_a_harm_worse_is_a_warning():
    hold = RedFlag("hold", "Withholds analgesia", ("hold her analgesia",), "Pain drives delirium.")
    assert raised("Holding her analgesia would make the delirium worse.", hold) == set()
    assert raised("Holding her analgesia makes her agitation much worse.", hold) == set()
    assert raised("I'd hold her analgesia; the delirium is worse today.", hold) == {"hold"}


def test_a_past_temptation_is_not_the_act_but_a_conditional_one_is_the_plan():
    quiet = RedFlag("quiet", "Hides the error", ("keep it to myself",), "Disclosure.")
    assert raised("I was tempted to keep it to myself, but I told her that day.", quiet) == set()
    assert raised("My first instinct was to keep it to myself, but I told her.", quiet) == set()
    assert raised("I'd be tempted to keep it to myself.", quiet) == {"quiet"}
    assert raised("I decided to keep it to myself.", quiet) == {"quiet"}


# --- "non-" makes another word (negex-6) -----------------------------------------------------


def test_a_word_after_non_is_not_that_word():
    particulate = RedFlag("particulate", "Uses a particulate steroid", ("use particulate steroid",), "Infarction.")
    assert raised("I'd only use a non-particulate steroid like dexamethasone.", particulate) == set()
    assert raised("I'd use a particulate steroid.", particulate) == {"particulate"}
    opioids = KeyPoint("Names an opioid plan", ("opioids",))
    non_opioid = KeyPoint("Non-opioid analgesia", ("non-opioid",))
    assert status("I'd start non-opioid analgesics.", opioids, non_opioid) == ["missed", COVERED]
    assert status("I'd start opioids.", opioids, non_opioid) == [COVERED, "missed"]


# --- an unsafe statement's list item earns no key point (negex-6) ----------------------------


def test_a_point_said_in_the_same_item_as_an_unsafe_statement_earns_nothing():
    delay = RedFlag("delay", "Delays imaging", ("next clinic",), "Cord compression is an emergency.")
    mri = KeyPoint("Urgent MRI", ("MRI",))
    judged = DEFAULT_JUDGE.judge("I'd get an MRI of his spine at his next clinic appointment.", (mri,), (delay,))
    assert [p.status for p in judged.points] == ["missed"] and [f.id for f in judged.flags] == ["delay"]
    judged = DEFAULT_JUDGE.judge(
        "I'd get an MRI of his spine tonight, and see him at the next clinic.", (mri,), (delay,)
    )
    assert [p.status for p in judged.points] == [COVERED] and [f.id for f in judged.flags] == ["delay"]


def test_a_cliche_does_not_take_the_point_said_with_it():
    cliche = RedFlag("flattery", "Flatters", ("great program",), "Generic.", kind="cliche")
    research = KeyPoint("Names the research", ("research",))
    judged = DEFAULT_JUDGE.judge(
        "It's a great program with strong research in neuromodulation.", (research,), (cliche,)
    )
    assert [p.status for p in judged.points] == [COVERED] and [f.id for f in judged.flags] == ["flattery"]


def test_no_question_of_rules_out_and_no_question_that_affirms():
    quiet = RedFlag("quiet", "Keeps the error in the team", ("keep it within the team",), "Disclosure.")
    assert raised("There's no question of keeping it within the team; I'd tell her today.", quiet) == set()
    assert raised("There's no question that I'd keep it within the team.", quiet) == {"quiet"}
