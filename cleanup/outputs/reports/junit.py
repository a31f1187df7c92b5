"""JUnit XML, as CI servers read test reports: a test suite per file, a failed test case per finding (its type the
severity), and one passing test case for a file with none."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

from ...model import Outcome
from ..controls import visible
from ..findings import Finding, findings, source_note
from . import Report


class JunitReport(Report):
    summary = False

    def __init__(self, rules) -> None:
        super().__init__(rules)
        self.root = ElementTree.Element("testsuites", name="cleanup")
        self.tests = self.failures = 0

    def file(self, path: str, outcome: Outcome) -> Iterator[str]:
        found = findings(outcome)
        suite = ElementTree.SubElement(self.root, "testsuite", name=path, file=path, errors="0", time="0")
        suite.set("tests", str(max(len(found), 1)))
        suite.set("failures", str(len(found)))
        for f in found:
            suite.append(_case(f, path))
        if not found:
            ElementTree.SubElement(suite, "testcase", name="no findings", classname=path, time="0")
        self.tests += max(len(found), 1)
        self.failures += len(found)
        return iter(())

    def end(self) -> Iterator[str]:
        self.root.attrib.update(tests=str(self.tests), failures=str(self.failures), errors="0", time="0")
        ElementTree.indent(self.root)
        yield '<?xml version="1.0" encoding="UTF-8"?>'
        yield visible(ElementTree.tostring(self.root, encoding="unicode"))  # no control character XML 1.0 refuses


def _case(f: Finding, path: str) -> ElementTree.Element:
    case = ElementTree.Element("testcase", name=f"{f.rule} at {f.line}:{f.column}", classname=path, time="0")
    failure = ElementTree.SubElement(case, "failure", message=f.message, type=f.severity.value)
    suggested = " → " + " | ".join(f"“{s}”" for s in f.suggestions) if f.suggestions else ""
    failure.text = f"{path}:{f.line}:{f.column}: {f.severity.value}: {f.rule} {f.message}{suggested}{source_note(f)}"
    return case


FORMAT = JunitReport
