"""End-to-end speed of `cleaner fetch` against trafilatura's own command line, side by side.

A local server (its own process, asyncio) serves the ScrapingHub pages repeated under different
paths (2,000 URLs by default) on 20 host names, 127.0.0.2 … 127.0.0.21 (all loopback on Linux),
answering every request after 50 ms. Both tools fetch the same list with the same politeness, no
per-host pause:

    cleaner fetch -i urls.txt -f jsonl --delay 0
    trafilatura -i urls.txt --parallel 16 --json --config-file cfg   (SLEEP_TIME = 0)

The trafilatura config is its own settings.cfg with SLEEP_TIME = 0 and SSRF_PROTECTION = off
(without the latter it refuses loopback addresses). Reported: pages/s (records written / wall
time, start-up included), the ratio, records and errors (every URL must be accounted for), and
the peak memory of each tool's whole process tree (PSS, sampled every 0.1 s).

    python bench/fetch_speed.py                 # print the table
    python bench/fetch_speed.py --write         # and write it into BENCHMARKS.md
    python bench/fetch_speed.py --pages 300     # a quicker run while iterating
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import byte_compile, machine, require, shared_dir, table, write_section

LATENCY = 0.05
HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]
TARGET = 3.0


# --- the server (a process of its own) ----------------------------------------------------------
def serve(pages: dict[str, bytes], ports: dict[str, int], ready: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    asyncio.run(_serve(pages, ports, ready))


async def _serve(pages: dict[str, bytes], ports: dict[str, int], ready: object) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                target = line.split(b" ")[1].decode() if line.count(b" ") >= 2 else "/"
                while await reader.readline() not in (b"\r\n", b"\n", b""):
                    pass
                await asyncio.sleep(LATENCY)
                body = pages.get(target.split("?")[0])
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    if body is not None
                    else b"HTTP/1.1 404 Not Found\r\n"
                )
                body = body if body is not None else b"not found"
                writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, host, port, backlog=1024) for host, port in ports.items()]
    ready.set()  # type: ignore[attr-defined]
    await asyncio.gather(*(s.serve_forever() for s in servers))


def free_ports() -> dict[str, int]:
    import socket

    ports = {}
    for host in HOSTS:
        with socket.socket() as sock:
            sock.bind((host, 0))
            ports[host] = sock.getsockname()[1]
    return ports


# --- measuring a run ------------------------------------------------------------------------------
@dataclass
class Run:
    tool: str
    seconds: float
    records: int
    errors: int
    peak_mb: float
    cpu_seconds: float
    #: The CPU seconds of the command's own process (downloading, the event loop, writing);
    #: the rest is its children's (cleaner: the extraction workers and their fork server).
    main_cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu_seconds / max(1, self.records) * 1000

    @property
    def main_cpu_ms_per_page(self) -> float:
        return self.main_cpu_seconds / max(1, self.records) * 1000

    @property
    def pages_per_second(self) -> float:
        return (self.records - self.errors) / self.seconds


def sample_tree(proc: object, cpu: dict[int, float]) -> float:
    """The PSS of the process tree now (MB); records each process's CPU seconds so far in `cpu`."""
    import psutil

    total = 0
    assert isinstance(proc, psutil.Process)
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += p.memory_full_info().pss
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    return total / 1e6


def run(tool: str, cmd: list[str], out: Path, count: callable) -> Run:  # type: ignore[valid-type]
    import psutil

    peak = 0.0
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    with out.open("wb") as handle:
        proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.PIPE)
        ps = psutil.Process(proc.pid)
        stderr: list[bytes] = []
        reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        while proc.poll() is None:
            peak = max(peak, sample_tree(ps, cpu))
            time.sleep(0.1)
        reader.join()
    seconds = time.perf_counter() - start
    records, errors = count(out)
    if records == 0:
        print(
            f"{tool} wrote nothing; its stderr ends with:\n{b''.join(stderr)[-2000:].decode(errors='replace')}",
            file=sys.stderr,
        )
    return Run(tool, seconds, records, errors, peak, sum(cpu.values()), cpu.get(proc.pid, 0.0))


def count_cleaner(out: Path) -> tuple[int, int]:
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    errors = [rec for rec in lines if "error" in rec]
    for rec in errors[:5]:  # the output goes with the temporary folder: say why here
        print(f"  cleaner error record: {rec.get('url')}: {json.dumps(rec['error'])[:300]}", file=sys.stderr)
    return len(lines), len(errors)


def count_trafilatura(out: Path) -> tuple[int, int]:
    # one JSON object a line for each page it extracted; a page it failed on writes nothing
    lines = [line for line in out.read_text("utf-8", errors="replace").splitlines() if line.startswith("{")]
    return len(lines), 0


def trafilatura_config(folder: Path) -> Path:
    import trafilatura

    text = (Path(trafilatura.__file__).parent / "settings.cfg").read_text("utf-8")
    text = text.replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0").replace("SSRF_PROTECTION = on", "SSRF_PROTECTION = off")
    assert "SLEEP_TIME = 0" in text and "SSRF_PROTECTION = off" in text, "trafilatura's settings.cfg changed"
    path = folder / "trafilatura.cfg"
    path.write_text(text, "utf-8")
    return path


# --- the benchmark ------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="URLs in the list (default 2000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tool; medians are reported")
    parser.add_argument("--engine", default="best", help="cleaner's extraction engine (best or fast)")
    parser.add_argument("--only", choices=["cleaner", "trafilatura"], help="run one tool only (no ratio)")
    parser.add_argument(
        "--trafilatura-metadata",
        action="store_true",
        help="add --with-metadata to trafilatura (its --json output has no title/author/date without it)",
    )
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    args = parser.parse_args()
    byte_compile()  # the commands start as an installed package does
    html_dir = require(shared_dir() / "bench" / "scrapinghub" / "html", "the ScrapingHub pages")
    if sys.platform != "linux":
        print("skipped: needs Linux, where 127.0.0.2-127.0.0.21 are loopback addresses", file=sys.stderr)
        raise SystemExit(0)
    sources = [gzip.decompress(p.read_bytes()) for p in sorted(html_dir.glob("*.html.gz"))]
    ports = free_ports()
    pages, urls = {}, []
    for i in range(args.pages):
        host = HOSTS[i % len(HOSTS)]
        path = f"/p/{i}/article.html"
        pages[path] = sources[i % len(sources)]
        urls.append(f"http://{host}:{ports[host]}{path}")

    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    server = ctx.Process(target=serve, args=(pages, ports, ready), daemon=True)
    server.start()
    if not ready.wait(60):
        raise SystemExit("the benchmark server did not start")
    load_before = os.getloadavg()
    bin_dir = Path(sys.executable).parent
    try:
        with tempfile.TemporaryDirectory(prefix="fetch-speed-") as tmp:
            folder = Path(tmp)
            (folder / "urls.txt").write_text("\n".join(urls) + "\n", "utf-8")
            cleaner_cmd = [
                str(bin_dir / "cleaner"),
                "fetch",
                "-i",
                str(folder / "urls.txt"),
                "-f",
                "jsonl",
                "--delay",
                "0",
            ]
            cleaner_cmd += ["--engine", args.engine]
            traf_cmd = [str(bin_dir / "trafilatura"), "-i", str(folder / "urls.txt"), "--parallel", "16", "--json"]
            traf_cmd += ["--config-file", str(trafilatura_config(folder))]
            traf_cmd += ["--with-metadata"] if args.trafilatura_metadata else []
            runs: dict[str, list[Run]] = {"cleaner": [], "trafilatura": []}
            for n in range(args.repeat):
                pair = [("trafilatura", traf_cmd, count_trafilatura), ("cleaner", cleaner_cmd, count_cleaner)]
                for tool, cmd, count in pair if n % 2 == 0 else pair[::-1]:  # alternate who goes first
                    if args.only and tool != args.only:
                        continue
                    result = run(tool, cmd, folder / f"{tool}.out", count)
                    runs[tool].append(result)
                    print(
                        f"[{n + 1}/{args.repeat}] {tool}: {result.records} records, {result.errors} errors, "
                        f"{result.seconds:.1f} s, {result.pages_per_second:.1f} pages/s, peak {result.peak_mb:.0f} MB, "
                        f"{result.cpu_ms_per_page:.0f} ms CPU/page"
                        f" ({result.main_cpu_ms_per_page:.0f} in the main process)",
                        file=sys.stderr,
                    )
    finally:
        server.terminate()
        server.join(5)
    report(args, runs, load_before, os.getloadavg())


def report(
    args: argparse.Namespace, runs: dict[str, list[Run]], load_before: tuple[float, ...], load_after: tuple[float, ...]
) -> None:
    rows, speed = [], {}
    traf_label = " `--with-metadata`" if args.trafilatura_metadata else ""
    for tool, measured in runs.items():
        if not measured:
            continue
        speed[tool] = median(r.pages_per_second for r in measured)
        accounted = min(r.records for r in measured)
        rows.append(
            [
                f"`cleaner fetch` ({args.engine})" if tool == "cleaner" else f"`trafilatura` CLI{traf_label}",
                f"{speed[tool]:.1f}",
                f"{median(r.seconds for r in measured):.1f}",
                f"{accounted}/{args.pages}",
                str(max(r.errors for r in measured)),
                f"{median(r.peak_mb for r in measured):.0f}",
                f"{median(r.cpu_ms_per_page for r in measured):.0f}",
            ]
        )
    ratio = speed["cleaner"] / speed["trafilatura"] if len(speed) == 2 and speed["trafilatura"] else None
    met = "met" if ratio is not None and ratio >= TARGET else "**not met**"
    body = [
        "## Fetch speed (`bench/fetch_speed.py`)",
        "",
        f"{args.pages:,} URLs (the 123 ScrapingHub pages repeated under different paths) on 20 loopback host names, "
        f"{LATENCY * 1000:.0f} ms added latency per response; both tools without per-host pause "
        "(trafilatura: SLEEP_TIME = 0, SSRF_PROTECTION = off; cleaner: `--delay 0`, 2 per host, 16 in flight). "
        f"Median of {args.repeat} run(s) each (the tools alternate), start-up included; peak memory is the PSS of "
        "each tool's process tree; CPU ms/page is the tree's user+system time (sampled every 0.1 s) per record.",
        "",
        table(["tool", "pages/s", "seconds", "records", "error records", "peak MB", "CPU ms/page"], rows),
        "",
    ]
    if ratio is not None:
        body.append(f"Ratio: **{ratio:.2f}×** trafilatura's pages/s (target ≥ {TARGET:.0f}×: {met}).")
        pairs = [
            c.pages_per_second / t.pages_per_second for c, t in zip(runs["cleaner"], runs["trafilatura"], strict=True)
        ]
        if len(pairs) > 1:  # the machine's speed drifts between runs: each run against its partner
            body.append(
                f"Run by run (each cleaner run against the trafilatura run beside it): {min(pairs):.2f}–"
                f"{max(pairs):.2f}×, median {median(pairs):.2f}×."
            )
        cpu = [median(r.cpu_ms_per_page for r in runs[tool]) for tool in ("cleaner", "trafilatura")]
        half = "met" if cpu[0] <= cpu[1] / 2 else "**not met**"
        body.append(
            f"CPU per page: {cpu[0]:.1f} against {cpu[1]:.1f} ms, {cpu[0] / cpu[1]:.2f}× trafilatura's"
            f" (target: at most half: {half})."
        )
        body.append("")
    if not args.trafilatura_metadata:
        body += [
            "Note: without `--with-metadata`, trafilatura's `--json` records carry the text only (no title, author,"
            " date), while every cleaner record has them: trafilatura does less work per page.",
            "",
        ]
    body.append(
        f"Measured on {machine()}; load average {load_before[0]:.1f} before and {load_after[0]:.1f} after "
        "(the machine's cores were shared with other work: figures are indicative)."
    )
    text = "\n".join(body)
    print(text)
    if args.write:
        write_section("fetch_speed", text)


if __name__ == "__main__":
    main()
