"""Swap two folders in one step: ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15 and later).

A reader that opens ``a/x`` sees either everything that was in ``a`` or everything that was in
``b``, never some of each: the studio publishes a whole topics folder this way, so the running
kiosk never loads a new topic without its translation. Both names must exist, on one file
system. Python has no binding for it, so it is called through ``ctypes`` from the C library.

Some file systems (and old kernels or C libraries) cannot do it: that is
:class:`ExchangeUnsupported`, on which the caller takes its documented slower path. Any other
failure (a missing folder, no permission) is a plain :class:`OSError`. Imports nothing of ours.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Callable
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
#: What a kernel or file system says when it cannot swap (rather than "you may not").
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


class ExchangeUnsupported(OSError):
    """This system or file system cannot swap two names in one step."""


def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # C library older than glibc 2.28, or not Linux
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> None:
    """Swap what the names ``a`` and ``b`` point at. Raises :class:`ExchangeUnsupported` where
    that cannot be done in one step, :class:`OSError` for anything else."""
    function = _renameat2()
    if function is None:
        raise ExchangeUnsupported(errno.ENOSYS, "renameat2 is not in this system's C library")
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return
    code = ctypes.get_errno()
    kind = ExchangeUnsupported if code in _UNSUPPORTED else OSError
    raise kind(code, os.strerror(code), str(a), None, str(b))
