"""How long a large glossary takes to load (parse, validate, self-test) and to compile into a matcher.

Run: python bench/glossary_load.py [--sizes 1000 10000 50000]
Writes each glossary as YAML the way editors write it (one entry per term, variants in a list),
then times `load_glossary` and the matcher's compilation, with the cost per entry against the
smallest size (near 1.0x means loading grows linearly with the glossary).
"""

from __future__ import annotations

import argparse
import json
import platform
import time

from corpus import make_glossary

from cleanup.house import load_glossary


def glossary_yaml(size: int) -> str:
    lines = ["terms:"]
    for term in make_glossary(size):
        lines.append(f"  - preferred: {json.dumps(term.preferred)}")
        lines.append(f"    variants: [{', '.join(json.dumps(v) for v in term.variants)}]")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"{'entries':>8} {'YAML MB':>8} {'load s':>7} {'compile s':>10} {'total s':>8} {'cost per entry':>15}")
    baseline = None
    for size in sorted(args.sizes):
        text = glossary_yaml(size)
        start = time.perf_counter()
        glossary = load_glossary([("bench.yaml", text)])
        loaded = time.perf_counter()
        matcher = glossary.matcher  # compiled on first use
        compiled = time.perf_counter()
        total = compiled - start
        assert matcher is glossary.matcher
        per_entry = total / size
        baseline = baseline or per_entry
        print(
            f"{size:>8,} {len(text) / 1e6:>8.1f} {loaded - start:>7.2f} {compiled - loaded:>10.2f} {total:>8.2f} "
            f"{per_entry / baseline:>14.2f}x"
        )
    print("\ntarget: 50,000 entries load and compile in a few seconds")


if __name__ == "__main__":
    main()
