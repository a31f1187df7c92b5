"""`cleanup serve`: a local web application over a project's articles, their review pages and decisions.

Modules by job: `project` (the run `cleanup fix` would make, one article processed and written as fix writes
it), `saving` (an article's version, and a page's save handed to `decisionsave`, the one merge),
`queue` (each article's state for the queue), `cached` (an article's row read from the cache by the server
itself), `background` (processing new, edited, added and decided articles in worker processes, the settings
read again when they change), `glossary` (the glossary page's data and edits), `security` (the token, the
allowed hosts, the response headers), `pages` (the queue, glossary and article pages, no inline script),
`app` (the routes), `static/` (the pages' scripts and stylesheets).
"""
