"""Word files for `real_files.py`: glossary variants planted into a copy, and an independent reader of
the files cleanup writes (its own code, not the project's): every part well-formed, the text with
cleanup's tracked changes accepted or rejected, and the elements of each part counted."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # ISO 29500 Strict: read as transitional
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
AUTHOR = "cleanup"
STORIES = ("header", "footer", "footnotes", "endnotes")
# Elements whose number must not change: sections, tables, pictures, fields, links, notes, bookmarks,
# math, text boxes, content controls and other authors' revisions.
COUNTED = {
    f"{{{W}}}{name}": name
    for name in (
        "sectPr tbl tr tc drawing pict object fldChar fldSimple instrText hyperlink footnoteReference "
        "endnoteReference bookmarkStart txbxContent sdt smartTag"
    ).split()
} | {f"{{{MATH}}}oMath": "oMath"}
_TEXT = {f"{{{W}}}{t}" for t in ("t", "delText", "instrText", "delInstrText")}
_BREAK = {f"{{{W}}}{t}": c for t, c in (("tab", "\t"), ("ptab", "\t"), ("br", "\n"), ("cr", "\n"))}
_INSERTED = {f"{{{W}}}{t}" for t in ("ins", "moveTo")}
_DELETED = {f"{{{W}}}{t}" for t in ("del", "moveFrom")}
_KEEP_OUT = {f"{{{ns}}}{t}" for t in ("ins", "del", "fldSimple", "hyperlink", "sdt", "smartTag") for ns in (W, STRICT)}
_PLAIN_TEXT = {f"{{{W}}}t", f"{{{STRICT}}}t"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
PLANT = re.compile(r"[A-Za-z]{3,} [A-Za-z]{3,}")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Unreadable(Exception):
    """The original is not a package this reader can plant into (not a zip, no main document)."""


def read_package(data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        raise Unreadable(f"not a zip package: {error}") from None


def story_parts(parts: dict[str, bytes]) -> list[str]:
    """The main document part, then its headers, footers, footnotes and endnotes, by relationships."""
    main = ""
    for rel in _relationships(parts, "_rels/.rels"):
        if rel.get("Type", "").endswith("/officeDocument"):
            main = rel.get("Target", "").lstrip("/")
    if main not in parts:
        raise Unreadable("no main document part")
    folder = posixpath.dirname(main)
    rels = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    found = [main]
    for rel in _relationships(parts, rels):
        target = rel.get("Target", "")
        name = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        if rel.get("Type", "").rsplit("/", 1)[-1] in STORIES and name in parts and name not in found:
            found.append(name)
    return found


def starts_with_table(parts: dict[str, bytes]) -> bool:
    """Whether the body's first block is a table: LibreOffice may add an empty paragraph before it (always
    once the document holds a comment, by any author; Word never)."""
    body = _parse(parts[story_parts(parts)[0]]).find(w("body"))
    blocks = [child for child in (body if body is not None else []) if child.tag in (w("p"), w("tbl"), w("sdt"))]
    return bool(blocks) and blocks[0].tag == w("tbl")


def _relationships(parts: dict[str, bytes], name: str) -> list[ElementTree.Element]:
    if name not in parts:
        return []
    try:
        return list(ElementTree.fromstring(parts[name]).iter(f"{{{REL}}}Relationship"))
    except ElementTree.ParseError:
        return []


def plant(data: bytes, every: int = 4) -> tuple[bytes, int]:
    """A copy of the .docx with " Daash " put between two words of every `every`-th plain text node of
    each story part (not inside revisions, fields, links or content controls), and how many were planted."""
    parts = read_package(data)
    planted = 0
    for name in story_parts(parts):
        try:
            root = etree.fromstring(parts[name], _PARSER)
        except etree.XMLSyntaxError:
            continue
        seen, before = 0, planted
        for node in _plain_text_nodes(root):
            match = PLANT.search(node.text or "")
            if match is None:
                continue
            seen += 1
            if seen % every == 1 or every == 1:
                space = match.start() + match.group().index(" ")
                node.text = node.text[:space] + " Daash " + node.text[space + 1 :]  # type: ignore[index]
                planted += 1
        if planted > before:
            parts[name] = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return _zip(parts), planted


def _plain_text_nodes(root: etree._Element):
    """The w:t nodes of runs outside revisions, simple fields, links and content controls."""

    def walk(element):
        for child in element:
            if child.tag in _KEEP_OUT:
                continue
            if child.tag in _PLAIN_TEXT:
                yield child
            else:
                yield from walk(child)

    yield from walk(root)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _parse(data: bytes) -> ElementTree.Element:
    """A part's XML, Strict WordprocessingML read under the transitional namespace."""
    return ElementTree.fromstring(data.replace(STRICT.encode(), W.encode()))


def malformed_parts(parts: dict[str, bytes]) -> list[str]:
    """The XML parts (.xml, .rels) that are not well-formed."""
    bad = []
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as error:
                bad.append(f"{name} ({error})")
    return bad


def text(parts: dict[str, bytes], mode: str) -> str:
    """The text of every story part, paragraph by paragraph; cleanup's revisions accepted (mode "accept"),
    rejected ("reject") or absent ("plain"); other authors' revisions read with both sides."""
    out = []
    for name in story_parts(parts):
        root = _parse(parts[name])
        out.append(f"== {posixpath.basename(name)}\n")
        for paragraph in root.iter(w("p")):
            pieces: list[str] = []
            _collect(paragraph, pieces, mode)
            out.append("".join(pieces))
            out.append("" if _mark_gone(paragraph, mode) else "\n")
    return "".join(out)


def _collect(element: ElementTree.Element, pieces: list[str], mode: str) -> None:
    for child in element:
        if child.tag == w("p"):
            continue  # a paragraph inside a text box: read as its own paragraph
        ours = child.get(w("author")) == AUTHOR
        if ours and (child.tag in _INSERTED and mode == "reject" or child.tag in _DELETED and mode == "accept"):
            continue
        if child.tag in _TEXT:
            pieces.append(_shown(child))
        elif child.tag in _BREAK:
            pieces.append(_BREAK[child.tag])
        else:
            _collect(child, pieces, mode)


def _shown(text: ElementTree.Element) -> str:
    """Text as Word and LibreOffice show it: without `xml:space="preserve"` its edge spaces are not shown."""
    kept = text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    return (text.text or "") if kept else (text.text or "").strip(" \t\r\n")


def _mark_gone(paragraph: ElementTree.Element, mode: str) -> bool:
    """Whether cleanup's revision of the paragraph mark joins it to the next one in this mode."""
    mark = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    if mark is None:
        return False
    kinds = {c.tag for c in mark if c.get(w("author")) == AUTHOR}
    return (mode == "accept" and w("del") in kinds) or (mode == "reject" and w("ins") in kinds)


def counts(parts: dict[str, bytes]) -> dict[str, Counter[str]]:
    """Per story part, the number of each counted element, other authors' revisions and comments."""
    found: dict[str, Counter[str]] = {}
    for name in story_parts(parts):
        tally: Counter[str] = Counter()
        for element in _parse(parts[name]).iter():
            if element.tag in COUNTED:
                tally[COUNTED[element.tag]] += 1
            elif element.tag in _INSERTED | _DELETED and element.get(w("author")) != AUTHOR:
                tally["others' " + element.tag.split("}")[1]] += 1
        found[name] = tally
    found["comments"] = comment_authors(parts)
    return found


def comment_authors(parts: dict[str, bytes]) -> Counter[str]:
    """The comments of the file, counted by author."""
    authors: Counter[str] = Counter()
    for name, data in parts.items():
        if re.fullmatch(r"(.*/)?comments\d*\.xml", name):
            try:
                authors.update(c.get(w("author"), "") for c in _parse(data).iter(w("comment")))
            except ElementTree.ParseError:
                pass
    return authors


def comment_texts(parts: dict[str, bytes]) -> Counter[str]:
    """The comments of the file by author and text, counted."""
    texts: Counter[str] = Counter()
    for name, data in parts.items():
        if re.fullmatch(r"(.*/)?comments\d*\.xml", name):
            for comment in _parse(data).iter(w("comment")):
                texts[f"{comment.get(w('author'), '')}: {''.join(comment.itertext())}"] += 1
    return texts


def others(tally: Counter[str]) -> Counter[str]:
    return Counter({k: v for k, v in tally.items() if k != AUTHOR})
