"""Journeys from the user's side through the real terminal.

A patient at 40x12 and at 80x24 with Num Lock on; a listener who hears and never looks; staff
adding a topic while the kiosk runs. Each step says what must be on screen or in the speech log.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest

from tests.terminal.journey import Ear, SizedKiosk, digit_for, flat, key_heard_for, spoken_choices
from tests.terminal.tmux_driver import HOME_WORDS, _in_ci, assert_banner

pytestmark = pytest.mark.terminal

SAFE = r"^(No, none of these|No|Not sure)$"


@pytest.fixture
def kiosk_at(tmp_path):
    tmux = shutil.which("tmux")
    if tmux is None:
        if _in_ci():
            pytest.fail("tmux is not installed; the terminal tests must run in CI")
        pytest.skip("tmux is not installed")
    started: list[SizedKiosk] = []

    def start(size, *args: str) -> SizedKiosk:
        workdir = tmp_path / f"run{len(started)}"
        workdir.mkdir()
        kiosk = SizedKiosk(tmux, workdir, ["--dev", *args], size)
        started.append(kiosk)
        return kiosk.start()

    yield start
    for kiosk in started:
        kiosk.stop()


def press_words(kiosk: SizedKiosk, words: str, then: str, what: str) -> str:
    """Find the digit shown next to ``words``, press it on the keypad, wait for ``then``."""
    screen = kiosk.screen()
    key = digit_for(screen, words)
    assert key is not None, f"no digit next to {words!r} on screen:\n{screen}"
    kiosk.key(key)
    before = flat(screen)
    return kiosk.wait_for(lambda s: flat(s) != before and re.search(then, flat(s)) is not None, what)


def open_questions(kiosk: SizedKiosk) -> str:
    """From home to question 1, by what the screen offers (a flow entry on home, or the
    topic's own way to its questions)."""
    screen = kiosk.wait_for(HOME_WORDS)
    if digit_for(screen, r"^Questions") is None:
        press_words(kiosk, r"Muscle cramps", r"Questions|Page 1 of", "the topic")
        for _ in range(30):  # a topic's last page offers its questions
            screen = kiosk.screen()
            if digit_for(screen, r"^Questions") is not None:
                break
            key = digit_for(screen, r"^Next$")
            assert key is not None, screen
            kiosk.key(key)
            before = flat(screen)
            kiosk.wait_for(lambda s, before=before: flat(s) != before, "the next page")
    screen = press_words(kiosk, r"^Questions", r"Question 1 of|part 1 of 2|Start the questions", "question 1")
    if digit_for(screen, r"^Start the questions") is not None:  # the flow's intro
        screen = press_words(kiosk, r"^Start the questions", r"Question 1 of|part 1 of 2", "question 1")
    return screen


MORE_LINE = re.compile(r"[▲▼]+ .*Enter")


def enter_until(kiosk: SizedKiosk, words: str) -> str | None:
    """The digit next to ``words``, pressing the keypad's Enter while the screen says it shows
    the answers out of view ("▼ 3 4 5 6 7 8 0. Tap or Enter.", 40x12):
    Num Lock on means no arrows."""
    for _ in range(10):  # Spanish answers wrap more at 40 columns: more views to go through
        screen = kiosk.screen()
        key = digit_for(screen, words)
        if key is not None:
            return key
        assert MORE_LINE.search(screen), f"{words!r} neither shown nor offered by Enter:\n{screen}"
        before = flat(screen)
        kiosk.key("enter")
        kiosk.wait_for(lambda s, before=before: flat(s) != before, "the answers out of view")
        time.sleep(0.3)  # read the list once it has scrolled, not a frame in between
    return None


def answer_safely(kiosk: SizedKiosk, screen: str, safe: str = SAFE, done: str = r"^Done$",
                  parts: str = r"part [12] of 2") -> str:
    """Answer the question on screen without a danger sign, by digits seen on screen (``safe``,
    ``done`` and ``parts``: the words to look for, in the visit's language)."""
    time.sleep(0.4)  # let the screen settle: read what is drawn, not a frame in between
    screen = kiosk.screen()
    before = flat(screen)
    key = digit_for(screen, safe)
    if key is None and "[ ]" in screen:  # pick all that fit: the first box, then Done
        # the digit beside a box, never one in "Question 9 of 17" (9 is Done)
        kiosk.key(next(m.group(1) for m in re.finditer(r"([0-9])\s{1,3}\[ \]", screen)))
        kiosk.wait_for("[x]", "the box ticked")
        key = enter_until(kiosk, done)  # at 40x12 Done is below the fold
    elif key is None and re.search(parts, before):
        key = enter_until(kiosk, safe)  # a danger question's "No, none of these", at 40x12
    elif key is None:
        key = digit_for(screen, r".")
    assert key is not None, f"no safe answer to choose on:\n{screen}"
    kiosk.key(key)
    return kiosk.wait_for(lambda s: flat(s) != flat(kiosk.screens[-2] if len(kiosk.screens) > 1 else "")
                          and flat(s) != before, "the next screen")


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_a_patient_with_num_lock_on_from_home_to_finish(kiosk_at, size):
    kiosk = kiosk_at(size)
    home = kiosk.wait_for(HOME_WORDS, "home")
    assert_banner(home)
    # a topic, two pages on
    page = press_words(kiosk, r"Muscle cramps", r"Page 1 of|start", "the topic")
    if "Page 1 of" not in flat(page):
        page = press_words(kiosk, r"start", r"Page 1 of", "the first page")
    for _ in range(30):  # Next until page 3 (a long page goes on over more screens)
        page = press_words(kiosk, r"^Next$", r"Page [0-9]+ of", "the next screen")
        assert not re.search(r"part [0-9]+ of", flat(page))
        if "Page 3 of" in flat(page):
            break
    assert "Page 3 of" in flat(page)
    # the emergency page, and back
    kiosk.key("*")
    emergency = kiosk.wait_for(lambda s: "911" in s and "Page 3 of" not in flat(s), "the emergency page")
    assert "front desk" in flat(emergency).lower()
    kiosk.key("0")
    kiosk.wait_for("Page 3 of", "back on the topic page")
    # home, then the questions
    for _ in range(5):
        kiosk.key("0")
        if kiosk.poll(HOME_WORDS, seconds=3):
            break
    screen = open_questions(kiosk)
    assert "part 1 of 2" in flat(screen)
    # read question 1 as laid out for the screen: at 40x12 the key guide gives its row to the answers
    screen = kiosk.wait_for(lambda s: size != (40, 12) or "* Help now" not in s, "question 1 laid out")
    # Enter with nothing chosen answers nothing: it says how to choose, or, where the
    # answers do not all fit (40x12), shows the ones out of view, as the line under them says
    paged = MORE_LINE.search(screen) is not None
    assert paged == (size == (40, 12)), screen
    if paged:
        assert enter_until(kiosk, SAFE) is not None
        screen = kiosk.screen()
        assert "part 1 of 2" in flat(screen)  # still question 1: nothing was answered
    else:
        kiosk.key("enter")
        kiosk.wait_for(lambda s: "press the number" in flat(s), "how to choose")
    for _ in range(40):  # every question, until the review
        if "Pick an answer to change it" in flat(screen):
            break
        screen = answer_safely(kiosk, screen)
    screen = kiosk.wait_for("Pick an answer to change it", "the review")
    # a changed answer: the first one shown, by its digit
    key = digit_for(screen, r"^Danger signs")
    assert key is not None, screen
    kiosk.key(key)
    question = kiosk.wait_for(lambda s: "part 1 of 2" in flat(s), "question 1 again")
    answer_safely(kiosk, question)
    screen = kiosk.wait_for("Pick an answer to change it", "the review again")
    press_words(kiosk, r"^All correct", r"Show this to your provider", "the summary")
    press_words(kiosk, r"^Finish$", r"Finish and clear your answers\?", "the question before finishing")
    press_words(kiosk, r"^Yes", HOME_WORDS, "home again")
    assert kiosk.alive


def test_a_listener_who_never_looks_reaches_the_summary_and_help(kiosk_at, tmp_path):
    log = tmp_path / "heard.txt"
    kiosk = kiosk_at((80, 24), "--speech-log", str(log))
    kiosk.wait_for(HOME_WORDS)  # only to know the program started: nothing is read from it
    ear = Ear(log)
    kiosk.key("/")
    heard = ear.hear(lambda h: "Speech is on." in h and any(line.startswith("Press ") for line in h), "home")
    assert "Press star for help now." in heard or any("star" in line for line in heard)
    assert any("Keys:" in line for line in heard)  # key help, once
    # the way to the questions, heard: a flow entry, or the topic then its questions
    for _ in range(40):
        if any(line.startswith("Question 1 of") for line in heard):
            break
        key = (key_heard_for(heard, r"question") or key_heard_for(heard, r"^Next$")
               or key_heard_for(heard, r"Muscle cramps"))
        assert key is not None, heard
        kiosk.key(key)
        heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "the next screen")
    assert any("part 1 of 2" in line for line in heard), heard
    for _ in range(40):
        if "Your answers are on the screen." in heard:
            break
        choices = spoken_choices(heard)
        labels = [label for label, _ in choices]
        safe = [key for label, key in choices if re.match(SAFE, label)]
        if "Done" in labels:  # pick all that fit: the first answer heard, then Done
            kiosk.key(choices[0][1])
            ear.hear(lambda h: any("chosen" in line.lower() for line in h), "the answer ticked")
            kiosk.key(dict(choices)["Done"])
        else:
            assert safe or choices, heard
            kiosk.key(safe[0] if safe else choices[0][1])
        heard = ear.hear(lambda h: any(line.startswith("Press ") for line in h), "the next question")
    else:
        raise AssertionError("the questions never ended")
    key = key_heard_for(heard, r"All correct")
    assert key is not None, heard
    kiosk.key(key)
    heard = ear.hear(lambda h: "Your summary is on the screen." in h, "the summary")
    # help now, by the key named in words
    kiosk.key("*")
    heard = ear.hear(lambda h: any("front desk" in line.lower() for line in h), "the emergency page")
    assert any("9 1 1" in line for line in heard)


def test_staff_add_a_topic_while_the_kiosk_runs(kiosk_at):
    kiosk = kiosk_at((80, 24))
    kiosk.wait_for(HOME_WORDS)
    source = kiosk.content / "topics" / "muscle-spasms.yaml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: muscle-spasms$", "id: hiccups-test", text)
    text = re.sub(r"(?m)^title: .*$", "title: Hiccups for staff test", text)
    (kiosk.content / "topics" / "hiccups-test.yaml").write_text(text, encoding="utf-8")
    home = kiosk.wait_for("Hiccups for staff test", "the new topic on home")
    key = digit_for(home, r"Hiccups for staff test")
    assert key is not None
    kiosk.key(key)
    kiosk.wait_for(lambda s: "Page 1 of" in s or "start" in flat(s).lower(), "the new topic open")


SAFE_ES = r"^(No, nada de esto|No|No sé)$"


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_a_spanish_speaking_patient_by_keypad_alone(kiosk_at, size):
    """A patient who reads Spanish, Num Lock on, from the English home: the
    language key, a Spanish topic page, the emergency page in Spanish, every question, a
    changed answer, the summary with the answers in English too, Finish; the next person meets
    English again."""
    kiosk = kiosk_at(size)
    home = kiosk.wait_for(HOME_WORDS, "home")
    assert_banner(home)
    press_words(kiosk, r"^Español", r"Elija un tema", "home in Spanish")
    kiosk.wait_for(lambda s: "Avise en la recepción" in flat(s) and digit_for(s, r"^English") == "8",
                   "the banner in Spanish, and English offered on 8")
    press_words(kiosk, r"Calambres", r"Leer desde el inicio", "the topic's first screen")
    press_words(kiosk, r"^Leer desde el inicio", r"Página 1 de", "the first page")
    kiosk.key("*")
    emergency = kiosk.wait_for(lambda s: "Pida ayuda ahora" in flat(s) and "911" in s, "the emergency page")
    assert "Qué hacer ahora" in flat(emergency) and "un consejo médico" not in flat(emergency)
    kiosk.key("0")
    kiosk.wait_for(lambda s: "un consejo médico" in flat(s), "back on the topic page")
    for _ in range(5):
        kiosk.key("0")
        if kiosk.poll("Elija un tema", seconds=3):
            break
    press_words(kiosk, r"Calambres", r"Leer desde el inicio", "the topic's first screen")
    press_words(kiosk, r"^Preguntas para su", r"Empezar las preguntas", "the questions' intro")
    screen = press_words(kiosk, r"^Empezar las preguntas", r"Pregunta 1 de|parte 1 de 2", "question 1")
    for _ in range(40):  # every question, until the review
        if "Elija una respuesta para cambiarla" in flat(screen):
            break
        screen = answer_safely(kiosk, screen, SAFE_ES, r"^Listo$", r"parte [12] de 2")
    screen = kiosk.wait_for("Elija una respuesta para cambiarla", "the review")
    key = digit_for(screen, r"^Señales de peligro")  # the first of the two, question 1
    assert key is not None, screen
    kiosk.key(key)
    question = kiosk.wait_for(lambda s: "parte 1 de 2" in flat(s), "question 1 again")
    answer_safely(kiosk, question, SAFE_ES, r"^Listo$", r"parte [12] de 2")
    kiosk.wait_for("Elija una respuesta para cambiarla", "the review again")
    summary = press_words(kiosk, r"^Todo está bien", r"Muestre esto a su médico", "the summary")
    assert "Show this to your provider" not in flat(summary)  # one language at a time
    press_words(kiosk, r"^English$", r"Show this to your provider", "the summary in English for the provider")
    press_words(kiosk, r"^Español$", r"Muestre esto a su médico", "the summary in Spanish again")
    press_words(kiosk, r"^Terminar$", r"¿Terminar y borrar sus respuestas\?", "the question before finishing")
    press_words(kiosk, r"^Sí", HOME_WORDS, "home again, in English for the next person")
    home = kiosk.wait_for(lambda s: digit_for(s, r"^Español") == "8", "Spanish offered on 8 again")
    assert "Elija" not in flat(home)
    assert_banner(home)
    assert kiosk.alive


def test_a_spanish_listener_finds_spanish_by_ear_and_help_in_spanish(kiosk_at, tmp_path):
    """A listener who never looks hears Spanish offered in Spanish on the English
    home, takes it by the key heard, and hears home and the emergency page in Spanish."""
    log = tmp_path / "heard.txt"
    kiosk = kiosk_at((80, 24), "--speech-log", str(log))
    kiosk.wait_for(HOME_WORDS)  # only to know the program started: nothing is read from it
    ear = Ear(log)
    kiosk.key("/")
    heard = ear.hear(lambda h: any("Español" in line for line in h) and "Press star for help now." in h, "home")
    offer = next(line for line in heard if line.startswith("Español"))
    key = re.search(r"oprima ([0-9])", offer)
    assert key is not None, heard
    kiosk.key(key.group(1))
    heard = ear.hear(lambda h: "Oprima asterisco para pedir ayuda ahora." in h, "home in Spanish")
    assert "Elija un tema." in heard and "English: press 8." in heard
    assert not any("(barra)" in line for line in heard)  # the key said once: "oprima barra"
    topic = next(k for label, k in zip(heard, heard[1:], strict=False) if label.startswith("Calambres"))
    assert re.fullmatch(r"Oprima [0-9]\.", topic)
    kiosk.key("*")
    heard = ear.hear(lambda h: any("recepción" in line for line in h), "the emergency page in Spanish")
    assert "Pida ayuda ahora" in " ".join(heard) and any("9 1 1" in line for line in heard)
