"""Which addresses a page may use to reach ``kiosk serve``: the ``Host`` and ``Origin`` checks.

A browser sends the name it used in the ``Host`` header. A page of another site can get its own
name to point at this machine (DNS rebinding: ``evil.example`` resolves to 127.0.0.1 a second
after the page loads), and then its requests and its websocket carry ``Host: evil.example`` and
a matching ``Origin``: only the ``Host`` gives it away. So every request must name a host
``kiosk serve`` was told about:

- the address it listens on (``--host``, 127.0.0.1 by default) with its port;
- for a loopback address, ``localhost`` too (only this machine can resolve it to us);
- each ``--allowed-host NAME`` (a name or address the clinic's screens use, ``NAME`` or
  ``NAME:PORT``, for a name behind a port-forward) with the port, or bare on port 80.

A wildcard ``--host`` (0.0.0.0, ::) is not a name anyone can use: with it, only the
``--allowed-host`` names are accepted. A websocket must also carry an ``Origin`` (every browser
sends one) whose host is the request's ``Host``: one with none comes from no page, and one from
elsewhere is another site's page.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

WILDCARDS = {"", "0.0.0.0", "::", "[::]"}
LOOPBACK_NAMES = ("localhost",)


def _bracketed(host: str) -> str:
    """An IPv6 address as it appears in a Host header (``[::1]``); anything else lowercased."""
    host = host.strip().lower()
    try:
        if ipaddress.ip_address(host.strip("[]")).version == 6:
            return f"[{host.strip('[]')}]"
    except ValueError:
        pass
    return host


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def allowed_hosts(bind: str, port: int, names: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """Every ``Host`` header value a page may send (lowercased)."""
    hosts: set[str] = set()

    def add(name: str, its_port: int) -> None:
        name = _bracketed(name)
        hosts.add(f"{name}:{its_port}")
        if its_port == 80:
            hosts.add(name)

    if bind.strip().lower() not in WILDCARDS:
        add(bind, port)
        if _is_loopback(bind):
            for name in LOOPBACK_NAMES:
                add(name, port)
    for name in names:
        head, colon, tail = name.strip().rpartition(":")
        if colon and tail.isdigit() and (not head.count(":") or head.endswith("]")):
            add(head, int(tail))  # NAME:PORT, [v6]:PORT
        else:
            add(name, port)
    return frozenset(hosts)


def bad_host(host: str | None, allowed: frozenset[str]) -> bool:
    return host is None or host.strip().lower() not in allowed


def bad_origin(origin: str | None, host: str | None) -> bool:
    """A websocket's ``Origin`` is missing, or names another site than the ``Host`` it reached."""
    if origin is None or host is None:
        return True
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return True
    return parts.scheme not in ("http", "https") or parts.netloc.lower() != host.strip().lower()
