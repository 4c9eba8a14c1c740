"""The answer judge: which key points an interview answer covers, and which red flags it raises.

Pure text functions, no I/O. ``InterviewSession`` is handed a ``Judge`` the way it is handed
a clock; ``Judge.version`` is stored with every verdict so an answer keeps the verdict it was
given when the rules change. The default is ``NegExJudge`` (version ``JUDGE_VERSION``).

Words
-----
The answer is cut into words as in ``trainer.practice.analysis``; words are compared through
``trainer.practice.lexicon.word_keys`` (rule lemma + lemminflect's irregular forms). A keyword
matches when its words appear in order in one list item of one sentence with at most ``GAP``
(2) other words between two of them ("stop her opioids abruptly" says "stop abruptly"), none
of them a negation or contrast (``GAP_BREAKERS``: "NSAID rather than tablets" is not "NSAID
tablets"), or
written as one word ("non-opioid" / "nonopioid"); a two-word keyword also matches its "of"
form ("weight loss" / "loss of weight", "function assessment" / "assessment of her
function"). A subject pronoun and its auxiliary count contracted or spelled out (negex-5): "I've"
is also "I" ("I make a point" / "I've been making a point"), and a keyword "I have improved" also
reads "I've improved", "I'd refer" also "I would refer" (the auxiliary as written, so "I've no
idea" is not "I had no idea"; copulas are not spelled out: "I'm concerned" is not "I'd be
concerned"). A negated auxiliary counts contracted or spelled out too (negex-6): "I didn't
report it" / "I did not report it", "can't" / "cannot" / "can not", "won't" / "will not".
Every keyword also stands for the phrases of its lexicon group
and of the bank's ``synonyms`` (see the lexicon); each match records the words that earned it
and the synonym it went through.

Sentences are split after . ! ? … (before a space), at a blank line and before a bullet line
("- ", "* ", "• ", "1. ", "1) "). Clauses are sentences split further at ; and :.

Negation (NegEx)
----------------
After Chapman WW, Bridewell W, Hanbury P, Cooper GF, Buchanan BG. A simple algorithm for
identifying negated findings and diseases in discharge summaries. J Biomed Inform
2001;34(5):301-310, doi:10.1006/jbin.2001.1029: a mention is negated when a negation cue
stands within a window before it (pre-negation, ``PRE_WINDOW`` = 10 words) or after it
(post-negation, ``POST_WINDOW`` = 6 words) with no scope terminator in between. Differences from
NegEx, for spoken answers about what the candidate would do:

* cues that follow each other closely (at most ``CHAIN`` = 6 words apart, no and/or/comma
  between) are counted and an even number cancels: "I would not avoid gabapentin", "never
  without a taper", "I don't want to avoid it", "I would never tell her there is nothing more
  we can offer" are affirmations of what follows (double negation); only the chain nearest the
  mention counts, so in "no NSAIDs and no ketamine" ketamine is negated;
* pseudo-negations are consumed without negating: "not only ... but also", "not just",
  "no doubt", "no question" (but "no question of" rules out, negex-6), "without delay", "no
  more than", "do not exceed" (``PSEUDO``),
  and every limit made of no/not, comparative words and "than" ("no faster than 10% a month",
  "no more often than weekly"); but a keyword that itself claims exclusivity ("just stress",
  "only about money", ``EXCLUSIVE``) right after "not" is rejected, since "not just" denies the
  "just" (negex-6: "it's not just stress" rejects "just stress");
* a keyword's own words are never cues for it, and a keyword that *starts* with a cue
  ("do not increase", "no evidence", "without blame") means its remainder rejected: "I would
  not increase it" and "increasing it is unlikely to help" both meet "do not increase";
* rejection frames count as cues: "rather than", "instead of", "it is tempting to", "some
  would", "a mistake to" (``PRE``).

Pre-negation cues (``PRE``): not, no (not "No," as an interjection), never, nor, neither,
none, nothing, nobody, no one, without, cannot and every "n't" contraction, avoid, refuse,
decline to, rather than, instead of, in place of, as opposed to, stop short of, against,
forgo, withhold, hold off, resist, steer clear of, refrain from, reluctant to, unwilling to,
no longer, fail to, forget, neglect, omit, skip, tempting to, mistake to, wrong to, some
would/might, others would/might, unlike, hesitate to and hesitant to (negex-6: "I wouldn't
hesitate to tell her" is a double negation; "no hesitation" is a pseudo-negation), and
judgements of saying: untrue/false/naive/misleading/dishonest/unfair/inaccurate to say ("it
would be naive to say race doesn't matter", negex-6), and an intention told as not acted on:
was/felt tempted to, first instinct/thought was to ("I was tempted to fix it quietly, but I
told my attending"; "I'd be tempted to" is a plan and no cue). "avoid"
after he/she/they/been is the patient's behaviour, not a cue ("the things he's been
avoiding"); a cue followed by a comma negates nothing ("if he won't, ...").

Post-negation cues (``POST``): an auxiliary or copula followed by not ("is not", "would
not", "does not") or its contraction, "has no", and unnecessary, not indicated,
contraindicated, inappropriate, unhelpful, ineffective, unlikely to help/work/benefit,
should/must/best be avoided, not recommended, unwarranted, not needed, not required, no role,
no place, off the table, a bad idea, a mistake, dangerous, not an option, not worth, nothing to
do with ("the weather has nothing to do with it", negex-5).

Scope terminators (``TERMINATORS``): sentence end, ; and :, but, however, although, though,
yet, except, whereas, while, unless, until, because, since, so, therefore, thus, hence,
then, which, who, otherwise, if and when (negex-5: "I'd refer him if he doesn't improve"),
but not a "because" right after a negation, which denies that reason (negex-6: "not because
it's in your head, but because it helps"), the "until" of a wait ("this can't wait until the
next clinic") or the "who" of a negated person ("I'm not someone who goes with the flow"),
instead and rather (when not a cue), an "and"/"or" that starts
a new clause (a subject pronoun next, an auxiliary within three words and before any comma:
"and the pain is real", not "rather than X and Y, I'd Z", or a plan verb after ", and": ",
and discharge him", or a verb with a personal object after a negation whose subject is
impersonal: "why it can't wait and ask her to repeat the plan", negex-5), and a comma followed by a
subject pronoun, a plan verb with an object, or an auxiliary within three words.
A word right after "non" is not that word ("non-opioid" mentions no opioid, negex-6), and a
keyword's gap may not skip "non". A post-negation cue is also stopped by a comma. A negation
inside a relative clause ("who don't", "which can't") ends at the next finite auxiliary, the
main clause's (negex-6: "patients who don't attend are discharged" says they are
discharged).

Said in other words (negex-3)
-----------------------------
Each of these is specified next to its word lists below, with its source:

* **predicative alternation** (``COPULAS``): a 2-4 word keyword is also met by its head, a
  copular chain and its modifier ("mechanical back pain" ~ "the back pain is mechanical"); a
  negation inside the chain negates the mention; qualifiers are not widened this way;
* **contraries of rate** (``CONTRARIES``, red flags only): a keyword of two or more words that
  names the fast course is also said by rejecting the slow one ("no need for slow titration");
* **evidential frames** (``EVIDENTIAL``): a copular label keyword ("is drug seeking") is also
  met through "is a sign of", "is consistent with", "is suggestive of" ...;
* **medication signature** (``PRESCRIBING``): "start/give/add DRUG" is also met by DRUG with
  a strength ("oxycodone 10 mg") in a sentence stating the candidate's plan, unless it is the
  patient's current medicine or the object of "stop", "taper", "switch" ...;
* **consequence frames** (``CAUSING``, ``HARMS``): a harm said after a statement ("... risks
  relapse", "... increases bleeding", "... is harmful") is a post-negation cue;
* **experiencer** (``OTHER_ACTORS``, red flags only): what another clinician did or said
  ("his previous doctor stopped them abruptly") raises nothing;
* **hypothetical** (``_considered``, red flags only, negex-4): a possibility weighed after
  "whether" ("I'd work out whether this is just her sciatica or something more serious")
  raises nothing;
* a keyword's gap does not reach into or out of brackets, and a clause that opens with a
  subject and its verb ("I'd cut him off") is exempt from the list density rule.

Stance
------
A key point with ``stance: reject`` is covered by a *negated* mention ("I would avoid
opioids"), an ``endorse`` point by an affirmed one. A red flag is raised by an affirmed
mention and never by a negated one ("I would not label her drug-seeking"); the words of a red
flag raised by its keywords earn no key point (negex-5: "we can book an outpatient MRI" raises
"delays imaging" and does not cover "urgent MRI"), nor do the other words of an unsafe flag's
list item (negex-6: "an MRI of his spine at his next clinic appointment" is the delay, not the
urgent MRI; a comma starts another item, and a cliché takes nothing). A key point's
``if_rejected`` names a red flag that is also raised when the answer turns the point down: an
``endorse`` point left *contradicted* (no mention that covers it, a negated, qualified, unlisted
one that does: "the taper doesn't need to be slow", "there's no need for slow titration"), since
refusing the safe course is choosing the unsafe one, in words no keyword list can foresee.

Omissions (negex-4)
-------------------
A red flag with an ``omission`` is also raised when the answer says one of its ``plans`` (as
a red-flag keyword is said: affirmed, not in a listed clause, not another clinician's act, not
weighed after "whether"; and
in a sentence stating the candidate's plan, "I'd", "we will", as for the medication signature) and
covers none of the key points numbered in ``without`` (1-based): the unsafe answer that leaves
the investigation out says nothing a keyword could catch. The plan's mention is the evidence.

Qualifiers (``requires``)
-------------------------
Each group needs one of its phrases in the keyword's sentence or an adjacent one
("gabapentin" and "renal" for renal dosing of gabapentin).

No credit for lists
-------------------
A clause is **listed** (its keywords earn nothing; the feedback says "listed, not explained")
when it has no verb and either has three or more comma/slash/bullet items of three words or
fewer on average, or is four words or fewer next to another verbless clause (bullet or
semicolon lists), or keywords fill half its words (or all of a one-word fragment); a
clause with four or more items averaging two words or fewer, or of three or more words three
quarters keywords, is listed even with a verb ("Consider: taper, PDMP, UDT, naloxone",
"Taper PDMP naloxone"). The verb test needs no tagger: a clause has a
verb when it has an auxiliary, modal or copula ("is", "would", "I'd", "don't"), a subject
pronoun followed by a word ("I check", "we referred"), a word of the closed list ``VERBS``
(inflected forms included) that has a subject, auxiliary or "to" before it, or starts its item
in its base form with an object after it ("Check renal function", not the bare item "taper"
nor "Increased risk"), or stands inside an item, or follows a plural noun in its base form
("her treatments continue"), or an "-ed" word followed
by an adverb, preposition or determiner ("tapered slowly").

Sentence cap
------------
One sentence covers at most ``sentence_cap(words)`` = max(3, words // 15) points: a long
run-on sentence may cover more, a short one that strings keywords does not. Points are given
their sentence greedily, the point with the fewest candidate sentences first; a point whose
every candidate sentence is full is "capped" (not covered).

Score
-----
``score`` = share of key points covered (after the candidate's overrides), minus
``UNSAFE_PENALTY`` (0.25) for each unsafe red flag raised and ``CLICHE_PENALTY`` (0.15) for
each cliché, floored at 0.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from trainer.banks.model import KeyPoint, Omission, RedFlag
from trainer.history.records import KeyPointVerdict
from trainer.practice.analysis import fold, lemma
from trainer.practice.lexicon import CASE_SENSITIVE, CLASSES, groups_with, word_keys

JUDGE_VERSION = "negex-6"
PRE_WINDOW = 10
CHAIN = 6  # most words between two cues that negate each other ("never tell her there is nothing")
POST_WINDOW = 6
GAP = 2  # words allowed between the words of a keyword
UNSAFE_PENALTY = 0.25
CLICHE_PENALTY = 0.15

# Point statuses (stored with the verdict).
COVERED = "covered"
MISSED = "missed"
LISTED = "listed"  # keyword only in a bare list or fragment
CONTRADICTED = "contradicted"  # mentioned with the wrong stance ("I would stop opioids abruptly" for "never abruptly")
UNQUALIFIED = "unqualified"  # keyword without one of its ``requires`` groups nearby
CAPPED = "capped"  # its sentence already carries the most points one sentence may

STATUS_NOTES = {
    COVERED: "",
    MISSED: "not mentioned",
    LISTED: "listed, not explained",
    CONTRADICTED: "mentioned, but with the opposite meaning",
    UNQUALIFIED: "mentioned without what it needs",
    CAPPED: "crammed into a sentence that already makes several points",
}

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['\u2019][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*\u2022\u00b7\u2013]|\d+[.)])\s)")
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u00b7\u2013]|\d+[.)])[ \t]")


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.split("|"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRE = _phrases(
    "not|no|never|nor|neither|none|nothing|nobody|no one|without|cannot|dont|avoid|avoids|avoided|avoiding|avoidance of"
    "|refuse|refuses|refused|refusing|decline to|declines to|declined to|declining to|rather than|instead of"
    "|in place of|as opposed to|stop short of|against|forgo|forego|withhold|withholding|hold off|holding off"
    "|resist|resisting|steer clear of|refrain from|reluctant to|unwilling to|no longer|fail to|failing to"
    "|forget|forgetting|neglect|neglecting|omit|omitting|skip|skipping|tempting to|temptation to|mistake to"
    "|mistake would be|wrong to|some would|some might|some people would|others would|others might|unlike"
    "|hesitate to|hesitates to|hesitated to|hesitating to|hesitant to"
    "|untrue to say|untrue to claim|false to say|false to claim|naive to say|naive to think|naive to believe"
    "|naive to assume|misleading to say|dishonest to say|unfair to say|inaccurate to say"
    "|was tempted to|were tempted to|felt tempted to|first instinct was to|first thought was to|no question of"
)
PSEUDO = _phrases(
    "not only|not just|not merely|not simply|not least|no doubt|no question|without doubt|without question"
    "|no matter|not necessarily|nothing but|no sooner|if not|or not|not to mention|not sure|without delay"
    "|without fail|without hesitation|no hesitation|no later than|no more than|not more than|no less than|not less than"
    "|no higher than|not exceed|not exceeding|never exceed|not to exceed|no problem|not a problem"
)
_AUX = _words(
    "am is are was were be been being do does did have has had will would shall should can could may might must"
    " need ought"
)
_FINITE_AUX = _words("is are was were do does did have has had will would shall should can could may might must")
POST = _phrases(
    "unnecessary|not necessary|not indicated|contraindicated|inappropriate|unhelpful|ineffective|unlikely to help"
    "|unlikely to work|unlikely to benefit|should be avoided|must be avoided|best avoided|is avoided|are avoided"
    "|be avoided|not recommended|unwarranted|not warranted|not needed|not required|no role|no place"
    "|off the table|a bad idea|not a good idea|a mistake|dangerous|not an option|not appropriate|has no|have no"
    "|not worth|harmful|risky|unsafe|hazardous|nothing to do with"
)
# Consequence frames: a statement followed by the harm it causes is a warning against it, not a
# plan ("stopping buprenorphine risks relapse", "bridging increases bleeding", "is harmful"). The
# evaluative predicates of harm work as NegEx post-negation cues (Chapman et al. 2001 list
# "unlikely", "ruled out" after the finding; these are the same position for a plan): a verb of
# causing or raising (``CAUSING``) with a harm (``HARMS``) within ``HARM_REACH`` words after it,
# or the verb "risk" itself, or an adjective of harm (in ``POST``: harmful, risky, unsafe, hazardous),
# or "make ... worse" (negex-6: "holding her analgesia would make the delirium worse").
CAUSING = frozenset(
    lemma(v) for v in _words("risk increase raise cause precipitate provoke trigger worsen heighten double")
)
HARMS = frozenset(
    lemma(v)
    for v in _words(
        "risk harm bleeding bleed haematoma hematoma withdrawal relapse overdose death injury complication "
        "toxicity seizure stroke suicide dependence addiction respiratory"
    )
)
HARM_REACH = 3
TERMINATORS = _words(
    "but however although though yet except whereas while whilst unless until because since so therefore thus"
    " hence then which who whom whose otherwise meanwhile if when"
)
# Words a keyword's gap may not skip: a negation or a contrast between its words changes what
# is said ("stop her opioids abruptly" is "stop abruptly"; "NSAID rather than tablets" is not
# "NSAID tablets", "increase, not decrease" is not "increase decrease"; "I wouldn't hesitate to
# tell her" is not "I wouldn't tell her").
GAP_BREAKERS = (
    _words("not no never nor without rather instead than unlike cannot hesitate hesitates hesitated hesitant non")
    | TERMINATORS
)
_SUBJECTS = _words("i we you he she they it")
_SOMEONE_ELSE = _words("he she they been he's she's they're they've who patient patients")
_NEXT_IS_OBJECT = _words(
    "the a an her his their my your our its this that these those any some all to with by in on for at from of"
    " up down out off into over about"
)
VERBS = frozenset(
    lemma(v)
    for v in _words(
        "say tell ask explain discuss check assess examine evaluate review order refer start stop begin continue "
        "taper reduce increase decrease lower raise add switch rotate change adjust titrate prescribe give take use "
        "try offer recommend suggest advise encourage consider think believe feel know see look find make get go "
        "come keep let help want like work learn teach lead manage treat monitor measure test screen document "
        "record arrange plan schedule involve include call speak talk listen acknowledge validate reassure escalate "
        "admit discharge inject perform image repeat confirm exclude rule identify address avoid hold withhold wean "
        "discontinue cut agree set follow aim focus prioritise prioritize educate support build share show describe "
        "understand accept apologise apologize disclose report notify inform contact consult coordinate "
        "communicate collaborate respect respond handle approach frame reframe negotiate engage empower motivate "
        "improve prevent protect ensure optimise optimize mitigate minimise minimize limit restrict balance weigh "
        "counsel emphasise emphasize stress remind reinforce obtain gather elicit order organise organize request "
        "send seek reach bring put run write read move mean seem become remain happen"
    )
)


# --- text: tokens, sentences, clauses ------------------------------------------------------


class Token(NamedTuple):
    """One word of the answer (a named tuple: an answer has hundreds, built on every judgement)."""

    text: str  # as written
    start: int
    end: int
    sentence: int
    clause: int  # global clause number (sentences split at ; and :)
    item: int  # global list-item number (clauses split at , / and bullets)
    raw: str  # lower case, straight apostrophes, possessive kept ("it's")
    lower: str  # folded (possessive dropped)
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class PreparedAnswer:
    """An answer cut up for judging."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]  # character spans
    clauses: tuple[tuple[Token, ...], ...]
    clause_has_verb: tuple[bool, ...]
    sentence_words: tuple[int, ...]


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence (see the module docstring for the split rule)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):  # every boundary is non-empty and after the last
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(text)))
    return tuple(_trimmed(text, a, b) for a, b in spans)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space (an empty span stays where it was)."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    if lead == len(piece):
        return (start, end)
    return (start + lead, end - (len(piece) - len(piece.rstrip())))


def tokenize(text: str) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]:
    """Tokens with sentence/clause/item numbers, and the sentence spans."""
    spans = sentence_spans(text)
    ends = [end for _, end in spans]
    tokens: list[Token] = []
    sentence = clause = item = 0
    previous_end = 0
    for m in _TOKEN.finditer(text):
        new_sentence = False
        while m.start() >= ends[sentence]:
            sentence += 1
            new_sentence = True
        gap = text[previous_end : m.start()]
        if tokens:
            if new_sentence or ";" in gap or ":" in gap:
                clause += 1
                item += 1
            elif "," in gap or "/" in gap or "\u2022" in gap or ("\n" in gap and _BULLET.search(gap)):
                item += 1
        raw, lower, keys = _forms(m.group())
        tokens.append(Token(m.group(), m.start(), m.end(), sentence, clause, item, raw, lower, keys))
        previous_end = m.end()
    return tuple(tokens), spans


# A subject pronoun with its auxiliary contracted ("I've", "we'd", "she's") is also its pronoun,
# so a keyword in the first person meets its perfect and modal forms as it does spelled out:
# "I make a point" ~ "I've been making a point" as ~ "I have been making a point" (``GAP``).
_CONTRACTION_SUBJECTS = _SUBJECTS - {"it"}  # persons only: "it's" stays one word, as before the variants
_SUBJECT_CONTRACTION = re.compile(rf"({'|'.join(sorted(_CONTRACTION_SUBJECTS))})'(?:ve|d|ll|m|re|s)")


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str, frozenset[str]]:
    """(raw, folded, keys) of a word as written; cached, since answers repeat their words."""
    lower = fold(word)
    raw = word.lower().replace("\u2019", "'")
    keys = word_keys(lower)
    if subject := _SUBJECT_CONTRACTION.fullmatch(raw):
        keys = keys | {subject.group(1)}
    return raw, lower, keys


@lru_cache(maxsize=65536)
def _is_aux(raw: str) -> bool:
    return raw in _AUX or (
        "'" in raw
        and raw.split("'", 1)[1] in ("d", "ll", "re", "ve", "m", "t")
        or raw.endswith("n't")
        or raw in ("it's", "that's", "there's", "he's", "she's", "let's", "what's", "here's", "cannot")
    )


def _clause_has_verb(tokens: Sequence[Token]) -> bool:
    """The closed-list verb test of the module docstring."""
    for i, t in enumerate(tokens):
        if _is_aux(t.raw):
            return True
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        prev = tokens[i - 1] if i > 0 else None
        if t.raw in _SUBJECTS and t.text != "I" and nxt is not None and nxt.raw not in _NEXT_IS_OBJECT:
            return True
        if t.text == "I" and nxt is not None:
            return True
        same_item_next = nxt is not None and nxt.item == t.item
        same_item_prev = prev is not None and prev.item == t.item
        # (a subject or auxiliary before it has already returned True at that word)
        introduced = same_item_prev and prev.raw == "to"
        imperative = same_item_next and not same_item_prev and not t.raw.endswith(("ed", "ing"))
        if t.keys & VERBS and (imperative or introduced or (same_item_next and same_item_prev)):
            return True
        ends_phrase = nxt is None or not same_item_next or nxt.raw in _NEXT_IS_OBJECT or nxt.raw.endswith("ly")
        if (
            t.keys & VERBS
            and same_item_prev
            and not t.raw.endswith(("s", "ed", "ing"))
            and prev.raw.endswith("s")
            and not prev.raw.endswith("ss")
            and prev.raw not in _AUX
        ):
            return True  # a plural subject and its verb: "her other treatments continue"
        adverb_next = same_item_next and nxt.raw.endswith("ly")
        if len(t.raw) >= 5 and t.raw.endswith("ed") and (same_item_prev or adverb_next) and ends_phrase:
            return True
    return False


def prepare(text: str) -> PreparedAnswer:
    """Cut ``text`` up into tokens, sentences and clauses, and find which clauses have a verb."""
    tokens, spans = tokenize(text)
    count = (tokens[-1].clause + 1) if tokens else 0
    by_clause: list[list[Token]] = [[] for _ in range(count)]
    for t in tokens:
        by_clause[t.clause].append(t)
    has_verb = tuple(_clause_has_verb(c) for c in by_clause)
    words_per_sentence = [0] * len(spans)
    for t in tokens:
        words_per_sentence[t.sentence] += 1
    return PreparedAnswer(text, tokens, spans, tuple(tuple(c) for c in by_clause), has_verb, tuple(words_per_sentence))


def listed_clauses(prepared: PreparedAnswer, mention_words: Mapping[int, int]) -> frozenset[int]:
    """The clauses that are lists (see the module docstring); ``mention_words``: clause ->
    words inside keyword matches, for the density rule."""
    clauses, has_verb = prepared.clauses, prepared.clause_has_verb
    listed: set[int] = set()
    for c, clause_tokens in enumerate(clauses):
        items = len({t.item for t in clause_tokens})
        mentioned = mention_words.get(c, 0)
        subject_first = _has_subject_verb(clause_tokens)
        if (items >= 4 and len(clause_tokens) / items <= 2.0) or (
            len(clause_tokens) >= 3 and mentioned * 4 >= len(clause_tokens) * 3 and not subject_first
        ):
            listed.add(c)
            continue
        if has_verb[c]:
            continue
        sentence = clause_tokens[0].sentence
        verbless_neighbour = any(
            0 <= d < len(clauses) and not has_verb[d] and abs(clauses[d][0].sentence - sentence) <= 1
            for d in (c - 1, c + 1)
        )
        dense = (len(clause_tokens) >= 2 and mentioned * 2 >= len(clause_tokens)) or mentioned == len(clause_tokens)
        short_items = items >= 3 and len(clause_tokens) / items <= 3.0
        if short_items or (verbless_neighbour and len(clause_tokens) <= 4) or dense:
            listed.add(c)
    return frozenset(listed)


_SUBJECT_AUX = _words("i'd we'd i'll we'll i'm we're he'd she'd they'd he's she's they're it's")


def _has_subject_verb(clause_tokens: Sequence[Token]) -> bool:
    """Whether the clause opens with a subject and its verb ("I'd raise his dose", "We should
    take him off them", "My background leaves no gaps"): a sentence, however dense in keywords,
    is not a list (the density rule is for verbless strings like "Taper PDMP naloxone")."""
    if len(clause_tokens) < 2:
        return False
    a, b = clause_tokens[0], clause_tokens[1]
    if a.raw in _SUBJECT_AUX:
        return True
    return a.raw in _SUBJECTS and a.item == b.item and (_is_aux(b.raw) or bool(b.keys & VERBS))


def sentence_cap(words: int) -> int:
    """The most key points one sentence of ``words`` words may cover."""
    return max(3, words // 15)


# --- phrases: keywords compiled with their synonyms ---------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """One way a keyword can be said."""

    keyword: str  # the bank keyword it stands for
    via: str | None  # the synonym it went through (None: the keyword itself)
    words: tuple[tuple[frozenset[str], str | None], ...]  # (keys, exact text when case-sensitive)
    negated: bool  # the keyword started with a negation cue: its remainder must be negated
    split: int = 0  # > 0: a predicative variant, ``words[split:]`` (the modifier) after a copula


# The attributive/predicative alternation of English adjectives (Huddleston & Pullum, The
# Cambridge Grammar of the English Language, 2002, ch. 6 §4): "mechanical back pain" is also
# said "the back pain is mechanical", "a slow taper" also "the taper should be slow". A keyword
# of two to four words is also met by its last words, then a copular chain (``COPULAR_CHAIN``:
# a copula with at most ``CHAIN_WORDS`` auxiliaries, negations and degree adverbs around it),
# then its first words. A negation inside the chain negates the mention ("the taper doesn't
# need to be slow").
COPULAS = _words("is are was were be been being seems seem seemed sounds sound looks look feels feel remains remain")
COPULAR_CHAIN = COPULAS | _words(
    "not never need needs needed to have has had do does did should must can could would will may might "
    "probably likely just mostly largely purely really very too quite fairly so entirely completely clearly "
    "definitely only simply usually often certainly all"
)
CHAIN_WORDS = 5
_NEGATED_COPULAS = _words("isn't aren't wasn't weren't")
_INNER_NEGATION = _words("not never cannot")


# Gradable contraries of rate (Horn, A Natural History of Negation, 1989, ch. 5: "negative
# strengthening": "not slow" said to dismiss the slow course is heard as "fast"). A red flag's
# keyword that names the fast course is also said by rejecting the slow one: "rapid titration"
# by "there's no need for slow titration", "taper quickly" by "I wouldn't taper slowly".
# Adjectives and adverbs are kept apart so the variant stays grammatical; a one-word keyword
# ("abrupt") has no contrary, since a bare "not slow" says nothing of what is slow.
_FAST_ADJ, _SLOW_ADJ = ("rapid", "quick", "fast", "abrupt", "sudden"), ("slow", "gradual")
_FAST_ADV, _SLOW_ADV = ("rapidly", "quickly", "abruptly", "suddenly"), ("slowly", "gradually")
CONTRARIES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_FAST_ADJ, _SLOW_ADJ),
    **dict.fromkeys(_FAST_ADV, _SLOW_ADV),
    **dict.fromkeys(_SLOW_ADJ, _FAST_ADJ),
    **dict.fromkeys(_SLOW_ADV, _FAST_ADV),
}


def _phrase_words(text: str) -> tuple[tuple[frozenset[str], str | None], ...]:
    result = []
    for m in _TOKEN.finditer(text):
        surface = m.group()
        exact = surface if surface in CASE_SENSITIVE else None
        result.append((word_keys(fold(surface)), exact))
    return tuple(result)


def _leading_cue(raws: Sequence[str]) -> int:
    """How many leading words of a keyword are a negation cue (0 when none)."""
    for skip in (
        (("do", "not"), 2),
        (("does", "not"), 2),
        (("did", "not"), 2),
        (("would", "not"), 2),
        (("should", "not"), 2),
        (("will", "not"), 2),
    ):
        if tuple(raws[: len(skip[0])]) == skip[0]:
            return skip[1]
    if raws and (_is_negation_word(raws[0])):
        return 1
    for cue in PRE:
        if len(cue) > 1 and tuple(raws[: len(cue)]) == cue:
            return len(cue)
    return 0


def _is_negation_word(raw: str) -> bool:
    return raw.endswith("n't") or (raw,) in PRE


def _sub(seq: tuple[str, ...], part: tuple[str, ...]) -> int:
    n = len(part)
    for i in range(len(seq) - n + 1):
        if seq[i : i + n] == part:
            return i
    return -1


# Evidential frames (the existence modifiers of pyConText: Chapman BE, Lee S, Kang HP, Chapman WW.
# Document-level classification of CT pulmonary angiography reports based on an extension of the
# ConText algorithm. J Biomed Inform 2011;44(5):728-737, doi:10.1016/j.jbi.2011.03.011): "X is a
# sign of Y", "is consistent with Y", "is suggestive of Y" assert Y as "X is Y" does. A keyword
# that asserts a label with a copula ("is drug seeking") is also met through these frames ("asking
# for it by name is a warning sign of drug seeking"); the gap lets one adjective in ("warning").
EVIDENTIAL = (
    "a sign of",
    "sign of",
    "signs of",
    "suggestive of",
    "consistent with",
    "indicative of",
    "typical of",
    "characteristic of",
    "compatible with",
    "evidence of",
)
_ASSERTING_COPULAS = ("is", "are", "was", "were")


def _evidential_variants(words: Sequence[str]) -> list[str]:
    """'is drug seeking' -> 'is a sign of drug seeking', ... (none for 'is a drug seeker')."""
    if len(words) < 2 or words[0].lower() not in _ASSERTING_COPULAS or words[1].lower() in ("a", "an", "the"):
        return []
    rest = " ".join(words[1:])
    return [f"{words[0]} {frame} {rest}" for frame in EVIDENTIAL]


_FUNCTION_WORDS = _AUX | _SUBJECTS | _NEXT_IS_OBJECT | TERMINATORS | _words("and or not no never")


def _not_a_modifier(word: tuple[frozenset[str], str | None]) -> bool:
    """Whether a keyword word cannot be a predicative adjective ("is" of "is drug seeking")."""
    return bool(word[0] & _FUNCTION_WORDS) or any("'" in k for k in word[0])


_CONTRACTED = {"have": "ve", "has": "s", "had": "d", "would": "d", "will": "ll", "am": "m", "are": "re", "is": "s"}
# Spelled out, a copula ("I'm" -> "I am") would be any form of "be" ("I'd be concerned" is not
# "I'm concerned"), so only the auxiliaries of tense and mood are.
_SPELLED_OUT = {"ve": ("have",), "d": ("would", "had"), "ll": ("will",)}


def _subject_variants(words: Sequence[str]) -> list[tuple[str, str | None]]:
    """A keyword's subject and auxiliary the other way round from how it is written, with the
    auxiliary spelled out (None when contracted): "I have improved" -> "I've improved", "I'd
    stop" -> "I would stop", "I had stop" (a wrong reading matches nothing). Text tokens need
    no variants: "I've" is also "I" (``_forms``), so "I make a point" meets "I've been making a
    point" through the gap."""
    if not words:
        return []
    first, rest = words[0].lower(), words[1:]
    subject, _, ending = first.partition("'")
    if subject not in _CONTRACTION_SUBJECTS:
        return []
    if ending:
        return [(" ".join((subject, aux, *rest)), aux) for aux in _SPELLED_OUT.get(ending, ())]
    if rest and (ending := _CONTRACTED.get(rest[0].lower(), "")):
        return [(" ".join((f"{first}'{ending}", *rest[1:])), None)]
    return []


_NEGATABLE = _FINITE_AUX | {"need"}  # "needn't" / "need not"
_IRREGULAR_NOT = {"won't": "will", "can't": "can", "shan't": "shall"}
_CONTRACTED_NOT = {aux: contracted for contracted, aux in _IRREGULAR_NOT.items()}


def _negation_spellings(words: Sequence[str]) -> list[str]:
    """A keyword's negated auxiliary the other way round from how it is written: "I didn't
    report it" -> "I did not report it", "she did not need to know" -> "she didn't need to
    know", "I can't" -> "I cannot" (a transcript or a careful typist spells it out)."""
    low = [w.lower().replace("\u2019", "'") for w in words]
    out = []
    for i, w in enumerate(low):
        before, after = words[:i], words[i + 1 :]
        if w.endswith("n't") and (aux := _IRREGULAR_NOT.get(w, w[:-3])) in _NEGATABLE:
            out.append(" ".join((*before, aux, "not", *after)))
            if aux == "can":
                out.append(" ".join((*before, "cannot", *after)))
        elif w == "cannot":
            out.append(" ".join((*before, "can't", *after)))
        elif w == "not" and i > 0 and low[i - 1] in _NEGATABLE:
            aux = low[i - 1]
            out.append(" ".join((*words[: i - 1], _CONTRACTED_NOT.get(aux, f"{aux}n't"), *after)))
    return out


@lru_cache(maxsize=8192)
def compile_keyword(
    keyword: str, groups: tuple[tuple[str, ...], ...], contraries: bool = False, predicative: bool = True
) -> tuple[Phrase, ...]:
    """The phrases that say ``keyword``: itself and its synonyms (one substitution); with
    ``contraries`` (red flags) also each rate word replaced by its contrary, to be said negated
    ("rapid titration" ~ "no need for slow titration", see ``CONTRARIES``); with ``predicative``
    (not for qualifiers, which may stand in the next sentence, where "his oxycodone dose is
    low" says nothing of the gabapentin dose) also the predicative variants (``COPULAS``)."""
    raws = tuple(m.group().lower().replace("\u2019", "'") for m in _TOKEN.finditer(keyword))
    if not raws:
        return ()
    cue = _leading_cue(raws)
    negated = 0 < cue < len(raws)
    body_words = [m.group() for m in _TOKEN.finditer(keyword)][cue if negated else 0 :]
    body = " ".join(body_words)
    lemmas = tuple(lemma(fold(w)) for w in body_words)
    found: dict[tuple, Phrase] = {}

    def add(text: str, via: str | None, flip: bool = False, exact: dict[int, str] | None = None) -> None:
        words = _phrase_words(text)
        if exact:
            words = tuple((keys, exact.get(i, said)) for i, (keys, said) in enumerate(words))
        if words and words not in found:
            found[words] = Phrase(keyword, via, words, negated != flip)
        if len(words) > 1:  # written as one word: "non-opioid" ~ "nonopioid"
            joined = "".join(fold(m.group()) for m in _TOKEN.finditer(text))
            one = ((frozenset({lemma(joined)}), None),)
            if one not in found:
                found[one] = Phrase(keyword, via, one, negated != flip)

    add(body, None)
    for variant, aux in _subject_variants([w.replace("\u2019", "'") for w in body_words]):
        # the auxiliary as written: through its lemma "I have no idea" would be "I had no idea"
        add(variant, None, exact={1: aux} if aux else None)
    for variant in _negation_spellings(body_words):
        add(variant, None)
    for group in ((cls, *members) for cls, members in CLASSES):  # a class is said by naming a member
        cls_lemmas = tuple(lemma(fold(m.group())) for m in _TOKEN.finditer(group[0]))
        at = _sub(lemmas, cls_lemmas)
        if at >= 0 and all(w not in CASE_SENSITIVE or w in body_words for w in group[0].split()):
            before, after = " ".join(body_words[:at]), " ".join(body_words[at + len(cls_lemmas) :])
            for member in group[1:]:
                add(" ".join(p for p in (before, member, after) if p), member)
    for group in groups:
        for member in group:
            member_lemmas = tuple(lemma(fold(m.group())) for m in _TOKEN.finditer(member))
            if not member_lemmas:
                continue
            exact_ok = all(w not in CASE_SENSITIVE or w in body_words for w in member.split())
            at = _sub(lemmas, member_lemmas)
            if at < 0 or not exact_ok:
                continue
            before = " ".join(body_words[:at])
            after = " ".join(body_words[at + len(member_lemmas) :])
            for other in group:
                if other != member:
                    add(" ".join(p for p in (before, other, after) if p), other)
    for variant in _evidential_variants(body_words):
        add(variant, variant)
    if contraries and len(body_words) > 1:  # a modifier's contrary, said of its head ("slow taper")
        for at, word in enumerate(body_words):
            for contrary in CONTRARIES.get(word.lower(), ()):
                variant = " ".join((*body_words[:at], contrary, *body_words[at + 1 :]))
                add(variant, f"not {variant}", flip=True)
    for phrase in list(found.values()) if predicative else ():  # predicative variants of each way
        n = len(phrase.words)
        if not 2 <= n <= 4:
            continue
        for k in range(1, n):
            lead, rest = phrase.words[:k], phrase.words[k:]
            if any(_not_a_modifier(w) for w in (*lead, *rest)):
                continue
            # "mechanical back pain" ~ "back pain is mechanical"; "taper quick" ~ "taper is quick"
            for words, split in ((rest + lead, n - k), (lead + rest, k)):
                if (split, words) not in found:
                    found[(split, words)] = Phrase(keyword, phrase.via, words, phrase.negated, split=split)
    return tuple(found.values())


# --- mentions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a phrase was said, and how."""

    keyword: str
    via: str | None
    first: int  # token indices, inclusive
    last: int
    start: int  # character span in the answer
    end: int
    sentence: int
    clause: int
    negated: bool  # NegEx verdict on the words, before the keyword's own leading cue
    predicative: bool = False  # said through a copular chain ("the taper should be slow")

    def text(self, answer: str) -> str:
        return answer[self.start : self.end]


class _Index:
    """Where each word key occurs in the answer, so a phrase is looked up, not scanned for."""

    def __init__(self, tokens: Sequence[Token], text: str = "") -> None:
        self.tokens = tokens
        # words after a bracket: a keyword's gap does not reach into or out of an aside
        # ("taper gradually (abrupt stop ...)" does not say "gradually stop")
        self.aside = frozenset(
            i for i in range(1, len(tokens)) if set(text[tokens[i - 1].end : tokens[i].start]) & set("()[]")
        )
        self.by_key: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            if i > 0 and tokens[i - 1].raw == "non":
                continue  # "non-opioid" is no mention of opioids, "non-particulate" none of particulate
            for k in t.keys:
                self.by_key.setdefault(k, []).append(i)

    def find(self, phrase: Phrase) -> list[tuple[int, int]]:
        if phrase.split:
            return self._find_predicative(phrase)
        tokens = self.tokens
        (keys0, exact0), rest = phrase.words[0], phrase.words[1:]
        starts = sorted({i for k in keys0 for i in self.by_key.get(k, ())})
        found = []
        for i in starts:
            if exact0 is not None and tokens[i].text != exact0:
                continue
            j = i
            for keys, exact in rest:
                j = self._next(j, keys, exact)
                if j < 0:
                    break
            if j >= 0:
                found.append((i, j))
        if len(phrase.words) == 2:  # a noun compound said with "of": "weight loss" ~ "loss of (the) weight"
            (keys1, exact1) = phrase.words[1]
            for i in sorted({i for k in keys1 for i in self.by_key.get(k, ())}):
                if exact1 is not None and tokens[i].text != exact1:
                    continue
                j = self._next(i, keys0, exact0)
                if j > i + 1 and tokens[i + 1].raw == "of" and (i, j) not in found:
                    found.append((i, j))
        return found

    def _find_predicative(self, phrase: Phrase) -> list[tuple[int, int]]:
        """The head words in a row, a copular chain, then the modifier words in a row."""
        tokens, n = self.tokens, len(self.tokens)
        head, modifier = phrase.words[: phrase.split], phrase.words[phrase.split :]
        found = []
        for i in sorted({i for k in head[0][0] for i in self.by_key.get(k, ())}):
            j = self._run(i, head)
            if j < 0:
                continue
            k, copula = j + 1, False
            while k < n and k - j - 1 < CHAIN_WORDS and tokens[k].item == tokens[j].item:
                raw = tokens[k].raw
                if raw in COPULAS or raw in _NEGATED_COPULAS:
                    copula = True
                elif not _is_chain_word(raw):
                    break
                k += 1
            if copula and k < n and tokens[k].item == tokens[j].item:
                end = self._run(k, modifier)
                if end >= 0:
                    found.append((i, end))
        return found

    def _run(self, i: int, words: Sequence[tuple[frozenset[str], str | None]]) -> int:
        """The last index of ``words`` said one after another from ``i``, or -1."""
        tokens = self.tokens
        for offset, (keys, exact) in enumerate(words):
            k = i + offset
            if k >= len(tokens) or not tokens[k].keys & keys or (exact is not None and tokens[k].text != exact):
                return -1
            if offset and tokens[k].item != tokens[i].item:
                return -1
        return i + len(words) - 1

    def _next(self, j: int, keys: frozenset[str], exact: str | None) -> int:
        """The index of the next phrase word after ``j``: the very next word, or up to ``GAP``
        words further within the same list item ("stop her opioids abruptly"); -1 if none."""
        tokens = self.tokens
        here = tokens[j]
        for k in range(j + 1, min(len(tokens), j + 2 + GAP)):
            t = tokens[k]
            if t.item != here.item or k in self.aside:
                return -1
            if t.keys & keys and (exact is None or t.text == exact):
                return k
            if t.raw in GAP_BREAKERS or t.raw.endswith("n't"):
                return -1  # "NSAID rather than tablets" says the opposite of "NSAID tablets"
        return -1


# The medication signature (Xu H, Stenner SP, Doan S, Johnson KB, Waitman LR, Denny JC. MedEx: a
# medication information extraction system for clinical narratives. J Am Med Inform Assoc
# 2010;17(1):19-24, doi:10.1197/jamia.M3378): a drug name followed by a strength ("oxycodone 10
# mg") is an order for it. In a sentence where the candidate states a plan ("I'd", "I would",
# "we will"), a keyword "start/prescribe/give/try/add DRUG" is also met by DRUG with a strength,
# unless the words before it make it the patient's current medicine (ConText's temporality and
# experiencer: Harkema H, Dowling JN, Thornblade T, Chapman WW. ConText: an algorithm for
# determining negation, experiencer, and temporal status from clinical reports. J Biomed Inform
# 2009;42(5):839-851, doi:10.1016/j.jbi.2009.05.002): "on", "taking", "takes", "already",
# "currently", "his/her/their" within the two words before it, or the nearest verb before it makes
# it what is changed ("I'd stop the oxycodone 10 mg": ``_CHANGING``).
PRESCRIBING = _words("start starting prescribe give try add begin use")
DOSE_UNITS = _words("mg mcg microgram micrograms milligram milligrams ug g ml")
_DOSE_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)?(?:mg|mcg|ug|ml)")
_PLAN_MARKERS = _words("i'd we'd i'll we'll let's")
_PLAN_MODALS = _words("would will shall")
_CURRENT = _words("on taking takes took taken already currently his her their he's she's")
# Verbs that make the drug what is stopped or changed, not started ("I'd stop the oxycodone 10 mg")
_CHANGING = frozenset(
    lemma(v)
    for v in _words(
        "stop reduce taper wean cut discontinue decrease lower halve switch rotate convert change replace hold "
        "withhold avoid continue keep increase"
    )
)


def _signature_end(tokens: Sequence[Token], last: int) -> int:
    """The index of the strength's unit when a strength follows ``last`` within two words, or -1."""
    for k in range(last + 1, min(last + 4, len(tokens))):
        t = tokens[k]
        if t.sentence != tokens[last].sentence:
            return -1
        if _DOSE_WITH_UNIT.fullmatch(t.raw):
            return k
        if t.raw[:1].isdigit() and k + 1 < len(tokens) and tokens[k + 1].raw in DOSE_UNITS:
            return k + 1
    return -1


def _planned(tokens: Sequence[Token], first: int) -> bool:
    """Whether the sentence states the candidate's plan before ``first`` and the words just
    before it do not make the drug the patient's current medicine."""
    s = tokens[first].sentence
    if any(tokens[k].raw in _CURRENT for k in range(max(0, first - 2), first) if tokens[k].sentence == s):
        return False
    before = _sentence_before(tokens, first)
    clause = tokens[first].clause
    verb = next((t for t in reversed(before) if t.clause == clause and t.keys & (VERBS | _CHANGING)), None)
    if verb is not None and verb.keys & _CHANGING:
        return False  # the drug is the object of "stop", "taper", "switch from"...
    return _states_plan(before)


def _sentence_before(tokens: Sequence[Token], first: int) -> list[Token]:
    """The words of ``first``'s sentence before it."""
    return [t for t in tokens[:first] if t.sentence == tokens[first].sentence]


def _states_plan(before: Sequence[Token]) -> bool:
    """Whether the words of a sentence before a mention state the candidate's plan ("I'd", "we will")."""
    return any(
        t.raw in _PLAN_MARKERS or (t.raw in _PLAN_MODALS and i > 0 and before[i - 1].raw in ("i", "we"))
        for i, t in enumerate(before)
    )


# Experiencer (ConText, Harkema et al. 2009, above): a red flag is the candidate's own statement.
# Told as what another clinician did or said ("his previous doctor stopped them abruptly", "the
# nurse called him drug-seeking"), it is history, not the candidate's plan: a mention whose clause
# has, before it and with no first person between, an ``OTHER_ACTORS`` noun as subject (not after
# a preposition: "I agree with the nurse that...") followed by a past or reporting verb (not a
# copula: "the registrar was useless" is the candidate's own judgement).
OTHER_ACTORS = frozenset(
    lemma(w)
    for w in _words(
        "doctor physician gp pcp surgeon nurse colleague resident attending consultant registrar clinician "
        "prescriber team psychiatrist cardiologist pharmacist oncologist neurologist paramedic someone somebody"
    )
)
_REPORTING = _words(
    "said says thinks thought feels felt believes believed called labelled labeled told wrote documented "
    "suggested decided wanted cut put took gave kept left had has"
)  # not the copula: "the nurse was lazy" is the candidate's own judgement of her
_PREPOSITIONS = _words("with to from by for of at on about like than")
_FIRST_PERSON = _words("i we i'd we'd i'll we'll i've we've i'm we're me us my our")


def _someone_else(tokens: Sequence[Token], first: int, cues: _Cues) -> bool:
    """Whether the mention at ``first`` is told of another clinician (see ``OTHER_ACTORS``);
    the search ends at the clause's start, a comma or a scope terminator ("..., and he is")."""
    for k in _back_in_scope(tokens, first, cues):
        t = tokens[k]
        if t.raw in _FIRST_PERSON:
            return False
        if not t.keys & OTHER_ACTORS:
            continue
        nxt = tokens[k + 1].raw
        finite = nxt in _REPORTING or (len(nxt) > 4 and nxt.endswith("ed"))
        after_preposition = any(tokens[j].raw in _PREPOSITIONS for j in range(max(0, k - 3), k))
        return finite and not after_preposition
    return False


def _considered(tokens: Sequence[Token], first: int, cues: _Cues) -> bool:
    """Whether the mention at ``first`` is a possibility weighed, not a claim: it stands after
    "whether" in its clause, with no comma or scope terminator between ("I'd work out whether
    this is just her sciatica or something more serious"; ConText's hypothetical, Harkema et al.
    2009). "Whether he likes it or not, I'd stop them today" is still a plan: the comma ends it."""
    return any(tokens[k].raw == "whether" for k in _back_in_scope(tokens, first, cues))


def _back_in_scope(tokens: Sequence[Token], first: int, cues: _Cues, reach: int = 11) -> Iterator[int]:
    """The tokens before ``first``, nearest first, back to its clause's start, a comma or a scope
    terminator (at most ``reach``): where a frame around a mention ("his GP stopped", "whether")
    can stand."""
    clause = tokens[first].clause
    for k in range(first - 1, max(-1, first - reach - 1), -1):
        if tokens[k].clause != clause or k in cues.terminators or k + 1 in cues.comma_before:
            return
        yield k


def _is_inner_negation(raw: str) -> bool:
    return raw in _INNER_NEGATION or raw.endswith("n't")


def _is_chain_word(raw: str) -> bool:
    return raw in COPULAR_CHAIN or _is_inner_negation(raw)


@lru_cache(maxsize=8)
def _by_first_word(cues: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        firsts.setdefault(cue[0], []).append(cue)
    return firsts


def _match_cues(tokens: Sequence[Token], cues: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """(first, last) token indices of every occurrence of the cue phrases."""
    raws = [t.raw for t in tokens]
    firsts = _by_first_word(cues)
    found = []
    for i, raw in enumerate(raws):
        for cue in firsts.get(raw, ()):
            n = len(cue)
            if tuple(raws[i : i + n]) == cue and tokens[i + n - 1].sentence == tokens[i].sentence:
                found.append((i, i + n - 1))
    return found


_COMPARATIVE = _words("more less fewer often frequently quickly rapidly much")


def _limits(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """ "no faster than", "not more often than", "no more frequently than": a limit, not a negation
    (the comparative of ``PSEUDO``'s "no more than" for any comparative word)."""
    found = []
    for i, t in enumerate(tokens):
        if t.raw not in ("no", "not"):
            continue
        for j in range(i + 1, min(i + 4, len(tokens))):
            u = tokens[j]
            if u.sentence != t.sentence:
                break
            if u.raw == "than":
                if j > i + 1:
                    found.append((i, j))
                break
            if not (u.raw in _COMPARATIVE or (len(u.raw) > 4 and u.raw.endswith("er"))):
                break
    return found


def _harm_frames(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(first, last) of each consequence frame: a ``CAUSING`` verb and a ``HARMS`` word after it."""
    found = []
    for i, t in enumerate(tokens):
        if "make" in t.keys:  # "holding her analgesia would make the delirium worse"
            worse = next((j for j in range(i + 2, min(i + 2 + HARM_REACH, len(tokens))) if tokens[j].raw == "worse"), 0)
            if worse and all(tokens[k].sentence == t.sentence for k in range(i, worse + 1)):
                found.append((i, worse))
            continue
        if not t.keys & CAUSING:
            continue
        if t.raw in ("risks", "risked", "risking") or (t.raw == "risk" and i > 0 and tokens[i - 1].raw in _AUX):
            found.append((i, i))  # the verb "risk" names its object as a harm ("risks an adrenal crisis")
            continue
        for j in range(i + 1, min(i + 1 + HARM_REACH, len(tokens))):
            if tokens[j].sentence != t.sentence:
                break
            if tokens[j].keys & HARMS:
                found.append((i, j))
                break
    return found


@dataclass(frozen=True, slots=True)
class _Cues:
    pre: tuple[tuple[int, int], ...]
    post: tuple[tuple[int, int], ...]
    terminators: frozenset[int]  # token indices that end a scope before them (the token itself ends it)
    comma_before: frozenset[int]  # token indices with a comma (or ; :) in the gap before them
    last_stop: tuple[int, ...] = ()  # per token: the latest terminator at or before it (-1: none)
    next_stop: tuple[int, ...] = ()  # per token: the first terminator or comma at or after it (n: none)
    pre_ends: tuple[int, ...] = ()  # the last token of each pre cue, ascending (for bisect)


def find_cues(text: str, tokens: Sequence[Token]) -> _Cues:
    """Negation cues, pseudo-negations removed, and scope terminators (see the module docstring)."""
    pre_found = _match_cues(tokens, PRE)
    # the longer cue wins: "no question of" (rules out) over the pseudo-negation "no question"
    pseudo = [
        (a, b) for a, b in _match_cues(tokens, PSEUDO) if not any(c <= a and b < d for c, d in pre_found)
    ] + _limits(tokens)
    blocked = {k for a, b in pseudo for k in range(a, b + 1)}
    pre = []
    for a, b in pre_found:
        if any(k in blocked for k in range(a, b + 1)):
            continue
        t = tokens[a]
        if t.raw.startswith("avoid") and a > 0 and tokens[a - 1].raw in _SOMEONE_ELSE:
            continue  # "the things he's been avoiding": the patient's behaviour, not the answer's stance
        pre.append((a, b))
    for i, t in enumerate(tokens):  # every n't contraction (don't, won't, isn't...; no PRE cue ends in n't)
        if i not in blocked and t.raw.endswith("n't"):
            pre.append((i, i))
    post = _harm_frames(tokens)
    for a, b in _match_cues(tokens, POST):
        if not any(k in blocked for k in range(a, b + 1)):
            post.append((a, b))
    for i, t in enumerate(tokens):
        if i in blocked:
            continue
        if t.raw in ("not", "never") and i > 0 and tokens[i - 1].raw in _AUX:
            post.append((i - 1, i))
        elif t.raw.endswith("n't") or t.raw == "cannot":
            post.append((i, i))
    terminators = set(_relative_clause_ends(tokens, pre))
    comma_before = {i for i in range(1, len(tokens)) if "," in text[tokens[i - 1].end : tokens[i].start]}
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1].raw if i + 1 < len(tokens) else ""
        if t.raw in TERMINATORS and not _continues_negated(tokens, i):
            terminators.add(i)
        elif (t.raw == "instead" and nxt != "of") or (t.raw == "rather" and nxt != "than"):
            terminators.add(i)
        if i == 0:
            continue
        gap = text[tokens[i - 1].end : t.start]
        if ";" in gap or ":" in gap:
            terminators.add(i)
        if t.raw in ("and", "or"):
            ahead = [k for k in range(i + 1, min(i + 4, len(tokens))) if tokens[k].sentence == t.sentence]
            # the auxiliary of a new clause stands before any comma: in "rather than X and Y,
            # I'd Z" the "and" joins X and Y, and the comma rule below ends the scope at "I'd"
            clause_ahead = [k for k in ahead if not comma_before.intersection(range(i + 2, k + 1))]
            aux_ahead = any(_is_aux(tokens[k].raw) for k in clause_ahead)
            # ", and discharge him" starts a new verb phrase; "wouldn't X or repeat Y" stays in scope
            verb_next = t.raw == "and" and bool(ahead) and bool(tokens[ahead[0]].keys & VERBS)
            new_act = verb_next and (i in comma_before or _acts_on_someone_after_impersonal(tokens, pre, i, ahead[0]))
            if nxt in _SUBJECTS or nxt == "then" or aux_ahead or new_act:
                terminators.add(i)
        if i in comma_before:
            starts_clause = t.raw in _SUBJECTS or bool(t.keys & VERBS and nxt in _NEXT_IS_OBJECT)
            if starts_clause or any(_is_aux(u.raw) for u in tokens[i : i + 3]):
                terminators.add(i)
    n = len(tokens)
    last_stop, latest = [], -1
    for i in range(n):
        latest = i if i in terminators else latest
        last_stop.append(latest)
    next_stop, earliest = [n] * n, n
    for i in range(n - 1, -1, -1):
        earliest = i if (i in terminators or i in comma_before) else earliest
        next_stop[i] = earliest
    pre_merged = _merged(pre)
    return _Cues(
        pre_merged,
        _merged(post),
        frozenset(terminators),
        frozenset(comma_before),
        tuple(last_stop),
        tuple(next_stop),
        tuple(b for _, b in pre_merged),
    )


_WAITING = _words("wait waits waited waiting delay delays delayed delaying")
_PERSON_NOUNS = _words("someone somebody person one type kind sort doctor clinician resident fellow")


def _continues_negated(tokens: Sequence[Token], i: int) -> bool:
    """Whether the terminator at ``i`` is part of what a negation before it rejects, not the end
    of its scope:

    * a "because" right after the negation, which denies that reason ("not because it's in
      your head, but because it helps": the "but" ends it);
    * the "until" of a wait ("this can't wait until the next clinic", "rather than wait until
      Monday": the time is what is refused);
    * the "who" of a negated person ("I'm not someone who goes with the flow": the relative
      clause is what the candidate is not).
    """
    if i == 0:
        return False
    raw, before = tokens[i].raw, tokens[i - 1].raw
    if raw == "because":
        return before in ("not", "never") or before.endswith("n't")
    if raw == "until":
        return before in _WAITING
    if raw != "who" or before not in _PERSON_NOUNS:
        return False
    return any(_is_negation_word(tokens[k].raw) for k in range(max(0, i - 5), i - 1))


_RELATIVES = _words("who which")


def _relative_clause_ends(tokens: Sequence[Token], pre: Sequence[tuple[int, int]]) -> Iterator[int]:
    """The main clause's auxiliary after a negation inside a relative clause on the subject: in
    "patients who don't attend are discharged" the "don't" belongs to "who don't attend", and
    "are discharged" is said, so the scope ends at "are". Only a finite auxiliary ends it ("who
    doesn't want to be discharged" keeps "be" in scope)."""
    for a, b in pre:
        before = a - 1 if a > 0 and tokens[a - 1].raw not in _AUX else a - 2
        if before < 0 or tokens[before].raw not in _RELATIVES:
            continue
        for k in range(b + 2, min(b + 1 + PRE_WINDOW, len(tokens))):
            if tokens[k].sentence != tokens[a].sentence:
                break
            if tokens[k].raw in _FINITE_AUX and tokens[k - 1].raw != "to":
                yield k
                break


_IMPERSONAL = _words("it this that there it's that's there's")
_PERSONAL_OBJECTS = _words("her him them me us")


def _acts_on_someone_after_impersonal(
    tokens: Sequence[Token], pre: Sequence[tuple[int, int]], i: int, verb: int
) -> bool:
    """Whether the "and" at ``i`` starts the candidate's next act rather than continuing the
    negated clause: a verb with a personal object ("and ask her") after a negation whose subject
    is impersonal ("why it can't wait", "that it isn't safe"), since "it" cannot "ask her"."""
    if verb + 1 >= len(tokens) or tokens[verb + 1].raw not in _PERSONAL_OBJECTS:
        return False
    cue = max((a for a, b in pre if b < i and tokens[a].sentence == tokens[i].sentence), default=-1)
    return cue > 0 and tokens[cue - 1].raw in _IMPERSONAL


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Overlapping cues are one cue ("are not" and "not indicated" in "are not indicated")."""
    result: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if result and a <= result[-1][1]:
            result[-1] = (result[-1][0], max(b, result[-1][1]))
        else:
            result.append((a, b))
    return tuple(result)


def _negated(first: int, last: int, tokens: Sequence[Token], cues: _Cues) -> bool:
    """NegEx with double negation: the nearest chain of cues before the mention (cues at most
    ``CHAIN`` words apart, not separated by and/or/a comma: "would not avoid", "never without")
    plus any post-negation cue; an odd count is a negation. "No NSAIDs and no ketamine" is two
    chains, so ketamine is negated once, not cancelled."""
    in_scope = []
    stop = cues.last_stop[first]  # a cue at or before the latest terminator is out of scope
    lo, hi = bisect_left(cues.pre_ends, first - PRE_WINDOW), bisect_left(cues.pre_ends, first)
    for a, b in cues.pre[lo:hi]:
        if b < stop or tokens[a].sentence != tokens[first].sentence:
            continue
        if b + 1 in cues.comma_before:  # "if he won't, ...": an elliptical cue negates nothing after it
            continue
        in_scope.append((a, b))
    chain = 0
    previous_start = None
    for a, b in reversed(in_scope):  # nearest first
        if previous_start is not None:
            between = range(b + 1, previous_start)
            if previous_start - b - 1 > CHAIN or any(
                tokens[k].raw in ("and", "or") or k in cues.comma_before for k in (*between, previous_start)
            ):
                break
        chain += 1
        previous_start = a
    count = chain
    reach = min(last + POST_WINDOW, cues.next_stop[last + 1] - 1 if last + 1 < len(tokens) else last)
    for a, _b in cues.post:
        if last < a <= reach and tokens[a].sentence == tokens[last].sentence:
            count += 1
    return count % 2 == 1


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words that earned (or failed to earn) a verdict, and the sentence around them."""

    keyword: str
    via: str | None
    words: str  # the answer's own words
    span: tuple[int, int]
    sentence: tuple[int, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "keyword": self.keyword,
            "via": self.via,
            "words": self.words,
            "span": list(self.span),
            "sentence": list(self.sentence),
        }


@dataclass(frozen=True, slots=True)
class PointJudgement:
    index: int
    text: str
    status: str
    evidence: Evidence | None  # for COVERED: what earned it; otherwise the nearest mention, if any

    @property
    def covered(self) -> bool:
        return self.status == COVERED

    def verdict(self, override: bool | None = None) -> KeyPointVerdict:
        e = self.evidence
        return KeyPointVerdict(
            text=self.text,
            covered=self.covered,
            matched=(e.words,) if e is not None and self.covered else (),
            override=override,
            status=self.status,
            via=(e.via, e.keyword) if e is not None and e.via and self.covered else (),
            evidence=e.sentence if e is not None else None,
            spans=(e.span,) if e is not None else (),
        )


@dataclass(frozen=True, slots=True)
class FlagJudgement:
    """A red flag the answer raised."""

    id: str
    statement: str
    kind: str  # "unsafe" | "cliche"
    why: str
    evidence: Evidence

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "kind": self.kind,
            "why": self.why,
            "evidence": self.evidence.as_dict(),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> FlagJudgement:
        e = d.get("evidence") or {}
        span = tuple(e.get("span", (0, 0)))
        sentence = tuple(e.get("sentence", span))
        return cls(
            str(d.get("id", "")),
            str(d.get("statement", "")),
            str(d.get("kind", "unsafe")),
            str(d.get("why", "")),
            Evidence(
                str(e.get("keyword", "")),
                e.get("via"),
                str(e.get("words", "")),
                (int(span[0]), int(span[1])),
                (int(sentence[0]), int(sentence[1])),
            ),
        )


def stored_flags(metrics: Mapping[str, Any]) -> tuple[FlagJudgement, ...]:
    """The red flags a stored answer's metrics keep (none in rows from before the judge)."""
    return tuple(FlagJudgement.from_dict(d) for d in metrics.get("red_flags", ()) if isinstance(d, Mapping))


@dataclass(frozen=True, slots=True)
class Judgement:
    """The judge's verdict on one answer."""

    judge: str  # the judge's version
    points: tuple[PointJudgement, ...]
    flags: tuple[FlagJudgement, ...] = ()

    def verdicts(self, overrides: Mapping[int, bool | None] | None = None) -> tuple[KeyPointVerdict, ...]:
        overrides = overrides or {}
        return tuple(p.verdict(overrides.get(p.index)) for p in self.points)

    @property
    def score(self) -> float:
        return score(self.verdicts(), self.flags)


def flag_penalty(flags: Iterable[FlagJudgement | Mapping[str, Any]]) -> float:
    """What the raised red flags take off the score (see the module docstring)."""
    total = 0.0
    for f in flags:
        kind = f.kind if isinstance(f, FlagJudgement) else str(f.get("kind", "unsafe"))
        total += CLICHE_PENALTY if kind == "cliche" else UNSAFE_PENALTY
    return total


def score(verdicts: Sequence[KeyPointVerdict], flags: Iterable[FlagJudgement | Mapping[str, Any]] = ()) -> float:
    """Share of key points finally covered (overrides win) minus red-flag penalties, in 0..1."""
    share = sum(v.final for v in verdicts) / len(verdicts) if verdicts else 0.0
    return max(0.0, share - flag_penalty(flags))


# --- the judge -----------------------------------------------------------------------------


class Judge(Protocol):
    """What ``InterviewSession`` needs from a judge."""

    version: str

    def judge(
        self,
        text: str,
        key_points: Sequence[KeyPoint],
        red_flags: Sequence[RedFlag] = (),
        synonyms: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> Judgement: ...


@dataclass(frozen=True, slots=True)
class _Found:
    mention: Mention
    wanted: bool  # polarity matches what the point/flag needs
    qualified: bool
    listed: bool


@dataclass(frozen=True)
class NegExJudge:
    """The default judge (see the module docstring)."""

    version: str = JUDGE_VERSION
    groups: tuple[tuple[str, ...], ...] = field(default=(), repr=False)  # extra synonym groups

    def judge(
        self,
        text: str,
        key_points: Sequence[KeyPoint],
        red_flags: Sequence[RedFlag] = (),
        synonyms: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> Judgement:
        groups = bank_groups(synonyms) + self.groups
        prepared = prepare(text)
        tokens = prepared.tokens
        index = _Index(tokens, text)
        cues = find_cues(text, tokens)
        memo: dict[tuple[str, bool, bool], list[Mention]] = {}

        def mentions(keyword: str, flag: bool = False, qualifier: bool = False) -> list[Mention]:
            key = (keyword, flag, qualifier)
            if key not in memo:
                memo[key] = _mentions(keyword, groups, tokens, index, cues, flag, not qualifier)
            return memo[key]

        said_in: dict[tuple[str, ...], frozenset[int]] = {}

        def sentences_of(group: Sequence[str]) -> frozenset[int]:
            key = tuple(group)
            if key not in said_in:
                said_in[key] = frozenset(q.sentence for kw in group for q in mentions(kw, qualifier=True))
            return said_in[key]

        def qualified(m: Mention, requires: Sequence[Sequence[str]]) -> bool:
            return all(sentences_of(group) & {m.sentence - 1, m.sentence, m.sentence + 1} for group in requires)

        def examine(
            keywords: Sequence[str],
            requires: Sequence[Sequence[str]],
            want_negated: bool,
            listed: frozenset[int],
            flag: bool = False,
        ) -> list[_Found]:
            return [
                _Found(m, m.negated == want_negated, qualified(m, requires), m.clause in listed)
                for kw in keywords
                for m in mentions(kw, flag)
            ]

        # density rule: words inside any key-point keyword mention, per clause
        share: dict[int, int] = {}
        seen_tokens: set[int] = set()
        for point in key_points:
            for kw in point.keywords:
                for m in mentions(kw):
                    for k in range(m.first, m.last + 1):
                        if m.predicative and _is_chain_word(tokens[k].raw):
                            continue  # the copular chain is grammar, not keyword density
                        if k not in seen_tokens:
                            seen_tokens.add(k)
                            share[tokens[k].clause] = share.get(tokens[k].clause, 0) + 1
        listed = listed_clauses(prepared, share)

        def evidence(m: Mention) -> Evidence:
            return Evidence(m.keyword, m.via, text[m.start : m.end], (m.start, m.end), prepared.sentences[m.sentence])

        def candidate_says(found: Iterable[_Found]) -> Mention | None:
            """The first mention the candidate says of their own care: affirmed, not in a list,
            not another clinician's act, not a possibility weighed."""
            return next(
                (
                    f.mention
                    for f in found
                    if f.wanted
                    and not f.listed
                    and not _someone_else(tokens, f.mention.first, cues)
                    and not _considered(tokens, f.mention.first, cues)
                ),
                None,
            )

        # What each red flag's own keywords raise, first: the words of an unsafe statement earn no
        # key point ("we can book an outpatient MRI" raises "delays imaging" and is not "urgent MRI").
        # An unsafe flag's whole list item earns nothing too (negex-6: "an MRI at his next clinic").
        said_unsafe: dict[str, Mention] = {}
        unsafe_items: set[int] = set()
        for flag in red_flags:
            found = examine(flag.keywords, flag.requires, False, listed, flag=True)
            said = candidate_says(f for f in found if f.qualified)
            if said is not None:
                said_unsafe[flag.id] = said
                if flag.kind == "unsafe":
                    unsafe_items.add(tokens[said.first].item)
        unsafe_spans = [(m.first, m.last) for m in said_unsafe.values()]

        def inside_unsafe(m: Mention) -> bool:
            if tokens[m.first].item in unsafe_items and tokens[m.last].item in unsafe_items:
                return True
            return any(first <= m.first and m.last <= last for first, last in unsafe_spans)

        statuses: list[str] = []
        chosen: list[Evidence | None] = []
        candidates: list[list[Mention]] = []
        for point in key_points:
            found = examine(point.keywords, point.requires, point.stance == "reject", listed)
            good = [
                f.mention for f in found if f.wanted and f.qualified and not f.listed and not inside_unsafe(f.mention)
            ]
            candidates.append(good)
            if good:
                statuses.append(COVERED)
                chosen.append(evidence(good[0]))
                continue
            for status, test in (
                (LISTED, lambda f: f.listed),
                (UNQUALIFIED, lambda f: f.wanted and not f.qualified),
                (CONTRADICTED, lambda f: not f.wanted),
            ):
                hit = next((f for f in found if test(f)), None)
                if hit is not None:
                    statuses.append(status)
                    chosen.append(evidence(hit.mention))
                    break
            else:
                statuses.append(MISSED)
                chosen.append(None)

        for i, pick in _cap(candidates, prepared.sentence_words).items():
            if pick is None:
                statuses[i] = CAPPED
            else:
                chosen[i] = evidence(pick)

        points = tuple(PointJudgement(i, p.text, statuses[i], chosen[i]) for i, p in enumerate(key_points))
        turned_down: dict[str, Mention] = {}  # red flag id -> the rejection of a safe point that raises it
        for i, point in enumerate(key_points):
            if point.if_rejected and point.stance == "endorse" and statuses[i] == CONTRADICTED:
                found = examine(point.keywords, point.requires, False, listed)
                hit = next((f for f in found if not f.wanted and f.qualified and not f.listed), None)
                if hit is not None:
                    turned_down.setdefault(point.if_rejected, hit.mention)

        flags = []
        for flag in red_flags:
            said = said_unsafe.get(flag.id)
            if said is None:
                said = turned_down.get(flag.id)
            if said is None and flag.omission is not None and _left_out(flag.omission, statuses):
                plans = examine(flag.omission.plans, (), False, listed, flag=True)
                said = candidate_says(f for f in plans if _states_plan(_sentence_before(tokens, f.mention.first)))
            if said is not None:
                flags.append(FlagJudgement(flag.id, flag.statement, flag.kind, flag.why, evidence(said)))
        return Judgement(self.version, points, tuple(flags))


def _left_out(omission: Omission, statuses: Sequence[str]) -> bool:
    """Whether the answer covers none of the key points an omission flag needs; then a plan
    the candidate says (``candidate_says``) in a sentence stating their plan raises the flag."""
    return not any(statuses[n - 1] == COVERED for n in omission.without if n <= len(statuses))


def _cap(candidates: Sequence[Sequence[Mention]], sentence_words: Sequence[int]) -> dict[int, Mention | None]:
    """The sentence cap: each point with candidates gets the mention it is credited by, in the
    least loaded of its sentences, the point with the fewest sentences first; None when all of
    its sentences are full."""
    load: dict[int, int] = {}
    result: dict[int, Mention | None] = {}
    order = sorted(
        (i for i, c in enumerate(candidates) if c), key=lambda i: (len({m.sentence for m in candidates[i]}), i)
    )
    for i in order:
        options = sorted({m.sentence for m in candidates[i]}, key=lambda s: (load.get(s, 0), s))
        pick = next((s for s in options if load.get(s, 0) < sentence_cap(sentence_words[s])), None)
        if pick is not None:
            load[pick] = load.get(pick, 0) + 1
        result[i] = None if pick is None else next(m for m in candidates[i] if m.sentence == pick)
    return result


DEFAULT_JUDGE = NegExJudge()


def bank_groups(synonyms: Sequence[tuple[str, Sequence[str]]]) -> tuple[tuple[str, ...], ...]:
    """The bank's synonym groups first (so a match reports the bank's spelling), then the lexicon's."""
    return groups_with((term, tuple(phrases)) for term, phrases in synonyms)


def mentions(text: str, keyword: str, synonyms: Sequence[tuple[str, Sequence[str]]] = ()) -> tuple[Mention, ...]:
    """Every place ``keyword`` (or a synonym) is said in ``text``, with its NegEx verdict
    (``negated`` is about the keyword as written: "do not stop" said plainly is not negated)."""
    tokens, _ = tokenize(text)
    groups = bank_groups(synonyms)
    return tuple(_mentions(keyword, groups, tokens, _Index(tokens, text), find_cues(text, tokens)))


EXCLUSIVE = _words("just only merely simply")


def _exclusivity_denied(tokens: Sequence[Token], first: int) -> bool:
    """Whether a mention that claims exclusivity ("just stress", "only about money") stands right
    after a "not" that denies it: "not just" is a pseudo-negation, so its "not" negates nothing
    after it ("not just X but Y" affirms X), but it does deny the keyword's own "just" ("it's not
    just stress" rejects "just stress"). "isn't just" negates already, through its n't."""
    return first > 0 and tokens[first].raw in EXCLUSIVE and tokens[first - 1].raw == "not"


def _mentions(
    keyword: str,
    groups: tuple[tuple[str, ...], ...],
    tokens: Sequence[Token],
    index: _Index,
    cues: _Cues,
    contraries: bool = False,
    predicative: bool = True,
) -> list[Mention]:
    found: dict[tuple[int, int], Mention] = {}
    for phrase in compile_keyword(keyword, groups, contraries, predicative):
        for first, last in index.find(phrase):
            if (first, last) not in found or phrase.via is None:
                negated = _negated(first, last, tokens, cues) != phrase.negated
                if phrase.split:  # "the taper doesn't need to be slow": the chain's own negation
                    inner = sum(_is_inner_negation(tokens[k].raw) for k in range(first + 1, last))
                    negated = negated != (inner % 2 == 1)
                if _exclusivity_denied(tokens, first):
                    negated = not negated
                t = tokens[first]
                found[(first, last)] = Mention(
                    keyword,
                    phrase.via,
                    first,
                    last,
                    t.start,
                    tokens[last].end,
                    t.sentence,
                    t.clause,
                    negated,
                    bool(phrase.split),
                )
    words = keyword.split()
    if len(words) > 1 and words[0].lower() in PRESCRIBING:  # "start oxycodone" ~ "oxycodone 10 mg"
        for phrase in compile_keyword(" ".join(words[1:]), groups):
            if phrase.split:
                continue
            for first, last in index.find(phrase):
                end = _signature_end(tokens, last)
                if end < 0 or (first, end) in found or not _planned(tokens, first):
                    continue
                t = tokens[first]
                found[(first, end)] = Mention(
                    keyword,
                    f"{phrase.via or ' '.join(words[1:])} with a dose",
                    first,
                    end,
                    t.start,
                    tokens[end].end,
                    t.sentence,
                    t.clause,
                    _negated(first, end, tokens, cues),
                )
    return sorted(found.values(), key=lambda m: (m.first, m.last))


__all__ = [
    "CAPPED",
    "CONTRADICTED",
    "COVERED",
    "DEFAULT_JUDGE",
    "JUDGE_VERSION",
    "LISTED",
    "MISSED",
    "STATUS_NOTES",
    "UNQUALIFIED",
    "Evidence",
    "FlagJudgement",
    "Judge",
    "Judgement",
    "NegExJudge",
    "PointJudgement",
    "flag_penalty",
    "listed_clauses",
    "mentions",
    "prepare",
    "score",
    "sentence_cap",
    "tokenize",
]
