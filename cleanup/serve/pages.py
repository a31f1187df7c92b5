"""The served pages: the queue, the glossary, and an article's review page as `cleanup fix` writes it but with its
stylesheets and scripts linked from the server (no inline script) and the token and version in `<meta>`."""

from __future__ import annotations

import html
from collections.abc import Iterator
from importlib import resources

from ..decisions import DecisionFile, span_context
from ..decisionsave import key_of
from ..decisionstatus import decision_status, dismissal_status
from ..model import Outcome
from ..outputs.review import Served, review_page, shown_flags
from ..outputs.review_assets import SCRIPT, STYLE
from .project import Article, Project


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every file under /static/, by name: its bytes and media type (nothing else is ever served from disk)."""
    folder = resources.files(__package__) / "static"
    files = {
        "review.js": (SCRIPT.encode(), "text/javascript; charset=utf-8"),
        "review.css": (STYLE.encode(), "text/css; charset=utf-8"),
    }
    for name in ("review-serve.js", "queue.js", "glossary.js", "serve.css"):
        kind = "css" if name.endswith(".css") else "javascript"
        files[name] = ((folder / name).read_bytes(), f"text/{kind}; charset=utf-8")
    return files


def queue_page(token: str, title: str) -> str:
    """The queue's page: its table is filled by queue.js from /api/queue."""
    nav = '<a href="/glossary" id="glossary-link">Glossary →</a>'
    return _page(token, f"Review queue: {title}", "queue", nav, _QUEUE_TOOLS)


def glossary_page(token: str, title: str) -> str:
    """The glossary's page: filled by glossary.js from /api/glossary, its edits sent there."""
    nav = '<a href="/" id="queue-link">← queue</a>'
    return _page(token, f"Glossary: {title}", "queue glossary", nav, _GLOSSARY_TOOLS)


def _page(token: str, heading: str, body_class: str, nav: str, rest: str) -> str:
    """A page of the desk: the token for its script, the stylesheets, `heading` (escaped) as its title and
    first heading after the link `nav`, then the page's own markup `rest`."""
    shown = html.escape(heading)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="cleanup-token" content="{html.escape(token)}">
<title>{shown}</title>
<link rel="stylesheet" href="/static/review.css">
<link rel="stylesheet" href="/static/serve.css">
</head>
<body class="{body_class}">
<header><nav class="serve-nav">{nav}</nav>
<h1>{shown}</h1>
{rest}</body>
</html>
"""


_QUEUE_TOOLS = """<p id="queue-progress">Loading…</p>
<div class="queue-tools">
<label>Search <input id="queue-search" type="search" placeholder="article or editor"></label>
<label>Rule <select id="queue-rule"><option value="">any rule</option></select></label>
<label>State <select id="queue-state">
<option value="">any state</option><option value="pending">changes pending</option><option value="done">all decided</option>
<option value="flags">flags open</option><option value="stale">stale decisions</option>
<option value="processing">processing</option><option value="failed">failed</option></select></label>
<span id="queue-count"></span>
</div></header>
<main><table><thead><tr id="queue-head"></tr></thead><tbody id="queue-rows"></tbody></table></main>
<script src="/static/queue.js"></script>
"""

_GLOSSARY_TOOLS = """<p id="glossary-progress">Loading…</p>
<div id="glossary-notices" role="alert"></div>
<form id="glossary-form" class="queue-tools">
<label>Preferred <input id="new-preferred" placeholder="an entry, new or listed" maxlength="200"></label>
<label>Variants <input id="new-variants" placeholder="comma-separated" maxlength="2000"></label>
<label id="new-file-label">File <select id="new-file"></select></label>
<button type="submit">Add</button>
<label>Search <input id="glossary-search" type="search" placeholder="form or article"></label>
</form></header>
<main>
<section><h2>Names spelled more than one way (glossary suggest)</h2>
<table><thead><tr><th>Proposal</th><th>Forms</th><th></th></tr></thead>
<tbody id="glossary-candidates"></tbody></table></section>
<section><h2>Names the glossary does not know</h2>
<table><thead><tr><th>Name</th><th>Times</th><th>Articles</th><th>First at</th><th></th></tr></thead>
<tbody id="glossary-unknown"></tbody></table></section>
<section><h2>Entries and names</h2>
<table><thead><tr><th>Preferred</th><th>Uses</th><th>Variants (changed where written)</th><th>Articles</th>
<th>Where</th></tr></thead><tbody id="glossary-entries"></tbody></table></section>
</main>
<script src="/static/glossary.js"></script>
"""


def article_page(
    project: Project, article: Article, outcome: Outcome, decided: DecisionFile, token: str, version: str
) -> Iterator[str]:
    """An article's review page as the server sends it."""
    assert project.run.plan is not None
    served = Served(
        stylesheets=("/static/review.css", "/static/serve.css"),
        scripts=("/static/review.js", "/static/review-serve.js"),
        meta={"cleanup-token": token, "cleanup-article": article.name, "cleanup-version": version},
        data=decided_on_page(outcome, decided),
    )
    review = (project.out_dir / article.name).as_posix()
    path = article.item.path.as_posix()
    return review_page(path, review, outcome, project.run.plan.notes, decided.names, served)


def decided_on_page(outcome: Outcome, decided: DecisionFile) -> dict:
    """What the page's changes and flags were decided as, matched as `cleanup fix` matches them: for each
    change the key of the decision the file holds for it (null: none; it differs from the change's own
    when the article was edited since), and for each flag the page marks its key, whether it is dismissed
    and the key of its dismissal. A save names those keys, so it finds the decisions it changes."""
    stored = {s.target: key_of(s.decision) for s in decision_status(decided.decisions, outcome) if s.target is not None}
    dismissed = {s.target: key_of(s.decision) for s in dismissal_status(decided.dismissed, outcome) if s.applies}
    number = {id(flag): index for index, flag in enumerate(outcome.flags)}
    original = outcome.original.text
    flags = []
    for flag in shown_flags(outcome):
        left, right = span_context(original, flag.start, flag.end)
        index = number[id(flag)]
        flags.append(
            {
                "key": [flag.rule, original[flag.start : flag.end], "", left, right],
                "dismissed": index in dismissed,
                "stored": list(dismissed[index]) if index in dismissed else None,
            }
        )
    changes = [list(stored[index]) if index in stored else None for index in range(len(outcome.changes))]
    return {"changes": changes, "flags": flags}
