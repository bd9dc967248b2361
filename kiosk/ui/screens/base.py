"""KioskScreen: what every kiosk screen has in common.

The emergency banner and the key guide are composed here, once, so no screen can forget them
(K-V6). Digits pick choices and 0 goes back on every screen (K-I1, K-I2). Each screen says what
it shows through :meth:`speech_script`, built from the same data it draws (K-S1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen

from kiosk.ui import changes, intents
from kiosk.ui.widgets.choice_list import ChoiceItem, ChoiceList
from kiosk.ui.widgets.emergency_banner import EmergencyBanner
from kiosk.ui.widgets.key_guide import KeyGuide
from kiosk.ui.widgets.safe_text import SafeText
from kiosk.ui.widgets.speech_state import SpeechState
from kiosk.words import ui_words as W
from kiosk.words.i18n import ntr, tr

if TYPE_CHECKING:
    from kiosk.content.model import Topic
    from kiosk.content.settings import KioskSettings
    from kiosk.ui.app import KioskApp
    from kiosk.visit.controller import KioskController

def choice_speech(item: ChoiceItem, language: str = "en") -> str:
    """How a choice is read as part of a whole screen: its words, then its key."""
    return f"{item.speech or item.label}. {item.press(language)}"


def breakpoint_classes(size: Size, horizontal: list[tuple[int, str]],
                       vertical: list[tuple[int, str]]) -> dict[str, bool]:
    """The breakpoint classes Textual gives a screen of ``size`` on its first resize (the widest
    breakpoint each dimension reaches is on, every other off)."""
    classes = {name: False for _, name in horizontal + vertical}
    for dimension, points in ((size.width, horizontal), (size.height, vertical)):
        reached = [(at, name) for at, name in points if dimension >= at]
        if reached:
            classes[max(reached)[1]] = True
    return classes


DIGIT_BINDINGS = [Binding(str(d), f"digit('{d}')", show=False) for d in range(10)]


class KioskScreen(Screen):
    """Base of every kiosk screen: title, body, key guide, emergency banner."""

    BINDINGS = [
        *DIGIT_BINDINGS,
        Binding("escape,backspace", "back", "Back", show=False),
        Binding("home", "app.go_home", "Home", show=False),
        # A keypad's Enter reaches the kiosk as a line feed through tmux and some terminals
        # (found walking the kiosk with Num Lock on): it is Enter too.
        Binding("ctrl+j", "keypad_enter", "Choose", show=False),
    ]

    #: The topic this screen is part of, if any: the emergency key shows its own danger signs.
    topic: Topic | None = None

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002 - Textual's keyword
        super().__init__(name=name, id=id, classes=classes)
        self._take_breakpoints()

    def _take_breakpoints(self) -> None:
        """Start with the breakpoint classes (``-narrow``, ``-short``...) of the terminal's size,
        which Textual would add on the screen's first resize: added then, they restyle every
        widget just styled at mount and lay the screen out twice more (bench/README.md,
        "Screen change"). Added now, before any widget is styled, the resize changes nothing."""
        try:
            app = self.app
        except RuntimeError:  # Textual's NoActiveAppError: built outside an app (a test)
            return
        horizontal = app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None else self.HORIZONTAL_BREAKPOINTS
        vertical = app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None else self.VERTICAL_BREAKPOINTS
        if app.size and (horizontal or vertical):
            self.update_classes(breakpoint_classes(app.size, horizontal or [], vertical or []), update=False)

    @property
    def heading(self) -> str:
        """Shown above the body; screens override it (a property, or a plain class attribute)."""
        return ""

    @property
    def kiosk_app(self) -> KioskApp:
        """The one typed way to the app (``Screen.app`` is typed as any ``App``): to draw from
        it. Changes go through intents; the app's changes come back as :mod:`kiosk.ui.changes`."""
        return cast("KioskApp", self.app)

    @property
    def controller(self) -> KioskController:
        """The kiosk's state, to draw from; changes go through intents, never through here."""
        return self.kiosk_app.controller

    @property
    def settings(self) -> KioskSettings:
        return self.controller.library.settings

    # --- words in the visit's language -----------------------------------------------------
    @property
    def language(self) -> str:
        """The visit's language: every word this screen shows or says is in it."""
        return self.controller.visit.language

    def _(self, message: str, **fields: object) -> str:
        """A phrase of :mod:`kiosk.words.ui_words` in the visit's language, formatted with ``fields``."""
        return tr(self.language, message, **fields)

    def n_(self, pair: tuple[str, str], n: int, **fields: object) -> str:
        """The singular or plural of an ``Nn_`` pair for ``n``, formatted with ``n`` and ``fields``."""
        return ntr(self.language, pair, n, **fields)

    def say(self, text: str) -> None:
        """One item (a highlight, a refusal): said now, not remembered as the screen (K-S5)."""
        self.post_message(intents.Speak([text]))

    def refuse_key(self) -> None:
        self.post_message(intents.RefuseKey())

    #: The script last handed to speech while this screen stayed on top: it is not handed over twice.
    _announced: list[str] | None = None
    #: The first play may not be cut off for a few seconds (the emergency page, K-S4).
    announce_protected = False

    def announce(self, *, again: bool = False) -> None:
        """Say (or remember, on an empty kiosk) this screen's whole script (K-S1), once: the
        same script again while the screen stays on top is not handed over a second time (it
        would cut off the first and leave a scrap of it)."""
        script = self.speech_script()
        if script == self._announced and not again:
            return
        self._announced = script
        # Straight to the app, not bubbled through this screen's queue: bubbled, it often
        # reached the app after the new page's layout (3-6 ms later), and a listener hears
        # that delay before the first word after every key (bench/README.md, "Speech").
        self.app.post_message(intents.ScreenShown(script, protected=self.announce_protected))

    def on_screen_suspend(self) -> None:
        self._announced = None  # back on top later: said again

    def _reopened(self) -> None:
        """What every screen reopened with new content does (:mod:`kiosk.ui.spare_screens`):
        its title and speech sign drawn as a new screen's would be (the sign missed the changes
        told to open screens only), said afresh, and not restyled when it comes on top: it is
        reopened only in the visit, language, theme and size it was styled for."""
        self._announced = None
        self._shown_before = False
        for choice_list in self.query(ChoiceList):
            choice_list.start_afresh()
        self.query_one("#screen-title", SafeText).update(self.heading)
        sign = self.query_one(SpeechState)
        sign.on, sign.missing = self.kiosk_app.speech_on, self.kiosk_app.speech_missing

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield SafeText(self.heading, id="screen-title")
            yield SpeechState(self.language, on=self.kiosk_app.speech_on, missing=self.kiosk_app.speech_missing)
        with Vertical(id="body"):
            yield from self.compose_body()
        yield KeyGuide(self.language, zero=self._(W.BACK))
        yield EmergencyBanner(self.settings.emergency_for(self.language))

    def compose_body(self) -> ComposeResult:
        yield from ()

    # --- what the app tells every screen -------------------------------------------------
    @on(changes.SpeechChanged)
    def _show_speech_state(self, change: changes.SpeechChanged) -> None:
        """The sign by the title follows speech; screens with words about speech add their own
        handler (Textual calls every handler down the class tree)."""
        sign = self.query_one(SpeechState)
        sign.on, sign.missing = change.on, change.missing

    # --- the key guide ---------------------------------------------------------------------
    def zero_words(self) -> str:
        """What 0 does here, as the key guide shows it: a choice on 0 by its label, else Back."""
        choice_list = self.choices
        labels = [item.label for item in choice_list.items if item.key == "0"] if choice_list is not None else []
        return labels[0] if labels else self._(W.BACK)

    @on(events.Mount)
    def refresh_key_guide(self) -> None:
        """Tell the key guide what 0 does (again: a topic's last page, say, changed its choices)."""
        guides = self.query(KeyGuide)
        if guides:
            guides.first().zero = self.zero_words()

    # --- choices -------------------------------------------------------------------------
    @property
    def choices(self) -> ChoiceList | None:
        found = self.query(ChoiceList)
        return found.first() if found else None

    def action_digit(self, key: str) -> None:
        """A digit picks the choice that shows it; 0 is Back unless a choice uses it."""
        choice_list = self.choices
        if choice_list is not None:
            index = choice_list.index_of_key(key)
            if index is not None:
                choice_list.pick(index)
                return
        if key == "0":
            self.action_back()
        else:
            self.refuse_key()

    def on_choice_list_chosen(self, message: ChoiceList.Chosen) -> None:
        message.stop()
        if self.controller.accept_choice():
            self.chosen(message.item)

    def on_choice_list_highlighted(self, message: ChoiceList.Highlighted) -> None:
        message.stop()
        self.say(message.item.spoken(message.index, message.count, self.language))

    def on_choice_list_more_appeared(self, message: ChoiceList.MoreAppeared) -> None:
        """The choices turned out not to fit: "More below: 8 and 0." joins what this screen
        said, after it (K-S1), without cutting it off."""
        message.stop()
        if not self.is_current or self._announced is None:
            return  # not said yet: the script will have the line when it is
        script = self.speech_script()
        if script != self._announced:
            self._announced = script
            self.post_message(self.grew_intent(message.spoken))

    def grew_intent(self, line: str) -> intents.Intent:
        """How a line that appeared after the script is said: with the screen, remembered as
        part of it (the sound menu says it without remembering)."""
        return intents.ScreenGrew([line])

    def on_choice_list_more_shown(self, message: ChoiceList.MoreShown) -> None:
        """Enter showed the choices that were out of view: say them, and the line under them."""
        message.stop()
        self.post_message(intents.Speak([*(choice_speech(item, self.language) for item in message.items),
                                          message.spoken]))

    def chosen(self, item: ChoiceItem) -> None:
        """A choice was picked (already debounced). Screens override."""

    def action_back(self) -> None:
        self.post_message(intents.GoBack())

    def action_keypad_enter(self) -> None:
        choice_list = self.choices
        if choice_list is not None:
            choice_list.action_pick_highlighted()

    # --- speech --------------------------------------------------------------------------
    def speech_script(self) -> list[str]:
        """What this screen says, in screen order: title, body, then the choices (K-S1)."""
        lines = [self.heading] if self.heading else []
        lines += self.body_speech()
        choice_list = self.choices
        if choice_list is not None:
            lines += [choice_speech(item, self.language) for item in choice_list.items]
            if choice_list.more_spoken:
                lines.append(choice_list.more_spoken)  # "More below: 8 and 0.": heard as shown
        return lines + self.after_choices_speech()

    def words_script(self) -> list[str]:
        """The script without the choices and their keys: what the sound menu's "Read again"
        reads of this screen, where these keys do not work."""
        lines = [self.heading] if self.heading else []
        return lines + self.body_speech() + self.after_choices_speech()

    def body_speech(self) -> list[str]:
        return []

    def after_choices_speech(self) -> list[str]:
        """Text shown below the choices, said after them (screen order, K-S1)."""
        return []

    #: Shown before (suspended since): its styles may be stale when it comes back on top.
    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The one resume handler. Textual calls ``on_screen_resume`` of every class down the
        tree, so a subclass with its own would have the screen said twice (the first time
        from widgets not yet redrawn: a question's words with the last question's answers).
        Subclasses override :meth:`resumed` instead.

        The first time a screen is shown, its widgets were styled as they were mounted, a
        moment ago: Textual's own resume handler (after this one) would style every one of them
        again (a third of a push's style work, bench/README.md). Not the first time: styles
        may have changed while it was under another screen, so they are refreshed."""
        if self.app.screen is not self:
            # Popped again before it was shown: on the way home (0 from a topic's page pops the
            # topic's first screen too) or past it to an open emergency page. Saying it, focusing
            # it and Textual restyling and laying it out were work thrown away on every such key.
            event.prevent_default()
            return
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
        self.resumed()

    def resumed(self) -> None:
        """On top (first shown, or back): say the screen once and focus its choices."""
        self.announce()
        if self.choices is not None:
            self.choices.focus()
