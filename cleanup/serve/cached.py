"""An article's queue row read from the cache in the server's own process (no worker, nothing processed):
when the cache holds its findings for its bytes and decisions as they are now; and whether its edition and
records are still as `cleanup fix` left them for those findings (else the background writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from ..cli.batch import cache_key
from ..cli.errors import UsageError
from ..cli.settings import checked_encoding
from ..cli.write import written_for
from ..decisions import DecisionsError
from .project import Article, Project
from .queue import Row, row_of, stale_of
from .saving import version


@dataclass(frozen=True)
class Cached:
    """An article's row and stale decisions from the cache, and what its outputs were written for."""

    row: Row
    stale: list[dict]
    key: str  # the outcome's cache key
    names: tuple[str, ...]  # the names confirmed in its review


def cached_row(project: Project, article: Article) -> Cached | None:
    """The article's row from the cache's findings, or None when the cache does not have them, its decisions
    do not read (processing says why) or dismiss a flag (matched against the text, which the cache never holds)."""
    cache = project.run.cache
    if cache is None:
        return None
    now = version(article)
    try:
        decided = project.decided(article)
        task = (article.item.path, checked_encoding(project.args.encoding), decided.decisions, article.item.source)
    except (UsageError, DecisionsError):
        return None
    if decided.dismissed:
        return None
    key = cache_key(cache, task)
    found = cache.findings(key) if key else None
    if key is None or found is None:
        return None
    return Cached(row_of(article.name, found, decided, now), stale_of(found), key, tuple(decided.names))


def edition_current(project: Project, article: Article, cached: Cached) -> bool:
    """Whether the article's edition and records are as `cleanup fix` wrote them for its cached findings."""
    cache, plan = project.run.cache, project.plan_of(article)
    written = written_for(cached.key, article.item, cached.names, plan.docx_mode)
    return cache is not None and cache.outputs_current(written, plan.outputs(article.item))
