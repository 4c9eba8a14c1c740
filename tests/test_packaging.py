"""The wheel carries the bundled banks and the schema: a NON-editable install, run from
another directory, finds them. Slow-ish (builds a wheel, makes a venv), so it runs once."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile

from tests.conftest import FIXTURES, REPO, cli_env


def test_wheel_installed_in_a_fresh_venv_works_outside_the_source_tree(tmp_path):
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)]
    if importlib.util.find_spec("hatchling"):
        build.append("--no-isolation")
    subprocess.run([*build, str(REPO)], check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "trainer/schemas/bank.schema.json" in names
    assert "trainer/data/aba_outline.yaml" in names  # the section check and --coverage read it
    assert any(n.startswith("trainer/question_banks/") and n.endswith(".yaml") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, capture_output=True, timeout=600)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = cli_env(PAIN_TRAINER_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHONPATH", None)
    exe = str(venv / "bin" / "pain-trainer")
    banks = subprocess.run([exe, "banks", "--format", "json"], cwd=outside, env=env, capture_output=True, text=True)
    assert banks.returncode == 0, banks.stderr
    listing = json.loads(banks.stdout)
    assert listing["banks"] and all(b["bundled"] for b in listing["banks"])
    assert all(os.sep + "site-packages" + os.sep in b["source"] for b in listing["banks"])
    assert listing["invalid"] == []
    covered = subprocess.run(  # the ABA outline is read from the installed package
        [exe, "banks", "--coverage", "--format", "json"], cwd=outside, env=env, capture_output=True, text=True
    )
    assert covered.returncode == 0, covered.stderr
    assert len(json.loads(covered.stdout)["sections"]) == 37

    checked = subprocess.run(
        [exe, "validate", str(FIXTURES / "valid" / "minimal.yaml")],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (checked.returncode, checked.stdout.strip()) == (0, "1 bank, 4 questions: OK (1 warning)")
    judged = subprocess.run(
        [exe, "judge", "open-judged", "--bank", str(FIXTURES / "valid" / "judged.yaml"), "--format", "json"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        input="I would avoid opioids in this patient.\n",
    )
    assert judged.returncode == 0, judged.stderr
    assert [p["status"] for p in json.loads(judged.stdout)["key_points"]] == ["missed", "covered", "missed"]
    bad = subprocess.run(
        [exe, "validate", str(FIXTURES / "invalid" / "bad_enum.yaml")],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and ":54:11: error: must be one of" in bad.stderr
