"""The kiosk's log goes to the journal (or syslog, or a rotating file), never to stderr:
under the unit stderr is the patients' screen (StandardError=tty)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import socket
import struct
import subprocess
import sys
import tempfile

import pytest

from kiosk.host import journal_log
from kiosk.host.journal_log import JournalHandler, configure_logging
from tests.conftest import ROOT


@pytest.fixture
def sockets():
    """Two bound datagram sockets standing in for journald's native socket and /dev/log."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        made = {}
        for name in ("journal", "syslog"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sock.bind(os.path.join(folder, name))
            sock.settimeout(2)
            made[name] = sock
        yield folder, made
        for sock in made.values():
            sock.close()




def parse_native(datagram: bytes) -> dict[str, str]:
    fields, rest = {}, datagram
    while rest:
        line, _, rest = rest.partition(b"\n")
        if b"=" in line:
            key, _, value = line.partition(b"=")
            fields[key.decode()] = value.decode()
        else:  # KEY\n<u64 le length><value>\n
            size = struct.unpack("<Q", rest[:8])[0]
            fields[line.decode()] = rest[8:8 + size].decode()
            rest = rest[8 + size + 1:]
    return fields


def test_journal_first_with_priority_identifier_and_tracebacks(sockets, tmp_path):
    folder, made = sockets
    handler = configure_logging(tmp_path, journal=os.path.join(folder, "journal"),
                                syslog=os.path.join(folder, "syslog"))
    assert isinstance(handler, JournalHandler)
    log = logging.getLogger("kiosk.speech")
    log.warning("engine %s failed", "espeak")
    entry = parse_native(made["journal"].recv(65536))
    assert entry["MESSAGE"] == "engine espeak failed" and entry["PRIORITY"] == "4"
    assert entry["SYSLOG_IDENTIFIER"] == "clinic-kiosk" and entry["LOGGER"] == "kiosk.speech"
    assert entry["CODE_FILE"].endswith("test_journal_log.py") and entry["CODE_FUNC"]
    try:
        raise ValueError("bad page")
    except ValueError:
        log.exception("screen failed")
    entry = parse_native(made["journal"].recv(65536))
    assert entry["PRIORITY"] == "3" and entry["MESSAGE"].startswith("screen failed\nTraceback")
    assert "ValueError: bad page" in entry["MESSAGE"]
    assert not (tmp_path / "kiosk.log").exists()


def test_syslog_socket_when_there_is_no_journal(sockets, tmp_path):
    folder, made = sockets
    handler = configure_logging(tmp_path, journal=os.path.join(folder, "none"), syslog=os.path.join(folder, "syslog"))
    assert isinstance(handler, logging.handlers.SysLogHandler)
    logging.getLogger("kiosk").error("content reload failed")
    line = made["syslog"].recv(65536).decode()
    assert line.startswith("<27>clinic-kiosk[")  # daemon.err
    assert line.rstrip("\x00").endswith("kiosk: content reload failed")


def test_rotating_file_in_the_data_folder_otherwise(tmp_path):
    data = tmp_path / "data"
    handler = configure_logging(data, journal=str(tmp_path / "no-journal"), syslog=str(tmp_path / "no-syslog"))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == journal_log.MAX_BYTES and handler.backupCount == journal_log.BACKUPS
    logging.getLogger("kiosk").warning("x" * 1000)
    for _ in range(journal_log.MAX_BYTES // 1000 + 10):
        logging.getLogger("kiosk").warning("y" * 1000)
    assert (data / "kiosk.log").stat().st_size <= journal_log.MAX_BYTES and (data / "kiosk.log.1").exists()


def test_an_unwritable_folder_gives_a_null_handler(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    handler = configure_logging(blocker / "sub", journal=str(tmp_path / "n"), syslog=str(tmp_path / "n"))
    assert isinstance(handler, logging.NullHandler)


def test_nothing_reaches_stderr_even_when_the_journal_goes_away():
    """Run as the unit wires it: stderr is the screen. A lost journal, a log call with bad
    arguments and a Python warning must print nothing there."""
    code = (
        "import logging, os, socket, sys, tempfile, warnings\n"
        "from kiosk.host.journal_log import configure_logging\n"
        "d = tempfile.mkdtemp(dir='/tmp'); path = os.path.join(d, 'j')\n"
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path)\n"
        "configure_logging(None, journal=path, syslog='/nonexistent')\n"
        "log = logging.getLogger('kiosk')\n"
        "log.warning('fine'); assert s.recv(9999)\n"
        "log.warning('bad %d', 'not a number')\n"
        "warnings.warn('deprecated thing')\n"
        "s.close(); os.unlink(path)\n"
        "log.error('journal gone')\n"
        "print('done')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == "done\n"
    assert done.stderr == ""
