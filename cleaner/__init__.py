"""cleaner: extract articles from web pages and strip the boilerplate around them.

The whole public API is here; the command line (`cleaner.cli`) is a thin layer over it.
"""

from .article import Article, Removal
from .clean import clean_blocks
from .document import Block, Document, Mark
from .documents import clean_document, clean_text
from .errors import CleanerError, ExtractionError, FetchError, InputError, RulesError, TimeLimitExceeded
from .extract import extract_html
from .fetch import FetchConfig, FetchResult, afetch, fetch
from .learn import Learner, Profile, learn_profile
from .pipeline import clean_batch, clean_records
from .rules import Rule, RuleSet
from .sites import SiteConfigs, load_site_configs

__version__ = "0.1.0"

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
