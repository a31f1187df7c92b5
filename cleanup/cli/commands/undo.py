"""`cleanup undo`: restore articles as they were before the last in-place run."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...outputs.tally import Tally
from ..console import failure_recorder, print_error
from ..errors import EXIT_ERROR, EXIT_OK
from ..history import UndoRefused, history_folder, history_lock, recorded, undo_files
from ..inputs import find_inputs
from ..plan import real_file, record_paths
from ..settings import load_config
from ..write import write_atomically


def run_undo(args: argparse.Namespace) -> int:
    """Undo the last in-place run on each article: its bytes before, and the records of the run before."""
    config = load_config(args.config)
    out_dir = Path(args.out or config.out)
    tally = Tally()
    for item in find_inputs(args.paths, exclude=out_dir, globs=config, unreadable=failure_recorder(tally)):
        folder = history_folder(out_dir, item.name)
        if args.list:
            print("\n".join([f"{item.path}:", *(f"  {line}" for line in recorded(folder))]))
            continue
        records = dict(zip(("diff", "changes", "report", "page"), record_paths(out_dir / item.name), strict=True))
        with history_lock(folder, create=False):  # never while an in-place run records this article
            try:
                writes, removes = undo_files(folder, real_file(item.path), records)
            except UndoRefused as error:
                print_error(str(error))
                tally.fail(str(item.path), str(error))
                continue
            write_atomically(writes)
            for path in removes:
                path.unlink(missing_ok=True)
        print(f"{item.path}: restored as it was before the last in-place run")
    return EXIT_ERROR if tally.failures else EXIT_OK
