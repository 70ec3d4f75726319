"""cleaner: extract articles from web pages and strip the boilerplate around them.

The whole public API is here; the command line (`cleaner.cli`) is a thin layer over it.
"""

from typing import TYPE_CHECKING, Any

from .article import Article, Removal
from .clean import clean_blocks
from .document import Block, Document, Mark
from .documents import clean_document, clean_text
from .errors import CleanerError, ExtractionError, FetchError, InputError, RulesError, TimeLimitExceeded
from .extract import extract_html
from .fetch import FetchConfig, FetchResult
from .learn import Learner, Profile, learn_profile
from .pipeline import clean_batch, clean_records
from .rules import Rule, RuleSet
from .sites import SiteConfigs, load_site_configs

if TYPE_CHECKING:
    from .fetch.run import afetch, fetch
else:
    # Importing the subpackage above bound its name here; `cleaner.fetch` is the function,
    # loaded with httpx, asyncio and feedparser at its first use (`__getattr__` below): most
    # runs only clean.
    del fetch

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("fetch", "afetch"):
        from .fetch import run

        globals()[name] = value = getattr(run, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "Block",
    "CleanerError",
    "Document",
    "ExtractionError",
    "FetchConfig",
    "FetchError",
    "FetchResult",
    "InputError",
    "Learner",
    "Mark",
    "Profile",
    "Removal",
    "Rule",
    "RuleSet",
    "RulesError",
    "SiteConfigs",
    "TimeLimitExceeded",
    "__version__",
    "afetch",
    "clean_batch",
    "clean_blocks",
    "clean_document",
    "clean_records",
    "clean_text",
    "extract_html",
    "fetch",
    "learn_profile",
    "load_site_configs",
]
