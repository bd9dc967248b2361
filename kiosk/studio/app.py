"""StudioApp: the staff studio, one Textual app of its own (``kiosk studio``).

Owns navigation between the studio's screens and the one working copy they share
(:class:`~kiosk.studio.workspace.Workspace`). Served to a browser it starts behind the staff PIN
(:class:`~kiosk.studio.screens.pin.PinScreen`). Nothing of the patient kiosk can reach it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding

from kiosk.studio.pin_gate import StudioGate
from kiosk.studio.screens.editor import EditorScreen
from kiosk.studio.screens.library import LibraryScreen
from kiosk.studio.screens.new_topic import NewTopic, NewTopicScreen, TranslateScreen
from kiosk.studio.screens.pin import PinScreen
from kiosk.studio.screens.preview import PreviewScreen
from kiosk.studio.skeleton import new_topic_text, translation_text
from kiosk.studio.workspace import Workspace, topic_id_of


class StudioApp(App, inherit_bindings=False):
    CSS_PATH = "studio.tcss"
    TITLE = "Kiosk studio"
    #: The palette's built-in commands (screenshots written on the server, themes) are not for here.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, space: Workspace, *, gate: StudioGate | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.space = space
        self.gate = gate
        self.today = today
        self.sub_title = str(space.live)

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.space))
        if self.gate is not None:
            self.push_screen(PinScreen(self.gate))

    def query_library(self) -> LibraryScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                return screen
        return None

    def _offered(self) -> list[str]:
        screen = self.query_library()
        return screen.state.languages if screen is not None and screen.state is not None else ["en"]

    # --- jobs the screens ask for --------------------------------------------------------
    def open_editor(self, name: str) -> None:
        self.push_screen(EditorScreen(self.space, name))

    def new_topic(self) -> None:
        taken = {topic_id_of(n) for n in self.space.names()}
        self.push_screen(NewTopicScreen(self._offered(), taken), self._create_topic)

    def _create_topic(self, new: NewTopic | None) -> None:
        if new is None:
            return
        # A new topic is an original whatever its language (``language:`` in it says which);
        # ``<id>.<lang>.yaml`` is only ever a translation of one.
        name = f"{new.topic_id}.yaml"
        text = new_topic_text(new.topic_id, new.title, group=new.group, language=new.language, today=self.today())
        try:
            self.space.create(name, text)
        except (FileExistsError, OSError) as error:
            self.notify(markup=False, message=str(error), severity="error")
            return
        self.open_editor(name)

    def add_translation(self, topic_id: str, missing: list[str]) -> None:
        def made(language: str | None) -> None:
            if language is None:
                return
            original = self.space.read(f"{topic_id}.yaml")
            name = f"{topic_id}.{language}.yaml"
            try:
                self.space.create(name, translation_text(original, language))
            except (FileExistsError, OSError) as error:
                self.notify(markup=False, message=str(error), severity="error")
                return
            self.open_editor(name)

        self.push_screen(TranslateScreen(topic_id, missing), made)

    def open_preview(self, name: str, text: str | None = None) -> None:
        """The kiosk showing this topic; from the editor's text when given, else the saved file."""
        check = self.space.check(name, text if text is not None else self.space.read(name))
        if check.library is None:
            self.notify(f"{name} does not load yet ({len(check.errors)} error(s)): fix them in the editor, "
                        "then preview.", severity="error", timeout=8, markup=False)
            return
        topic = check.library.topics[0]
        self.push_screen(PreviewScreen(check.library, topic.title))
