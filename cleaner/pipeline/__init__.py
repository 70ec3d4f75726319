"""Record streams through the cleaner: the record API, the worker pool, the runners.

records.py        clean_records / clean_batch: the Python API (dicts and columns)
run.py            files of records (JSONL, Parquet, WARC) through a process pool
pool.py           the ordered, bounded process pool
ray_executor.py   the same work on Ray Data
"""

from .records import METADATA, RecordCleaner, RecordOptions, clean_batch, clean_records
from .run import RunConfig, Summary, record_kind, run

__all__ = [
    "METADATA",
    "RecordCleaner",
    "RecordOptions",
    "RunConfig",
    "Summary",
    "clean_batch",
    "clean_records",
    "record_kind",
    "run",
]
