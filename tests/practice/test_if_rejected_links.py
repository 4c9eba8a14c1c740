"""The bundled ``if_rejected`` links: turning the safe key point down raises its red flag, and a
natural safe answer does not.

Each case is an answer an examiner would write: two that turn the safe point down in words the
red flag's own keywords do not foresee (so only the link can raise it: the same answer judged
without the link must not), and two that endorse the point or reject the unsafe act, some of them
whole answers with a negated mention of the point ("I wouldn't continue the PCA once he is home").

``NOT_LINKED`` keeps the safe counterparts that were left unlinked on purpose, each with the
natural safe answer the link would wrongly flag today; when the judge or the keywords change so
that it no longer would, the test says so and the link can be added.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys

import pytest

from trainer.banks import BankSource, bank_files, load_all
from trainer.cli import main
from trainer.judge_command import judged_part
from trainer.paths import bundled_banks_dir
from trainer.practice.judge import DEFAULT_JUDGE

RAISED, SAFE = True, False

# (prompt id, probe number as in `pain-trainer judge --probe N` or None, red flag id, answer, raised)
CASES: tuple[tuple[str, int | None, str, str, bool], ...] = (
    # interdisciplinary and pathway: new prompts
    (
        "disagreed-with-attending",
        None,
        "stayed-silent",
        "I didn't raise my concern with the attending; it wasn't worth the friction.",
        RAISED,
    ),
    (
        "disagreed-with-attending",
        None,
        "stayed-silent",
        "I never voiced my concern to her, I just let it go and finished the shift.",
        RAISED,
    ),
    (
        "disagreed-with-attending",
        None,
        "stayed-silent",
        "I asked to talk with the attending privately and raised my concern about the dose.",
        SAFE,
    ),
    (
        "disagreed-with-attending",
        None,
        "stayed-silent",
        "I spoke privately with her, away from the patient, and shared the evidence behind my worry.",
        SAFE,
    ),
    (
        "open-impaired-attending",
        None,
        "lets-case-proceed",
        "I wouldn't stop the procedure; he has done hundreds of these.",
        RAISED,
    ),
    (
        "open-impaired-attending",
        None,
        "lets-case-proceed",
        "I would not delay the procedure, since the patient is already prepped and waiting.",
        RAISED,
    ),
    (
        "open-impaired-attending",
        None,
        "lets-case-proceed",
        "I would pause the case and keep the patient safe before anything else.",
        SAFE,
    ),
    (
        "open-impaired-attending",
        None,
        "lets-case-proceed",
        "I'd hold the case, then speak to him privately and call the program director.",
        SAFE,
    ),
    (
        "open-referrer-opioid-disagreement",
        None,
        "abrupt-stop",
        "A slow taper isn't an option here; she needs to come off quickly.",
        RAISED,
    ),
    (
        "open-referrer-opioid-disagreement",
        None,
        "abrupt-stop",
        "I would not do a gradual taper with someone on this combination.",
        RAISED,
    ),
    (
        "open-referrer-opioid-disagreement",
        None,
        "abrupt-stop",
        "I'd propose a slow taper, about 10 percent a month, with her agreement.",
        SAFE,
    ),
    (
        "open-referrer-opioid-disagreement",
        None,
        "abrupt-stop",
        "We would not change anything suddenly; a gradual taper made with her is safer.",
        SAFE,
    ),
    (
        "open-wrong-level-disclosure",
        None,
        "conceals-error",
        "I wouldn't explain to the patient what happened, since he had no new symptoms afterwards.",
        RAISED,
    ),
    (
        "open-wrong-level-disclosure",
        None,
        "conceals-error",
        "I would not inform my attending or the patient, because the injection caused no harm.",
        RAISED,
    ),
    (
        "open-wrong-level-disclosure",
        None,
        "conceals-error",
        "I'd inform my attending straight away and explain what happened to the patient with an apology.",
        SAFE,
    ),
    (
        "open-wrong-level-disclosure",
        None,
        "conceals-error",
        "I would not hide it: I'd tell the patient honestly what happened and apologise.",
        SAFE,
    ),
    # multimodal: new prompts (cases written by their author with the prompt)
    (
        "open-explain-taper-to-patient",
        None,
        "rapid-taper",
        "I don't want a gradual taper for him; the reduction is already decided.",
        RAISED,
    ),
    (
        "open-explain-taper-to-patient",
        None,
        "rapid-taper",
        "The taper doesn't need to be gradual; we can reduce much faster than that.",
        RAISED,
    ),
    (
        "open-explain-taper-to-patient",
        None,
        "rapid-taper",
        "We will reduce it slowly, about 10 percent a month, and we can pause.",
        SAFE,
    ),
    (
        "open-explain-taper-to-patient",
        None,
        "rapid-taper",
        "We will not rush; we will taper gradually at your pace.",
        SAFE,
    ),
    (
        "open-sickle-cell-ed-stigma",
        None,
        "delay-analgesia",
        "I don't think she needs a dose of analgesia right away.",
        RAISED,
    ),
    (
        "open-sickle-cell-ed-stigma",
        None,
        "delay-analgesia",
        "There is no need to give her opioid medication immediately.",
        RAISED,
    ),
    (
        "open-sickle-cell-ed-stigma",
        None,
        "delay-analgesia",
        "I'd give her hydromorphone right away, following her care plan.",
        SAFE,
    ),
    (
        "open-sickle-cell-ed-stigma",
        None,
        "delay-analgesia",
        "I would not delay the first dose; she gets analgesia within an hour.",
        SAFE,
    ),
    # clinical
    (
        "open-back-pain-weight-loss",
        None,
        "nonspecific-reassurance",
        "I wouldn't bother with an MRI at this stage; it rarely changes anything.",
        RAISED,
    ),
    (
        "open-back-pain-weight-loss",
        None,
        "nonspecific-reassurance",
        "Blood tests aren't needed for back pain like this, and I would not order any scan.",
        RAISED,
    ),
    (
        "open-back-pain-weight-loss",
        None,
        "nonspecific-reassurance",
        "I'd arrange an urgent MRI of the whole spine with bloods including ESR, calcium and PSA.",
        SAFE,
    ),
    (
        "open-back-pain-weight-loss",
        None,
        "nonspecific-reassurance",
        "He needs an urgent MRI of the whole spine and bloods; I wouldn't do a bone scan first.",
        SAFE,
    ),
    (
        "open-ces-phone-call",
        None,
        "delayed-assessment",
        "I don't think this is an emergency, and she doesn't need to go to hospital tonight.",
        RAISED,
    ),
    (
        "open-ces-phone-call",
        None,
        "delayed-assessment",
        "There's no need for an urgent MRI for symptoms like these.",
        RAISED,
    ),
    (
        "open-ces-phone-call",
        None,
        "delayed-assessment",
        "I'd tell her to go straight to hospital now for an emergency MRI.",
        SAFE,
    ),
    (
        "open-ces-phone-call",
        None,
        "delayed-assessment",
        "This is an emergency: she must go to the emergency department now. She doesn't need an ambulance; her partner "
        "can drive her in.",
        SAFE,
    ),
    (
        "open-fm-explain",
        None,
        "all-in-head",
        "I'd tell her the pain isn't real in the sense of any damage, and I wouldn't validate it.",
        RAISED,
    ),
    ("open-fm-explain", None, "all-in-head", "I don't think it is genuine pain.", RAISED),
    (
        "open-fm-explain",
        None,
        "all-in-head",
        "I'd tell her the pain is real: her nervous system has turned the volume up.",
        SAFE,
    ),
    ("open-fm-explain", None, "all-in-head", "Normal tests don't mean it isn't real; it is not in your head.", SAFE),
    (
        "open-knee-oa-injection",
        None,
        "endorses-regenerative-injection",
        "I'd tell him PRP isn't experimental any more.",
        RAISED,
    ),
    (
        "open-knee-oa-injection",
        None,
        "endorses-regenerative-injection",
        "Stem-cell injections are not unproven.",
        RAISED,
    ),
    (
        "open-knee-oa-injection",
        None,
        "endorses-regenerative-injection",
        "I'd explain that the ACR guideline recommends against PRP and stem cells, which don't regrow cartilage.",
        SAFE,
    ),
    (
        "open-knee-oa-injection",
        None,
        "endorses-regenerative-injection",
        "I wouldn't offer it: the evidence does not support it and it is not recommended.",
        SAFE,
    ),
    # interdisciplinary
    ("open-explain-central-sensitisation", None, "imagined-pain", "I wouldn't validate her pain.", RAISED),
    ("open-explain-central-sensitisation", None, "imagined-pain", "I'd say I don't think her pain is genuine.", RAISED),
    (
        "open-explain-central-sensitisation",
        None,
        "imagined-pain",
        "First I'd say your pain is real, not imagined.",
        SAFE,
    ),
    (
        "open-explain-central-sensitisation",
        None,
        "imagined-pain",
        "I'd say I believe you; the alarm system is oversensitive.",
        SAFE,
    ),
    (
        "open-all-in-my-head",
        None,
        "confirms-psychogenic",
        "I would be honest that I don't believe the pain is real.",
        RAISED,
    ),
    ("open-all-in-my-head", None, "confirms-psychogenic", "It isn't real pain in the usual sense.", RAISED),
    (
        "open-all-in-my-head",
        None,
        "confirms-psychogenic",
        "I'd say: I believe you, your pain is real and it is not in your head.",
        SAFE,
    ),
    (
        "open-all-in-my-head",
        None,
        "confirms-psychogenic",
        "I wouldn't say I understand exactly how you feel, but your pain is real.",
        SAFE,
    ),
    ("open-phq9-item9", None, "defer-assessment", "I wouldn't do a suicide risk assessment in this visit.", RAISED),
    (
        "open-phq9-item9",
        None,
        "defer-assessment",
        "I don't think I need to ask directly about suicidal thoughts today.",
        RAISED,
    ),
    (
        "open-phq9-item9",
        None,
        "defer-assessment",
        "I'd do a suicide risk assessment now, asking directly about ideation, plan and intent.",
        SAFE,
    ),
    (
        "open-phq9-item9",
        None,
        "defer-assessment",
        "I would ask him directly about thoughts of suicide. If he has no plan and no intent, I'd still make a safety plan.",
        SAFE,
    ),
    # interventional
    (
        "open-apixaban-cervical-esi",
        None,
        "inject-on-anticoagulation",
        "I don't think a three-day hold is needed for an epidural.",
        RAISED,
    ),
    ("open-apixaban-cervical-esi", None, "inject-on-anticoagulation", "There's no need for 72 hours off it.", RAISED),
    (
        "open-apixaban-cervical-esi",
        None,
        "inject-on-anticoagulation",
        "I'd hold the apixaban for three days, not just one, and restart it the next day.",
        SAFE,
    ),
    (
        "open-apixaban-cervical-esi",
        None,
        "inject-on-anticoagulation",
        "With the cardiologist I'd hold apixaban for three days and restart after 24 hours, but I wouldn't restart it the "
        "next day if there was a bloody tap.",
        SAFE,
    ),
    ("open-post-esi-weakness", None, "delayed-assessment", "I don't think she needs the emergency department.", RAISED),
    ("open-post-esi-weakness", None, "delayed-assessment", "She doesn't need to go to hospital tonight.", RAISED),
    (
        "open-post-esi-weakness",
        None,
        "delayed-assessment",
        "She needs to go to the emergency department immediately for an urgent MRI.",
        SAFE,
    ),
    (
        "open-post-esi-weakness",
        None,
        "delayed-assessment",
        "She needs the emergency department immediately for an MRI. She doesn't need an ambulance; her partner can drive "
        "her in.",
        SAFE,
    ),
    ("open-facet-pathway", None, "ablation-without-blocks", "I wouldn't numb the nerves first.", RAISED),
    ("open-facet-pathway", None, "ablation-without-blocks", "There's no need to look for 50% relief first.", RAISED),
    (
        "open-facet-pathway",
        None,
        "ablation-without-blocks",
        "Two medial branch blocks with 0.5 mL and no sedation, looking for 50% relief.",
        SAFE,
    ),
    (
        "open-facet-pathway",
        None,
        "ablation-without-blocks",
        "I would never go to ablation without prognostic medial branch blocks.",
        SAFE,
    ),
    # multimodal
    # Linked once the point lost its bare 'ratio' and 'conversion ratio' (which "there's no fixed
    # conversion ratio" negated): denying that the ratio depends on the dose is using a fixed one.
    (
        "open-methadone-rotation",
        None,
        "fixed-ratio-conversion",
        "Cross-tolerance isn't an issue here, since he has been on morphine for a year, so I'd switch him to the "
        "equivalent amount of methadone.",
        RAISED,
    ),
    (
        "open-methadone-rotation",
        None,
        "fixed-ratio-conversion",
        "Methadone isn't more potent at high doses in my experience; I'd convert him at the usual equianalgesic amount.",
        RAISED,
    ),
    (
        "open-methadone-rotation",
        None,
        "fixed-ratio-conversion",
        "The ratio depends on the dose: at 300 mg of morphine methadone is far more potent, so I'd start well below "
        "the calculated equivalent.",
        SAFE,
    ),
    (
        "open-methadone-rotation",
        None,
        "fixed-ratio-conversion",
        "I wouldn't rely on a fixed factor; because cross-tolerance is incomplete I'd start at a much lower dose and "
        "titrate weekly. There is no single conversion ratio for methadone.",
        SAFE,
    ),
    (
        "open-buprenorphine-surgery",
        None,
        "stop-buprenorphine",
        "I wouldn't continue the buprenorphine over the operation.",
        RAISED,
    ),
    (
        "open-buprenorphine-surgery",
        None,
        "stop-buprenorphine",
        "There's no need to keep him on buprenorphine for surgery.",
        RAISED,
    ),
    (
        "open-buprenorphine-surgery",
        None,
        "stop-buprenorphine",
        "I'd never stop his buprenorphine; I'd continue it through surgery.",
        SAFE,
    ),
    (
        "open-buprenorphine-surgery",
        None,
        "stop-buprenorphine",
        "I'd continue his buprenorphine through surgery, add a nerve block and hydromorphone. I wouldn't continue the PCA "
        "once he is home on buprenorphine.",
        SAFE,
    ),
    # pathway
    ("team-conflict", None, "confront-in-public", "I didn't wait to talk privately; I raised it on the spot.", RAISED),
    ("team-conflict", None, "confront-in-public", "I wouldn't do it in private.", RAISED),
    ("team-conflict", None, "confront-in-public", "I asked if we could talk privately, away from the bedside.", SAFE),
    (
        "team-conflict",
        None,
        "confront-in-public",
        "I never raise it in front of the patient; I took her aside later that day.",
        SAFE,
    ),
    ("close-specialty-gaps", None, "no-gaps", "My residency left me without any real weak area.", RAISED),
    ("close-specialty-gaps", None, "no-gaps", "There's no area where I have less experience.", RAISED),
    (
        "close-specialty-gaps",
        None,
        "no-gaps",
        "As an anesthesiologist my gap is psychiatry; I have limited experience of it.",
        SAFE,
    ),
    ("close-specialty-gaps", None, "no-gaps", "Coming from PM&R, I haven't had much exposure to cancer pain.", SAFE),
    (
        "burnout-wellness",
        None,
        "ignores-struggling-colleague",
        "I wouldn't reach out to a struggling colleague.",
        RAISED,
    ),
    (
        "burnout-wellness",
        None,
        "ignores-struggling-colleague",
        "I don't check in with colleagues about that sort of thing.",
        RAISED,
    ),
    (
        "burnout-wellness",
        None,
        "ignores-struggling-colleague",
        "I check in with co-fellows and ask how they are doing.",
        SAFE,
    ),
    (
        "burnout-wellness",
        None,
        "ignores-struggling-colleague",
        "I check in with my co-fellows. If a colleague who is struggling doesn't want help, I'd respect that but keep the "
        "door open.",
        SAFE,
    ),
    ("stigma-chronic-pain", None, "stays-silent", "I wouldn't speak up on the round.", RAISED),
    ("stigma-chronic-pain", None, "stays-silent", "I don't think I'd say something to a senior colleague.", RAISED),
    (
        "stigma-chronic-pain",
        None,
        "stays-silent",
        "I'd speak up respectfully, or have a quiet word after the round.",
        SAFE,
    ),
    (
        "stigma-chronic-pain",
        None,
        "stays-silent",
        "I wouldn't shame them in front of the patient, but I'd pull them aside after the round.",
        SAFE,
    ),
    ("handling-feedback", None, "dismisses-feedback", "I didn't accept it at all.", RAISED),
    (
        "handling-feedback",
        None,
        "dismisses-feedback",
        "I wasn't grateful for it, and I didn't take it on board.",
        RAISED,
    ),
    ("handling-feedback", None, "dismisses-feedback", "I listened, thanked her and took it on board.", SAFE),
    (
        "handling-feedback",
        None,
        "dismisses-feedback",
        "My attending pointed out that my notes were too long. I didn't accept it straight away; first I asked for "
        "examples, then I reflected and changed my template.",
        SAFE,
    ),
)

# (prompt id, probe or None, key point index, red flag id, a safe answer the link would flag, why it stays unlinked)
NOT_LINKED: tuple[tuple[str, int | None, int, str, str, str], ...] = (
    (
        "open-cancer-cord",
        None,
        2,
        "delayed-mri",
        "This cannot wait for a routine MRI.",
        "rejecting the delay negates the point's keyword 'MRI' (found by the red-flag review's rejecting phrasings)",
    ),
    (
        "mistake-you-made",
        None,
        2,
        "hid-the-error",
        "I would never tell the patient it was their fault.",
        "a refusal to blame negates the point's 'tell the patient' (found by the red-flag review's rejecting phrasings)",
    ),
    (
        "open-120-mme-keep-dose",
        None,
        3,
        "forced-taper",
        "She hasn't managed to reduce her dose over months of trying, and she is worried about the policy.",
        "the point's keywords name facts too ('over months'): a negated fact about her dose reads as turning the "
        "slow taper down ('no faster than 10% per month', the first misfire found, is now read as a limit)",
    ),
    (
        "open-methadone-rotation",
        None,
        3,
        "rapid-titration",
        "He has no respiratory depression at the moment; the problem is myoclonus.",
        "the point's keywords name findings too ('respiratory depression'): a finding said to be absent reads as "
        "turning slow titration down ('no more often than every 5 to 7 days' is now read as a limit)",
    ),
    (
        "open-multimodal-tka",
        None,
        0,
        "stop-baseline-opioid",
        "He takes his oxycodone as usual on the morning of surgery; I wouldn't change the baseline.",
        "keeping the baseline unchanged negates 'baseline'",
    ),
    (
        "open-pdn-plan",
        None,
        3,
        "opioid-for-pdn",
        "I'd start duloxetine; if there is partial benefit I would not switch class straight away but optimise the dose.",
        "the point also means 'switch class', which a safe answer may decline",
    ),
    (
        "open-sickle-ed",
        None,
        1,
        "withhold-opioids",
        "I wouldn't recheck his bloods before giving analgesia.",
        "the point also means reassessment, which declining is not withholding",
    ),
    (
        "open-ces-phone-call",
        1,
        0,
        "accepts-tomorrow",
        "She needs to come in tonight so the damage doesn't become permanent.",
        "preventing permanent damage negates 'permanent'",
    ),
    (
        "open-all-in-my-head",
        None,
        4,
        "ultimatum",
        "You don't have to give it a try today.",
        "'give it a try', 'together' and 'your choice' are declined in safe, unpressured answers",
    ),
    (
        "open-all-in-my-head",
        1,
        0,
        "probe-withdraw-care",
        "She doesn't have to explain her decision.",
        "'her decision' is negated in safe answers",
    ),
    (
        "open-fear-of-bending",
        None,
        4,
        "rest-and-avoid",
        "I wouldn't contact his employer without his consent.",
        "the point's workplace keywords are declined for safe reasons",
    ),
    (
        "open-cervical-tf-vascular",
        None,
        0,
        "inject-anyway",
        "I don't think I need to abort the whole procedure; I'd reposition and retest with contrast.",
        "not aborting the procedure is not injecting through the needle",
    ),
    (
        "open-radiation-teaching",
        None,
        2,
        "tube-over-table",
        "The detector shouldn't be far from the patient.",
        "the point's detector keywords are negated in safe teaching",
    ),
    (
        "mistake-you-made",
        None,
        0,
        "blames-others",
        "I prescribed ten times the dose of morphine; the pharmacist caught it, so the wrong dose didn't reach the patient.",
        "a near miss negates 'wrong dose'",
    ),
    (
        "team-conflict",
        None,
        0,
        "no-conflicts",
        "It wasn't really a conflict, more a difference in plans.",
        "playing a real conflict down negates 'conflict'",
    ),
    ("weaknesses", None, 0, "no-weakness", "I don't delegate enough.", "a weakness is naturally stated as a negation"),
    (
        "industry-conflict-of-interest",
        None,
        0,
        "immune-to-influence",
        "I'd make decisions without industry influence.",
        "independence from sponsors negates 'influence'",
    ),
)


@pytest.fixture(scope="module")
def prompts():
    catalog = load_all(BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir()))
    assert catalog.failures == ()
    return {q.id: q for bank in catalog.banks for q in bank.questions if q.type == "open"}


def _raised(question, key_points, red_flags, answer: str) -> set[str]:
    judgement = DEFAULT_JUDGE.judge(answer, key_points, red_flags, question.synonyms)
    return {flag.id for flag in judgement.flags}


def _unlinked(key_points, flag_id: str):
    return tuple(dataclasses.replace(p, if_rejected=None) if p.if_rejected == flag_id else p for p in key_points)


def _case_id(case) -> str:
    prompt_id, probe, flag, answer, raised = case
    where = prompt_id if probe is None else f"{prompt_id}-probe{probe}"
    return f"{where}:{flag}:{'raised' if raised else 'safe'}:{answer[:30]}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_turning_the_safe_point_down_raises_its_flag_and_a_safe_answer_does_not(prompts, case):
    prompt_id, probe, flag, answer, raised = case
    question = prompts[prompt_id]
    _, key_points, red_flags = judged_part(question, probe)
    assert any(p.if_rejected == flag for p in key_points), f"no key point of {prompt_id} links {flag}"
    assert (flag in _raised(question, key_points, red_flags, answer)) is raised
    if raised:  # the flag's own keywords do not catch it: the link does
        assert flag not in _raised(question, _unlinked(key_points, flag), red_flags, answer)


def test_every_bundled_link_has_two_turn_downs_and_two_safe_answers(prompts):
    linked = {
        (q.id, probe, p.if_rejected)
        for q in prompts.values()
        for probe, points in [(None, q.key_points), *((i, pr.key_points) for i, pr in enumerate(q.probes, 1))]
        for p in points
        if p.if_rejected
    }
    counts = {(prompt_id, probe, flag, raised): 0 for prompt_id, probe, flag in linked for raised in (True, False)}
    for prompt_id, probe, flag, _, raised in CASES:
        counts[(prompt_id, probe, flag, raised)] = counts.get((prompt_id, probe, flag, raised), 0) + 1
    assert {key: n for key, n in counts.items() if n < 2} == {}
    assert {key[:3] for key in counts} == linked


def test_the_judge_command_reports_a_turn_down_with_its_sentence(tmp_path, monkeypatch, capsys):
    """Through the entry point, as a bank author checks a link: the refusal is the flag's evidence."""
    answer = "I don't think a three-day hold is needed for an epidural."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(answer.encode())))
    code = main(["judge", "open-apixaban-cervical-esi", "-", "--format", "json", "--data-dir", str(tmp_path / "data")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    flags = {f["id"]: f for f in json.loads(out)["red_flags"]}
    assert flags["inject-on-anticoagulation"]["evidence"]["sentence"] == answer


@pytest.mark.parametrize("case", NOT_LINKED, ids=[f"{c[0]}:{c[3]}" for c in NOT_LINKED])
def test_a_counterpart_left_unlinked_would_flag_a_safe_answer(prompts, case):
    prompt_id, probe, index, flag, safe_answer, why = case
    question = prompts[prompt_id]
    _, key_points, red_flags = judged_part(question, probe)
    assert key_points[index].if_rejected is None
    assert flag not in _raised(question, key_points, red_flags, safe_answer)
    linked = tuple(dataclasses.replace(p, if_rejected=flag) if i == index else p for i, p in enumerate(key_points))
    assert flag in _raised(question, linked, red_flags, safe_answer), f"no longer misfires ({why}): link it"
