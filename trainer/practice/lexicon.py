"""The judge's lexicon: how a word is compared, and which phrases mean the same.

Word forms
----------
A word is compared by a small set of **keys**; two words match when their key sets meet.
The keys are today's rule-based lemma (``trainer.practice.analysis.lemma``: one regular
inflection removed) plus, when the ``lemminflect`` package is installed, each NOUN and VERB
lemma that lemminflect knows for the word (and its rule lemma), so irregular forms meet their
base form: "diagnoses" ~ "diagnosis", "vertebrae" ~ "vertebra", "went" ~ "go", "using" ~
"use", "stopping" ~ "stop". A rule lemma that is a different English word is dropped, so
"cane" does not match "can" nor "hope" "hop". Adjective/adverb lemmas are left out on purpose ("better" would
otherwise match "good" and "well"). lemminflect is imported lazily, on the first word judged,
so start-up and ``--help`` never load it; without it the rule lemma alone is used.

Phrases that mean the same
--------------------------
``GROUPS`` is a bundled table of clinical abbreviations and common synonyms. Every phrase of
a group stands for every other: a keyword "spinal cord stimulation" also matches "SCS" and a
keyword "SCS trial" also matches "spinal cord stimulator trial" (one phrase of a keyword is
replaced by one other phrase of its group). A bank adds its own groups with ``synonyms``
(term -> phrases). Every match reports the phrase it went through, so the candidate sees
why "SCS" counted for "spinal cord stimulation".

Second- and third-person pronouns (``PERSONS``) share one key: "in your head" matches "in
her head", "discharge him" matches "discharge them".

``CLASSES`` names drug classes with their members, one way: a keyword "benzodiazepine" is
also met by "diazepam", a keyword "diazepam" is not met by "benzodiazepine". Number words
stand for digits ("sixty minutes" ~ "60 minutes").

Abbreviations in ``CASE_SENSITIVE`` are also ordinary English words ("ACT" / "act",
"PT" / "pt" for patient, "TENS" / "tens"): in an answer they count only when written in
capitals. Expansions follow the usage of the CDC 2022 opioid guideline (Dowell et al., MMWR
Recomm Rep 2022;71(3):1-95, doi:10.15585/mmwr.rr7103a1: MME, PDMP, UDT, OUD, MOUD, LTOT,
SNRI, TCA, NSAID) and ASRA 2018 (Narouze et al., Reg Anesth Pain Med 2018;43(3):225-262,
doi:10.1097/AAP.0000000000000700: SCS, DRG, RFA, ESI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from trainer.practice.analysis import fold, lemma

# Each row: phrases that mean the same in an interview answer about pain medicine.
GROUPS: tuple[tuple[str, ...], ...] = (
    # --- procedures and devices
    ("SCS", "spinal cord stimulation", "spinal cord stimulator", "spinal cord stim"),
    ("DRG", "dorsal root ganglion", "DRG stimulation", "dorsal root ganglion stimulation"),
    (
        "RFA",
        "radiofrequency ablation",
        "radiofrequency denervation",
        "radiofrequency neurotomy",
        "RF ablation",
        "radio frequency ablation",
    ),
    ("ESI", "epidural steroid injection", "epidural injection", "epidural steroid"),
    ("TFESI", "transforaminal epidural steroid injection", "transforaminal epidural", "transforaminal injection"),
    ("ILESI", "interlaminar epidural steroid injection", "interlaminar epidural"),
    ("MBB", "medial branch block"),
    ("IT pump", "intrathecal pump", "intrathecal drug delivery", "intrathecal drug delivery system", "IDDS"),
    ("TENS", "transcutaneous electrical nerve stimulation"),
    ("PRP", "platelet rich plasma"),
    # --- therapies and services
    ("PT", "physical therapy", "physical therapist", "physiotherapy", "physiotherapist", "physio"),
    ("OT", "occupational therapy", "occupational therapist"),
    (
        "CBT",
        "cognitive behavioural therapy",
        "cognitive behavioral therapy",
        "cognitive behaviour therapy",
        "cognitive behavior therapy",
    ),
    ("ACT", "acceptance and commitment therapy"),
    ("MBSR", "mindfulness based stress reduction"),
    ("pain psychologist", "pain psychology", "psychologist", "psychology"),
    ("interdisciplinary", "multidisciplinary"),
    ("MDT", "multidisciplinary team", "interdisciplinary team"),
    # --- medicines
    (
        "NSAID",
        "non steroidal anti inflammatory",
        "nonsteroidal anti inflammatory",
        "anti inflammatory drug",
        "anti inflammatories",
    ),
    ("TCA", "tricyclic antidepressant", "tricyclic"),
    ("SNRI", "serotonin norepinephrine reuptake inhibitor", "serotonin noradrenaline reuptake inhibitor"),
    ("SSRI", "selective serotonin reuptake inhibitor"),
    ("acetaminophen", "paracetamol", "APAP"),
    ("benzodiazepine", "benzo"),
    ("naloxone", "narcan"),
    ("buprenorphine", "bupe", "suboxone"),
    ("DOAC", "direct oral anticoagulant", "NOAC"),
    # --- opioid safety terms
    (
        "MME",
        "morphine milligram equivalent",
        "morphine equivalent",
        "morphine equivalent dose",
        "MED",
        "oral morphine equivalent",
        "OME",
    ),
    (
        "PDMP",
        "prescription drug monitoring program",
        "prescription drug monitoring programme",
        "prescription monitoring program",
        "prescription monitoring programme",
        "PMP",
    ),
    ("UDT", "urine drug test", "urine drug testing", "urine drug screen", "UDS", "urine toxicology", "urine tox"),
    ("OUD", "opioid use disorder"),
    (
        "MOUD",
        "medication for opioid use disorder",
        "medications for opioid use disorder",
        "medication assisted treatment",
        "MAT",
        "opioid agonist therapy",
        "OAT",
    ),
    ("LTOT", "long term opioid therapy", "long term opioid", "chronic opioid therapy"),
    ("SUD", "substance use disorder"),
    # --- conditions and findings
    ("CRPS", "complex regional pain syndrome"),
    ("PHN", "postherpetic neuralgia", "post herpetic neuralgia"),
    ("DPN", "diabetic peripheral neuropathy", "diabetic neuropathy", "painful diabetic neuropathy", "PDN"),
    ("CES", "cauda equina syndrome", "cauda equina"),
    ("MSCC", "metastatic spinal cord compression"),
    ("CPSP", "chronic post surgical pain", "chronic postsurgical pain", "persistent postsurgical pain"),
    ("MOH", "medication overuse headache"),
    ("OA", "osteoarthritis"),
    ("FM", "fibromyalgia"),
    ("CKD", "chronic kidney disease"),
    ("AKI", "acute kidney injury"),
    ("eGFR", "GFR", "creatinine clearance", "CrCl", "renal function", "kidney function"),
    ("renal", "kidney"),
    ("ECG", "EKG", "electrocardiogram"),
    ("MRI", "magnetic resonance imaging", "MR scan"),
    ("CT", "computed tomography", "CT scan"),
    ("ED", "emergency department", "ER", "emergency room"),
    ("QI", "quality improvement"),
    ("PGY", "postgraduate year"),
    # --- common paraphrases of plan verbs
    (
        "dose escalation",
        "dose increase",
        "increase the dose",
        "escalate the dose",
        "raise the dose",
        "titrate up",
        "up titrate",
        "uptitrate",
        "go up",
    ),
    ("taper", "wean", "reduce gradually", "slowly reduce", "gradually reduce"),
    ("discontinue", "stop", "cease", "come off"),
    ("refer", "referral"),
)

# A class and its members: a keyword naming the class is also said by naming a member ("avoid
# benzodiazepines" is met by "avoid diazepam"), never the other way round.
CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "opioid",
        (
            "oxycodone",
            "morphine",
            "hydrocodone",
            "hydromorphone",
            "fentanyl",
            "codeine",
            "tramadol",
            "tapentadol",
            "methadone",
            "oxycontin",
            "percocet",
        ),
    ),
    ("benzodiazepine", ("diazepam", "alprazolam", "clonazepam", "lorazepam", "temazepam", "valium", "xanax")),
    ("gabapentinoid", ("gabapentin", "pregabalin")),
    ("NSAID", ("ibuprofen", "naproxen", "diclofenac", "celecoxib", "ketorolac", "meloxicam")),
    ("SNRI", ("duloxetine", "venlafaxine", "milnacipran")),
    ("TCA", ("amitriptyline", "nortriptyline", "imipramine")),
    ("tricyclic", ("amitriptyline", "nortriptyline", "imipramine")),
    ("corticosteroid", ("dexamethasone", "prednisolone", "prednisone", "methylprednisolone", "triamcinolone")),
    ("steroid", ("dexamethasone", "prednisolone", "prednisone", "methylprednisolone", "triamcinolone")),
    ("antiplatelet", ("clopidogrel", "aspirin", "prasugrel", "ticagrelor")),
    ("anticoagulant", ("apixaban", "rivaroxaban", "edoxaban", "dabigatran", "warfarin", "heparin", "enoxaparin")),
    ("MOUD", ("buprenorphine", "methadone", "naltrexone", "suboxone")),
)

# Number words stand for their digits ("sixty minutes" ~ "60 minutes").
NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "ninety": "90",
    "hundred": "100",
}

CASE_SENSITIVE = frozenset(
    {
        "ACT",
        "PT",
        "OT",
        "TENS",
        "ED",
        "ER",
        "MED",
        "MAT",
        "OAT",
        "CES",
        "FM",
        "OA",
        "CT",
        "IT",
        "SUD",
        "MOH",
        "PMP",
        "QI",
        "DRG",
        "OME",
        "UDS",
        "PRN",
        "IV",
        "MDT",
    }
)

try_lemminflect: Callable[[str], Iterable[str]] | None = None  # set on first use; () when unavailable
_LOADED = False


def _lemminflect_lemmas(word: str) -> Iterable[str]:
    """NOUN and VERB lemmas from lemminflect (imported on first call), or () without it."""
    if not _LOADED:
        warm()
    if try_lemminflect is None or not word.isalpha():
        return ()
    return try_lemminflect(word)


def warm() -> None:
    """Load lemminflect and its tables now (about a second), e.g. from a worker thread while
    the candidate thinks, so the first answer judged does not wait. Safe to call twice or
    concurrently: the loaded state is published only once it is complete."""
    global _LOADED, try_lemminflect
    if _LOADED:
        return
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # optional at run time: the rule lemma still works
        lookup = None
    else:

        def lookup(w: str) -> Iterable[str]:
            found = getAllLemmas(w)
            return (*found.get("NOUN", ()), *found.get("VERB", ()))

        lookup("warm")  # loads the lemma tables
    try_lemminflect = lookup
    _LOADED = True


def _is_other_word(stem: str, lemmas: Iterable[str]) -> bool:
    """Whether the rule lemma is itself a different English word ("cane" -> "can", "hope" ->
    "hop"): then it is not a key, or "cane" would match the modal "can"."""
    return bool(lemmas) and stem not in lemmas and bool(_lemminflect_lemmas(stem))


# Second and third persons stand for each other, so a keyword "in your head" or "discharge
# him" also matches "in her head" and "discharge them" (first person is kept apart: "I led").
PERSONS = frozenset(
    ("you", "your", "yours", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs")
)
PERSON_KEY = "<person>"


@lru_cache(maxsize=65536)
def word_keys(lower: str) -> frozenset[str]:
    """The keys a folded word is compared by (see the module docstring)."""
    if lower in PERSONS:
        return frozenset({PERSON_KEY})
    if lower in NUMBERS:
        return frozenset({lower, NUMBERS[lower]})
    bases = tuple(fold(b) for b in _lemminflect_lemmas(lower))
    rule = lemma(lower)
    keys = set(bases) | {lemma(b) for b in bases if not _is_other_word(lemma(b), bases)}
    if not _is_other_word(rule, bases):
        keys.add(rule)
    return frozenset(keys or {rule})


def groups_with(extra: Iterable[tuple[str, Iterable[str]]] = ()) -> tuple[tuple[str, ...], ...]:
    """A bank's own (term, phrases) synonyms followed by the bundled groups: where both say
    the same phrase, the bank's spelling is the one reported."""
    return tuple((term, *phrases) for term, phrases in extra) + GROUPS


__all__ = ["CASE_SENSITIVE", "CLASSES", "GROUPS", "NUMBERS", "groups_with", "warm", "word_keys"]
