"""What the kiosk sends to people beyond its screen: the provider slip, laid out as a PDF in
memory (``slip``) and printed through CUPS (``cups``), and the call to the front desk (``alert``).
Imports ``content``, ``visit``, ``words`` and ``host``; never Textual.

Pure Python, no Textual. Nothing here writes a file, and nothing that carries an answer is
logged: the PDF goes from memory to ``lp``'s standard input, and the job title is a constant.
Every call that talks to CUPS blocks for up to its timeout, so the UI runs it in a worker.

The package re-exports nothing: import from ``desk.cups``, ``desk.slip`` or ``desk.alert``, so
calling the front desk never loads the PDF library the slip needs.
"""
