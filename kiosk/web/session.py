"""One browser session's kiosk: ``python -m kiosk.web.session ARGS`` is ``kiosk run ARGS`` for
``kiosk serve``, with two limits set on itself before anything else is loaded.

Its own module name makes a session's kiosks easy to find (and to end with the server). Under
textual-serve stdin is the server's pipe, never a terminal: ``KioskApp._check_terminal`` stands
down when ``is_web``.

The two limits, both set here, in the kiosk itself, because nothing else can set them for it
(textual-serve starts it through a shell and takes no ``preexec_fn``):

- **A memory ceiling**: ``RLIMIT_DATA`` of :data:`MEMORY_CEILING` bytes. A kiosk uses 60-130 MB;
  whatever a page sends, one page's kiosk cannot take the machine's memory with it: past the
  ceiling an allocation fails, the kiosk ends and its page connects a fresh one. ``RLIMIT_DATA``
  (private writable memory, Linux 4.7 and later), not ``RLIMIT_AS``: the address space counts
  the 64 MB arenas glibc reserves for each thread without using them, so a ceiling on it would
  end a healthy kiosk or have to be set so high that it bounds nothing.
- **It ends with its server**: ``PR_SET_PDEATHSIG`` asks the kernel to send it SIGKILL when
  ``kiosk serve`` (its parent) dies, however it dies. On an orderly stop ``kiosk serve`` first
  asks each kiosk to quit (SIGTERM) and waits for it; this is for when it cannot (killed
  outright, crashed), and for a kiosk too busy to obey: no kiosk is left behind holding a
  person's answers or memory. SIGKILL, not SIGTERM, because a kiosk that would not quit when
  asked is the one this is for. (To the kernel the parent is the *thread* that started the
  kiosk: ``kiosk serve`` starts them from its event loop's thread, which lives as long as it does.)
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys

#: A page's kiosk may use at most this much private memory (the console kiosk's MemoryMax=400M).
MEMORY_CEILING = 400 * 1024 * 1024
#: ``kiosk serve`` names itself here, so a kiosk whose server died before the parent-death signal
#: was set (a race at start-up) sees that it has been orphaned and ends at once.
SERVER_PID = "KIOSK_SERVE_PID"
PR_SET_PDEATHSIG = 1


def limit_memory(ceiling: int = MEMORY_CEILING) -> None:
    """Lower ``RLIMIT_DATA`` to ``ceiling`` (never raise it: a lower limit set by the unit stays)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft == resource.RLIM_INFINITY or soft > ceiling:
        resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))


def end_with_parent(server_pid: int | None) -> None:
    """Ask the kernel for SIGKILL when the parent dies; if it has already gone, end now."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if server_pid is not None and os.getppid() != server_pid:
        os._exit(0)  # kiosk serve died before the signal was asked for: nobody would end us


def _server_pid() -> int | None:
    try:
        return int(os.environ.pop(SERVER_PID))
    except (KeyError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    server_pid = _server_pid()
    try:
        end_with_parent(server_pid)
        limit_memory()
    except OSError as exc:  # a seccomp filter without prctl or setrlimit: the unit's MemoryMax still holds
        print(f"kiosk serve: a page's kiosk runs without its own limits: {exc}", file=sys.stderr)
    from kiosk.cli import main as cli_main

    return cli_main(["run", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
