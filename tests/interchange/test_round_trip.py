"""import(export(bank)) keeps every field the format holds (hypothesis over generated banks)."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.banks.interchange import FORMATS
from trainer.banks.interchange.importing import bank_data, slug, to_yaml
from trainer.banks.loader import load_bank_bytes

# Text an author writes: GIFT's special characters included, no leading or trailing space.
_CHARS = string.ascii_letters + string.digits + " =~#{}:\\%-&<>'\"é?.,/()[]*_"
text = st.text(_CHARS, min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)
paragraphs = st.lists(text, min_size=1, max_size=3).map("\n\n".join)
reference = st.fixed_dictionaries(
    {"title": text.filter(lambda s: not s.startswith("TODO")), "source": text, "year": st.integers(1950, 2030)},
    optional={
        "doi": st.from_regex(r"10\.[0-9]{4}/[a-z0-9]{1,8}", fullmatch=True),
        "pmid": st.from_regex(r"[1-9][0-9]{0,8}", fullmatch=True),
    },
)


@st.composite
def choice(draw, kind: str) -> dict:
    texts = draw(st.lists(text, min_size=2, max_size=6, unique=True))
    ids = [chr(ord("a") + n) for n in range(len(texts))]
    q = {
        "type": kind,
        "stem": draw(paragraphs),
        "options": [{"id": i, "text": t} for i, t in zip(ids, texts, strict=False)],
    }
    if kind == "single":
        q["answer"] = draw(st.sampled_from(ids))
    else:
        q["answers"] = sorted(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids) - 1, unique=True)))
    return q | {"explanation": draw(paragraphs), "references": draw(st.lists(reference, min_size=1, max_size=2))}


@st.composite
def numeric(draw) -> dict:
    value = draw(st.floats(1, 1e6).map(lambda v: round(v, 3)) | st.floats(-1e6, -1).map(lambda v: round(v, 3)))
    return {
        "type": "numeric",
        "stem": draw(paragraphs),
        "answer": value,
        "tolerance": draw(st.floats(0, 0.9).map(lambda v: round(v * abs(value), 3))),
        "unit": draw(text),
        "explanation": draw(paragraphs),
        "references": draw(st.lists(reference, min_size=1, max_size=3)),
    }


@st.composite
def open_question(draw) -> dict:
    q = {"type": "open", "prompt": draw(paragraphs), "key_points": [{"text": "a point", "keywords": ["point"]}]}
    if draw(st.booleans()):
        q["model_answer"] = draw(paragraphs)
    if draw(st.booleans()):
        q["explanation"] = draw(paragraphs)
    return q


@st.composite
def ordering(draw) -> dict:
    texts = draw(
        st.lists(text.filter(lambda t: not t.startswith("//")), min_size=3, max_size=8, unique_by=str.casefold)
    )
    q = {
        "type": "ordering",
        "stem": draw(paragraphs),
        "steps": [{"id": f"step{n}", "text": t} for n, t in enumerate(texts)],
        "explanation": draw(paragraphs),
        "references": draw(st.lists(reference, min_size=1, max_size=2)),
    }
    if draw(st.booleans()):
        q["partial_credit"] = draw(st.booleans())
    return q


@st.composite
def extended_matching(draw) -> dict:
    texts = draw(st.lists(text, min_size=6, max_size=15, unique=True))
    ids = [f"o{n}" for n in range(len(texts))]
    stems = draw(st.lists(text.filter(lambda t: "->" not in t), min_size=2, max_size=10))
    return {
        "type": "extended_matching",
        "theme": draw(text),
        "lead_in": draw(paragraphs),
        "options": [{"id": i, "text": t} for i, t in zip(ids, texts, strict=True)],
        "stems": [{"id": f"st{n}", "stem": stem, "answer": draw(st.sampled_from(ids))} for n, stem in enumerate(stems)],
        "explanation": draw(paragraphs),
        "references": draw(st.lists(reference, min_size=1, max_size=2)),
    }


@st.composite
def banks(draw) -> dict:
    titles = draw(
        st.lists(
            st.text(string.ascii_letters + " ", min_size=1, max_size=20)
            .map(str.strip)
            .filter(lambda s: slug(s, "") != ""),
            min_size=1,
            max_size=3,
            unique_by=lambda s: slug(s),
        )
    )
    categories = [{"id": slug(t), "title": t} for t in titles]
    kinds = st.one_of(choice("single"), choice("multiple"), numeric(), open_question(), ordering(), extended_matching())
    questions = []
    for n, q in enumerate(draw(st.lists(kinds, min_size=1, max_size=6))):
        q = {"id": f"q-{n}", "category": draw(st.sampled_from(categories))["id"], "difficulty": 3} | q
        if q["type"] in ("single", "multiple") and draw(st.booleans()):
            q["shuffle"] = False
        questions.append(q)
    return {
        "id": "generated",
        "title": "Generated",
        "version": "1.0.0",
        "authors": ["Test"],
        "license": "CC0-1.0",
        "language": "en",
        "description": "Generated.",
        "categories": categories,
        "questions": questions,
    }


_BOTH = ("id", "type", "stem", "prompt", "options", "answer", "answers", "tolerance", "explanation", "references")
_NEW = ("theme", "lead_in", "stems", "steps", "partial_credit")  # extended matching and ordering
HELD = {
    "gift": (*_BOTH, *_NEW),
    "moodle-xml": (*_BOTH, *_NEW, "unit", "shuffle", "model_answer"),
}


def _round_trip(bank: dict, name: str) -> dict:
    load_bank_bytes(to_yaml(bank).encode(), "generated.yaml")  # the generated bank is valid
    fmt = FORMATS[name]
    written, _ = fmt.write(bank, lambda pointer: 1, "generated.yaml")
    result = fmt.read(written.encode("utf-8"), f"generated.{name}")
    assert not result.errors, [str(e) for e in result.errors]
    data, _, _ = bank_data(result.items, "generated", "imported", ["generated"])
    load_bank_bytes(to_yaml(data).encode(), "again.yaml")  # and what comes back validates
    return data


def _held(q: dict, name: str) -> dict:
    kept = {k: q[k] for k in HELD[name] if k in q}
    if q["type"] == "ordering":  # the steps in order and the grading; step ids are not held
        kept["steps"] = [step["text"] for step in q["steps"]]
        kept["partial_credit"] = q.get("partial_credit", False)
    if q["type"] == "extended_matching":  # options as a set (an LMS shuffles them), each stem's answer text
        text = {o["id"]: o["text"] for o in q["options"]}
        kept["options"] = sorted(text.values())
        kept["stems"] = [(stem["stem"], text[stem["answer"]]) for stem in q["stems"]]
    if name == "gift" and q["type"] == "numeric":
        kept.pop("unit", None)
    if "shuffle" in HELD[name] and q["type"] in ("single", "multiple"):
        kept["shuffle"] = q.get("shuffle", True)
    return kept


def _check(bank: dict, name: str) -> None:
    back = _round_trip(bank, name)
    assert [c["title"] for c in back["categories"]] == list(
        dict.fromkeys(
            next(c["title"] for c in bank["categories"] if c["id"] == q["category"]) for q in bank["questions"]
        )
    )
    assert len(back["questions"]) == len(bank["questions"])
    for original, again in zip(bank["questions"], back["questions"], strict=False):
        assert _held(again, name) == _held(original, name)
        assert again["category"] == original["category"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_gift_round_trip(bank):
    _check(bank, "gift")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_moodle_xml_round_trip(bank):
    _check(bank, "moodle-xml")


def test_round_trip_through_the_commands(capsys, tmp_path):
    from tests.interchange.helpers import run

    source = tmp_path / "b.yaml"
    bank = {
        "id": "b",
        "title": "B",
        "version": "1.0.0",
        "authors": ["A"],
        "license": "CC0-1.0",
        "language": "en",
        "description": "D",
        "categories": [{"id": "pain", "title": "Pain"}],
        "questions": [
            {
                "id": "x",
                "type": "single",
                "category": "pain",
                "difficulty": 2,
                "stem": "S?",
                "time_limit_seconds": 30,
                "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}],
                "answer": "b",
                "explanation": "E",
                "references": [{"title": "T", "source": "S", "year": 2020}],
            }
        ],
    }
    source.write_text(to_yaml(bank), encoding="utf-8")  # written as YAML 1.2 reads it ("08" stays text)
    for name in ("gift", "moodle-xml"):
        out = tmp_path / f"b.{name}"
        code, _, err = run(capsys, "export", str(source), "--to", name, "--out", str(out))
        assert code == 0, err
        assert "question 'x': " in err and "cannot hold the time limit; dropped" in err
        code, _, err = run(capsys, "import", str(out), "--out", str(tmp_path / f"again-{name}.yaml"))
        assert code == 0, err
        again = yaml.safe_load((tmp_path / f"again-{name}.yaml").read_text(encoding="utf-8"))
        assert again["questions"][0]["references"] == bank["questions"][0]["references"]
        assert again["questions"][0]["answer"] == "b"
