"""Hostile Word files, each as large as the limits let it be: time and peak memory of `cleanup fix` and `check`.

Run: python bench/docx_limits.py [--fill 0.98] [--deflate] [--shapes empty-paragraphs ...] [--keep DIR]
Each shape is a piece of WordprocessingML repeated in word/document.xml as often as the reader's limits
allow (the share --fill of the first limit it meets: tags, bytes of XML, paragraphs, runs, characters of
text, tracked changes), streamed into the zip. The part is stored unpacked, so that the compression ratio
bound lets it through and the other limits are what is measured; --deflate packs it (a zip bomb: refused
for its ratio) and --fill 1.05 builds each shape just over its limit (refused). Prints the XML's size,
the zip's, seconds and peak memory (MB, GNU time) of `cleanup fix --no-cache -q --grammar none` and
`check`, and the one line of a refusal. Target: at most about 500 MB, and 30 s per MB of text, for any
file read; the machine's other load adds to the seconds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from corpus import timed_run  # noqa: E402  (beside this script)

from cleanup.formats.docx import package, revisions, text  # noqa: E402  (the limits of this checkout)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
TAIL = "<w:sectPr/></w:body></w:document>"
WORDS = "The Daash cell met the Rasul in Kirkuk. "  # two glossary changes in every sentence

# name: (before, piece repeated, after); {n} in a piece is its number (the scrape rules remove repeated lines)
SHAPES = {
    "empty-paragraphs": ("", "<w:p/>", ""),
    "empty-elements": ("<w:p>", "<w:bookmarkEnd/>", "</w:p>"),
    "tiny-runs": ("", "<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 1000 + "</w:p>", ""),
    "runs-in-a-paragraph": ("<w:p>", "<w:r><w:t>a</w:t></w:r>", "</w:p>"),
    "tabs-in-a-run": ("<w:p><w:r>", "<w:tab/>", "</w:r></w:p>"),
    "changes-in-a-paragraph": ("<w:p>", "<w:r><w:t>Daash met </w:t></w:r>", "</w:p>"),
    "changes-in-a-run": ("<w:p><w:r>", "<w:t>Daash met </w:t>", "</w:r></w:p>"),
    "changes-in-paragraphs": ("", f"<w:p><w:r><w:t>{WORDS * 3}({{n}})</w:t></w:r></w:p>", ""),
    "changes-everywhere": ("", f"<w:p><w:r><w:t>{'Daash met ' * 10}({{n}})</w:t></w:r></w:p>", ""),
    "long-text": ("", f"<w:p><w:r><w:t>{'The cell met in Kirkuk. ' * 40_000}({{n}})</w:t></w:r></w:p>", ""),
    "text-paragraphs": ("", f"<w:p><w:r><w:t>{'The cell met in Kirkuk. ' * 20}({{n}})</w:t></w:r></w:p>", ""),
    "huge-attributes": ("", f'<w:p w:rsidR="{"A" * 9_000_000}"/>', ""),
    "deep-paragraphs": ("<w:sdt><w:sdtContent>" * 125, "<w:p/>", "</w:sdtContent></w:sdt>" * 125),
    "deep-nesting": ("<w:sdt><w:sdtContent>" * 10_000, "<w:p/>", "</w:sdtContent></w:sdt>" * 10_000),
}
# Shapes sized by the text alone: `fix` reads them and runs the rules, then refuses to write their changes.
PAST_CHANGES = {"changes-everywhere"}


def repeats(piece: str, fill: float, changes: bool = True) -> int:
    """How often `piece` fits `fill` times under the first limit it meets (the bound on changes written too)."""
    piece = piece.replace("{n}", "000000")  # counted at its widest
    texts = re.findall(r"<w:t>([^<]*)</w:t>", piece)
    costs = [
        (piece.count("<"), package.MAX_TAGS),
        (len(piece.encode()), package.MAX_XML_BYTES),
        (len(re.findall(r"<w:p[ />]", piece)), text.MAX_PARAGRAPHS),
        (len(texts) + piece.count("<w:tab/>"), text.MAX_PIECES),
        (sum(len(t) for t in texts), text.MAX_TEXT),
        (sum(t.count("Daash") + t.count("Rasul") for t in texts) if changes else 0, revisions.MAX_MARKS),
    ]
    return max(1, int(fill * min(limit / cost for cost, limit in costs if cost)))


def pieces(shape: str, fill: float) -> Iterator[str]:
    before, piece, after = SHAPES[shape]
    count = repeats(piece, fill, shape not in PAST_CHANGES)
    yield HEAD + before
    chunk = max(1, (1 << 20) // len(piece))
    for start in range(0, count, chunk):
        numbers = range(start, min(start + chunk, count))
        yield "".join(piece.replace("{n}", str(n)) for n in numbers) if "{n}" in piece else piece * len(numbers)
    yield after + TAIL


TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def write_docx(path: Path, xml: Iterator[str], deflate: bool) -> int:
    """A .docx whose main part is `xml` joined, streamed into the zip; the XML's size in bytes."""
    size = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", RELS)
        info = zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        with archive.open(info, "w", force_zip64=True) as part:
            for piece in xml:
                data = piece.encode("utf-8")
                part.write(data)
                size += len(data)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fill", type=float, default=0.98, help="the share of its first limit each shape fills")
    parser.add_argument("--deflate", action="store_true", help="pack the part (refused for its compression ratio)")
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--keep", type=Path, help="a folder to keep the built files in")
    args = parser.parse_args()
    cleanup = shutil.which("cleanup", path=str(Path(sys.executable).parent)) or "cleanup"
    print(f"{'shape':22} {'XML MB':>7} {'zip MB':>7} {'command':7} {'seconds':>8} {'peak MB':>8}  refusal")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "glossary", work / "glossary")
        for shape in args.shapes:
            path = work / f"{shape}.docx"
            size = write_docx(path, pieces(shape, args.fill), args.deflate)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, args.keep / path.name)
            for command in ("fix", "check"):
                options = ["--out", "out"] if command == "fix" else []
                line = [cleanup, command, "-q", "--no-cache", "--grammar", "none", *options, path.name]
                seconds, peak, error = timed_run(line, work, args.timeout)
                shown = (
                    f"{seconds:8.1f} {peak:8.0f}"
                    if seconds is not None and peak is not None
                    else f"{'timeout':>8} {'':>8}"
                )
                zipped = path.stat().st_size / (1 << 20)
                print(f"{shape:22} {size / (1 << 20):7.1f} {zipped:7.2f} {command:7} {shown}  {error}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
