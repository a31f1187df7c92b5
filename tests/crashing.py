"""A grammar checker that kills the process it runs in on one article, as a crash in native code would, and a
run of articles that uses it: for the tests of worker processes and Dask workers (importable by name where
they unpickle it)."""

import os


class CrashingChecker:
    """Kills its process on a text holding `CRASH`; finds nothing elsewhere."""

    name = "crashing"

    def check(self, text, paragraphs, markdown):
        if "CRASH" in text:
            os._exit(134)
        return []

    def variety(self, text):
        return ""


def crashing_run(folder, crashing, count=12):
    """Settings with a CrashingChecker, and the tasks of `count` articles written in `folder` (`aNN.txt`,
    `Daash N`): those numbered in `crashing` kill the process that checks them."""
    from cleanup.house import load_glossary  # not at the top: workers import this module only to unpickle
    from cleanup.pipeline import Settings

    glossary = load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    variants: [Daash]\n")])
    tasks = []
    for number in range(count):
        path = folder / f"a{number:02}.txt"
        path.write_text("CRASH Daash\n" if number in crashing else f"Daash {number}\n", encoding="utf-8")
        tasks.append((path, None, [], None))
    return Settings(glossary, (), checker=CrashingChecker()), tasks
