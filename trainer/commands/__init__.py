"""Subcommands of the command line that are more than a few lines: the CLI side of the layers.

``trainer.cli`` parses the flags and hands each command a typed request (a frozen dataclass);
the command calls the layers with typed arguments, prints, and decides the exit code
(``trainer.exits.ExitCode``). Nothing below ``trainer.cli`` and this package reads argparse.
"""
