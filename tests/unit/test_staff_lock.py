"""The staff PIN lockout is one state for every kiosk process on the machine, and fails closed.

Each kiosk here is a real process (as each page of ``kiosk serve`` is), built from the content
folder exactly as a running kiosk is, and driven one PIN at a time through a pipe, so the tries
of two kiosks interleave in a known order with no sleeps.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.visit.staff import hash_pin, set_pin_in_file
from kiosk.visit.staff_lock import LOCK_FILE
from tests.conftest import CONTENT

PIN = "2468"
WRONG = "1357"
MAX_ATTEMPTS = 5  # the shipped kiosk.yaml's staff.max_attempts

#: One kiosk's controller; reads a PIN per line, answers "status attempts_left seconds_left".
KIOSK = """
import sys
from kiosk.content.content_path import load_content
from kiosk.visit.controller import KioskController

result = load_content(sys.argv[1])
assert result.ok, result.problems
kiosk = KioskController(result.library)
print("ready", flush=True)
for line in sys.stdin:
    answer = kiosk.try_pin(line.strip())
    print(answer.status.value, answer.attempts_left, answer.seconds_left, flush=True)
"""


class Kiosk:
    """One kiosk process, as a page of `kiosk serve` or the console kiosk runs one."""

    def __init__(self, content: Path, prefix: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            [*(prefix or []), sys.executable, "-c", KIOSK, str(content)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self._expect("ready")

    def _expect(self, word: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(word) and word == "ready":
            self.process.kill()
            raise AssertionError(f"the kiosk did not start: {self.process.communicate()[1][-2000:]}")
        return line

    def try_pin(self, pin: str) -> tuple[str, int]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(pin + "\n")
        self.process.stdin.flush()
        status, attempts_left, _seconds = self.process.stdout.readline().split()
        return status, int(attempts_left)

    def close(self) -> str:
        """Ends the kiosk; its log (stderr)."""
        _out, err = self.process.communicate(input="", timeout=60)
        return err


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("var"))
    set_pin_in_file(folder / "kiosk.yaml", hash_pin(PIN, n=2**4))
    settings = folder / "kiosk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"data_dir: {tmp_path / 'data'}\n", encoding="utf-8")
    return folder


def test_two_kiosks_trying_wrong_pins_in_turn_share_one_count(content, tmp_path):
    """Page A locked after 5 wrong PINs; page B, opened before, still had "4 tries left", and its
    wrong PIN overwrote the lock file and wiped A's lock. Together they now get one kiosk's tries."""
    pages = [Kiosk(content), Kiosk(content)]  # both open before any PIN is typed
    try:
        answers = []
        while not answers or answers[-1][0] != "locked":
            assert len(answers) < 2 * MAX_ATTEMPTS, f"no lockout after {answers}"
            answers.append(pages[len(answers) % 2].try_pin(WRONG))
        assert answers == [("wrong", left) for left in range(MAX_ATTEMPTS - 1, 0, -1)] + [("locked", 0)]
        # Locked for both, even for the right PIN, and for a page opened now.
        assert pages[0].try_pin(PIN)[0] == pages[1].try_pin(PIN)[0] == "locked"
        later = Kiosk(content)
        assert later.try_pin(PIN)[0] == "locked"
        later.close()
    finally:
        for page in pages:
            page.close()
    saved = json.loads((tmp_path / "data" / LOCK_FILE).read_text(encoding="utf-8"))
    # No PIN typed is kept: the words of the file are its keys and any text value; its numbers
    # (counts, times) may hold any digits, so a time like 1764872468.1 is not a PIN kept.
    words = [*saved, *(value for value in saved.values() if isinstance(value, str))]
    assert not any(PIN in word or WRONG in word for word in words), saved
    assert all(isinstance(value, int | float | str | None) for value in saved.values())


def test_a_right_pin_on_one_page_clears_the_count_for_the_other(content):
    pages = [Kiosk(content), Kiosk(content)]
    try:
        assert pages[0].try_pin(WRONG) == ("wrong", 4)
        assert pages[1].try_pin(WRONG) == ("wrong", 3)
        assert pages[1].try_pin(PIN) == ("ok", 0)
        assert pages[0].try_pin(WRONG) == ("wrong", 4)  # a fresh count, as after a success on one kiosk
    finally:
        for page in pages:
            page.close()


def _read_only_prefix(folder: Path) -> list[str]:
    """Runs the command with ``folder`` mounted read-only for it alone (a private mount namespace:
    root writes through a plain chmod, and nothing outside the test sees the mount)."""
    unshare = shutil.which("unshare")
    probe = [unshare, "-rm", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0"', str(folder)]
    if unshare is None or subprocess.run(probe, capture_output=True).returncode != 0:
        pytest.skip("needs unshare and user namespaces to mount a folder read-only")
    return [unshare, "-rm", "sh", "-c",
            'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"', str(folder)]


def test_a_read_only_data_folder_refuses_staff_mode_instead_of_giving_fresh_tries(content, tmp_path):
    """With a read-only data folder the lockout did not survive a restart: each start gave 5 more."""
    data = tmp_path / "data"
    first = Kiosk(content)
    for left in (4, 3):
        assert first.try_pin(WRONG) == ("wrong", left)
    first.close()
    before = (data / LOCK_FILE).read_bytes()

    restarted = Kiosk(content, prefix=_read_only_prefix(data))  # the same folder, now read-only
    answers = [restarted.try_pin(pin) for pin in (WRONG, WRONG, WRONG, WRONG, PIN)]
    log = restarted.close()
    assert answers == [("unavailable", 0)] * 5  # not one PIN checked, the right one neither
    assert "staff mode refused" in log and str(data) in log and "Read-only file system" in log
    assert (data / LOCK_FILE).read_bytes() == before

    writable_again = Kiosk(content)
    assert writable_again.try_pin(WRONG) == ("wrong", 2)  # the count went on from where it was
    writable_again.close()


def test_a_data_folder_that_cannot_be_made_refuses_staff_mode(content, tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be", encoding="utf-8")
    kiosk = Kiosk(content)
    assert kiosk.try_pin(PIN) == ("unavailable", 0)
    assert "staff mode refused" in kiosk.close()


def test_a_try_is_counted_before_the_pin_is_checked(tmp_path, monkeypatch):
    """A kiosk killed while scrypt runs must not have had a free try."""
    from kiosk.host.clock import FakeClock
    from kiosk.visit import staff
    from kiosk.visit.staff_lock import SharedLockout

    data = tmp_path / "data"
    gate = staff.StaffGate(hash_pin(PIN, n=2**4), clock=FakeClock(), shared=SharedLockout(data, lambda: 1e9))

    def killed(pin, stored):
        raise SystemExit("killed while checking")

    monkeypatch.setattr(staff, "verify_pin", killed)
    with pytest.raises(SystemExit):
        gate.try_pin(PIN)
    assert '"wrong": 1' in (data / LOCK_FILE).read_text(encoding="utf-8")


def test_a_kiosk_stuck_holding_the_lock_refuses_the_others_instead_of_freezing_them(tmp_path):
    """A kiosk process stopped mid-try (SIGSTOP, a hung disk) keeps the flock: the others wait a
    bounded time, then refuse the PIN, closed, rather than hang their screens or skip the count."""
    import fcntl
    import os

    from kiosk.host.clock import FakeClock
    from kiosk.visit.staff import GateStatus, StaffGate
    from kiosk.visit.staff_lock import GUARD_FILE, SharedLockout

    data = tmp_path / "data"
    data.mkdir()
    stuck = os.open(data / GUARD_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(stuck, fcntl.LOCK_EX)
    try:
        gate = StaffGate(hash_pin(PIN, n=2**4), clock=FakeClock(), shared=SharedLockout(data, lambda: 1e9, wait=0.05))
        assert gate.try_pin(PIN).status is GateStatus.UNAVAILABLE
        assert gate.unavailable and "held by another kiosk process" in gate.unavailable
    finally:
        os.close(stuck)
    assert gate.try_pin(PIN).status is GateStatus.OK  # let go: on again at once
