"""Bilingual files (XLIFF 1.2 and 2.0, TMX): the English targets as the article, one segment a line, and
the Arabic sources beside them, paired one to one; the corrected targets written back. A target with
inline markup (tags, placeholders) is read as text but never edited: its segment is protected whole."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import Document, Outcome, ProtectedSpan
from .docx.package import DocxError, parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 256 << 20


class BilingualError(DocxError):
    """A file that cannot be read as XLIFF or TMX; the message says why and what to do."""


@dataclass
class Segment:
    """One translation unit: its source element and its English target element (made when missing)."""

    source: etree._Element
    target: etree._Element | None


@dataclass
class Bilingual:
    """A parsed bilingual file, its English text with what must stay protected, and its source text."""

    tree: etree._ElementTree
    segments: list[Segment]
    english: Document
    source: Document


def read_bilingual(data: bytes) -> Bilingual:
    """The segments of an XLIFF or TMX file; BilingualError when it is neither."""
    if len(data) > MAX_BYTES:
        raise BilingualError("is larger than a bilingual file holds; split it")
    try:
        tree = parse_xml("", data, "is not well-formed XML", "export it again from the translation tool")
    except DocxError as error:
        raise BilingualError(str(error)) from None
    root = tree.getroot()
    name = etree.QName(root).localname
    if name == "xliff":
        segments = _xliff_segments(root)
    elif name == "tmx":
        segments = _tmx_segments(root)
    else:
        raise BilingualError(f"is neither XLIFF nor TMX (its root element is <{name}>); give an .xlf or .tmx file")
    english, protected, source = [], [], []
    offset = 0
    for index, segment in enumerate(segments):
        text = _text(segment.target).replace("\n", " ")
        if index:
            protected.append(ProtectedSpan(offset, offset + 1))  # segments are never joined
            offset += 1
        if segment.target is None or len(segment.target) or "\n" in _text(segment.target):
            # no target, inline markup or a line break: the segment is read, never edited
            protected.append(ProtectedSpan(offset, offset + len(text)))
        english.append(text)
        source.append(_text(segment.source).replace("\n", " "))
        offset += len(text)
    return Bilingual(
        tree, segments, Document("\n".join(english), protected=tuple(protected)), Document("\n".join(source))
    )


def write_bilingual(data: bytes, outcome: Outcome) -> bytes:
    """The file with each English target set to its corrected text (targets with markup are never changed)."""
    bilingual = read_bilingual(data)
    if bilingual.english.text != outcome.original.text:
        raise BilingualError("has changed since it was read; run again")
    lines = outcome.corrected.split("\n")
    if len(lines) != len(bilingual.segments):
        raise BilingualError("internal error: the corrected text has another number of segments")
    for segment, before, after in zip(bilingual.segments, bilingual.english.text.split("\n"), lines, strict=True):
        if before != after and segment.target is not None:
            segment.target.text = after
    return _as_written(data, etree.tostring(bilingual.tree.getroot(), encoding="UTF-8"))


def _as_written(data: bytes, root: bytes) -> bytes:
    """The new root element with the original's prolog (declaration, comments, doctype) and final newline."""
    tag = re.match(rb"<[^\s/>]+", root)
    start = data.find(tag.group()) if tag else -1
    prolog = data[:start] if start > 0 else b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return prolog + root + (b"\n" if data.endswith(b"\n") else b"")


def _xliff_segments(root: etree._Element) -> list[Segment]:
    """<trans-unit> (1.2) or <segment> (2.0), each with its <source> and <target>."""
    targets = {root.get("trgLang", "")} | {
        f.get("target-language", "") for f in root.iter() if f.get("target-language")
    }
    other = sorted(t for t in targets if t and not t.lower().startswith("en"))
    if other:
        raise BilingualError(f"translates into {other[0]}, not English; cleanup checks English translations")
    found = []
    for unit in root.iter():
        if not isinstance(unit.tag, str) or etree.QName(unit).localname not in ("trans-unit", "segment"):
            continue
        source = _child(unit, "source")
        if source is not None:
            found.append(Segment(source, _child(unit, "target")))
    if not found:
        raise BilingualError("is an XLIFF file with no translation units; nothing to check")
    return found


def _tmx_segments(root: etree._Element) -> list[Segment]:
    """Each <tu>: the Arabic <tuv>'s <seg> as source, the English one's as target."""
    found = []
    for unit in root.iter("tu"):
        by_language = {
            (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()[:2]: tuv.find("seg") for tuv in unit.iter("tuv")
        }
        if by_language.get("ar") is not None:
            found.append(Segment(by_language["ar"], by_language.get("en")))
    if not found:
        raise BilingualError("is a TMX file with no Arabic-English units (xml:lang ar and en); nothing to check")
    return found


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name), None)


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""
