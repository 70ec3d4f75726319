"""Learning: profiles of each site's repeated lines, learned from a corpus.

learner.py      the streaming pass: lines counted per site, rules at the end
_keys.py        what a line is counted as (folded key, template) and the patterns written
_counter.py     bounded counting: a counter that evicts its rarest entries, a count-min sketch
corpus.py       the inputs: record files, directories of text files, a fetch cache
profile.py      the learned profile and its TOML form (the rules-file format, per site)
run.py          learn_profile: corpus in, profile out
report.py       the tables `cleaner learn --explain` prints

Site pattern files, written by hand rather than learned, are `cleaner.sites`.
"""

from .corpus import Corpus, Document, Fields
from .learner import Learner
from .profile import LearnedRule, Profile, SiteProfile
from .run import LearnStats, learn_profile

__all__ = [
    "Corpus",
    "Document",
    "Fields",
    "LearnStats",
    "LearnedRule",
    "Learner",
    "Profile",
    "SiteProfile",
    "learn_profile",
]
