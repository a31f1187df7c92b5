"""The WordprocessingML schema of ECMA-376 (transitional, as python-docx ships it in tests/data) as a
validator of the parts cleanup writes. Word's own extensions (w14, w15, ...) are outside that schema, so
both the original and the written part are first reduced as a consumer of the 2006 markup reads them
(markup compatibility: ignorable namespaces dropped, an `mc:AlternateContent` read as its fallback), and
the written part may add no error the original did not have."""

from __future__ import annotations

import functools
import io
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

XSD = Path(__file__).parent / "data" / "python-docx" / "xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# The one attribute of the xml namespace WordprocessingML uses; the schemas import the namespace without a file.
XML_XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{XML_NS}">
<xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
<xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""
_KNOWN = ("http://schemas.openxmlformats.org/", "urn:schemas-microsoft-com:", XML_NS)
_WORD_PARTS = re.compile(r"word/(document|comments|header\d*|footer\d*|footnotes|endnotes)\.xml")


@functools.cache
def schema() -> etree.XMLSchema:
    """wml.xsd with the schemas it imports (and the xml namespace's small schema, in a folder of its own)."""
    folder = Path(tempfile.mkdtemp())
    (folder / "xml.xsd").write_text(XML_XSD, encoding="utf-8")
    tree = etree.parse(str(XSD / "wml.xsd"))
    for found in tree.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if found.get("namespace") == XML_NS:
            found.set("schemaLocation", (folder / "xml.xsd").as_uri())
    return etree.XMLSchema(tree)


def _known(name: str) -> bool:
    namespace = etree.QName(name).namespace or ""
    return namespace.startswith(_KNOWN) and namespace != MC


def _reduced(data: bytes) -> etree._Element:
    """A part as a reader of the 2006 standard sees it: fallbacks chosen, extensions dropped."""
    root = etree.fromstring(data)
    for choice in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = choice.find(f"{{{MC}}}Fallback")
        for child in reversed(list(fallback) if fallback is not None else []):
            choice.addnext(child)
        choice.getparent().remove(choice)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if not _known(element.tag):
            element.getparent().remove(element)
            continue
        for name in [n for n in element.attrib if n.startswith("{") and not _known(n)]:
            del element.attrib[name]
    return root


def errors(data: bytes) -> set[str]:
    """The schema's complaints about a part, without their line numbers."""
    validator = schema()
    validator.validate(_reduced(data))
    return {entry.message for entry in validator.error_log}


def new_errors(before: bytes, after: bytes) -> dict[str, set[str]]:
    """For each WordprocessingML part of the .docx `after`, the schema errors the .docx `before` did not
    have (a part new in `after` must be valid)."""
    old, new = zipfile.ZipFile(io.BytesIO(before)), zipfile.ZipFile(io.BytesIO(after))
    found = {}
    for name in new.namelist():
        if _WORD_PARTS.fullmatch(name):
            had = errors(old.read(name)) if name in old.namelist() else set()
            extra = errors(new.read(name)) - had
            if extra:
                found[name] = extra
    return found
