"""SpeechService with the real synthesiser and a killable fake player; RecordingSpeech basics.

The player is :class:`NullSinkPlayer`: a real child process that "plays" each WAV by sleeping
for its length (CI has no sound card). Timeouts only guard against hangs; latency is measured
in bench/, not asserted here.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from kiosk.content.settings import SpeechSettings
from kiosk.speech import engine
from kiosk.speech.engine import Synthesizer, library_problem
from kiosk.speech.player import NullSinkPlayer, ProcessPlayer
from kiosk.speech.recording import RecordingSpeech
from kiosk.speech.service import SpeechService
from kiosk.speech.utterance import Utterance

LONG = "This is a long sentence about calf cramps that takes several seconds to read out loud, slowly and clearly"


def wait_until(condition, timeout: float = 10.0, what: str = "condition") -> None:
    """Poll until ``condition()`` is true; the timeout only guards against a hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def children() -> set[int]:
    """Pids of this process's children, read from /proc (no psutil)."""
    me = str(os.getpid())
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            out.add(int(stat.parent.name))
    return out


@pytest.fixture
def require_engine():
    """Real-engine tests skip without libespeak-ng locally, but fail in CI (CI=true)."""
    problem = library_problem()
    if problem:
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(f"CI must install the speech engine: {problem}")
        pytest.skip(f"speech engine missing: {problem}")


@pytest.fixture
def make_service(require_engine):
    made: list[SpeechService] = []

    def make(*, speed: float = 1.0, **kwargs) -> tuple[SpeechService, NullSinkPlayer]:
        player = NullSinkPlayer(speed=speed)
        kwargs.setdefault("synthesizer", Synthesizer(timeout=20))
        service = SpeechService(SpeechSettings(enabled_at_start=True), player=player, **kwargs)
        made.append(service)
        return service, player

    yield make
    for service in made:
        service.close()


def wait_playing(player: NullSinkPlayer, count: int = 1):
    wait_until(lambda: len(player.played) >= count and player.played[count - 1].handle.running(),
               what=f"clip {count} to play")
    return player.played[count - 1]


def test_stop_cuts_off_playback_at_once_K_S4(make_service):
    service, player = make_service()
    service.speak([Utterance(LONG + ". " + LONG + "."), Utterance("Never reached.")])
    clip = wait_playing(player)
    assert service.busy
    service.stop()
    assert clip.cut_off
    wait_until(lambda: not alive(clip.pid), what="player process gone")
    wait_until(lambda: not service.busy, what="busy false")
    assert clip.handle.returncode == -signal.SIGTERM
    time.sleep(0.3)  # nothing queued before the stop may start afterwards
    assert player.labels == [clip.label]


def test_new_speech_replaces_current_speech_K_S4(make_service):
    service, player = make_service(speed=4)
    service.speak(Utterance(LONG + ". " + LONG + "."))
    first = wait_playing(player)
    service.speak(Utterance("New screen."))
    assert first.cut_off
    wait_until(lambda: player.labels[-1:] == ["New screen."], what="new screen spoken")
    wait_until(lambda: not service.busy)
    assert player.labels == [first.label, "New screen."]


class KeyAtLaunch(NullSinkPlayer):
    """The player boundary, with a key landing at the worst moment: the
    speech thread has made the WAV of ``sentence`` and hands it to the player; before the player
    can make a sound, the UI thread (a thread of its own here) cuts speech off with ``cancel``
    and returns. The player then starts as it would."""

    def __init__(self, sentence: str, cancel) -> None:
        super().__init__(speed=8)
        self.sentence = sentence
        self.cancel = cancel
        self.cancelled = threading.Event()
        self.launched = None  # the handle of that sentence's player

    def play(self, path: Path, *, label: str = ""):
        key_lands = label == self.sentence and not self.cancelled.is_set()
        if key_lands:
            ui = threading.Thread(target=self.cancel, name="ui")
            ui.start()
            ui.join(timeout=10)
            self.cancelled.set()
        handle = super().play(path, label=label)
        if key_lands:
            self.launched = handle
        return handle


@pytest.mark.parametrize("cancel", ["new screen", "key"])
def test_no_sentence_of_a_cut_off_script_plays_after_the_cut_K_S4(require_engine, cancel):
    """A key lands between two sentences, while the next one is being handed to the player:
    that sentence (queued under the old script) must never start, not even for a few ms."""
    old = "Calf cramps come at night."
    services: list[SpeechService] = []

    def cut() -> None:
        if cancel == "key":
            services[0].stop()
        else:
            services[0].speak(Utterance("New screen."))

    player = KeyAtLaunch("Press 1 to read more.", cut)
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=player, synthesizer=Synthesizer(timeout=20))
    services.append(service)
    try:
        service.speak([Utterance(old), Utterance("Press 1 to read more.")])
        wait_until(lambda: player.launched is not None and not player.launched.running(),
                   what="the old sentence's player to be dealt with")
        wait_until(lambda: not service.busy, what="speech to end")
        expected = [old, "New screen."] if cancel == "new screen" else [old]
        if cancel == "new screen":
            wait_until(lambda: player.labels[-1:] == ["New screen."], what="the new screen spoken")
        assert player.labels == expected  # "Press 1 to read more." never made a sound
    finally:
        service.close()


def test_pause_and_resume_replay_the_cut_sentence_K_S3(make_service):
    service, player = make_service(speed=4)
    service.speak(Utterance(LONG + ". Second sentence."))
    clip = wait_playing(player)
    assert service.pause() and service.paused
    assert clip.cut_off and not service.busy
    time.sleep(0.2)
    assert len(player.played) == 1  # nothing plays while paused
    assert service.toggle_pause() is False  # resumes
    wait_until(lambda: player.labels[-1:] == ["Second sentence."], what="second sentence")
    assert player.labels == [clip.label, clip.label, "Second sentence."]


def test_repeat_replays_the_most_recent_item_K_S3(make_service):
    service, player = make_service(speed=8)
    service.speak([Utterance("Calf cramps."), Utterance("Press 1 to start.")])
    wait_until(lambda: len(player.played) == 2 and not service.busy, what="script spoken")
    assert service.repeat()
    wait_until(lambda: len(player.played) == 3 and not service.busy, what="repeat spoken")
    assert player.labels == ["Calf cramps.", "Press 1 to start.", "Press 1 to start."]


def test_repeat_screen_replays_the_whole_script_K_S3(make_service):
    service, player = make_service(speed=8)
    service.speak([Utterance("Calf cramps."), Utterance("Press 1 to start.")])
    wait_until(lambda: len(player.played) == 2 and not service.busy)
    service.speak(Utterance("2 of 5: Calf."), screen=False)  # a highlight does not replace the screen (K-S5)
    wait_until(lambda: len(player.played) == 3 and not service.busy)
    assert service.repeat_screen()
    wait_until(lambda: len(player.played) == 5 and not service.busy, what="screen repeated")
    assert player.labels[3:] == ["Calf cramps.", "Press 1 to start."]


def test_rate_and_volume_steps_clamp_and_reset_restores_defaults_K_S6_K_S12_K_P1(make_service):
    settings = SpeechSettings(enabled_at_start=True)
    service, _ = make_service()
    assert [service.rate_up() for _ in range(10)][-1] == len(settings.rate_steps) - 1
    assert service.rate == settings.rate_steps[-1]
    assert [service.rate_down() for _ in range(10)][-1] == 0
    assert [service.volume_up() for _ in range(10)][-1] == len(settings.volume_steps) - 1
    assert [service.volume_down() for _ in range(10)][-1] == 0
    assert service.volume == settings.volume_steps[0]
    service.set_language("es")
    service.set_enabled(False)
    service.last_screen = (Utterance("Private answer."),)
    service.reset_to_defaults()
    assert (service.rate_step, service.volume_step) == (settings.default_rate_step, settings.default_volume_step)
    assert (service.enabled, service.language) == (True, "en")
    assert service.last_item is None and service.last_screen == ()


def test_slower_rate_step_gives_longer_clips_K_S12(make_service):
    service, player = make_service(speed=20)
    for _ in range(5):
        service.rate_down()
    service.speak(Utterance("Stretch your calf gently."))
    wait_until(lambda: len(player.played) == 1 and not service.busy)
    for _ in range(10):
        service.rate_up()
    service.speak(Utterance("Stretch your calf gently."))
    wait_until(lambda: len(player.played) == 2 and not service.busy)
    slow, fast = player.played
    assert fast.seconds < 0.75 * slow.seconds


def test_reset_stops_speech_and_wipes_audio_files_K_P1(make_service):
    service, player = make_service()
    service.speak(Utterance(LONG + "."))
    clip = wait_playing(player)
    audio_dir = service._audio_dir
    assert list(audio_dir.glob("*.wav"))  # the clip being played is a private file
    service.reset_to_defaults()
    assert clip.cut_off
    wait_until(lambda: not service.busy and not list(audio_dir.glob("*.wav")), what="audio files removed")
    service.close()
    assert not audio_dir.exists()


def test_busy_while_playing_and_state_reported_from_speech_thread_K_T2(make_service):
    states: list[tuple[bool, str]] = []
    service, player = make_service(speed=4,
                                   on_state=lambda busy: states.append((busy, threading.current_thread().name)))
    assert not service.busy
    service.speak(Utterance("Hello there."))
    clip = wait_playing(player)
    assert service.busy
    wait_until(lambda: not clip.handle.running() and not service.busy, what="clip to end")
    wait_until(lambda: len(states) >= 2)
    assert states == [(True, "kiosk-speech"), (False, "kiosk-speech")]


def test_hung_synthesiser_is_restarted_and_speech_continues(make_service):
    errors: list[str] = []
    synth = Synthesizer(timeout=1.5, test_hooks=True)
    service, player = make_service(speed=8, synthesizer=synth, on_error=errors.append)
    wait_until(lambda: synth.pid is not None, what="engine start")
    hung = synth.pid
    service.speak([Utterance("TESTHANG now."), Utterance("Hello after the hang.")])
    t0 = time.monotonic()
    service.stop()  # the UI is never held up by a hung engine
    service.speak([Utterance("TESTHANG now."), Utterance("Hello after the hang.")])
    assert time.monotonic() - t0 < 1.0  # generous guard: the hang itself lasts 1.5 s
    wait_until(lambda: player.labels == ["Hello after the hang."], timeout=20, what="speech after the hang")
    assert any("did not answer" in e for e in errors)
    assert not alive(hung) and synth.pid not in (None, hung)


def test_killed_synthesiser_is_restarted(make_service):
    service, player = make_service(speed=8)
    synth = service._synth
    service.speak(Utterance("Warm up."))
    wait_until(lambda: len(player.played) == 1 and not service.busy)
    os.kill(synth.pid, signal.SIGKILL)
    service.speak(Utterance("Still talking."))
    wait_until(lambda: player.labels[-1:] == ["Still talking."], what="speech after the kill")
    assert synth.starts == 2


def test_protected_emergency_message_outlasts_a_key_press_K_S4(make_service):
    service, player = make_service(protect_seconds=2.5)
    service.speak(Utterance(LONG + ".", protected=True))
    clip = wait_playing(player)
    service.stop()
    assert clip.handle.running() and not clip.cut_off and service.busy
    wait_until(lambda: clip.cut_off and not service.busy, what="cut when the protection ends")
    assert len(player.played) == 1


def test_reset_cuts_even_a_protected_message_K_P1(make_service):
    service, player = make_service(protect_seconds=30)
    service.speak(Utterance(LONG + ".", protected=True))
    clip = wait_playing(player)
    service.reset_to_defaults()
    assert clip.cut_off


def test_disabled_speech_says_nothing_but_remembers_the_screen_K_S2(make_service):
    service, player = make_service()
    service.set_enabled(False)
    service.speak([Utterance("Home screen.")])
    assert not service.busy and service.last_screen == (Utterance("Home screen."),)
    assert not service.repeat_screen()
    service.set_enabled(True)
    assert service.repeat_screen()
    wait_until(lambda: player.labels == ["Home screen."])


def test_close_leaves_no_thread_and_no_child_process(require_engine):
    before_threads = set(threading.enumerate())
    before_children = children()
    player = NullSinkPlayer()
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=player)
    service.speak(Utterance(LONG + "."))
    clip = wait_playing(player)
    synth_pid = service._synth.pid
    service.close()
    service.close()  # twice is fine
    assert set(threading.enumerate()) == before_threads
    assert not alive(clip.pid) and not alive(synth_pid)
    assert children() == before_children


def test_an_unstarted_service_runs_nothing_until_started_or_asked_to_speak(make_service):
    """``kiosk run`` makes its service unstarted: the speech thread and the engine child took
    the interpreter and a core from the first screen; the app starts them once it is drawn.
    Something said before that starts them itself."""
    before = set(threading.enumerate())
    service, player = make_service(start=False)
    assert set(threading.enumerate()) == before and service._synth.pid is None
    service.start()
    wait_until(lambda: service.status.startswith("speech ready"), what="engine ready")
    service.start()  # again: nothing more
    assert len(set(threading.enumerate()) - before) == 1
    other, other_player = make_service(start=False)
    other.speak(Utterance("Said before the start."))
    wait_playing(other_player)


async def test_the_app_starts_its_speech_once_the_first_screen_is_drawn(make_service):
    from kiosk.content.content_path import load_content
    from kiosk.ui.app import KioskApp
    from kiosk.visit.usage import UsageLog
    from tests.app.waits import settle

    service, _ = make_service(start=False)
    library = load_content(Path(__file__).resolve().parents[2] / "content").library
    app = KioskApp(library, speech=service, usage=UsageLog(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert service._thread is not None and service._thread.is_alive()


def test_missing_engine_makes_speech_a_no_op_with_a_reason(monkeypatch):
    monkeypatch.setattr(engine, "library_problem", lambda: "libespeak-ng is not installed")
    errors: list[str] = []
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=NullSinkPlayer(), on_error=errors.append)
    try:
        service.speak(Utterance("Hello."))
        wait_until(lambda: not service.available, what="engine reported missing")
        assert "libespeak-ng is not installed" in service.status
        assert not service.busy
        service.speak(Utterance("Still nothing."))
        service.stop()
        assert not service.busy
        assert errors and "unavailable" in errors[0]
    finally:
        service.close()
    assert not service.thread.is_alive()


def test_missing_player_makes_speech_a_no_op_at_once():
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=ProcessPlayer(["no-such-player-xyz"]))
    try:
        assert not service.available and "no audio player found" in service.status
        assert service.thread is None
        service.speak(Utterance("Hello."))
        assert not service.busy
    finally:
        service.close()


def test_process_player_never_uses_the_terminal():
    """Players run with stdin/stdout/stderr on /dev/null, so ALSA errors can't draw over the UI
    (before it starts, the gated child's stdin is the kiosk's own pipe, never the terminal)."""
    player = ProcessPlayer(["sleep"])  # "sleep 5" stands in for paplay/aplay
    handle = player.play(Path("5"))
    try:
        fds = [os.readlink(f"/proc/{handle.pid}/fd/{n}") for n in (0, 1, 2)]
        assert fds[0].startswith("pipe:") and fds[1:] == ["/dev/null", "/dev/null"]
        handle.start()
        wait_until(lambda: os.readlink(f"/proc/{handle.pid}/exe").endswith("/sleep"), what="the player to start")
        fds = [os.readlink(f"/proc/{handle.pid}/fd/{n}") for n in (0, 1, 2)]
        assert fds == ["/dev/null"] * 3
    finally:
        handle.stop()
        assert handle.reap() == -signal.SIGTERM


def test_a_player_stopped_before_it_starts_never_plays():
    """The gated child makes no sound until start(): stopped first, the player never runs."""
    player = ProcessPlayer(["sleep"])
    handle = player.play(Path("5"))
    handle.stop()
    handle.start()  # too late: a stopped clip stays silent
    assert handle.reap() in (0, -signal.SIGTERM) and not handle.started
    assert handle.stopped


def test_a_failing_player_falls_back_to_the_next_and_replays_the_sentence(require_engine):
    """paplay with no sound server exits 1 at once; the next installed player gets the sentence."""
    errors: list[str] = []
    player = ProcessPlayer(candidates=(("false",), ("true",)))
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=player, on_error=errors.append)
    try:
        service.speak(Utterance("Hello."))
        wait_until(lambda: player.name == "true" and not service.busy, what="fall back to the next player")
        assert errors == ["speech: audio player false failed (exit 1); trying true"]
        assert "player true" in service.status
    finally:
        service.close()


# -- RecordingSpeech ---------------------------------------------------------------------


def test_recording_speech_records_what_would_be_spoken_K_S1():
    speech = RecordingSpeech(SpeechSettings(enabled_at_start=True))
    speech.speak([Utterance("Calf cramps."), Utterance("Press 1.")])
    assert speech.texts == ["Calf cramps.", "Press 1."]
    assert speech.repeat() and speech.texts[-1] == "Press 1."
    assert speech.repeat_screen() and speech.texts[-2:] == ["Calf cramps.", "Press 1."]
    speech.stop()
    assert speech.actions[-1] == "stop"


def test_recording_speech_honours_enabled_and_steps_K_S6_K_S12_K_P1():
    settings = SpeechSettings()
    speech = RecordingSpeech(settings)
    speech.speak(Utterance("Quiet attract screen."))
    assert speech.spoken == []  # off by default (K-S11)
    speech.set_enabled(True)
    speech.volume_up(), speech.rate_down(), speech.set_language("es")
    speech.speak(speech.utter("Hola."))
    assert speech.spoken == [Utterance("Hola.", "es")]
    speech.reset_to_defaults()
    assert (speech.enabled, speech.rate_step, speech.volume_step, speech.language) == (
        False, settings.default_rate_step, settings.default_volume_step, "en")
    assert speech.last_item is None and speech.last_screen == ()


def test_recording_speech_hold_keeps_it_busy_until_stopped_K_T2():
    speech = RecordingSpeech(SpeechSettings(enabled_at_start=True), hold=True)
    speech.speak(Utterance("Reading."))
    assert speech.busy
    assert speech.toggle_pause() is True and not speech.busy
    assert speech.toggle_pause() is False and speech.busy
    speech.stop()
    assert not speech.busy
    speech.speak(Utterance("Again."))
    speech.finish()
    assert not speech.busy


def test_protection_covers_the_emergency_message_not_each_of_its_lines_K_S4(make_service):
    """All lines of the emergency screen are protected together, for protect_seconds in all."""
    service, player = make_service(protect_seconds=2.5)  # "Get help now." lasts about 1 s
    lines = [Utterance("Get help now.", protected=True), Utterance(LONG + ". " + LONG + ".", protected=True)]
    service.speak(lines)
    wait_playing(player)
    service.stop()  # within the protection: the message goes on for now
    wait_until(lambda: len(player.played) >= 2, what="second protected line starts")
    second = player.played[1]
    assert second.label.startswith("This is a long sentence")
    wait_until(lambda: second.cut_off and not service.busy, what="cut when the protection ends")
    assert len(player.played) == 2  # the rest of the message was dropped with it


def test_engine_false_is_a_silent_no_op():
    service = SpeechService(SpeechSettings(enabled_at_start=True), player=NullSinkPlayer(), engine=False)
    try:
        service.speak(Utterance("Hello."))
        assert not service.busy and service.thread is None and not service.available
        assert "--speech none" in service.status
    finally:
        service.close()


def test_forced_speech_is_spoken_while_speech_is_off_K_S7():
    speech = RecordingSpeech(SpeechSettings(enabled_at_start=False))
    speech.speak(Utterance("Your answers: calf."), screen=False, force=True)
    assert speech.texts == ["Your answers: calf."]
    speech.speak(Utterance("Not forced."))
    assert speech.texts == ["Your answers: calf."]


def test_installed_voices_are_listed_for_staff_once_the_engine_has_started(require_engine):
    """Staff mode's speech test shows which voices exist; asking never blocks."""
    from kiosk.speech.engine import Synthesizer

    synth = Synthesizer()
    try:
        assert synth.known_voices() == []  # not started: nothing known, and no start forced
        assert synth.available()[0]
        ids = [v.id for v in synth.known_voices()]
        assert any(i.startswith("roa/es") for i in ids) and any(i.startswith("gmw/en") for i in ids)
    finally:
        synth.close()


def test_plus_repeats_the_sentence_being_said_and_goes_on_K_S3(make_service):
    """"+" in the middle of a page says that sentence again, then the rest of the page: it
    does not stop the page (K-S3)."""
    service, player = make_service(speed=4)
    service.speak([Utterance(LONG + "."), Utterance("Second sentence.")])
    clip = wait_playing(player)
    assert service.repeat()
    assert clip.cut_off
    wait_until(lambda: player.labels[-1:] == ["Second sentence."] and not service.busy, what="the page to go on")
    assert player.labels == [clip.label, clip.label, "Second sentence."]


def test_recording_speech_repeat_while_speaking_goes_on_K_S3():
    speech = RecordingSpeech(SpeechSettings(enabled_at_start=True), hold=True)
    speech.speak([Utterance("First."), Utterance("Second.")])
    assert speech.repeat()
    assert speech.texts == ["First.", "Second.", "First."]
    assert speech.pending_texts == ["First.", "Second."]  # the page goes on after it


class CountingSynthesizer(Synthesizer):
    """The real synthesiser, counting the sentences it was asked for."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.asked: list[str] = []

    def synthesize(self, text, path, **kwargs):
        self.asked.append(text)
        return super().synthesize(text, path, **kwargs)


def test_a_sentence_said_again_in_the_visit_is_not_synthesised_again(make_service):
    """A topic's title starts each of its pages: the second time it plays at once, from the
    visit's clip cache, sounding the same; another rate is synthesised anew; a reset forgets
    every kept clip (K-P1), and no clip file outlives its playing."""
    synth = CountingSynthesizer(timeout=20)
    service, player = make_service(speed=20, synthesizer=synth)
    for count in (1, 2):
        service.speak(Utterance("Muscle cramps."))
        wait_until(lambda count=count: not service.busy and len(player.played) == count)
    assert synth.asked == ["Muscle cramps."]
    first, again = player.played
    assert again.seconds == first.seconds > 0
    service.rate_up()
    service.speak(Utterance("Muscle cramps."))
    wait_until(lambda: not service.busy and len(player.played) == 3)
    assert synth.asked == ["Muscle cramps.", "Muscle cramps."]
    assert player.played[2].seconds < first.seconds
    assert not list(service._audio_dir.glob("*.wav"))  # kept in memory, not on disk
    service.reset_to_defaults()
    assert len(service._clips) == 0
    service.speak(Utterance("Muscle cramps."))
    wait_until(lambda: not service.busy and len(player.played) == 4)
    assert len(synth.asked) == 3


def test_a_sentence_finished_after_a_reset_is_not_kept_for_the_next_visit_K_P1(make_service):
    """A reset while a sentence is being synthesised: that clip is thrown away, not kept, so the
    next person's "same sentence" is synthesised anew, never played from the last visit."""
    synth = CountingSynthesizer(timeout=20)
    service, player = make_service(speed=20, synthesizer=synth)
    rendering = threading.Event()
    release = threading.Event()
    real = synth.synthesize

    def slow(text, path, **kwargs):
        result = real(text, path, **kwargs)
        audio = Path(path).read_bytes()
        rendering.set()
        release.wait(10)  # the reset lands while this sentence is still "being synthesised"
        Path(path).write_bytes(audio)  # ...and the engine finishes writing it after the reset
        return result

    synth.synthesize = slow
    service.speak(Utterance("Your answer was yes."))
    assert rendering.wait(10)
    service.reset_to_defaults()
    release.set()
    wait_until(lambda: not service.busy and service._rendering is None, what="the cut sentence dropped")
    assert len(service._clips) == 0 and player.played == []
