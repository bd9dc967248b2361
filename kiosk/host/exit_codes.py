"""Every exit code the ``kiosk`` command and its kiosk process use, in one place.

Staff read them in the journal and systemd acts on two of them (the units'
``RestartPreventExitStatus=`` and ``Restart=``), so a code is defined here once and every
command, the app and the browser server name it from here. Where a code has a conventional
meaning (BSD ``sysexits.h``) it keeps it, so a shell script reading them is not surprised.
"""

from __future__ import annotations

#: All went as asked.
OK = 0
#: A checker or tool failed in a way it cannot explain further (one line said what to report).
FAILED = 1
#: The content or the command's input has a problem, or what the command was asked to do failed
#: (a print, an alert call, a PIN not set): a file:line list or one line says which.
CONTENT = 2
#: The speech engine could not start or could not speak.
SPEECH_UNAVAILABLE = 3
#: Staff mode's "Quit the kiosk": stopped for maintenance, so systemd must not restart it
#: (``RestartPreventExitStatus=64`` in deploy/clinic-kiosk.service and clinic-kiosk-serve.service).
MAINTENANCE = 64
#: A command needs a part that is not installed (``kiosk serve`` without the ``web`` extra):
#: EX_UNAVAILABLE.
UNAVAILABLE = 69
#: The app's own loop failed; the launcher restarts it in the same process (EX_TEMPFAIL).
RESTART = 75
#: The terminal went away (SIGHUP, EIO): systemd starts the kiosk again on a fresh terminal.
TERMINAL_LOST = 129
