"""A .docx file as a package: its parts read safely (size limits, no DTDs or entities; Strict Open XML read
in the Transitional names) and written back (Strict in its own names)."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from .. import FormatError
from ..xml import XmlError, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
MAIN_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_DOCUMENTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted (password-protected) Office file, or a .doc

# The namespaces read and written here as ISO/IEC 29500 Strict names them, and as Transitional does. A
# Strict document's parts are read with the Transitional names and written back with the Strict ones.
STRICT_NAMES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)  # fmt: skip

# Limits a Word document never reaches that keep one file's cost under about 500 MB of memory
# (bench/docx_limits.py builds the worst file under each): a 500-page report (250,000 words) saved by
# python-docx unpacks to 4.4 MB of XML with 300,000 tags, packed 12:1 (its styles 30:1); Word's own
# XML for the same text is a few times larger.
MAX_TOTAL_BYTES = 256 << 20  # all parts unpacked, pictures included (held in memory)
MAX_PARTS = 10_000
MAX_RATIO = 100  # unpacked / packed, for a part over RATIO_FROM: pictures pack about 1:1
RATIO_FROM = 1 << 20
MAX_XML_BYTES = 64 << 20  # the parts parsed (body, headers, footers, notes, comments) together
MAX_TAGS = 2_000_000  # their tags ("<"): each parsed element costs libxml2 about 130 bytes

# Story parts read after the body, by relationship type (the last part of its URI), in this order.
STORY_TYPES = ("header", "footer", "footnotes", "endnotes")


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


class DocxError(FormatError):
    """A file that cannot be read as a Word document; the message says why and what to do."""


@dataclass
class Package:
    """The parts of a .docx: raw bytes of every part, the XML trees of those parsed, and where things are."""

    raw: dict[str, bytes]
    infos: list[zipfile.ZipInfo]
    main: str  # the main document part, e.g. "word/document.xml"
    stories: list[str] = field(default_factory=list)  # header, footer, footnote and endnote parts
    trees: dict[str, etree._ElementTree] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # parts whose trees were edited: written from them
    strict: bool = False  # written in the Strict namespaces (read as Transitional, written back as Strict)
    parsed_bytes: int = 0  # of the parts parsed so far, against MAX_XML_BYTES and MAX_TAGS
    parsed_tags: int = 0

    def tree(self, name: str) -> etree._ElementTree:
        """The parsed XML of a part (parsed once), in the Transitional namespaces; DocxError when the parts
        parsed grow past the limits."""
        if name not in self.trees:
            data = self.raw[name]
            self.parsed_bytes += len(data)
            self.parsed_tags += data.count(b"<")
            _check_parsed(self.parsed_bytes, self.parsed_tags)
            if self.strict:
                data = _renamed(name, data, [(strict, transitional) for strict, transitional in STRICT_NAMES])
            self.trees[name] = parse_part(name, data)
        return self.trees[name]

    def part_named(self, name: str) -> str:
        """The part a name means: part names differ only in case as OPC compares them (ASCII case ignored)."""
        if name in self.raw:
            return name
        return next((part for part in self.raw if part.lower() == name.lower()), name)

    def to_bytes(self) -> bytes:
        """The package with every parsed part serialized again; other parts byte for byte as they were."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for info in self.infos:
                archive.writestr(info, self._part_bytes(info.filename))
            for name in self.raw.keys() - {info.filename for info in self.infos}:
                archive.writestr(
                    zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), self._part_bytes(name), zipfile.ZIP_DEFLATED
                )
        return buffer.getvalue()

    def _part_bytes(self, name: str) -> bytes:
        if name not in self.changed:
            return self.raw[name]
        data = etree.tostring(self.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
        return (
            _renamed(name, data, [(transitional, strict) for strict, transitional in STRICT_NAMES])
            if self.strict
            else data
        )


def _renamed(name: str, data: bytes, names: list[tuple[bytes, bytes]]) -> bytes:
    """A part with each namespace name replaced; DocxError when it already holds a name it is given
    (a part mixing Strict and Transitional names could not be written back as it was)."""
    for old, new in names:
        if new in data:
            raise DocxError(f"mixes Strict and Transitional Open XML in {name}; save it again from Word")
        data = data.replace(old, new)
    return data


def open_package(data: bytes) -> Package:
    """The parts of a .docx, or DocxError saying what the file is instead."""
    if data.startswith(OLE_SIGNATURE):
        raise DocxError(
            "is password-protected (encrypted) or an old binary .doc, not a .docx; remove the password or save it "
            "as a Word document (.docx)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_sizes(infos)
            _check_entries(infos)
            raw = {info.filename: archive.read(info) for info in infos if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as error:
        raise DocxError(
            f"is not a readable .docx (a damaged or non-zip file: {error}); save it again from Word"
        ) from None
    package = Package(raw, [info for info in infos if not info.is_dir()], _main_part(raw))
    package.strict = _root_namespace(raw[package.main]) == STRICT_NAMES[0][0].decode()
    package.stories = _story_parts(package)
    return package


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse parts encrypted with a zip password, and two parts of one name (which one Word reads is
    not for us to guess)."""
    if any(info.flag_bits & _ENCRYPTED for info in infos):
        raise DocxError("is encrypted with a zip password; save it again from Word without one")
    counted = Counter(info.filename.lower() for info in infos)  # OPC compares part names ignoring ASCII case
    twice = next((info.filename for info in infos if counted[info.filename.lower()] > 1), None)
    if twice is not None:
        raise DocxError(f"holds two parts named {twice} (a damaged or forged file); save it again from Word")


_ENCRYPTED = 0x1  # the zip entry flag bit for an encrypted part


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, before unpacking, what unpacks to more than a Word document holds or packs like a zip bomb."""
    if len(infos) > MAX_PARTS:
        raise DocxError(f"has {len(infos)} parts, more than a Word document has ({MAX_PARTS}); not read")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise DocxError(
            f"unpacks to more than a Word document holds (over {MAX_TOTAL_BYTES >> 20} MB; a zip bomb?); not read: "
            "compress its pictures or split it"
        )
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocxError(
                f"has a part {info.filename} that unpacks to {info.file_size // max(info.compress_size, 1):,} times "
                f"its packed size (a zip bomb? Word's parts pack under {MAX_RATIO}:1); not read: save it again from Word"
            )


def _check_parsed(size: int, tags: int) -> None:
    """Refuse a document whose XML would cost more to parse than a Word document's does."""
    if size > MAX_XML_BYTES:
        raise DocxError(
            f"has more text and markup than a Word document holds (over {MAX_XML_BYTES >> 20} MB of XML in the parts "
            "read: body, headers, footers, notes); not read: split it into smaller documents"
        )
    if tags > MAX_TAGS:
        raise DocxError(
            f"has more markup than a Word document holds (over {MAX_TAGS:,} XML tags in the parts read: body, "
            "headers, footers, notes); not read: split it into smaller documents"
        )


def _main_part(raw: dict[str, bytes]) -> str:
    """The main document part named in [Content_Types].xml; macro-enabled and non-Word packages are refused."""
    if "[Content_Types].xml" not in raw:
        raise DocxError("is a zip file but not a Word document (no [Content_Types].xml); give a .docx")
    types_data = raw["[Content_Types].xml"]
    _check_parsed(len(types_data), types_data.count(b"<"))
    types = parse_part("[Content_Types].xml", types_data).getroot()
    overrides = {o.get("ContentType"): o.get("PartName", "") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
    if any(kind in overrides for kind in MACRO_DOCUMENTS):
        raise DocxError("is macro-enabled (.docm); macros are never opened here: save it as a Word document (.docx)")
    wanted = overrides.get(MAIN_DOCUMENT, "").lstrip("/").lower()
    name = next((part for part in raw if part.lower() == wanted), "") if wanted else ""
    if not name:
        raise DocxError("is not a Word document (no main document part; a spreadsheet or presentation?); give a .docx")
    return name


def _story_parts(package: Package) -> list[str]:
    """Headers, footers, footnotes and endnotes of the main document, in STORY_TYPES order; each part
    once, and never the main document itself (a forged link would read its text twice)."""
    found: dict[str, list[str]] = {kind: [] for kind in STORY_TYPES}
    seen = {package.main}
    for kind, target in relationships(package, package.main):
        if kind in found and target in package.raw and target not in seen:
            found[kind].append(target)
            seen.add(target)
    return [name for kind in STORY_TYPES for name in found[kind]]


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(package: Package, part: str) -> list[tuple[str, str]]:
    """(type, target part) of each internal relationship of `part`; the type is the last part of its URI."""
    name = package.part_named(rels_name(part))
    if name not in package.raw:
        return []
    found = []
    for rel in package.tree(name).getroot().iter(f"{{{REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target", "")))
        found.append((rel.get("Type", "").rsplit("/", 1)[-1], package.part_named(target.lstrip("/"))))
    return found


def _root_namespace(data: bytes) -> str:
    """The namespace of a part's root element, read without parsing the rest of it."""
    try:
        for _, element in etree.iterparse(io.BytesIO(data), ("start",), resolve_entities=False, no_network=True):
            return etree.QName(element).namespace or ""
    except etree.XMLSyntaxError:
        pass  # parse_xml says where the part is damaged when it is read
    return ""


def parse_part(name: str, data: bytes) -> etree._ElementTree:
    """A part of the package parsed; one with a DOCTYPE is refused (Open XML forbids DTDs, and an entity
    it declares could not be written back)."""
    try:
        tree = parse_xml(name, data, "has a damaged part {name}", "save it again from Word")
    except XmlError as error:
        raise DocxError(str(error)) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DocxError(f"has a DOCTYPE in {name}, which Word never writes (a forged file?); save it again from Word")
    return tree


def max_id(root: etree._Element) -> int:
    """The largest numeric w:id in a part (revisions, comments and bookmarks must not collide); 0 for none.
    An id of more than 18 digits (or other than ASCII digits) is passed over: ids made from this one
    never reach it."""
    ids = (str(value) for value in root.xpath("//@w:id", namespaces={"w": W}))
    return max((int(value) for value in ids if _ID.fullmatch(value)), default=0)


_ID = re.compile(r"[0-9]{1,18}")
