"""Tell systemd that the kiosk is up and still answering: the ``sd_notify`` protocol, no library.

The unit is ``Type=notify`` with ``WatchdogSec=``: systemd waits for ``READY=1`` before it
counts the kiosk as started, and kills and restarts it when ``WATCHDOG=1`` stops arriving, so a
hung event loop is restarted like a crash. The protocol is one datagram per message on the
``AF_UNIX`` socket named by ``$NOTIFY_SOCKET`` (a leading ``@`` means a Linux abstract socket);
see sd_notify(3). Pure standard library; never imports Textual; never raises: a kiosk that cannot
reach systemd keeps running (outside systemd, every call is a cheap no-op returning False).

How the app uses it (``kiosk/ui/launch.py`` and ``kiosk/ui/app.py``)::

    from kiosk.host.systemd_notify import from_environ

    notifier = from_environ()            # once, at start, before any child process is spawned
    ...
    notifier.ready()                     # after the first paint (Textual: App.on_mount ->
                                         # call_after_refresh(notifier.ready)); once is enough
    if notifier.watchdog_interval:       # seconds: half of WatchdogSec=, None when no watchdog
        app.set_interval(notifier.watchdog_interval, notifier.watchdog)
                                         # from the UI loop itself, never a thread: a stuck loop
                                         # must stop the pings, or the watchdog is pointless
    notifier.stopping()                  # when a clean exit begins (SIGTERM, staff Quit)

``status(text)`` sets the one-line status shown by ``systemctl status`` (for example "content
reloaded: 12 topics"). Each call returns True when the datagram was sent.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Notifier", "from_environ"]


@dataclass
class Notifier:
    """Sends sd_notify messages to ``address``; a ``None`` address sends nothing.

    ``watchdog_interval`` is how often to call :meth:`watchdog`, in seconds: half the watchdog
    period systemd asked for (``WATCHDOG_USEC``), as sd_watchdog_enabled(3) advises, or None
    when this process has no watchdog.
    """

    address: str | None = None
    watchdog_interval: float | None = None
    _sock: socket.socket | None = field(default=None, init=False, repr=False)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def ready(self, status: str | None = None) -> bool:
        """The kiosk is drawn and answering keys: call once, after the first paint."""
        return self.notify("READY=1", *(() if status is None else (f"STATUS={_one_line(status)}",)))

    def watchdog(self) -> bool:
        """Still alive: call every ``watchdog_interval`` seconds from the UI event loop."""
        return self.notify("WATCHDOG=1") if self.watchdog_interval else False

    def status(self, text: str) -> bool:
        """Free-form one-line status for ``systemctl status``."""
        return self.notify(f"STATUS={_one_line(text)}")

    def stopping(self) -> bool:
        """A clean shutdown has begun."""
        return self.notify("STOPPING=1")

    def notify(self, *assignments: str) -> bool:
        """Send ``KEY=value`` lines as one datagram. False (never an exception) if it could not."""
        if self.address is None or not assignments:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._sock is None:
                # Not inherited by children (Python's default); non-blocking so a full queue never
                # stalls the UI loop: a lost ping is better than a frozen screen.
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
            self._sock.sendto("\n".join(assignments).encode("utf-8"), target)
        except (OSError, ValueError):
            return False
        return True

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def from_environ(environ: Mapping[str, str] | None = None, *, pid: int | None = None,
                 unset_environment: bool = False) -> Notifier:
    """A :class:`Notifier` for this process from ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and
    ``WATCHDOG_PID`` (default: ``os.environ`` and ``os.getpid()``).

    The watchdog is on when ``WATCHDOG_USEC`` is a positive integer and ``WATCHDOG_PID``, if set,
    is this process. Only absolute paths and ``@`` abstract names are supported as addresses
    (not ``vsock:``). ``unset_environment=True`` removes the three variables from ``os.environ``
    afterwards, so child processes (the speech worker) do not inherit them.
    """
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET") or None
    if address is not None and not address.startswith(("/", "@")):
        address = None
    interval = None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        usec = 0
    watchdog_pid = env.get("WATCHDOG_PID")
    ours = watchdog_pid is None or watchdog_pid.strip() == str(os.getpid() if pid is None else pid)
    if address is not None and usec > 0 and ours:
        interval = usec / 2 / 1_000_000
    if unset_environment:
        for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
            os.environ.pop(name, None)
    return Notifier(address, interval)
