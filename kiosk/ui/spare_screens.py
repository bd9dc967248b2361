"""SpareScreens: the screens a visit opens most, built once per visit and reopened with new content.

Building a screen (composing and mounting its widgets, styling each) was most of a screen
change: a topic's first screen took 31 ms built and 13-14 ms reopened, against the bare Textual
reference's 12-13 ms (bench/README.md, "Screen change"). So a topic's first screen, its pages
and the emergency page are built for each visit while nobody is at the keys yet
(:meth:`SpareScreens.prepare`, after the fresh home is drawn), kept installed in the app so
Textual does not remove them when closed, and each time one is opened it is that same screen
given its new content (:meth:`Reopenable.reopen`).

A spare is only ever reopened in what it was built for: the same visit, language, library,
theme and terminal size (the app's context); otherwise a new screen is built. Every spare goes
at each reset and language change, and the next visit builds its own (K-P1: the next person's
screens are all new).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["Reopenable", "SpareScreens"]


class Reopenable(Protocol):
    def reopen(self, *args: Any, **kwargs: Any) -> None:
        """Show what ``__init__(*args, **kwargs)`` would, as a screen just built would."""


S = TypeVar("S", bound=Screen)


class SpareScreens:
    """At most one kept screen per class, and the context it was built in."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._spares: dict[type[Screen], tuple[Screen, tuple]] = {}
        self._retired: list[Screen] = []  # kept once, then outdated while still open
        self._names = itertools.count(1)

    def open(self, cls: type[S], context: tuple, *args: Any, **kwargs: Any) -> S:
        """A ``cls`` screen showing ``args``: the spare, reopened, when it is closed and was built
        in ``context``; else a new one (kept as the spare when there is none to reuse)."""
        found = self._spares.get(cls)
        if found is not None:
            spare, built_in = found
            if built_in == context and not self._is_open(spare):
                cast(Reopenable, spare).reopen(*args, **kwargs)
                return cast(S, spare)
            if built_in != context:
                self._retire(cls)
        screen = cls(*args, **kwargs)
        if cls not in self._spares:
            self._keep(screen, context)
        return screen

    def prepare(self, cls: type[Screen], context: tuple, *args: Any, **kwargs: Any) -> None:
        """Build the visit's ``cls`` spare now, composed and mounted but not shown, so the
        visit's first screen of its kind is a reopened one too (nothing when there is one)."""
        if cls in self._spares:
            return
        screen = cls(*args, **kwargs)
        self._keep(screen, context)
        # Textual's own first step of a push: compose and mount the screen, off every stack.
        # Private (tests/app/test_spare_screens.py fails if an upgrade changes it).
        self._app._get_screen(screen)

    def drop_all(self, closing: set[Screen] | frozenset[Screen] = frozenset()) -> None:
        """Let every kept screen go, once no stack shows them: a reset calls it after removing the
        last visit's stacks, whose screens (``closing``) Textual removes itself; the others are
        removed here."""
        for screen in [spare for spare, _ in self._spares.values()] + self._retired:
            self._app.uninstall_screen(screen)
            if screen not in closing and screen.is_attached:
                screen.remove()
        self._spares.clear()
        self._retired.clear()

    def _keep(self, screen: Screen, context: tuple) -> None:
        """The spare of its class: installed, so Textual does not remove it when it is closed."""
        self._app.install_screen(screen, name=f"kiosk-spare-{next(self._names)}")
        self._spares[type(screen)] = (screen, context)

    def _retire(self, cls: type[Screen]) -> None:
        spare, _ = self._spares.pop(cls)
        if self._is_open(spare):
            self._retired.append(spare)  # still on the stack: let go at the next drop_all
        else:
            self._app.uninstall_screen(spare)
            spare.remove()

    def _is_open(self, screen: Screen) -> bool:
        return screen in self._app.screen_stack
