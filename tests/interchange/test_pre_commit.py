"""The hooks in ``.pre-commit-hooks.yaml`` run by ``pre-commit`` itself on a program's bank repository.

Slow on purpose (35 s alone, over 3 minutes on a busy 2-core machine: pre-commit builds the hook's virtual environment by
installing this project from PyPI's packages once; the second run reuses it). One test, never
skipped: it is the only proof that the hook a program copies from docs/authoring.md works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

GOOD = {
    "id": "program",
    "title": "Program bank",
    "version": "1.0.0",
    "authors": ["A program"],
    "license": "CC-BY-4.0",
    "language": "en",
    "description": "A clean one-question bank.",
    "categories": [{"id": "pharm", "title": "Pharmacology"}],
    "questions": [
        {
            "id": "apap-max",
            "type": "single",
            "category": "pharm",
            "difficulty": 1,
            "stem": "What is the labelled maximum daily dose of acetaminophen for a healthy adult?",
            "options": [{"id": "a", "text": "2 g"}, {"id": "b", "text": "4 g"}, {"id": "c", "text": "6 g"}],
            "answer": "b",
            "explanation": "The adult labelled maximum is 4 g a day.",
            "references": [{"title": "Acetaminophen drug label", "source": "US FDA", "year": 2023}],
        }
    ],
}


def _git(cwd: Path, *args: str) -> None:
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _hook_repository(tmp_path: Path) -> Path:
    """This project as a git repository (a checkout, an sdist or a worktree alike)."""
    hooks = tmp_path / "pain-trainer"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".venv")
    for name in ("trainer", "schemas", "question_banks"):
        shutil.copytree(REPO / name, hooks / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, hooks / name)
    _git(hooks, "init", "-q")
    _git(hooks, "add", ".")
    _git(hooks, "commit", "-q", "-m", "hooks")
    return hooks


# pre-commit installs the hook repository into a fresh environment (pip, four hook runs): about
# two minutes on two busy cores, past the suite's default limit of 120 s.
@pytest.mark.timeout(600)
def test_validate_and_lint_hooks_pass_a_good_bank_and_fail_a_bad_one(tmp_path):
    hooks = _hook_repository(tmp_path)
    banks = tmp_path / "program-banks"
    banks.mkdir()
    (banks / "good.yaml").write_text(yaml.safe_dump(GOOD, sort_keys=False), encoding="utf-8")
    flawed = GOOD | {
        "id": "flawed",
        "questions": [
            GOOD["questions"][0]
            | {
                "options": [
                    {"id": "a", "text": "2 g"},
                    {"id": "b", "text": "4 g"},
                    {"id": "c", "text": "None of the above"},
                ]
            }
        ],
    }
    (banks / "flawed.yaml").write_text(yaml.safe_dump(flawed, sort_keys=False), encoding="utf-8")
    (banks / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    _git(banks, "init", "-q")
    _git(banks, "add", ".")
    env = os.environ | {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PAIN_TRAINER_DATA_DIR": str(tmp_path / "data")}

    def hook(name: str, *files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*PRE_COMMIT, "try-repo", str(hooks), name, "--files", *files],
            cwd=banks,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    passed = hook("pain-trainer-validate", "good.yaml", "flawed.yaml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = hook("pain-trainer-validate", "good.yaml", "broken.yaml")
    assert failed.returncode == 1 and "broken.yaml:1:" in failed.stdout and "error:" in failed.stdout
    clean = hook("pain-trainer-lint", "good.yaml")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    flagged = hook("pain-trainer-lint", "good.yaml", "flawed.yaml")
    assert flagged.returncode == 1
    assert "flawed.yaml:" in flagged.stdout and "warning: all-none-of-the-above" in flagged.stdout
