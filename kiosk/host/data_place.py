"""Where the kiosk keeps its own files: usage counts, its log file, the topics staff switched off.

One pure function, :func:`data_place`, in this order:

1. ``data_dir`` written in ``kiosk.yaml``: the clinic's explicit choice, absolute or relative to
   the content folder (the update script refuses a relative one on a deployed kiosk, because a
   content update would lose it);
2. ``--dev`` (a staff preview): the user's platform data folder (platformdirs:
   ``~/.local/share/clinic-kiosk`` on Linux), so a preview never writes into a kiosk's state;
3. run by systemd with ``StateDirectory=clinic-kiosk``: ``$STATE_DIRECTORY``
   (``/var/lib/clinic-kiosk``, created by systemd for the unit's user, writable under
   ``ProtectSystem=strict``);
4. otherwise the user's platform data folder, as in 2.

So with no ``data_dir`` the data is never inside the content folder. A tool run from a shell
(``kiosk stats``) has no ``$STATE_DIRECTORY``: on a deployed kiosk set ``data_dir:
/var/lib/clinic-kiosk`` in ``kiosk.yaml`` (docs/DEPLOYMENT.md does), which is the same folder
the unit's ``StateDirectory=`` gives, and every command then agrees.

Every command asks through :func:`kiosk.content.settings.data_folder`, so they all agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: The folder name under the platform's data folder, and the unit's ``StateDirectory=``.
APP_NAME = "clinic-kiosk"


def data_place(content: Path, data_dir: Path | str | None = None, *, dev: bool = False,
               environ: Mapping[str, str] | None = None) -> Path:
    """The kiosk's data folder for this content folder and run (see the module docstring).

    Pure: reads ``environ`` (default ``os.environ``) and creates nothing.
    """
    if data_dir is not None and str(data_dir) != "":
        data_dir = Path(data_dir)
        return data_dir if data_dir.is_absolute() else Path(content) / data_dir
    env = os.environ if environ is None else environ
    if not dev:
        # systemd may list several folders (StateDirectory=a b), separated by ':'; ours is first.
        state = (env.get("STATE_DIRECTORY") or "").split(":")[0]
        if state and os.path.isabs(state):
            return Path(state)
    return user_data_folder()


def user_data_folder() -> Path:
    """The platform's per-user data folder for the kiosk (Linux: ``$XDG_DATA_HOME/clinic-kiosk``,
    by default ``~/.local/share/clinic-kiosk``)."""
    import platformdirs  # only when this branch is taken

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
