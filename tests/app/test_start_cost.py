"""What a start must not do on the event loop: nothing spells out the whole library.

Textual describes a worker by repr() of its arguments unless it is given a description; for
the workers that take the library, that repr ran on the event loop before the first screen
and grew with the content (0.3-0.9 s of a 1,000-topic start)."""

from __future__ import annotations

from kiosk.content.loader import Library
from tests.app.waits import settle


async def test_a_start_and_a_content_swap_never_repr_the_library(make_app, library, monkeypatch):
    calls = []

    def counted(self) -> str:
        calls.append(1)
        return "Library(...)"

    monkeypatch.setattr(Library, "__repr__", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app._keep_last_good(app.library)  # as when new content goes live
        app._record_live_worker(app.library)
        await settle(pilot)
    assert calls == []


async def test_the_collector_paused_for_the_start_is_on_again_at_the_first_screen(make_app):
    """``kiosk run`` pauses the garbage collector for its imports (kiosk.host.collector); a kiosk
    left without it would grow with every cycle it made for days."""
    import gc

    from kiosk.host import collector

    collector.pause_for_start()
    try:
        app = make_app(freeze_gc=True)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(50):  # the first screen drawn, then its after-refresh callbacks
                if gc.isenabled():
                    break
                await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_a_new_visit_does_not_read_the_stylesheet_again(make_app, clock, monkeypatch):
    """Every CSS source was parsed again twice for each visit's fresh home (Textual's refresh
    for a screen it has not styled): about 11 ms of a start and of every reset. A theme changed
    during the visit is still put back (its own refresh)."""
    from textual.css.stylesheet import Stylesheet

    reparsed = []
    real = Stylesheet.reparse

    def counted(self) -> None:
        reparsed.append(1)
        real(self)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Stylesheet, "reparse", counted)
        await pilot.press("1")  # someone used it
        await settle(pilot)
        await app.reset_visit()
        await settle(pilot)
        assert reparsed == []
        assert len(app.screen_stack) == 1 and type(app.screen).__name__ == "HomeScreen"
        app.theme = next(name for name in app.available_themes if name != app.home_theme)
        await settle(pilot)
        await app.reset_visit()
        await settle(pilot)
        assert app.theme == app.home_theme


async def test_a_fresh_home_is_drawn_as_soon_as_it_is_mounted(make_app):
    """Textual's mode switch held every update back 50 ms (``delay_update``): a patient waited
    that long after Finish or the language key, and every start did. The fresh home is built
    inside a batch that ends with its mount, and nothing is left held back after it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await app.reset_visit()
        assert app._batch_count == 0  # Textual's count of held updates: none pending
        assert type(app.screen).__name__ == "HomeScreen" and app.screen.is_mounted


async def test_a_frame_drawn_while_the_fresh_home_is_held_back_is_drawn_again(make_app, monkeypatch):
    """Textual drops a frame composed while updates are held (``App._display`` returns at once
    inside a batch: Textual's start-up batch, and the fresh home's), and the frames after it
    write only the lines that changed since. A screen-change speed-up that skipped the first
    showing's restyle left home's first choice row blank on the terminal after a start under
    load (a tmux capture of 30 starts at 40x12 found it in 22; a terminal journey failed in CI).
    The first frame after a dropped one is drawn whole (kiosk.ui.held_frames). Here the layout
    is made to happen inside the batch, as it did under load."""
    from textual._compositor import LayoutUpdate
    from textual.app import App

    app = make_app()
    shown: list[tuple[bool, object]] = []  # (held back, update): what Textual's own _display gets
    real_display = App._display

    def display(self, screen, update):
        if update is not None:
            shown.append((self._batch_count > 0, update))
        return real_display(self, screen, update)

    monkeypatch.setattr(App, "_display", display)
    real_switch = type(app).switch_mode

    async def switch_then_lay_out(self, mode):
        done = await real_switch(self, mode)
        await pilot.pause()  # the new home mounted and laid out, its frame composed: held back
        return done

    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(type(app), "switch_mode", switch_then_lay_out)
        shown.clear()
        await pilot.press("1")
        await app.reset_visit()
        await settle(pilot)
    held = [n for n, (held_back, _) in enumerate(shown) if held_back]
    assert held, "the test should compose a frame inside the batch"
    assert len(shown) > held[-1] + 1, "a frame should follow the held one"
    rows = 12
    _, update = shown[held[-1] + 1]  # the first frame the terminal gets: the whole screen
    written = set(range(rows)) if isinstance(update, LayoutUpdate) else {y for y, _, _ in update.spans}
    assert written == set(range(rows)), f"lines left as the held frame left them: {sorted(set(range(rows)) - written)}"


async def test_a_full_collection_runs_between_visits_not_during_the_next(make_app):
    """Each visit's screens are cycles of widgets; left to the collector's own schedule, the
    full collections that freed them fell on the next person's key presses (22-41 ms of GC
    inside single keys of the bench's 1,000-topic run). One runs once the fresh home is drawn,
    in a kiosk that owns the process's collector (``kiosk run``; not the studio's preview)."""
    import gc

    app = make_app(freeze_gc=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("1")
            await settle(pilot)
            full = gc.get_stats()[2]["collections"]
            await app.reset_visit()
            for _ in range(50):
                if gc.get_stats()[2]["collections"] > full:
                    break
                await pilot.pause()
            assert gc.get_stats()[2]["collections"] > full
            assert type(app.screen).__name__ == "HomeScreen"
    finally:
        gc.unfreeze()  # as the collector test above: the next test starts with nothing frozen
        gc.enable()


async def test_a_start_parses_the_stylesheet_once_and_in_the_home_theme(make_app, monkeypatch):
    """Setting the home theme in ``__init__`` queued Textual's refresh, which parsed every CSS
    source a second time before the first frame (about 7 ms of each start). The stylesheet is
    given the theme's variables before its first parse instead; the first frame is in the home
    theme all the same, under the console's theme too (TERM=linux, K-V2)."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    reparsed = []
    real = Stylesheet.reparse

    def counted(self) -> None:
        reparsed.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    for term in ("xterm-256color", "linux"):
        monkeypatch.setenv("TERM", term)
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.theme == app.home_theme
            assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])
        assert reparsed == [], term
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # a theme changed later still restyles
        await settle(pilot)
        other = next(name for name in app.available_themes if name != app.home_theme)
        app.theme = other
        await settle(pilot)
        assert reparsed
        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])
