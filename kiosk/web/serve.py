"""``kiosk serve``: the kiosk in a browser, on a touch screen, through textual-serve.

Every browser session (one websocket) starts its own ``kiosk run`` process, so each has its own
visit and its own idle reset, exactly as on the console; when the page goes away its kiosk quits.

What this adds to textual-serve's ``Server``:

- the page is our own (``kiosk/web/app_index.html``): nothing is fetched from outside the machine
  (no web font; a Content-Security-Policy lets the page load only from this server), no
  textual-serve branding, no "Session ended" dialog (the page wipes the screen and reconnects
  to a fresh kiosk), the font size from ``display.font_size`` and the clinic's name as title;
- only the two files the page needs are served (xterm's CSS and textual.js), the latter with
  one checked change that lets the page hold the terminal (``window.kioskTerminal``);
- speech plays on the serving machine, so a session from another machine gets ``--speech none``;
- every request must name a host ``kiosk serve`` was told (:mod:`kiosk.web.host_check`), and a
  websocket must come from this server's own page (its ``Origin``): anything else gets a plain 403;
- what a page sends is checked before its kiosk sees it (:mod:`kiosk.web.page_frames`): every
  size is clamped, every other frame dropped; each kiosk sets its own memory ceiling and ends
  with ``kiosk serve`` (:mod:`kiosk.web.session`);
- pages are bounded per address and overall, a closed page's place is free at once and a page
  whose script has gone quiet is closed (:mod:`kiosk.web.admission`, which says what idle means);
- a session whose kiosk exits (or never starts) is closed, so the page reconnects.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import secrets
import shlex
import signal
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from kiosk.host import exit_codes
from kiosk.web import admission, host_check, page_frames
from kiosk.web.session import SERVER_PID

log = logging.getLogger("kiosk.web.serve")

#: The version of textual-serve whose textual.js and template this module was written against.
TEXTUAL_SERVE_VERSION = "1.1.3"
WEB_DIR = Path(__file__).parent
#: Monospace fonts found on the machine itself (fonts-dejavu-core on Debian): never a web font.
FONT_FAMILY = "'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono', 'Ubuntu Mono', monospace"
DEFAULT_PORT = 8088
#: What a console kiosk leaves out: ``kiosk serve`` alone needs textual-serve and aiohttp.
INSTALL_WEB = "kiosk serve needs the web extra: pip install 'clinic-kiosk[web]'"

#: textual.js (1.1.3) builds its session object (class ``w``) in ``window.onload``; this exposes
#: the class so our page builds and keeps the session itself. Checked at start-up, never guessed.
_ONLOAD = 'window.onload=e=>{const t=document.querySelectorAll(".textual-terminal")'
_SESSION_CLASS = "const t=new w(e,{ping:r})"


#: The most screen text relayed to a page at once (the kiosk sends at most 8,000 characters).
PAGE_TEXT_MAX = 8000


def page_text(data: bytes) -> dict[str, object] | None:
    """A kiosk's "kiosk_text" meta packet as the page gets it (``text`` a bounded string,
    ``more`` whether it adds to the last), or None for any other packet."""
    try:
        meta = json.loads(data)
    except ValueError:
        return None
    if not isinstance(meta, dict) or meta.get("type") != "kiosk_text" or not isinstance(meta.get("text"), str):
        return None
    return {"text": meta["text"][:PAGE_TEXT_MAX], "more": bool(meta.get("more"))}


class ServeError(Exception):
    """The server cannot start (wrong textual-serve version, port in use...): one line for staff."""


def textual_serve_dir() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).parent


def patched_textual_js(source: str) -> str:
    """textual.js with its session class published as ``window.KioskTextualSession``."""
    if source.count(_ONLOAD) != 1 or source.count(_SESSION_CLASS) != 1:
        raise ServeError(
            f"textual-serve's textual.js is not the one kiosk serve knows (textual-serve {TEXTUAL_SERVE_VERSION} "
            "is required; install it with pip install 'clinic-kiosk[web]')"
        )
    return source.replace(_ONLOAD, "window.KioskTextualSession=w;" + _ONLOAD)


def is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def kiosk_command(content: Path, *, dev: bool, local: bool) -> str:
    """The shell command one session runs: ``kiosk run`` on the same content, locked unless dev."""
    argv = [sys.executable, "-m", "kiosk.web.session", "--content", str(Path(content).resolve())]
    if dev:
        argv.append("--dev")
    if not local:
        argv += ["--speech", "none"]  # the sound would play here, beside the server, not at that screen
    return "exec " + shlex.join(argv)  # the shell textual-serve starts becomes the kiosk: signals reach it


def content_security_policy(nonce: str) -> str:
    """Only this server: the page cannot fetch a font, a script or anything else from outside."""
    return (
        "default-src 'none'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self' 'unsafe-inline'; "  # textual.js and xterm.js add <style> elements
        "connect-src 'self'; img-src 'self' data:; font-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def make_server(content: Path, *, host: str, port: int, dev: bool, title: str, font_size: int,
                language: str = "en", allowed_hosts: tuple[str, ...] = (),
                idle_timeout: float = admission.IDLE_TIMEOUT):
    """A textual-serve ``Server`` for the kiosk (imported here: only ``kiosk serve`` needs aiohttp).

    ``allowed_hosts``: the names given with ``--allowed-host``; ``idle_timeout``: seconds a page
    may send nothing before its websocket is closed (see :mod:`kiosk.web.admission`)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    installed = version("textual-serve")
    if installed != TEXTUAL_SERVE_VERSION:
        raise ServeError(f"kiosk serve needs textual-serve {TEXTUAL_SERVE_VERSION}, not {installed} "
                         "(install it with pip install 'clinic-kiosk[web]')")
    static = textual_serve_dir() / "static"
    textual_js = patched_textual_js((static / "js" / "textual.js").read_text(encoding="utf-8"))
    xterm_css = (static / "css" / "xterm.css").read_text(encoding="utf-8")

    class KioskAppService(AppService):
        exit_code: int | None = None

        async def run(self) -> None:
            try:
                await super().run()
            except asyncio.CancelledError:
                # textual-serve 1.1.3 lets its stderr reader's cancellation out when the process
                # ends before that reader ever ran (a kiosk that fails at once): not ours to obey.
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise
            if self._process is not None:
                try:
                    self.exit_code = await asyncio.wait_for(self._process.wait(), 10)
                except TimeoutError:
                    pass

        async def on_meta(self, data: bytes) -> None:
            """The kiosk's screen words for the page's live region go on to the page; every
            other meta packet is textual-serve's."""
            text = page_text(data)
            if text is None:
                await super().on_meta(data)
            else:
                await self.remote_write_str(json.dumps(["kiosk_text", text]))

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            environment = super()._build_environment(width, height)
            environment[SERVER_PID] = str(os.getpid())  # the kiosk checks that it has a parent
            return environment

        async def stop(self) -> None:
            """The page has gone: SIGTERM (the kiosk forgets the person and leaves; one still
            starting up just ends), SIGKILL after ``QUIT_GRACE`` seconds. Never a message on its
            pipe: textual-serve 1.1.3 would wait for ever to write to a kiosk that reads no more."""
            process = self._process
            if process is None:
                return
            if process.returncode is None:
                process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), admission.QUIT_GRACE)
                except TimeoutError:
                    log.warning("kiosk serve: a kiosk did not quit within %g s of SIGTERM; killing it",
                                admission.QUIT_GRACE)
                    process.kill()
                    await process.wait()
            if self._task is not None:
                await asyncio.gather(self._task, return_exceptions=True)
                self._task = None

    class KioskServer(Server):
        def __init__(self) -> None:
            super().__init__(kiosk_command(content, dev=dev, local=True), host=host, port=port, title=title,
                             templates_path=WEB_DIR, statics_path=static)
            self.running: set[KioskAppService] = set()  # every kiosk alive: open pages' and quitting ones
            self.retiring: set[asyncio.Task[None]] = set()
            self.exit_code = exit_codes.OK
            self.admission = admission.Admission(is_local=is_loopback)
            self.hosts = host_check.allowed_hosts(host, port, allowed_hosts)
            self.refusals = admission.RefusalLog(log)

        @property
        def sessions(self) -> int:
            """Pages open now (a closed page's kiosk may still be quitting)."""
            return sum(self.admission.open.values())

        async def end_sessions(self, app: web.Application) -> None:
            """The server is stopping: every page's kiosk stops too (SIGTERM: it forgets the
            person and leaves), rather than living on with no page (as under systemd's KillMode)."""
            processes = [service._process for service in self.running if service._process is not None]
            for process in processes:
                if process.returncode is None:
                    process.terminate()
            try:
                await asyncio.wait_for(asyncio.gather(*(process.wait() for process in processes)),
                                       admission.QUIT_GRACE)
            except TimeoutError:
                for process in processes:
                    if process.returncode is None:
                        log.warning("kiosk serve: a kiosk did not quit on SIGTERM; killing it")
                        process.kill()

        def stop_for_maintenance(self) -> None:
            """Staff mode's "Quit the kiosk": as on the console, the kiosk stays stopped for
            maintenance, so ``kiosk serve`` exits with it (the unit's RestartPreventExitStatus=);
            the page waits, showing the clinic's name, until it is back."""
            log.warning("kiosk serve: staff quit the kiosk: stopping for maintenance (exit %d)",
                        exit_codes.MAINTENANCE)
            self.exit_code = exit_codes.MAINTENANCE
            os.kill(os.getpid(), signal.SIGTERM)  # textual-serve's handler ends the server gracefully

        def initialize_logging(self) -> None:
            pass  # the kiosk's own logging (journal or file) is set up by serve_command

        async def on_startup(self, app: web.Application) -> None:
            log.info("kiosk serve: http://%s:%d/ (%s)", host, port, "dev" if dev else "locked")

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.check_host])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(str(WEB_DIR)), autoescape=True)
            app.add_routes([
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.get("/static/js/textual.js", self.handle_textual_js),
                web.get("/static/css/xterm.css", self.handle_xterm_css),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.end_sessions)
            return app

        @web.middleware
        async def check_host(self, request: web.Request, handler) -> web.StreamResponse:
            """Every request names a host this server was told (DNS rebinding: see host_check)."""
            if host_check.bad_host(request.headers.get("Host"), self.hosts):
                self.refusals.refused("host", "a request for host %r from %s: not a name kiosk serve was given "
                                      "(--host, --allowed-host)", _shown(request.headers.get("Host")), request.remote)
                raise _refusal(403, "kiosk serve: this address is not one this kiosk is served at.")
            return await handler(request)

        async def handle_textual_js(self, request: web.Request) -> web.Response:
            return web.Response(text=textual_js, content_type="application/javascript")

        async def handle_xterm_css(self, request: web.Request) -> web.Response:
            return web.Response(text=xterm_css, content_type="text/css")

        async def handle_index(self, request: web.Request) -> web.Response:
            nonce = secrets.token_urlsafe(16)
            context: dict[str, Any] = {
                "title": title, "font_size": font_size, "font_family_css": FONT_FAMILY,
                "nonce": nonce, "language": language, "ping_ms": int(admission.PAGE_PING * 1000),
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Content-Security-Policy"] = content_security_policy(nonce)
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            origin = request.headers.get("Origin")
            if host_check.bad_origin(origin, request.headers.get("Host")):
                self.refusals.refused("origin", "a session with Origin %r from %s: not this server's own page",
                                      _shown(origin), request.remote)
                raise _refusal(403, "kiosk serve: only the kiosk's own page may open a kiosk.")
            address = request.remote or "?"
            why = await self.admission.admit(address)
            if why is not None:
                self.refusals.refused("full", "a session from %s: %s", address, why)
                raise _refusal(503, "kiosk serve: no kiosk is free; the page tries again by itself.")
            local = is_loopback(address)
            websocket = web.WebSocketResponse(heartbeat=admission.HEARTBEAT, max_msg_size=page_frames.MAX_FRAME_BYTES)
            width, height = page_frames.clamp_size(request.query.get("width"), request.query.get("height"))
            app_service: KioskAppService | None = None
            log.info("kiosk serve: session opened from %s (%d open)%s", address, self.sessions,
                     "" if local else ", speech off: it would play on the serving machine")
            try:
                await websocket.prepare(request)
                app_service = KioskAppService(
                    kiosk_command(content, dev=dev, local=local),
                    write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close,  # type: ignore[arg-type]
                    download_manager=self.download_manager, debug=False,
                )
                await app_service.start(width, height)
                self.running.add(app_service)
                reader = asyncio.create_task(self._process_messages(websocket, app_service))
                kiosk = app_service._task
                assert kiosk is not None
                await asyncio.wait({reader, kiosk}, return_when=asyncio.FIRST_COMPLETED)
                if not reader.done():
                    # The kiosk has gone (staff quit, a crash, a content problem): close the
                    # websocket, so the page wipes the screen and connects a fresh kiosk.
                    reader.cancel()
                    await asyncio.gather(reader, return_exceptions=True)
                    await websocket.close()
                    if app_service.exit_code == exit_codes.MAINTENANCE:
                        self.stop_for_maintenance()
                else:
                    await websocket.close()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception:
                log.exception("kiosk serve: a session failed")
            finally:
                # The page's place is free now; its kiosk quits in the background, counted apart.
                await self.admission.close(address, kiosk_quitting=app_service is not None)
                if app_service is not None:
                    retiring = asyncio.get_running_loop().create_task(self.retire(app_service))
                    self.retiring.add(retiring)  # asyncio keeps only a weak reference to a task
                    retiring.add_done_callback(self.retiring.discard)
                log.info("kiosk serve: session closed (%d open)", self.sessions)
            return websocket

        async def retire(self, app_service: KioskAppService) -> None:
            """A closed page's kiosk: SIGTERM, SIGKILL after the grace; then its place is counted out."""
            try:
                await app_service.stop()
            except Exception:
                log.exception("kiosk serve: a kiosk could not be stopped")
            finally:
                self.running.discard(app_service)
                await self.admission.quit()

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
            """Relay a page's frames to its kiosk, each checked (page_frames), until the page goes
            or sends nothing at all for ``idle_timeout`` seconds (admission says why that is idle)."""
            while True:
                try:
                    message = await websocket.receive(timeout=idle_timeout)
                except TimeoutError:
                    self.refusals.refused("idle", "to keep a page open: nothing from it in %g s", idle_timeout)
                    return
                if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                    return
                if message.type != WSMsgType.TEXT:
                    continue
                frame = page_frames.read_frame(message.data)
                if frame is None:
                    continue
                if frame.kind == "stdin":
                    await app_service.send_bytes(frame.text.encode("utf-8"))
                elif frame.kind == "resize":
                    await app_service.set_terminal_size(frame.width, frame.height)
                elif frame.kind == "ping":
                    await websocket.send_json(["pong", frame.text])
                elif frame.kind == "blur":
                    await app_service.blur()
                elif frame.kind == "focus":
                    await app_service.focus()

    server = KioskServer()
    return server


def _refusal(status: int, line: str):
    """A plain refusal to raise: the status and one line of text, nothing to render or cache."""
    from aiohttp import web

    refusal = web.HTTPForbidden if status == 403 else web.HTTPServiceUnavailable
    return refusal(text=line + "\n", headers={"Cache-Control": "no-store"})


def _shown(value: str | None) -> str | None:
    """A header as it may appear in the log: cut short (control characters are escaped by %r)."""
    return None if value is None else value[:80]


def web_extra_installed() -> bool:
    """Whether the ``web`` extra (textual-serve and the aiohttp it serves with) can be imported."""
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        return False
    return True


def serve_command(args) -> int:
    """Check the content, then serve the kiosk until stopped.

    Exit codes (:mod:`kiosk.host.exit_codes`): CONTENT for a content or start-up problem,
    UNAVAILABLE when the ``web`` extra is not installed, MAINTENANCE when staff quit the kiosk.
    """
    from kiosk.content.content_path import load_for_start
    from kiosk.content.settings import data_folder
    from kiosk.host.journal_log import configure_logging
    from kiosk.host.systemd_notify import from_environ

    if not web_extra_installed():  # a console kiosk: one line saying what to install, no traceback
        print(INSTALL_WEB, file=sys.stderr)
        return exit_codes.UNAVAILABLE
    library = load_for_start(args.content, stream=sys.stderr, dev=args.dev)
    if library is None:
        return exit_codes.CONTENT
    settings = library.settings
    configure_logging(data_folder(library.root, settings.data_dir, dev=args.dev))
    logging.getLogger("kiosk").setLevel(logging.INFO)
    if args.host.strip().lower() in host_check.WILDCARDS and not args.allowed_hosts:
        print(f"kiosk serve: --host {args.host} listens on every address but names none a page could use: "
              "add --allowed-host NAME for each name or address the screens open", file=sys.stderr)
        return exit_codes.CONTENT
    if not is_loopback(args.host) and args.host != "localhost":
        log.warning("kiosk serve: listening on %s: anyone who can reach this machine there gets a kiosk "
                     "(docs/DEPLOYMENT.md, 'In a browser')", args.host)
    notifier = from_environ(unset_environment=True)  # the kiosks it starts must not inherit it
    try:
        server = make_server(args.content, host=args.host, port=args.port, dev=args.dev,
                             title=settings.clinic_name, font_size=settings.display.font_size,
                             language=settings.languages[0], allowed_hosts=tuple(args.allowed_hosts))
    except ServeError as exc:
        print(f"kiosk serve: {exc}", file=sys.stderr)
        return exit_codes.CONTENT
    original_startup = server.on_startup

    async def on_startup(app) -> None:
        await original_startup(app)
        notifier.ready(f"serving the kiosk on http://{args.host}:{args.port}/")

    server.on_startup = on_startup
    try:
        server.serve()
    except OSError as exc:
        print(f"kiosk serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return exit_codes.CONTENT
    finally:
        notifier.close()
    return server.exit_code
