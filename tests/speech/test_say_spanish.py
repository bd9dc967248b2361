"""``kiosk say TOPIC --language es``: the bundled Spanish topic, in the Spanish voice.

Real pyttsx3/espeak-ng engine (skipped without it locally, failed in CI, see conftest.py).
"""

from __future__ import annotations

import array
import math
import wave
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.speech import say
from kiosk.speech.engine import Synthesizer

pytestmark = pytest.mark.speech_engine

SHIPPED = Path(__file__).resolve().parents[2] / "content"
SILENCE_RMS = 200


class VoiceSpy(Synthesizer):
    """The real engine, noting which voice said each sentence."""

    voices: list[tuple[str, bool]] = []

    def synthesize(self, text, path, **kwargs):
        result = super().synthesize(text, path, **kwargs)
        VoiceSpy.voices.append((result.voice, result.fallback))
        return result


def wav_facts(path: Path) -> tuple[float, float]:
    """Seconds and loudness (RMS) of a mono 16-bit WAV."""
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(params.nframes))
    return params.nframes / params.framerate, math.sqrt(sum(s * s for s in samples) / len(samples))


@pytest.fixture
def spy(monkeypatch):
    VoiceSpy.voices = []
    monkeypatch.setattr(say, "Synthesizer", VoiceSpy)
    return VoiceSpy


def test_kiosk_say_language_es_writes_the_spanish_topic_in_the_es_voice(spy, tmp_path, capsys):
    out = tmp_path / "es.wav"
    code = cli.main(["say", "muscle-spasms", "--language", "es", "--out", str(out), "--rate", "240",
                     "--content", str(SHIPPED)])
    assert code == 0, capsys.readouterr().err
    assert "(muscle-spasms, es," in capsys.readouterr().out
    seconds, loudness = wav_facts(out)
    assert seconds > 60 and loudness > SILENCE_RMS  # 22 pages: minutes of speech, not silence
    # kiosk.yaml names roa/es-419 for es; every sentence used it, none fell back to another voice
    assert spy.voices and {voice for voice, _ in spy.voices} == {"roa/es-419"}
    assert not any(fallback for _, fallback in spy.voices)


def test_the_old_lang_spelling_still_works_and_english_keeps_its_voice(spy, tmp_path):
    out = tmp_path / "en.wav"
    assert cli.main(["say", "muscle-spasms", "--lang", "en", "--out", str(out), "--rate", "240",
                     "--content", str(SHIPPED)]) == 0
    assert {voice for voice, _ in spy.voices} == {"gmw/en-us"}
