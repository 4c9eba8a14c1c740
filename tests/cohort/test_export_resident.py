"""The export says whose history it is (``history export --name/--program``) and the cohort reads it
from a real store; exports without it (older versions) still import and report."""

from __future__ import annotations

import csv
import json

import pytest

from tests.history.helpers import T0, answer, interview, session
from trainer.cli import main
from trainer.history.errors import HistoryError
from trainer.history.exchange import read_export
from trainer.history.store import Store


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    with Store.open(root) as store:
        store.start_session(session("q1", n=3, started_at=T0))
        for i, ok in enumerate([True, False, True]):
            store.record_answer(answer("q1", i, correct=ok, response="a" if ok else "b", at=T0 + 60 * i))
        store.finish_session("q1", T0 + 300)
        store.start_session(session("iv", n=1, kind="interview", mode="interview", started_at=T0 + 1000))
        store.record_answer(
            answer(
                "iv",
                0,
                question="p1",
                question_type="open",
                correct=None,
                response="text",
                category="interview",
                tags=("acgme:PC3",),
                at=T0 + 1100,
            ),
            interview("iv", 0, covered=(True, False, True)),
        )
    return root


def export(capsys, root, path, *extra):
    assert main(["history", "export", "--data-dir", str(root), *extra, str(path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_name_is_set_once_and_remembered(data, tmp_path, capsys):
    first = export(capsys, data, tmp_path / "a.json", "--name", "Dr. Ana Ruiz", "--program", "pm-2027")
    again = export(capsys, data, tmp_path / "b.json")
    assert first["resident"]["name"] == again["resident"]["name"] == "Dr. Ana Ruiz"
    assert first["resident"]["program"] == "pm-2027"
    assert first["resident"]["id"] == again["resident"]["id"] and len(first["resident"]["id"]) == 36
    forgot = export(capsys, data, tmp_path / "c.json", "--name", "")
    assert forgot["resident"]["name"] is None and forgot["resident"]["id"] == first["resident"]["id"]
    read_export((tmp_path / "a.json").read_text(encoding="utf-8"), "a.json")  # passes the export schema


def test_an_export_with_a_resident_imports_and_an_old_one_without_still_does(data, tmp_path, capsys):
    document = export(capsys, data, tmp_path / "a.json", "--name", "Ana")
    old = dict(document)
    del old["resident"]
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    for name in ("a.json", "old.json"):
        assert main(["history", "import", "--data-dir", str(tmp_path / f"into-{name}"), str(tmp_path / name)]) == 0
    assert "2 sessions added" in capsys.readouterr().out


def test_a_bad_resident_is_refused_by_import_with_its_pointer(data, tmp_path, capsys):
    document = export(capsys, data, tmp_path / "a.json")
    document["resident"]["name"] = 7
    with pytest.raises(HistoryError, match="/resident/name"):
        read_export(json.dumps(document), "a.json")


def test_name_is_only_for_export(data, capsys):
    assert main(["history", "list", "--data-dir", str(data), "--name", "x"]) == 2
    assert "--name and --program are only for 'history export'" in capsys.readouterr().err


def test_cohort_of_real_exports_by_name_with_the_interview_tags(data, tmp_path, capsys):
    export(capsys, data, tmp_path / "ana.json", "--name", "Ana")
    export(capsys, data, tmp_path / "ana-again.json")
    code = main(
        [
            "cohort",
            str(tmp_path / "ana.json"),
            str(tmp_path / "ana-again.json"),
            "--csv",
            str(tmp_path / "c"),
            "--as-of",
            "2023-11-20",
        ]
    )
    assert code == 0, capsys.readouterr().err
    with (tmp_path / "c" / "performance.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["resident"], r["category"], r["answered"], r["% correct"]) for r in rows} == {
        ("Ana", "All categories", "3", "66.7"),
        ("Ana", "pharm", "3", "66.7"),
    }
    with (tmp_path / "c" / "interview_coverage.csv").open(encoding="utf-8") as handle:
        coverage = {(r["by"], r["name"]): (r["key points"], r["covered"]) for r in csv.DictReader(handle)}
    assert coverage == {("category", "interview"): ("3", "2"), ("tag", "acgme:PC3"): ("3", "2")}
