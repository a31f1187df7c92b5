"""The per-document step mapped over files with Dask on a local cluster (the README's recipe)."""

from pathlib import Path

import dask.bag
from distributed import Client, LocalCluster

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import ALL_RULES, Settings, process
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"


def test_process_maps_over_files_on_a_local_dask_cluster(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = []
    for number in range(6):
        path = tmp_path / f"article-{number}.txt"
        path.write_text("".join(lines[number * 6 : number * 6 + 10]), encoding="utf-8")
        paths.append(str(path))
    files = sorted((ROOT / "glossary").glob("*.yaml"))
    glossary = load_glossary([(str(f), f.read_text(encoding="utf-8")) for f in files], [r.id for r in ALL_RULES])
    settings = Settings(glossary, ALL_RULES + glossary.rules)

    def clean(path: str):
        return path, process(Document(Path(path).read_text(encoding="utf-8")), settings)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            results = dict(dask.bag.from_sequence(paths, npartitions=3).map(clean).compute())
    for path in paths:
        expected = process(Document(Path(path).read_text(encoding="utf-8")), settings)
        assert results[path] == expected
    assert sum(len(outcome.changes) for outcome in results.values()) > 0
