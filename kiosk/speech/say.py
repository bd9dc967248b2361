"""A topic's whole speech script, and ``kiosk say``: that script written to one WAV file.

Owns the order in which a topic is read aloud (title, summary, each page with its position,
then each "More about..." section's title and pages, then the red flags; K-S1 visible order)
and joining per-sentence WAVs into one file with the ``wave`` module, so staff can hear a
topic without a kiosk and CI can check real audio.
"""

from __future__ import annotations

import sys
import tempfile
import wave
from pathlib import Path

from kiosk.content.model import Page, Topic
from kiosk.host import exit_codes
from kiosk.speech.engine import EngineUnavailable, SynthesisError, Synthesizer
from kiosk.speech.text import speakable, split_sentences
from kiosk.speech.utterance import Utterance
from kiosk.words import ui_words
from kiosk.words.i18n import tr

__all__ = ["say_command", "say_topic_to_wav", "topic_script"]

def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:;" else text + "."


def topic_script(topic: Topic) -> list[Utterance]:
    """Everything a topic shows, as speech items in reading order."""
    lang = topic.language
    items = [Utterance(_sentence(speakable(topic.title)), lang), Utterance(_sentence(speakable(topic.summary)), lang)]
    items += _pages_script(topic.pages, lang)
    for section in topic.more:  # as the contents lists them: after the core, each under its title
        items.append(Utterance(_sentence(speakable(section.title)), lang))
        items += _pages_script(section.pages, lang)
    flags = " ".join(f"{_sentence(speakable(f.symptom))} {_sentence(speakable(f.action))}" for f in topic.red_flags)
    items.append(Utterance(f"{tr(lang, ui_words.GET_HELP_IF)} {flags}", lang))
    return items


def _pages_script(pages: list[Page], lang: str) -> list[Utterance]:
    """Pages as the kiosk reads them: "Page 2 of 6.", the heading, the body."""
    out = []
    for n, page in enumerate(pages, start=1):
        number = tr(lang, ui_words.PAGE_OF_SPOKEN, n=n, total=len(pages))
        out.append(Utterance(f"{number} {_sentence(speakable(page.heading))} {speakable(page.body)}", lang))
    return out


def say_topic_to_wav(topic: Topic, out_path: Path | str, *, rate_wpm: int, language: str,
                     voices: dict[str, str], synthesizer: Synthesizer | None = None) -> float:
    """Synthesise the topic sentence by sentence and join it into one WAV; returns seconds.

    Raises :class:`~kiosk.speech.engine.SynthesisError` (or ``EngineUnavailable``).
    """
    synth = synthesizer or Synthesizer()
    voice = voices.get(language) or voices.get(language.split("-")[0])
    sentences = [s for item in topic_script(topic) for s in split_sentences(item.text)]
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-say-") as tmp:
            parts = [Path(tmp) / f"{i}.wav" for i in range(len(sentences))]
            for sentence, part in zip(sentences, parts, strict=True):
                synth.synthesize(sentence, part, rate=rate_wpm, volume=1.0, voice=voice, language=language)
            return _join_wavs(parts, Path(out_path))
    finally:
        if synthesizer is None:
            synth.close()


def _join_wavs(parts: list[Path], out_path: Path) -> float:
    """Concatenate WAVs of the same format into ``out_path``; returns its length in seconds."""
    with wave.open(str(parts[0]), "rb") as first:
        params = first.getparams()
    frames = 0
    with wave.open(str(out_path), "wb") as out:
        out.setparams(params)
        for part in parts:
            with wave.open(str(part), "rb") as wav:
                frames += wav.getnframes()
                out.writeframes(wav.readframes(wav.getnframes()))
    return frames / params.framerate


def say_command(args) -> int:
    """``kiosk say TOPIC --out FILE.wav [--rate WPM] [--language es] [--content DIR]`` (``--lang`` too).

    Exit codes: 0 written, 2 content problem or unknown topic, 3 speech engine unavailable.
    """
    from kiosk.content.loader import load_library

    result = load_library(args.content)
    if result.library is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"cannot read the content in {args.content}", file=sys.stderr)
        return exit_codes.CONTENT
    library = result.library
    lang = args.lang or "en"
    try:
        topic = library.topic(args.topic, lang)
    except KeyError:
        known = ", ".join(sorted({t.id for t in library.topics if t.language == lang})) or "none"
        print(f"unknown topic {args.topic!r} in language {lang!r}; known: {known}", file=sys.stderr)
        return exit_codes.CONTENT
    speech = library.settings.speech
    rate = args.rate if args.rate is not None else speech.rate_steps[speech.default_rate_step]
    try:
        seconds = say_topic_to_wav(topic, args.out, rate_wpm=rate, language=lang, voices=dict(speech.voices))
    except EngineUnavailable as exc:
        print(f"speech engine unavailable: {exc}", file=sys.stderr)
        return exit_codes.SPEECH_UNAVAILABLE
    except SynthesisError as exc:
        print(f"speech failed: {exc}", file=sys.stderr)
        return exit_codes.SPEECH_UNAVAILABLE
    print(f"wrote {args.out}: {seconds:.1f} s of speech ({topic.id}, {lang}, {rate} words a minute)")
    return exit_codes.OK
