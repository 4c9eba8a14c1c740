"""``pain-trainer cohort`` through the entry point: outputs, bad and hostile inputs, --anonymise."""

from __future__ import annotations

import csv
import json
import re

import pytest

from tests.cohort import cohort12
from tests.cohort.builders import AS_OF_TEXT, Quiz, Session, export, write
from trainer.cli import main

HOSTILE = '<script>alert("x")</script><img src=http://example.invalid/x.png>'


def run(capsys, *args):
    code = main(["cohort", *args, "--as-of", AS_OF_TEXT])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cohort(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    cohort12.build(folder)
    return folder


def test_html_and_csv_from_a_folder(cohort, tmp_path, capsys):
    code, out, err = run(capsys, str(cohort), "--out", str(tmp_path / "r.html"), "--csv", str(tmp_path / "csv"))
    assert (code, err) == (0, "")
    assert "12 residents from 12 files" in out
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 4 and "<script" not in page
    assert "default-src 'none'" in page
    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names == [
        "distractors.csv",
        "flagged.csv",
        "interview_coverage.csv",
        "interview_residents.csv",
        "item_notes.csv",
        "items.csv",
        "performance.csv",
        "red_flags.csv",
        "weekly.csv",
    ]
    with (tmp_path / "csv" / "items.csv").open(encoding="utf-8") as handle:
        items = list(csv.DictReader(handle))
    qx = next(row for row in items if row["question"] == "QX")
    assert "negative discrimination" in qx["flags"] and qx["interpretable"] == "yes"
    qr = next(row for row in items if row["question"] == "QR")
    assert qr["interpretable"].startswith("no")
    # the same table in both formats: every item row of the CSV is a row of the HTML table
    html_rows = re.search(r'<table data-table="items">.*?</table>', page, re.S).group().count("<tr")
    assert html_rows == len(items) + 1


def test_below_percentile_changes_who_is_flagged(cohort, tmp_path, capsys):
    run(capsys, str(cohort), "--csv", str(tmp_path / "a"), "--below-percentile", "40")
    with (tmp_path / "a" / "flagged.csv").open(encoding="utf-8") as handle:
        overall = {row["resident"] for row in csv.DictReader(handle) if row["category"] == "All categories"}
    # % correct 4/14, 4/13, 5/13, then R03 and R04 tie at 5/12: percentiles 4.2, 12.5, 20.8, 33.3, 33.3
    assert overall == {"R00", "R01", "R02", "R03", "R04"}


def _bad_files(folder):
    good = export([Session("s-good", quiz=[Quiz("Q1", True)])], resident_id="good", name="Good")
    wrong_type = export([Session("s-w", quiz=[Quiz("Q1", True)])], resident_id="w")
    wrong_type["sessions"][0]["answers"][0]["time_spent"] = "fast"
    huge = export([Session("s-h", quiz=[Quiz("Q1", True, category="x" * 10_000_000)])], resident_id="h")
    duplicated = export(
        [Session("s-d", quiz=[Quiz("Q1", True)]), Session("s-d", quiz=[Quiz("Q2", True)])], resident_id="d"
    )
    future = export([Session("s-f", quiz=[Quiz("Q1", True)])], resident_id="f", version=99)
    deep = (
        '{"format": "pain-trainer-history", "format_version": 1, "sessions": [], "resident": {"id": "x", '
        '"junk": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    )
    # Nested 200 deep where the report never looks (settings): read, and costs nothing.
    value: list = []
    for _ in range(200):
        value = [value]
    deep_unused = export([Session("s-u", quiz=[Quiz("Q1", True)])], resident_id="u", name="Unused depth")
    deep_unused["sessions"][0]["settings"] = {"x": value}
    files = {
        "good.json": good,
        "wrong-type.json": wrong_type,
        "huge.json": huge,
        "duplicated.json": duplicated,
        "future.json": future,
        "not-json.json": "{not json",
        "deep.json": deep,
        "list.json": "[]",
        "deep-unused.json": deep_unused,
        "binary.json": "\udcff",
    }
    for name, document in files.items():
        if name == "binary.json":
            (folder / name).write_bytes(b"\xff\xfe\x00garbage")
        else:
            write(folder, name, document)


def test_bad_exports_one_line_each_and_the_rest_reported(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_files(folder)
    code, out, err = run(capsys, str(folder), str(tmp_path / "missing.json"), "--csv", str(tmp_path / "csv"))
    assert code == 1
    lines = err.splitlines()
    expected = {
        "binary.json": "not a UTF-8 text file",
        "deep.json": "nested deeper than JSON can be read",
        "duplicated.json": "/sessions/1/session_id: session 's-d' appears twice in this export",
        "future.json": "/format_version: export format 99 is newer than this pain-trainer reads (1); upgrade it",
        "huge.json": "/sessions/0/answers/0/category: at most 200 characters, got 10,000,000",
        "list.json": "not a pain-trainer history export",
        "not-json.json": "not valid JSON",
        "wrong-type.json": "/sessions/0/answers/0/time_spent: expected a number, got a string",
        "missing.json": "no such file or directory",
    }
    assert len(lines) == len(expected), err
    for name, message in expected.items():
        [line] = [line for line in lines if line.split(": error: ")[0].endswith(name)]
        assert message in line, line
        assert len(line) < 300
    assert "2 residents from 2 files" in out
    with (tmp_path / "csv" / "performance.csv").open(encoding="utf-8") as handle:
        assert {row["resident"] for row in csv.DictReader(handle)} == {"Good", "Unused depth"}


def test_nothing_readable_is_an_error_and_no_report(tmp_path, capsys):
    write(tmp_path, "x.json", "[]")
    code, _out, err = run(capsys, str(tmp_path / "x.json"), "--out", str(tmp_path / "r.html"))
    assert code == 1 and "no history export could be read" in err.splitlines()[-1]
    assert not (tmp_path / "r.html").exists()


def test_hostile_names_stay_text(tmp_path, capsys):
    write(
        tmp_path,
        "a.json",
        export(
            [
                Session(
                    "s1",
                    quiz=[
                        Quiz(HOSTILE[:190], False, HOSTILE[:190], category=HOSTILE[:190], options=(HOSTILE[:190], "b"))
                    ],
                )
            ],
            resident_id="a",
            name='=HYPERLINK("x")' + HOSTILE[:100],
        ),
    )
    code, _out, _err = run(
        capsys, str(tmp_path / "a.json"), "--out", str(tmp_path / "r.html"), "--csv", str(tmp_path / "csv")
    )
    assert code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    with (tmp_path / "csv" / "performance.csv").open(encoding="utf-8") as handle:
        [row, *_] = list(csv.DictReader(handle))
    assert row["resident"].startswith("'=HYPERLINK")  # a spreadsheet shows it, does not run it


def test_anonymise_stable_pseudonyms_and_no_free_text(cohort, tmp_path, capsys):
    def report(secret, name):
        code, _out, err = run(
            capsys,
            str(cohort),
            "--anonymise",
            "--secret",
            secret,
            "--out",
            str(tmp_path / name),
            "--csv",
            str(tmp_path / (name + "-csv")),
        )
        assert (code, err) == (0, "")
        return (tmp_path / name).read_text(encoding="utf-8")

    first, again, other = report("s3cret", "a.html"), report("s3cret", "b.html"), report("other", "c.html")
    pseudonyms = sorted(set(re.findall(r"R-[0-9a-f]{10}", first)))
    assert len(pseudonyms) == 12
    assert pseudonyms == sorted(set(re.findall(r"R-[0-9a-f]{10}", again)))
    assert not set(pseudonyms) & set(re.findall(r"R-[0-9a-f]{10}", other))
    for page in (first, other):
        assert not re.search(r"\bR\d\d\b", page) and "resident-3" not in page
        assert "QX key looks wrong" not in page and "my answer" not in page
    assert not (tmp_path / "a.html-csv" / "item_notes.csv").exists()


def test_anonymise_reads_the_secret_from_the_environment(cohort, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAIN_TRAINER_COHORT_SECRET", "from-env")
    code, _out, _err = run(capsys, str(cohort), "--anonymise", "--csv", str(tmp_path / "a"))
    monkeypatch.delenv("PAIN_TRAINER_COHORT_SECRET")
    code2, _out, _err = run(capsys, str(cohort), "--anonymise", "--secret", "from-env", "--csv", str(tmp_path / "b"))
    assert code == code2 == 0
    assert (tmp_path / "a" / "performance.csv").read_text() == (tmp_path / "b" / "performance.csv").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "cohort needs --out FILE (HTML) or --csv DIR"),
        (["--csv", "x", "--anonymise"], "--anonymise needs a secret"),
        (["--csv", "x", "--secret", "s"], "--secret is only for --anonymise"),
        (["--csv", "x", "--below-percentile", "120"], "expected a number from 0 to 100"),
        (["--csv", "x", "--min-residents", "1"], "must be at least 2"),
    ],
)
def test_usage_errors(cohort, capsys, monkeypatch, args, message):
    monkeypatch.delenv("PAIN_TRAINER_COHORT_SECRET", raising=False)
    code, _out, err = run(capsys, str(cohort), *args)
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("pain-trainer: error: ") and message in line


def test_bad_as_of_is_a_usage_error(cohort, capsys):
    assert main(["cohort", str(cohort), "--csv", "x", "--as-of", "yesterday"]) == 2
    assert "--as-of: expected a date" in capsys.readouterr().err


def test_the_report_is_written_whole_or_not_at_all(cohort, tmp_path, capsys):
    target = tmp_path / "no-such-dir" / "r.html"
    code, _out, err = run(capsys, str(cohort), "--out", str(target))
    assert code == 1 and "cannot write the report" in err and not target.exists()


def test_export_json_in_the_folder_is_read_once_when_named_twice(cohort, capsys, tmp_path):
    code, out, _err = run(capsys, str(cohort), str(cohort / "resident-1.json"), "--csv", str(tmp_path / "c"))
    assert code == 0 and "12 residents from 12 files" in out
    assert json.loads((cohort / "resident-1.json").read_text())["resident"]["name"] == "R01"


def test_the_report_file_is_readable_like_any_new_file(cohort, tmp_path, capsys):
    import os

    run(capsys, str(cohort), "--out", str(tmp_path / "r.html"))
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_command_line_loads_no_chart_library_until_a_report_is_made():
    import subprocess
    import sys

    code = (
        "import sys; from trainer.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('pygal', 'trainer.cohort.reader', 'trainer.cohort.charts') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
