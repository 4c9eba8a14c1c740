"""The cut of a bank's text into two banks (``trainer.banks.halves``): where it is made, when it
is refused, and that a cut the parsed halves confirm always means what the whole file means.

The property test writes question lists whose text tries to fool a reader of lines: quoted and
block scalars with lines that look like item starts (at the list's indentation, at column 0),
comment lines, blank lines, keys after the list. Whatever the cut, either the halves refute it
(an item count or the header and trailer differ) or together they are the whole file's data.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from trainer.banks import fastyaml
from trainer.banks.halves import Halves, outside_questions, split

pytestmark = pytest.mark.skipif(not fastyaml.ENABLED, reason="yaml-rs is not installed here")

HEADER = "id: b\ntitle: T\ncategories:\n  - id: c\n    title: C\nquestions:\n"


def _compiled(text: str) -> object:
    import yaml_rs

    return yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)


def _positioned(text: str) -> object:
    """The reader of every text the compiled parser is not trusted with; laxer about indentation."""
    from trainer.banks import yamlsafe

    parsed = yamlsafe.load_positioned(text)
    if parsed.problems:
        raise ValueError(parsed.problems[0].message)
    return parsed.data


READERS = [pytest.param(_compiled, id="yaml-rs"), pytest.param(_positioned, id="positioned")]


def _confirmed(cut: Halves, load=_compiled) -> tuple[dict, dict] | None:
    """The halves' data when they confirm the cut, as ``trainer.banks.check`` asks it."""
    from trainer.banks.yamlsafe import YamlProblem

    try:
        first, second = load(cut.first), load(cut.second)
    except (ValueError, YamlProblem):
        return None
    if not (isinstance(first, dict) and isinstance(second, dict)):
        return None
    if not (isinstance(first.get("questions"), list) and isinstance(second.get("questions"), list)):
        return None
    if (len(first["questions"]), len(second["questions"])) != (cut.first_items, cut.second_items):
        return None
    if outside_questions(first) != outside_questions(second):
        return None
    return first, second


def test_the_cut_is_at_an_item_line_near_the_middle_and_each_half_is_a_bank():
    items = "".join(f"  - id: q{n}\n    stem: Stem {n}\n" for n in range(10))
    text = HEADER + items + "license: CC0\n"
    cut = split(text)
    assert cut is not None
    assert (cut.first_items, cut.second_items) == (5, 5)
    assert cut.first == HEADER + "".join(f"  - id: q{n}\n    stem: Stem {n}\n" for n in range(5)) + "license: CC0\n"
    assert (
        cut.second == HEADER + "".join(f"  - id: q{n}\n    stem: Stem {n}\n" for n in range(5, 10)) + "license: CC0\n"
    )
    first, second = _confirmed(cut)
    assert [q["id"] for q in first["questions"] + second["questions"]] == [f"q{n}" for n in range(10)]
    assert first["license"] == second["license"] == "CC0"


def test_items_at_column_0_and_comments_between_them_are_read_as_the_list():
    text = HEADER + "# the first\n- id: q0\n\n# the second\n- id: q1\n- id: q2\n- id: q3\nlicense: CC0\n"
    cut = split(text)
    assert cut is not None and cut.first_items + cut.second_items == 4
    first, second = _confirmed(cut)
    assert [q["id"] for q in first["questions"] + second["questions"]] == ["q0", "q1", "q2", "q3"]


def test_a_file_with_windows_line_ends_is_cut_alike():
    items = "".join(f"  - id: q{n}\r\n    stem: Stem {n}\r\n" for n in range(6))
    text = HEADER.replace("\n", "\r\n") + items + "license: CC0\r\n"
    cut = split(text)
    assert cut is not None and (cut.first_items, cut.second_items) == (3, 3)
    first, second = _confirmed(cut)
    assert {**outside_questions(first), "questions": first["questions"] + second["questions"]} == _compiled(text)


def test_the_share_of_the_first_half_follows_at():
    text = HEADER + "".join(f"  - id: q{n:02d}\n" for n in range(100))
    assert split(text, 0.25).first_items == 25
    assert split(text, 0.75).first_items == 75


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEADER + "  - id: q0\n", id="one question"),
        pytest.param("id: b\nquestions: [{id: q0}, {id: q1}]\n", id="a flow list"),
        pytest.param("id: b\nquestions:\n  id: q0\n  other: q1\n", id="a mapping, not a list"),
        pytest.param("questions:\n  - id: q0\n  - id: q1\nid: b\n", id="questions as the first key"),
        pytest.param("%YAML 1.2\n---\n" + HEADER + "  - id: q0\n  - id: q1\n", id="a directive"),
        pytest.param(HEADER + "  - id: q0\n  - id: q1\n---\nid: c\n", id="a second document"),
        pytest.param(HEADER + "  - id: q0\n  - id: q1\n...\n", id="a document end"),
        pytest.param("id: b\ntitle: T\n", id="no questions"),
        pytest.param(HEADER + "  - id: q0\n  - id: q1\nquestions:\n  - id: q2\n", id="two questions keys"),
    ],
)
def test_a_text_that_is_not_one_bank_with_a_block_list_of_questions_is_not_cut(text):
    assert split(text) is None


def test_a_line_that_only_looks_like_an_item_start_is_refuted_by_the_halves():
    """A double-quoted stem whose second line is written like an item start at the list's
    indentation. yaml-rs refuses it (too little indentation); the positioned path reads one
    stem, so 2 items where the line count says 3, and the halves refute the cut."""
    text = HEADER + '  - id: q0\n    stem: "one\n  - id: fake"\n  - id: q1\n'
    with pytest.raises(ValueError, match="indentation"):
        _compiled(text)
    assert len(_positioned(text)["questions"]) == 2
    cut = split(text)
    assert cut is not None and cut.first_items + cut.second_items == 3
    assert _confirmed(cut, _positioned) is None


def test_a_column_0_line_inside_the_last_question_is_refuted_by_the_trailer():
    """The positioned path reads a double-quoted stem over a line at column 0; the line scan
    takes that line for the first key after the list, so the first half gets it as a trailer
    (``license: x end"``) that the second half does not have."""
    text = HEADER + '  - id: q0\n  - id: q1\n    stem: "start\nlicense: x\n      end"\n'
    assert _positioned(text)["questions"][1]["stem"] == "start license: x end"
    cut = split(text)
    assert cut is not None
    assert _positioned(cut.first)["license"] == 'x end"'  # what the cut alone would wrongly add
    assert _confirmed(cut, _positioned) is None


# --- the property ------------------------------------------------------------------------

_WORD = st.sampled_from(["alpha", "beta", "no", "010", "1:30", "x", "q-1", "a: b", "- c", "#d", "'e'"])


def _scalar_line(indent: int) -> st.SearchStrategy[str]:
    """A value line of a question's field, some of them with lines that look like structure."""
    pad = " " * indent
    plain = _WORD.map(lambda w: f"{pad}stem: {w!r}\n" if w[:1] in "-#'" or ":" in w else f"{pad}stem: {w}\n")
    fake = ["  - id: fake", "- id: fake", "    - id: fake", "  -", "license: x", "# not a comment", 'x: "y']
    quoted_fake_item = st.sampled_from(fake).map(lambda line: f'{pad}stem: "start\n{line}\n{pad}  end"\n')
    block = st.sampled_from(["  - id: inside", "# inside", "license: inside", ""]).map(
        lambda line: f"{pad}stem: |\n{pad}  first\n{pad}  {line}\n{pad}  last\n"
    )
    single_quoted = st.sampled_from(["  - id: fake", "- id: fake", "questions:", "x: 'y"]).map(
        lambda line: f"{pad}stem: 'start\n{line}\n{pad}  end'\n"
    )
    return st.one_of(plain, quoted_fake_item, block, single_quoted)


@st.composite
def bank_texts(draw) -> str:
    at_column_0 = draw(st.booleans())
    indent = 0 if at_column_0 else draw(st.sampled_from([2, 4]))
    pad = " " * indent
    items = []
    for n in range(draw(st.integers(2, 8))):
        body = draw(st.lists(_scalar_line(indent + 2), max_size=2))
        between = draw(st.sampled_from(["", "\n", f"{pad}# comment\n", "# column-0 comment\n"]))
        items.append(between + f"{pad}- id: q{n}\n" + "".join(body))
    trailer = draw(
        st.sampled_from(
            ["", "license: CC0\n", "license: CC0\nlanguage: en\n", "# end\n", 'note: "x"\n', "note: 'x'\nlicense: y\n"]
        )
    )
    return HEADER + "".join(items) + trailer


@pytest.mark.parametrize("load", READERS)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=bank_texts(), at=st.floats(0.05, 0.95))
def test_a_confirmed_cut_means_what_the_whole_file_means(load, text, at):
    from trainer.banks.yamlsafe import YamlProblem

    try:
        whole = load(text)
    except (ValueError, YamlProblem):
        whole = None
    cut = split(text, at)
    confirmed = None if cut is None else _confirmed(cut, load)
    event("cut confirmed" if confirmed else "cut refuted or not made")
    if confirmed is None:
        return
    first, second = confirmed
    assert whole is not None, "the halves load but the whole file does not"
    assert {**outside_questions(first), "questions": first["questions"] + second["questions"]} == whole


def test_the_property_cuts_and_confirms_plain_banks():
    """Not vacuous: a bank with nothing tricky in it is cut and confirmed."""
    text = HEADER + "".join(f"  - id: q{n}\n    stem: |\n      Line\n      - not an item\n" for n in range(6))
    cut = split(text)
    assert cut is not None and _confirmed(cut) is not None and _confirmed(cut, _positioned) is not None
