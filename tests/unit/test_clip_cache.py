"""The visit's clip cache: bounded by bytes, least recently used out first, emptied on demand."""

from __future__ import annotations

from kiosk.speech.clip_cache import ClipCache, ClipKey


def key(text: str, rate: int = 175) -> ClipKey:
    return ClipKey(text, "gmw/en-us", rate, 1.0, "en")


def test_a_kept_clip_comes_back_for_the_same_sentence_and_sound_only():
    cache = ClipCache()
    assert cache.put(key("Muscle cramps."), b"RIFF1")
    assert cache.get(key("Muscle cramps.")) == b"RIFF1"
    assert cache.get(key("Muscle cramps.", rate=200)) is None  # another rate is another sound
    assert cache.get(ClipKey("Muscle cramps.", "roa/es-419", 175, 1.0, "es")) is None


def test_the_least_recently_used_clip_goes_first_past_the_byte_bound():
    cache = ClipCache(max_bytes=10, max_clip_bytes=10)
    cache.put(key("a"), b"1234")
    cache.put(key("b"), b"1234")
    assert cache.get(key("a")) == b"1234"  # a is now the most recently used
    cache.put(key("c"), b"1234")  # 12 bytes: b goes
    assert cache.get(key("b")) is None
    assert cache.get(key("a")) == b"1234" and cache.get(key("c")) == b"1234"
    assert cache.size == 8 and len(cache) == 2


def test_a_clip_too_large_or_empty_is_not_kept():
    cache = ClipCache(max_bytes=100, max_clip_bytes=10)
    assert not cache.put(key("long page"), b"x" * 11)
    assert not cache.put(key("nothing"), b"")
    assert len(cache) == 0 and cache.size == 0


def test_putting_a_sentence_again_replaces_it_without_counting_it_twice():
    cache = ClipCache(max_bytes=100)
    cache.put(key("a"), b"12345")
    cache.put(key("a"), b"123")
    assert cache.get(key("a")) == b"123" and cache.size == 3


def test_clear_forgets_every_clip():
    cache = ClipCache()
    cache.put(key("Your answers."), b"RIFF")
    cache.clear()
    assert cache.get(key("Your answers.")) is None and cache.size == 0
