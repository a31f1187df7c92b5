"""The glossary page's data and edits: each entry's use across the served articles, `glossary suggest`'s
proposals and the unknown names, rebuilt from the files; an edit made in place on the version of the glossary
it was based on, checked before it is written, then the articles it may change processed again."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..checkers.harper import english_word_test
from ..cli.errors import UsageError
from ..cli.inputs import read_document, read_utf8
from ..house import GlossaryError, house_glossary
from ..model import Location, Problem
from ..upkeep.archive_usage import EntryUsage, FormUsage, archive_usage
from ..upkeep.candidates import ENTRY, VARIANT, Candidate, UnknownName, candidates, names_unknown
from ..upkeep.editing import GlossaryEdit, affected_articles, entry_edit, names_edit, variant_edit, write_edit
from .background import Background
from .project import Project

NAMES = "names"
ACTIONS = (VARIANT, ENTRY, NAMES)
MAX_FORM = 200  # characters of a preferred form, a variant or a name
MAX_FORMS = 100  # forms in one edit
MAX_NOTE = 1000
LISTED = 200  # candidates and unknown names sent to the page, most frequent first
ARTICLES_LISTED = 20  # articles named for one form (the rest counted)

Files = list[tuple[str, str]]


class BadEdit(Exception):
    """A body that is not a glossary edit: the message says what is wrong."""


class StaleGlossary(Exception):
    """The glossary changed since the version the edit was based on: nothing was written."""


@dataclass(frozen=True)
class EditRequest:
    """An edit asked for: `forms` added as variants of the entry `preferred` ("variant"), a new entry
    `preferred` with `forms` as variants ("entry"), or `forms` added to the names ("names")."""

    base: str
    action: str
    preferred: str
    forms: tuple[str, ...]
    file: str | None
    note: str | None


def edit_request(body: Any) -> EditRequest:
    """The edit a request's JSON body asks for, checked; BadEdit says what is wrong."""
    keys = {"base", "action", "preferred", "forms", "file", "note"}
    if not isinstance(body, dict) or set(body) - keys:
        raise BadEdit("an edit is an object with base, action, preferred, forms, file and note")
    base, action, preferred = body.get("base"), body.get("action"), body.get("preferred", "")
    forms, file, note = body.get("forms", []), body.get("file"), body.get("note")
    if not isinstance(base, str) or len(base) > 80:
        raise BadEdit("base: the version of the glossary the page was made from")
    if action not in ACTIONS:
        raise BadEdit(f"action: one of {', '.join(ACTIONS)}")
    if not isinstance(forms, list) or len(forms) > MAX_FORMS or not all(_form(form) for form in forms):
        raise BadEdit(f"forms: a list of at most {MAX_FORMS} forms, each of at most {MAX_FORM} printable characters")
    if not forms and action != ENTRY:
        raise BadEdit("forms: the variants or names to add, at least one")
    if action != NAMES and not _form(preferred):
        raise BadEdit(f"preferred: the entry's form, at most {MAX_FORM} printable characters")
    if file is not None and not isinstance(file, str):
        raise BadEdit("file: one of the glossary's files, as the page lists them")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE or not note.isprintable()):
        raise BadEdit(f"note: one line of at most {MAX_NOTE} characters")
    strip = str.strip
    return EditRequest(base, action, strip(preferred), tuple(map(strip, forms)), file, note)


def _form(text: Any) -> bool:
    """A form a glossary can hold: a non-empty line of printable characters, not too long, UTF-8."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_FORM or not text.isprintable():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def glossary_version(files: Sequence[tuple[str, str]]) -> str:
    """The glossary's version: a hash of each file's path and text."""
    return hashlib.sha256(json.dumps(list(files), ensure_ascii=False).encode()).hexdigest()[:20]


class Desk:
    """The glossary as the page shows it (computed again when the glossary or an article changed), and
    its edits; one computation or edit at a time."""

    def __init__(self, project: Project, background: Background) -> None:
        self.project = project
        self.background = background
        self.computing = threading.Lock()
        self.shown: tuple[str, list[tuple[str, str]], dict] | None = None  # version, articles, their lists
        self.english: Callable[[str], bool] | None = None  # Harper's dictionary: made once, when first needed

    def files(self) -> Files:
        """The glossary files the served run reads, as they are on disk now: (path, text)."""
        return [(str(path), read_utf8(path)) for path in self.project.glossary_files()]

    def articles(self) -> list[tuple[str, str]]:
        """Every served article's text now, by name (one that cannot be read is left out)."""
        texts = []
        for name, article in self.project.articles.items():
            document = read_document(article.item.path, self.project.args.encoding)
            if document is not None:
                texts.append((name, document.text))
        return texts

    def view(self) -> dict:
        """What the glossary page shows: the entries with their use, the proposals, the unknown names; or
        the problems that keep the glossary from loading."""
        with self.computing:
            try:
                files = self.files()
                glossary = house_glossary(files)
            except UsageError as error:
                return self._troubled("", [], [Problem(Location(""), str(error))])
            except GlossaryError as error:
                return self._troubled(glossary_version(files), files, list(error.problems))
            version, texts = glossary_version(files), self.articles()
            if self.shown is None or self.shown[:2] != (version, texts):
                if self.english is None:
                    self.english = english_word_test()
                lists = {
                    "entries": [_entry(entry) for entry in archive_usage(glossary, texts)],
                    "candidates": [_candidate(c) for c in candidates(glossary, texts, self.english)[:LISTED]],
                    "unknown": [_unknown(name) for name in names_unknown(glossary, texts, self.english)[:LISTED]],
                }
                self.shown = (version, texts, lists)
            return {**self._heading(version, files), **self.shown[2]}

    def _heading(self, version: str, files: Files) -> dict:
        return {
            "version": version,
            "files": [path for path, _ in files],
            "default_file": _default_file(files),
            "articles": len(self.project.articles),
            "problems": [],
            "settings_problem": self.background.settings_problem,
        }

    def _troubled(self, version: str, files: Files, problems: list[Problem]) -> dict:
        heading = {**self._heading(version, files), "problems": [problem_json(p) for p in problems]}
        return {**heading, "entries": [], "candidates": [], "unknown": []}

    def answer(self, body: Any) -> tuple[int, dict]:
        """The answer to an edit's JSON body: its status and JSON (one clear error, nothing written, or the
        glossary's new version, the file written and the articles processed again)."""
        try:
            return 200, self.edit(edit_request(body))
        except BadEdit as error:
            return 400, {"error": str(error)}
        except StaleGlossary:
            return 409, {"error": "the glossary changed since this page was loaded: reload it and redo the edit"}
        except GlossaryError as error:
            problems = [problem_json(problem) for problem in error.problems]
            return 422, {"error": f"nothing was written: {error.problems[0]}", "problems": problems}
        except UsageError as error:
            return 422, {"error": str(error)}

    def edit(self, request: EditRequest) -> dict:
        """Make the edit on the glossary as it is now, if that is the version it was based on, and write it;
        then the served run reads the glossary again and the articles it may change are processed again.
        StaleGlossary (the glossary changed), GlossaryError (the edit's problems), BadEdit: nothing written."""
        with self.background.reloading:  # the queue's watch on the files waits for this reload
            files = self.files()
            if glossary_version(files) != request.base:
                raise StaleGlossary
            return self._write(files, request)

    def _write(self, files: Files, request: EditRequest) -> dict:
        """Make the edit on the glossary `files` as read (under the reload lock), write it and reload."""
        made = _made(files, request)
        if made.after == made.before:  # the names are in the glossary already
            return {"version": request.base, "file": made.path, "affected": []}
        try:
            write_edit(made)
        except GlossaryError:  # written by someone else since it was read
            raise StaleGlossary from None
        affected = affected_articles(made.forms, self.articles())
        self.background.reload_settings(affected)
        return {"version": glossary_version(self.files()), "file": made.path, "affected": affected}

    def add_names(self, names: Sequence[str]) -> dict:
        """Add `names` marked on an article's page to the glossary's names (in its default file, as `glossary
        add` writes them), then process the articles they may change again: the file written and those
        articles; or, nothing written, the problem (the decisions keep the names either way)."""
        with self.background.reloading:
            files = self.files()
            request = EditRequest(glossary_version(files), NAMES, "", tuple(names), None, None)
            try:
                return self._write(files, request)
            except GlossaryError as error:
                return {"error": f"not added to the glossary: {error.problems[0]}"}
            except (BadEdit, StaleGlossary, UsageError) as error:
                return {"error": f"not added to the glossary: {str(error) or 'it changed while it was written'}"}


def _made(files: Files, request: EditRequest) -> GlossaryEdit:
    """The edit made to the glossary `files`, checked (GlossaryError when the glossary with it has a problem)."""
    if request.action == VARIANT:
        return variant_edit(files, request.preferred, request.forms, request.note)
    paths = [path for path, _ in files]
    path = request.file if request.file is not None else _default_file(files)
    if path not in paths:
        raise BadEdit("file: one of the glossary's files, as the page lists them")
    if request.action == ENTRY:
        return entry_edit(files, path, request.preferred, request.forms, request.note)
    return names_edit(files, path, request.forms)


def _default_file(files: Files) -> str:
    """Where a new entry or name goes unless the editor chooses: house.yaml, as `glossary add` writes."""
    paths = [path for path, _ in files]
    return next((p for p in paths if p.rsplit("/", 1)[-1] in ("house.yaml", "house.yml")), paths[0] if paths else "")


def problem_json(problem: Problem) -> dict:
    """A problem as the page shows it: file, line, column and what is wrong."""
    where = problem.where
    return {"file": where.path, "line": where.line, "column": where.column, "message": problem.message}


def _form_json(form: FormUsage) -> dict:
    articles = form.articles
    return {"form": form.form, "count": form.count, "articles": articles[:ARTICLES_LISTED], "in": len(articles)}


def _entry(entry: EntryUsage) -> dict:
    where = entry.where or Location("")
    return {
        "rule": entry.rule,
        "file": where.path,
        "line": where.line,
        "name": not any(form.listed for form in entry.variants),
        "preferred": _form_json(entry.preferred),
        "variants": [{**_form_json(form), "listed": form.listed} for form in entry.variants],
        "in": len(entry.articles),
    }


def _candidate(candidate: Candidate) -> dict:
    suggestion = candidate.suggestion
    forms = [
        {"form": form.text, "count": form.count, "first": ":".join(map(str, form.places[0])) if form.places else ""}
        for form in suggestion.forms
    ]
    return {
        "action": candidate.action,
        "preferred": candidate.preferred,
        "variants": list(candidate.variants),
        "forms": forms,
    }


def _unknown(name: UnknownName) -> dict:
    return {
        "name": name.name,
        "count": name.count,
        "spellings": name.spellings,
        "articles": name.articles[:ARTICLES_LISTED],
        "in": len(name.articles),
        "first": str(name.first),
    }
