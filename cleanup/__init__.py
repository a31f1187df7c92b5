"""cleanup: normalize terms in translated articles and write a reviewed, corrected edition.

The Python API: `load_glossary(*paths)`, `fix_text(text, glossary)` (an `Outcome`: the corrected text,
each change and flag) and `check_text(text, glossary)` (what `cleanup check` reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import VERSION as __version__  # noqa: F401  (the package's version, as packages give it)

if TYPE_CHECKING:
    from .api import check_text, fix_text, load_glossary

__all__ = ["check_text", "fix_text", "load_glossary"]


def __getattr__(name: str) -> Any:
    """The API's functions, imported when first used: `cleanup fix` itself does not need them."""
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'cleanup' has no attribute {name!r}")
