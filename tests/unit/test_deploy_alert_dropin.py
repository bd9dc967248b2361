"""The alert drop-in, merged over the console unit as systemd merges it, lets each documented
alert command reach the desk.

``kiosk alert-test`` from a shell passes whatever the unit allows (a shell has the network), so
only the merged unit shows whether ``paplay``, ``ssh`` or ``curl`` can open their TCP socket from
inside the kiosk's sandbox. The merge follows systemd.exec(5): a later
``RestrictAddressFamilies=`` adds to an allow-list (or, with ``~``, takes away), an empty
assignment resets it; ``PrivateNetwork=`` is the last one written; ``IPAddressAllow=`` and
``IPAddressDeny=`` are lists that an empty assignment resets.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "clinic-kiosk.service"
DROP_IN = DEPLOY / "alert-network.conf"
GUIDE = ROOT / "docs" / "DEPLOYMENT.md"

#: What each documented alert command opens: the journal and the notify socket are AF_UNIX for
#: every kiosk; a TCP client opens AF_INET for an IPv4 desk address and AF_INET6 for an IPv6 one
#: (the guide tells clinics to write the desk's address, either kind).
TCP_CLIENT = {"AF_UNIX", "AF_INET", "AF_INET6"}
NEEDS = {"paplay": TCP_CLIENT, "ssh": TCP_CLIENT, "curl": TCP_CLIENT}


def assignments(text: str) -> list[tuple[str, str, str]]:
    """(section, key, value) in file order, as systemd reads a unit file: ``#``/``;`` comments,
    a trailing backslash continues the line, repeated keys kept (their meaning is the key's)."""
    found: list[tuple[str, str, str]] = []
    section = ""
    lines = iter(text.splitlines())
    for raw in lines:
        line = raw.strip()
        while line.endswith("\\"):
            line = line[:-1] + " " + next(lines, "").strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        found.append((section, key.strip(), value.strip()))
    return found


def address_families(values: list[str]) -> tuple[bool, set[str]]:
    """(allow_list, families) after the assignments, in order (systemd.exec(5)).

    The first non-empty assignment sets the mode: a list allows only those, ``~list`` denies
    those. Later ones in the same mode add, in the other mode take away; empty resets to
    "no restriction", which is returned as (False, set()): nothing denied.
    """
    allow: bool | None = None
    families: set[str] = set()
    for value in values:
        if value == "":
            allow, families = None, set()
            continue
        invert = value.startswith("~")
        names = set(value.lstrip("~").split())
        if names == {"none"}:
            allow, families = True, set()
            continue
        if allow is None:
            allow, families = not invert, names
        elif allow != invert:  # same mode as the first
            families |= names
        else:
            families -= names
    return (bool(allow), families)


def merged(*texts: str) -> dict[str, list[str]]:
    """The [Service] assignments of the unit and its drop-ins, each key's values in order."""
    service: dict[str, list[str]] = {}
    for text in texts:
        for section, key, value in assignments(text):
            if section == "Service":
                service.setdefault(key, []).append(value)
    return service


def allowed(service: dict[str, list[str]], family: str) -> bool:
    allow, families = address_families(service.get("RestrictAddressFamilies", []))
    return family in families if allow else family not in families


def last(service: dict[str, list[str]], key: str, default: str = "") -> str:
    return service.get(key, [default])[-1]


def documented_commands() -> list[list[str]]:
    """Every ``alert: command:`` of the guide's section on calling the front desk."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## 10. Calling the front desk", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL):
        alert = (yaml.safe_load(block) or {}).get("alert") or {}
        if alert.get("command"):
            commands.append(alert["command"])
    return commands


def test_the_parser_follows_systemd_for_address_families():
    assert address_families(["AF_UNIX", "AF_INET AF_INET6"]) == (True, {"AF_UNIX", "AF_INET", "AF_INET6"})
    assert address_families(["AF_UNIX", "", "AF_INET"]) == (True, {"AF_INET"})
    assert address_families(["AF_UNIX AF_INET", "~AF_INET"]) == (True, {"AF_UNIX"})
    assert address_families(["~AF_PACKET", "AF_PACKET"]) == (False, set())
    assert address_families(["AF_UNIX", ""]) == (False, set())  # reset: nothing restricted


def test_the_unit_alone_keeps_the_network_out():
    service = merged(UNIT.read_text(encoding="utf-8"))
    assert last(service, "PrivateNetwork") == "yes"
    assert allowed(service, "AF_UNIX") and not allowed(service, "AF_INET")


def test_the_guide_shows_the_shipped_drop_in():
    """The guide's drop-in is the file deploy/ ships, word for word, so the file is what is tested."""
    guide = GUIDE.read_text(encoding="utf-8")
    assert DROP_IN.read_text(encoding="utf-8").strip() in guide
    assert f"deploy/{DROP_IN.name}" in guide


def test_every_documented_alert_command_can_reach_the_desk_through_the_merged_unit():
    commands = documented_commands()
    assert len(commands) >= 3  # paplay, ssh, curl
    service = merged(UNIT.read_text(encoding="utf-8"), DROP_IN.read_text(encoding="utf-8"))
    assert last(service, "PrivateNetwork") == "no"
    for command in commands:
        program = Path(command[0]).name
        assert program in NEEDS, f"say which sockets {program} needs"
        blocked = sorted(f for f in NEEDS[program] if not allowed(service, f))
        assert blocked == [], f"{program} cannot open {blocked} under the merged unit"
        desk = re.search(r"\b\d+\.\d+\.\d+\.\d+\b", " ".join(command))
        assert desk and desk.group(0) in " ".join(service.get("IPAddressAllow", [])), program
    assert last(service, "IPAddressDeny") == "any"  # nothing else but the desk


def test_the_drop_in_keeps_the_rest_of_the_sandbox():
    """Only the network opens: the drop-in resets nothing but the address families."""
    keys = {key for section, key, _ in assignments(DROP_IN.read_text(encoding="utf-8")) if section == "Service"}
    assert keys <= {"PrivateNetwork", "RestrictAddressFamilies", "IPAddressAllow", "IPAddressDeny"}


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_the_unit_with_the_drop_in(tmp_path):
    text = UNIT.read_text(encoding="utf-8").replace("/opt/clinic-kiosk/.venv/bin/kiosk", "/bin/true")
    (tmp_path / UNIT.name).write_text(text, encoding="utf-8")
    drop_ins = tmp_path / f"{UNIT.name}.d"
    drop_ins.mkdir()
    shutil.copy(DROP_IN, drop_ins / DROP_IN.name)
    done = subprocess.run(["systemd-analyze", "verify", str(tmp_path / UNIT.name)], capture_output=True,
                          text=True, timeout=60)
    # verify exits 0 on a key it ignores: a misspelt or unparsable line shows only in stderr
    assert done.returncode == 0 and DROP_IN.name not in done.stderr, done.stderr


# --------------------------------------------------------------------------- the real programs

#: Run argv[n+1:] with socket() refused for every address family but those named before "--",
#: as systemd does for RestrictAddressFamilies= (a seccomp filter on socket()'s first argument
#: that fails with EAFNOSUPPORT), through libseccomp.
RESTRICT = r'''
import ctypes, errno, os, socket, sys
cut = sys.argv.index("--")
allowed = {int(getattr(socket, name)) for name in sys.argv[1:cut]}
lib = ctypes.CDLL("libseccomp.so.2")
class Cmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("a", ctypes.c_uint64), ("b", ctypes.c_uint64)]
lib.seccomp_init.restype = ctypes.c_void_p
lib.seccomp_init.argtypes = [ctypes.c_uint32]
lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                       ctypes.POINTER(Cmp)]
lib.seccomp_load.argtypes = [ctypes.c_void_p]
ctx = lib.seccomp_init(0x7FFF0000)  # SCMP_ACT_ALLOW
nr = lib.seccomp_syscall_resolve_name(b"socket")
for family in range(64):
    if family not in allowed:  # SCMP_ACT_ERRNO(EAFNOSUPPORT) when a0 == family (SCMP_CMP_EQ)
        assert lib.seccomp_rule_add_array(ctx, 0x00050000 | errno.EAFNOSUPPORT, nr, 1, Cmp(0, 4, family, 0)) == 0
assert lib.seccomp_load(ctx) == 0
os.execv(sys.argv[cut + 1], sys.argv[cut + 1:])
'''


def _have_seccomp() -> bool:
    import ctypes.util

    return ctypes.util.find_library("seccomp") is not None


@pytest.fixture
def desk():
    """A stand-in desk computer on 127.0.0.1: it notes the source port of each connection that
    reaches it, and closes it at once (so no client waits for an answer)."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    reached: list[int] = []

    def accept() -> None:
        while True:
            try:
                conn, peer = server.accept()
            except OSError:
                return
            reached.append(peer[1])
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], reached
    server.close()


def connections_since(port: int, reached: list[int], before: int) -> int:
    """Connections the desk took since ``before``, counted once a marker connection made now has
    been taken: the desk takes them in order, so every earlier one has been counted by then."""
    import socket
    import time

    with socket.socket() as marker:
        marker.bind(("127.0.0.1", 0))
        mark = marker.getsockname()[1]
        marker.connect(("127.0.0.1", port))
    deadline = time.monotonic() + 10
    while mark not in reached:
        assert time.monotonic() < deadline, "the stand-in desk stopped taking connections"
        time.sleep(0.01)
    return reached.index(mark) - before


def at_desk(command: list[str], port: int, wav: Path) -> list[str]:
    """The guide's command pointed at the stand-in desk (its address and port, a real WAV file)."""
    argv = [part.replace("192.0.2.10:4713", f"127.0.0.1:{port}").replace("192.0.2.10:8080", f"127.0.0.1:{port}")
            .replace("/usr/local/share/clinic-kiosk/chime.wav", str(wav)) for part in command]
    if Path(argv[0]).name == "ssh":
        argv[1:1] = ["-p", str(port), "-o", "StrictHostKeyChecking=no"]
        argv = [part.replace("@192.0.2.10", "@127.0.0.1") for part in argv]
    return argv


@pytest.mark.skipif(not _have_seccomp(), reason="libseccomp not installed")
def test_the_documented_programs_reach_the_desk_only_with_the_drop_in(desk, tmp_path):
    """Each example run for real under the address families systemd would give it: the unit
    alone (AF_UNIX) lets no connection out, the unit with the drop-in lets each one reach the desk."""
    import sys
    import wave

    port, reached = desk
    wav = tmp_path / "chime.wav"
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 800)
    unit = UNIT.read_text(encoding="utf-8")
    alone = merged(unit)["RestrictAddressFamilies"]
    with_drop_in = merged(unit, DROP_IN.read_text(encoding="utf-8"))["RestrictAddressFamilies"]
    ran = 0
    for command in documented_commands():
        if shutil.which(command[0]) is None:
            continue
        argv = at_desk(command, port, wav)
        for assignments_, should_reach in ((alone, False), (with_drop_in, True)):
            allow, families = address_families(assignments_)
            assert allow
            before = len(reached)
            subprocess.run([sys.executable, "-c", RESTRICT, *sorted(families), "--", *argv], capture_output=True,
                           stdin=subprocess.DEVNULL, timeout=30)
            assert (connections_since(port, reached, before) > 0) is should_reach, (command[0], sorted(families))
        ran += 1
    if ran == 0:
        pytest.skip("none of paplay, ssh, curl is installed")
