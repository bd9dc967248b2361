"""A blind listener's walk through the real kiosk in tmux, hearing only the speech log
(``--dev --speech-log``): arrival, the emergency page, the sound menu, changing an answer and
Finish (K-S13, K-S14). Every key is chosen by what was heard, never by the screen."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.terminal.journey import Ear, SizedKiosk, key_heard_for, spoken_choices
from tests.terminal.tmux_driver import BUNDLED_TOPIC, HOME_WORDS, TOPIC_TITLE, _in_ci

pytestmark = pytest.mark.terminal

HINT_EN = "To hear this screen, press slash."
HINT_ES = "Para oír esta pantalla, oprima barra."


@pytest.fixture
def listener(tmp_path):
    tmux = shutil.which("tmux")
    if tmux is None:
        if _in_ci():
            pytest.fail("tmux is not installed; the terminal tests must run in CI")
        pytest.skip("tmux is not installed")
    log = tmp_path / "heard.txt"
    workdir = tmp_path / "run"
    workdir.mkdir()
    kiosk = SizedKiosk(tmux, workdir, ["--dev", "--speech-log", str(log)], (80, 24)).start()
    try:
        kiosk.wait_for(HOME_WORDS)  # only to know the program started: nothing is read from it
        yield kiosk, Ear(log)
    finally:
        kiosk.stop()


def test_a_listener_hears_how_to_start_and_every_change_of_state(listener):
    kiosk, ear = listener
    # arrival: any first key tells, in both languages, how to turn speech on
    kiosk.key("+")
    heard = ear.hear(lambda h: HINT_ES in h, "how to turn speech on")
    assert heard == [HINT_EN, HINT_ES]
    kiosk.key("/")
    heard = ear.hear(lambda h: "Speech is on." in h and any(line.startswith("Press ") for line in h), "home")
    assert heard[0] == "Speech is on."
    # the emergency page: "Get help now" and its first step before anything else
    kiosk.key("*")
    heard = ear.hear(lambda h: any("Press 0." in line for line in h), "the emergency page")
    assert heard[:2] == ["Get help now", "Tell the front desk now."], heard
    assert not any("Chest pain" in line for line in heard)  # the banner is not read first
    kiosk.key(key_heard_for(heard, r"^Back$") or "0")
    ear.hear(lambda h: any(line.startswith("Press ") for line in h), "home again")
    # the sound menu: a step says what changed; "Read again" ends with the menu's own keys
    kiosk.key(".")
    heard = ear.hear(lambda h: "Back." in h, "the sound menu")
    kiosk.key(key_heard_for(heard, r"^Faster$"))
    heard = ear.hear(lambda h: any(line.startswith("Volume") for line in h), "faster")
    assert heard == ["Speed 4 of 5.", "Volume 3 of 4."]
    kiosk.key(key_heard_for(ear.lines(), r"^Read the last screen again$"))
    heard = ear.hear(lambda h: h[-2:] == ["Back.", "Press 0."], "read again, then the menu's keys")
    assert "Choose a topic." in heard
    menu = heard[heard.index("Sound and speech."):]
    assert key_heard_for(menu, r"^Slower$") == "2"
    assert f"{TOPIC_TITLE}." not in heard  # home's keys are not offered where they do not work
    kiosk.key("0")
    heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "home again")
    # Finish: heard that the answers are cleared, then quiet
    kiosk.key(key_heard_for(heard, r"^Finish"))  # nothing answered yet: no "are you sure?"
    heard = ear.hear(lambda h: "Speech is off." in h, "the reset")
    assert heard[-2:] == ["Your visit is over and your answers are cleared.", "Speech is off."], heard
    assert ear.lines().count(HINT_EN) == 1  # said once in that visit
    assert spoken_choices(heard) == []  # nothing offered after: the next person starts in quiet


SAFE = r"^(No, none of these|No|Not sure)$"
#: The help staff wrote on the bundled topic's multi-choice questions (read from the file).
MULTI_CHOICE_HELP = {q["help"] for q in BUNDLED_TOPIC["flow"]["questions"]
                     if q.get("kind") == "multi" and q.get("help")}


def answer_by_ear(kiosk, ear, heard: list[str]) -> list[str]:
    """Answer each question by what was heard (a safe answer; on pick-all questions the first,
    then Done) until the review is heard; returns what the review said."""
    for _ in range(40):
        if "Your answers are on the screen." in heard:
            return heard
        choices = spoken_choices(heard)
        labels = [label for label, _ in choices]
        safe = [key for label, key in choices if re.match(SAFE, label)]
        if "Done" in labels:
            assert sum("Done: press 9." in line for line in heard) == 1, heard  # the Done line, once
            if any(line in MULTI_CHOICE_HELP for line in heard):  # staff's help is said: the kiosk's own not again
                assert not any("Choose all that apply" in line for line in heard), heard
            kiosk.key(choices[0][1])
            ear.hear(lambda h: any("chosen" in line.lower() for line in h), "the answer ticked")
            kiosk.key(dict(choices)["Done"])
        else:
            kiosk.key(safe[0] if safe else choices[0][1])
        heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "the next question")
    raise AssertionError("the questions never ended")


def test_a_listener_changes_an_answer_and_hears_it_before_and_after(listener):
    kiosk, ear = listener
    kiosk.key("/")
    heard = ear.hear(lambda h: "Speech is on." in h and any(line.startswith("Press ") for line in h), "home")
    for _ in range(40):
        if any(line.startswith("Question 1 of") for line in heard):
            break
        key = (key_heard_for(heard, r"question") or key_heard_for(heard, r"^Next$")
               or key_heard_for(heard, f"^{re.escape(TOPIC_TITLE)}$"))
        assert key is not None, heard
        kiosk.key(key)
        heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "the next screen")
    heard = answer_by_ear(kiosk, ear, heard)
    change = next((line for line in heard if line.startswith("Change your answer about:")), None)
    assert change is not None, heard  # not "Change your answer to:"
    kiosk.key(key_heard_for(heard, r"^Change your answer about: (?!Danger)"))  # not a danger-signs question
    heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "the question again")
    now = next((line for line in heard if line.startswith("Your answer now:")), None)
    assert now is not None, heard
    choices = spoken_choices(heard)
    labels = dict(choices)
    other = (labels["Not sure"] if "Not sure" in labels and "not sure" not in now.lower() else
             next(key for label, key in choices if label.lower() not in now.lower() and label not in ("Back", "Done")))
    kiosk.key(other)
    heard = ear.hear(lambda h: any("Your new answer:" in line for line in h) and any(
        line.startswith("Press ") for line in h), "the new answer confirmed")
    assert heard[0].startswith("Your new answer:") or any(line.startswith("Question") for line in heard), heard
