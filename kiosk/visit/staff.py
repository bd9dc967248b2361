"""Staff PIN: salted scrypt hashing, checking with lockout, and ``kiosk set-pin``.

Owns the PIN rules (4-8 keypad digits), the hashing (the format ``scrypt$n$r$p$salthex$hashhex`` is
read by :mod:`kiosk.content.pin_hash`, as ``kiosk validate`` reads it), the wrong-PIN lockout, and the
one text edit of ``kiosk.yaml`` that stores a new hash. It must never keep a PIN beyond the
call that received it, never log or print one, never put one in an exception message, and never
touch anything in ``kiosk.yaml`` other than the ``staff: pin_hash:`` line. Time is injectable.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import logging
import math
import os
import re
import secrets
import sys
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.content.pin_hash import KEY_BYTES, SALT_BYTES, parse_pin_hash, pin_hash_problem, scrypt_maxmem
from kiosk.content.settings import SETTINGS_FILE, KioskSettings
from kiosk.host import exit_codes
from kiosk.host.clock import Clock, monotonic
from kiosk.visit.staff_lock import HeldLockout, LockoutUnavailable, LockState, SharedLockout

__all__ = [
    "GateResult",
    "GateStatus",
    "PinFileError",
    "StaffGate",
    "hash_pin",
    "set_pin_command",
    "set_pin_in_file",
    "validate_pin_format",
    "verify_pin",
]

log = logging.getLogger("kiosk")

PIN_RULE = "The PIN must be 4 to 8 digits (0-9), typed on the keypad."
_PIN_RE = re.compile(r"[0-9]{4,8}")


# --------------------------------------------------------------------------- hashing


def validate_pin_format(pin: str) -> str | None:
    """None if ``pin`` is 4-8 ASCII digits, else a message (which never contains the PIN)."""
    if not isinstance(pin, str) or _PIN_RE.fullmatch(pin) is None:
        return PIN_RULE
    return None


TRIVIAL_PIN = "That PIN is too easy to guess (one digit repeated, or a straight run up or down): choose another."
#: How many times ``kiosk set-pin`` asks before it gives up.
PIN_TRIES = 3


def trivial_pin_problem(pin: str) -> str | None:
    """A message if ``pin`` is guessable at a glance: all one digit, or a straight run up or
    down (1234, 98765, 7890); None otherwise. The message never contains the PIN."""
    digits = [int(ch) for ch in pin]
    steps = {(b - a) % 10 for a, b in zip(digits, digits[1:], strict=False)}
    return TRIVIAL_PIN if len(steps) == 1 and steps <= {0, 1, 9} else None


def hash_pin(pin: str, *, n: int = 2**14, r: int = 8, p: int = 1, salt: bytes | None = None) -> str:
    """Salted scrypt hash as ``scrypt$n$r$p$salthex$hashhex`` (16-byte salt, 32-byte key)."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                         maxmem=scrypt_maxmem(n, r, p))
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """True if ``pin`` matches ``stored``; False, never an exception, for anything malformed.

    ``stored`` is read by :func:`kiosk.content.pin_hash.parse_pin_hash`, the reader ``kiosk
    validate`` uses too, so a hash validation accepts is one this check can use."""
    try:
        parsed = parse_pin_hash(stored)
        if not isinstance(pin, str):
            return False
        got = hashlib.scrypt(pin.encode("utf-8"), salt=parsed.salt, n=parsed.n, r=parsed.r, p=parsed.p,
                             dklen=len(parsed.key), maxmem=parsed.maxmem)
        return hmac.compare_digest(got, parsed.key)
    except (ValueError, MemoryError, OverflowError, UnicodeError):
        return False


# --------------------------------------------------------------------------- lockout


class GateStatus(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN_SET = "no-pin-set"
    #: The lockout cannot be kept (the data folder cannot be written): every PIN is refused.
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class GateResult:
    """``attempts_left`` matters for WRONG, ``seconds_left`` (rounded up) for LOCKED."""

    status: GateStatus
    attempts_left: int = 0
    seconds_left: int = 0

    @property
    def ok(self) -> bool:
        return self.status is GateStatus.OK


class StaffGate:
    """Checks PINs against one hash; after ``max_attempts`` wrong PINs in a row, refuses every
    PIN (even the right one) for ``lockout_seconds``. A success resets the count.

    With ``shared`` (a :class:`~kiosk.visit.staff_lock.SharedLockout`, as every running kiosk
    has) the count and the lock are those of every kiosk process on the machine: each try reads
    them, counts itself and writes them back while holding the machine-wide lock, BEFORE the PIN
    is checked, so neither a second page nor a kill during the check gives a free try, and a data
    folder that cannot be written refuses every PIN (:attr:`GateStatus.UNAVAILABLE`, the reason
    in :attr:`unavailable`). Without it (tests of the rules alone) the count lives in memory.
    """

    def __init__(
        self,
        pin_hash: str | None,
        max_attempts: int = 5,
        lockout_seconds: float = 300,
        clock: Clock = monotonic,
        shared: SharedLockout | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.pin_hash = pin_hash
        self.max_attempts = max_attempts
        self.lockout_seconds = float(lockout_seconds)
        self._clock = clock
        self._shared = shared
        self._wrong = 0
        self._locked_until: float | None = None
        #: Why the last look at the shared lockout failed (for the log), or None.
        self.unavailable: str | None = None

    @classmethod
    def from_settings(
        cls, settings: KioskSettings, clock: Clock = monotonic, shared: SharedLockout | None = None
    ) -> StaffGate:
        staff = settings.staff
        return cls(staff.pin_hash, staff.max_attempts, staff.lockout_seconds, clock, shared)

    @property
    def wrong_count(self) -> int:
        return self._wrong

    @property
    def locked_until(self) -> float | None:
        return self._locked_until

    def restore(self, wrong: int, locked_until: float | None) -> None:
        """Carry the count of wrong PINs and the lock over to a gate built from new settings."""
        self._wrong = min(wrong, self.max_attempts)
        self._locked_until = locked_until

    def locked_seconds_left(self) -> int:
        """Whole seconds (rounded up) until PINs are accepted again; 0 when not locked.
        (This process's copy: :meth:`standing` reads the shared one first.)"""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            self._wrong = 0
            return 0
        return math.ceil(left)

    def standing(self) -> GateResult | None:
        """What a PIN typed now would meet before being checked: LOCKED (with the time left),
        UNAVAILABLE, or None when PINs are being accepted. For the PIN pad as it opens."""
        if not self.pin_hash:
            return GateResult(GateStatus.NO_PIN_SET)
        if self._shared is not None:
            try:
                with self._shared.held() as held:
                    self._adopt(held.load(self.lockout_seconds))
            except LockoutUnavailable as exc:
                self.unavailable = str(exc)
                return GateResult(GateStatus.UNAVAILABLE)
            self.unavailable = None
        locked = self.locked_seconds_left()
        return GateResult(GateStatus.LOCKED, seconds_left=locked) if locked else None

    def try_pin(self, pin: str) -> GateResult:
        if not self.pin_hash:
            return GateResult(GateStatus.NO_PIN_SET)
        if self._shared is None:
            return self._try(pin, None)
        try:
            with self._shared.held() as held:
                self._adopt(held.load(self.lockout_seconds))
                result = self._try(pin, held)
        except LockoutUnavailable as exc:
            self.unavailable = str(exc)
            return GateResult(GateStatus.UNAVAILABLE)
        self.unavailable = None
        return result

    def _adopt(self, state: LockState) -> None:
        """The shared count and lock replace this process's copy (they may have moved since)."""
        self._wrong = min(state.wrong, self.max_attempts)
        left = state.locked_seconds_left
        self._locked_until = self._clock() + left if left > 0 else None

    def _try(self, pin: str, held: HeldLockout | None) -> GateResult:
        locked = self.locked_seconds_left()
        if locked:
            return GateResult(GateStatus.LOCKED, seconds_left=locked)
        # Counted as wrong first, and written before the PIN is checked: a try that cannot be
        # counted is never checked, and a kill in the middle of the check still costs the try.
        wrong, locked_until = self._wrong, self._locked_until
        self._wrong += 1
        if self._wrong >= self.max_attempts:
            self._locked_until = self._clock() + self.lockout_seconds
        if held is not None:
            try:
                held.save(self._wrong, self.lockout_seconds if self._locked_until is not None else 0.0)
            except LockoutUnavailable:
                self._wrong, self._locked_until = wrong, locked_until
                raise
        if verify_pin(pin, self.pin_hash):
            self._wrong, self._locked_until = 0, None
            if held is not None:
                try:
                    held.save(0, 0.0)
                except LockoutUnavailable as exc:  # the try stays counted: the safe side; staff get in
                    log.warning("staff lockout: the right PIN could not reset the count of wrong ones: %s", exc)
            return GateResult(GateStatus.OK)
        if self._locked_until is not None:
            return GateResult(GateStatus.LOCKED, seconds_left=math.ceil(self.lockout_seconds))
        return GateResult(GateStatus.WRONG, attempts_left=self.max_attempts - self._wrong)


# --------------------------------------------------------------------------- kiosk.yaml edit


class PinFileError(Exception):
    """The settings file could not be changed; it was left as it was."""


_TOP_STAFF = re.compile(r"^staff[ \t]*:(?P<rest>.*)$")
_PIN_LINE = re.compile(
    r"^(?P<indent>[ \t]+)pin_hash[ \t]*:[ \t]*(?:\"[^\"]*\"|'[^']*'|[^#\s]*)(?P<gap>[ \t]*)(?P<comment>#.*)?$"
)
_FLOW_PIN = re.compile(r"pin_hash[ \t]*:[ \t]*(?:\"[^\"]*\"|'[^']*'|[^,}\s]*)")


def set_pin_in_file(settings_path: Path, pin_hash: str) -> None:
    """Store ``pin_hash`` as ``staff: pin_hash:`` in ``kiosk.yaml``, keeping every other line and
    comment. The result is checked as YAML + :class:`KioskSettings`; if that fails the original
    text stays (or is put back) and :class:`PinFileError` is raised."""
    settings_path = Path(settings_path)
    if pin_hash_problem(pin_hash):
        raise PinFileError("not a scrypt PIN hash")
    try:
        original = settings_path.read_bytes().decode("utf-8") if settings_path.exists() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise PinFileError(f"{settings_path} cannot be read: {exc}") from None
    before = _settings_problem(original, None) if original is not None else None
    try:
        new_text = _with_pin_hash(original or "", pin_hash)
    except PinFileError as exc:
        raise PinFileError(f"{settings_path}: {exc}; the file was not changed.") from None
    problem = _settings_problem(new_text, pin_hash)
    if problem:  # (an empty "staff:" is invalid before and fine after: that is not refused)
        if before:
            raise PinFileError(f"{settings_path} has a problem already ({before}); fix it first (kiosk validate).")
        raise PinFileError(f"could not add the PIN hash to {settings_path} ({problem}); the file was not changed.")
    _write_atomic(settings_path, new_text)
    try:
        written = settings_path.read_bytes().decode("utf-8")
        problem = _settings_problem(written, pin_hash)
    except (OSError, UnicodeDecodeError) as exc:
        problem = str(exc)
    if problem:
        if original is None:
            settings_path.unlink(missing_ok=True)
        else:
            _write_atomic(settings_path, original)
        raise PinFileError(f"{settings_path} did not read back correctly ({problem}); the original was restored.")


def _with_pin_hash(text: str, pin_hash: str) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    value = f'"{pin_hash}"'
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        top = _TOP_STAFF.match(body)
        if top is None:
            continue
        rest = top.group("rest").strip()
        rest_value = rest.split("#", 1)[0].strip() if not rest.startswith(("{", "'", '"')) else rest
        if rest_value in ("", "null", "~"):  # block form (or empty): edit the indented lines
            if rest_value:
                comment = rest[rest.index("#"):] if "#" in rest else ""
                lines[i] = f"staff:{' ' + comment if comment else ''}{newline}"
            return _set_in_block(lines, i, value, newline)
        if rest.startswith("{"):  # one-line flow mapping: staff: {max_attempts: 3}
            start = body.index("{")
            end = body.rindex("}")
            inner = body[start + 1:end]
            if _FLOW_PIN.search(inner):
                inner = _FLOW_PIN.sub(lambda _m: f"pin_hash: {value}", inner, count=1)
            elif inner.strip():
                inner = inner.rstrip() + f", pin_hash: {value}"
            else:
                inner = f"pin_hash: {value}"
            lines[i] = body[: start + 1] + inner + body[end:] + newline
            return "".join(lines)
        raise PinFileError(
            "the staff: section has a form this tool cannot edit; write it as 'staff:' with indented lines"
        )
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    lines.append(f"staff:{newline}  pin_hash: {value}{newline}")
    return "".join(lines)


def _set_in_block(lines: list[str], staff_index: int, value: str, newline: str) -> str:
    """Replace ``pin_hash:`` among the children of the block ``staff:`` at ``staff_index``,
    or insert it as the first child."""
    child_indent: str | None = None
    for j in range(staff_index + 1, len(lines)):
        body = lines[j].rstrip("\r\n")
        stripped = body.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = body[: len(body) - len(body.lstrip(" \t"))]
        if not indent:
            break  # next top-level key: end of the staff block
        if child_indent is None:
            child_indent = indent
        if indent != child_indent:
            continue
        pin = _PIN_LINE.match(body)
        if pin:
            comment = pin.group("comment")
            tail = f"{pin.group('gap') or ' '}{comment}" if comment else ""
            lines[j] = f"{indent}pin_hash: {value}{tail}{newline}"
            return "".join(lines)
    indent = child_indent or "  "
    if not lines[staff_index].endswith(("\n", "\r")):
        lines[staff_index] += newline
    lines.insert(staff_index + 1, f"{indent}pin_hash: {value}{newline}")
    return "".join(lines)


def _settings_problem(text: str, expect_hash: str | None) -> str | None:
    """None if ``text`` is a valid settings file (holding ``expect_hash`` when given)."""
    from pydantic import ValidationError  # as PyYAML: only when a PIN is set

    from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        return f"line {exc.line}: {exc.message}" if exc.line else exc.message
    if doc.duplicate_keys:
        path, line = doc.duplicate_keys[0]
        return f"line {line}: {'.'.join(map(str, path))} is written twice"
    try:
        settings = KioskSettings.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        return f"{'.'.join(map(str, err['loc'])) or '(file)'}: {err['msg']}"
    if expect_hash is not None and settings.staff.pin_hash != expect_hash:
        return "staff.pin_hash did not take the new value"
    return None


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- CLI


def set_pin_command(args) -> int:
    """``kiosk set-pin --content DIR``: ask twice (hidden), store the hash. OK when done, CONTENT when refused.

    A PIN of the wrong length or a trivial one (1111, 1234) is refused and asked for again,
    up to :data:`PIN_TRIES` times."""
    content = Path(args.content)
    if not content.is_dir():
        print(f"{content}: no such content folder.", file=sys.stderr)
        return exit_codes.CONTENT
    settings_path = content / SETTINGS_FILE
    try:
        for attempt in range(PIN_TRIES):
            first = getpass.getpass("New staff PIN (4 to 8 digits, hidden): ")
            problem = validate_pin_format(first) or trivial_pin_problem(first)
            if not problem:
                break
            # asked again, not ended: a typo should not mean starting over
            more = " Try again." if attempt + 1 < PIN_TRIES else " Nothing was changed."
            print(f"{problem}{more}", file=sys.stderr)
        else:
            return exit_codes.CONTENT
        second = getpass.getpass("Type the same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nNo PIN was set.", file=sys.stderr)
        return exit_codes.CONTENT
    same = hmac.compare_digest(first.encode("utf-8"), second.encode("utf-8"))
    pin_hash = hash_pin(first) if same else None
    del first, second
    if pin_hash is None:
        print("The two PINs were not the same. Nothing was changed.", file=sys.stderr)
        return exit_codes.CONTENT
    try:
        set_pin_in_file(settings_path, pin_hash)
    except PinFileError as exc:
        print(f"PIN not set: {exc}", file=sys.stderr)
        return exit_codes.CONTENT
    from kiosk.content.yaml_source import parse_yaml

    saved = parse_yaml(settings_path.read_text(encoding="utf-8")).data or {}
    entry_keys = KioskSettings.model_validate(saved).staff.entry_keys
    print(f"PIN set. Staff mode opens with {entry_keys}, then the PIN.")
    return exit_codes.OK
