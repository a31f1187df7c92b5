"""A grammar checker that kills the process it runs in on one article, as a crash in native code would:
for the tests of worker processes and Dask workers (importable by name where they unpickle it)."""

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
