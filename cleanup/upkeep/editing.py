"""Glossary edits from the editors' desk: variants added to an entry, a new entry, names added. Each is made in
place (comments, order and layout kept, as `glossary add` does), checked with the house loader before anything
is written (every problem with file, line and column), written whole, and says which articles it may change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from ..atomicfile import one_writer, read_or_empty, write_atomically
from ..house import GlossaryError, HouseGlossary, house_glossary
from ..model import Location, Problem
from ..textio import DecodeError, decode
from ..words.keys import fold
from .adding import add_entry, add_names

Files = Sequence[tuple[str, str]]  # the glossary's files as (path, text), as the house loader reads them


@dataclass(frozen=True)
class GlossaryEdit:
    """One edit of one glossary file, checked: the file's text as read and with the edit, the glossary with
    the edit (validated), and the forms whose articles it may change."""

    path: str
    before: str
    after: str
    glossary: HouseGlossary
    forms: tuple[str, ...]


def variant_edit(files: Files, preferred: str, variants: Sequence[str], note: str | None = None) -> GlossaryEdit:
    """`variants` added to the entry for `preferred`, in the file that holds it (and its note set, if given).
    Raises GlossaryError when there is no such entry or the glossary with the edit has a problem."""
    term = next((t for t in house_glossary(files).terms if t.preferred == preferred and t.where), None)
    if term is None or term.where is None:
        where = Location(files[0][0] if files else "glossary", 1, 1)
        raise GlossaryError([Problem(where, f"no entry “{preferred}” to add a variant to; add a new entry")])
    path = term.where.path
    forms = (*variants, *term.variants)
    return _checked(files, path, lambda text: add_entry(text, preferred, variants, note), forms)


def entry_edit(
    files: Files, path: str, preferred: str, variants: Sequence[str], note: str | None = None
) -> GlossaryEdit:
    """A new entry for `preferred` with `variants` at the end of the file `path` (a new file if it is not one
    of `files`). Raises GlossaryError when the glossary has the entry already or with it has a problem."""
    existing = next((t for t in house_glossary(files).terms if fold(t.preferred) == fold(preferred)), None)
    if existing is not None:
        where = existing.where or Location(path, 1, 1)
        raise GlossaryError([Problem(where, f"“{preferred}” is an entry already; add variants to it instead")])
    return _checked(files, path, lambda text: add_entry(text, preferred, variants, note), (preferred, *variants))


def names_edit(files: Files, path: str, names: Sequence[str]) -> GlossaryEdit:
    """`names` appended to the `names:` of the file `path` (those the glossary knows already left out).
    Raises GlossaryError when the glossary with them has a problem."""
    glossary = house_glossary(files)
    missing = [name for name in dict.fromkeys(names) if name not in glossary.forms]
    if not missing:
        text = next((text for name, text in files if name == path), "")
        return GlossaryEdit(path, text, text, glossary, ())
    return _checked(files, path, lambda text: add_names(text, missing), tuple(missing))


def _checked(files: Files, path: str, edit: Callable[[str], str], forms: Sequence[str]) -> GlossaryEdit:
    """The edit `edit` (text -> text) made to the file `path` of `files`, with the glossary it makes, validated."""
    before = next((text for name, text in files if name == path), "")
    try:
        after = edit(before)
    except Exception as error:  # ruamel raises many kinds: the file is not a glossary it can edit
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GlossaryError(
            [Problem(Location(path, 1, 1), f"cannot edit this file ({message}); fix it first")]
        ) from None
    changed = [(name, after if name == path else text) for name, text in files]
    if path not in (name for name, _ in files):
        changed.append((path, after))
    return GlossaryEdit(path, before, after, house_glossary(changed), tuple(dict.fromkeys(forms)))


def write_edit(edit: GlossaryEdit) -> None:
    """Write the edited file whole, one writer at a time; refused (GlossaryError, nothing written) when the
    file changed on disk since it was read."""
    path = Path(edit.path)
    if edit.after == edit.before:
        return
    with one_writer(path):
        if _text(read_or_empty(path)) != edit.before:
            problem = Problem(Location(edit.path), "changed on disk since it was read; read it again and redo the edit")
            raise GlossaryError([problem])
        write_atomically(path, edit.after.encode("utf-8"))


def _text(data: bytes) -> str | None:
    try:
        return decode(data).text
    except DecodeError:
        return None


def affected_articles(forms: Iterable[str], articles: Iterable[tuple[str, str]]) -> list[str]:
    """The (name, text) articles that write one of `forms` as words (any case, any apostrophe or hyphen), by
    name: the articles an edit about those forms may change, to check again."""
    keys = sorted({fold(form) for form in forms if form.strip()}, key=len, reverse=True)
    if not keys:
        return []
    pattern = regex.compile(r"(?<![\w'-])(?:" + "|".join(regex.escape(key) for key in keys) + r")(?![\w])")
    return [name for name, text in articles if pattern.search(fold(text))]
