"""The studio's PIN shares the kiosk's tries and lockout (one lock file in the data folder)."""

from __future__ import annotations

import time

from kiosk.content.content_path import load_content
from kiosk.host.clock import FakeClock
from kiosk.studio.pin_gate import StudioGate, gate_words
from kiosk.visit.staff import GateStatus, hash_pin
from kiosk.visit.staff_lock import SharedLockout

PIN = "73915428"


def settings_with_pin(live):
    settings = load_content(live).library.settings
    staff = settings.staff.model_copy(update={"pin_hash": hash_pin(PIN, n=2**8)})
    return settings.model_copy(update={"staff": staff})


def test_the_right_pin_opens(live):
    gate = StudioGate(settings_with_pin(live), live)
    assert gate.try_pin(PIN).ok


def test_wrong_pins_in_the_studio_lock_the_kiosks_staff_entry_too(live):
    settings = settings_with_pin(live)
    gate = StudioGate(settings, live, clock=FakeClock())
    results = [gate.try_pin("00001111") for _ in range(settings.staff.max_attempts)]
    assert results[0].status is GateStatus.WRONG and "4 tries left" in gate_words(results[0])
    assert results[-1].status is GateStatus.LOCKED
    assert gate.try_pin(PIN).status is GateStatus.LOCKED  # even the right PIN, while locked
    # The kiosk reads the same file: its staff entry is locked as well.
    with SharedLockout(gate.data_dir, time.time).held() as held:
        assert held.load(settings.staff.lockout_seconds).locked_seconds_left > 0
    assert "locked" in gate_words(results[-1])


def test_a_lock_the_kiosk_set_holds_in_the_studio(live):
    settings = settings_with_pin(live)
    gate = StudioGate(settings, live)
    with SharedLockout(gate.data_dir, time.time).held() as held:
        held.save(settings.staff.max_attempts, 120)
    assert gate.standing().status is GateStatus.LOCKED
    assert gate.try_pin(PIN).status is GateStatus.LOCKED


def test_a_data_folder_where_tries_cannot_be_counted_refuses_every_pin(live, tmp_path):
    settings = settings_with_pin(live)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    settings = settings.model_copy(update={"data_dir": blocked / "data"})
    gate = StudioGate(settings, live)
    result = gate.try_pin(PIN)
    assert result.status is GateStatus.UNAVAILABLE
    assert "cannot be written" in gate_words(result)


def test_the_served_page_asks_nothing_of_other_sites():
    from pathlib import Path

    import textual_serve

    from kiosk.studio.launch import local_page

    page = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" in page  # textual-serve's own page does
    mine = local_page(page)
    assert "https://" not in mine and "{{ config.static.url }}js/textual.js" in mine
