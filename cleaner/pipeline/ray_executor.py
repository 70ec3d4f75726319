"""The same work on Ray Data (`pip install 'cleaner[ray]'`), on a cluster or a local Ray.

    read_json / read_parquet → map_batches(RayCleaner: rules loaded once per actor)
                             → write_json / write_parquet into the output directory

Rules files are read here, on the driver, and shipped as text, so the cluster's machines need
no copy of them; with an address, the `cleaner` package itself is shipped too (`py_modules`),
so every node runs the driver's version. Its dependencies must be installed on the cluster.
"""

from __future__ import annotations

import logging
import time
from functools import partial
from pathlib import Path
from typing import Any

from .._optional import optional
from ..errors import CleanerError, InputError
from ..io.parquet import table_of
from ..sites.config import SiteConfigs
from ._progress import Reporter
from .records import RecordCleaner, RecordOptions, columnar, rules_from_texts
from .run import RunConfig, Summary, default_workers, read_rules, record_kind

#: Rows per batch handed to an actor.
BATCH_ROWS = 256


class RayCleaner:
    """A Ray Data actor: builds its RecordCleaner (and so loads the rules) once, then cleans batches."""

    def __init__(
        self,
        options: RecordOptions,
        rule_texts: tuple[tuple[str, str], ...],
        tally: Any,
        parquet: bool,
        site_config: SiteConfigs | None = None,
    ) -> None:
        self.cleaner = RecordCleaner(options, rules_from_texts(rule_texts), site_config=site_config)
        self.tally, self.parquet = tally, parquet

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows, failed = [], 0
        for number, row in enumerate(batch.to_pylist(), 1):
            out, bad = self.cleaner.check(row, number, unit="record")
            rows.append(columnar(out, self.cleaner.options))  # an Arrow batch, whether written as Parquet or JSON
            failed += bad
        self.tally.add.remote(len(rows), failed)
        return pa.Table.from_pylist(rows, schema=_schema(pa, rows, self.cleaner.options, always_error=self.parquet))


def _schema(pa: Any, rows: list[dict[str, Any]], options: RecordOptions, *, always_error: bool) -> Any:
    """Types that do not change from batch to batch: all-null text columns are strings."""
    inferred = table_of(pa, rows).schema if rows else pa.schema([])
    removed = pa.list_(pa.struct([("text", pa.string()), ("rule", pa.string()), ("reason", pa.string())]))
    error = pa.struct([("kind", pa.string()), ("message", pa.string()), ("record", pa.int64())])
    fields = []
    for f in inferred:
        if f.name == "removed":
            f = f.with_type(removed)
        elif f.name == "error":
            f = f.with_type(error)
        elif pa.types.is_null(f.type):
            f = f.with_type(pa.string())
        fields.append(f)
    if always_error and "error" not in inferred.names:
        fields.append(pa.field("error", error))
    return pa.schema(fields)


def _tally_class(ray: Any) -> Any:
    @ray.remote(num_cpus=0)
    class Tally:
        """Counts records and failures across all actors, for the summary."""

        def __init__(self) -> None:
            self.records = self.failed = 0

        def add(self, records: int, failed: int) -> None:
            self.records += records
            self.failed += failed

        def get(self) -> tuple[int, int]:
            return self.records, self.failed

    return Tally


def run_ray(config: RunConfig, address: str | None = None) -> Summary:
    """Run `config` on Ray Data; the output is a directory of JSON Lines or Parquet files."""
    report = Reporter(False, [n for n in config.inputs if n != "-"])
    try:
        kind = _check(config)
        rule_texts = read_rules(config.rules)
        rules_from_texts(rule_texts)
        ray = _ray()
    except CleanerError as exc:
        report.problem(str(exc))
        return Summary(stopped=True)
    assert config.output is not None
    started = time.perf_counter()
    _init(ray, address, config.workers or default_workers())
    try:
        tally = _tally_class(ray).remote()
        paths = [str(Path(p).resolve()) for p in config.inputs]
        ds = ray.data.read_parquet(paths) if kind == "parquet" else ray.data.read_json(paths, lines=True)
        ds = ds.map_batches(
            RayCleaner,
            fn_constructor_kwargs={
                "options": config.options,
                "rule_texts": rule_texts,
                "tally": tally,
                "parquet": kind == "parquet",
                "site_config": config.site_config,
            },
            batch_format="pyarrow",
            batch_size=BATCH_ROWS,
            concurrency=_actors(ray, config.workers),
        )
        out = str(config.output.resolve())
        if kind == "parquet":
            ds.write_parquet(out)
        else:
            ds.write_json(out, force_ascii=False)
        records, failed = ray.get(tally.get.remote())
    except Exception as exc:  # Ray wraps every failure in its own exception types
        report.problem(f"the Ray run failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        return Summary(stopped=True)
    finally:
        if address is None:
            ray.shutdown()
    summary = Summary(records=records, failed=failed, size=sum(Path(p).stat().st_size for p in config.inputs))
    summary.seconds = time.perf_counter() - started
    report.summary(summary.line() + f" · written to {config.output}/")
    return summary


def _actors(ray: Any, workers: int | None) -> int:
    """Cleaning actors hold one CPU each; one CPU stays free for the read and write tasks,
    which would otherwise wait for ever behind the actors."""
    free = max(1, int(ray.cluster_resources().get("CPU", 1)) - 1)
    return min(workers, free) if workers else free


def _check(config: RunConfig) -> str:
    """The one input kind of the run (jsonl or parquet); Ray reads no WARC and no stdin."""
    if config.output is None:
        raise InputError("--executor ray writes a directory of files: give one with -o DIR")
    if config.errors is not None:
        raise InputError("--errors is not supported with --executor ray: failed records carry an `error` field")
    kinds = {config.force or record_kind(name) or "jsonl" for name in config.inputs}
    if "-" in config.inputs:
        raise InputError("--executor ray reads files, not standard input")
    if "warc" in kinds:
        raise InputError("--executor ray reads JSONL and Parquet; run WARC files on the local executor")
    if len(kinds) != 1:
        raise InputError("--executor ray needs inputs of one kind (all JSONL or all Parquet)")
    return kinds.pop()


_ray = partial(optional, "ray.data", "--executor ray needs Ray", "ray")


def _init(ray: Any, address: str | None, workers: int) -> None:
    """Join the cluster at `address`, shipping this cleaner to it; or start a local Ray."""
    import cleaner

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    if address is None:
        ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING, ignore_reinit_error=True)
    else:
        runtime_env = {"py_modules": [str(Path(cleaner.__file__).parent)]}
        ray.init(address=address, runtime_env=runtime_env, logging_level=logging.WARNING, ignore_reinit_error=True)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
