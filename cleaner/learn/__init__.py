"""Site knowledge: profiles learned from a corpus, and site pattern files.

learner.py      the streaming pass: lines counted per site, rules at the end
_keys.py        what a line is counted as (folded key, template) and the patterns written
_counter.py     bounded counting: a counter that evicts its rarest entries, a count-min sketch
corpus.py       the inputs: record files, directories of text files, a fetch cache
profile.py      the learned profile and its TOML form (the rules-file format, per site)
run.py          learn_profile: corpus in, profile out
report.py       the tables `cleaner learn --explain` and `cleaner site-config test` print
siteconfig.py   site pattern files (Full-Text RSS format): reading and checking a directory
siteapply.py    applying one to a page, before the generic extractor (extract_html calls it)
sitetest.py     `cleaner site-config test`: do the files still fit their test pages?

Extraction imports the site pattern files' modules from here, so nothing in this package
imports `cleaner.extract` at module level.
"""

from .corpus import Corpus, Document, Fields
from .learner import Learner
from .profile import LearnedRule, Profile, SiteProfile
from .run import LearnStats, learn_profile
from .siteconfig import SiteConfig, SiteConfigs, load_site_configs

__all__ = [
    "Corpus",
    "Document",
    "Fields",
    "LearnStats",
    "LearnedRule",
    "Learner",
    "Profile",
    "SiteConfig",
    "SiteConfigs",
    "SiteProfile",
    "learn_profile",
    "load_site_configs",
]
