"""Every default and threshold of `cleaner`, in one place, each with why it has its value.

The body-region finder gives each line a weight: sentence-like lines count for their words,
short lines that are not sentences (menus, headlines, labels) count against, and lines a rule
matched count strongly against. The body is the contiguous run of lines with the largest total.
"""

from __future__ import annotations

# --- body region -----------------------------------------------------------------------------
#: A short line without closing punctuation (menu item, headline, label) weighs this much against.
SHORT_LINE_PENALTY = 4.0
#: Below this many words a line without closing punctuation counts as short.
LONG_LINE_WORDS = 20
#: A long line without closing punctuation weighs this share of its words (lists, cut paragraphs).
LONG_UNPUNCTUATED_WEIGHT = 0.5
#: A sentence-like line shorter than this many words weighs nothing either way ("Yes.", "Reply.").
MIN_SENTENCE_WORDS = 3
#: A line a phrase rule matched weighs this much against, plus its words.
RULE_HIT_PENALTY = 10.0
#: An end marker ("Source link", "Written by …") weighs this much against: body rarely follows.
END_MARKER_PENALTY = 40.0
#: A barrier (the start of a comment section) weighs more than any article: the body never spans it.
BARRIER_PENALTY = 1e9
#: A barrier ends the text when at least this much sentence weight stands before it (so a
#: "Comments" item in the header menu does not).
BODY_BEFORE_BARRIER = 50.0

# --- title -----------------------------------------------------------------------------------
#: A first line longer than this many words is not taken for the title.
TITLE_MAX_WORDS = 25
#: How many lines from the top a repeated title is looked for.
TITLE_SEARCH_LINES = 80

# --- positions ---------------------------------------------------------------------------------
#: Rules with ``where = "edge"`` reach this many lines at each end of the text.
EDGE_LINES = 3

# --- repeated lines ----------------------------------------------------------------------------
#: Lines shorter than this many words may repeat in a text for good reason (labels, list items).
REPEAT_MIN_WORDS = 8

# --- headline shape --------------------------------------------------------------------------
#: Headlines of other stories are at most this many words long.
HEADLINE_MAX_WORDS = 20

# --- input -----------------------------------------------------------------------------------
#: Text longer than this is cut into lines of at most this many characters before cleaning,
#: so that one enormous line cannot make the regex work quadratic.
MAX_LINE_CHARS = 100_000

# --- body region (continued) -----------------------------------------------------------------
#: A text whose best run weighs less than this has no clear body: only phrase rules apply.
MIN_BODY_WEIGHT = 12.0
#: A head or tail of at least this many lines is page furniture (menus, footers, link lists);
#: a shorter one is furniture only after a boilerplate line.
FURNITURE_MIN_LINES = 10
#: ... and at least this share of its lines must be short non-sentences or rule hits.
FURNITURE_MIN_SHARE = 0.6

# --- full page or extracted text ---------------------------------------------------------------
#: Furniture (long heads and tails of menus and links) is only removed from a whole page's
#: text; an extractor's output keeps what lies outside the best run unless a rule hit leads
#: into it. A text is a whole page when this many lines are page interface ...
PAGE_SIGNAL_RULES = ("page-chrome", "comments")
PAGE_MIN_SIGNALS = 2
#: ... or when it has this many lines of one or two words that are not sentences,
PAGE_MIN_TINY_LINES = 30
#: making up at least this share of its lines.
PAGE_MIN_TINY_SHARE = 0.3

# --- pipelines (cleaner.pipeline: JSONL, Parquet, WARC) -------------------------------------------
#: A record (one JSONL line) larger than this is reported in its place and skipped unread, so one
#: enormous record can neither exhaust memory nor stall a worker for minutes.
MAX_RECORD_BYTES = 32_000_000
#: Records go to the worker processes in chunks of at most this many records ...
CHUNK_RECORDS = 256
#: ... and at most this many bytes: small enough that a chunk of long pages stays small, large
#: enough that the cost of sending a chunk is nothing next to cleaning it.
CHUNK_BYTES = 1_000_000
#: At most this many chunks per worker are in flight (sent, not yet written): enough to keep
#: every worker busy while the main process reads and writes, few enough that memory does not
#: grow with the input.
CHUNKS_IN_FLIGHT_PER_WORKER = 3
#: Parquet is read and written in batches of this many rows.
PARQUET_BATCH_ROWS = 1_000
