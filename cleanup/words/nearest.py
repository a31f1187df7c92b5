"""The known word nearest to a mistyped one, for "did you mean" hints."""

from __future__ import annotations

from collections.abc import Iterable


def nearest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of `known` most like `word` (difflib's ratio at least `cutoff`), or None. difflib is imported
    here, when a mistake is found: a run without one never loads it."""
    import difflib

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None
