"""Spoken answers (the optional ``speech`` extra): record from the microphone, transcribe offline.

Nothing here is imported at start-up: the interview screen and ``pain-trainer transcribe``
import it when asked to, and every heavy module (numpy, sounddevice, faster-whisper) is
imported inside the function that needs it, so a default install never loads them and an
install without the extra gets a one-line reason instead of an ImportError.

* ``audio``: the ``AudioSource`` protocol (the microphone, or a WAV file played as one in tests)
  and WAV reading/writing;
* ``recorder``: collects a source's samples, reports the level for the meter, and measures the
  loudness frames the delivery figures are computed from (``trainer.practice.delivery``);
* ``transcriber``: the ``Transcriber`` protocol and its faster-whisper implementation (model
  loaded on first use);
* ``kit``: what the interview screen is handed: why speech cannot be used here (if so), a
  microphone, a transcriber, where to keep recordings.
"""

EXTRA_HINT = "pip install 'pain-trainer[speech]'"


class SpeechUnavailable(Exception):
    """Why spoken answers cannot be used here, in one line a candidate can act on."""
