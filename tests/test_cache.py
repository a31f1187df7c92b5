"""The cache's keys and entries (what it refuses to trust: tests/test_cache_safety.py)."""

from cleanup.cache import Cache
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process


def test_cache_keys_differ_by_every_part_and_entries_round_trip(tmp_path):
    cache = Cache(tmp_path, "settings", b"k" * 32)
    keys = {
        cache.key(b"ab", "utf-8", "text", []),
        cache.key(b"a", "butf-8", "text", []),
        cache.key(b"ab", "utf-8", "Markdown", []),
    }
    assert len(keys) == 3
    document = Document("The Daash cell.\n")
    outcome = process(
        document, Settings(load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    variants: [Daash]\n")]))
    )
    key = cache.key(b"The Daash cell.\n", "utf-8", "text", [])
    assert cache.get(key, document) is None
    cache.put(key, outcome)
    assert cache.has(key) and cache.get(key, document) == outcome
    assert cache.get(key, Document("Daash")) is None  # changes that do not fit the text read
    other = Cache(tmp_path, "other settings", b"k" * 32)
    assert other.key(b"The Daash cell.\n", "utf-8", "text", []) != key
    assert Cache(tmp_path, "settings", b"x" * 32).get(key, document) is None  # signed with another user's key
