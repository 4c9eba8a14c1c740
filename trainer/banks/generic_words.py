"""Word lists behind ``pain-trainer validate``'s keyword warnings (see docs/authoring.md).

A keyword credits a key point (or raises a red flag) whenever an answer uses it, so a keyword
that almost every answer uses credits the point without the idea. Each list below holds one
kind of word that does that; a keyword made only of such words is warned about, never refused
(a bank with warnings is still valid; ``validate --strict`` makes them fail a CI run).

All entries are lower case; keywords are compared after case folding.
"""

from __future__ import annotations

# Function words: present in every sentence, so they carry no content; a keyword such as
# "plan of care" is judged by its other words ("plan", "care"), which are generic too.
FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "they",
        "this",
        "to",
        "us",
        "we",
        "what",
        "when",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)

# Interview filler: the words every answer uses to talk about itself ("it is important to
# discuss the plan now"), whatever the question, so they prove nothing about the content.
INTERVIEW_FILLER = frozenset(
    {
        "approach",
        "discuss",
        "discussion",
        "goal",
        "goals",
        "important",
        "issue",
        "issues",
        "manage",
        "management",
        "need",
        "needs",
        "now",
        "really",
        "thing",
        "things",
        "think",
        "time",
        "way",
        "work",
    }
)

# Generic clinical words: every pain medicine answer is about a patient, a plan, the team and
# care; a keyword made of them matches answers that miss the point (name the specific thing:
# "interdisciplinary team" rather than "team", "care plan" is still generic).
GENERIC_CLINICAL = frozenset(
    {
        "care",
        "clinic",
        "doctor",
        "notes",
        "pain",
        "patient",
        "patients",
        "people",
        "plan",
        "program",
        "team",
        "treat",
        "treatment",
        "therapy",
    }
)

GENERIC_WORDS = FUNCTION_WORDS | INTERVIEW_FILLER | GENERIC_CLINICAL

# Well-known clinical abbreviations shorter than three letters. Written in UPPER CASE in a bank
# they are accepted as keywords; any other keyword under three letters is warned about (it
# matches unrelated words and initials). Abbreviations that are also common English words
# (OR, IT, DO, AS, ER) are left out on purpose: matching ignores case except for the few the
# judge's lexicon marks case-sensitive, and a spoken answer transcribed in lower case loses
# the capitals anyway, so "IT" (intrathecal) is safer written out.
CLINICAL_ABBREVIATIONS = frozenset(
    {
        "CT",
        "ED",
        "GI",
        "IM",
        "IV",
        "MD",
        "MI",
        "MS",
        "NP",
        "OT",
        "PA",
        "PO",
        "PT",
        "RN",
        "SC",
        "TB",
        "UA",
    }
)

# Surnames that appear as keywords by name-dropping (a theory's or guideline's author instead
# of the idea: "Melzack" for the gate control theory). Common surnames and those of the
# authors most cited in pain medicine. A capitalised one-word keyword is also treated as a
# name when a reference of its question writes it like an author ("Narouze et al.",
# "Dowell D").
SURNAMES = frozenset(
    {
        "anderson",
        "bonica",
        "brown",
        "chou",
        "cohen",
        "davis",
        "deer",
        "dowell",
        "engel",
        "fordyce",
        "garcia",
        "johnson",
        "jones",
        "kehlet",
        "loeser",
        "melzack",
        "miller",
        "moore",
        "narouze",
        "raja",
        "saunders",
        "smith",
        "taylor",
        "treede",
        "turk",
        "williams",
        "wilson",
        "woolf",
    }
)
