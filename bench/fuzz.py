"""Run the fuzz targets (tests/fuzz/targets.py) for a given time; save what they find.

    python bench/fuzz.py --target all --seconds 600
    python bench/fuzz.py --target html-fast --seconds 60 --seed 7

Each target runs rounds of hypothesis examples, a new seed per round, until its time is up.
A crash (an exception outside the project's error tree) or a hang (past the per-example
deadline) is shrunk by hypothesis and saved to fixtures/fuzz/<target>/found-<hash><suffix>,
where `tests/fuzz/test_fuzz.py::test_finding` picks it up as a regular test. Exit code 1 when
anything was found.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from hypothesis import HealthCheck, given, seed, settings
from targets import FIXTURES, TARGETS, Target, run_check

#: Examples per round: small enough that a round ends soon after the time is up.
ROUND = 100


def fuzz(target: Target, seconds: float, first_seed: int) -> tuple[int, list[Path]]:
    """Rounds until `seconds` are up; returns the examples run and the findings saved."""
    end = time.monotonic() + seconds
    examples, found = 0, []
    round_seed = first_seed
    failing: list[bytes] = []
    while time.monotonic() < end:
        failing.clear()

        @seed(round_seed)
        @settings(max_examples=ROUND, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(target.strategy)
        def run(data: bytes) -> None:
            nonlocal examples
            examples += 1
            try:
                run_check(target, data)
            except BaseException:
                failing.append(data)  # the last one is hypothesis's shrunk example
                raise

        try:
            run()
        except Exception as exc:
            data = failing[-1] if failing else b""
            path = FIXTURES / target.name / f"found-{hashlib.sha1(data).hexdigest()[:10]}{target.suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            found.append(path)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            print(f"  {target.name}: {type(exc).__name__}: {first[:200]} -> {path}", flush=True)
        round_seed += 1
    return examples, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default="all", choices=["all", *sorted(TARGETS)])
    parser.add_argument("--seconds", type=float, default=60.0, help="per target")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    names = sorted(TARGETS) if args.target == "all" else [args.target]
    total = []
    for name in names:
        started = time.monotonic()
        examples, found = fuzz(TARGETS[name], args.seconds, args.seed)
        spent = time.monotonic() - started
        print(f"{name}: {examples:,} examples in {spent:.0f} s, {len(found)} finding(s)", flush=True)
        total += found
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
