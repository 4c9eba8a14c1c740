"""Matching -> extended matching and Moodle's ordering type, both formats, on fixtures written for
this project (not Moodle's GPL ones): what maps, what is reported, and the round trip of real sets."""

from __future__ import annotations

import pytest
import yaml

from tests.interchange.helpers import FIXTURES, by_id, imported, run
from trainer.banks.loader import load_bank

GIFT = FIXTURES / "matching-ordering.gift"
XML = FIXTURES / "matching-ordering.xml"


@pytest.fixture
def gift(capsys, tmp_path):
    data, err, out = imported(capsys, tmp_path, GIFT)
    load_bank(out)  # the written bank loads: every extended-matching set and ordering question is valid
    return by_id(data), err


@pytest.fixture
def xml(capsys, tmp_path):
    data, err, out = imported(capsys, tmp_path, XML)
    load_bank(out)
    return by_id(data), err


def _options(q: dict) -> list[str]:
    return [o["text"] for o in q["options"]]


def _key(q: dict) -> list[tuple[str, str]]:
    text = {o["id"]: o["text"] for o in q["options"]}
    return [(s["stem"], text[s["answer"]]) for s in q["stems"]]


def test_gift_matching_becomes_an_extended_matching_set(gift):
    q, err = gift
    emq = q["drug-class"]
    assert emq["type"] == "extended_matching"
    assert emq["theme"] == "Analgesic drug classes"  # the first paragraph
    assert emq["lead_in"].startswith("For each drug, choose its class.")
    # the distinct answers, extra answers included, alphabetically (not in the stems' order: a cue)
    assert _options(emq) == [
        "Full mu-opioid agonist",
        "Gabapentinoid",
        "NMDA receptor antagonist",
        "NSAID",
        "Partial mu-opioid agonist",
        "SNRI",
        "Tricyclic antidepressant",
    ]
    assert _key(emq)[:2] == [("Morphine", "Full mu-opioid agonist"), ("Buprenorphine", "Partial mu-opioid agonist")]
    assert [s["id"] for s in emq["stems"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert emq["explanation"] == "Classes as the product labels give them."
    assert (
        "matching-ordering.gift:5: warning: question 'drug-class': matching -> extended matching: theme from the"
        " question text's first paragraph, options the 7 distinct answers in alphabetical order" in err
    )


def test_one_paragraph_takes_the_theme_from_the_name_and_numbers_sort_by_value(gift):
    q, err = gift
    emq = q["opioid-conversion-equianalgesic-ratios"]
    assert (emq["theme"], emq["lead_in"]) == (
        "Opioid conversion: equianalgesic ratios",
        "Choose the oral morphine to drug ratio for each drug.",
    )
    assert _options(emq) == ["0.15", "0.2", "0.4", "1.5", "3", "4"]
    assert "theme from the question name" in err


def test_eleven_subquestions_split_into_two_sets_and_sixteen_answers_are_skipped(gift):
    q, err = gift
    first, second = q["nerve-roots-1"], q["nerve-roots-2"]
    assert (len(first["stems"]), len(second["stems"])) == (9, 2)  # never a set of one stem
    assert _options(first) == _options(second) == ["C6", "C7", "C8", "L1", "L3", "L4", "L5", "S1", "S4", "T4", "T10"]
    assert "question 'nerve-roots': 11 subquestions: split into 2 sets of at most 10 stems" in err
    assert "too-many" not in q and not any(k.startswith("too-many") for k in q)
    assert "matching-ordering.gift:42: warning: question 'too-many': matching with 16 distinct answers" in err


def test_gift_ordering_with_its_grading(gift):
    q, err = gift
    steps = q["fluoro-steps"]
    assert steps["type"] == "ordering" and "partial_credit" not in steps  # ALL_OR_NOTHING
    assert [s["text"] for s in steps["steps"]][0] == "Confirm consent and the level"
    assert [s["id"] for s in steps["steps"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert steps["explanation"] == "Contrast before the injectate, under live imaging."
    assert q["who-ladder"]["partial_credit"] is True  # LONGEST_ORDERED_SUBSET is the bank's partial credit
    assert q["escalation"]["partial_credit"] is True
    assert "question 'escalation': grading ABSOLUTE_POSITION becomes partial credit" in err
    assert "question 'escalation': Moodle showed 3 of the 4 items; the bank shows them all" in err
    assert "two-steps" not in q
    assert "question 'two-steps': ordering with 2 items; a bank question has 3 to 8 steps; skipped" in err


def test_moodle_xml_matching_html_extra_answers_and_the_small_fallback(xml):
    q, err = xml
    emq = q["emq-headache"]  # <idnumber> is the id; <name> the theme (one paragraph of text)
    assert emq["theme"] == "Headache disorders (ICHD-3)"
    assert emq["lead_in"] == "For each patient, choose the most likely diagnosis."
    assert len(emq["options"]) == 6 and "Paroxysmal hemicrania" in _options(emq)
    assert _key(emq)[0] == (
        "Unilateral orbital pain for 45 minutes with ipsilateral tearing, several times a day",
        "Cluster headache",
    )
    assert emq["explanation"] == "ICHD-3 criteria."
    assert _key(emq)[1][0] == "Bilateral pressing pain, mild, no nausea"
    assert "matching-ordering.xml:7: warning: question 'Headache disorders (ICHD-3)': an image could not be kept" in err
    small = [q[f"receptors-{n}"] for n in (1, 2, 3)]  # 3 answers: one single-best question per subquestion
    assert [s["type"] for s in small] == ["single"] * 3
    assert small[0]["stem"] == "Match each drug to its main target.\n\nNaloxone"
    assert _options(small[0]) == ["Alpha-2-delta subunit", "Mu-opioid receptor", "NMDA receptor"]
    assert small[1]["answer"] == "c"
    assert "matching-ordering.xml:38: warning: question 'receptors': matching with 3 distinct answers" in err


def test_moodle_xml_ordering(xml):
    q, err = xml
    block = q["block-steps"]
    assert [s["text"] for s in block["steps"]] == [
        "Time-out",
        "Scan and identify the target",
        "Insert the needle in plane",
        "Aspirate, then inject in small aliquots",
    ]
    assert block["partial_credit"] is True and block["explanation"] == "Time-out before the needle."
    assert "question 'subset': grading RELATIVE_NEXT_EXCLUDE_LAST becomes partial credit" in err
    assert "question 'subset': Moodle showed 3 of the 4 items" in err


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_a_bank_of_both_types_exports_and_imports_again(capsys, tmp_path, fmt):
    from tests.conftest import REPO

    source = REPO / "tests" / "tui" / "banks" / "new_types.yaml"
    out = tmp_path / f"b.{fmt}"
    code, _, err = run(capsys, "export", str(source), "--to", fmt, "--out", str(out))
    assert code == 0, err
    assert "no mapping" not in err
    assert f"{source}:27: warning: question 'holds': " in err and "stem and option ids" in err
    assert f"{source}:14: warning: question 'ladder': " in err and "step ids" in err
    again, _, written = imported(capsys, tmp_path, out)
    load_bank(written)
    original = yaml.safe_load(source.read_text(encoding="utf-8"))
    ladder, holds = original["questions"]
    back = by_id(again)
    assert [s["text"] for s in back["ladder"]["steps"]] == [s["text"] for s in ladder["steps"]]
    assert (back["holds"]["theme"], back["holds"]["lead_in"]) == (holds["theme"], holds["lead_in"])
    assert sorted(_options(back["holds"])) == sorted(_options(holds))
    assert _key(back["holds"]) == _key(holds)


def test_a_stem_with_an_arrow_is_not_written_to_gift(capsys, tmp_path):
    from tests.conftest import REPO

    source = tmp_path / "arrow.yaml"
    text = (REPO / "tests" / "tui" / "banks" / "new_types.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("stem: Clopidogrel,", "stem: Clopidogrel -> prasugrel,"), encoding="utf-8")
    code, stdout, err = run(capsys, "export", str(source), "--to", "gift", "--out", "-")
    assert code == 0
    assert "question 'holds': a stem contains '->', which separates a GIFT matching pair" in err
    assert "::holds::" not in stdout and "::ladder::" in stdout
    code, stdout, _ = run(capsys, "export", str(source), "--to", "moodle-xml", "--out", "-")
    assert code == 0 and "Clopidogrel -> prasugrel" in stdout  # XML holds it
