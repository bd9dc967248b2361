"""Benchmarks of the kiosk against side-by-side references: ``python -m bench`` (``make bench``).

Nothing is imported here, so the first-paint child processes (``bench._firstpaint``) pay only
for what they measure. See ``bench/README.md`` for what each figure means.
"""
