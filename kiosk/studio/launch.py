"""``kiosk studio``: start the studio in this terminal, or serve it to a browser on this machine.

Served (``--serve``), each browser page runs its own studio process through textual-serve,
behind the staff PIN; the server listens on loopback unless ``--host`` names another address.
Owns the command's checks and start-up; the app itself is :mod:`kiosk.studio.app`.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import re
import shlex
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.content.content_path import load_content
from kiosk.content.settings import data_folder
from kiosk.host import exit_codes

log = logging.getLogger("kiosk.studio")

DEFAULT_PORT = 8089
WORK_FOLDER = "studio-work"
#: textual-serve's page asks Google for a web font: the studio's page never reaches outside the machine.
_WEB_FONT = re.compile(r'\s*<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>')


def local_page(template: str) -> str:
    """textual-serve's page template without its web font (the terminal falls back to a local one)."""
    return _WEB_FONT.sub("", template)


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return address == "localhost"


def work_folder(content: Path, given: Path | None) -> Path:
    """Where the studio keeps its working copy: ``--work``, else beside the kiosk's own files."""
    if given is not None:
        return given
    result = load_content(content)
    data_dir = result.library.settings.data_dir if result.library is not None else None
    return data_folder(content, data_dir) / WORK_FOLDER


def studio_command(args: argparse.Namespace) -> int:
    content: Path = args.content
    if not (content / "kiosk.yaml").is_file():
        print(f"{content} is not a content folder (it has no kiosk.yaml); give the kiosk's folder with --content DIR",
              file=sys.stderr)
        return exit_codes.CONTENT
    if args.serve:
        return _serve(args)
    return run_studio(content, args.work, pin=args.pin)


def pin_settings(content: Path):
    """The settings whose PIN guards the studio, or (None, why not) in one line for staff."""
    from kiosk.content.settings import KioskSettings
    from kiosk.content.yaml_source import parse_yaml

    try:
        settings = KioskSettings.model_validate(parse_yaml((content / "kiosk.yaml").read_text(encoding="utf-8")).data)
    except Exception:  # never open without the PIN check; staff get one line, not a traceback
        return None, f"{content}/kiosk.yaml does not load, so the staff PIN cannot be checked; run `kiosk validate`."
    if not settings.staff.pin_hash:
        return None, "No staff PIN is set: set one with `kiosk set-pin` before serving the studio."
    return settings, None


def run_studio(content: Path, work: Path | None, *, pin: bool) -> int:
    from kiosk.studio.app import StudioApp
    from kiosk.studio.pin_gate import StudioGate
    from kiosk.studio.workspace import Workspace

    gate = None
    if pin:
        settings, why = pin_settings(content)
        if settings is None:
            print(why, file=sys.stderr)
            return exit_codes.CONTENT
        gate = StudioGate(settings, content)
    where = work_folder(content, work)
    try:
        space = Workspace.open(content, where)
    except OSError as error:
        print(f"The studio cannot keep its working copy in {where}: {error.strerror or error}. "
              f"Give a folder you can write to with --work DIR.", file=sys.stderr)
        return exit_codes.CONTENT
    StudioApp(space, gate=gate).run()
    return exit_codes.OK


def _studio_server(server_class):
    """textual-serve's server, refusing a session opened by another site's page: otherwise any web
    page a staff member visits could start studio sessions here and spend the staff PIN's tries,
    locking staff mode out."""
    from aiohttp import web

    class StudioServer(server_class):  # type: ignore[misc,valid-type]
        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                log.warning("kiosk studio: refused a session from the page of another site (%s)", origin)
                raise web.HTTPForbidden(text="The studio opens only from its own page.")
            return await super().handle_websocket(request)

    return StudioServer


def _serve(args: argparse.Namespace) -> int:
    host = args.host or "127.0.0.1"  # another address only when staff spell it out
    settings, why = pin_settings(args.content)
    if settings is None:
        print(why, file=sys.stderr)
        return exit_codes.CONTENT
    try:
        from textual_serve.server import Server
    except ImportError:
        print("kiosk studio --serve needs the web extra: pip install 'clinic-kiosk[web]'", file=sys.stderr)
        return exit_codes.UNAVAILABLE
    argv = [sys.executable, "-m", "kiosk", "studio", "--content", str(Path(args.content).resolve()), "--pin"]
    if args.work is not None:
        argv += ["--work", str(Path(args.work).resolve())]
    where = "this machine only" if is_loopback(host) else f"every machine that can reach {host} (PIN asked)"
    print(f"Kiosk studio for {where}: open http://{host}:{args.port}/ (staff PIN needed). ctrl+c stops it.")
    import textual_serve

    with tempfile.TemporaryDirectory(prefix="kiosk-studio-page-") as templates:
        page = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
        (Path(templates) / "app_index.html").write_text(local_page(page.read_text(encoding="utf-8")),
                                                        encoding="utf-8")
        # exec: the shell textual-serve starts becomes the studio, so signals reach it.
        server = _studio_server(Server)("exec " + shlex.join(argv), host=host, port=args.port, title="Kiosk studio",
                                        templates_path=templates)
        server.serve()
    return exit_codes.OK
