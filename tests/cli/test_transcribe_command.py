"""``pain-trainer transcribe`` without a model (its one-line errors), the speech options on the
command line, and a default start-up that imports nothing of the speech extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import cli_env
from trainer.cli import main, parse_args

# numpy is not here: the judge's lemmatiser (lemminflect) loads it in any interview.
SPEECH_MODULES = ("faster_whisper", "ctranslate2", "sounddevice", "av", "onnxruntime", "tokenizers", "huggingface_hub")


def test_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["transcribe", str(tmp_path / "none.wav")]) == 1
    assert capsys.readouterr().err == f"pain-trainer: error: {tmp_path / 'none.wav'}: no such file\n"


def test_a_folder_without_a_model_is_one_line(tmp_path, capsys):
    pytest.importorskip("faster_whisper", reason="needs the speech extra")
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"RIFF")
    assert main(["transcribe", str(wav), "--speech-model", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"pain-trainer: error: {tmp_path} holds no CTranslate2 Whisper model (model.bin is missing)\n"
    )


def test_a_file_that_is_not_audio_is_one_line(tmp_path, capsys):
    pytest.importorskip("faster_whisper", reason="needs the speech extra")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.bin").write_bytes(b"")
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all\n")
    assert main(["transcribe", str(text), "--speech-model", str(tmp_path / "model")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"pain-trainer: error: {text}: cannot be read as audio (") and err.count("\n") == 1


def test_without_the_extra_transcribe_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_extra(name, *args, **kwargs):
        if name.split(".")[0] == "faster_whisper":
            raise ImportError("No module named 'faster_whisper'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_extra)
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"RIFF")
    assert main(["transcribe", str(wav)]) == 1
    assert capsys.readouterr().err == (
        "pain-trainer: error: transcription needs the speech extra: pip install 'pain-trainer[speech]'\n"
    )


def test_speech_options_count_before_or_after_the_subcommand():
    args = parse_args(["--keep-audio", "interview", "--speech-model", "base.en"])
    assert args.keep_audio is True and args.speech_model == "base.en"
    args = parse_args(["interview", "--keep-audio"])
    assert args.keep_audio is True and not hasattr(args, "speech_model")
    assert not hasattr(parse_args([]), "keep_audio")


def test_help_lists_transcribe(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "transcribe" in capsys.readouterr().out


def test_default_start_up_and_an_interview_import_nothing_of_the_speech_extra(tmp_path):
    """--help, and the TUI opening a typed interview, load none of the extra's modules."""
    code = textwrap.dedent(f"""
        import asyncio, contextlib, sys
        from trainer.cli import main
        with contextlib.suppress(SystemExit):
            main(["--help"])
        with contextlib.suppress(SystemExit):
            main(["transcribe", "--help"])
        from trainer.banks import default_sources, load_all
        from trainer.history.store import Store
        from trainer.tui import flows
        from trainer.tui.app import TrainerApp
        from trainer.cli import _speech
        import argparse

        async def run():
            store = Store.open({str(tmp_path)!r})
            speech = _speech(argparse.Namespace(keep_audio=True, data_dir={str(tmp_path)!r}))
            app = TrainerApp(load_all(default_sources(None)), store, speech=speech)
            async with app.run_test() as pilot:
                assert flows.start_interview(app)
                await pilot.pause()
                await pilot.press("enter", "t", "e", "a", "m")
                await pilot.pause()
            store.close()

        asyncio.run(run())
        print([m for m in {SPEECH_MODULES!r} if m in sys.modules])
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
