"""The visit's spoken sentences, kept in memory so a sentence said again is not synthesised again.

A topic's title starts the script of every one of its pages, and "Next page. Press 3." ends
most of them: a listener turning pages hears the same few sentences over and over, and each
one cost the synthesiser a round trip before the first word of the new page (bench/README.md,
"Speech"). Kept here, the next page begins as soon as its script is handed over.

In memory, never on disk: a clip file lives only while it plays, as before, so nothing said to
a patient outlives a crash in the audio folder. Emptied at every visit's reset (K-P1); keyed by
all that changes the sound, so a new rate or voice never plays an old clip. Bounded by bytes,
least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["ClipCache", "ClipKey"]

#: A WAV at espeak-ng's 22,050 Hz, 16-bit mono is 44 KB a second: 3 MB holds a few minutes of
#: titles, choices and key names, the sentences that repeat. A long page sentence is not kept.
MAX_BYTES = 3 * 1024 * 1024
MAX_CLIP_BYTES = 256 * 1024


@dataclass(frozen=True)
class ClipKey:
    """Everything that changes the sound of a sentence."""

    text: str
    voice: str | None
    rate: int
    volume: float
    language: str


class ClipCache:
    """WAV bytes by :class:`ClipKey`, least recently used dropped first past ``max_bytes``.

    Read and filled by the speech thread, cleared from the UI's (a reset): one lock."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_clip_bytes: int = MAX_CLIP_BYTES) -> None:
        self.max_bytes = max_bytes
        self.max_clip_bytes = min(max_clip_bytes, max_bytes)
        self._clips: OrderedDict[ClipKey, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._clips)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._bytes

    def get(self, key: ClipKey) -> bytes | None:
        with self._lock:
            clip = self._clips.get(key)
            if clip is not None:
                self._clips.move_to_end(key)
            return clip

    def put(self, key: ClipKey, clip: bytes) -> bool:
        """Keep ``clip``; False (not kept) if it is larger than one clip may be."""
        if not clip or len(clip) > self.max_clip_bytes:
            return False
        with self._lock:
            old = self._clips.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._clips[key] = clip
            self._bytes += len(clip)
            while self._bytes > self.max_bytes:
                _, dropped = self._clips.popitem(last=False)
                self._bytes -= len(dropped)
            return True

    def clear(self) -> None:
        with self._lock:
            self._clips.clear()
            self._bytes = 0
