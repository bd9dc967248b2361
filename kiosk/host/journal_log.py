"""The kiosk's own log: to the systemd journal when there is one, else a rotating file.

The unit draws on the terminal with ``StandardError=tty`` (Textual writes its frames to
stderr), so nothing the kiosk logs may go to stderr: it would land on the patients' screen.
:func:`configure_logging` sends the ``kiosk`` logger, in this order, to

1. journald's native socket ``/run/systemd/journal/socket`` (one datagram per record, with
   ``PRIORITY``, ``SYSLOG_IDENTIFIER=clinic-kiosk`` and the code location as fields; read it
   with ``journalctl -u clinic-kiosk``);
2. the syslog socket ``/dev/log`` (journald or rsyslog), RFC 3164 style;
3. ``kiosk.log`` in the data folder, rotated at 1 MB with 3 old files kept;
4. nowhere (a ``NullHandler``) when even that folder cannot be written.

A handler never raises and never prints: logging's default ``handleError`` writes a traceback
to stderr, which is the screen. Python warnings are logged the same way.

The kiosk and ``kiosk serve`` call it once at start, with the data folder. Pure standard
library; no Textual import.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import socket
import struct
import traceback
from pathlib import Path

JOURNAL_SOCKET = "/run/systemd/journal/socket"
SYSLOG_SOCKET = "/dev/log"
LOG_FILE = "kiosk.log"
IDENTIFIER = "clinic-kiosk"
#: Rotate the fallback file at this size, keeping this many old ones (about 4 MB at most).
MAX_BYTES, BACKUPS = 1_000_000, 3
#: Longer messages are cut: a datagram has a size limit and no record needs more.
MAX_MESSAGE = 32_000
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# syslog priorities (sd-daemon.h / RFC 5424) for logging's levels
_PRIORITY = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6, logging.DEBUG: 7}


class _Quiet:
    """Mix-in: a failing handler drops the record rather than print a traceback on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


class JournalHandler(_Quiet, logging.Handler):
    """Records as native journal entries over journald's datagram socket (systemd.journal-fields(7))."""

    def __init__(self, path: str = JOURNAL_SOCKET, identifier: str = IDENTIFIER) -> None:
        super().__init__()
        self.identifier = identifier
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self.sock.connect(path)
        except OSError:
            self.sock.close()
            raise

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
            fields = {
                "MESSAGE": message[:MAX_MESSAGE],
                "PRIORITY": str(_PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)),
                "SYSLOG_IDENTIFIER": self.identifier,
                "LOGGER": record.name,
                "CODE_FILE": record.pathname,
                "CODE_LINE": str(record.lineno),
                "CODE_FUNC": record.funcName,
            }
            self.sock.send(b"".join(_field(key, value) for key, value in fields.items()))
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        self.sock.close()
        super().close()


def _field(key: str, value: str) -> bytes:
    data = value.encode("utf-8", "replace")
    if b"\n" in data:  # binary-safe form: KEY\n, little-endian 64-bit length, value\n
        return key.encode() + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
    return key.encode() + b"=" + data + b"\n"


class _QuietSysLogHandler(_Quiet, logging.handlers.SysLogHandler):
    pass


class _QuietRotatingFileHandler(_Quiet, logging.handlers.RotatingFileHandler):
    pass


def make_handler(folder: Path | None, *, journal: str = JOURNAL_SOCKET, syslog: str = SYSLOG_SOCKET) -> logging.Handler:
    """The first of journal, syslog, rotating file in ``folder``, or a NullHandler, that works."""
    if os.path.exists(journal):
        try:
            return JournalHandler(journal)
        except OSError:
            pass
    if os.path.exists(syslog):
        try:
            handler: logging.Handler = _QuietSysLogHandler(address=syslog, facility="daemon",
                                                           socktype=socket.SOCK_DGRAM)
            handler.ident = f"{IDENTIFIER}[{os.getpid()}]: "  # type: ignore[attr-defined]
            handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
            return handler
        except OSError:
            pass
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = _QuietRotatingFileHandler(folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                encoding="utf-8")
            handler.setFormatter(logging.Formatter(FORMAT))
            return handler
        except OSError:
            pass
    return logging.NullHandler()


def configure_logging(folder: Path | None, *, level: int = logging.INFO, journal: str = JOURNAL_SOCKET,
                      syslog: str = SYSLOG_SOCKET) -> logging.Handler:
    """Send the ``kiosk`` logger (and Python warnings) to :func:`make_handler`'s choice, never to
    stderr; returns the handler. Errors and engine trouble only, never answers or keys (K-P2)."""
    handler = make_handler(folder, journal=journal, syslog=syslog)
    for name in ("kiosk", "py.warnings"):
        logger = logging.getLogger(name)
        for old in logger.handlers:
            old.close()
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    logging.captureWarnings(True)
    return handler
