"""A served project for the tests: the seed (and whatever a test adds) with the house glossary, its
application, and helpers to save decisions as the page does and to compare with `cleanup fix`."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from cleanup.cli import main
from cleanup.serve.app import create_app
from cleanup.serve.background import Background
from cleanup.serve.command import fix_argv
from cleanup.serve.project import Project
from tests.conftest import ROOT, SEED

TOKEN = "test-token-0123456789"


def make_project(folder: Path) -> Path:
    """The house glossary and the seed article in `folder/seeds`."""
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    (folder / "seeds").mkdir()
    shutil.copy(SEED, folder / "seeds" / SEED.name)
    return folder


def serve_arguments(*paths: str) -> argparse.Namespace:
    return argparse.Namespace(paths=list(paths), glossary=None, config=None, out=None)


def served(hosts: set[str], *paths: str) -> tuple[Project, Background, object]:
    """The project in the working folder, its background processing started and done, and its application."""
    project = Project(fix_argv(serve_arguments(*paths)))
    background = Background(project)
    background.start()
    settle(background)
    return project, background, create_app(project, background, TOKEN, hosts)


@contextlib.contextmanager
def served_in(folder: Path, hosts: set[str]) -> Iterator[tuple[Project, Background, object]]:
    """`served` with `folder` as the working folder; its background stopped and the folder left after."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        project, background, application = served(hosts)
        try:
            yield project, background, application
        finally:
            background.stop()
    finally:
        os.chdir(here)


def settle(background: Background, seconds: float = 120) -> None:
    """Wait until the background has processed everything it was given (a bound, not a timing)."""
    stop = time.monotonic() + seconds
    while not background.idle():
        assert time.monotonic() < stop, "background processing did not finish"
        time.sleep(0.02)


def fix_elsewhere(project_folder: Path, copy: Path) -> dict[str, bytes]:
    """`cleanup fix` (no cache) on a copy of the project with its decisions: every output file's bytes."""
    shutil.copytree(project_folder / "glossary", copy / "glossary")
    shutil.copytree(project_folder / "seeds", copy / "seeds")
    (copy / "corrected").mkdir()
    for decisions in (project_folder / "corrected").glob("*.decisions.yaml"):
        shutil.copy(decisions, copy / "corrected" / decisions.name)
    import os

    here = Path.cwd()
    os.chdir(copy)
    try:
        assert main(["fix", "-q", "--no-cache", "--jobs", "1"]) == 0
    finally:
        os.chdir(here)
    return outputs(copy / "corrected")


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


class Server:
    """`cleanup serve --port 0` running in `folder`, as a user starts it: its address and token."""

    def __init__(self, folder: Path, *arguments: str) -> None:
        import subprocess
        import sys

        self.process = subprocess.Popen(
            [sys.executable, "-m", "cleanup", "serve", "--port", "0", *arguments],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert "?token=" in line, line
        self.url = line.split("open ", 1)[1].strip()
        self.base, self.token = self.url.split("/?token=")

    def get(self, path: str) -> object:
        import httpx2 as httpx

        return httpx.get(self.base + path, headers={"x-cleanup-token": self.token}, timeout=60)

    def wait_until_settled(self, name: str, seconds: float = 120) -> None:
        """Wait until the server has written the article's edition for its files as they are (a bound)."""
        stop = time.monotonic() + seconds
        while not self.get(f"/api/state/{name}").json()["current"]:
            assert time.monotonic() < stop, "the server did not regenerate the edition"
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
