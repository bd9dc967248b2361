"""One person's visit and the kiosk's state around it: the pure ``controller``, the question
``flow``, the ``idle`` policy, the key governor, the staff PIN gate and its lockout, staff topic
switches and the anonymous usage counts.

Imports ``content``, ``words`` and ``host``; never Textual, speech or the desk services.
"""
