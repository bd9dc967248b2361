"""The staff PIN hash as ``kiosk.yaml`` stores it: ``scrypt$n$r$p$salthex$hashhex``.

The ONE reader of that text, used both by ``kiosk validate`` (through the settings model) and by
the PIN check (:func:`kiosk.visit.staff.verify_pin`). With two readers a hash could pass the
first and fail the second: a hash missing its last character used to pass ``kiosk validate``, then
every PIN, the right one too, counted as wrong and staff locked themselves out.

It accepts exactly what ``kiosk set-pin`` writes (a 16-byte salt and a 32-byte hash), with cost
numbers bounded so a tampered file cannot make the kiosk spend gigabytes on one PIN. It lives in
the content layer because it is about ``kiosk.yaml``; it imports nothing of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEME = "scrypt"
SALT_BYTES = 16
KEY_BYTES = 32

# Limits on parameters read back from a file, so a tampered hash cannot eat the kiosk's memory.
MAX_N = 2**20
MAX_R = 32
MAX_P = 16
MAX_MEM = 256 * 1024 * 1024

#: The shape editors check (it is the JSON Schema's pattern); :func:`parse_pin_hash` checks the rest.
PIN_HASH_PATTERN = r"^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+$"

_HEX = re.compile(r"[0-9a-f]*")
_NUMBER = re.compile(r"[0-9]{1,10}")


class PinHashError(ValueError):
    """What is wrong with a stored hash, in staff's words (never containing the hash)."""


@dataclass(frozen=True)
class ScryptHash:
    n: int
    r: int
    p: int
    salt: bytes
    key: bytes

    @property
    def maxmem(self) -> int:
        return scrypt_maxmem(self.n, self.r, self.p)


def scrypt_maxmem(n: int, r: int, p: int) -> int:
    """The memory bound handed to ``hashlib.scrypt`` for these costs (what it needs, and a margin)."""
    return 128 * r * (n + p + 2) + 2 * 1024 * 1024


def parse_pin_hash(text: object) -> ScryptHash:
    """The parts of a stored hash; :class:`PinHashError` saying what is wrong otherwise."""
    if not isinstance(text, str):
        raise PinHashError("must be text, as 'kiosk set-pin' writes it")
    parts = text.split("$")
    if parts[0] != SCHEME:
        scheme = parts[0] if len(parts) > 1 and parts[0].isalnum() and len(parts[0]) <= 12 else ""
        said = f", not '{scheme}$'" if scheme else ""
        raise PinHashError(f"is not a PIN hash this kiosk can check: it must start with '{SCHEME}$', "
                           f"as 'kiosk set-pin' writes it{said}")
    if len(parts) != 6:
        raise PinHashError(f"is damaged: it must have 6 parts separated by '$' but has {len(parts)}")
    n_text, r_text, p_text, salt_hex, key_hex = parts[1:]
    if not all(_NUMBER.fullmatch(part) for part in (n_text, r_text, p_text)):
        raise PinHashError("is damaged: its 2nd to 4th parts must be whole numbers")
    n, r, p = int(n_text), int(r_text), int(p_text)
    if not (1 < n <= MAX_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P) \
            or scrypt_maxmem(n, r, p) > MAX_MEM:
        raise PinHashError("has cost numbers this kiosk does not accept (too large, or n not a power of two)")
    salt = _hex_part(salt_hex, SALT_BYTES, "salt (5th part)")
    key = _hex_part(key_hex, KEY_BYTES, "last part")
    return ScryptHash(n, r, p, salt, key)


def pin_hash_problem(text: object) -> str | None:
    """None for a hash :func:`parse_pin_hash` reads, else what is wrong."""
    try:
        parse_pin_hash(text)
    except PinHashError as exc:
        return str(exc)
    return None


def _hex_part(text: str, size: int, name: str) -> bytes:
    if _HEX.fullmatch(text) is None:
        raise PinHashError(f"is damaged: its {name} must be hex digits (0-9, a-f), and has other characters")
    if len(text) != 2 * size:
        raise PinHashError(f"is damaged: its {name} must be {2 * size} hex digits (0-9, a-f) but has {len(text)}, "
                           "so no PIN would ever match")
    return bytes.fromhex(text)
