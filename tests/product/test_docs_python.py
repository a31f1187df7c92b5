"""Every Python block in the documentation runs: the README's and the docs site's examples use only the
public API and work as written (each page's blocks in order, in a folder holding the project's files)."""

import re
from pathlib import Path

import pytest

import cleanup
from tests.conftest import DOC_PAGES, ROOT

PAGES = DOC_PAGES
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
IMPORT = re.compile(r"^\s*(?:from|import)\s+(cleanup[\w.]*)", re.M)


def _pages_with_python() -> list[Path]:
    return [page for page in PAGES if page.is_file() and BLOCK.search(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", _pages_with_python(), ids=lambda page: str(page.relative_to(ROOT)))
def test_the_python_blocks_of_a_page_run(page, tmp_path, monkeypatch):
    for name in ("seeds", "glossary", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for number, block in enumerate(BLOCK.findall(page.read_text(encoding="utf-8")), 1):
        exec(compile(block, f"{page.name}, Python block {number}", "exec"), namespace)  # noqa: S102


@pytest.mark.parametrize("page", _pages_with_python(), ids=lambda page: str(page.relative_to(ROOT)))
def test_the_python_blocks_import_only_the_public_api(page):
    imported = IMPORT.findall("\n".join(BLOCK.findall(page.read_text(encoding="utf-8"))))
    assert imported and set(imported) == {"cleanup"}, f"{page.name} imports {sorted(set(imported))}"


def test_the_public_api_is_what_the_package_exports():
    assert sorted(cleanup.__all__) == ["check_text", "fix_text", "load_glossary"]
    for name in cleanup.__all__:
        assert callable(getattr(cleanup, name)) and getattr(cleanup, name).__doc__
    with pytest.raises(AttributeError):
        cleanup.no_such_function  # noqa: B018
