"""How a run looks, as far as rules care: set as code (a monospaced font, or a code style such as
`Source Code`, `HTML Preformatted` or `Verbatim Char`), or underlined (fill-in blanks in a form), from its
own formatting and the document's styles."""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree

from .package import Package, relationships, w

# Fonts whose letters all have one width: text set in them is code, a listing or a terminal line.
MONOSPACED = frozenset(
    "courier new|courier|consolas|menlo|monaco|lucida console|lucida sans typewriter|source code pro|"
    "dejavu sans mono|liberation mono|andale mono|fira code|fira mono|roboto mono|ubuntu mono|sf mono|"
    "inconsolata|cascadia code|cascadia mono|jetbrains mono|noto mono|noto sans mono|ibm plex mono|"
    "nimbus mono l|nimbus mono ps|free mono|freemono|ocr a extended|letter gothic".split("|")
)
# Style ids and names of code: Word's HTML Code/Preformatted/Typewriter/Keyboard, pandoc's Source Code and
# Verbatim Char, LibreOffice's Preformatted Text. (`Source` alone is a caption's style: not code.)
_CODE_STYLE = regex.compile(r"code|preformatted|verbatim|typewriter|keyboard", regex.IGNORECASE)


@dataclass(frozen=True)
class Looks:
    """The document's styles that make text code, and those that underline it (ids)."""

    code: frozenset[str] = frozenset()
    underlined: frozenset[str] = frozenset()

    def is_code(self, run: etree._Element, paragraph_style: str | None) -> bool:
        """Whether a run is code: its own font is monospaced, or (with no font of its own) its
        character or paragraph style is code."""
        properties = _first(run, "rPr")
        font = _font(properties)
        if font is not None:
            return font in MONOSPACED
        return _style(properties, "rStyle") in self.code or paragraph_style in self.code

    def is_underlined(self, run: etree._Element, paragraph_style: str | None) -> bool:
        """Whether a run is underlined, by its own formatting or its character or paragraph style."""
        properties = _first(run, "rPr")
        own = _underline(properties)
        if own is not None:
            return own
        return _style(properties, "rStyle") in self.underlined or paragraph_style in self.underlined


def looks(package: Package) -> Looks:
    """The code and underlining styles of a document (none without a styles part)."""
    name = next((target for kind, target in relationships(package, package.main) if kind == "styles"), None)
    if name is None or name not in package.raw:
        return Looks()
    styles = {s.get(w("styleId")): s for s in package.tree(name).getroot().iter(w("style")) if s.get(w("styleId"))}
    code = frozenset(i for i in styles if _inherited(styles, i, _code_style) is True)
    underlined = frozenset(i for i in styles if _inherited(styles, i, lambda s: _underline(s.find(w("rPr")))) is True)
    return Looks(code, underlined)


def paragraph_style(paragraph: etree._Element) -> str | None:
    """The id of a paragraph's style."""
    return _style(_first(paragraph, "pPr"), "pStyle")


def _inherited(styles: dict[str, etree._Element], style_id: str, says) -> bool | None:
    """What a style says (True, False or None for nothing), else what the style it is based on says."""
    seen = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        said = says(styles[style_id])
        if said is not None:
            return said
        based = styles[style_id].find(w("basedOn"))
        style_id = based.get(w("val"), "") if based is not None else ""
    return None


def _code_style(style: etree._Element) -> bool | None:
    name = style.find(w("name"))
    if _CODE_STYLE.search(style.get(w("styleId"), "")) or (
        name is not None and _CODE_STYLE.search(name.get(w("val"), ""))
    ):
        return True
    font = _font(style.find(w("rPr")))
    return None if font is None else font in MONOSPACED


def _font(properties: etree._Element | None) -> str | None:
    """The Latin font named in run properties, lowercased (None when they name none)."""
    fonts = properties.find(w("rFonts")) if properties is not None else None
    if fonts is None:
        return None
    name = fonts.get(w("ascii")) or fonts.get(w("hAnsi"))
    return name.strip().lower() if name else None


def _underline(properties: etree._Element | None) -> bool | None:
    found = properties.find(w("u")) if properties is not None else None
    return None if found is None else found.get(w("val"), "single") != "none"


def _first(element: etree._Element, tag: str) -> etree._Element | None:
    """An element's properties (`w:rPr`, `w:pPr`): its first child, where the schema puts them. Never a
    search of the children: a run may hold hundreds of thousands, and every piece of it asks."""
    first = next(iter(element), None)
    return first if first is not None and first.tag == w(tag) else None


def _style(properties: etree._Element | None, tag: str) -> str | None:
    found = properties.find(w(tag)) if properties is not None else None
    return found.get(w("val")) if found is not None else None
