"""Subcommand parsers are built only when named (start-up), yet every one is whole when used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from trainer import cli


def _subcommands(parser):
    return next(action for action in parser._actions if isinstance(action, cli._Subcommands))


def test_building_the_parser_builds_no_subcommand_parser():
    action = _subcommands(cli.build_parser())
    assert list(action.choices) == [name for name, _, _ in cli._SUBCOMMANDS]
    assert all(parser is None for parser in action.choices.values())


def test_the_app_start_builds_and_imports_no_subcommand():
    code = (
        "import sys; from trainer import cli; cli.parse_args(['--data-dir', 'd']); "
        "print(sorted(m for m in sys.modules if m.startswith(('trainer.commands.', 'trainer.judge_command'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['trainer.commands.transcribe']"  # its speech options belong to the app start too


@pytest.mark.parametrize("name", [name for name, _, _ in cli._SUBCOMMANDS])
def test_every_subcommand_is_built_with_its_options(name):
    parser = cli.all_subcommand_parsers(cli.build_parser())[name]
    assert parser.prog == f"pain-trainer {name}"
    assert "--data-dir" in parser.format_help() or name == "cohort"


def test_a_named_subcommand_is_built_alone():
    parser = cli.build_parser()
    args = parser.parse_args(["lint", "x.yaml"])
    assert args.command == "lint" and args.paths == ["x.yaml"]
    built = {name for name, sub in _subcommands(parser).choices.items() if sub is not None}
    assert built == {"lint"}


def test_help_lists_every_subcommand_with_its_line(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name, help_line, _ in cli._SUBCOMMANDS:
        assert f"{name} {' '.join(help_line.split())}" in out


def test_a_mistyped_subcommand_names_the_choices(capsys):
    assert cli.main(["quizz"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'quizz'" in err and "'cohort'" in err
