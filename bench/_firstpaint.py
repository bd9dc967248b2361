"""Child process for the start-up figure: start an app headless, exit at its first painted frame.

``python -m bench._firstpaint bare`` runs a bare Textual app whose only widget is
``Static("hello")``; ``python -m bench._firstpaint kiosk CONTENT [--speech auto|none]`` runs the
kiosk as ``kiosk run`` builds it (load and validate the content, the speech service, the
in-memory usage log, the content watcher) but headless at 80x24 and without the log file.

The parent passes ``BENCH_T0``, its ``time.monotonic()`` just before starting this process
(CLOCK_MONOTONIC is one clock for every process on Linux), so the figure covers interpreter
start, imports, content loading, building the app and painting the first frame. A frame counts
as the first paint when its terminal text holds the words the person must see: "hello" for
the bare app, the clinic name on the kiosk's home screen. Printed at the end, as one JSON line:
seconds to first paint, peak RSS (VmHWM) and RSS at that moment, in kB.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.monotonic()))
SIZE = (80, 24)


def main(argv: list[str]) -> int:
    from bench import paint

    which = argv[0]
    result: dict[str, float | int | str] = {"which": which}
    state = {"done": False, "frames": 0}

    def on_frame(app, screen, text: str, when: float) -> None:
        state["frames"] += 1
        if state["done"] or want not in text:
            return
        state["done"] = True
        result["first_paint"] = time.monotonic() - T0
        result["hwm_kb"] = paint.vm_kb("VmHWM")
        result["rss_kb"] = paint.vm_kb("VmRSS")
        result["frames"] = state["frames"]
        app.exit()

    paint.install(on_frame)
    speech = None
    if which == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App):
            def compose(self) -> ComposeResult:
                yield Static("hello")

        want = "hello"
        app: App = Bare()
    else:
        from kiosk.host import collector

        collector.pause_for_start()  # as `kiosk run` (kiosk/cli.py) does, before its imports
        from kiosk.content.content_path import load_for_start
        from kiosk.ui.app import KioskApp
        from kiosk.ui.launch import make_speech
        from kiosk.visit.usage import UsageLog

        content = argv[1]
        mode = argv[argv.index("--speech") + 1] if "--speech" in argv else "auto"
        # As kiosk/ui/launch.py does: the validated-library cache in the data folder (the bench's
        # STATE_DIRECTORY), filled by the untimed warm-up run, as a kiosk's earlier start fills it.
        loaded = load_for_start(content, stream=sys.stderr)
        if loaded is None:
            print(json.dumps({"error": f"content {content} does not load"}))
            return 2
        library = loaded
        result["topics"] = len(library.topics)
        speech = make_speech(library.settings, mode)
        want = library.settings.clinic_name
        app = KioskApp(library, speech=speech, usage=UsageLog(None), watch_content=True, freeze_gc=True)
    try:
        app.run(headless=True, size=SIZE)
    finally:
        if speech is not None:
            speech.close()
    import threading

    if which != "bare":
        from kiosk.host import collector

        collector.settle_after_start()  # as kiosk run does when its app returns: the chores go on
    for thread in threading.enumerate():  # after the figure: let the warm-up fill the cache
        if thread.name == "keep-last-good":
            thread.join(60)
    result["exit"] = time.monotonic() - T0
    if "first_paint" not in result:
        result["error"] = f"no frame showed {want!r} ({state['frames']} frames)"
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
