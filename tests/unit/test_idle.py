"""IdlePolicy: the "Are you still there?" warning and the reset (K-T1, K-T2)."""

from __future__ import annotations

import pytest

from kiosk.content.settings import IdleSettings
from kiosk.host.clock import FakeClock
from kiosk.visit.idle import ACTIVE, RESET, IdlePhase, IdlePolicy, IdleState


def make(timeout=90, warning=30, factor=2.0):
    """A policy someone has just used (an untouched kiosk is never idle, see below)."""
    clock = FakeClock()
    policy = IdlePolicy(timeout, warning, factor, clock)
    policy.touch()
    return policy, clock


def poll(policy, busy=False, speech_mode=False):
    return policy.state(speech_busy=busy, speech_mode=speech_mode)


def test_active_until_timeout_then_warning_counts_down():
    """K-T1: after the quiet time the kiosk warns, with whole seconds left counting down."""
    policy, clock = make()
    clock.advance(89.9)
    assert poll(policy) == ACTIVE
    clock.advance(0.1)
    assert poll(policy) == IdleState(IdlePhase.WARNING, seconds_left=30, total=30)
    clock.advance(0.5)
    assert poll(policy).seconds_left == 30  # rounded up: never shows 0 before the reset
    clock.advance(0.5)
    assert poll(policy).seconds_left == 29
    clock.advance(28.5)
    state = poll(policy)
    assert state.is_warning and state.seconds_left == 1


def test_reset_after_the_warning():
    """K-T1: the reset comes only after the whole warning (at least 20 s by default settings)."""
    policy, clock = make()
    clock.advance(90 + 29.99)
    assert poll(policy).is_warning
    clock.advance(0.01)
    assert poll(policy) == RESET
    assert poll(policy).is_reset


def test_any_input_during_the_warning_continues():
    """K-T1: any key during the warning continues the session."""
    policy, clock = make()
    clock.advance(100)
    assert poll(policy).is_warning
    policy.touch()
    assert poll(policy) == ACTIVE
    clock.advance(89)
    assert poll(policy) == ACTIVE
    clock.advance(1)
    assert poll(policy).seconds_left == 30  # a full warning again, not what was left


def test_continue_ten_times_in_a_row_never_resets():
    """K-T1: continuing is allowed again and again."""
    policy, clock = make()
    for _ in range(10):
        clock.advance(90 + 29)
        state = poll(policy)
        assert state.is_warning and state.seconds_left == 1
        policy.touch()
        assert poll(policy) == ACTIVE
    clock.advance(119)
    assert not poll(policy).is_reset


def test_speech_busy_holds_off_idle_indefinitely():
    """K-T2: while speech is reading the kiosk is not idle, however long it reads."""
    policy, clock = make()
    for _ in range(1000):  # an hour of reading, polled every 3.6 s
        clock.advance(3.6)
        assert poll(policy, busy=True) == ACTIVE


def test_countdown_starts_only_after_speech_ends():
    """K-T2: quiet time is counted from the end of speech, not from the last key."""
    policy, clock = make()
    for _ in range(200):
        clock.advance(1)
        assert poll(policy, busy=True) == ACTIVE
    # speech ended at the last busy poll
    clock.advance(89)
    assert poll(policy) == ACTIVE
    clock.advance(1)
    assert poll(policy).seconds_left == 30
    clock.advance(30)
    assert poll(policy) == RESET


def test_speech_during_the_warning_does_not_continue_it():
    """K-T1/K-T2: the warning is spoken aloud; that speech must not keep an empty kiosk alive."""
    policy, clock = make()
    clock.advance(90)
    assert poll(policy).is_warning
    clock.advance(5)
    state = poll(policy, busy=True)  # the kiosk is reading "Are you still there?"
    assert state.is_warning and state.seconds_left == 25
    clock.advance(25)
    assert poll(policy, busy=True) == RESET


def test_speech_after_continuing_holds_off_again():
    """K-T2: once the person continues, their speech keeps the kiosk active again."""
    policy, clock = make()
    clock.advance(95)
    assert poll(policy).is_warning
    policy.touch()
    clock.advance(500)
    assert poll(policy, busy=True) == ACTIVE


def test_speech_mode_has_the_longer_timeout():
    """K-T1: with speech on, the quiet time is multiplied by speech_factor."""
    policy, clock = make(timeout=90, factor=2.0)
    assert policy.timeout_for(speech_mode=True) == 180
    clock.advance(179)
    assert poll(policy, speech_mode=True) == ACTIVE
    clock.advance(1)
    assert poll(policy, speech_mode=True).seconds_left == 30
    clock.advance(30)
    assert poll(policy, speech_mode=True) == RESET
    plain, plain_clock = make(timeout=90, factor=2.0)
    plain_clock.advance(90)
    assert poll(plain, speech_mode=False).is_warning


def test_reset_restarts_the_policy():
    """K-T1: after a reset the kiosk is fresh: a full timeout before the next warning."""
    policy, clock = make()
    clock.advance(120)
    assert poll(policy) == RESET
    policy.reset()
    policy.touch()  # the next person
    assert poll(policy) == ACTIVE
    clock.advance(89)
    assert poll(policy) == ACTIVE
    clock.advance(1)
    assert poll(policy).is_warning


def test_reset_forgets_speech_that_was_busy():
    """K-T2: a reset starts the quiet time afresh even if speech was busy before it."""
    policy, clock = make()
    clock.advance(10)
    poll(policy, busy=True)
    clock.advance(5)
    policy.reset()
    policy.touch()  # the next person
    clock.advance(90)
    assert poll(policy).is_warning


def test_from_settings_and_trial_overrides():
    """K-T1: the settings file's warning is at least 20 s; the CLI may pass shorter trial values."""
    clock = FakeClock()
    policy = IdlePolicy.from_settings(IdleSettings(), clock)
    assert (policy.timeout_seconds, policy.warning_seconds, policy.speech_factor) == (90, 30, 2.0)
    with pytest.raises(ValueError):
        IdleSettings(warning_seconds=2)
    trial = IdlePolicy.from_settings(IdleSettings(), clock, timeout_seconds=5, warning_seconds=2)
    trial.touch()
    clock.advance(5)
    assert trial.state(False, False) == IdleState(IdlePhase.WARNING, seconds_left=2, total=2)
    clock.advance(2)
    assert trial.state(False, False) == RESET


@pytest.mark.parametrize("args", [(0, 30, 2), (90, 0, 2), (90, 30, 0.5)])
def test_bad_values_are_refused(args):
    with pytest.raises(ValueError):
        IdlePolicy(*args, clock=FakeClock())


def test_an_untouched_kiosk_never_warns_or_resets():
    """An untouched kiosk on home cycled for ever between home and the warning,
    counting a reset each time. Only use since the last reset makes it idle."""
    clock = FakeClock()
    policy = IdlePolicy(90, 30, 2.0, clock)
    for _ in range(20):
        clock.advance(60)
        assert poll(policy) == ACTIVE
    policy.touch()
    clock.advance(120)
    assert poll(policy) == RESET
    policy.reset()
    for _ in range(20):
        clock.advance(60)
        assert poll(policy) == ACTIVE
        assert not policy.used
