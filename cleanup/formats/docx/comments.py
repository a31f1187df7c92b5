"""The comments part of a .docx: found, or made and linked from the main document, and added to."""

from __future__ import annotations

import posixpath

from lxml import etree

from .package import (
    COMMENTS_CONTENT,
    COMMENTS_TYPE,
    CONTENT_TYPES,
    REL,
    DocxError,
    Package,
    W,
    max_id,
    relationships,
    rels_name,
    w,
)

_EMPTY_RELS = f'<Relationships xmlns="{REL}"/>'.encode()


class CommentsPart:
    """Comments by one author, added to the document's comments part (made when it has none)."""

    def __init__(self, package: Package, stamp: str, author: str) -> None:
        self.package, self.stamp, self.author = package, stamp, author
        self.name = next((t for kind, t in relationships(package, package.main) if kind == "comments"), None)
        self.root: etree._Element | None = package.tree(self.name).getroot() if self.name in package.raw else None
        if self.root is not None and self.root.tag != w("comments"):
            raise DocxError(
                f"links {self.name} as its comments, which it is not (a damaged file); save it again from Word"
            )
        self.next_id = 1 + (max_id(self.root) if self.root is not None else 0)

    def notes(self) -> dict[str, str]:
        """The text of each comment by this author already in the part, by id (an earlier run's)."""
        if self.root is None:
            return {}
        return {
            comment.get(w("id"), ""): "".join(comment.itertext())
            for comment in self.root.iter(w("comment"))
            if comment.get(w("author")) == self.author
        }

    def add(self, number: str, note: str) -> None:
        """A comment with id `number` saying `note`."""
        root = self.root if self.root is not None else self._create()
        assert self.name is not None
        self.package.changed.add(self.name)
        comment = etree.SubElement(root, w("comment"))
        comment.set(w("id"), number)
        comment.set(w("author"), self.author)
        comment.set(w("date"), self.stamp)
        comment.set(w("initials"), self.author[:2].upper())
        paragraph = etree.SubElement(comment, w("p"))
        etree.SubElement(etree.SubElement(paragraph, w("r")), w("annotationRef"))
        text = etree.SubElement(etree.SubElement(paragraph, w("r")), w("t"))
        text.text = note
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def _create(self) -> etree._Element:
        """A new comments part, linked from the main document and declared in the content types."""
        package = self.package
        folder = posixpath.dirname(package.main)
        dangling = self.name is not None  # linked already, but the part is missing: made where the link points
        if self.name is None:
            self.name = _free_name(package, posixpath.join(folder, "comments.xml"))
        self.root = etree.Element(w("comments"), nsmap={"w": W})
        package.raw[self.name] = b""
        package.trees[self.name] = etree.ElementTree(self.root)
        package.changed |= {self.name, "[Content_Types].xml"}
        if not dangling:
            self._link(folder)
        types = package.tree("[Content_Types].xml").getroot()
        for old in types.iter(f"{{{CONTENT_TYPES}}}Override"):
            if old.get("PartName", "").lstrip("/") == self.name:
                types.remove(old)
        override = etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override")
        override.set("PartName", "/" + self.name)
        override.set("ContentType", COMMENTS_CONTENT)
        return self.root

    def _link(self, folder: str) -> None:
        """A relationship from the main document to the new comments part."""
        assert self.name is not None
        rels = rels_name(self.package.main)
        self.package.raw.setdefault(rels, _EMPTY_RELS)
        self.package.changed.add(rels)
        links = self.package.tree(rels).getroot()
        taken = {rel.get("Id") for rel in links}
        link = etree.SubElement(links, f"{{{REL}}}Relationship")
        link.set("Id", next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken))
        link.set("Type", COMMENTS_TYPE)
        link.set("Target", posixpath.relpath(self.name, folder))


def _free_name(package: Package, name: str) -> str:
    stem, suffix = posixpath.splitext(name)
    number = 1
    while name in package.raw:
        number += 1
        name = f"{stem}{number}{suffix}"
    return name
