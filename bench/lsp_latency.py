"""How soon `cleanup lsp` answers a keystroke with fresh diagnostics, and whether its memory stays flat.

Run: python bench/lsp_latency.py [--grammar none harper] [--keystrokes 300] [--edits 10000] [--words 2000]
       [--repeat 3]
The server is started as an editor starts it (`python -m cleanup lsp`, over stdio, in this project with its
glossary) and sent a 2,000-word article made of the seed article (its paragraphs again, numbered, until the
article has that many words). A keystroke is one incremental change: a word typed letter by letter at a
random word of a random paragraph, then deleted letter by letter; its latency runs from sending the change
to receiving the diagnostics of that version. Prints p50 and p95 per checker, and the memory of the
server's process tree (PSS: the server and its Harper worker) after opening the article and five times along
`--edits` more keystrokes; with `--repeat`, each run and then the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from corpus import tree_rss_kb
from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
WORDS = ("and", "the", "fighters", "village", "province", "attack", "remnants", "security", "cells", "desert")


def article(words: int) -> str:
    """The seed's paragraphs, then again numbered (each copy a new paragraph), until `words` words."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chosen: list[str] = []
    count, copy = 0, 0
    while count < words:
        for paragraph in paragraphs:
            chosen.append(paragraph if copy == 0 else f"{paragraph} ({copy})")
            count += len(paragraph.split())
            if count >= words:
                break
        copy += 1
    return "\n\n".join(chosen) + "\n"


class Session:
    """One server, one open article, and the time each version's diagnostics came."""

    def __init__(self, grammar: str) -> None:
        self.client = LanguageClient("lsp-latency", "1")
        self.grammar = grammar
        self.arrived: dict[int, float] = {}
        self.wanted: tuple[int, asyncio.Future] | None = None
        self.uri = (ROOT / "bench-article.txt").as_uri()  # never written: the editor's buffer is the text
        self.text = ""
        self.version = 1

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                self.arrived[params.version] = time.perf_counter()
                if self.wanted and self.wanted[0] == params.version and not self.wanted[1].done():
                    self.wanted[1].set_result(None)

    async def start(self, text: str) -> None:
        command = [sys.executable, "-m", "cleanup", "lsp", "--grammar", self.grammar]
        await self.client.start_io(*command, cwd=str(ROOT))
        capabilities = types.ClientCapabilities()
        await self.client.initialize_async(types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri()))
        self.client.initialized(types.InitializedParams())
        self.text = text
        await self._await(
            lambda: self.client.text_document_did_open(
                types.DidOpenTextDocumentParams(types.TextDocumentItem(self.uri, "plaintext", self.version, text))
            )
        )

    async def _await(self, send) -> float:
        """Send, and wait for the diagnostics of the version sent: the seconds it took."""
        future = asyncio.get_running_loop().create_future()
        self.wanted = (self.version, future)
        sent = time.perf_counter()
        send()
        await asyncio.wait_for(future, 60)
        return self.arrived[self.version] - sent

    async def keystroke(self, offset: int, insert: str, delete: int = 0) -> float:
        """One change at `offset` (code points; the article is ASCII, so UTF-16 units too)."""
        line = self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        start = types.Position(line, column)
        end = types.Position(line, column + delete)
        self.text = self.text[:offset] + insert + self.text[offset + delete :]
        self.version += 1
        change = types.TextDocumentContentChangePartial(types.Range(start, end), insert)
        params = types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=self.version, uri=self.uri), [change]
        )
        return await self._await(lambda: self.client.text_document_did_change(params))

    def rss(self) -> int:
        """The resident memory of the server and its worker processes in kB (PSS, Linux)."""
        return tree_rss_kb(self.client._server.pid)  # type: ignore[union-attr]

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def typing(session: Session, keystrokes: int, rng: random.Random) -> list[float]:
    """Latencies of `keystrokes` keystrokes: words typed and deleted at random words of the article."""
    latencies: list[float] = []
    while len(latencies) < keystrokes:
        starts = [i + 1 for i, char in enumerate(session.text) if char == " " and session.text[i + 1 : i + 2].isalpha()]
        at = rng.choice(starts)
        word = rng.choice(WORDS) + " "
        for index, letter in enumerate(word):
            latencies.append(await session.keystroke(at + index, letter))
        for index in reversed(range(len(word))):
            latencies.append(await session.keystroke(at + index, "", delete=1))
    return latencies[:keystrokes]


async def run(grammar: str, keystrokes: int, edits: int, words: int) -> tuple[float, float, list[int]]:
    """One server typed into: p50 and p95 in ms, and the memory readings in kB."""
    text = article(words)
    session = Session(grammar)
    await session.start(text)
    rng = random.Random(31)
    await typing(session, 20, rng)  # warm: the first checks build what every later one reuses
    latencies = sorted(await typing(session, keystrokes, rng))
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"grammar {grammar}: {len(text.split())} words, {keystrokes} keystrokes: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    readings: list[int] = []
    if edits:
        readings = [session.rss()]
        started = time.perf_counter()
        for _ in range(5):  # memory read five times along the way: steady, or growing with the edits?
            await typing(session, edits // 5, rng)
            readings.append(session.rss())
        took = time.perf_counter() - started
        print(
            f"grammar {grammar}: memory (MB) after opening and after each {edits // 5} more keystrokes: {_mb(readings)} ({took:.0f} s)"
        )
    await session.stop()
    return p50, p95, readings


def _mb(readings: list[int] | list[float]) -> str:
    return ", ".join(f"{kb / 1024:.1f}" for kb in readings)


def medians(grammar: str, runs: list[tuple[float, float, list[int]]]) -> None:
    """The median of each figure over the runs."""
    p50 = statistics.median(run[0] for run in runs)
    p95 = statistics.median(run[1] for run in runs)
    print(f"grammar {grammar}: median of {len(runs)} runs: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    if runs[0][2]:
        memory = [statistics.median(readings) for readings in zip(*(run[2] for run in runs), strict=True)]
        print(f"grammar {grammar}: median memory (MB): {_mb(memory)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grammar", nargs="+", default=["none", "harper"], choices=("none", "harper"))
    parser.add_argument("--keystrokes", type=int, default=300)
    parser.add_argument(
        "--edits", type=int, default=10_000, help="keystrokes more before memory is read again (0: not read)"
    )
    parser.add_argument("--words", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per checker, then their medians")
    args = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    for grammar in args.grammar:
        runs = [asyncio.run(run(grammar, args.keystrokes, args.edits, args.words)) for _ in range(args.repeat)]
        if args.repeat > 1:
            medians(grammar, runs)


if __name__ == "__main__":
    main()
