"""Staff's files turned into a validated Library: the YAML reader (``yaml_source``), the pydantic
models (``model``, ``settings``), the loader and its cross-checks, reading grades, the library's
layout on home (``library_nav``), the last good copy and the folder watcher.

``content_path.load_content`` is the one path every caller takes. Imports only ``words`` and
``host``: nothing here knows about a visit, speech or the screen.
"""
