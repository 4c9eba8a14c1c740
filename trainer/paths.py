"""Where things live: the user's data directory and the resources shipped with the package.

The data directory is ``--data-dir``, else ``$PAIN_TRAINER_DATA_DIR``, else the platform's
user data directory (``~/.local/share/pain-trainer`` on Linux). Tests always pass one.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "pain-trainer"
DATA_DIR_ENV = "PAIN_TRAINER_DATA_DIR"
_PACKAGE = Path(__file__).resolve().parent


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if env := os.environ.get(DATA_DIR_ENV):
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where validated banks are cached (the platform's user cache folder)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "banks"


def user_banks_dir(root: Path) -> Path:
    return root / "banks"


def resource_path(*parts: str) -> Path:
    """A shipped resource: inside the package when installed, at the repo top in a checkout."""
    packaged = _PACKAGE.joinpath(*parts)
    if packaged.exists():
        return packaged
    return _PACKAGE.parent.joinpath(*parts)


def bundled_banks_dir() -> Path:
    return resource_path("question_banks")
