"""Moodle XML import: every feature of the fixture, and hostile files refused without harm."""

from __future__ import annotations

import pytest

from tests.interchange.helpers import FIXTURES, by_id, imported, run
from trainer.banks.loader import load_bank


@pytest.fixture
def bank(capsys, tmp_path):
    data, err, out = imported(capsys, tmp_path, FIXTURES / "features.xml")
    load_bank(out)
    return data, err


def test_multichoice_html_cdata_feedback_shuffle_tags_category(bank):
    data, err = bank
    q = by_id(data)["asra-clopidogrel"]
    assert q["stem"] == "Before a spinal cord stimulator trial, how many days is clopidogrel usually stopped?"
    assert (q["type"], q["answer"], q["shuffle"], q["tags"]) == ("single", "b", False, ["anticoagulation"])
    assert q["explanation"] == "ASRA guidance: 7 days.\n\n- 3 days: Too short.\n- 7 days: Right & usual."
    assert data["categories"] == [
        {"id": "interventional", "title": "Pain / Interventional", "description": "Blocks and injections"}
    ]
    assert "features.xml:9: warning: question 'asra-clopidogrel': an image could not be kept" in err


def test_multiple_numerical_essay_truefalse(bank):
    q = by_id(bank[0])
    assert (q["multi"]["type"], q["multi"]["answers"]) == ("multiple", ["a", "b"])
    assert (q["mme"]["answer"], q["mme"]["tolerance"], q["mme"]["unit"]) == (15, 0.5, "MME")
    assert q["why-pain"]["model_answer"] == "- Motivation\n- Experience"  # grader info -> model answer outline
    assert q["why-pain"]["key_points"][0]["text"].startswith("TODO")
    assert (q["tf"]["answer"], [o["text"] for o in q["tf"]["options"]]) == ("b", ["True", "False"])


def test_unmapped_types_are_skipped_with_a_line_each(bank):
    data, err = bank
    assert set(by_id(data)) == {"asra-clopidogrel", "multi", "mme", "why-pain", "tf"}
    for line, what in (
        (45, "short answer"),
        (50, "matching with 1 distinct answer(s) and 1 subquestion(s): no bank question type fits; skipped"),
        (55, "cloze"),
        (59, "description"),
    ):
        assert f"features.xml:{line}: warning: question '" in err and what in err


HOSTILE = FIXTURES / "hostile"
BILLION_LAUGHS = (HOSTILE / "billion-laughs.xml").read_text(encoding="utf-8")
EXTERNAL = (HOSTILE / "external-entity.xml").read_text(encoding="utf-8")
DTD_ONLY = (HOSTILE / "external-dtd.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (BILLION_LAUGHS, "refused: a document type declaration"),
        (EXTERNAL, "refused: a document type declaration"),
        (DTD_ONLY, "refused: a document type declaration"),
        ("<?xml version='1.0'?>\n<quiz><question>\n</quiz>", "3:3: error: not well-formed XML: mismatched tag"),
    ],
)
def test_hostile_or_broken_xml_is_refused_with_a_position(capsys, tmp_path, text, refused):
    source = tmp_path / "hostile.xml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", str(source), "--out", str(out))
    assert code == 1 and not out.exists()
    assert f"{source}:" in err and refused in err and "Traceback" not in err
    assert "root:" not in err  # /etc/passwd was not read into anything


def test_entities_are_refused_even_without_the_dtd_check():
    from defusedxml import EntitiesForbidden
    from defusedxml.ElementTree import fromstring

    with pytest.raises(EntitiesForbidden):  # the second line of defence the reader also turns on
        fromstring(BILLION_LAUGHS, forbid_dtd=False, forbid_entities=True)


def test_a_50_mb_file_is_refused_before_it_is_read(capsys, tmp_path):
    source = tmp_path / "big.xml"
    with source.open("wb") as handle:  # generated here, never committed
        handle.write(b"<?xml version='1.0'?><quiz>")
        chunk = b"<question type='description'><name><text>x</text></name></question>" * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
        handle.write(b"</quiz>")
    code, _, err = run(capsys, "import", str(source), "--out", str(tmp_path / "out.yaml"))
    assert code == 1
    assert f"{source}:1:1: error: file is 50.0 MiB; a bank may be at most 32 MiB" in err


def test_the_reader_bounds_size_itself():
    from trainer.banks.interchange.moodle_xml import read

    result = read(b"<quiz>" + b" " * (33 * 1024 * 1024) + b"</quiz>", "x.xml")
    assert [p.message for p in result.errors] == ["file is 33.0 MiB; a bank may be at most 32 MiB"]


def test_content_detection_picks_xml_whatever_the_name(capsys, tmp_path):
    source = tmp_path / "quiz.txt"
    source.write_bytes((FIXTURES / "features.xml").read_bytes())
    data, _, _ = imported(capsys, tmp_path, source)
    assert "mme" in by_id(data)


def test_declared_windows_1252_encoding_is_read(capsys, tmp_path):
    source = tmp_path / "w.xml"
    source.write_bytes(
        b'<?xml version="1.0" encoding="windows-1252"?>\n<quiz><question type="multichoice">'
        b'<name><text>w</text></name><questiontext format="plain_text"><text>Caf\xe9 \x96 which?'
        b'</text></questiontext><answer fraction="100"><text>a</text></answer>'
        b'<answer fraction="0"><text>b</text></answer></question></quiz>\n'
    )
    data, _, _ = imported(capsys, tmp_path, source, extra=("--language", "fr"))
    assert by_id(data)["w"]["stem"] == "Café \u2013 which?"
    assert data["language"] == "fr"
