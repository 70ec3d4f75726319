"""Pipeline throughput and memory: `cleaner clean big.jsonl` against a datatrove pipeline.

Builds a JSONL file (default ≥ 200 MB) from the extractor outputs in
`scrapinghub/outputs/` (records repeated with new ids; cached in bench/.cache/pipeline), then
in the same run measures MB/s and peak memory of

    cleaner clean big.jsonl -o out.jsonl --workers N                       (N = 1, 2)
    datatrove: JsonlReader → C4QualityFilter(filter_no_terminal_punct=True,
               min_num_sentences=-1) → JsonlWriter, N tasks on N workers

datatrove splits work by file, so it reads the same records as N shard files. Peak memory is
the largest sum of PSS (proportional set size: shared pages counted once) over the whole
process tree, sampled every 0.1 s; the largest single-process RSS is shown beside it. Also
measures peak memory on a 50 MB input, and WARC pages/s against trafilatura in one process.

    python bench/pipeline_speed.py                     # full run: 3 rounds (a few minutes)
    python bench/pipeline_speed.py --mb 20 --small-mb 5 --rounds 1
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, byte_compile, machine, require, shared_dir, table, write_section

CACHE = ROOT / "bench" / ".cache" / "pipeline"
DATATROVE = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import C4QualityFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
src, out, logs, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
LocalPipelineExecutor(
    pipeline=[
        JsonlReader(src, compression=None),
        C4QualityFilter(filter_no_terminal_punct=True, min_num_sentences=-1),
        JsonlWriter(out, compression=None),
    ],
    tasks=n, workers=n, logging_dir=logs,
).run()
"""


def texts(shared: Path) -> list[str]:
    root = require(shared / "bench" / "scrapinghub" / "outputs", "the ScrapingHub extractor outputs")
    found = []
    for path in sorted(root.glob("*.json")):
        for item in json.loads(path.read_text("utf-8")).values():
            if item.get("articleBody"):
                found.append(item["articleBody"])
    return found


def build_jsonl(shared: Path, mb: int, shards: int) -> tuple[Path, Path]:
    """big-MB.jsonl and a folder of the same records in `shards` files (for datatrove's tasks)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    big, folder = CACHE / f"big-{mb}.jsonl", CACHE / f"big-{mb}-shards{shards}"
    if big.exists() and folder.exists():
        return big, folder
    base = texts(shared)
    print(f"building {big} ({mb} MB) from {len(base)} texts…", file=sys.stderr)
    lines, size, n = [], 0, 0
    while size < mb * 1_000_000:
        line = (
            json.dumps({"id": f"doc-{n}", "text": base[n % len(base)], "source": "scrapinghub"}, ensure_ascii=False)
            + "\n"
        )
        lines.append(line)
        size += len(line.encode())
        n += 1
    big.write_text("".join(lines), encoding="utf-8")
    folder.mkdir(exist_ok=True)
    per = -(-len(lines) // shards)
    for i in range(shards):
        (folder / f"part-{i}.jsonl").write_text("".join(lines[i * per : (i + 1) * per]), encoding="utf-8")
    return big, folder


def build_warc(shared: Path, repeat: int) -> tuple[Path, list[tuple[str, str]]]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    root = require(shared / "bench" / "scrapinghub" / "html", "the ScrapingHub pages")
    truth = json.loads((root.parent / "ground-truth.json").read_text("utf-8"))
    pages = []
    for path in sorted(root.glob("*.html.gz")):
        key = path.name.split(".")[0]
        pages.append(
            (
                truth.get(key, {}).get("url") or f"https://bench.example/{key}",
                gzip.decompress(path.read_bytes()).decode("utf-8", "replace"),
            )
        )
    pages = pages * repeat
    warc = CACHE / f"scrapinghub-x{repeat}.warc.gz"
    if not warc.exists():
        with warc.open("wb") as f:
            writer = WARCWriter(f, gzip=True)
            for url, html in pages:
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
                writer.write_record(record)
    return warc, pages


def _tree(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [pid], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB, from /proc/PID/smaps_rollup."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def measure(cmd: list[str]) -> tuple[float, float, float, str]:
    """Run `cmd`; return (seconds, peak tree PSS MB, peak single RSS MB, stderr)."""
    peak = {"pss": 0, "rss": 0}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            mems = [_memory(p) for p in _tree(proc.pid)]
            peak["pss"] = max(peak["pss"], sum(m[0] for m in mems))
            peak["rss"] = max(peak["rss"], max((m[1] for m in mems), default=0))
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    thread.join()
    if proc.returncode not in (0, 2):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return seconds, peak["pss"] / 1024, peak["rss"] / 1024, err.decode()


def run_cleaner(src: Path, workers: int, tmp: Path) -> tuple[float, float, float]:
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp / "out.jsonl"), "--workers", str(workers)]
    seconds, pss, rss, _ = measure(cmd)
    return seconds, pss, rss


def run_datatrove(folder: Path, tasks: int, tmp: Path) -> tuple[float, float, float]:
    # Fresh folders every run: datatrove skips the tasks its logs folder says are done.
    run = Path(tempfile.mkdtemp(prefix=f"dt-{tasks}-", dir=tmp))
    out, logs = run / "out", run / "logs"
    seconds, pss, rss, _ = measure([sys.executable, "-c", DATATROVE, str(folder), str(out), str(logs), str(tasks)])
    return seconds, pss, rss


def run_halves(folder: Path, tmp: Path) -> float:
    """Seconds until two `cleaner clean part.jsonl --workers 1`, one per half of the input,
    started together, have both ended: what two cores give two independent processes of this
    work on this machine, the ceiling of any pool's scaling (no process reads for the other)."""
    parts = sorted(folder.glob("*.jsonl"))
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cleaner", "clean", str(part), "-o", str(tmp / f"half-{i}.jsonl"), "--workers", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i, part in enumerate(parts)
    ]
    codes = [proc.wait() for proc in procs]
    if any(code not in (0, 2) for code in codes):
        raise SystemExit(f"failed ({codes}): cleaner clean on the halves of {folder}")
    return time.perf_counter() - started


def warc_speed(shared: Path, repeat: int, tmp: Path) -> tuple[int, float, float]:
    """Pages/s: `cleaner clean pages.warc.gz --workers 1` (its own timing, startup excluded)
    and trafilatura.bare_extraction with metadata on the same pages in one process."""
    import trafilatura

    warc, pages = build_warc(shared, repeat)
    _, _, _, err = measure(
        [sys.executable, "-m", "cleaner", "clean", str(warc), "-o", str(tmp / "warc.jsonl"), "--workers", "1"]
    )
    found = re.search(r"in ([\d.]+) s", err)
    cleaner_s = float(found.group(1)) if found else float("nan")
    started = time.perf_counter()
    for url, html in pages:
        trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    return len(pages), len(pages) / cleaner_s, len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200, help="size of the big input (default 200)")
    parser.add_argument(
        "--small-mb", type=int, default=50, help="size of the small input for the memory check (default 50)"
    )
    parser.add_argument("--warc-repeat", type=int, default=2, help="times the 123 pages go into the WARC (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command; medians are reported (default 3)")
    parser.add_argument("--write", action="store_true", help="write the section into BENCHMARKS.md")
    args = parser.parse_args()
    byte_compile()  # the commands start as an installed package does
    shared = shared_dir()
    require(shared / "bench", "the shared benchmark data")
    big, shards = build_jsonl(shared, args.mb, 2)
    small, _ = build_jsonl(shared, args.small_mb, 2)
    mb = big.stat().st_size / 1e6
    rows, speed = [], {}
    runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    halves: list[float] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for r in range(args.rounds):  # each tool and worker count once a round, who goes first alternating
            order = ["cleaner", "datatrove"] if r % 2 == 0 else ["datatrove", "cleaner"]
            for n in (1, 2):
                for tool in order:
                    go = run_cleaner(big, n, tmp) if tool == "cleaner" else run_datatrove(shards, n, tmp)
                    runs.setdefault((tool, n), []).append(go)
                c, d = runs["cleaner", n][-1], runs["datatrove", n][-1]
                said = f"cleaner {mb / c[0]:.2f} MB/s, datatrove {mb / d[0]:.2f} MB/s"
                print(f"[{r + 1}/{args.rounds}] workers={n}: {said}", file=sys.stderr)
            halves.append(run_halves(shards, tmp))
            print(f"[{r + 1}/{args.rounds}] two halves at once: {mb / halves[-1]:.2f} MB/s", file=sys.stderr)
        for n in (1, 2):
            c = _median_run(runs["cleaner", n])
            d = _median_run(runs["datatrove", n])
            speed[n] = (mb / c[0], mb / d[0])
            rows.append([f"cleaner --workers {n}", f"{mb / c[0]:.2f}", f"{c[1]:.0f}", f"{c[2]:.0f}"])
            rows.append([f"datatrove, {n} task(s)", f"{mb / d[0]:.2f}", f"{d[1]:.0f}", f"{d[2]:.0f}"])
            if n == 2:
                peak_big = c[1]
        per_round = {
            tool: [one[0] / two[0] for one, two in zip(runs[tool, 1], runs[tool, 2], strict=True)]
            for tool in ("cleaner", "datatrove")
        }
        ceiling = [one[0] / both for one, both in zip(runs["cleaner", 1], halves, strict=True)]
        share = [both / two[0] for two, both in zip(runs["cleaner", 2], halves, strict=True)]
        peak_small = run_cleaner(small, 2, tmp)[1]
        pages, cleaner_ps, traf_ps = warc_speed(shared, args.warc_repeat, tmp)
    ratio1, ratio2 = speed[1][0] / speed[1][1], speed[2][0] / speed[2][1]
    scaling = speed[2][0] / speed[1][0]
    load = os.getloadavg()[0]
    targets = [
        ["≥ 2× datatrove MB/s, 1 worker", f"{ratio1:.2f}×", _met(ratio1 >= 2)],
        ["≥ 2× datatrove MB/s, 2 workers", f"{ratio2:.2f}×", _met(ratio2 >= 2)],
        ["2 workers ≥ 1.8× one worker", f"{scaling:.2f}×", _met(scaling >= 1.8)],
        [f"peak memory < 300 MB ({args.mb} MB input, 2 workers)", f"{peak_big:.0f} MB", _met(peak_big < 300)],
        [
            f"same peak memory for {args.small_mb} MB and {args.mb} MB",
            f"{peak_small:.0f} vs {peak_big:.0f} MB",
            _met(abs(peak_big - peak_small) <= 0.1 * peak_small),
        ],
    ]
    body = "\n\n".join([
        "## Pipeline speed (`bench/pipeline_speed.py`)",
        f"{machine()}; input {mb:.0f} MB of JSONL ({big.name}), load average {load:.1f} when done."
        f" Median of {args.rounds} round(s), each command once a round, the tools taking turns to go first;"
        " peak memory is the largest of the rounds.",
        table(["run", "MB/s", "peak PSS, tree (MB)", "largest RSS (MB)"], rows),
        table(["target", "measured", ""], targets),
        "2 workers against 1, round by round: "
        + ", ".join(f"{tool} {_span(values)}" for tool, values in per_round.items())
        + f" (the same cores also run each tool's main process, which reads and writes the {mb:.0f} MB)."
        + " The machine's ceiling, in the same rounds: `cleaner clean --workers 1` on each half of the"
        + f" input, both at once, against one worker on the whole: {_span(ceiling)} (median"
        + f" {median(ceiling):.2f}×); the pool's 2 workers reach {median(share):.0%} of it (round by round:"
        + f" {', '.join(f'{x:.0%}' for x in share)}).",
        f"WARC: {pages} pages, `cleaner clean pages.warc.gz --workers 1` {cleaner_ps:.1f} pages/s; "
        f"trafilatura.bare_extraction in one process {traf_ps:.1f} pages/s ({cleaner_ps / traf_ps:.2f}×).",
    ])  # fmt: skip
    print(body)
    if args.write:
        write_section("pipeline_speed", body)


def _span(values: list[float]) -> str:
    return f"{min(values):.2f}×" if len(values) == 1 else f"{min(values):.2f}–{max(values):.2f}×"


def _median_run(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The median seconds of the runs, with the largest peak memory any of them reached."""
    return median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


if __name__ == "__main__":
    main()
