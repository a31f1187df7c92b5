"""`cleanup serve`: a local web application over a project's articles, their review pages and decisions.

Modules by job: `project` (the run `cleanup fix` would make, one article processed and written as fix writes
it), `saving` (an article's version and saving decisions on a base version: the one place that merges),
`queue` (each article's state for the queue), `cached` (an article's row read from the cache by the server
itself), `background` (processing new, edited, added and decided articles in worker processes), `security`
(the token, the allowed hosts, the response headers), `pages` (the queue and article pages, no inline
script), `app` (the routes), `static/` (the pages' scripts and stylesheets).
"""
