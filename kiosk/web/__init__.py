"""`kiosk serve`: the locked kiosk in a browser through textual-serve (``serve``), one kiosk
process per page (``session``), and the page the browser loads (``app_index.html``)."""
