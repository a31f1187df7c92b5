"""Bilingual files (XLIFF 1.2 and 2.0, TMX): the English targets as the article, one segment a line, and
their Arabic sources beside them, paired one to one. Corrected targets are spliced into the file's own
text, so every byte outside an edited target stays the input's (encoding, line endings, markup)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import Document, Outcome, ProtectedSpan
from . import Contents, FormatError
from .xml import XmlError, parse_xml
from .xmltext import Element, Reading, XmlText, XmlTextError, decode, elements, escape, read_content, spliced

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 256 << 20
FINAL = frozenset({"final", "signed-off"})  # target states a translator's workflow has closed
CONTAINERS = frozenset({"g", "mrk", "pc", "hi"})  # inline elements whose content is text (XLIFF 1.2, 2.0, TMX)
_SUBTAG = re.compile(r"[-_]")


class BilingualError(FormatError):
    """A file that cannot be read as XLIFF or TMX; the message says why and what to do."""


@dataclass(frozen=True)
class Segment:
    """One translation: its source element (None when not Arabic), its English target element (None when
    missing), whether the target is final (read and checked; what a fix would change there is flagged), and
    its unit."""

    source: etree._Element | None
    target: etree._Element | None
    final: bool = False
    unit: etree._Element | None = None  # the XLIFF unit it belongs to (markers may run across its segments)


@dataclass
class Bilingual:
    """A bilingual file's English text, where that text lies in the file, and its Arabic sources (None when
    its sources are in another language)."""

    decoded: XmlText
    reading: Reading
    english: Document
    source: Document | None


def is_language(tag: str | None, language: str) -> bool:
    """Whether a language tag's primary subtag is `language` (`en-GB`, `en_US`: en; `enm`: not)."""
    return tag is not None and _SUBTAG.split(tag.strip(), maxsplit=1)[0].lower() == language


def read_bilingual(data: bytes) -> Bilingual:
    """The English targets and Arabic sources of an XLIFF or TMX file; BilingualError when it is neither."""
    if len(data) > MAX_BYTES:
        raise BilingualError("is larger than a bilingual file holds; split it")
    try:
        tree = parse_xml("", data, "is not well-formed XML", "export it again from the translation tool")
        decoded = decode(data)
    except (XmlError, XmlTextError) as error:
        raise BilingualError(str(error)) from None
    root = tree.getroot()
    name = etree.QName(root).localname
    if name == "xliff":
        segments = _xliff_segments(root)
    elif name == "tmx":
        segments = _tmx_segments(root)
    else:
        raise BilingualError(f"is neither XLIFF nor TMX (its root element is <{name}>); give an .xlf or .tmx file")
    where = _positions(root, decoded.text)
    english, source, held = Reading(), Reading(), []
    unit, inline, holding = None, _Inline(), 0
    for index, segment in enumerate(segments):
        if index:
            english.add("\n", True)  # segments are never joined
            source.add("\n", True)
        if segment.unit is None or segment.unit is not unit:
            unit, inline, holding = segment.unit, _Inline(), 0
        start = english.length
        holding = _read(decoded.text, where.get(segment.target), english, inline, holding)
        if segment.final:
            held.append(ProtectedSpan(start, english.length))
        _read(decoded.text, where.get(segment.source), source, _Inline())
    protected = tuple(ProtectedSpan(start, end) for start, end in english.protected)
    document = Document(english.text, protected=protected, held=tuple(held))
    arabic = all(segment.source is not None for segment in segments)
    return Bilingual(decoded, english, document, Document(source.text) if arabic else None)


def write_bilingual(data: bytes, outcome: Outcome) -> bytes:
    """The file with each corrected stretch of target text spliced in; unchanged, the input's own bytes."""
    bilingual = read_bilingual(data)
    if bilingual.english.text != outcome.original.text:
        raise BilingualError("has changed since it was read; run again")
    if not outcome.changed:
        return data
    at = bilingual.reading.file_offset
    splices = [(at(c.start), at(c.end), escape(outcome.corrected[c.new_start : c.new_end])) for c in outcome.changes]
    written = spliced(data, bilingual.decoded, splices)
    if read_bilingual(written).english.text != outcome.corrected:
        raise BilingualError("internal error: the corrected targets did not read back as corrected; nothing written")
    return written


def _read(text: str, element: Element | None, into: Reading, inline: _Inline, holding: int = 0) -> int:
    """An element's text added to `into` (a missing or empty `<x/>` one as nothing that may be inserted
    into); the unit's translate="no" stretches still open after it."""
    if element is None or element.open_end == element.end:
        into.add("", True)
        return holding
    return read_content(text, element, into, inline, holding)


class _Inline:
    """What each inline element of a unit's targets is; it remembers the unit's open translate="no" markers
    (XLIFF 2.0 `<sm translate="no"/>` … `<em startRef/>`, which may run across segments)."""

    def __init__(self) -> None:
        self.markers: set[str] = set()

    def __call__(self, name: str, attributes: dict[str, str]) -> str:
        if attributes.get("translate") == "no" or attributes.get("mtype") == "protected":
            if name == "sm":
                self.markers.add(attributes.get("id", ""))
                return "hold"
            return "kept"
        if name == "em" and attributes.get("startRef") in self.markers:
            self.markers.discard(attributes["startRef"])
            return "release"
        return "text" if name in CONTAINERS else "atom"


def _positions(root: etree._Element, text: str) -> dict[etree._Element, Element]:
    """Where each element of the tree lies in the file's text."""
    tree = [element for element in root.iter() if isinstance(element.tag, str)]
    found = elements(text)
    if len(found) != len(tree) or any(etree.QName(e).localname != f.name for e, f in zip(tree, found, strict=True)):
        raise BilingualError("has markup cleanup cannot follow (entities that hold elements?); export it again")
    return dict(zip(tree, found, strict=True))


def _xliff_segments(root: etree._Element) -> list[Segment]:
    """<trans-unit> (1.2) or <segment> (2.0) of files into English, skipping translate="no" units and
    targets marked as another language; a target is final when its state (or its unit's approval) says so."""
    found, other, skipped = [], [], 0
    for file in (e for e in root.iter() if isinstance(e.tag, str) and _is(e, "file")):
        target_language = file.get("target-language") or root.get("trgLang")
        if target_language and not is_language(target_language, "en"):
            other.append(target_language)
            continue
        arabic = is_language(file.get("source-language") or root.get("srcLang"), "ar")
        for unit in file.iter():
            if not isinstance(unit.tag, str) or not (_is(unit, "trans-unit") or _is(unit, "segment")):
                continue
            source, target = _child(unit, "source"), _child(unit, "target")
            if source is None:
                continue
            if not _translatable(unit) or not _english(target):
                skipped += 1
                continue
            owner = unit.getparent() if _is(unit, "segment") else unit
            found.append(Segment(source if arabic else None, target, _final(unit, target), owner))
    if not found and other:
        raise BilingualError(f"translates into {other[0]}, not English; cleanup checks English translations")
    if not found and skipped:
        raise BilingualError(
            'has no unit to check: each is marked translate="no" or has its target in another language than English'
        )
    if not found:
        raise BilingualError("is an XLIFF file with no translation units; nothing to check")
    return found


def _tmx_segments(root: etree._Element) -> list[Segment]:
    """Each English <tuv> of each <tu> (en, en-GB, en-US alike) with the unit's Arabic one as its source."""
    found = []
    for unit in root.iter("tu"):
        variants = [(tuv.get(XML_LANG) or tuv.get("lang"), _child(tuv, "seg")) for tuv in unit.iter("tuv")]
        arabic = next((seg for language, seg in variants if is_language(language, "ar")), None)
        found += [Segment(arabic, seg) for language, seg in variants if seg is not None and is_language(language, "en")]
    if not found:
        raise BilingualError("is a TMX file with no English units (xml:lang en); nothing to check")
    return found


def _final(unit: etree._Element, target: etree._Element | None) -> bool:
    """Whether a translator's workflow has closed the target: approved (1.2), or in a final state."""
    holder = unit if _is(unit, "segment") else target
    return unit.get("approved") == "yes" or (holder is not None and holder.get("state") in FINAL)


def _translatable(unit: etree._Element) -> bool:
    """Whether a unit is to be translated: the nearest `translate` attribute of it or its groups and file."""
    for element in (unit, *unit.iterancestors()):
        if element.get("translate") is not None:
            return element.get("translate") != "no"
    return True


def _english(target: etree._Element | None) -> bool:
    """Whether a target is English: a target marked as another language (`xml:lang="fr"`) is left alone."""
    return target is None or target.get(XML_LANG) is None or is_language(target.get(XML_LANG), "en")


def _is(element: etree._Element, name: str) -> bool:
    return etree.QName(element).localname == name


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and _is(c, name)), None)


Error = BilingualError


def read(data: bytes, encoding: str | None) -> Contents:
    """The English targets and the Arabic sources (a bilingual file declares its own encoding)."""
    bilingual = read_bilingual(data)
    return Contents(bilingual.english, bilingual.source)


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    return write_bilingual(original, outcome)
