"""KeyGovernor: bursts a person makes pass, floods are dropped."""

from kiosk.host.clock import FakeClock
from kiosk.visit.key_governor import ALWAYS_TAKEN, BURST, RATE, SEQUENCE_ROOM, KeyGovernor, TypedFlood


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


def test_home_escape_and_backspace_are_always_admitted_and_use_nothing():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    for _ in range(BURST):
        assert governor.admit("asterisk")
    assert not governor.admit("asterisk")
    for key in sorted(ALWAYS_TAKEN) * 100:
        assert governor.admit(key)
    clock.advance(1 / RATE)
    assert governor.admit("1")  # Home, Escape and Backspace took none of the room


def test_room_says_how_many_keys_would_be_taken_and_uses_none():
    clock = FakeClock()
    governor = KeyGovernor(clock=clock)
    assert governor.room() == BURST
    assert governor.room() == BURST
    for _ in range(BURST):
        governor.allow()
    assert governor.room() == 0
    clock.advance(2.5 / RATE)
    assert governor.room() == 2


# --- TypedFlood: typed characters dropped before they are parsed -----------------------------

def _flooded(clock=None):
    governor = KeyGovernor(clock=clock or FakeClock())
    return governor, TypedFlood(governor)


def test_a_100_kb_paste_keeps_only_the_typed_characters_there_is_room_for_and_every_control():
    governor, flood = _flooded()
    text = ("Muscle cramps: stretch gently.\r\tDrink water. " * 3000)[:100 * 1024]
    kept = flood.keep(text)
    typed = [c for c in kept if c not in "\r\t"]
    assert len(typed) == BURST and "".join(typed) == text[:BURST]
    assert kept.count("\r") == text.count("\r") and kept.count("\t") == text.count("\t")
    assert flood.dropped == len(text) - len(kept)
    assert governor.room() == BURST  # nothing used up: the keys are counted once, when parsed


def test_with_no_room_a_read_of_typed_text_is_dropped_whole_and_the_parser_is_fed_nothing():
    governor, flood = _flooded()
    for _ in range(BURST):
        governor.allow()
    assert flood.keep("x" * 4096) == ""
    assert flood.dropped == 4096


def test_backspace_delete_enter_and_other_control_characters_are_never_dropped():
    governor, flood = _flooded()
    for _ in range(BURST):
        governor.allow()
    controls = "\x7f\x08\r\n\t\x00\x03\x1c\x9b"
    assert flood.keep("ab" + controls + "cd") == controls


def test_an_escape_sequence_is_never_cut_even_split_across_reads():
    governor, flood = _flooded()
    for _ in range(BURST):
        governor.allow()
    # Home, a mouse report and a bracketed paste's start and end, inside a flood; cut anywhere.
    sequences = ["\x1b[H", "\x1b[<0;12;5M", "\x1b[200~", "\x1b[201~", "\x1b[1;5A"]
    text = "".join(f"{'z' * 100}{sequence}" for sequence in sequences) + "z" * 100
    whole = TypedFlood(governor).keep(text)
    assert all(sequence in whole for sequence in sequences)
    assert len(whole) < len(text) / 2  # the flood around them is dropped
    for cut in range(1, len(text)):
        flood = TypedFlood(governor)
        assert flood.keep(text[:cut]) + flood.keep(text[cut:]) == whole, cut


def test_the_characters_after_an_escape_are_kept_for_the_longest_sequence_then_dropped_again():
    governor, flood = _flooded()
    for _ in range(BURST):
        governor.allow()
    kept = flood.keep("\x1b" + "y" * 100)
    assert kept == "\x1b" + "y" * SEQUENCE_ROOM
    kept = flood.keep("\x1b" + "y" * 10 + "\x1b" + "y" * 100)  # a second ESC starts the count again
    assert kept == "\x1b" + "y" * 10 + "\x1b" + "y" * SEQUENCE_ROOM


def test_after_a_pause_the_next_typed_key_passes():
    clock = FakeClock()
    governor, flood = _flooded(clock)
    flood.keep("q" * 5000)
    for _ in range(BURST):
        governor.allow()
    assert flood.keep("q" * 5000) == ""
    clock.advance(0.2)  # a person's pause after the flood
    assert flood.keep("*") == "*"
