"""`cleanup serve`: a local web application over a project's articles, their review pages and decisions.

Modules by job: `project` (the run `cleanup fix` would make, one article processed and written as fix writes
it), `saving` (an article's version, and a page's save handed to `decisionsave`, the one merge),
`queue` (each article's state for the queue), `background` (processing new, edited and decided articles in
worker processes, the settings read again when they change), `glossary` (the glossary page's data and
edits), `security` (the token, the allowed hosts, the response headers), `pages` (the queue
and article pages, no inline script), `app` (the routes), `static/` (the pages' scripts and stylesheets).
"""
