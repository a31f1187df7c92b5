"""How cleanup's web-page reader compares with three HTML parsers: speed, and the words each reads on broken markup.

Run: pip install html5lib selectolax; python bench/html_parsers.py [--mutants N] [--seed S]
The pages are tests/data/html/*.html and N mutants of them (random cuts, and random insertions of `<`, `>`,
quotes, `&`, `</p>`, `<!--`, `-->`, `<script>`, `</script>`, `<b>`, `<pre>`, `]]>`). For each page the
words of the visible text (script, style, textarea, noscript, svg and math left out) are read by cleanup's
reader and by html5lib (the WHATWG algorithm in pure Python, the reference), selectolax (lexbor) and
lxml.html (libxml2's HTML 4 parser) and Python's html.parser; agreement is the share of pages whose words equal html5lib's, in its
order, and in any order (html5lib moves text out of tables, "foster parenting"; an editor edits the file's order).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.formats.html import BLOCKS, FOREIGN, RAW_TEXT, read_html  # noqa: E402

SKIPPED = RAW_TEXT | FOREIGN
INSERTS = ("<", ">", '"', "'", "&", "</p>", "<!--", "-->", "<script>", "</script>", "<b>", "<pre>", "]]>", "<p>")


def words_cleanup(page: bytes) -> list[str]:
    return read_html(page).document.text.split()


def _walk(node, tag: Callable, children: Callable, out: list[str]) -> None:
    """The text of a tree with blocks set apart, leaving out what a reader never reads."""
    name = tag(node)
    if name in SKIPPED:
        return
    if name in BLOCKS or name == "br":
        out.append(" ")
    for child in children(node):
        if isinstance(child, str):
            out.append(child)
        else:
            _walk(child, tag, children, out)
    if name in BLOCKS:
        out.append(" ")


def words_html5lib(page: bytes) -> list[str]:
    import html5lib

    root = html5lib.parse(page, namespaceHTMLElements=False)
    out: list[str] = []
    _walk(root, lambda e: e.tag.rpartition("}")[2] if isinstance(e.tag, str) else "", _etree_children, out)
    return "".join(out).split()


def _etree_children(element) -> Iterator:
    if element.text and isinstance(element.tag, str):
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def words_lxml(page: bytes) -> list[str]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(page)
    except Exception:  # lxml refuses some pages (empty documents)
        return []
    out: list[str] = []
    _walk(root, lambda e: e.tag.lower() if isinstance(e.tag, str) else "", _etree_children, out)
    return "".join(out).split()


def words_selectolax(page: bytes) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(page.decode("utf-8-sig")).root  # given bytes, it reads a byte-order mark as text
    out: list[str] = []
    if root is not None:
        _walk(root, lambda n: n.tag, _lexbor_children, out)
    return "".join(out).split()


def _lexbor_children(node) -> Iterator:
    child = node.child
    while child is not None:
        yield (child.text_content or "") if child.tag == "-text" else child
        child = child.next


def words_html_parser(page: bytes) -> list[str]:
    from html.parser import HTMLParser

    out: list[str] = []
    skipped: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in SKIPPED:
                skipped.append(tag)
            elif tag in BLOCKS or tag == "br":
                out.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if skipped and tag == skipped[-1]:
                skipped.pop()
            elif tag in BLOCKS:
                out.append(" ")

        def handle_data(self, data: str) -> None:
            if not skipped:
                out.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(page.decode("utf-8-sig"))
    reader.close()
    return "".join(out).split()


def mutants(pages: list[bytes], count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        page = rng.choice(pages).decode("utf-8")  # broken as text, so that it stays UTF-8
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(page))
            page = page[:at] if rng.random() < 0.1 else page[:at] + rng.choice(INSERTS) + page[at:]
        found.append(page.encode("utf-8"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=500)
    parser.add_argument("--seed", type=int, default=27)
    args = parser.parse_args()
    pages = [p.read_bytes() for p in sorted((ROOT / "tests/data/html").glob("*.html"))]
    readers = {
        "cleanup": words_cleanup,
        "html5lib": words_html5lib,
        "selectolax": words_selectolax,
        "lxml.html": words_lxml,
        "html.parser (stdlib)": words_html_parser,
    }
    print("| reader | ms per 100 KB page | pages read as html5lib reads them | the same words in any order |")
    print("| --- | --- | --- | --- |")
    big = b"".join(pages) * max(1, 100_000 // max(1, sum(map(len, pages))))
    tested = pages + mutants(pages, args.mutants, args.seed)
    reference = [words_html5lib(page) for page in tested]
    for name, read in readers.items():
        started = time.perf_counter()
        for _ in range(5):
            read(big)
        speed = (time.perf_counter() - started) / 5 * 1000 * 100_000 / len(big)
        found = [read(page) for page in tested]
        agree = sum(words == ours for words, ours in zip(reference, found, strict=True))
        same = sum(sorted(words) == sorted(ours) for words, ours in zip(reference, found, strict=True))
        print(f"| {name} | {speed:.1f} | {agree} of {len(tested)} | {same} of {len(tested)} |")


if __name__ == "__main__":
    main()
