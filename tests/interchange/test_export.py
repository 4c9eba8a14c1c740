"""Export of real banks: what the format cannot hold is listed on stderr; the result imports again."""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.interchange.helpers import run
from trainer.banks.interchange.moodle_xml import parse

BUNDLED = "question_banks/multimodal.yaml"


@pytest.mark.parametrize(("fmt", "name"), [("gift", "GIFT"), ("moodle-xml", "Moodle XML")])
def test_bundled_bank_exports_lists_what_is_dropped_and_imports_again(capsys, tmp_path, fmt, name):
    from tests.conftest import REPO

    out = tmp_path / f"multimodal.{fmt}"
    code, stdout, err = run(capsys, "export", str(REPO / BUNDLED), "--to", fmt, "--out", str(out))
    assert code == 0, err
    first_err = err
    assert "questions exported" in stdout
    assert f"{fmt} cannot hold difficulty" in err
    assert f"{name} cannot hold " in err
    assert "key points" in err and "red flags" in err and "probes" in err
    assert "think time" in err or "answer time" in err  # timers
    for line in err.splitlines():  # every note is positioned in the bank
        assert line.startswith(str(REPO / BUNDLED) + ":"), line
    code, _, err = run(capsys, "import", str(out), "--out", str(tmp_path / "again.yaml"))
    assert code == 0, err
    again = yaml.safe_load((tmp_path / "again.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load((REPO / BUNDLED).read_text(encoding="utf-8"))
    # every type has a mapping now: ordering -> Moodle's ordering type, extended matching -> matching
    assert [(q["id"], q["type"]) for q in again["questions"]] == [(q["id"], q["type"]) for q in original["questions"]]
    assert {q["type"] for q in original["questions"]} >= {"ordering", "extended_matching"}
    assert "no mapping for type" not in first_err
    assert again["questions"][0]["references"] == original["questions"][0]["references"]


def test_moodle_xml_export_is_well_formed_and_parses_safely(capsys, tmp_path):
    from tests.conftest import REPO

    out = tmp_path / "b.xml"
    assert run(capsys, "export", str(REPO / BUNDLED), "--to", "moodle-xml", "--out", str(out))[0] == 0
    root, lines, problems = parse(out.read_bytes(), str(out))
    assert not problems and root.tag == "quiz" and len(lines) > 10


def test_cases_are_written_above_the_stem_and_reported(capsys, tmp_path):
    from tests.conftest import REPO

    source = tmp_path / "cases.yaml"
    shutil.copy(REPO / "tests" / "tui" / "banks" / "tui.yaml", source)
    from trainer.banks import yamlsafe

    data = yamlsafe.load(yamlsafe.decode(source.read_bytes())).data
    with_case = next(q for q in data["questions"] if q.get("case"))
    case = next(c for c in data["cases"] if c["id"] == with_case["case"])
    code, stdout, err = run(capsys, "export", str(source), "--to", "gift", "--out", "-")
    assert code == 0
    assert f"question '{with_case['id']}': shared case '{case['id']}' written above the stem" in err
    assert case["text"].split()[0] in stdout


def test_an_invalid_bank_is_not_exported(capsys, tmp_path):
    source = tmp_path / "bad.yaml"
    source.write_text("id: [\n", encoding="utf-8")
    code, _, err = run(capsys, "export", str(source), "--to", "gift", "--out", str(tmp_path / "x.gift"))
    assert code == 1 and f"{source}:1:" in err and not (tmp_path / "x.gift").exists()
    assert run(capsys, "export", str(tmp_path / "missing.yaml"), "--to", "gift", "--out", "x")[0] == 2
    assert run(capsys, "export", str(source), "--to", "docx", "--out", "x")[0] == 2


def test_format_names_in_the_parser_match_the_registry():
    from trainer.banks.interchange import FORMATS
    from trainer.commands.interchange import FORMAT_NAMES

    assert set(FORMAT_NAMES) == set(FORMATS)


def test_review_fields_are_reported_as_dropped(capsys):
    from tests.conftest import FIXTURES

    source = FIXTURES / "valid" / "sections.yaml"
    for fmt, name in (("gift", "GIFT"), ("moodle-xml", "Moodle XML")):
        code, _, err = run(capsys, "export", str(source), "--to", fmt, "--out", "-")
        assert code == 0, err
        assert f"question 's-match': {name} cannot hold section, reviewed, rule year; dropped" in err
        assert f"question 's-emq': {name} cannot hold section, reviewed" in err  # the set, written once
