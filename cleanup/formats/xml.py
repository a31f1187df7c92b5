"""XML parsed safely for every XML format (Word's parts, XLIFF, TMX, WordPress exports): no network, no DTD
loaded, no entity expanded, libxml2's bounds on depth and size kept."""

from __future__ import annotations

from lxml import etree

from . import FormatError


class XmlError(FormatError):
    """XML that is not well-formed, or is nested deeper or holds longer texts than any document does."""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(name: str, data: bytes, damaged: str, advice: str) -> etree._ElementTree:
    """XML parsed without loading DTDs or expanding entities; XmlError saying where it is broken (`damaged`,
    with the part's `name`) and what to do (`advice`)."""
    try:
        return etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (0, 0)
        reason = " ".join(error.msg.split())  # libxml2's messages may hold a line break
        if "XML_PARSE_HUGE" in reason:  # its bounds on depth and on one text's size, which no document reaches
            where = f" in {name}" if name else ""
            raise XmlError(
                f"has XML{where} nested more than 256 deep or a text or attribute over 10 MB (line {line}, column "
                f"{column}), more than a document holds; not read: {advice}"
            ) from None
        raise XmlError(f"{damaged.format(name=name)} (line {line}, column {column}: {reason}); {advice}") from None
