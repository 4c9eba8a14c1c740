"""The bundled banks' red flags, said the way residents say them aloud (and the key-point edits of the same review).

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
    "Abrupt discontinuation risks withdrawal and overdose, so I would taper slowly.",
    "I'd explain the risks of abrupt discontinuation.",
    "An abrupt taper could lead to withdrawal, so any reduction would be gradual.",
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
    "Words like addict and drug seeker are stigmatising, so I'd use person-first language.",
    "It could be uncontrolled pain, withdrawal, opioid use disorder or diversion.",
)

PREVIOUS_DOCTOR_STOPPED = "His previous doctor stopped them abruptly and he ended up in the emergency department."

PHRASINGS: tuple[Phrasings, ...] = (
    # --- clinical.yaml ----------------------------------------------------------------------
    Phrasings(
        "open-back-pain-weight-loss",
        "nonspecific-reassurance",
        said=(
            "I'd reassure him that this is mechanical back pain and refer him for physiotherapy.",
            "It's most likely a muscle strain, so I'd give him painkillers and review in a few weeks.",
            "I would treat it as simple back pain with analgesia and physio.",
            "This sounds like non-specific back pain, so I'd reassure him.",
            "He has probably pulled a muscle, so regular ibuprofen and stay active.",
            "I'd give it a few weeks of physio and see how he goes.",
            "Most back pain settles, so I'd reassure him and see him again in six weeks.",
            "I would manage it conservatively with analgesia for now.",
            "I'd start with conservative management and only scan him if it doesn't settle.",
            # the omission: the statement's routine plan with no investigation or escalation
            "I'd refer him to physiotherapy and prescribe regular analgesia.",
            "I'd start him on painkillers and review him in a month.",
        ),
        rejected=(
            "I would not reassure him that this is simple back pain.",
            "This is not non-specific back pain, because he has red flags.",
            "Rather than just giving painkillers and physiotherapy, I'd investigate him urgently.",
            "I wouldn't wait and see with weight loss and night pain.",
            "It would be a mistake to call this mechanical back pain.",
            "I'd give him analgesia while we wait for an urgent MRI.",
            "I'd get an MRI of his spine and bloods first; physiotherapy can wait.",
            "I'd refer him urgently to the spinal team and give analgesia meanwhile.",
            "His GP has already tried physiotherapy and painkillers.",
        ),
    ),
    Phrasings(
        "open-crps-plan",
        "immobilisation",
        said=(
            "I'd put her hand in a splint to rest it.",
            "She should rest the hand until the pain settles.",
            "I would immobilise the wrist for a few weeks.",
            "Keep it in a sling for now.",
            "I'd advise her to avoid using the hand while it is this painful.",
            "I'd put her back in a cast.",
            "I'd protect the hand and keep it still.",
            "A period of rest for the hand would help.",
        ),
        rejected=(
            "I would not immobilise the hand.",
            "Rather than resting the hand, she needs to use it.",
            "She shouldn't wear a splint.",
            "I'd avoid a sling or a cast.",
            "I would never tell her to keep it still.",
            "Immobilisation after the fracture is a known risk factor for CRPS.",
        ),
    ),
    Phrasings(
        "open-ces-phone-call",
        "delayed-assessment",
        said=(
            "I'd book her into clinic next week.",
            "She can see her GP tomorrow.",
            "I'd ask her to come in tomorrow morning.",
            "Let's see how it goes over the weekend.",
            "I would arrange an outpatient MRI.",
            "I'd see her in clinic on Monday.",
            "I'd tell her to keep an eye on it and call back if it gets worse.",
            "She should wait and see whether it settles.",
            "I'd get her the next available appointment.",
        ),
        rejected=(
            "I would not book her a routine appointment.",
            "Rather than waiting until tomorrow, she needs to go to the emergency department tonight.",
            "This can't wait until the next clinic.",
            "I wouldn't tell her to see her GP.",
            "It is not safe to wait and see.",
        ),
    ),
    Phrasings(
        "open-ces-phone-call",
        "false-reassurance",
        said=(
            "I'd reassure her it's probably just her sciatica.",
            "It's most likely constipation from the codeine.",
            "It's probably a side effect of her painkillers.",
            "There's nothing to worry about, it's just her disc.",
            "I'd tell her it's a flare of her sciatica.",
            "The numbness is probably from the sciatica and nothing serious.",
            "I'd say it's probably the codeine making it hard to pass urine.",
            "Her bladder symptoms are likely due to her pain relief.",
        ),
        rejected=(
            "I wouldn't reassure her that it's just sciatica.",
            "I would not put it down to the codeine.",
            "Rather than blaming constipation, I'd send her in.",
            "It is not just her sciatica.",
            "I can't tell her it's nothing to worry about.",
        ),
    ),
    Phrasings(
        "open-ces-phone-call",
        "accepts-tomorrow",
        probe=1,
        said=(
            "Tomorrow morning is fine.",
            "If she can't get childcare, she can come in first thing tomorrow.",
            "That's okay, she can wait until the morning.",
            "I'd book her in for tomorrow.",
            "She can come tomorrow once she has childcare.",
            "It should be fine to wait a few hours until tomorrow.",
            "I'd accept that and see her tomorrow.",
            "Then she should come in tomorrow when she has sorted the children.",
        ),
        rejected=(
            "I'd explain that it cannot wait until tomorrow.",
            "Waiting until tomorrow is not safe.",
            "Rather than coming in tomorrow, she should bring the children with her tonight.",
            "I would not agree to tomorrow.",
            "I wouldn't tell her it's fine to wait.",
        ),
    ),
    Phrasings(
        "open-phn-older-man",
        "opioid-first",
        said=(
            "I'd start him on oxycodone.",
            "A low dose of morphine would be a reasonable first step.",
            "I'd try a buprenorphine patch first.",
            "I'd start a fentanyl patch.",
            "Oxycodone would be my first choice.",
            "I'd prescribe a strong painkiller like morphine.",
            "I'd start with an opioid patch.",
            "I would begin with a low-dose strong opioid at night.",
        ),
        rejected=(
            "I would not start oxycodone first-line.",
            "I'd avoid strong opioids in a 74-year-old.",
            "Rather than morphine, I'd use a lidocaine plaster.",
            "Strong opioids are not first-line for post-herpetic neuralgia.",
            "A buprenorphine patch would be inappropriate at this stage.",
            "Strong opioids are third line at best, after topicals and a gabapentinoid.",
            "I'd check whether he already takes oxycodone or other sedatives.",
        ),
    ),
    Phrasings(
        "open-sickle-ed",
        "drug-seeking-label",
        fill(LABEL_SAID, HE),
        fill(LABEL_REJECTED, HE)
        + (
            "Asking for hydromorphone by name is not drug-seeking.",
            "I'd push back on the drug-seeking label.",
            "Calling him drug-seeking is stigmatising.",
        ),
    ),
    Phrasings(
        "open-sickle-ed",
        "withhold-opioids",
        said=(
            "I'd hold off on opioids until the bloods are back.",
            "Let's start with paracetamol and ibuprofen and see if he settles.",
            "I'd wait for haematology before giving anything strong.",
            "I would not give him hydromorphone until we know more.",
            "I'd withhold opioids for now.",
            "He can have non-opioid painkillers first.",
            "I'd delay the opioids until I've reviewed him.",
            "Just paracetamol for now, and I'll review him later.",
        ),
        rejected=(
            "I would never withhold opioids from him.",
            "Rather than delaying analgesia, I'd give an opioid within the hour.",
            "I wouldn't wait for the blood results before treating his pain.",
            "His analgesia should not be delayed.",
            "I would not hold off on opioids.",
        ),
    ),
    Phrasings(
        "open-sickle-ed",
        "corticosteroid-for-pain",
        said=(
            "I'd give dexamethasone to settle the pain.",
            "A short course of prednisolone can help the pain.",
            "Steroids can reduce the pain of a crisis.",
            "I'd add a steroid.",
            "I'd consider IV methylprednisolone for the pain.",
            "I'd give him a dose of steroids.",
            "A corticosteroid would help the inflammation and the pain.",
            "I'd try a short burst of prednisone.",
        ),
        rejected=(
            "I would not give steroids for the pain.",
            "Corticosteroids are not recommended for the pain of a crisis.",
            "I'd avoid dexamethasone.",
            "Rather than steroids, I'd add ketamine.",
            "There's no role for steroids here.",
            "Steroids can precipitate a rebound crisis, which is why they are avoided.",
        ),
    ),
    Phrasings(
        "open-pdn-plan",
        "opioid-for-pdn",
        said=(
            "I'd start tramadol.",
            "If that fails, I'd add oxycodone.",
            "A small dose of morphine at night would help her sleep.",
            "I'd prescribe an opioid for the breakthrough pain.",
            "Tapentadol is licensed for diabetic neuropathy, so I'd start that.",
            "I'd give her codeine.",
            "Let's try a low-dose opioid.",
            "I'd use oxycodone alongside the pregabalin.",
        ),
        rejected=(
            "I would not start an opioid.",
            "I'd avoid tramadol and other opioids.",
            "Rather than oxycodone, I'd switch to duloxetine.",
            "Opioids are not recommended for painful diabetic neuropathy.",
            "Tapentadol is licensed in some countries, but opioids are third line at best.",
            "Many patients arrive already on tramadol from their GP.",
            "I wouldn't add morphine.",
        ),
    ),
    Phrasings(
        "open-fm-explain",
        "all-in-head",
        said=(
            "I'd tell her it's largely psychological.",
            "It's mostly stress.",
            "There's nothing physically wrong with you.",
            "It's a psychosomatic condition.",
            "It's really just anxiety.",
            "I'd say it's mainly in the mind.",
            "Your tests are normal, so there is nothing wrong with you.",
            "The pain is coming from your mind.",
        ),
        rejected=(
            "It is not all in your head.",
            "I would never tell her it's in her head.",
            "Your pain is real, not imagined.",
            "Fibromyalgia is not psychosomatic.",
            "I wouldn't say it's just stress.",
        ),
    ),
    Phrasings(
        "open-fm-explain",
        "opioids-for-fm",
        said=(
            "I'd start her on oxycodone.",
            "A low-dose opioid might help her sleep.",
            "She can take codeine at night.",
            "I'd give morphine for the bad days.",
            "An opioid patch could take the edge off.",
            "I'd prescribe a strong painkiller like oxycodone.",
            "We could try an opioid.",
            "She can take an opioid for flares.",
        ),
        rejected=(
            "I would avoid opioids.",
            "Opioids don't help fibromyalgia and can make it worse.",
            "Rather than opioids, I'd use low-dose amitriptyline.",
            "I wouldn't prescribe codeine.",
            "Strong opioids are not recommended.",
            "Tramadol is the only opioid with some evidence in fibromyalgia.",
            "I'd ask what she has tried, including opioids.",
        ),
    ),
    Phrasings(
        "open-knee-oa-injection",
        "endorses-regenerative-injection",
        said=(
            "I'd be happy to do the PRP injection for him.",
            "PRP could help regrow some cartilage.",
            "Let's give PRP a try.",
            "I'd refer him for stem cell injections.",
            "Stem cells may regenerate the cartilage.",
            "It's his choice, so I'd go ahead with the injection.",
            "I'd offer him a course of PRP.",
            "PRP is reasonable to try since it's low risk.",
        ),
        rejected=(
            "I would not offer PRP.",
            "PRP does not regrow cartilage.",
            "Rather than PRP, I'd focus on exercise and weight loss.",
            "I'd advise against stem-cell injections.",
            "Stem cells won't regrow the cartilage.",
        ),
    ),
    Phrasings(
        "open-knee-oa-injection",
        "oral-nsaid-ckd",
        said=(
            "I'd prescribe naproxen twice a day.",
            "He can take ibuprofen regularly.",
            "A short course of oral diclofenac would help.",
            "Celecoxib daily would be kinder to his stomach.",
            "He can take ibuprofen 400 mg three times a day.",
            "I'd start him on an oral anti-inflammatory.",
            "Regular naproxen for a few weeks should settle it.",
            "He could take meloxicam once a day.",
        ),
        rejected=(
            "I would avoid oral NSAIDs because of his kidneys.",
            "Rather than ibuprofen tablets, I'd use topical diclofenac.",
            "I wouldn't prescribe naproxen.",
            "Oral NSAIDs are contraindicated with his CKD.",
            "He should not take ibuprofen tablets.",
            "Oral NSAIDs like naproxen can worsen his kidney function. I'd prescribe a topical NSAID instead.",
        ),
    ),
    Phrasings(
        "open-cancer-cord",
        "delayed-mri",
        said=(
            "I'd request an MRI for tomorrow morning.",
            "We can scan him on Monday.",
            "I'd keep an eye on him overnight and scan if the weakness gets worse.",
            "I'd arrange an outpatient MRI next week.",
            "I'd watch and wait for now.",
            "Let's see how he goes with better analgesia first.",
            "I'd book a routine MRI.",
            "I'd treat the pain first and scan him later.",
            "I'd arrange an MRI in the next few days.",
        ),
        rejected=(
            "I would not wait until tomorrow to scan him.",
            "This cannot wait for a routine MRI.",
            "Rather than observing him overnight, I'd get an MRI now.",
            "I wouldn't see how he goes.",
            "An outpatient MRI would be inappropriate.",
        ),
    ),
    Phrasings(
        "open-moh-management",
        "adds-opioid",
        said=(
            "I'd give her codeine for the bad days.",
            "I'd add tramadol for the severe attacks.",
            "She needs something stronger, like an opioid.",
            "I would prescribe co-codamol.",
            "Let's try an opioid as a rescue medicine.",
            "I'd switch her triptan to codeine.",
            "She can use oxycodone for breakthrough headaches.",
            "I'd start a butalbital combination.",
        ),
        rejected=(
            "I would not add an opioid.",
            "Rather than codeine, I'd start a preventive.",
            "I wouldn't prescribe tramadol.",
            "Stronger painkillers are not the answer.",
            "I'd never give her codeine for headaches.",
        ),
    ),
    Phrasings(
        "open-chronic-lbp-opioids",
        "dismiss-on-test",
        probe=1,
        said=(
            "I'd discharge him.",
            "I'd stop his opioids because of the benzodiazepine.",
            "He has broken the agreement, so I'd stop prescribing.",
            "I'd cut him off.",
            "I'd tell him to find another doctor.",
            "I would stop his oxycodone today.",
            "I'd dismiss him from the clinic.",
            "He would have to get his care elsewhere.",
        ),
        rejected=(
            "I would not discharge him over one test.",
            "Rather than stopping his opioids, I'd talk to him about the result.",
            "I wouldn't cut him off.",
            "A positive test is not a reason to stop prescribing.",
            "I'd never stop his oxycodone because of one result.",
        ),
    ),
    # --- interdisciplinary.yaml -------------------------------------------------------------
    Phrasings(
        "open-explain-central-sensitisation",
        "imagined-pain",
        said=(
            "I'd tell her the pain is largely psychological.",
            "It's mostly stress.",
            "There's nothing physically wrong with you.",
            "It's a psychosomatic problem.",
            "It's really just anxiety.",
            "A lot of it is in the mind.",
            "Your scans are normal, so the pain isn't real damage, it's in your head.",
            "The pain is coming from your mind.",
        ),
        rejected=(
            "It is not in your head.",
            "I would never tell her the pain is imagined.",
            "Your pain is real, not made up.",
            "This is not psychosomatic.",
            "I wouldn't say it's just stress.",
        ),
    ),
    Phrasings(
        "open-explain-central-sensitisation",
        "rest-until-better",
        said=(
            "You should rest until the pain settles.",
            "I'd advise bed rest for a few days.",
            "Avoid exercise while it's flaring.",
            "Take it easy and don't push yourself.",
            "Stop exercising if it hurts.",
            "Let it settle first before you do anything.",
            "You need to rest when it hurts.",
            "Avoid activities that cause pain.",
        ),
        rejected=(
            "I wouldn't advise bed rest.",
            "Rather than avoiding activity, build up gradually.",
            "You don't need to stop exercising when it hurts.",
            "Resting until the pain settles is not the answer.",
            "Avoiding activity is unhelpful.",
        ),
    ),
    Phrasings(
        "open-team-shared-plan",
        "passive-treatments-first",
        said=(
            "I'd start with injections and bring in psychology if that fails.",
            "An epidural first, then physio once the pain is better.",
            "Psychology would be a last resort.",
            "I'd get the pain under control with a block before starting therapy.",
            "First a facet injection, then we'll see.",
            "If the injections don't work, then psychology.",
            "Rest first, then physio once the pain has settled.",
            "Procedures first, and therapy later.",
        ),
        rejected=(
            "I wouldn't start with injections.",
            "Psychology is not a last resort.",
            "Rather than putting injections first, therapy starts now.",
            "I'd never leave psychology until the injections fail.",
            "An injection is not the first step; therapy is.",
        ),
    ),
    Phrasings(
        "open-all-in-my-head",
        "confirms-psychogenic",
        said=(
            "Partly, yes, it's in your head.",
            "Your pain is largely psychological.",
            "It's mainly stress.",
            "There's nothing physically wrong, it's psychological.",
            "It's psychosomatic.",
            "It's just anxiety.",
            "The pain is coming from your mind.",
            "It's more mental than physical.",
        ),
        rejected=(
            "It's not in your head.",
            "I would never say the pain is psychological.",
            "Your pain is real; it is not imagined.",
            "I don't think it's all in your head.",
            "Rather than calling it psychological, I'd explain how the nervous system amplifies pain.",
            "Everyone's pain has physical and psychological components.",
        ),
    ),
    Phrasings(
        "open-all-in-my-head",
        "ultimatum",
        said=(
            "If you won't see the psychologist, there's nothing more we can offer.",
            "You have to see the psychologist before we do anything else.",
            "We can only continue if you see the psychologist.",
            "Seeing psychology is a condition of staying in the clinic.",
            "Unless you see the psychologist I can't help you.",
            "Psychology is compulsory in our clinic.",
            "Without psychology there's not much more we can do.",
            "I won't offer anything else until you've seen the psychologist.",
        ),
        rejected=(
            "I would never say there is nothing more we can offer.",
            "Seeing the psychologist is not a condition of your care.",
            "You don't have to see the psychologist.",
            "I wouldn't make it an ultimatum.",
            "It's not compulsory.",
        ),
    ),
    Phrasings(
        "open-all-in-my-head",
        "probe-withdraw-care",
        probe=1,
        said=(
            "Then there's nothing more we can do for her.",
            "I'd discharge her back to her GP.",
            "I can't keep seeing her if she won't engage.",
            "I'd only keep seeing her if she agrees to psychology.",
            "She would have to find another clinic.",
            "I'd stop seeing her.",
            "Then I'd end her care here.",
            "I'd discharge her from the clinic.",
        ),
        rejected=(
            "I would not discharge her.",
            "That doesn't mean there is nothing more we can do.",
            "I'd keep seeing her rather than discharge her.",
            "I wouldn't stop seeing her.",
            "Refusing psychology is not a reason to discharge her.",
        ),
    ),
    Phrasings(
        "open-phq9-item9",
        "defer-assessment",
        said=(
            "I'd leave the suicide assessment to his GP.",
            "That's really the psychiatrist's job, so I'd refer him on.",
            "I'd send a routine referral to mental health.",
            "Let his GP deal with the mood.",
            "I'd ask him to see his doctor about it next week.",
            "It's not my role as a pain physician.",
            "I'd leave that for his GP to sort out.",
            "We can talk about it at the next visit.",
            "I'd give him a leaflet and ask about it next time.",
            # the omission: handed to primary care, with no assessment or crisis plan in this visit
            "I'd write to his PCP about the score and carry on with the pain plan.",
            "I'd flag the score to primary care and see him at his next visit.",
        ),
        rejected=(
            "I'd ask him directly about suicidal thoughts and any plan today, then let his PCP know.",
            "I'd make a safety plan with him and give him the crisis line, and copy in primary care.",
            "His PCP already knows about his depression.",
            "I wouldn't just write to his PCP.",
            "I wouldn't leave it to his GP.",
            "Rather than deferring to his GP, I'd assess him now.",
            "This is not something for a routine referral.",
            "I would not wait until the next visit to ask.",
            "It isn't something to leave to someone else.",
        ),
    ),
    Phrasings(
        "open-phq9-item9",
        "probe-stop-today",
        probe=2,
        said=(
            "Yes, I'd stop his opioids today.",
            "I'd cut them off now to remove the risk.",
            "I would discontinue them immediately.",
            "I'd stop everything today.",
            "I'd stop the opioids right away.",
            "I'd take him off them today.",
            "I'd stop prescribing from today.",
            "He shouldn't have opioids at home, so I'd stop them now.",
        ),
        rejected=(
            "I would not stop his opioids today.",
            "Rather than cutting them off today, I'd dispense smaller amounts.",
            "I'd never discontinue them immediately.",
            "No, I wouldn't stop anything today.",
            "I would not take him off them today.",
            "Stopping them today could increase his suicide risk.",
        ),
    ),
    Phrasings(
        "open-fear-of-bending",
        "rest-and-avoid",
        said=(
            "He should avoid heavy lifting for now.",
            "I'd sign him off work for a few weeks.",
            "I'd tell him to take it easy and protect his back.",
            "I'd tell him not to bend until it settles.",
            "He should stay off work.",
            "Some bed rest would help.",
            "He should be careful with his back.",
            "I'd give him light duties with no lifting.",
            "I'd advise him to stop lifting at work.",
        ),
        rejected=(
            "I wouldn't tell him to avoid bending.",
            "Rather than resting his back, he needs to keep moving.",
            "I would not sign him off work.",
            "Bed rest is not recommended.",
            "I'd never tell him to protect his back.",
        ),
    ),
    Phrasings(
        "open-fear-of-bending",
        "routine-imaging",
        said=(
            "I'd get an MRI to reassure him.",
            "A scan would show him his disc is fine.",
            "I'd order an X-ray of his back.",
            "Let's repeat the MRI.",
            "I'd send him for imaging.",
            "I'd request an MRI of his lumbar spine.",
            "Imaging would help convince him.",
            "I would scan his back to put his mind at rest.",
        ),
        rejected=(
            "I wouldn't order an MRI without red flags.",
            "Another scan would not reassure him.",
            "Rather than repeating the MRI, I'd explain what it showed.",
            "Imaging is not indicated.",
            "I'd avoid more imaging.",
        ),
    ),
    Phrasings(
        "open-design-program",
        "promises-cure",
        said=(
            "The programme will cure their pain.",
            "Patients will leave pain-free.",
            "Our aim is to get rid of their pain.",
            "We'll eliminate pain for most patients.",
            "It will make their pain go away.",
            "Success means they are pain-free at discharge.",
            "We'd fix their pain.",
            "We'll take their pain away.",
        ),
        rejected=(
            "We won't cure their pain.",
            "The aim is not to make them pain-free.",
            "Rather than promising a cure, we set functional goals.",
            "I'd never promise that they will be pain-free.",
            "A cure is not a realistic goal.",
        ),
    ),
    Phrasings(
        "open-drug-seeker-label",
        "endorses-label",
        said=(
            "I'd go along with it.",
            "He's probably drug seeking, to be fair.",
            "I agree, a lot of these patients are drug seekers.",
            "Some sickle cell patients really are drug-seeking.",
            "I'd agree with the colleague.",
            "Some of them really are addicts.",
            "He does sound like he is just after opioids.",
            "To be honest, he probably is a drug seeker.",
        ),
        rejected=(
            "I would not go along with the label.",
            "He is not a drug seeker.",
            "I wouldn't agree with the colleague.",
            "Rather than agreeing that he is drug seeking, I'd ask what the behaviour was.",
            "I'd explain that calling a patient a drug seeker is stigmatising.",
        ),
    ),
    Phrasings(
        "open-drug-seeker-label",
        "withhold-analgesia",
        said=(
            "I'd limit his opioids until we know more.",
            "Let's switch him to oral and reduce the opioids.",
            "I'd give him paracetamol only for now.",
            "Fewer opioids would be safer.",
            "We should hold off on opioids.",
            "I'd cut back on the opioids.",
            "I'd withhold the IV opioids.",
            "I'd minimise the opioids.",
        ),
        rejected=(
            "I wouldn't limit his opioids because of a label.",
            "Rather than withholding analgesia, I'd treat his pain.",
            "His analgesia should not be reduced.",
            "I would not cut back on his opioids.",
            "I'd never hold off on opioids for him.",
        ),
    ),
    Phrasings(
        "open-drug-seeker-label",
        "stays-silent",
        said=(
            "It's not my place to correct a colleague.",
            "I'd probably let it go in the moment.",
            "I'd keep quiet on rounds.",
            "I'd stay out of it.",
            "I'd just ignore it.",
            "It isn't my business.",
            "I'd say nothing at the time.",
            "I would just carry on with the round.",
        ),
        rejected=(
            "I wouldn't let it go.",
            "Staying quiet is not an option.",
            "I would not ignore it.",
            "Rather than keeping quiet, I'd speak to the colleague privately.",
            "I wouldn't stay out of it.",
            "I wouldn't say anything in front of the patient, but I'd speak to him privately afterwards.",
        ),
    ),
    Phrasings(
        "stigma-chronic-pain",
        "endorses-label",
        said=(
            "I'd go along with it.",
            "Some of them are drug seekers.",
            "To be fair, a lot of chronic pain patients are drug seeking.",
            "If he is drug seeking, the label is fair.",
            "I'd agree with the label.",
            "Some of them really are addicts.",
            "Many of these patients are just after opioids.",
            "He probably is a drug seeker.",
        ),
        rejected=(
            "I would not go along with the label.",
            "Patients with chronic pain are not drug seekers.",
            "I wouldn't agree with the label.",
            "Rather than agreeing that she is drug seeking, I'd describe the behaviour.",
            "I'd say that calling patients drug seekers is stigmatising.",
        ),
    ),
    Phrasings(
        "stigma-chronic-pain",
        "stays-silent",
        said=(
            "It's not my place to correct a colleague.",
            "I'd probably let it go.",
            "I'd keep quiet on the round.",
            "I'd stay out of it.",
            "I'd just ignore it.",
            "It isn't my business.",
            "I'd say nothing at the time.",
            "I would just carry on with the round.",
        ),
        rejected=(
            "I wouldn't let it go.",
            "Staying quiet is not an option.",
            "I would not ignore it.",
            "Rather than keeping quiet, I'd speak to the colleague privately.",
            "I wouldn't stay out of it.",
        ),
    ),
    Phrasings(
        "open-suspected-oud",
        "probe-discharge-on-refusal",
        probe=2,
        said=(
            "If he declines, I'd discharge him.",
            "Then I would stop prescribing.",
            "I'd stop his opioids since he won't accept treatment.",
            "He'd have to find another doctor.",
            "I'd cut him off.",
            "I would stop the hydrocodone.",
            "Then he can get his care elsewhere.",
            "I'd dismiss him from the practice.",
        ),
        rejected=(
            "I wouldn't discharge him for declining.",
            "Declining is not a reason to stop prescribing.",
            "Rather than cutting him off, I'd keep him in care.",
            "I would never stop his opioids because he said no.",
            "I'd keep prescribing rather than stop the hydrocodone.",
        ),
    ),
    # --- interventional.yaml ----------------------------------------------------------------
    Phrasings(
        "open-scs-trial-consent",
        "promises-cure",
        said=(
            "I'd tell her the stimulator should get rid of the pain.",
            "Most patients are pain-free after the implant.",
            "It can cure this type of nerve pain.",
            "She'll be able to come off all her medication.",
            "I can guarantee it will help.",
            "The stimulator will fix her pain.",
            "It will take the pain away.",
            "She'll have no more pain in her leg.",
        ),
        rejected=(
            "I would not promise her a cure.",
            "It won't make her pain-free.",
            "I can't guarantee it will work.",
            "Rather than promising she'll come off all her medication, I'd set realistic goals.",
            "The aim is not to take the pain away completely.",
        ),
    ),
    Phrasings(
        "open-apixaban-cervical-esi",
        "inject-on-anticoagulation",
        said=(
            "I'd hold the apixaban for 24 hours and then inject.",
            "She can skip her morning dose and we'll go ahead.",
            "It's fine to do it on apixaban; the risk is low.",
            "I'd just stop it the night before.",
            "There's no need to stop the apixaban for an epidural.",
            "I'd ask her to miss one dose.",
            "I'd do the injection without stopping her anticoagulant.",
            "Holding it for one day is enough.",
            "I'd continue her apixaban and inject with a small needle.",
        ),
        rejected=(
            "I would not inject on apixaban.",
            "Holding it for a day is not enough.",
            "Rather than skipping one dose, she needs a three-day hold.",
            "I'd never do a cervical epidural while she's on apixaban.",
            "I wouldn't just skip the morning dose.",
            "Just skipping the morning dose would be unsafe.",
        ),
    ),
    Phrasings(
        "open-apixaban-cervical-esi",
        "heparin-bridging",
        said=(
            "I'd bridge her with enoxaparin.",
            "She'll need Lovenox cover while she's off apixaban.",
            "I'd cover the gap with low molecular weight heparin.",
            "I'd bridge with heparin because of her stroke.",
            "I'd start treatment-dose enoxaparin while the apixaban is held.",
            "She should have heparin injections while the apixaban is stopped.",
            "I'd bridge her given the stroke history.",
            "She'd have Clexane injections until she restarts.",
        ),
        rejected=(
            "I would not bridge her with heparin.",
            "No bridging is needed for apixaban.",
            "Rather than bridging with enoxaparin, we simply hold and restart.",
            "Heparin bridging is not recommended for a DOAC.",
            "I wouldn't give Lovenox.",
            "Bridging with LMWH increases bleeding without preventing strokes.",
        ),
    ),
    Phrasings(
        "open-apixaban-cervical-esi",
        "inject-on-apixaban",
        probe=1,
        said=(
            "Then I'd do it anyway and accept the risk.",
            "I'd go ahead on apixaban.",
            "I'd proceed while she stays on apixaban.",
            "She can have the injection on apixaban.",
            "We could inject anyway with a small needle.",
            "I'd take the risk since her pain is severe.",
            "I'd just do it without stopping the apixaban.",
            "I'd inject on her anticoagulant.",
        ),
        rejected=(
            "I would not inject on apixaban.",
            "I wouldn't go ahead anyway.",
            "Rather than proceeding on apixaban, I'd offer alternatives.",
            "I'd never take the risk of a cervical epidural haematoma.",
            "Doing it anyway would be dangerous.",
        ),
    ),
    Phrasings(
        "open-complication-you-saw",
        "never-seen-one",
        said=(
            "Honestly, I've never seen a complication.",
            "I've been lucky and never had a complication.",
            "Nothing really comes to mind.",
            "I can't think of a specific complication.",
            "I haven't been involved in one.",
            "Fortunately none of my patients has had a complication.",
            "I've never had anything go wrong.",
            "I can't recall one.",
        ),
        rejected=(
            "I have seen complications, and one stays with me.",
            "Rather than claiming I've never had a complication, I'll tell you about a dural puncture.",
            "It would be wrong to say I have never seen one.",
            "Unfortunately I can think of one.",
            "I wouldn't say I've been lucky.",
            # 'haven't been involved in one' was met by any negated "involved in one"; the subject in front fixes it
            "I've been involved in one that didn't go well: a high block after an epidural top-up.",
        ),
    ),
    Phrasings(
        "open-cervical-tf-vascular",
        "inject-anyway",
        said=(
            "I'd inject slowly and watch the patient.",
            "I'd go ahead and inject the steroid.",
            "A small amount of dexamethasone should be fine to inject.",
            "I'd continue with the injection since it's dexamethasone.",
            "I'd push the steroid slowly.",
            "I'd finish the injection under live fluoroscopy.",
            "It's non-particulate, so I'd carry on injecting.",
            "I'd just inject the local anaesthetic.",
        ),
        rejected=(
            "I would not inject through that needle.",
            "I'd stop rather than inject anyway.",
            "I wouldn't push the steroid.",
            "Injecting the steroid now is contraindicated.",
            "Rather than carrying on with the injection, I'd stop and reassess.",
        ),
    ),
    Phrasings(
        "open-cervical-tf-vascular",
        "particulate-steroid",
        said=(
            "I'd use triamcinolone.",
            "Depo-Medrol lasts longer, so I'd use that.",
            "I usually give Kenalog.",
            "Methylprednisolone is my usual choice.",
            "I'd give betamethasone.",
            "I'd switch to a depot steroid.",
            "Triamcinolone would give a longer effect.",
            "I'd use Celestone for this level.",
        ),
        rejected=(
            "I would never use triamcinolone in the neck.",
            "Particulate steroids like Depo-Medrol are contraindicated here.",
            "Rather than methylprednisolone, I use dexamethasone.",
            "I'd avoid Kenalog.",
            "Triamcinolone should be avoided.",
            "Particulate steroids such as methylprednisolone can embolise and cause a spinal cord infarct.",
        ),
    ),
    Phrasings(
        "open-post-esi-weakness",
        "delayed-assessment",
        said=(
            "It's probably a steroid flare, so take painkillers and rest.",
            "I'd see her in clinic next week.",
            "Let's see how it goes over the weekend.",
            "I'd ask her to monitor it at home.",
            "It's normal after an injection.",
            "I'd give it a day or two.",
            "I'd book her in for a review.",
            "She should take paracetamol and call back if it gets worse.",
            "I'd reassure her it's just a post-injection flare.",
            "I'd see her at her next appointment.",
        ),
        rejected=(
            "This is not a steroid flare.",
            "This can't wait until her next appointment; she needs the emergency department now.",
            "I would not wait and see.",
            "Rather than seeing her in clinic, I'd send her to the emergency department now.",
            "I wouldn't tell her to rest at home.",
            "It's not normal after an injection.",
        ),
    ),
    Phrasings(
        "open-post-esi-weakness",
        "treat-as-uti",
        said=(
            "It's probably a urine infection, so I'd get her GP to prescribe antibiotics.",
            "I'd send a urine sample and start trimethoprim.",
            "It sounds like a UTI to me.",
            "I'd treat her for cystitis.",
            "Oral antibiotics should sort it out.",
            "I'd start her on oral antibiotics.",
            "It's probably a bladder infection.",
            "I'd give her nitrofurantoin.",
        ),
        rejected=(
            "I wouldn't put this down to a urinary tract infection.",
            "This is not a UTI until proven otherwise.",
            "Rather than oral antibiotics, she needs blood cultures and an MRI.",
            "I wouldn't give trimethoprim.",
            "I wouldn't assume it's a water infection.",
            "Although a UTI could explain the urinary symptoms, with fever after an epidural I'd assume an abscess.",
        ),
    ),
    Phrasings(
        "open-facet-pathway",
        "ablation-without-blocks",
        said=(
            "I'd go straight to radiofrequency ablation.",
            "There's no need for diagnostic blocks; I'd just ablate.",
            "I'd skip the medial branch blocks.",
            "Given the classic history, I'd ablate straight away.",
            "We can do the RFA without blocks.",
            "Blocks aren't necessary when the history is this typical.",
            "I'd go ahead with ablation based on the examination.",
            "I'd go straight to RFA.",
        ),
        rejected=(
            "I wouldn't go straight to ablation.",
            "I'd never skip the diagnostic blocks.",
            "Rather than ablating straight away, I'd do medial branch blocks.",
            "Ablation without blocks is not recommended.",
            "I would not do the RFA without blocks.",
        ),
    ),
    Phrasings(
        "open-crps-lower-limb",
        "immobilisation",
        said=(
            "She should keep weight off the foot.",
            "I'd put her in a walking boot.",
            "She should use crutches and stay non-weight bearing for a few weeks.",
            "I'd rest the foot.",
            "She should avoid putting weight on it until the pain settles.",
            "I'd immobilise the ankle.",
            "She should keep off it for now.",
            "I'd put her back in a cast.",
        ),
        rejected=(
            "I wouldn't immobilise the foot.",
            "Rather than keeping weight off, she needs graded weight bearing.",
            "I'd avoid a walking boot.",
            "She should not stay off the foot.",
            "I would never put her back in a cast.",
            "Non-weight bearing is harmful in CRPS.",
        ),
    ),
    Phrasings(
        "open-radiation-teaching",
        "tube-over-table",
        said=(
            "I'd put the tube above the table so it's out of the way.",
            "Having the tube over the table gives a better image.",
            "The source should be on top.",
            "I position the image intensifier under the table.",
            "The X-ray tube goes on top and the detector below.",
            "Keep the tube above the patient.",
            "I'd put the detector under the table.",
            "The tube should be on top of the patient.",
        ),
        rejected=(
            "Never put the tube over the table.",
            "The tube should not be above the patient.",
            "Rather than the tube on top, keep it under the table.",
            "I'd avoid having the source above.",
            "I wouldn't put the tube over the table.",
        ),
    ),
    Phrasings(
        "open-dapt-stent-scs",
        "stop-dapt-early",
        said=(
            "I'd stop the clopidogrel a week before the implant.",
            "He can hold clopidogrel for 7 days and we go ahead next month.",
            "I'd stop both antiplatelets so we can go ahead next month.",
            "He can stop his clopidogrel seven days before and we proceed.",
            "I'd ask him to stop the blood thinners so the implant can go ahead as planned.",
            "Stopping clopidogrel this month for the implant is fine.",
            "I'd stop the Plavix a week before.",
            "I'd hold the clopidogrel for the implant.",
        ),
        rejected=(
            "I would not stop the clopidogrel three months after a drug-eluting stent.",
            "Rather than stopping his clopidogrel for the implant, I'd defer the surgery.",
            "He shouldn't stop both antiplatelets for the procedure.",
            "I'd never stop the clopidogrel before the implant without his cardiologist.",
            "Stopping clopidogrel now for the implant is dangerous.",
            "I'd defer until the minimum DAPT period is complete, then stop clopidogrel 7 days before the implant.",
        ),
    ),
    Phrasings(
        "open-dapt-stent-scs",
        "implant-on-dapt",
        said=(
            "I'd implant on both antiplatelets.",
            "We can do it while he is on dual antiplatelets.",
            "I'd go ahead anyway; it's a short procedure.",
            "I'd proceed on clopidogrel with careful haemostasis.",
            "I'd operate on both and watch for a haematoma.",
            "I'd implant without stopping anything.",
            "I'd do the implant on DAPT.",
            "I'd implant while he stays on clopidogrel and aspirin.",
        ),
        rejected=(
            "I would not implant on dual antiplatelet therapy.",
            "I wouldn't go ahead anyway.",
            "Rather than implanting on clopidogrel, I'd wait.",
            "Doing it on DAPT is contraindicated.",
            "I'd never operate on both antiplatelets.",
        ),
    ),
    # --- multimodal.yaml --------------------------------------------------------------------
    Phrasings(
        "open-120-mme-keep-dose",
        "forced-taper",
        said=(
            "Policy is policy, so I'd taper her to 90.",
            "I'd cut her down to 90 MME.",
            "She has no choice; the clinic requires it.",
            "I'd taper her regardless of what she wants.",
            "I'd reduce her by 30 MME straight away.",
            "I'd get her below 90 by next month.",
            "I'd halve her dose.",
            "I'd taper her quickly to meet the policy.",
            "We'd have to bring her down to 90 whether she likes it or not.",
        ),
        rejected=(
            "I wouldn't force a taper on her.",
            "Rather than cutting her dose to meet the policy, I'd assess her.",
            "I would not taper her rapidly.",
            "The policy is not a reason to cut her dose.",
            "CDC 2022 does not say she must come down to 90.",
        ),
    ),
    Phrasings(
        "open-buprenorphine-surgery",
        "stop-buprenorphine",
        said=(
            "I'd agree with the surgeon and stop the Suboxone before surgery.",
            "Hold the buprenorphine for 72 hours so the morphine works.",
            "I'd switch him to morphine for the admission.",
            "I'd taper him off buprenorphine a few days before.",
            "We should stop his Suboxone the night before.",
            "I'd stop the buprenorphine and use a morphine PCA.",
            "The Suboxone should be held perioperatively.",
            "I'd discontinue the buprenorphine and restart it after discharge.",
            "He needs to come off Suboxone for the surgery.",
        ),
        rejected=(
            "I would not stop his buprenorphine.",
            "Rather than holding the Suboxone, I'd continue it and add full agonists.",
            "I wouldn't switch him to morphine.",
            "The Suboxone should not be stopped.",
            "I'd never stop the buprenorphine before surgery.",
            "Stopping buprenorphine risks relapse and overdose, so I'd continue it.",
        ),
    ),
    Phrasings(
        "open-methadone-rotation",
        "fixed-ratio-conversion",
        said=(
            "I'd use the MME factor of 4.7 to convert.",
            "I'd convert using an equianalgesic table.",
            "Using the conversion chart, 300 of morphine is about 64 of methadone.",
            "I'd give the same dose of methadone.",
            "I'd give the full equianalgesic dose.",
            "I'd use a fixed ratio of 10 to 1.",
            "I'd divide the morphine dose by 4.7.",
            "I'd work out the equivalent from the CDC table and start that.",
        ),
        rejected=(
            "I wouldn't use a fixed ratio.",
            "The 4.7 factor should not be used for conversion.",
            "Rather than a straight conversion, I'd start low.",
            "I'd never give the full equianalgesic dose.",
            "A conversion table is not reliable for methadone.",
            "Equianalgesic tables overestimate the methadone dose at high morphine doses.",
        ),
    ),
    Phrasings(
        "open-methadone-rotation",
        "rapid-titration",
        said=(
            "I'd increase it daily until his pain is controlled.",
            "I'd titrate every day or two.",
            "I'd go up quickly since his pain is severe.",
            "Daily increases of 5 mg would get him there.",
            "I'd titrate quickly.",
            "I'd increase every couple of days.",
            "I'd up the dose every day.",
            "We can titrate it rapidly.",
        ),
        rejected=(
            "I wouldn't increase it daily.",
            "I'd avoid rapid titration.",
            "Rather than increasing every day, I'd wait at least 5 to 7 days.",
            "Daily increases are dangerous with methadone.",
            "I would never titrate it quickly.",
        ),
    ),
    Phrasings(
        "open-elderly-dpn-ckd",
        "escalate-oxycodone",
        said=(
            "I'd increase the oxycodone to 15 mg twice daily.",
            "I'd up his oxycodone a little.",
            "I'd double his opioid dose.",
            "He needs more oxycodone.",
            "I'd increase his dose of oxycodone.",
            "I'd go up on the opioid until his pain is better.",
            "I'd bump up his oxycodone.",
            "I'd increase the opioid since he has poor relief.",
        ),
        rejected=(
            "I would not increase his oxycodone.",
            "Rather than increasing the oxycodone, I'd start a neuropathic agent.",
            "More oxycodone is unlikely to help.",
            "I wouldn't escalate his opioid.",
            "Increasing the opioid is not the answer.",
        ),
    ),
    Phrasings(
        "open-opioid-benzo-copd",
        "abrupt-stop",
        said=(
            "I'd stop the clonazepam today.",
            "I'd stop all three sedatives now.",
            "I'd stop the hydrocodone immediately.",
            "I'd take him off the benzodiazepine straight away.",
            "I'd stop everything today and reassess.",
            "I'd cut him off the clonazepam.",
            "I'd stop them all at once.",
            "The clonazepam needs to stop right away.",
            "I'd discontinue the Klonopin immediately.",
        ),
        rejected=(
            "I would not stop the clonazepam abruptly.",
            "Rather than stopping everything, I'd taper one drug at a time.",
            "I wouldn't cut him off.",
            "Stopping clonazepam suddenly is dangerous.",
            "I'd never stop the benzodiazepine cold turkey.",
        ),
    ),
    Phrasings(
        "open-ketamine-crps",
        "ketamine-cure",
        said=(
            "Ketamine can reset her nervous system.",
            "It could cure her CRPS.",
            "The effect is usually permanent.",
            "She can have infusions as often as she needs.",
            "I'd set up regular infusions every month indefinitely.",
            "Ketamine will switch off the pain.",
            "It reboots the brain.",
            "She can have ongoing infusions long term.",
        ),
        rejected=(
            "Ketamine won't cure her CRPS.",
            "It's not a permanent fix.",
            "I wouldn't promise a reset.",
            "Rather than indefinite infusions, any repeat depends on a defined response.",
            "I'd never offer regular infusions as the main treatment.",
        ),
    ),
    Phrasings(
        "open-multimodal-tka",
        "stop-baseline-opioid",
        said=(
            "I'd stop his oxycodone before surgery and use a PCA.",
            "I'd hold his usual oxycodone on the day of surgery.",
            "He can have a PCA instead of his regular opioid.",
            "We should omit his oxycodone while he has the nerve block.",
            "I'd switch his oxycodone to a morphine PCA only.",
            "I'd hold his oxycodone until he's eating.",
            "He can skip his oxycodone the morning of surgery.",
            "I'd stop the oxycodone and rely on the regional block.",
        ),
        rejected=(
            "I would not stop his oxycodone.",
            "Rather than stopping his oxycodone, I'd continue it and add a PCA.",
            "I wouldn't hold his usual opioid.",
            "His oxycodone should not be omitted.",
            "A PCA alone is not enough.",
        ),
    ),
    Phrasings(
        "open-knee-oa-older-adult",
        "oral-nsaid",
        said=(
            "I'd prescribe naproxen twice a day.",
            "He can take ibuprofen regularly.",
            "A short course of oral diclofenac would help.",
            "Celecoxib daily would be kinder to his stomach.",
            "He can take ibuprofen 400 mg three times a day.",
            "I'd start him on an oral anti-inflammatory.",
            "Regular naproxen for a few weeks should settle it.",
            "He could take meloxicam once a day.",
        ),
        rejected=(
            "I would avoid oral NSAIDs in an 80-year-old on aspirin and an ACE inhibitor.",
            "Rather than ibuprofen tablets, I'd use topical diclofenac.",
            "I wouldn't prescribe naproxen.",
            "Oral NSAIDs are too risky for him, so I would not prescribe them.",
            "He should not take ibuprofen tablets.",
            "Oral NSAIDs like ibuprofen raise his bleeding risk with aspirin. I'd start with topical diclofenac.",
        ),
    ),
    Phrasings(
        "open-knee-oa-older-adult",
        "strong-opioid",
        said=(
            "I'd give him something strong like oxycodone.",
            "Let's start a low dose of morphine.",
            "A buprenorphine patch would be easiest for him.",
            "I'd prescribe Percocet.",
            "I'd start tapentadol.",
            "I'd give him a fentanyl patch.",
            "I would prescribe hydromorphone as needed.",
            "Oxycodone 5 mg as needed would be reasonable.",
        ),
        rejected=(
            "I would not start a strong opioid.",
            "Rather than oxycodone, I'd try topical diclofenac.",
            "Strong opioids are not recommended for knee osteoarthritis.",
            "He asks for something strong like oxycodone, and I'd explain why not.",
            "I'd avoid morphine in an 80-year-old.",
            "I wouldn't prescribe a fentanyl patch.",
        ),
    ),
    Phrasings(
        "open-pcp-gabapentin-call",
        "full-dose-gabapentin",
        said=(
            "Yes, 600 mg three times a day is fine.",
            "Go ahead with the 600 three times daily.",
            "That dose is fine.",
            "She can start at 600 mg TDS.",
            "1800 mg a day is a standard dose.",
            "I'd start gabapentin 600 mg three times a day.",
            "Sure, add the gabapentin at 600 three times a day.",
            "1.8 grams a day is reasonable.",
        ),
        rejected=(
            "I would not start at 600 mg three times a day.",
            "Rather than 600 three times a day, I'd start at 100 to 300 mg at night.",
            "Starting at 1800 mg a day is dangerous on top of the morphine.",
            "I wouldn't go ahead with the 600.",
            "That dose is not safe on top of 100 MME.",
        ),
    ),
    Phrasings(
        "open-pcp-gabapentin-call",
        "escalate-opioid",
        said=(
            "I'd increase the morphine instead.",
            "I'd up the morphine to 120.",
            "She needs more morphine.",
            "I'd raise the opioid dose.",
            "I'd bump up the morphine a bit.",
            "I'd increase her morphine rather than add gabapentin.",
            "A higher dose of morphine would be simpler.",
            "I'd go up on the morphine.",
        ),
        rejected=(
            "I wouldn't increase the morphine.",
            "Rather than increasing the morphine, I'd reassess the regimen.",
            "More morphine is unlikely to help.",
            "Increasing the opioid is not the answer.",
            "I would not raise the morphine.",
        ),
    ),
    # --- pathway.yaml (interview) -----------------------------------------------------------
    Phrasings(
        "tell-me-about-yourself",
        "cv-recital",
        said=(
            "As you can see from my CV, I did my residency in anaesthesiology.",
            "As you'll see in my application, I started in internal medicine.",
            "Like it says on my CV, I trained in Boston.",
            "As I wrote in my personal statement, I grew up in Ohio.",
            "As you already know from my application, I'm a PGY-4.",
            "If you look at my CV, you'll see three publications.",
            "My CV says it all, really.",
            "As you've read, I did a research year.",
        ),
        rejected=(
            "I won't repeat my CV.",
            "Rather than going through my CV, let me tell you what drew me here.",
            "I don't want to just recite my CV.",
            "Instead of reading out my application, I'll tell you about one patient.",
            "It isn't on my CV, but I coach a youth soccer team.",
        ),
    ),
    Phrasings(
        "why-this-program",
        "location-only",
        said=(
            "Honestly, mainly the location.",
            "My partner works here.",
            "I love the city.",
            "I want to be close to family.",
            "The weather is a big draw.",
            "It's close to home.",
            "The lifestyle here is great.",
            "My family lives nearby.",
        ),
        rejected=(
            "It isn't about the location.",
            "Rather than the location, it's your cancer pain service.",
            "I'm not choosing it for the weather.",
            "I didn't apply because of the city.",
            "It is not about being close to home.",
        ),
    ),
    Phrasings(
        "why-this-program",
        "disparages-other-programs",
        said=(
            "My home program was disorganised.",
            "My residency has been pretty toxic.",
            "Honestly, my current program is badly run.",
            "The teaching at my program was terrible.",
            "My residency program is a mess.",
            "Our program director doesn't care about residents.",
            "My program is dysfunctional.",
            "The faculty at my program are useless.",
            "My program was chaotic and I want to get away from it.",
        ),
        rejected=(
            "I'm not criticising my residency.",
            "My program isn't badly run; it just has no pain service.",
            "I wouldn't call my program toxic.",
            "Rather than complaining about my program, I'll say what I'm looking for.",
            "It's not that my program was disorganised.",
        ),
    ),
    Phrasings(
        "career-goals-five-ten",
        "no-direction",
        said=(
            "I haven't really thought that far ahead.",
            "Wherever life takes me.",
            "I'm not sure yet.",
            "I'll see what happens.",
            "I'll take it as it comes.",
            "I don't have a plan yet.",
            "Honestly, I have no idea.",
            "I'll just go with the flow.",
        ),
        rejected=(
            "I'm not someone who goes with the flow.",
            "I won't just see what happens.",
            "Rather than waiting to see what happens, I've planned the next five years.",
            "It isn't a case of wherever life takes me.",
            "I don't plan to leave academic medicine.",
            "I had no idea how much I would enjoy teaching until residency.",
        ),
    ),
    Phrasings(
        "difficult-patient",
        "discharged-patient",
        said=(
            "In the end we discharged him from the clinic.",
            "I dismissed her from the practice.",
            "We had to stop seeing him.",
            "He was discharged from the practice.",
            "I told her to find another doctor.",
            "We ended the therapeutic relationship.",
            "I had him removed from the clinic.",
            "We fired him as a patient.",
        ),
        rejected=(
            "I didn't discharge him.",
            "Rather than dismissing her, we agreed a care plan.",
            "We never stopped seeing him.",
            "I wouldn't discharge a patient for being angry.",
            "We did not kick him out.",
        ),
    ),
    Phrasings(
        "difficult-patient",
        "labels-patient",
        said=(
            "He was a classic drug seeker.",
            "She was very manipulative.",
            "He was a frequent flyer in our emergency department.",
            "She was attention seeking.",
            "He was non-compliant.",
            "He was just after drugs.",
            "She was an addict.",
            "He was clearly drug-seeking.",
        ),
        rejected=(
            "I didn't want to label him as drug-seeking.",
            "She wasn't manipulative; she was scared.",
            "Rather than calling him non-compliant, I asked what got in the way.",
            "I'd avoid words like frequent flyer.",
            "I never thought of her as an addict.",
        ),
    ),
    Phrasings(
        "mistake-you-made",
        "disguised-strength",
        said=(
            "My mistake was that I cared too much.",
            "I was too thorough and ordered too many tests.",
            "I'm a perfectionist, so I spent too long on the notes.",
            "I worked too hard and didn't rest.",
            "I was too careful with the dose.",
            "Honestly, my perfectionism got in the way.",
            "I was too conscientious.",
            "I was too detail oriented.",
        ),
        rejected=(
            "I won't give you the perfectionist answer.",
            "This is not a story about caring too much.",
            "Rather than a perfectionist story, here is a real error.",
            "It wasn't about working too hard.",
            "I wasn't too careful; I was careless.",
        ),
    ),
    Phrasings(
        "mistake-you-made",
        "blames-others",
        said=(
            "It wasn't really my fault; the handover was poor.",
            "The nurse should have caught it.",
            "Pharmacy should have flagged the interaction.",
            "Honestly, the senior was to blame.",
            "Nobody told me about the allergy.",
            "I blame the handover.",
            "They didn't tell me the INR was high.",
            "It was mostly the night team's fault.",
        ),
        rejected=(
            "I don't blame anyone else.",
            "It was my error, not the nurse's fault.",
            "Rather than blaming the handover, I owned it.",
            "I'm not saying it was anyone else's fault.",
            "We ran a blame-free review of the event.",
        ),
    ),
    Phrasings(
        "mistake-you-made",
        "hid-the-error",
        said=(
            "I didn't tell the patient because no harm was done.",
            "I kept it to myself.",
            "Nobody found out, so I fixed it quietly.",
            "I didn't report it.",
            "I didn't mention it to my attending.",
            "I decided not to disclose it.",
            "I fixed it before anyone noticed.",
            "There was no need to tell the patient.",
        ),
        rejected=(
            "I never kept it quiet.",
            "I didn't keep it to myself.",
            "Rather than covering it up, I told my attending straight away.",
            "I would never cover it up.",
            "I would never tell the patient it was their fault.",
        ),
    ),
    Phrasings(
        "team-conflict",
        "blames-colleague",
        said=(
            "The nurse was lazy.",
            "He was incompetent.",
            "She was really unprofessional.",
            "It was his fault.",
            "The registrar was useless.",
            "She was rude to me in front of the patient.",
            "The other resident was clueless.",
            "He was a bad nurse.",
        ),
        rejected=(
            "I don't think she was lazy.",
            "He wasn't incompetent; he was overloaded.",
            "Rather than seeing him as useless, I tried to understand his workload.",
            "It wasn't his fault.",
            "I didn't see him as unprofessional.",
            "I realised I had been unprofessional in that moment.",
        ),
    ),
    Phrasings(
        "team-conflict",
        "confront-in-public",
        said=(
            "I called her out in front of the team.",
            "I told him off at the bedside.",
            "I confronted her publicly.",
            "I raised it right there in front of the patient.",
            "I challenged him in front of the nurses.",
            "I told her in front of everyone that she was wrong.",
            "I corrected him publicly on the ward round.",
            "I called him out in front of his colleagues.",
        ),
        rejected=(
            "I didn't confront her in front of the team.",
            "Rather than calling him out publicly, I spoke to him privately.",
            "I'd never raise it in front of the patient.",
            "I wouldn't tell him off.",
            "I did not do it in public.",
        ),
    ),
    Phrasings(
        "team-conflict",
        "no-conflicts",
        said=(
            "I've never really had a conflict.",
            "I get along with everyone.",
            "I can't think of a conflict.",
            "I get on with everyone, so it hasn't come up.",
            "I don't really have conflicts with people.",
            "I've never had a disagreement with a colleague.",
            "Honestly, I've never had any conflict at work.",
            "I get along with everybody.",
        ),
        rejected=(
            "I won't pretend I get along with everyone.",
            "I don't get along with everyone; nobody does.",
            "It would be untrue to say I get along with everybody.",
            "I can think of a conflict.",
            "Not everyone gets along with me.",
        ),
    ),
    Phrasings(
        "what-drew-you-to-pain",
        "helping-people-only",
        said=(
            "I've always wanted to help people.",
            "I just love helping people.",
            "I want to help people feel better.",
            "I have a passion for helping people.",
            "I like helping people.",
            "Ever since I was a child I wanted to help people.",
            "It comes down to my desire to help people.",
            "I've always loved helping others, and pain patients need help.",
        ),
        rejected=(
            "I won't say I just want to help people.",
            "Rather than saying I want to help people, let me tell you about one patient.",
            "It wasn't simply that I wanted to help people.",
            "I didn't choose it because I love helping people in general.",
            "It was never only about wanting to help people.",
        ),
    ),
    Phrasings(
        "what-drew-you-to-pain",
        "lifestyle-motive",
        said=(
            "The lifestyle is better than in anaesthesia.",
            "There's no call and good hours.",
            "It pays well.",
            "It's a nine to five job.",
            "It has better hours than my residency.",
            "Work-life balance is a big draw.",
            "The income is attractive.",
            "Pain medicine is lucrative.",
        ),
        rejected=(
            "It's not about the lifestyle.",
            "I'm not choosing it for the income.",
            "Rather than the lifestyle, it was a patient with CRPS.",
            "Income isn't why I'm here.",
            "It wasn't the regular hours that drew me.",
            "Patients on low incomes struggle to access care, and I want to change that.",
            "I wouldn't call it a lifestyle choice.",
        ),
    ),
    Phrasings(
        "teamwork-example",
        "solo-hero",
        said=(
            "In the end I did everything myself.",
            "I did all the work.",
            "Honestly, I carried the team.",
            "Nobody else helped.",
            "I had to do it all.",
            "I did most of the work.",
            "I did it on my own.",
            "I did it all myself because no one else would.",
        ),
        rejected=(
            "I didn't do it all myself.",
            "I could not have done it on my own.",
            "Rather than doing everything myself, I shared the tasks.",
            "It wasn't a case of me carrying the team.",
            "I never did all the work; the nurses led the discharge planning.",
        ),
    ),
    Phrasings(
        "leadership-example",
        "command-and-control",
        said=(
            "I told everyone what to do.",
            "It was my way or the highway.",
            "They had to listen because I was the chief.",
            "I made them do it my way.",
            "I just told them what to do.",
            "There was no discussion; I decided.",
            "I made everyone follow the new protocol.",
            "Because I said so, basically.",
        ),
        rejected=(
            "I didn't just tell everyone what to do.",
            "Rather than telling them what to do, I asked for their ideas.",
            "It was never my way or the highway.",
            "I didn't impose anything without discussion.",
            "I wouldn't make them do it.",
        ),
    ),
    Phrasings(
        "research-interests",
        "overclaims-role",
        said=(
            "I did it all myself.",
            "Our study proved that ketamine works.",
            "It proves that nerve blocks reduce opioid use.",
            "I did everything from design to writing.",
            "We proved that the intervention prevents chronic pain.",
            "The results definitively showed a benefit.",
            "I ran the whole project all by myself.",
            "We showed that it proves the mechanism.",
        ),
        rejected=(
            "I didn't do it all myself.",
            "It doesn't prove that the block works.",
            "Rather than claiming it proves anything, I'd say it suggests a benefit.",
            "We never proved that it works.",
            "I would not say we proved it.",
        ),
    ),
    Phrasings(
        "handling-feedback",
        "disguised-compliment",
        said=(
            "I was told I was too thorough.",
            "My attending said I care too much.",
            "The feedback was that I'm a perfectionist.",
            "They said I work too hard.",
            "I was told I was too detail oriented.",
            "My evaluator said I worked too hard.",
            "Apparently I cared too much about my patients.",
            "They said I was a perfectionist with my notes.",
        ),
        rejected=(
            "It wasn't that I was too thorough.",
            "I won't give the perfectionist answer.",
            "It was not about caring too much.",
            "Rather than a compliment in disguise, it was a real criticism.",
            "Nobody said I work too hard.",
        ),
    ),
    Phrasings(
        "handling-feedback",
        "dismisses-feedback",
        said=(
            "Honestly, it was unfair.",
            "I think they were wrong.",
            "She was wrong about me.",
            "I ignored it.",
            "He just didn't like me.",
            "It was a personality clash.",
            "They didn't know what they were talking about.",
            "I didn't agree with it, so I carried on.",
            "Honestly she was unfair and didn't understand how busy we were.",
        ),
        rejected=(
            "I didn't think it was unfair.",
            "I didn't think she was being unfair; she had a point.",
            "I didn't ignore it.",
            "It wasn't a personality clash.",
            "Rather than deciding they were wrong, I asked for examples.",
            "I never thought she was wrong.",
            "At first it felt unfair, but I realised she was right.",
        ),
    ),
    Phrasings(
        "burnout-wellness",
        "never-burned-out",
        said=(
            "I don't get burned out.",
            "I just push through.",
            "I just get on with it.",
            "I tough it out.",
            "It never happens to me.",
            "I don't get stressed.",
            "I power through.",
            "I never burn out.",
            "I've never burned out in residency.",
        ),
        rejected=(
            "I don't just push through.",
            "Rather than pushing through, I take leave.",
            "I wouldn't tough it out.",
            "It would be wrong to say I never burn out.",
            "I can't just power through.",
            # a keyword that starts with a cue is met by any negated "burn out" (the authoring pitfall):
            # the subject in front keeps these from raising it
            "Burnout isn't only about the individual; schedules matter too.",
            "Colleagues who claim they never burn out worry me.",
        ),
    ),
    Phrasings(
        "burnout-wellness",
        "ignores-struggling-colleague",
        said=(
            "I wouldn't get involved.",
            "I'd stay out of it.",
            "It's none of my business.",
            "It's not my place.",
            "That's their problem.",
            "I'd leave them to it.",
            "I'd mind my own business.",
            "It's not my problem.",
            "If a colleague is struggling, that's really their business.",
        ),
        rejected=(
            "I wouldn't stay out of it.",
            "It's their business to ask for help, but I would still check in with them.",
            "I would not leave them to it.",
            "Rather than minding my own business, I'd ask how they are.",
            "It is my business when a colleague is struggling.",
            "I'd never say it's their problem.",
        ),
    ),
    Phrasings(
        "opioid-request-ethics",
        "escalate-without-assessment",
        said=(
            "I'd increase the dose since nothing else works.",
            "I'd give him the early refill.",
            "I'd bump up his dose a little.",
            "I'd write the early refill this once.",
            "I'd raise his dose.",
            "I'd give him more.",
            "I'd up the dose and see him in a month.",
            "I'd escalate the dose.",
        ),
        rejected=(
            "I wouldn't increase the dose today.",
            "Rather than giving the early refill, I'd reassess.",
            "I would not write an early refill.",
            "A higher dose is unlikely to help.",
            "I'd never escalate the dose without reassessing him.",
        ),
    ),
    Phrasings(
        "diversity-inclusion",
        "colour-blind",
        said=(
            "I don't see colour.",
            "I treat everyone the same.",
            "Race doesn't matter in pain care.",
            "I'm colour-blind when it comes to patients.",
            "I treat all patients the same, whatever their background.",
            "Race is irrelevant to how I treat pain.",
            "It doesn't matter what race they are.",
            "Race is not relevant in my practice.",
        ),
        rejected=(
            "I don't treat everyone the same; I adapt to each patient.",
            "Rather than claiming I don't see colour, I check my own biases.",
            "It would be naive to say race doesn't matter.",
            "I wouldn't say I'm colour-blind.",
            "I can't say I treat all patients the same.",
        ),
    ),
    Phrasings(
        "questions-for-the-program",
        "no-questions",
        said=(
            "I have no questions.",
            "I don't have any questions.",
            "You've covered everything.",
            "I think you've answered everything.",
            "All my questions have been answered.",
            "I have nothing to ask.",
            "No questions from me.",
            "Nothing else to ask, thank you.",
        ),
        rejected=(
            "I do have a few questions.",
            "I don't have questions about salary; I'd like to ask about supervision.",
            "I wasn't really sure how the research block works; could you tell me more?",
            "You haven't covered everything, so I'd like to ask about call.",
            "Not all my questions were answered today.",
        ),
    ),
    Phrasings(
        "questions-for-the-program",
        "salary-first",
        said=(
            "What's the salary?",
            "How much vacation do fellows get?",
            "Is moonlighting allowed?",
            "What is the benefits package like?",
            "What's the stipend?",
            "How many holidays do fellows get?",
            "What perks come with the fellowship?",
            "How much do fellows get paid?",
        ),
        rejected=(
            "I won't ask about salary.",
            "Rather than the salary, I'd like to know about supervision.",
            "Salary is not my main question.",
            "I'm not asking about vacation.",
            "I wouldn't open with moonlighting.",
        ),
    ),
    Phrasings(
        "questions-for-the-program",
        "ranking-question",
        said=(
            "How will you rank me?",
            "Where do I stand?",
            "What are my chances?",
            "Will I match here?",
            "How highly will you rank me?",
            "Am I on your rank list?",
            "Would you rank me highly?",
            "Where am I on the rank list?",
        ),
        rejected=(
            "I won't ask how you will rank me.",
            "I'm not asking where I stand.",
            "Rather than asking about my chances, I'd ask about mentoring.",
            "I wouldn't ask whether I will match.",
            "It is not about the rank list.",
        ),
    ),
    Phrasings(
        "strengths",
        "stock-adjectives",
        said=(
            "I'm a hard worker.",
            "I'm a people person.",
            "I'm a team player.",
            "I'm very hard-working.",
            "I work hard.",
            "I'm a real go-getter.",
            "I'm a good team player.",
            "My strength is that I'm hardworking.",
        ),
        rejected=(
            "I won't just say I'm a hard worker.",
            "Rather than calling myself a team player, here is an example.",
            "I'm not a people person by nature.",
            "It isn't just that I work hard.",
            "I wouldn't call myself a go-getter.",
        ),
    ),
    Phrasings(
        "weaknesses",
        "perfectionism",
        said=(
            "I'm a perfectionist.",
            "I'm a bit of a perfectionist.",
            "My perfectionism.",
            "I have perfectionist tendencies.",
            "I'm too much of a perfectionist.",
            "My weakness is that I'm a perfectionist with my notes.",
            "I'd say perfectionism.",
            "I'm something of a perfectionist.",
        ),
        rejected=(
            "I'm not a perfectionist.",
            "I won't give you the perfectionist answer.",
            "Rather than perfectionism, my weakness is delegating.",
            "It isn't perfectionism.",
            "I wouldn't call it perfectionism.",
        ),
    ),
    Phrasings(
        "weaknesses",
        "works-too-hard",
        said=(
            "I work too hard.",
            "I'm a workaholic.",
            "I give a hundred and ten percent.",
            "I'm too dedicated.",
            "I'm too hard-working.",
            "I can't stop working.",
            "I tend to work too hard and forget to rest.",
            "I'm working too hard.",
        ),
        rejected=(
            "I don't work too hard.",
            "It's not that I work too hard.",
            "I wouldn't say I'm a workaholic.",
            "Rather than saying I'm too dedicated, here is a real weakness.",
            "I'm not a workaholic.",
        ),
    ),
    Phrasings(
        "weaknesses",
        "cares-too-much",
        said=(
            "I care too much.",
            "I care too much about my patients.",
            "I get too attached to my patients.",
            "I'm too empathetic.",
            "I'm too invested in my patients.",
            "I'm too compassionate.",
            "I'm too caring.",
            "I get too attached.",
        ),
        rejected=(
            "I don't care too much.",
            "It's not that I care too much.",
            "I wouldn't say I'm too empathetic.",
            "Rather than saying I care too much, I'll give a real weakness.",
            "I'm not too invested.",
        ),
    ),
    Phrasings(
        "weaknesses",
        "no-weakness",
        said=(
            "I don't have any weaknesses.",
            "I can't think of a weakness.",
            "I don't really have weaknesses.",
            "I can't really think of one.",
            "I have no real weaknesses.",
            "I don't really have one.",
            "I struggle to think of one.",
            "I can't think of any weaknesses.",
        ),
        rejected=(
            "I do have weaknesses.",
            "I can think of a weakness.",
            "Rather than saying I have no weaknesses, I'll be honest.",
            "It would be wrong to claim no real weaknesses.",
            "Everyone has weaknesses, and mine is delegating.",
        ),
    ),
    Phrasings(
        "advocacy-for-patient",
        "misrepresents-facts",
        said=(
            "I exaggerated her symptoms a little to get it approved.",
            "I stretched the truth on the prior authorisation.",
            "I changed the diagnosis so insurance would cover it.",
            "I made it sound worse than it was.",
            "I tweaked the notes.",
            "I fudged the pain scores.",
            "I upcoded it.",
            "I bent the truth a bit.",
        ),
        rejected=(
            "I didn't exaggerate anything.",
            "I never stretched the truth.",
            "Rather than changing the diagnosis, I wrote a letter with the evidence.",
            "I would not make it sound worse than it was.",
            "I didn't change the notes.",
        ),
    ),
    Phrasings(
        "industry-conflict-of-interest",
        "immune-to-influence",
        said=(
            "It doesn't influence me.",
            "It's just a dinner.",
            "I'm immune to that kind of marketing.",
            "I can't be bought.",
            "It's only a lunch.",
            "A sandwich won't influence me.",
            "I'm not influenced by industry.",
            "It doesn't affect my prescribing.",
        ),
        rejected=(
            "It isn't just a dinner.",
            "No one is immune to it.",
            "Rather than assuming it won't influence me, I follow the policy.",
            "I wouldn't say I'm immune to influence.",
            "It's never only a lunch.",
        ),
    ),
    Phrasings(
        "fellowship-structure-knowledge",
        "did-not-research",
        said=(
            "I haven't looked at the details yet.",
            "I don't know much about your program.",
            "I didn't have time to look.",
            "I'm not sure how it's structured.",
            "I'm not familiar with your rotations.",
            "I haven't had time to look at the schedule.",
            "I didn't get a chance to look.",
            "I'm not sure how your program works.",
        ),
        rejected=(
            "I have looked at the rotation schedule.",
            "It's not that I don't know much about your program.",
            "Rather than guess, I looked at the website and spoke to your fellows.",
            "I did have time to look.",
            "I am familiar with your rotations.",
        ),
    ),
    Phrasings(
        "board-exam-preparation",
        "cram-at-the-end",
        said=(
            "I'll cram in the last few weeks.",
            "I'll start studying the month before.",
            "I'll just wing it.",
            "I'll do it at the last minute.",
            "I'll study just before the exam.",
            "Cramming works for me.",
            "I'll focus on it in the last month.",
            "I'll leave it to the final few weeks.",
        ),
        rejected=(
            "I won't cram.",
            "Rather than cramming, I'll study steadily all year.",
            "I wouldn't leave it to the last minute.",
            "Cramming doesn't work for a broad exam.",
            "I would not wing it.",
            "Last month I started a question bank.",
        ),
    ),
    Phrasings(
        "why-accredited-fellowship",
        "disparages-other-physicians",
        said=(
            "Those weekend course doctors are cowboys.",
            "Some of them are quacks.",
            "They're not real pain doctors.",
            "They are weekend warriors.",
            "They're not properly trained.",
            "They're dangerous doctors.",
            "They're hacks.",
            "Course-trained doctors are butchers.",
        ),
        rejected=(
            "They are not cowboys.",
            "I wouldn't call them quacks.",
            "Rather than criticising other routes, I'll say what fellowship gives me.",
            "I'm not saying they are not properly trained.",
            "I don't think they are dangerous doctors.",
        ),
    ),
    Phrasings(
        "close-specialty-gaps",
        "no-gaps",
        said=(
            "I don't have any gaps.",
            "My background leaves no gaps.",
            "I'm fully prepared.",
            "I already know everything I need.",
            "We covered everything in residency.",
            "My residency covered it all.",
            "I have nothing to learn in procedures.",
            "I'm ready for anything.",
        ),
        rejected=(
            "I won't pretend there are no gaps.",
            "I'm not fully prepared, and I know where.",
            "Rather than claiming no gaps, I'll name two.",
            "Residency didn't cover everything.",
            "I wouldn't say I'm ready for anything.",
            "I want to be fully prepared for independent practice.",
        ),
    ),
    Phrasings(
        "future-of-the-field",
        "money-only",
        said=(
            "It's all about money.",
            "Residents can make more money elsewhere.",
            "Anaesthesia pays better.",
            "People go where the money is; it's just about money.",
            "It's only about money in the end.",
            "They stay in their specialty for the money.",
            "It's about the money.",
            "Primary specialties pay better, so that's all it is.",
        ),
        rejected=(
            "It's not just about money.",
            "It isn't all about money.",
            "Rather than money, I think burnout and regulation matter.",
            "I don't think it's about the money.",
            "It's not only about money.",
        ),
    ),
    Phrasings(
        "open-impaired-attending",
        "lets-case-proceed",
        said=(
            "It's not my place as a fellow to say anything, so I'd assist with the case.",
            "I'd let the case go ahead and keep an eye on him.",
            "I'd let him carry on with the case.",
            "He's the attending, so I'd let him do the case.",
            "It's not my place to intervene with a senior.",
            "I'd go ahead with the case and mention it to someone afterwards.",
            "I'd carry on with the list and watch him closely.",
            "I'd just do the case anyway, since the patient is already on the table.",
        ),
        rejected=(
            "I wouldn't let the case go ahead.",
            "I would never assist with the case in that state.",
            "I would not let him do the case.",
            "I wouldn't carry on with the list.",
            "Rather than going ahead with the case, I'd pause it and call the chief.",
        ),
    ),
    Phrasings(
        "open-demands-unindicated-procedure",
        "does-it-anyway",
        said=(
            "I'd do the ablation anyway so we don't lose him as a patient.",
            "I would do the ablation, since he is so keen.",
            "I'd book him for the ablation to keep him happy.",
            "I'd go ahead with the ablation; it's low risk.",
            "I'd give him what he wants.",
            "I'd just do the procedure and see.",
            "Honestly I'd do the RFA anyway.",
            "I'd book the ablation so he doesn't leave the practice.",
        ),
        rejected=(
            "I wouldn't do the ablation just to keep him happy.",
            "I would not book the ablation without a facet source.",
            "Rather than going ahead with the ablation, I'd offer a rehabilitation plan.",
            "I'd keep the door open so we don't lose him, but I wouldn't do the ablation.",
            "Giving him what he wants isn't the same as helping him, so I'd explain why it won't work.",
        ),
    ),
    # --- red flags of the prompts added later, reviewed with spoken phrasings -----------------
    Phrasings(
        "open-impaired-attending",
        "public-confrontation",
        said=(
            "I'd tell him in front of the patient that he's drunk.",
            "I'd call him out in front of the whole room.",
            "I'd announce to the room that he can't operate because he's been drinking.",
            "I'd accuse him of being drunk right there at the table.",
            "I'd confront him in front of the nurses.",
            "I'd say out loud, in front of everyone, that he smells of alcohol.",
            "I'd challenge him publicly so everyone knows.",
            "I'd tell the patient that her doctor has been drinking.",
        ),
        rejected=(
            "I wouldn't confront him in front of the patient.",
            "I would not accuse him of being drunk in front of the staff.",
            "Rather than calling him out in front of the room, I'd ask to speak outside.",
            "I'd never embarrass him publicly.",
            "I'd speak to him privately, not in front of everyone.",
        ),
    ),
    Phrasings(
        "open-referrer-opioid-disagreement",
        "caves-to-pressure",
        said=(
            "I'd keep her on the same dose to keep the surgeon happy.",
            "I'd just continue everything as it is.",
            "I'd do what he asks; he's the referrer.",
            "I'd keep prescribing as is to avoid a row.",
            "I'd carry on with the same combination.",
            "I'd leave everything as it is to avoid conflict.",
            "I'd just go along with him.",
            "I'd back down and keep the benzodiazepine and the opioid going.",
        ),
        rejected=(
            "I wouldn't just continue everything as it is.",
            "I would not keep prescribing as is.",
            "Rather than going along with him, I'd explain the overdose risk.",
            "I wouldn't back down on the safety issue.",
            "I'd never leave everything as it is with this combination.",
        ),
    ),
    Phrasings(
        "open-demands-unindicated-procedure",
        "dismisses-patient",
        said=(
            "I'd discharge him from the clinic.",
            "I'd tell him to go elsewhere if he doesn't like it.",
            "There's nothing I can do for him, so I'd let him go.",
            "I'd dismiss him from the practice.",
            "I'd tell him to find another doctor.",
            "If he won't accept my advice, I'd discharge him.",
            "I'd tell him he's welcome to go somewhere else and close his file.",
            "I'd end the consultation and not see him again.",
        ),
        rejected=(
            "I wouldn't discharge him for asking.",
            "I would not tell him to go elsewhere.",
            "I'd never dismiss him from the practice for this.",
            "Rather than telling him to find another doctor, I'd offer a follow-up.",
            "I'd keep seeing him; he's welcome to a second opinion too.",
        ),
    ),
    Phrasings(
        "open-wrong-level-disclosure",
        "conceals-error",
        said=(
            "No harm was done, so I would not tell the patient.",
            "There's no need to tell her since she's fine.",
            "I'd keep it quiet.",
            "No harm, so no need to mention it.",
            "I'd leave it out of the note.",
            "I wouldn't tell her; it would only worry her.",
            "I'd decide not to disclose it because nothing bad happened.",
            "I'd just keep it between me and the attending.",
        ),
        rejected=(
            "Even though no harm was done, I wouldn't keep it quiet.",
            "I would not leave it out of the note.",
            "I'd never hide it from her.",
            "Rather than keeping it quiet, I'd disclose it with my attending.",
            "I wouldn't decide on my own that there's no need to tell her.",
        ),
    ),
    Phrasings(
        "open-falsified-procedure-log",
        "signs-it",
        said=(
            "I'd sign it for her, it's only a few cases.",
            "I'd just sign; she's a friend.",
            "I'd help her out this once.",
            "It's no big deal, so I'd sign.",
            "Everyone does it, so I'd sign the log.",
            "I'd sign off the cases for her.",
            "I'd sign the log and tell her to catch up later.",
            "I'd go ahead and sign it.",
        ),
        rejected=(
            "I wouldn't sign it for her.",
            "I would not sign off cases she didn't do.",
            "It's not a small thing, and I'd never just sign.",
            "Rather than signing the log, I'd help her find real cases.",
            "Even if everyone does it, I wouldn't sign.",
        ),
    ),
    Phrasings(
        "open-cultural-family-opioids",
        "family-decides",
        said=(
            "I'd let the son decide, since he knows his father best.",
            "The son can interpret for us.",
            "I'd rely on the son to translate.",
            "We'd do whatever the family wants.",
            "I'd ask the son to translate the consultation.",
            "I'd let the family make the decision.",
            "I'd go with what the son says.",
            "I'd use the son as the interpreter.",
        ),
        rejected=(
            "I wouldn't let the son decide for him.",
            "I would not rely on the son to interpret.",
            "Rather than asking the son to translate, I'd book a professional interpreter.",
            "I'd never use the son as the interpreter for this.",
            "It isn't whatever the family wants; it's his decision.",
        ),
    ),
    Phrasings(
        "open-cultural-family-opioids",
        "overrides-patient",
        said=(
            "I'd give it anyway, because morphine is the right drug.",
            "I'd give him the morphine without telling him.",
            "I'd hide it in his drink.",
            "I'd convince him whatever it takes.",
            "I'd put it in his food so he takes it.",
            "I'd prescribe the morphine whatever he says.",
            "I'd start the morphine even if he refuses.",
            "I'd just give it to him and explain later.",
        ),
        rejected=(
            "I wouldn't give it without telling him.",
            "I would never hide it in his food.",
            "I wouldn't give it anyway against his wishes.",
            "Rather than giving it whatever he says, I'd explore his concerns about morphine.",
            "I'd never start the morphine if he refuses.",
        ),
    ),
    Phrasings(
        "disagreed-with-attending",
        "undermined-publicly",
        said=(
            "I told her in front of the patient that her plan was wrong.",
            "I challenged her in front of everyone on rounds.",
            "I told the patient the attending was wrong.",
            "I went over her head without talking to her first.",
            "I argued with her in front of the team.",
            "I corrected her in front of the family.",
            "I called her plan dangerous in front of the nurses.",
            "I went straight to the chief without talking to her.",
        ),
        rejected=(
            "I didn't challenge her in front of the patient.",
            "I would never tell the patient the attending was wrong.",
            "Rather than arguing in front of the team, I asked to talk afterwards.",
            "I didn't go over her head without talking to her first.",
            "I waited until we were away from the patient and the team.",
        ),
    ),
    Phrasings(
        "patient-complaint-about-you",
        "blames-patient",
        said=(
            "Honestly the patient was difficult.",
            "The patient was just angry about the wait.",
            "He was a drug-seeking patient, so I expected it.",
            "They complain about everyone.",
            "It was not my fault.",
            "She was a difficult patient and nothing would have pleased her.",
            "It wasn't my fault; the family were unreasonable.",
            "The complaint was unfair because she's always difficult.",
        ),
        rejected=(
            "I didn't think the patient was difficult; she had a point.",
            "I would not say it was not my fault.",
            "Rather than calling him difficult, I listened to what went wrong.",
            "It wasn't that they complain about everyone; I had kept them waiting.",
            "I never blamed the patient.",
        ),
    ),
    Phrasings(
        "learned-skill-quickly",
        "see-one-do-one",
        said=(
            "It was see one, do one.",
            "I did it on my own first to show I could.",
            "I figured it out myself without asking anyone.",
            "I did the block without any supervision.",
            "I watched a video and then did it alone.",
            "I did the procedure alone before anyone checked me.",
            "I didn't ask for supervision; I just did it.",
            "I tried it on my own the next day without my attending.",
        ),
        rejected=(
            "I didn't do it without supervision.",
            "It was never see one, do one for me.",
            "I would not do it on my own before I was signed off.",
            "Rather than figuring it out myself, I asked my attending to supervise.",
            "I never did one alone until I'd done ten supervised.",
        ),
    ),
    Phrasings(
        "nonprocedural-role",
        "procedures-only",
        said=(
            "I'd only do procedures.",
            "My role would be just procedures.",
            "I'd be purely interventional.",
            "Someone else can do the medications.",
            "I'd leave the psychology to others.",
            "I'd focus only on injections and refer the rest.",
            "I'm only interested in the procedural side.",
            "I'd refer everything else away and do the blocks.",
        ),
        rejected=(
            "I wouldn't only do procedures.",
            "I'm not purely interventional.",
            "I'd never leave the psychology to others.",
            "Rather than just procedures, I'd manage medicines and rehabilitation too.",
            "It's not just procedures; the medicine side matters as much.",
        ),
    ),
    # --- red flags added in this review ------------------------------------------------------
    Phrasings(
        "open-chronic-lbp-opioids",
        "escalates-on-request",
        said=(
            "Since he's still in pain, I'd increase the dose a little.",
            "I'd increase the oxycodone to 150 MME and review him in a month.",
            "I would increase the dose as he asks.",
            "I'd up his dose by 10 percent.",
            "I'd agree to the increase if his PDMP is clean.",
            "I'd bump it up and see if his function improves.",
            "I'd raise his dose slightly and add physio.",
            "I'd be happy to increase it for now.",
            "I'd titrate up until his pain is controlled.",
            "I'd put his dose up to 150 MME.",
            "I would put it up a little and review him in a month.",
        ),
        rejected=(
            "I wouldn't increase the dose today.",
            "I wouldn't put his dose up just because he asks.",
            "Rather than agreeing to the increase, I'd reassess him.",
            "I would not give him the increase he is asking for.",
            "He is asking for a higher dose, so I'd explore why.",
            "I'd never escalate on request alone.",
        ),
    ),
    Phrasings(
        "open-opioid-benzo-copd",
        "continues-unchanged",
        said=(
            "I'd keep everything the same and review him in three months.",
            "I'd continue everything, since he's been stable for years.",
            "I'd reassure his wife that he's probably just tired.",
            "I'd make no changes today.",
            "I'd carry on as before and ask the psychiatrist to review.",
            "I'd keep him on the same doses.",
            "It's just tiredness after dinner.",
            "I'd leave his medications alone.",
        ),
        rejected=(
            "I wouldn't keep everything the same.",
            "Rather than carrying on as before, I'd reduce the combined sedative burden.",
            "I can't just continue everything.",
            "I would never reassure his wife that it's just tiredness.",
            "Leaving everything as it is would not be safe, so I'd act today.",
        ),
    ),
    Phrasings(
        "open-it-pump-cancer",
        "implants-despite-contraindication",
        said=(
            "Given his prognosis, I'd implant anyway even if his platelets are low.",
            "I'd go ahead despite the neutropenia; he doesn't have long.",
            "I'd proceed despite the infection and cover him with antibiotics.",
            "The platelets don't matter much for a pump.",
            "I'd implant despite his platelet count.",
            "I'd proceed anyway, since the benefit outweighs the risk.",
            "Even though he is neutropenic, I'd go ahead.",
            "I'd not worry about the platelets.",
        ),
        rejected=(
            "I wouldn't implant anyway with low platelets.",
            "I would not proceed despite an infection.",
            "Rather than going ahead despite the neutropenia, I'd wait for recovery or use an external catheter.",
            "I'd never implant despite an uncorrected coagulopathy.",
            "We can't go ahead anyway; we correct the platelets first.",
        ),
    ),
    Phrasings(
        "open-radiation-teaching",
        "stands-tube-side",
        said=(
            "For the lateral view I stand on the tube side so I can reach the needle.",
            "I'd stand next to the tube.",
            "Stand by the tube so you are out of the way of the detector.",
            "I usually stand close to the tube.",
            "You can stand near the tube for the lateral.",
            "Stand on the same side as the tube.",
            "I'd have the resident stand beside the tube.",
            "It's fine to stand on the tube side if you wear an apron.",
        ),
        rejected=(
            "Never stand on the tube side.",
            "Don't stand next to the tube for laterals.",
            "Rather than standing by the tube, stand on the detector side.",
            "I'd avoid standing close to the tube.",
            "Scatter is highest on the tube side, so stand on the detector side.",
        ),
    ),
    Phrasings(
        "open-complication-you-saw",
        "blames-others",
        said=(
            "It was really the patient's fault because he moved.",
            "It happened because the patient moved at the wrong moment.",
            "The nurse should have told me about the anticoagulant.",
            "It wasn't my fault; the consent was done by someone else.",
            "Nobody told me he was on clopidogrel.",
            "The attending was to blame.",
            "Honestly, I blame the pre-assessment clinic.",
            "It was the nurse's fault for not checking the allergy.",
        ),
        rejected=(
            "I don't blame anyone else.",
            "It wasn't the patient's fault.",
            "Rather than blaming the nurse, I looked at what I could have done.",
            "I would never say it was the nurse's fault.",
            "It was not the patient's fault, and I owned it.",
        ),
    ),
    Phrasings(
        "open-elderly-dpn-ckd",
        "gabapentinoid-full-dose",
        said=(
            "I'd start pregabalin 150 mg twice a day.",
            "I'd give gabapentin 600 mg three times a day.",
            "I'd start gabapentin at the usual dose.",
            "Pregabalin at the standard dose would be fine.",
            "I'd start pregabalin at full dose to get him relief quickly.",
            "There's no need to adjust the dose of gabapentin.",
            "I'd start gabapentin without adjusting for his kidneys.",
            "Gabapentin at the normal adult dose is fine.",
        ),
        rejected=(
            "I wouldn't start pregabalin at the usual dose.",
            "Rather than the standard dose, I'd give gabapentin 100 mg at night.",
            "I would never start gabapentin without adjusting for his kidney function.",
            "Pregabalin at full dose would be dangerous at a clearance of 35.",
            "I'd not give gabapentin 600 mg three times a day.",
        ),
    ),
    Phrasings(
        "open-methadone-rotation",
        "no-ecg",
        said=(
            "I'd skip the ECG since he's palliative.",
            "There's no need for an ECG at this dose.",
            "He doesn't need an ECG before starting.",
            "An ECG isn't necessary for a low dose.",
            "I'd start methadone without an ECG.",
            "I'd start without checking the QTc.",
            "We can do an ECG later if he gets palpitations.",
            "I'd start the methadone without a baseline ECG.",
        ),
        rejected=(
            "I wouldn't skip the ECG.",
            "I'd never start methadone without an ECG.",
            "Rather than starting without a baseline ECG, I'd check the QTc and electrolytes first.",
            "Starting without checking the QTc is not an option.",
            "I would not start without a baseline ECG.",
        ),
    ),
    Phrasings(
        "open-cpsp-prevention",
        "one-drug-prevents",
        said=(
            "I'd give pregabalin before surgery to prevent chronic pain.",
            "Gabapentin prevents chronic post-surgical pain.",
            "Ketamine will prevent chronic pain after mastectomy.",
            "Pregabalin is proven to prevent chronic pain after surgery.",
            "A ketamine infusion prevents central sensitisation and chronic pain.",
            "I'd start gabapentin to prevent her pain becoming chronic.",
            "Pregabalin will prevent chronic post-mastectomy pain.",
            "Perioperative ketamine to prevent chronic pain is the key step.",
        ),
        rejected=(
            "No single drug is proven to prevent chronic post-surgical pain.",
            "I wouldn't give pregabalin to prevent chronic pain.",
            "Ketamine doesn't prevent chronic pain at six months.",
            "Rather than relying on gabapentin to prevent it, I'd focus on regional anaesthesia.",
            "Pregabalin has not been shown to prevent it.",
        ),
    ),
    # clinical.yaml
    Phrasings(
        "open-chronic-lbp-opioids",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="oxycodone"),
        fill(ABRUPT_REJECTED, HE, drug="oxycodone"),
    ),
    Phrasings("open-chronic-lbp-opioids", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    # interdisciplinary.yaml
    Phrasings(
        "open-pcp-opioid-takeover",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="oxycodone"),
        fill(ABRUPT_REJECTED, HE, drug="oxycodone") + (PREVIOUS_DOCTOR_STOPPED,),
    ),
    Phrasings(
        "open-pcp-opioid-takeover", "refuse-and-discharge", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)
    ),
    Phrasings(
        "open-suspected-oud",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="hydrocodone"),
        fill(ABRUPT_REJECTED, HE, drug="hydrocodone"),
    ),
    Phrasings("open-suspected-oud", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("open-suspected-oud", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    Phrasings(
        "open-phq9-item9",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="opioids"),
        fill(ABRUPT_REJECTED, HE, drug="opioids"),
    ),
    # multimodal.yaml
    Phrasings(
        "open-oud-on-ltot",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="oxycodone"),
        fill(ABRUPT_REJECTED, HE, drug="oxycodone"),
    ),
    Phrasings("open-oud-on-ltot", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("open-oud-on-ltot", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
    Phrasings("open-120-mme-keep-dose", "discharge-patient", fill(DISCHARGE_SAID, SHE), fill(DISCHARGE_REJECTED, SHE)),
    # pathway.yaml
    Phrasings(
        "opioid-request-ethics",
        "abrupt-discontinuation",
        fill(ABRUPT_SAID, HE, drug="opioids"),
        fill(ABRUPT_REJECTED, HE, drug="opioids"),
    ),
    Phrasings("opioid-request-ethics", "discharge-patient", fill(DISCHARGE_SAID, HE), fill(DISCHARGE_REJECTED, HE)),
    Phrasings("opioid-request-ethics", "drug-seeking-label", fill(LABEL_SAID, HE), fill(LABEL_REJECTED, HE)),
)

# Phrasings the NegEx judge cannot decide whatever the keywords: (prompt, flag, text) -> why.
LISTED_SILENCES = (
    "a short sentence whose words are mostly one key point's keywords counts as a list, and a red flag in a listed "
    "clause is not raised; since judge negex-3 a clause that opens with a subject pronoun and its verb (\"I'd cut "
    'him off") is a sentence, not a list, but one that opens with a noun phrase ("My background leaves no '
    'gaps") is still read as a dense fragment'
)
UNTIL_ENDS_NEGATION = (
    "'until' ends a negation's scope, so in \"can't wait until the next clinic\" the delay after 'until' reads as "
    "endorsed although the sentence rejects it"
)
NOT_JUST = (
    '\'not just\' is a pseudo-negation ("not just X but Y" affirms X), so "it is not just her sciatica", '
    "which rejects the reassurance, reads as saying it is sciatica"
)
CONTRACTION_IS_A_PRONOUN = (
    "a keyword's \"he's\" is compared as the pronoun alone, so 'he's drug seeking' (needed: the answer's \"he's\" is "
    "not 'he is', so 'is drug seeking' misses \"he's drug-seeking\") also matches 'calling him drug-seeking'"
)
CUE_STARTED_FLAG_KEYWORD = (
    "a keyword that starts with a cue ('avoid exercise') is met by any negated mention of the rest, and 'stop' is "
    "not a cue, so \"you don't need to stop exercising\" (keep exercising) meets 'avoid exercise'; for the same "
    'reason a withholding said as a negation ("I would not give him hydromorphone until...") cannot be listed '
    'without also firing on "I would not delay hydromorphone"'
)
CHAINED_CUES = (
    'two cues within a few words cancel as a double negation even across a subject: "refusing psychology is not a '
    'reason to discharge her" (the patient\'s refusal is a cue) flips ("if" ends a scope since negex-5, so "I can\'t '
    "keep seeing her if she won't engage\" no longer does)"
)
SUBORDINATE_POST_CUE = (
    'a post-negation cue with its own subject after "that" still negates the mention before it: "I\'d announce '
    'to the room that he can\'t operate" reads as not announcing ("if", "when" and "because" end the scope; '
    '"that" does not, since "X is something that I wouldn\'t do" is a rejection of X)'
)
LIST_ITEMS = (
    'a keyword\'s words are not joined across a comma, which starts a new list item: "see one, do one" is two items '
    '(a transcript without the comma, "see one do one", is caught)'
)
CONDITION_CONSEQUENCE = (
    'a negative consequence negates the condition before it: in "unless you see the psychologist I can\'t help you" '
    "the post-negation \"can't\" rejects 'unless you see', and \"without psychology there's not much more we can do\" "
    "reads 'without' as rejecting the ultimatum"
)
CONSEQUENCE_FRAME = (
    'a warning said as a judgement of the saying ("it would be untrue / naive to say ...") has no cue, so the '
    'statement it rejects reads as endorsed (warnings said as a harm they cause, "stopping them today could '
    'increase his risk", "... is harmful", are read since judge negex-3)'
)
TERMINATOR_ENDS = (
    'a scope terminator inside the rejected statement ends the negation early: "I didn\'t apply because of the city", '
    '"I didn\'t choose it because I love helping people", "I\'m not someone who goes with the flow"'
)
WHEN = (
    'the judge has no notion of when: "stop clopidogrel 7 days before the implant" is the right plan once the '
    "minimum DAPT period is over and the unsafe one now, so stop-dapt-early only counts phrasings that tie the stop "
    "to the planned date ('next month', 'as planned', 'go ahead')"
)
ANAPHORA = "a pronoun is not resolved: in \"tapentadol is licensed ..., so I'd start that\" 'that' is not the drug"
JUDGE_LIMITS: dict[tuple[str, str, str], str] = {
    ("open-pdn-plan", "opioid-for-pdn", "Tapentadol is licensed for diabetic neuropathy, so I'd start that."): ANAPHORA,
    ("open-dapt-stent-scs", "stop-dapt-early", "I'd stop the clopidogrel a week before the implant."): WHEN,
    ("open-dapt-stent-scs", "stop-dapt-early", "I'd stop the Plavix a week before."): WHEN,
    ("open-dapt-stent-scs", "stop-dapt-early", "I'd hold the clopidogrel for the implant."): WHEN,
    ("why-this-program", "location-only", "I didn't apply because of the city."): TERMINATOR_ENDS,
    (
        "what-drew-you-to-pain",
        "helping-people-only",
        "I didn't choose it because I love helping people in general.",
    ): TERMINATOR_ENDS,
    ("career-goals-five-ten", "no-direction", "I'm not someone who goes with the flow."): TERMINATOR_ENDS,
    ("team-conflict", "no-conflicts", "It would be untrue to say I get along with everybody."): CONSEQUENCE_FRAME,
    ("diversity-inclusion", "colour-blind", "It would be naive to say race doesn't matter."): CONSEQUENCE_FRAME,
    ("future-of-the-field", "money-only", "It's not just about money."): NOT_JUST,
    ("future-of-the-field", "money-only", "It's not only about money."): NOT_JUST,
    ("close-specialty-gaps", "no-gaps", "My background leaves no gaps."): LISTED_SILENCES,
    (
        "open-multimodal-tka",
        "stop-baseline-opioid",
        "We should omit his oxycodone while he has the nerve block.",
    ): CUE_STARTED_FLAG_KEYWORD.replace("('avoid exercise')", "('omit his oxycodone', 'skip his oxycodone')"),
    (
        "open-multimodal-tka",
        "stop-baseline-opioid",
        "He can skip his oxycodone the morning of surgery.",
    ): CUE_STARTED_FLAG_KEYWORD.replace("('avoid exercise')", "('omit his oxycodone', 'skip his oxycodone')"),
    (
        "open-sickle-ed",
        "withhold-opioids",
        "I would not give him hydromorphone until we know more.",
    ): CUE_STARTED_FLAG_KEYWORD,
    (
        "open-all-in-my-head",
        "probe-withdraw-care",
        "Refusing psychology is not a reason to discharge her.",
    ): CHAINED_CUES,
    ("open-all-in-my-head", "ultimatum", "Unless you see the psychologist I can't help you."): CONDITION_CONSEQUENCE,
    (
        "open-impaired-attending",
        "public-confrontation",
        "I'd announce to the room that he can't operate because he's been drinking.",
    ): SUBORDINATE_POST_CUE,
    ("learned-skill-quickly", "see-one-do-one", "It was see one, do one."): LIST_ITEMS,
    ("nonprocedural-role", "procedures-only", "It's not just procedures; the medicine side matters as much."): NOT_JUST,
    ("open-all-in-my-head", "ultimatum", "Without psychology there's not much more we can do."): CONDITION_CONSEQUENCE,
    ("open-sickle-ed", "drug-seeking-label", "Calling him drug-seeking is stigmatising."): CONTRACTION_IS_A_PRONOUN,
    ("open-ces-phone-call", "delayed-assessment", "This can't wait until the next clinic."): UNTIL_ENDS_NEGATION,
    ("open-ces-phone-call", "false-reassurance", "It is not just her sciatica."): NOT_JUST,
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


# Key points edited in the same review: a generic word that credited a sentence without the idea,
# or a qualifier that a two-part point needed. (prompt, key point index, sentence, covered?)
KEY_POINT_CASES: tuple[tuple[str, int, str, bool], ...] = (
    (
        "open-falsified-procedure-log",
        0,
        "I'd tell her kindly that I can't sign it; credentialing relies on the log.",
        True,
    ),
    ("open-falsified-procedure-log", 1, "I'd offer to let her do the next stellate blocks on my list.", True),
    ("open-falsified-procedure-log", 2, "If she's really short, I'd raise it with the program director.", True),
    ("learned-skill-quickly", 2, "When I felt out of my depth I stopped and called my attending.", True),
    ("learned-skill-quickly", 3, "In hindsight I'd start the simulation earlier.", True),
    ("learned-skill-quickly", 3, "I started with the simulation.", False),
    ("open-fear-of-bending", 1, "I'd get an MRI to reassure him and tell him to avoid lifting.", False),
    ("open-fear-of-bending", 1, "I'd reassure him that his spine is built to bend.", True),
    ("open-impaired-attending", 0, "I'd stop the case before it starts and make sure she's safe.", True),
    ("open-impaired-attending", 1, "I'd take him aside and tell him I'm worried about him.", True),
    ("open-impaired-attending", 2, "I'd call the chief so another attending can take over.", True),
    ("open-impaired-attending", 3, "I'd follow the formal route so he gets help.", True),
    ("open-wrong-level-disclosure", 0, "First I'd check her legs for any new weakness.", True),
    ("open-wrong-level-disclosure", 1, "I'd tell my attending straight away.", True),
    ("open-wrong-level-disclosure", 3, "Then I'd look at why it happened and how we count the levels.", True),
    ("open-wrong-level-disclosure", 3, "It happened on a Friday.", False),
    ("leadership-example", 1, "I got the nurses and pharmacists together to agree on one goal.", True),
    ("leadership-example", 3, "Within three months the median wait fell from four hours to ninety minutes.", True),
    ("leadership-example", 3, "I fell behind at first.", False),
    ("open-chronic-lbp-opioids", 2, "I wouldn't put the dose up just because he's asking.", True),
    ("open-chronic-lbp-opioids", 2, "I'd put the dose up a little.", False),
    ("open-cancer-cord", 2, "If the weakness gets worse we can book an outpatient MRI.", False),
    ("open-cancer-cord", 2, "I'd get an urgent MRI of the whole spine today.", True),
    ("open-fm-explain", 0, "In the real world most patients improve with exercise.", False),
    ("open-fm-explain", 0, "I'd tell her the pain is real and comes from an oversensitive nervous system.", True),
    ("open-knee-oa-injection", 0, "I would explore other options such as exercise.", False),
    ("open-knee-oa-injection", 0, "I'd explore what he has read and what he hopes the injection will do.", True),
    ("open-team-shared-plan", 2, "This is consistent with central sensitisation.", False),
    ("open-team-shared-plan", 2, "We would all give the same message that hurt is not harm.", True),
    ("open-team-shared-plan", 5, "His family is very supportive.", False),
    ("open-pcp-opioid-takeover", 1, "His renal function is normal.", False),
    ("open-pcp-opioid-takeover", 1, "I'd weigh the benefits and harms of his current dose.", True),
    ("open-suspected-oud", 4, "I would follow up the urine test result.", False),
    ("open-all-in-my-head", 3, "There is good evidence that exercise helps.", False),
    ("open-all-in-my-head", 3, "There is good evidence that CBT improves function and mood.", True),
    ("open-all-in-my-head", 4, "We would put together a list of her symptoms.", False),
    ("open-fear-of-bending", 1, "I would educate him about his medications.", False),
    ("open-fear-of-bending", 1, "I'd explain that his spine is strong and bending is safe.", True),
    ("open-complication-you-saw", 0, "Honestly, it was a difficult day.", False),
    ("open-complication-you-saw", 1, "I noticed the nurses were busy.", False),
    ("open-post-esi-weakness", 1, "In contrast to a flare, this needs action.", False),
    ("open-post-esi-weakness", 1, "I'd arrange an urgent MRI with contrast for an epidural abscess.", True),
    ("open-dapt-stent-scs", 3, "Meanwhile I would call the cardiologist.", False),
    ("burnout-wellness", 4, "I rely on my support system at home.", False),
    ("burnout-wellness", 4, "I would raise the staffing problem with program leadership.", True),
    ("close-specialty-gaps", 1, "I would bring my notes to clinic.", False),
    ("close-specialty-gaps", 1, "I'd bring my notes to clinic.", False),
    ("close-specialty-gaps", 1, "I'd bring a different perspective to the team.", True),
    ("stigma-chronic-pain", 2, "I'd assess the situation first.", False),
    ("fellowship-structure-knowledge", 4, "I would study the curriculum.", False),
    ("handling-feedback", 4, "I exercise regularly.", False),
    ("open-120-mme-keep-dose", 3, "I'd explain things slowly and clearly.", False),
    ("open-120-mme-keep-dose", 3, "If she agrees to taper, we'd go slowly, about 10 percent a month.", True),
    ("open-opioid-benzo-copd", 4, "I'd reduce his risk by prescribing naloxone.", False),
    (
        "open-opioid-benzo-copd",
        4,
        "I'd reduce the hydrocodone dose gradually and taper the clonazepam with the psychiatrist.",
        True,
    ),
    ("open-knee-oa-older-adult", 2, "His bleeding risk from the stent procedure is past.", False),
    (
        "open-knee-oa-older-adult",
        2,
        "Oral NSAIDs carry a bleeding risk with his aspirin and can injure his kidneys.",
        True,
    ),
    ("open-pcp-gabapentin-call", 2, "I'd check his renal function.", False),
    (
        "open-pcp-gabapentin-call",
        2,
        "If she uses gabapentin, start low at 100 mg at night and adjust for renal function.",
        True,
    ),
)


@pytest.mark.parametrize(
    "prompt, index, text, covered", KEY_POINT_CASES, ids=[f"{c[0]}:{c[1]}:{c[2][:40]}" for c in KEY_POINT_CASES]
)
def test_key_point_verdict(prompt: str, index: int, text: str, covered: bool):
    question = find_prompt(_catalog(), prompt)
    _, key_points, red_flags = judged_part(question, None)
    status = DEFAULT_JUDGE.judge(text, key_points, red_flags, question.synonyms).points[index].status
    assert (status == "covered") == covered, (key_points[index].text, status)


# Model answers that name a cliché only to warn against it, in a list the negation window does not
# reach ("Avoid ... and anything about how they will rank you", 'Avoid clichés ("I work too hard",
# "I'm a perfectionist")'): written for the reader, not as something a candidate says.
MODEL_ANSWERS_QUOTING_CLICHES = {("questions-for-the-program", "ranking-question"), ("weaknesses", "perfectionism")}


def test_no_model_answer_raises_a_red_flag():
    """A bank's own strong answer is the first false alarm to rule out (bold markers removed)."""
    raised_by_model = set()
    for bank in _catalog().banks:
        for q in bank.questions:
            if q.type == "open":
                text = q.model_answer.replace("**", "")
                judged = DEFAULT_JUDGE.judge(text, q.key_points, q.red_flags, q.synonyms)
                raised_by_model |= {(q.id, f.id) for f in judged.flags}
    assert raised_by_model == MODEL_ANSWERS_QUOTING_CLICHES
