"""The library: every topic of the working copy with its state, and the way to every job.

Enter opens the highlighted topic in the editor; n makes a new topic; t adds a translation;
v previews; p publishes the whole library into the kiosk's content folder. Under the list, what
the kiosk has live and what it last refused, as staff mode shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.worker import Worker, WorkerState

from kiosk.content.model import Problem
from kiosk.studio.library_rows import LibraryState, TopicRow, library_state, release_view
from kiosk.studio.workspace import Published, Workspace


@dataclass(frozen=True)
class ReleaseView:
    """The release lines, read again off the UI thread."""

    lines: list[str]


COLUMNS = ("Topic", "Title", "State", "Languages", "Missing", "Reading", "Review", "On", "Last changed")


class LibraryScreen(Screen):
    BINDINGS: ClassVar = [
        Binding("enter", "open", "Edit", show=True),
        Binding("n", "new_topic", "New topic"),
        Binding("t", "translate", "Add translation"),
        Binding("v", "preview", "Preview"),
        Binding("p", "publish", "Publish"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self, space: Workspace) -> None:
        super().__init__()
        self.space = space
        self.state: LibraryState | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-status")
        with VerticalScroll(id="library-release-box"):
            yield Static("", id="library-release")
        yield OptionList(id="library-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self.state is not None:
            self.action_refresh()

    # --- the table -----------------------------------------------------------------------
    def action_refresh(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _load(self) -> LibraryState:
        return library_state(self.space, today=self.studio.today())

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.state is WorkerState.ERROR:
            self._status(f"Could not read the library: {worker.error}")
        if worker.state is not WorkerState.SUCCESS:
            return
        result = worker.result
        if isinstance(result, LibraryState):
            self._fill(result)
        elif isinstance(result, Published):
            self._published(result)
        elif isinstance(result, ReleaseView):
            self._release(result.lines)

    def _fill(self, state: LibraryState) -> None:
        self.state = state
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for row in state.rows:
            cells = (row.topic_id, row.title, row.state, " ".join(row.languages), " ".join(row.missing) or "-",
                     row.reading, row.review, row.on, row.changed)
            table.add_row(*(Text(cell) for cell in cells), key=row.topic_id)
        if state.rows:
            table.move_cursor(row=min(keep, len(state.rows) - 1))
        unpublished = self.space.unpublished()
        self._status(f"{len(state.rows)} topic(s); languages the kiosk offers: {' '.join(state.languages)}. "
                     + (f"Saved but not published: {', '.join(unpublished)}." if unpublished
                        else "Everything saved is published."))
        self._problems([self._short(p) for p in state.problems])
        self._release(state.release)

    def _release(self, lines: list[str]) -> None:
        self.query_one("#library-release", Static).update(Text("\n".join(lines)))

    def _short(self, problem: Problem) -> str:
        """``topics/x.yaml:12: field: message``: the file named inside its folder."""
        text = str(problem)
        for folder in (self.space.work, self.space.live):
            text = text.removeprefix(f"{folder}/")
        return text

    def _status(self, text: str) -> None:
        self.query_one("#library-status", Static).update(Text(text))

    def _problems(self, lines: list[str]) -> None:
        problems = self.query_one("#library-problems", OptionList)
        problems.clear_options()
        problems.add_options(Text(line) for line in lines)
        problems.display = bool(lines)

    @property
    def studio(self):
        from kiosk.studio.app import StudioApp

        assert isinstance(self.app, StudioApp)
        return self.app

    def current(self) -> TopicRow | None:
        if self.state is None or not self.state.rows:
            return None
        table = self.query_one(DataTable)
        return self.state.rows[min(table.cursor_row, len(self.state.rows) - 1)]

    # --- the jobs ------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.current()
        if row is not None:
            self.studio.open_editor(row.name)

    def action_new_topic(self) -> None:
        self.studio.new_topic()

    def action_translate(self) -> None:
        row = self.current()
        if row is None:
            return
        if not row.missing:
            self.notify(markup=False, message=f"'{row.topic_id}' is already in every language the kiosk offers.")
            return
        self.studio.add_translation(row.topic_id, row.missing)

    def action_preview(self) -> None:
        row = self.current()
        if row is not None:
            self.studio.open_preview(row.name)

    def action_publish(self) -> None:
        self._status("Checking the whole library before publishing...")
        self._publish()

    @work(thread=True, exclusive=True, group="publish", exit_on_error=False)
    def _publish(self) -> Published:
        return self.space.publish()

    @work(thread=True, exclusive=True, group="release", exit_on_error=False)
    def _read_release(self) -> ReleaseView:
        return ReleaseView(release_view(self.space))

    def _published(self, result: Published) -> None:
        """A refused publish changed nothing: the kiosk's record still names what is live and
        what it last refused, read again here. The refusal itself is not written to that
        record, which keeps one refused release: the one the kiosk or its update service
        refused, which staff must still see; the nurse has this one on screen with its lines."""
        self._status(result.message)
        self._read_release()
        self._problems([self._short(p) for p in result.problems])
        self.notify(markup=False, message=result.message, severity="information" if result.ok else "error", timeout=8)
