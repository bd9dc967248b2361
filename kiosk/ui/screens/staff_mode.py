"""StaffModeScreen: what every staff screen shares, chiefly closing by itself.

Staff screens close after ``settings.staff.idle_seconds`` with no input, back to a fresh home,
so a staff member who walks away never leaves staff mode open to the next patient.
"""

from __future__ import annotations

from textual import events

from kiosk.ui import intents
from kiosk.ui.screens.base import KioskScreen

#: How often a staff screen checks whether staff walked away.
STAFF_IDLE_POLL = 0.5
#: Input that means staff are still at the kiosk.
STAFF_INPUT = (events.Key, events.MouseDown, events.Click, events.MouseScrollDown, events.MouseScrollUp)


class StaffModeScreen(KioskScreen):
    """A staff screen: closes by itself after ``staff.idle_seconds`` with no input."""

    def on_mount(self) -> None:
        self._last_input = self.controller.clock()
        self._leaving = False
        self.set_interval(STAFF_IDLE_POLL, self._poll_staff_idle, name="staff-idle")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, STAFF_INPUT):
            self._last_input = self.controller.clock()
        await super().on_event(event)

    def resumed(self) -> None:
        self._last_input = self.controller.clock()  # back from a sub-screen: a fresh wait
        super().resumed()

    def _poll_staff_idle(self) -> None:
        if self._leaving or self.app.screen is not self:
            return  # leaving already, or a sub-screen (or the app's own warning) is on top
        if self.controller.clock() - self._last_input >= self.settings.staff.idle_seconds:
            self.leave()

    def leave(self) -> None:
        if not self._leaving:
            self._leaving = True  # once: a second reset would cancel the first
            self.post_message(intents.LeaveStaffMode())

    def action_back(self) -> None:
        self.leave()
