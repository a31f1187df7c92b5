"""The package's layers only point down: the import graph, read from the source, has no edge from a lower
layer to a higher one, no circle between packages, and the packages of one layer do not import each other."""

import ast
from collections import defaultdict

from tests.conftest import ROOT

PACKAGE = ROOT / "cleanup"

# Bottom to top: word-level helpers (words/) and plain values; what reads and judges text (glossary, rules,
# checkers, the Arabic source) and the cache; the pipeline, and the house glossary file read as terms and
# rules; what renders outcomes, the file formats around it, the configuration file (which names formats and
# checkers) and the glossary's upkeep; the interfaces.
LAYERS = {
    0: {"words", "model", "textio", "plaindata", "yamlread", "regexbudget", "gcpause", "protect", "markup", "fix",
        "lazyregex", "yamlplain", "yamlnodes", "decisions", "decisionstatus", "atomicfile", "cachekey", "version"},
    1: {"glossary", "rules", "checkers", "source", "cache"},
    2: {"pipeline", "house"},
    3: {"outputs", "formats", "config", "upkeep", "decisionsave"},
    4: {"cli", "api", "lsp", "serve", "__init__", "__main__"},
}  # fmt: skip


def _layer(module: str) -> int:
    top = module.split(".")[0]
    found = [number for number, tops in LAYERS.items() if top in tops]
    assert found, f"cleanup/{top} is in no layer: name it in LAYERS"
    return found[0]


def imports() -> set[tuple[str, str]]:
    """Every (importing module, imported module) inside the package, names relative to `cleanup`."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        module = ".".join(parts)
        package = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                targets = (
                    [".".join([*base, node.module])] if node.module else [".".join([*base, a.name]) for a in node.names]
                )
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleanup."):
                targets = [node.module.removeprefix("cleanup.")]
            else:
                continue
            found |= {(module, target or "__init__") for target in targets}
    return found


def test_every_module_has_a_layer():
    for module, target in imports():
        _layer(module), _layer(target)


def test_no_import_points_up():
    upward = sorted((m, t) for m, t in imports() if _layer(t) > _layer(m))
    assert not upward, f"imports that point up: {upward}"


def test_packages_of_one_layer_do_not_import_each_other():
    sideways = {(m, t) for m, t in imports() if _layer(m) == _layer(t) == 1 and m.split(".")[0] != t.split(".")[0]}
    assert not sideways, f"imports between packages of one layer: {sorted(sideways)}"


def test_no_circle_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for m, t in imports():
        if m.split(".")[0] != t.split(".")[0]:
            graph[m.split(".")[0]].add(t.split(".")[0])

    def reaches(start: str, goal: str, seen: set) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph.get(start, ()))

    circles = sorted(p for p in graph if reaches(p, p, {p}))
    assert not circles, f"packages in an import circle: {circles}"


def test_no_benchmark_imports_a_private_name():
    """The benchmarks use the package as its users may: no name with a leading underscore."""
    for path in sorted((PACKAGE.parent / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleanup"):
                private = [alias.name for alias in node.names if alias.name.startswith("_")]
                assert not private, f"{path.name} imports {private} from {node.module}"


def test_no_test_imports_a_benchmark():
    """Tests run a benchmark as a user does, or own what both need; none loads a benchmark's module."""
    for path in sorted((PACKAGE.parent / "tests").rglob("*.py")):
        if path.name == "test_layers.py":
            continue  # it names what it looks for
        text = path.read_text(encoding="utf-8")
        assert "spec_from_file_location" not in text and "import bench" not in text and "from bench" not in text, path
