"""`cleanup lsp`: the language server, over standard input and output, checking with the glossary and
configuration a run here would use."""

from __future__ import annotations

import argparse
import gc

from ...cache import default_folder
from ...house import house_glossary
from ...lsp.project import Project, SetupError
from ...lsp.server import serve
from ..errors import EXIT_OK, UsageError
from ..settings import load_config, run_glossary, run_settings


def run_lsp(args: argparse.Namespace) -> int:
    gc.enable()  # a server runs for hours: the collector runs, not paused as for one batch run

    def load() -> Project:
        """The project as `cleanup check` here would load it (read again when a glossary file is saved)."""
        try:
            config = load_config(args.config)
            files = run_glossary(args.glossary, config)
            settings = run_settings(args, config, house_glossary(files))
        except UsageError as error:
            raise SetupError(str(error)) from None
        project = Project.of(settings, [path for path, _ in files])
        gc.collect()
        gc.freeze()  # the glossary and rules live as long as the server: never scanned again by the collector
        return project

    serve(load, default_folder() / "rules")
    return EXIT_OK
