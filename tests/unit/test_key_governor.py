"""KeyGovernor (issue 16 item 4): bursts a person makes pass, floods are dropped."""

from kiosk.clock import FakeClock
from kiosk.key_governor import BURST, KeyGovernor


def test_a_person_s_burst_passes_whole():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    assert all(governor.allow() for _ in range(BURST))


def test_a_flood_of_a_thousand_keys_in_a_second_keeps_only_a_few():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    kept = 0
    for _ in range(1000):
        clock.advance(0.001)
        kept += governor.allow()
    assert kept <= BURST + 13
    assert governor.dropped >= 1000 - BURST - 13


def test_after_a_flood_the_next_real_key_is_taken():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    for _ in range(500):
        governor.allow()
    clock.advance(0.2)
    assert governor.allow()


def test_steady_typing_at_five_keys_a_second_is_never_dropped():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    for _ in range(200):
        clock.advance(0.2)
        assert governor.allow()
