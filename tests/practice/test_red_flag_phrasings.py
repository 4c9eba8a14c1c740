"""The bundled banks' red flags, said the way residents say them aloud.

For each red flag of a bundled open prompt (or probe) the bank author wrote, from clinical
knowledge and interview experience, phrasings a candidate might use *endorsing* the unsafe or
self-defeating statement (each must raise the flag) and phrasings that mention it only to
*reject* it ("I would never...", "rather than...", "I wouldn't just...": none may raise it).
They are the author's examples and a regression suite for the banks' red-flag keywords: a
keyword edit that stops catching one of them, or starts firing on a rejection, fails here.

They were written without looking at the hand-labelled gold set (tests/practice/gold/) and are
not derived from the judge's output. Phrasings that no honest keyword set can decide with the
NegEx judge are kept as strict ``xfail`` with the reason (see ``JUDGE_LIMITS``), so they show
up when the judge learns them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest

from trainer.banks import BankSource, bank_files, load_all
from trainer.judge_command import find_prompt, judged_part
from trainer.paths import bundled_banks_dir
from trainer.practice.judge import DEFAULT_JUDGE


@dataclass(frozen=True)
class Phrasings:
    """What a candidate might say endorsing one red flag, and saying it only to reject it."""

    prompt: str
    flag: str
    said: tuple[str, ...]
    rejected: tuple[str, ...]
    probe: int | None = None  # 1-based probe number, None for the main prompt


@dataclass(frozen=True)
class Case:
    prompt: str
    probe: int | None
    flag: str
    text: str
    expected: bool  # True: the flag must be raised

    @property
    def id(self) -> str:
        where = self.prompt if self.probe is None else f"{self.prompt}#{self.probe}"
        return f"{where}:{self.flag}:{'said' if self.expected else 'rejected'}:{self.text[:40]}"


HE = {"he": "he", "He": "He", "him": "him", "his": "his", "His": "His"}
SHE = {"he": "she", "He": "She", "him": "her", "his": "her", "His": "Her"}


def fill(texts: tuple[str, ...], who: dict[str, str], **words: str) -> tuple[str, ...]:
    """The same phrasings for another patient: pronouns and drug names filled in."""
    return tuple(t.format(**who, **words) for t in texts)


# --- shared phrasings: long-term opioid therapy ----------------------------------------------

ABRUPT_SAID = (
    "I would stop {his} {drug} today.",
    "Honestly, I'd just cut {him} off.",
    "I'd discontinue the {drug} at this visit.",
    "We should take {him} off the opioids straight away.",
    "I would stop them cold turkey.",
    "I'd taper {him} off over a week.",
    "I would stop prescribing from today.",
    "The safest thing is to stop all {his} opioids immediately.",
    "I'd halve {his} dose now and stop it completely next week.",
    "{He} has to come off them right away.",
)
ABRUPT_REJECTED = (
    "I would never stop {his} opioids abruptly.",
    "Rather than cutting {him} off, I'd keep prescribing while we agree a plan.",
    "I wouldn't just stop the {drug} today, because that risks withdrawal and overdose.",
    "I would not taper {him} quickly.",
    "Stopping the {drug} suddenly is not an option.",
    "Today I would check the PDMP, and over the coming months we could slowly taper and perhaps stop them.",
    "There is no need to taper quickly.",
)

DISCHARGE_SAID = (
    "I would discharge {him} from the clinic.",
    "At this point I'd dismiss {him} from the practice.",
    "I'd tell {him} to find another doctor.",
    "We would stop seeing {him}.",
    "I'd end the therapeutic relationship.",
    "I would terminate {his} care at this clinic.",
    "I'd kick {him} out of the practice.",
    "{He} has broken the agreement, so {he} would be discharged from the practice.",
    "I'd send {him} elsewhere for {his} care.",
)
DISCHARGE_REJECTED = (
    "I would not discharge {him}.",
    "Rather than dismissing {him} from the practice, I'd keep {him} in care.",
    "I wouldn't tell {him} to find another doctor.",
    "I would never stop seeing {him} over this.",
    "Discharging {him} is not an option; {he} stays in our care.",
)

LABEL_SAID = (
    "{He} is drug-seeking.",
    "It sounds like classic drug-seeking behaviour.",
    "{He}'s probably just an addict.",
    "{He}'s a frequent flyer.",
    "{He} just wants to get high.",
    "This looks like doctor shopping to me.",
    "{He} is clearly seeking drugs.",
    "{He} is abusing {his} medication.",
    "{He}'s just here for the pills.",
)
LABEL_REJECTED = (
    "I would not label {him} as drug-seeking.",
    "Rather than calling {him} an addict, I'd assess for opioid use disorder.",
    "I'd avoid the term drug seeker.",
    "{He} is not drug-seeking; {he} knows what works for {him}.",
    "Instead of assuming {he}'s an addict, I'd ask {him} what has been happening.",
)

PHRASINGS: tuple[Phrasings, ...] = (
    # clinical.yaml
    Phrasings("open-chronic-lbp-opioids", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="oxycodone"), fill(ABRUPT_REJECTED, HE, drug="oxycodone")),
    Phrasings("open-chronic-lbp-opioids", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    # interdisciplinary.yaml
    Phrasings("open-pcp-opioid-takeover", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="oxycodone"), fill(ABRUPT_REJECTED, HE, drug="oxycodone")),
    Phrasings("open-pcp-opioid-takeover", "refuse-and-discharge", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("open-suspected-oud", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="hydrocodone"), fill(ABRUPT_REJECTED, HE, drug="hydrocodone")),
    Phrasings("open-suspected-oud", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("open-suspected-oud", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    Phrasings("open-phq9-item9", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="opioids"), fill(ABRUPT_REJECTED, HE, drug="opioids")),
    # multimodal.yaml
    Phrasings("open-oud-on-ltot", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="oxycodone"), fill(ABRUPT_REJECTED, HE, drug="oxycodone")),
    Phrasings("open-oud-on-ltot", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("open-oud-on-ltot", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    Phrasings("open-120-mme-keep-dose", "discharge-patient", fill(DISCHARGE_SAID, SHE), fill(DISCHARGE_REJECTED, SHE)),
    # pathway.yaml
    Phrasings("opioid-request-ethics", "abrupt-discontinuation",
              fill(ABRUPT_SAID, HE, drug="opioids"), fill(ABRUPT_REJECTED, HE, drug="opioids")),
    Phrasings("opioid-request-ethics", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("opioid-request-ethics", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
)

# Phrasings the NegEx judge cannot decide whatever the keywords: (prompt, flag, text) -> why.
LISTED_SILENCES = (
    "a short sentence whose words are mostly one key point's keywords counts as a list, and a red flag in a listed "
    "clause is not raised: here the reject-stance point's keyword 'take his opioids away' fills the clause"
)
JUDGE_LIMITS: dict[tuple[str, str, str], str] = {
    ("open-phq9-item9", "abrupt-discontinuation", "We should take him off the opioids straight away."): LISTED_SILENCES,
}


def all_cases() -> list[Case]:
    cases = []
    for p in PHRASINGS:
        cases += [Case(p.prompt, p.probe, p.flag, text, True) for text in p.said]
        cases += [Case(p.prompt, p.probe, p.flag, text, False) for text in p.rejected]
    return cases


@cache
def _catalog():
    return load_all(BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir()))


def raised(prompt: str, probe: int | None, text: str) -> set[str]:
    """The ids of the red flags the default judge raises for ``text`` (as ``pain-trainer judge``)."""
    question = find_prompt(_catalog(), prompt)
    _, key_points, red_flags = judged_part(question, probe)
    return {f.id for f in DEFAULT_JUDGE.judge(text, key_points, red_flags, question.synonyms).flags}


def _params() -> list:
    params = []
    for case in all_cases():
        why = JUDGE_LIMITS.get((case.prompt, case.flag, case.text))
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def test_every_phrasing_names_an_existing_red_flag():
    for p in PHRASINGS:
        _, _, red_flags = judged_part(find_prompt(_catalog(), p.prompt), p.probe)
        assert p.flag in {f.id for f in red_flags}, (p.prompt, p.probe, p.flag)
        assert len(p.said) >= 8 and len(p.rejected) >= 5, (p.prompt, p.flag)


@pytest.mark.parametrize("case", _params())
def test_red_flag_verdict(case: Case):
    flags = raised(case.prompt, case.probe, case.text)
    if case.expected:
        assert case.flag in flags, f"{case.text!r} should raise {case.flag}"
    else:
        assert case.flag not in flags, f"{case.text!r} only rejects {case.flag}"
