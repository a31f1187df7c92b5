"""WordPress exports (WXR, the RSS file every WordPress site exports, `.xml`): the title and HTML body of
every post and page (and of the post types a site adds) as the article, each body read as a web page
whose blank lines end paragraphs (as WordPress shows them); corrected in place, every other byte of the
file as it was, so that WordPress can import it again. Excerpts, comments, custom fields, menus,
attachments and a theme's parts are never read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import Outcome
from ..textio import DecodeError, decode
from . import Contents
from .html import MAX_BYTES, HtmlError, HtmlText, Origin, TextBuilder, scan_html, written_back
from .xml import XmlError, parse_xml

CONTENT = "http://purl.org/rss/1.0/modules/content/"
EXPORT = re.compile(r"http://wordpress\.org/export/\d+\.\d+/\Z")  # WXR 1.0, 1.1 or 1.2
# Items that are not articles: files, menus, a theme's parts and settings, caches (any other type is read:
# posts, pages, and the types a site adds, such as reports).
NOT_ARTICLES = frozenset(
    "attachment nav_menu_item custom_css customize_changeset oembed_cache user_request revision wp_global_styles "
    "wp_template wp_template_part wp_navigation wp_font_family wp_font_face".split()
)

_DECLARED = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)[\"']")
# The XML of a well-formed file (lxml has checked it), token by token: CDATA, comments, processing
# instructions and the doctype, and tags.
_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[.*?\])*>"
    r"|<(?P<close>/?)(?P<name>[^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>",
    re.DOTALL,
)


@dataclass
class _Field:
    """The character data of one element of an item: its text as read and where each piece lies in the file."""

    text: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    file_starts: list[int] = field(default_factory=list)
    escaped: bool = False  # holds a reference outside CDATA (`&amp;`): read as HTML, it would mean other text

    def add(self, text: str, at: int, cdata: bool) -> None:
        self.starts.append(sum(map(len, self.text)))
        self.file_starts.append(at)
        self.text.append(text)
        self.escaped |= not cdata and "&" in text

    def read(self) -> tuple[str, Origin]:
        return "".join(self.text), Origin(tuple(self.starts) or (0,), tuple(self.file_starts) or (0,))


@dataclass
class _Post:
    title: _Field = field(default_factory=_Field)
    body: _Field = field(default_factory=_Field)
    post_type: _Field = field(default_factory=_Field)


def read_wxr(data: bytes, encoding: str | None = None) -> HtmlText:
    """The posts of a WordPress export, title then body, a blank line between (HtmlError when the file is
    not one)."""
    if len(data) > MAX_BYTES:
        raise HtmlError("is larger than a WordPress export holds; export fewer posts at a time")
    try:
        root = parse_xml("", data, "is not well-formed XML", "export it again from WordPress").getroot()
    except XmlError as error:
        raise HtmlError(str(error)) from None
    names = {uri: prefix for prefix, uri in root.nsmap.items() if prefix}
    export = next((uri for uri in names if EXPORT.match(uri)), None)
    if etree.QName(root).localname != "rss" or export is None or CONTENT not in names:
        raise HtmlError("is not a WordPress export (an <rss> file with the wp: and content: namespaces); "
                        "export it from WordPress with Tools › Export")  # fmt: skip
    declared = _DECLARED.match(data)
    try:
        decoded = decode(data, encoding or (declared.group(1).decode() if declared else None))
    except DecodeError as error:
        raise HtmlError(f"{error}; WordPress writes its exports in UTF-8") from None
    builder = TextBuilder()
    for post in _posts(decoded.text, f"{names[CONTENT]}:encoded", f"{names[export]}:post_type"):
        if "".join(post.post_type.text).strip() in NOT_ARTICLES:
            continue
        title, origin = post.title.read()
        builder.end_paragraph()
        builder.data(title, 0, len(title), False, origin)
        builder.end_paragraph()
        if not post.body.escaped:  # WordPress writes bodies as CDATA; a body of escaped text is left as it is
            body, origin = post.body.read()
            builder.autop = True
            scan_html(builder, body, 0, len(body), origin)
            builder.autop = False
    return HtmlText(decoded.text, builder.document(decoded.encoding, decoded.bom), builder.pieces)


def write_wxr(data: bytes, outcome: Outcome) -> bytes:
    """The export with each post's corrected text in place of the original's; every other byte as it was."""
    return written_back(read_wxr(data, outcome.original.encoding), outcome)


def _posts(xml: str, body: str, post_type: str) -> list[_Post]:
    """Each `<item>`'s title, body and post type, as pieces of character data with their offsets."""
    posts: list[_Post] = []
    path: list[str] = []
    cursor = 0
    for token in _TOKEN.finditer(xml):
        current = _current(posts, path, body, post_type)
        if current is not None and token.start() > cursor:
            current.add(xml[cursor : token.start()], cursor, False)
        cursor = token.end()
        if token.group("cdata") is not None:
            if current is not None:
                current.add(token.group("cdata"), token.start("cdata"), True)
        elif token.group("name") and not token.group("empty"):
            if token.group("close"):
                path.pop()
            else:
                path.append(token.group("name"))
                if path[-2:] == ["channel", "item"]:
                    posts.append(_Post())
    return posts


def _current(posts: list[_Post], path: list[str], body: str, post_type: str) -> _Field | None:
    """The field of the last item that character data at this place of the file belongs to, if any."""
    if len(path) < 4 or path[-3:-1] != ["channel", "item"] or not posts:
        return None
    fields = {"title": posts[-1].title, body: posts[-1].body, post_type: posts[-1].post_type}
    return fields.get(path[-1])


Error = HtmlError


def read(data: bytes, encoding: str | None) -> Contents:
    return Contents(read_wxr(data, encoding).document)


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    return write_wxr(original, outcome)
