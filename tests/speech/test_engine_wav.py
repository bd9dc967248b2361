"""The real pyttsx3/espeak-ng engine writing WAV files (docs/SPEECH.md: tests never call ``say()``).

Each test synthesises to files and checks the audio itself: valid, not silent, longer for more
text, shorter when faster (K-S12), quieter at a lower volume (K-S6), in the right voice (K-S8).
Timeouts here only guard against hangs; speed is measured in bench/, not asserted.
"""

from __future__ import annotations

import argparse
import array
import datetime as dt
import math
import os
import signal
import wave
from pathlib import Path

import pytest

from kiosk.content.model import Page, RedFlag, Review, ReviewStatus, Source, Topic
from kiosk.speech import engine
from kiosk.speech.engine import SynthesisError, Synthesizer, synthesize_to_file
from kiosk.speech.say import say_command, say_topic_to_wav, topic_script
from kiosk.speech.text import split_sentences

pytestmark = pytest.mark.speech_engine

SENTENCE = "The quick brown fox jumps over the lazy dog."
SILENCE_RMS = 200  # espeak speech measured ~3000 at volume 1.0, ~1200 at 0.4


@pytest.fixture(scope="module")
def synth():
    s = Synthesizer(timeout=30)
    yield s
    s.close()


def read_wav(path: Path) -> tuple[wave._wave_params, array.array]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    return params, samples


def rms(samples: array.array) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def seconds(path: Path) -> float:
    params, _ = read_wav(path)
    return params.nframes / params.framerate


def test_engine_writes_valid_mono_16bit_wav_K_S1(synth, tmp_path):
    """Every screen's speech starts as a real WAV: mono, 16-bit, 22,050 Hz, with frames."""
    result = synth.synthesize(SENTENCE, tmp_path / "a.wav", rate=175)
    params, samples = read_wav(tmp_path / "a.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    assert params.nframes == result.frames > 0
    assert result.seconds == pytest.approx(params.nframes / 22050)


def test_engine_audio_is_not_silent(synth, tmp_path):
    synth.synthesize(SENTENCE, tmp_path / "a.wav")
    _, samples = read_wav(tmp_path / "a.wav")
    assert rms(samples) > SILENCE_RMS


def test_longer_text_gives_longer_audio(synth, tmp_path):
    synth.synthesize("Hello.", tmp_path / "short.wav")
    synth.synthesize(SENTENCE + " " + SENTENCE, tmp_path / "long.wav")
    assert seconds(tmp_path / "long.wav") > 2 * seconds(tmp_path / "short.wav")


def test_faster_rate_gives_shorter_audio_K_S12(synth, tmp_path):
    synth.synthesize(SENTENCE, tmp_path / "slow.wav", rate=120)
    synth.synthesize(SENTENCE, tmp_path / "fast.wav", rate=240)
    assert seconds(tmp_path / "fast.wav") < 0.75 * seconds(tmp_path / "slow.wav")


def test_lower_volume_gives_quieter_audio_K_S6(synth, tmp_path):
    synth.synthesize(SENTENCE, tmp_path / "quiet.wav", volume=0.4)
    synth.synthesize(SENTENCE, tmp_path / "loud.wav", volume=1.0)
    quiet, loud = rms(read_wav(tmp_path / "quiet.wav")[1]), rms(read_wav(tmp_path / "loud.wav")[1])
    assert SILENCE_RMS < quiet < 0.7 * loud


def test_spanish_text_gets_a_spanish_voice_K_S8(synth, tmp_path):
    """The configured Spanish voice is used; with none configured, the language picks one."""
    text = "Hola, la casa es grande."
    configured = synth.synthesize(text, tmp_path / "es.wav", voice="roa/es-419", language="es")
    assert configured.voice == "roa/es-419" and not configured.fallback
    by_language = synth.synthesize(text, tmp_path / "es2.wav", voice=None, language="es")
    assert by_language.voice.startswith("roa/es")
    english = synth.synthesize(text, tmp_path / "en.wav", voice="gmw/en-us", language="en")
    assert english.voice == "gmw/en-us"
    assert read_wav(tmp_path / "es.wav")[1] != read_wav(tmp_path / "en.wav")[1]


def test_unknown_voice_falls_back_and_does_not_hang_K_S8(tmp_path):
    """docs/SPEECH.md: an unknown voice id can hang espeak; ours is checked and replaced first."""
    synth = Synthesizer(timeout=20)  # guards against a hang; not a speed check
    try:
        result = synth.synthesize("Hola, buenos días.", tmp_path / "x.wav", voice="xx/no-such-voice", language="es")
        assert result.fallback and result.voice.startswith("roa/es")
        assert rms(read_wav(tmp_path / "x.wav")[1]) > SILENCE_RMS
        english = synth.synthesize("Hello.", tmp_path / "y.wav", voice="nope", language="en")
        assert english.fallback and english.voice.startswith("gmw/en")
    finally:
        synth.close()


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def test_hung_worker_is_killed_and_restarted(tmp_path):
    synth = Synthesizer(timeout=1.5, test_hooks=True)
    try:
        synth.synthesize("Warm up.", tmp_path / "w.wav")
        hung_pid = synth.pid
        with pytest.raises(SynthesisError, match="did not answer"):
            synth.synthesize("TESTHANG forever.", tmp_path / "h.wav")
        assert not _alive(hung_pid)
        result = synth.synthesize(SENTENCE, tmp_path / "after.wav")
        assert result.frames > 0 and synth.pid not in (None, hung_pid)
    finally:
        synth.close()


def test_killed_worker_is_restarted(tmp_path):
    synth = Synthesizer(timeout=20)
    try:
        synth.synthesize("Warm up.", tmp_path / "w.wav")
        dead = synth.pid
        os.kill(dead, signal.SIGKILL)
        result = synth.synthesize(SENTENCE, tmp_path / "after.wav")
        assert result.frames > 0 and synth.pid != dead and synth.starts == 2
    finally:
        synth.close()


def test_worker_output_goes_to_its_log_not_the_terminal(tmp_path):
    """pyttsx3 print()s "Audio saved to ..." on stdout: it must land in the log, never the screen."""
    log = tmp_path / "worker.log"
    synth = Synthesizer(log_path=log)
    try:
        synth.synthesize(SENTENCE, tmp_path / "a.wav")  # a stray line on the protocol pipe would break this
    finally:
        synth.close()
    assert "Audio saved to" in log.read_text()


def test_engine_reports_voices_and_availability(synth):
    ok, reason = synth.available()
    ids = {v.id for v in synth.voices()}
    assert ok and "voices" in reason
    assert {"gmw/en-us", "roa/es", "roa/es-419"} <= ids


def test_synthesize_to_file_one_shot(tmp_path):
    result = synthesize_to_file(SENTENCE, tmp_path / "one.wav", rate=200)
    assert result.frames > 0 and seconds(tmp_path / "one.wav") == pytest.approx(result.seconds)


def small_topic(language: str = "en") -> Topic:
    return Topic(
        id="calf-cramp", language=language, title="Calf cramps", summary="Why cramps happen.",
        pages=[Page(heading="What is a cramp?", body="A cramp is a **tight** muscle.\n\n- Stretch it.\n- Drink water."),
               Page(heading="When to call", body="Call 911 if you cannot breathe.")],
        red_flags=[RedFlag(symptom="Chest pain", action="Tell the front desk now.")],
        sources=[Source(title="Cramps", publisher="NHS")],
        review=Review(status=ReviewStatus.REVIEWED, by="Dr Test", on=dt.date(2025, 1, 1)),
    )


def test_say_topic_writes_one_wav_as_long_as_its_sentences_K_S1(synth, tmp_path):
    topic = small_topic()
    out = tmp_path / "topic.wav"
    total = say_topic_to_wav(topic, out, rate_wpm=200, language="en", voices={"en": "gmw/en-us"}, synthesizer=synth)
    params, samples = read_wav(out)
    assert (params.nchannels, params.sampwidth) == (1, 2)
    assert total == pytest.approx(params.nframes / params.framerate)
    assert rms(samples) > SILENCE_RMS
    parts = 0.0
    for i, sentence in enumerate(s for item in topic_script(topic) for s in split_sentences(item.text)):
        parts += synth.synthesize(sentence, tmp_path / f"{i}.wav", rate=200, voice="gmw/en-us").seconds
    assert total == pytest.approx(parts, rel=0.1)


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "content"


def say_args(topic: str, out: Path, content: Path, rate: int | None = None, lang: str = "en") -> argparse.Namespace:
    return argparse.Namespace(topic=topic, out=out, rate=rate, lang=lang, content=content)


def test_say_command_writes_the_topic_wav(tmp_path, capsys):
    out = tmp_path / "demo.wav"
    assert say_command(say_args("demo", out, FIXTURES / "valid")) == 0
    params, samples = read_wav(out)
    assert params.nframes > 0 and rms(samples) > SILENCE_RMS
    assert "wrote" in capsys.readouterr().out


def test_say_command_rate_changes_the_length_K_S12(tmp_path):
    assert say_command(say_args("demo", tmp_path / "slow.wav", FIXTURES / "valid", rate=120)) == 0
    assert say_command(say_args("demo", tmp_path / "fast.wav", FIXTURES / "valid", rate=240)) == 0
    assert seconds(tmp_path / "fast.wav") < 0.75 * seconds(tmp_path / "slow.wav")


def test_say_command_unknown_topic_or_bad_content_exits_2(tmp_path, capsys):
    assert say_command(say_args("no-such-topic", tmp_path / "x.wav", FIXTURES / "valid")) == 2
    assert "unknown topic 'no-such-topic'" in capsys.readouterr().err
    assert say_command(say_args("demo", tmp_path / "x.wav", FIXTURES / "broken" / "missing-title")) == 2
    assert "title" in capsys.readouterr().err
    assert not (tmp_path / "x.wav").exists()


def test_say_command_without_engine_exits_3(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engine, "library_problem", lambda: "libespeak-ng is not installed")
    assert say_command(say_args("demo", tmp_path / "x.wav", FIXTURES / "valid")) == 3
    assert "libespeak-ng is not installed" in capsys.readouterr().err
    assert not (tmp_path / "x.wav").exists()
