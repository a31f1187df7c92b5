"""Word files for the tests, built from a small description: paragraphs of runs (bold, italic), hyperlinks,
fields, footnotes, tables and other authors' tracked changes, written as WordprocessingML by hand so that
every construct is exactly the one under test."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Other namespaces a ("xml", ...) item may use: math, markup compatibility, DrawingML (a shape as Word writes it).
OTHER = {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
}

# ("text", str, "b"|"i"|""), ("link", str, url), ("field", str), ("cfield", code, result), ("footnote", str),
# ("ins", author, str), ("del", author, str), ("tab",), ("xml", markup): markup put in the paragraph as it is
Run = tuple
Block = Sequence[Run] | list[list[Sequence[Run]]]  # a paragraph, or a table (rows of cells of paragraphs)


def run(text: str, style: str = "") -> str:
    props = {"b": "<w:rPr><w:b/></w:rPr>", "i": "<w:rPr><w:i/></w:rPr>", "": ""}[style]
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class _Builder:
    def __init__(self) -> None:
        self.links: list[str] = []
        self.notes: list[str] = []

    def item(self, item: Run) -> str:
        kind = item[0]
        if kind == "text":
            return run(item[1], item[2] if len(item) > 2 else "")
        if kind == "tab":
            return "<w:r><w:tab/></w:r>"
        if kind == "xml":
            return item[1]
        if kind == "link":
            self.links.append(item[2])
            return f'<w:hyperlink r:id="rIdLink{len(self.links)}">{run(item[1])}</w:hyperlink>'
        if kind == "field":
            return f'<w:fldSimple w:instr=" DOCPROPERTY Title ">{run(item[1])}</w:fldSimple>'
        if kind == "cfield":  # a complex field: its code, then its result, between field marks
            return (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {escape(item[1])} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"{run(item[2])}"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
        if kind == "footnote":
            self.notes.append(item[1])
            number = len(self.notes)
            return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
        if kind in ("ins", "del"):
            text = f"<w:t>{escape(item[2])}</w:t>" if kind == "ins" else f"<w:delText>{escape(item[2])}</w:delText>"
            return f'<w:{kind} w:id="9{len(item[2])}" w:author={quoteattr(item[1])} w:date="2025-01-01T00:00:00Z"><w:r>{text}</w:r></w:{kind}>'
        raise ValueError(kind)

    def paragraph(self, runs: Sequence[Run]) -> str:
        return "<w:p>" + "".join(self.item(r) for r in runs) + "</w:p>"

    def block(self, block) -> str:
        if block and isinstance(block[0], list):
            rows = "".join(
                "<w:tr>"
                + "".join(f"<w:tc>{''.join(self.paragraph(p) for p in cell)}</w:tc>" for cell in row)
                + "</w:tr>"
                for row in block
            )
            return f"<w:tbl><w:tblPr/><w:tblGrid/>{rows}</w:tbl>"
        return self.paragraph(block)


DECLARED = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in OTHER.items())


def build_docx(blocks: Sequence[Block], header: str = "") -> bytes:
    """A .docx whose body is `blocks` (and a header paragraph, if given); footnotes, hyperlinks and the
    header get their parts and relationships."""
    builder = _Builder()
    body = "".join(builder.block(b) for b in blocks)
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"{DECLARED}><w:body>{body}<w:sectPr/></w:body></w:document>'
    rels = [
        f'<Relationship Id="rIdLink{n}" Type="{R}/hyperlink" Target={quoteattr(url)} TargetMode="External"/>'
        for n, url in enumerate(builder.links, 1)
    ]
    types = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    ]
    parts = {"word/document.xml": document}
    if builder.notes:
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
            for n, text in enumerate(builder.notes, 1)
        )
        separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{separator}{notes}</w:footnotes>'
        )
        rels.append(f'<Relationship Id="rIdNotes" Type="{R}/footnotes" Target="footnotes.xml"/>')
        types.append(
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        )
    if header:
        parts["word/header1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W}">{builder.paragraph([("text", header)])}</w:hdr>'
        )
        rels.append(f'<Relationship Id="rIdHeader" Type="{R}/header" Target="header1.xml"/>')
        types.append(
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        )
        parts["word/document.xml"] = document.replace(
            "<w:sectPr/>", '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/></w:sectPr>'
        )
    parts["word/_rels/document.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(types) + "</Types>"
    )
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (
            "[Content_Types].xml",
            "_rels/.rels",
            *[n for n in parts if n not in ("[Content_Types].xml", "_rels/.rels")],
        ):
            archive.writestr(name, parts[name])
    return buffer.getvalue()


def seed_docx(text: str, words_per_run: int = 7) -> bytes:
    """An article as python-docx writes it: one paragraph per line, runs of a few words, every other bold."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        words = line.split(" ")
        for index in range(0, len(words), words_per_run):
            tail = " " if index + words_per_run < len(words) else ""
            paragraph.add_run(" ".join(words[index : index + words_per_run]) + tail).bold = bool(
                index // words_per_run % 2
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body_docx(body: str, rels: Sequence[str] = (), parts: dict[str, str] | None = None) -> bytes:
    """A .docx whose body is the WordprocessingML `body`, with extra relationships of the main document
    and extra parts (each declared as plain XML): for structures the builder above does not make."""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document,
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>",
        **(parts or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def paragraph_mark_revisions_docx() -> bytes:
    """pandoc's test file paragraph_insertion_deletion.docx rebuilt (pandoc is GPL: its structure, not its
    bytes): three paragraphs by Word, the first one's mark a tracked insertion and the second one's a
    tracked deletion, both by another author, the last one ending the section."""
    stamp = 'w:author="Seeley, Jason" w:date="2017-09-17T16:39:00Z"'
    return body_docx(
        f'<w:p><w:pPr><w:rPr><w:ins w:id="0" {stamp}/></w:rPr></w:pPr><w:r><w:t>This is a</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr><w:del w:id="1" {stamp}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve"> </w:t></w:r>'
        '<w:proofErr w:type="gramStart"/><w:r><w:t>split</w:t></w:r><w:proofErr w:type="gramEnd"/></w:p>'
        '<w:p><w:bookmarkStart w:id="2" w:name="_GoBack"/><w:bookmarkEnd w:id="2"/><w:r><w:t>Paragraph.</w:t></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"'
        ' w:header="720" w:footer="720" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def bulk_docx(piece: str, count: int, before: str = "", after: str = "", packed: bool = False, extra: int = 0) -> bytes:
    """A .docx whose body is `before`, `piece` `count` times, then `after`: the main part stored unpacked
    (so that no compression ratio bound refuses it) unless `packed`; `extra` bytes of zeros as a picture."""
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        info = zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write((head + before).encode())
            chunk = max(1, (1 << 20) // len(piece))
            for start in range(0, count, chunk):
                part.write((piece * min(chunk, count - start)).encode())
            part.write((after + "</w:body></w:document>").encode())
        if extra:
            with archive.open("word/media/image1.png", "w", force_zip64=True) as picture:
                for start in range(0, extra, 1 << 24):
                    picture.write(bytes(min(1 << 24, extra - start)))
    return buffer.getvalue()
