"""Any bytes given to a reader end in items, notes or positioned errors, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.banks.interchange import gift, moodle_xml
from trainer.banks.interchange.importing import bank_data
from trainer.banks.loader import load_bank_bytes
from trainer.commands.interchange import validating

GIFT_PIECES = st.sampled_from(
    [
        "::",
        "{",
        "}",
        "=",
        "~",
        "#",
        "####",
        "%50%",
        "%-100%",
        "->",
        "\\",
        "\\=",
        "\\{",
        "\n",
        "\n\n",
        "//",
        "$CATEGORY: a/b",
        "[html]",
        "<b>",
        "T",
        "FALSE",
        "1..5",
        "2:0.5",
        "x",
        " ",
        "é",
        "\r\n",
        "..",
        ":",
        "%",
    ]
)
XML_PIECES = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        "<quiz>",
        "</quiz>",
        '<question type="multichoice">',
        '<question type="numerical">',
        '<question type="essay">',
        '<question type="truefalse">',
        '<question type="category">',
        "</question>",
        "<questiontext>",
        "</questiontext>",
        "<text>",
        "</text>",
        '<answer fraction="100">',
        '<answer fraction="x">',
        "</answer>",
        "<tolerance>",
        "</tolerance>",
        "<single>",
        "</single>",
        "true",
        "1",
        "<![CDATA[<p>",
        "]]>",
        "&amp;",
        "&nope;",
        "<!DOCTYPE q>",
        "<units><unit><unit_name>mg</unit_name></unit></units>",
        "<graderinfo>",
        "</graderinfo>",
        "<category>",
        "</category>",
        "x",
    ]
)


def _written_bank_validates(result) -> None:
    for problem in result.errors:
        assert problem.line >= 1 and problem.column >= 1
    if result.items and not result.errors:
        data, _, origins = bank_data(result.items, "fuzz", "imported", ["fuzz"])
        text, _ = validating(data, origins, Path("fuzz.yaml"))  # a mapping bug outside a question raises here
        if data["questions"]:
            load_bank_bytes(text.encode(), "fuzz.yaml")


@settings(max_examples=300, deadline=None)
@given(st.lists(GIFT_PIECES, max_size=40).map("".join))
def test_gift_reader_never_raises(text):
    _written_bank_validates(gift.read(text.encode("utf-8"), "fuzz.gift"))


@settings(max_examples=300, deadline=None)
@given(st.lists(XML_PIECES, max_size=40).map("".join))
def test_moodle_xml_reader_never_raises(text):
    _written_bank_validates(moodle_xml.read(text.encode("utf-8"), "fuzz.xml"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_readers_take_any_bytes(data):
    gift.read(data, "fuzz.gift")
    moodle_xml.read(data, "fuzz.xml")
