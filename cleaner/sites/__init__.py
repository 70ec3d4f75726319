"""Site pattern files (Full-Text RSS format): rules written by hand for one site, applied to its
pages before the generic extractor. Not learned: `cleaner.learn` learns profiles from corpora.

config.py   reading and checking a directory of files (``example.com.txt``, ``.example.com.txt``)
apply.py    applying one to a page, before the generic extractor (extract_html calls it)
check.py    `cleaner site-config test`: do the files still fit their test pages?
report.py   the table `cleaner site-config test` prints

Extraction imports this package, and check.py imports extraction and fetching: so check.py's
names are not re-exported here (import them from `cleaner.sites.check`).
"""

from .apply import Match, SitePage, apply_site_config, body_failed, parse_page, site_page
from .config import (
    Directive,
    SiteConfig,
    SiteConfigs,
    SiteTest,
    load_site_configs,
    parse_site_config,
    resolve_site_configs,
)

__all__ = [
    "Directive",
    "Match",
    "SiteConfig",
    "SiteConfigs",
    "SitePage",
    "SiteTest",
    "apply_site_config",
    "body_failed",
    "load_site_configs",
    "parse_page",
    "parse_site_config",
    "resolve_site_configs",
    "site_page",
]
