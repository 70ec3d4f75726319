"""Hostile pages: time per page with both engines, text kept, growth, and a mixed record stream.

Generates degenerate but possible pages at two sizes each (the second twice the first):

    deep-div     <div> nested N deep around a few sentences
    links        one paragraph of N links
    table        a table of N rows (legitimate data: its text must be kept)
    inline       unclosed <b><i><span> around every word (its words must be kept)
    nul          text with NUL bytes between the words (the text must be kept, the NULs not)
    deep-table   tables nested N deep
    comments     N comments <!-- --> around an article
    one-p        one <p> of N MB of words

and measures, each in a child process (CPU time, the median of `--runs` runs; one run for calls
over 2 s; `--cap` seconds at most, shown as "> cap"): `extract_html` with the best and the fast
engine, `clean_text` on the page's text, and `trafilatura.extract` on the same page. Reports the
share of the page's words kept (table, inline, nul), the growth ratio (time at 2N over time at
N: linear work stays near 2), and the target of 1 s per 5 MB of HTML with either engine.

Then the mixed stream: 40 ScrapingHub news pages plus 6 hostile ones as JSONL,
`cleaner clean --html-field html --workers 2`, against the 40 pages alone: the target is 1.5x
their time plus one record limit (`settings.RECORD_TIMEOUT`).

    python bench/hostile.py                 # full sizes (several minutes)
    python bench/hostile.py --quick         # half sizes, for a look
    python bench/hostile.py --write         # and write the section into BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, machine, require, shared_dir, table, write_section

CACHE = ROOT / "bench" / ".cache" / "hostile"
TOOLS = ("best", "fast", "clean_text", "trafilatura")
SENTENCES = (
    "The river rose by two metres overnight and the town council met at dawn to plan the evacuation. "
    "Volunteers filled sandbags along the embankment while the ferry service stopped for the day. "
    "By noon the water had reached the old mill, and the mayor asked residents to stay indoors."
)
#: The generated words are letters then a number ("word12"): found even where an engine drops the
#: NUL between two of them and they run together.
_WORD = re.compile(r"[A-Za-z]+\d+")
#: Below this, a page's time is the engine's fixed cost per page, not its size.
FLOOR = 0.2


def _words(n: int, tag: str) -> list[str]:
    return [f"{tag}{i}" for i in range(n)]


# Each generator: n → (html, text, words that must be kept or None)
def deep_div(n: int) -> tuple[str, str, list[str] | None]:
    return "<html><body>" + "<div>" * n + f"<p>{SENTENCES}</p>" + "</div>" * n + "</body></html>", SENTENCES, None


def links(n: int) -> tuple[str, str, list[str] | None]:
    body = " ".join(f'<a href="/page/{i}">link number {i}</a>' for i in range(n))
    text = " ".join(f"link number {i}" for i in range(n))
    return f"<html><body><p>{SENTENCES}</p><p>{body}</p></body></html>", text, None


def data_table(n: int) -> tuple[str, str, list[str] | None]:
    rows = "".join(f"<tr><td>station{i}</td><td>{i % 97} mm</td><td>level{i}</td></tr>" for i in range(n))
    text = "\n".join(f"station{i} {i % 97} mm level{i}" for i in range(n))
    html = f"<html><body><h1>River levels</h1><p>{SENTENCES}</p><table>{rows}</table></body></html>"
    return html, text, [f"station{i}" for i in range(0, n, max(n // 500, 1))]


def inline(n_bytes: int) -> tuple[str, str, list[str] | None]:
    words = _words(max(n_bytes // 25, 1), "word")
    body = "".join(f"<b><i><span>{w} " for w in words)
    return f"<html><body><p>{body}</p></body></html>", " ".join(words), words[:: max(len(words) // 500, 1)]


def nul(n_bytes: int) -> tuple[str, str, list[str] | None]:
    words = _words(max(n_bytes // 9, 1), "w")
    sentences = []
    for i in range(0, len(words), 12):
        sentences.append("\x00".join(words[i : i + 12]) + ".")
    text = "\n".join(sentences)
    html = "<html><body><article>" + "".join(f"<p>{s}</p>" for s in sentences) + "</article></body></html>"
    return html, text, words[:: max(len(words) // 500, 1)]


def deep_table(n: int) -> tuple[str, str, list[str] | None]:
    html = "<html><body>" + "<table><tr><td>" * n + f"<p>{SENTENCES}</p>" + "</td></tr></table>" * n
    return html + "</body></html>", SENTENCES, None


def comments(n: int) -> tuple[str, str, list[str] | None]:
    flood = "<!-- -->" * n
    html = f"<html><body>{flood}<article><p>{SENTENCES}</p>{flood}</article>{flood}</body></html>"
    return html, SENTENCES, None


def one_p(n_bytes: int) -> tuple[str, str, list[str] | None]:
    words = _words(max(n_bytes // 8, 1), "t")
    text = " ".join(words)
    return f"<html><body><p>{text}</p></body></html>", text, None


#: name → (generator, the smaller of its two sizes, what the size counts)
PAGES: dict[str, tuple[Callable[[int], tuple[str, str, list[str] | None]], int, str]] = {
    "deep-div": (deep_div, 50_000, "levels"),
    "links": (links, 100_000, "links"),
    "table": (data_table, 25_000, "rows"),
    "inline": (inline, 1_500_000, "bytes"),
    "nul": (nul, 500_000, "bytes"),
    "deep-table": (deep_table, 5_000, "levels"),
    "comments": (comments, 100_000, "comments"),
    "one-p": (one_p, 10_000_000, "bytes"),
}
#: Pages whose text must be kept (issue 12, item 3).
MUST_KEEP = ("table", "inline", "nul")

MEASURE = """
import json, sys, time
tool, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
html = open(path, encoding="utf-8").read()
text = open(path + ".txt", encoding="utf-8").read()
import cleaner, trafilatura
cleaner.extract_html("<html><body><p>Warm up the extractor, once.</p></body></html>")
def call():
    if tool == "clean_text":
        return cleaner.clean_text(text, format="text").text
    if tool == "trafilatura":
        return trafilatura.extract(html) or ""
    return cleaner.extract_html(html, engine=tool).text
times, out = [], ""
for i in range(runs):
    start = time.process_time()
    out = call()
    times.append(time.process_time() - start)
    if times[-1] > 2:
        break
print(json.dumps({"times": times, "text": out}))
"""


def measure(tool: str, path: Path, runs: int, cap: float) -> tuple[float | None, str]:
    """Median CPU seconds of `tool` on the page (None: over `cap`) and the text it kept."""
    cmd = [sys.executable, "-c", MEASURE, tool, str(path), str(runs)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, ""
    if done.returncode != 0:
        print(f"  {tool} on {path.name} failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return float("nan"), ""
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return statistics.median(result["times"]), result["text"]


def kept_share(words: list[str] | None, text: str) -> float | None:
    if not words:
        return None
    found = set(_WORD.findall(text))
    return sum(w in found for w in words) / len(words)


def _fmt(seconds: float | None, cap: float) -> str:
    if seconds is None:
        return f"> {cap:.0f} s"
    if seconds != seconds:
        return "failed"
    return f"{seconds:.2f} s" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def pages_section(runs: int, cap: float, scale: float) -> tuple[str, dict[str, Path]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    rows, growth_rows, keep_rows, paths = [], [], [], {}
    met_all = True
    for name, (make, base, unit) in PAGES.items():
        sizes = [max(int(base * scale), 1), max(int(base * scale), 1) * 2]
        times: dict[str, list[float | None]] = {tool: [] for tool in TOOLS}
        for size in sizes:
            html, text, words = make(size)
            path = CACHE / f"{name}-{size}.html"
            path.write_text(html, encoding="utf-8")
            Path(str(path) + ".txt").write_text(text, encoding="utf-8")
            paths[name] = path
            mb = len(html.encode()) / 1e6
            target = max(mb / 5, 0.0)
            cells = [f"{name} ({size:,} {unit})", f"{mb:.1f} MB"]
            for tool in TOOLS:
                seconds, out = measure(tool, path, runs, cap)
                times[tool].append(seconds)
                cells.append(_fmt(seconds, cap))
                if tool in ("best", "fast") and name in MUST_KEEP and size == sizes[-1]:
                    share = kept_share(words, out)
                    keep_rows.append([name, tool, f"{share:.0%}" if share is not None else "–"])
                if tool == "trafilatura" and name in MUST_KEEP and size == sizes[-1]:
                    share = kept_share(words, out)
                    keep_rows.append([name, "trafilatura", f"{share:.0%}" if share is not None else "–"])
            engines = [t for t in (times["best"][-1], times["fast"][-1])]
            met = all(t is not None and t == t and t <= max(target, FLOOR) for t in engines)
            met_all &= met
            cells.append(f"{target:.2f} s " + ("met" if met else "**not met**"))
            rows.append(cells)
            print(" | ".join(cells), file=sys.stderr, flush=True)
        growth_rows.append([name] + [_ratio(times[tool]) for tool in TOOLS])
    body = [
        "Each page at two sizes; CPU time of one call (median of up to "
        f"{runs} runs), each in a fresh process, at most {cap:.0f} s. Target: at most 1 s per 5 MB of HTML "
        f"with either engine ({FLOOR:g} s at least: a small page's time is the engine's fixed cost per page).",
        "",
        table(["page", "HTML", "best", "fast", "clean_text (its text)", "trafilatura", "target (engines)"], rows),
        "",
        "Growth: time at 2N over time at N (linear work stays near 2; noise dominates below ~20 ms).",
        "",
        table(["page", *TOOLS], growth_rows),
        "",
        "Text kept (share of the page's own words found in the output; the target is all of it):",
        "",
        table(["page", "engine", "words kept"], keep_rows),
        "",
        f"Every page within its target with both engines: **{'yes' if met_all else 'no'}**.",
    ]
    return "\n".join(body), paths


def _ratio(times: list[float | None]) -> str:
    small, big = times
    if small is None or big is None or small != small or big != big:
        return "–"
    if small < 0.02:
        return f"({big / max(small, 1e-6):.1f})"
    return f"{big / small:.1f}"


def mixed_section(shared: Path, hostile: dict[str, Path], timeout: float) -> str:
    root = require(shared / "bench" / "scrapinghub" / "html", "the ScrapingHub pages")
    truth = json.loads((shared / "bench" / "scrapinghub" / "ground-truth.json").read_text())
    normal = []
    for path in sorted(root.glob("*.html.gz"))[:40]:
        page_id = path.name.split(".")[0]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        normal.append({"id": page_id, "url": truth.get(page_id, {}).get("url"), "html": html})
    bad = []
    for name in ("deep-div", "links", "table", "inline", "nul", "comments"):
        bad.append({"id": name, "url": f"http://hostile.example/{name}", "html": hostile[name].read_text()})
    mixed = normal[:]
    for i, record in enumerate(bad):  # spread through the stream
        mixed.insert(min(len(mixed), (i + 1) * 7), record)
    with tempfile.TemporaryDirectory() as tmp:
        normal_s, _ = _run_stream(Path(tmp), "normal", normal, timeout)
        mixed_s, kinds = _run_stream(Path(tmp), "mixed", mixed, timeout)
    target = 1.5 * normal_s + timeout
    verdict = "met" if mixed_s <= target else "**not met**"
    rows = [
        ["40 news pages", f"{normal_s:.1f} s", "–"],
        ["40 news pages + 6 hostile", f"{mixed_s:.1f} s", ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))],
    ]
    return "\n".join(
        [
            f"`cleaner clean stream.jsonl --html-field html --workers 2 --record-timeout {timeout:g}`, wall time "
            "of the whole command (start-up included):",
            "",
            table(["stream", "time", "errors by kind"], rows),
            "",
            f"Target: 1.5 × {normal_s:.1f} s + {timeout:g} s = {target:.1f} s: {verdict}.",
        ]
    )


def _run_stream(tmp: Path, name: str, records: list[dict[str, object]], timeout: float) -> tuple[float, dict[str, int]]:
    src, out = tmp / f"{name}.jsonl", tmp / f"{name}.out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    cmd = [sys.executable, "-m", "cleaner", "clean", str(src), "--html-field", "html", "--workers", "2"]
    cmd += ["--record-timeout", str(timeout), "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    kinds: dict[str, int] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        error = json.loads(line).get("error")
        if error:
            kinds[error["kind"]] = kinds.get(error["kind"], 0) + 1
    return seconds, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds one measurement may take")
    parser.add_argument("--quick", action="store_true", help="half sizes")
    parser.add_argument("--no-stream", action="store_true", help="skip the mixed JSONL stream")
    parser.add_argument("--write", action="store_true", help="write the section into BENCHMARKS.md")
    args = parser.parse_args()
    from cleaner import settings

    pages, hostile = pages_section(args.runs, args.cap, 0.5 if args.quick else 1.0)
    parts = ["## Hostile pages (`bench/hostile.py`)", "", machine() + (" · half sizes (--quick)" if args.quick else ""),
             "", pages]  # fmt: skip
    if not args.no_stream:
        if args.quick:  # the stream's hostile pages are the full-size ones
            pages_full = {n: CACHE / f"{n}-{PAGES[n][1] * 2}.html" for n in PAGES}
            for name, (make, base, _) in PAGES.items():
                if not pages_full[name].exists():
                    pages_full[name].write_text(make(base * 2)[0], encoding="utf-8")
            hostile = pages_full
        parts += ["", "### A mixed record stream", "", mixed_section(shared_dir(), hostile, settings.RECORD_TIMEOUT)]
    section = "\n".join(parts)
    print(section)
    if args.write:
        write_section("hostile", section)


if __name__ == "__main__":
    main()
