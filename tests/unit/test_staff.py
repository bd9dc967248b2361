"""Staff PIN: salted scrypt hash, lockout, and the kiosk.yaml edit of ``kiosk set-pin``."""

from __future__ import annotations

import argparse
import getpass

import pytest
import yaml

from kiosk.content.settings import KioskSettings, StaffSettings
from kiosk.host.clock import FakeClock
from kiosk.visit import staff
from kiosk.visit.staff import (
    GateResult,
    GateStatus,
    PinFileError,
    StaffGate,
    hash_pin,
    set_pin_command,
    set_pin_in_file,
    validate_pin_format,
    verify_pin,
)

PIN = "73915428"  # 8 digits: cannot turn up by chance inside 96 hex digits of salt and hash
FIXED_SALT = bytes(range(16))
FAST = {"n": 2**8}  # small scrypt cost where the test is about the gate, not the hash


@pytest.fixture(scope="module")
def fast_hash() -> str:
    return hash_pin(PIN, **FAST)


# ---------------------------------------------------------------------- hashing


def test_hash_round_trip_and_format():
    stored = hash_pin(PIN)
    assert verify_pin(PIN, stored)
    scheme, n, r, p, salt, key = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(key)) == 32
    assert StaffSettings(pin_hash=stored).pin_hash == stored  # the pattern the settings file accepts
    assert PIN not in stored


def test_wrong_pin_is_refused(fast_hash):
    assert not verify_pin("73915429", fast_hash)
    assert not verify_pin("", fast_hash)
    assert not verify_pin(PIN[:-1], fast_hash)


def test_salt_differs_between_two_hashes_of_the_same_pin():
    a, b = hash_pin(PIN, **FAST), hash_pin(PIN, **FAST)
    assert a != b and a.split("$")[4] != b.split("$")[4]
    assert verify_pin(PIN, a) and verify_pin(PIN, b)


def test_fixed_salt_is_deterministic():
    assert hash_pin(PIN, salt=FIXED_SALT, **FAST) == hash_pin(PIN, salt=FIXED_SALT, **FAST)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "",
        "plain",
        "scrypt$16384$8$1$00ff",
        "bcrypt$16384$8$1$00ff$00ff",
        "scrypt$1000$8$1$00112233445566778899aabbccddeeff$" + "00" * 32,  # n not a power of two
        "scrypt$1073741824$8$1$00112233445566778899aabbccddeeff$" + "00" * 32,  # absurd memory
        "scrypt$16384$8$1$0$" + "00" * 32,  # odd hex
        "scrypt$16384$8$1$00112233445566778899aabbccddeeff$00",  # key too short
        "scrypt$16384$8$1$00112233445566778899AABBCCDDEEFF$" + "00" * 32,
        "scrypt$16384$0$1$00112233445566778899aabbccddeeff$" + "00" * 32,
        "scrypt$16384$8$1$00112233445566778899aabbccddeeff$" + "00" * 32 + "\n",
    ],
)
def test_malformed_hash_is_false_not_an_error(stored):
    assert verify_pin(PIN, stored) is False


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: good[:-1],  # the last character lost in a copy-paste
        lambda good: good[:-2],  # a whole byte lost: still even hex, still no match
        lambda good: good.replace("scrypt$", "bcrypt$", 1),
        lambda good: good.replace("$", "$$", 1),
        lambda good: good.upper(),
        lambda good: good[:20] + " " + good[20:],
    ],
    ids=["last-character", "last-byte", "scheme", "parts", "upper-case", "space"],
)
def test_settings_refuse_every_hash_the_pin_check_cannot_use(fast_hash, damage):
    """kiosk validate and the PIN check read the hash with one parser: a hash that passed the first
    but failed the second made the right PIN count as wrong, and staff locked themselves out."""
    from pydantic import ValidationError

    damaged = damage(fast_hash)
    assert verify_pin(PIN, fast_hash) and not verify_pin(PIN, damaged)
    with pytest.raises(ValidationError, match="set-pin|damaged|scrypt"):
        StaffSettings(pin_hash=damaged)


@pytest.mark.parametrize("pin", ["1234", "00000000", "987654"])
def test_pin_format_accepts_4_to_8_digits(pin):
    assert validate_pin_format(pin) is None


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", " 1234", "1234 ", "１２３４", "²³⁴⁵", "12-34"])
def test_pin_format_refuses_others_without_echoing(pin):
    message = validate_pin_format(pin)
    assert message and "4 to 8 digits" in message
    assert not pin.strip() or pin.strip() not in message


# ---------------------------------------------------------------------- lockout


def test_lockout_after_five_wrong_pins(fast_hash):
    clock = FakeClock()
    gate = StaffGate(fast_hash, max_attempts=5, lockout_seconds=300, clock=clock)
    for left in (4, 3, 2, 1):
        assert gate.try_pin("0000") == GateResult(GateStatus.WRONG, attempts_left=left)
    assert gate.try_pin("0000") == GateResult(GateStatus.LOCKED, seconds_left=300)
    clock.advance(299)
    assert gate.try_pin(PIN) == GateResult(GateStatus.LOCKED, seconds_left=1)  # even the right PIN
    assert gate.locked_seconds_left() == 1
    clock.advance(1)
    assert gate.locked_seconds_left() == 0
    assert gate.try_pin(PIN).ok


def test_after_the_lockout_the_attempts_start_afresh(fast_hash):
    clock = FakeClock()
    gate = StaffGate(fast_hash, max_attempts=3, lockout_seconds=60, clock=clock)
    for _ in range(3):
        gate.try_pin("1111")
    clock.advance(60)
    assert gate.try_pin("1111") == GateResult(GateStatus.WRONG, attempts_left=2)


def test_success_resets_the_count(fast_hash):
    gate = StaffGate(fast_hash, max_attempts=5, clock=FakeClock())
    for _ in range(4):
        gate.try_pin("0000")
    assert gate.try_pin(PIN).status is GateStatus.OK
    for left in (4, 3, 2, 1):
        assert gate.try_pin("0000").attempts_left == left


@pytest.mark.parametrize("pin_hash", [None, ""])
def test_no_pin_set(pin_hash):
    gate = StaffGate(pin_hash, clock=FakeClock())
    assert gate.try_pin("1234") == GateResult(GateStatus.NO_PIN_SET)
    assert not gate.try_pin("1234").ok


def test_gate_never_keeps_the_pin(fast_hash):
    gate = StaffGate(fast_hash, clock=FakeClock())
    gate.try_pin(PIN)
    gate.try_pin("55555555")
    held = " ".join(repr(v) for v in vars(gate).values())
    assert PIN not in held and "55555555" not in held


def test_gate_from_settings(fast_hash):
    settings = KioskSettings(staff=StaffSettings(pin_hash=fast_hash, max_attempts=2, lockout_seconds=10))
    gate = StaffGate.from_settings(settings, clock=FakeClock())
    assert gate.try_pin("0000").attempts_left == 1
    assert gate.try_pin("0000") == GateResult(GateStatus.LOCKED, seconds_left=10)


# ---------------------------------------------------------------------- kiosk.yaml edit

COMMENTED = """\
# Settings for the Riverside clinic kiosk.
clinic_name: Riverside Clinic   # shown on the attract screen

emergency:
  number: "112"  # Europe
  banner: Chest pain? Tell the front desk now.

# Staff keys: ask the practice manager.
staff:
  # PIN hash, written by kiosk set-pin
  pin_hash: "scrypt$16384$8$1$00112233445566778899aabbccddeeff$00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"  # old
  max_attempts: 4
  entry_keys: "0--0"

idle:
  timeout_seconds: 120  # longer for our patients
"""  # noqa: E501 - the full-length pin_hash line is part of the YAML under test


@pytest.fixture
def new_hash() -> str:
    value = hash_pin(PIN, salt=FIXED_SALT, **FAST)
    assert PIN not in value
    return value


def load(path):
    return KioskSettings.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_set_pin_replaces_the_hash_and_keeps_comments_and_keys(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    set_pin_in_file(path, new_hash)
    text = path.read_text(encoding="utf-8")
    old_lines = COMMENTED.splitlines()
    new_lines = text.splitlines()
    assert len(new_lines) == len(old_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [(old_lines[10], f'  pin_hash: "{new_hash}"  # old')]
    settings = load(path)
    assert settings.staff.pin_hash == new_hash
    assert (settings.staff.max_attempts, settings.staff.entry_keys) == (4, "0--0")
    assert settings.emergency.number == "112" and settings.idle.timeout_seconds == 120
    assert PIN.encode() not in path.read_bytes()


def test_set_pin_adds_pin_hash_to_an_existing_staff_section(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    original = "clinic_name: Riverside\nstaff:\n    max_attempts: 3   # strict\nidle:\n    warning_seconds: 40\n"
    path.write_text(original, encoding="utf-8")
    set_pin_in_file(path, new_hash)
    text = path.read_text(encoding="utf-8")
    assert text == original.replace("staff:\n", f'staff:\n    pin_hash: "{new_hash}"\n')
    settings = load(path)
    assert settings.staff.pin_hash == new_hash and settings.staff.max_attempts == 3
    assert settings.idle.warning_seconds == 40


def test_set_pin_adds_the_staff_section_when_absent(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    original = "# Our kiosk\nclinic_name: Riverside  # name\nspeech: {rate_steps: [120, 150, 200]}"  # no final newline
    path.write_text(original, encoding="utf-8")
    set_pin_in_file(path, new_hash)
    text = path.read_text(encoding="utf-8")
    assert text == original + f'\nstaff:\n  pin_hash: "{new_hash}"\n'
    assert load(path).staff.pin_hash == new_hash
    assert load(path).speech.rate_steps == [120, 150, 200]
    assert PIN.encode() not in path.read_bytes()


@pytest.mark.parametrize(
    ("staff_line", "expect_inline"),
    [
        ("staff: {}", False),
        ("staff: {}  # keys", False),
        ("staff:   # keys", False),
        ("staff: null  # keys", False),
        ("staff: ~", False),
        ("staff: {max_attempts: 3}", True),
        ("staff: {max_attempts: 3, pin_hash: null}  # keys", True),
    ],
)
def test_set_pin_handles_empty_and_flow_staff_sections(tmp_path, new_hash, staff_line, expect_inline):
    path = tmp_path / "kiosk.yaml"
    path.write_text(f"clinic_name: X\n{staff_line}\nidle:\n  timeout_seconds: 60\n", encoding="utf-8")
    set_pin_in_file(path, new_hash)
    settings = load(path)
    assert settings.staff.pin_hash == new_hash and settings.idle.timeout_seconds == 60
    if expect_inline:
        assert settings.staff.max_attempts == 3
    if "# keys" in staff_line:
        assert "# keys" in path.read_text(encoding="utf-8")


def test_set_pin_twice_keeps_one_pin_hash_line(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    path.write_text("clinic_name: X\n", encoding="utf-8")
    set_pin_in_file(path, hash_pin("1111", **FAST))
    set_pin_in_file(path, new_hash)
    text = path.read_text(encoding="utf-8")
    assert text.count("pin_hash:") == 1 and text.count("staff:") == 1
    assert load(path).staff.pin_hash == new_hash


def test_set_pin_keeps_windows_line_endings(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    path.write_bytes(b"clinic_name: X\r\nstaff:\r\n  max_attempts: 3\r\n")
    set_pin_in_file(path, new_hash)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == 4 and raw.count(b"\n") == 4
    assert load(path).staff.pin_hash == new_hash


def test_set_pin_refuses_a_file_that_is_already_invalid(tmp_path, new_hash):
    path = tmp_path / "kiosk.yaml"
    original = "clinic_name: X\ncolour: blue\n"
    path.write_text(original, encoding="utf-8")
    with pytest.raises(PinFileError) as info:
        set_pin_in_file(path, new_hash)
    assert "colour" in str(info.value)
    assert path.read_text(encoding="utf-8") == original


def test_set_pin_refuses_something_that_is_not_a_hash(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text("clinic_name: X\n", encoding="utf-8")
    with pytest.raises(PinFileError) as info:
        set_pin_in_file(path, PIN)
    assert PIN not in str(info.value)
    assert path.read_text(encoding="utf-8") == "clinic_name: X\n"


def test_set_pin_restores_the_original_when_the_written_file_does_not_validate(tmp_path, new_hash, monkeypatch):
    path = tmp_path / "kiosk.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    real_write = staff._write_atomic
    calls = []

    def broken_write(target, text):  # e.g. a disk that mangles the first write
        calls.append(text)
        real_write(target, text + ("\nnot_a_setting: 1\n" if len(calls) == 1 else ""))

    monkeypatch.setattr(staff, "_write_atomic", broken_write)
    with pytest.raises(PinFileError, match="restored"):
        set_pin_in_file(path, new_hash)
    assert path.read_text(encoding="utf-8") == COMMENTED


# ---------------------------------------------------------------------- kiosk set-pin


def answers(monkeypatch, *typed):
    queue = list(typed)
    prompts = []

    def fake_getpass(prompt=""):
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


@pytest.fixture
def content(tmp_path):
    (tmp_path / "kiosk.yaml").write_text("# settings\nclinic_name: X\nstaff:\n  entry_keys: '-0-0'\n", encoding="utf-8")
    return tmp_path


def test_set_pin_command_stores_a_hash(content, monkeypatch, capsys):
    prompts = answers(monkeypatch, PIN, PIN)
    assert set_pin_command(argparse.Namespace(content=content)) == 0
    out, err = capsys.readouterr()
    assert out == "PIN set. Staff mode opens with -0-0, then the PIN.\n"
    assert PIN not in out + err + "".join(prompts)
    stored = load(content / "kiosk.yaml").staff.pin_hash
    assert verify_pin(PIN, stored)
    assert PIN.encode() not in (content / "kiosk.yaml").read_bytes()
    assert (content / "kiosk.yaml").read_text(encoding="utf-8").startswith("# settings\n")


def test_set_pin_command_mismatch_changes_nothing(content, monkeypatch, capsys):
    before = (content / "kiosk.yaml").read_bytes()
    answers(monkeypatch, PIN, "73915420")
    assert set_pin_command(argparse.Namespace(content=content)) == 2
    out, err = capsys.readouterr()
    assert "not the same" in err
    assert PIN not in out + err and "73915420" not in out + err
    assert (content / "kiosk.yaml").read_bytes() == before


@pytest.mark.parametrize("bad", ["123", "123456789", "12ab", ""])
def test_set_pin_command_bad_format(content, monkeypatch, capsys, bad):
    before = (content / "kiosk.yaml").read_bytes()
    prompts = answers(monkeypatch, bad, bad, bad)
    assert set_pin_command(argparse.Namespace(content=content)) == 2
    out, err = capsys.readouterr()
    assert "4 to 8 digits" in err
    assert len(prompts) == 3  # asked again, never asked to confirm a bad PIN
    if bad:
        assert bad not in out + err
    assert (content / "kiosk.yaml").read_bytes() == before


def test_set_pin_command_interrupted(content, monkeypatch, capsys):
    def interrupted(prompt=""):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", interrupted)
    assert set_pin_command(argparse.Namespace(content=content)) == 2
    assert "No PIN was set" in capsys.readouterr().err


def test_set_pin_command_without_content_folder(tmp_path, monkeypatch, capsys):
    answers(monkeypatch, PIN, PIN)
    assert set_pin_command(argparse.Namespace(content=tmp_path / "missing")) == 2
    assert "no such content folder" in capsys.readouterr().err


def test_set_pin_asks_again_after_a_short_pin(content, monkeypatch, capsys):
    prompts = answers(monkeypatch, "123", PIN, PIN)
    assert set_pin_command(argparse.Namespace(content=content)) == 0
    assert len(prompts) == 3
    assert "Try again" in capsys.readouterr().err
    assert verify_pin(PIN, load(content / "kiosk.yaml").staff.pin_hash)


@pytest.mark.parametrize("trivial", ["1111", "00000000", "1234", "4321", "0123", "98765", "7890"])
def test_set_pin_refuses_trivial_pins(content, monkeypatch, capsys, trivial):
    before = (content / "kiosk.yaml").read_bytes()
    answers(monkeypatch, trivial, trivial, trivial)
    assert set_pin_command(argparse.Namespace(content=content)) == 2
    out, err = capsys.readouterr()
    assert "too easy to guess" in err and trivial not in out + err
    assert (content / "kiosk.yaml").read_bytes() == before
