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

# --- rules ---------------------------------------------------------------------------------------
#: A phrase rule without its own `max_words` leaves lines longer than this alone: boilerplate
#: lines are short, and the limit lets the matcher skip long paragraphs without a regex call.
RULE_MAX_WORDS = 200
#: Lines longer than this many characters are never boilerplate; no rule looks at them.
RULE_MAX_CHARS = 4000

# --- title -----------------------------------------------------------------------------------
#: A first line shorter than this is a label ("The Go Blog"), not a title, unless repeated.
TITLE_MIN_WORDS = 4
#: A first line longer than this many words is not taken for the title.
TITLE_MAX_WORDS = 25
#: A line longer than this many characters is never a repeat of the title.
TITLE_MAX_CHARS = 400
#: How many lines from the top a repeated title is looked for.
TITLE_SEARCH_LINES = 80

# --- positions ---------------------------------------------------------------------------------
#: Rules with ``where = "edge"`` reach this many lines at each end of the text.
EDGE_LINES = 3

# --- repeated lines ----------------------------------------------------------------------------
#: Lines shorter than this many words may repeat in a text for good reason (labels, list items).
REPEAT_MIN_WORDS = 12
#: ... nor lines where more than this share of the words are numbers (plans, specs, tables).
REPEAT_MAX_NUMBER_SHARE = 0.2

# --- headlines in capitals ----------------------------------------------------------------------
#: A line in capitals this many words long or more is another story's headline.
SHOUT_MIN_WORDS = 7

# --- headline shape --------------------------------------------------------------------------
#: Headlines of other stories are at most this many words long.
HEADLINE_MAX_WORDS = 20
#: ... and at least this many words with letters: "Inquiry", "VIP : 60,000₩" or a phone number
#: after the article are page tail, not another story's headline.
HEADLINE_MIN_WORDS = 2

# --- line shapes -------------------------------------------------------------------------------
#: Hard-wrapped text breaks lines at 60 to 80 characters: a line this long that stops without
#: punctuation goes on in the next; a shorter one only when the next is more than one word.
WRAP_MIN_CHARS = 50
#: Lines of code are short; longer lines are never taken for code.
CODE_MAX_CHARS = 400

# --- input -----------------------------------------------------------------------------------
#: Text longer than this is cut into lines of at most this many characters before cleaning,
#: so that one enormous line cannot make the regex work quadratic.
MAX_LINE_CHARS = 100_000

# --- body region (continued) -----------------------------------------------------------------
#: A text whose best run weighs less than this has no clear body: only phrase rules apply.
MIN_BODY_WEIGHT = 12.0
#: ... or whose best run holds less than this share of all its sentence weight.
MIN_BODY_SHARE = 0.3
#: Menus and footers are only cut away around a body of at least this many sentences: around a
#: single one (a listing's blurb, a product's tagline) the "furniture" is the page's content.
MIN_BODY_SENTENCES = 2
#: A head or tail of at least this many lines is page furniture (menus, footers, link lists);
#: a shorter one is furniture only after a boilerplate line.
FURNITURE_MIN_LINES = 10
#: ... and at least this share of its lines must be short non-sentences or rule hits.
FURNITURE_MIN_SHARE = 0.6

# --- full page or extracted text ---------------------------------------------------------------
#: Furniture (long heads and tails of menus and links) is only removed from a whole page's
#: text; an extractor's output keeps what lies outside the best run unless a rule hit leads
#: into it. A text is a whole page when this many lines are page interface.
PAGE_SIGNAL_RULES = ("page-chrome", "comments")
PAGE_MIN_SIGNALS = 2
#: ... or when this many different kinds of boilerplate (rule names) show through: an
#: extractor leaves one or two kinds behind, a whole page its cookie line, share buttons,
#: newsletter box and menus. Chosen on WCXB site folds 0-2 of bench/wholepage.py and checked
#: on folds 3-4; 4 rather than 3 because 3 lost must-have snippets of extractor output
#: (bench/clean_quality.py), which 4 leaves unchanged.
PAGE_MIN_KINDS = 4

# --- fetch -------------------------------------------------------------------------------------
#: Requests in flight over all hosts; also bounds the page bodies held in memory at once.
FETCH_CONCURRENCY = 16
#: Requests in flight to one host at a time: two is what browsers' politeness guides allow.
FETCH_PER_HOST = 2
#: Seconds between the starts of two requests to one host (robots.txt crawl-delay may raise it).
FETCH_DELAY = 0.5
#: Seconds one attempt may take, connect to last byte.
FETCH_TIMEOUT = 30.0
#: Attempts after the first on connection errors, timeouts, 408, 429 and 5xx answers.
FETCH_RETRIES = 3
#: Exponential backoff: attempt n waits about FETCH_BACKOFF * 2**n seconds, half of it jitter,
#: so that many clients retrying at once spread out.
FETCH_BACKOFF = 0.5
#: ... but never more than this.
FETCH_BACKOFF_MAX = 30.0
#: A Retry-After longer than this is not waited for: the URL fails with its HTTP status.
FETCH_MAX_RETRY_AFTER = 120.0
#: Statuses worth another attempt: the server is busy or failing, not refusing the URL.
FETCH_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Bodies larger than this are cut off and reported (decompressed size, so gzip bombs stop too).
FETCH_MAX_BYTES = 10_000_000
#: Origins whose connection pools stay open; beyond, the least recently used idle pool is closed.
FETCH_OPEN_ORIGINS = 256
#: Redirects followed for one URL, as browsers do (Chrome and Firefox stop at 20, curl at 50).
FETCH_MAX_REDIRECTS = 10
#: A robots.txt crawl-delay above this is capped: an hour between pages would never finish.
FETCH_MAX_CRAWL_DELAY = 30.0
#: Google reads only the first 500 KiB of a robots.txt; so do we.
ROBOTS_MAX_BYTES = 500 * 1024
#: URLs admitted ahead of the oldest unfinished one. Keeps results in input order with bounded
#: memory: only finished articles (a few KB each) wait in this window, never raw pages.
FETCH_WINDOW = 1000
#: Pages queued per extraction worker: enough to keep each busy, few enough to keep memory flat.
FETCH_QUEUE_PER_WORKER = 2
#: The sitemaps protocol allows 50 MB (uncompressed) per sitemap file.
SITEMAP_MAX_BYTES = 50_000_000
#: Sitemap indexes nested deeper than this are not followed (the protocol allows one level).
SITEMAP_MAX_DEPTH = 3

# --- pipelines (cleaner.pipeline: JSONL, Parquet, WARC) -------------------------------------------
#: A record (one JSONL line) larger than this is reported in its place and skipped unread, so one
#: enormous record can neither exhaust memory nor stall a worker for minutes.
MAX_RECORD_BYTES = 32_000_000
#: Seconds one record (a JSONL line, a Parquet row, a WARC page) or one fetched page's extraction
#: may take (``--record-timeout``; 0: no limit). A corpus of millions of pages holds degenerate
#: ones that take minutes; ten seconds is a hundred times a normal page and keeps one such page
#: from holding a worker for the whole run.
RECORD_TIMEOUT = 10.0
#: A worker still on the same record this many seconds after its limit is stuck where the limit
#: cannot reach (inside one call into C: a regex, a parser) and is killed and replaced.
RECORD_TIMEOUT_GRACE = 1.0
#: After a record's limit is up, code that swallowed the interrupt is interrupted again this often.
RECORD_TIMEOUT_REPEAT = 0.05
#: Records go to the worker processes in chunks of at most this many records ...
CHUNK_RECORDS = 256
#: ... and at most this many bytes: small enough that a chunk of long pages stays small, large
#: enough that the cost of sending a chunk is nothing next to cleaning it.
CHUNK_BYTES = 1_000_000
#: At most this many chunks per worker are in flight (sent, not yet written): enough to keep
#: every worker busy while the main process reads and writes, few enough that memory does not
#: grow with the input.
CHUNKS_IN_FLIGHT_PER_WORKER = 4
#: Of those, at most this many are sent to one worker at once: the one it cleans and the next,
#: waiting in the pipe for when it is done (sent one at a time, a worker waited for the parent
#: between chunks: 4% of its time, measured with 1 MB chunks). The next is sent ahead only when
#: it fits in the pipe's buffer, which the pool asks to be this large.
CHUNKS_QUEUED_PER_WORKER = 2
PIPE_BUFFER_BYTES = 4_000_000
#: Parquet is read and written in batches of this many rows.
PARQUET_BATCH_ROWS = 1_000

# =============================================================================================
# --- HTML extraction (cleaner/extract/) ------------------------------------------------------
# Structural patterns (tags, class/id keywords, selectors, page-type signals and profiles) are
# data: cleaner/extract/patterns/*.toml. The numbers that weigh them are here.
# =============================================================================================
#: Pages larger than this many characters lose their inline scripts and styles before parsing,
#: then are cut to this size (the rest is rarely content and a parser's time grows with it).
EXTRACT_MAX_CHARS = 8_000_000
#: Elements nested deeper than this (by a naive count of open tags before parsing) lose their
#: tags, not their text: the parser's time grows with depth times elements (100,000 nested
#: elements took 25 s to parse), and no page a person reads nests this deep.
HTML_MAX_NESTING = 512
#: The block walk reads elements nested deeper than this as the text of their ancestor.
HTML_MAX_DEPTH = 400
#: An element with more inline parts than this (links, spans, text) is read as its text in one
#: call, without inline marks: the walk's cost per part is Python's, the text call's is C's.
HTML_MAX_INLINE_CHILDREN = 5_000
#: A table with a cell that holds block elements (paragraphs, lists, headings) and at least this
#: many characters is page layout: its cells are read as the blocks they hold, not as data.
LAYOUT_TABLE_CELL_CHARS = 200
#: trafilatura collapses the whitespace of a <pre> it takes for a quote; the best engine puts back
#: the page's own <pre> (matched by its words) for at most this many of them.
MAX_RESTORED_CODE = 500
#: A boilerplate-looking element (by class/id/role) is kept when it holds at least this share of
#: the page's text: a wrapper named "has-sidebar" or "menu-page" is the page, not a widget.
BOILERPLATE_MAX_SHARE = 0.4
#: ... and one whose name also says content ("content-sidebar-wrap") when it holds this share.
PROTECTED_MIN_SHARE = 0.1
#: Page chrome (nav, header, footer, aside, form) is kept when it holds this share of the text.
CHROME_MAX_SHARE = 0.5
#: A block with fewer characters than this and no sentence end is a label, not prose.
MIN_PROSE_CHARS = 40
#: ... and a label's characters count this much against its container.
LABEL_PENALTY = 0.5
#: How much link text counts against a container, per character (page types may lower it).
LINK_PENALTY = 1.0
#: A stated container (<article>, <main>, itemprop=articleBody, ...) inside the best-scoring one is
#: taken instead when it holds at least this share of that one's prose ...
SEMANTIC_SHARE = 0.7
#: ... and one around it is taken when it scores at least this share of the best score.
SEMANTIC_WIDEN = 0.85
#: How many ancestors a block's text is counted towards (deeper wrappers are not containers).
MAX_ANCESTORS = 40
#: Inside the container, a list or group whose text is at least this share links is navigation.
LINK_DENSITY_MAX = 0.55
#: ... unless its links average at least this many words (a list of article teasers or cards),
CARD_LINK_WORDS = 6
#: ... or it holds more than this share of the container's text (then the links are the content).
LINK_GROUP_MAX_SHARE = 0.3
#: Repeated siblings: this many children of one parent with the same tag and class are posts or cards.
MIN_CARDS = 4
#: A page is a listing (absent stated types) when its cards are at least this many ...
LISTING_MIN_CARDS = 6
#: ... hold at least this share of the page's text ...
LISTING_MIN_SHARE = 0.4
#: ... and average at most this many characters each (longer ones are posts or sections).
LISTING_MAX_CARD_CHARS = 400
#: Where content spreads, cards holding this many times the container's text widen it ...
CARDS_OVER_PROSE = 1.0
#: ... to the element around both when it holds at most this many times their text.
COMMON_SLACK = 1.5
#: A page with at least this many code blocks (pre/code) is documentation, absent stronger signals.
DOC_MIN_CODE_BLOCKS = 2
#: A page that states no date gets the first written date this many characters after its headline.
DATE_SEARCH_CHARS = 1500
#: A page whose JSON-LD states a description longer than this, absent from the text, gets it appended
#: (product pages often state their description only there).
JSONLD_DESCRIPTION_MIN_CHARS = 80
#: The best engine asks trafilatura for a second opinion on pages of these types (on news pages its
#: cut is tighter than the block scorer's; on listings, products and service pages it is worse) ...
SECOND_OPINION_TYPES = ("article",)
#: ... that state a date (in the URL, JSON-LD, meta tags, a <time>, or written under the headline).
#: An "article" without one is less often news: on WCXB dev 44% of those pages are service pages,
#: listings, documentation or collections, and trafilatura's news cut lost words on them and on
#: the undated articles alike. Measured with bench/second_opinion.py: WCXB best F1 +0.004 and
#: ScrapingHub +0.0004, at least +0.000 on each of the 5 site folds of both sets, and 23% fewer
#: trafilatura calls on WCXB's asked pages (2 of 120 on ScrapingHub, news pages that nearly all
#: state a date). A rule without a threshold: confidence thresholds tried beside it did not hold
#: on held-out folds (ScrapingHub F1 -0.007 under cross-validation). Its cost: an undated article's
#: confidence no longer has trafilatura's agreement in it (Spearman with F1 on WCXB 0.647 -> 0.632).
SECOND_OPINION_NEEDS_DATE = True
#: ... and takes its text when at least this share of its words are also in the block scorer's ...
SECOND_OPINION_CONTAINED = 0.8
#: ... and it has at least this share of as many words (else it missed the content).
SECOND_OPINION_MIN_SHARE = 0.3
#: trafilatura reads the page as the pre-pass left it (chrome and boilerplate gone: smaller, so
#: faster) rather than the original page.
SECOND_OPINION_PRUNED = True
#: ... and without its own fallback extractors (readability, jusText): the block scorer is ours.
SECOND_OPINION_FAST = True

# =============================================================================================
# --- learning (cleaner/learn/): profiles learned from a corpus ------------------------------
# =============================================================================================
#: A line becomes a site rule when it is on at least this many of the site's documents ...
LEARN_MIN_DOCS = 3
#: ... and on at least this share of them (a site's template is on most of its pages).
LEARN_MIN_SHARE = 0.2
#: A body-like line (a sentence of at least LEARN_BODY_WORDS words) needs this share: a quote or a
#: paragraph a few articles of a large site share is content, a sign-off on half its pages is not.
LEARN_BODY_SHARE = 0.5
LEARN_BODY_WORDS = 12
#: A line seen inside the body this share of the time or more belongs to the site's articles (a
#: recurring subheading, "Key points", a quote), not to its template ...
LEARN_INSIDE_SHARE = 0.5
#: ... where inside means at least this share of the text's sentence words stand on either side
#: of it (a tail of one or two boilerplate sentences after a line does not put it inside).
LEARN_INSIDE_MASS = 0.2
#: A sentence, for telling where a line stands: closed by punctuation and at least this many words.
LEARN_SENTENCE_WORDS = 8
#: Lines longer than this many characters are never counted (paragraphs cost nothing then).
LEARN_MAX_CHARS = 300
#: Only lines of at most this many words get a template ("Written by *"): names vary in bylines,
#: credits and datelines, which are short.
LEARN_TEMPLATE_MAX_WORDS = 12
#: A headline of the site's own articles is learned as cross-promotion once it is seen in this
#: many other articles, below their first sentence (in their tail, or in a box beside the text).
LEARN_PROMO_MIN_DOCS = 1
#: Memory bounds: distinct lines counted per site, and over all sites; past them the rarest
#: entries are evicted (those seen on the fewest documents), halving the counter.
LEARN_SITE_KEYS = 200_000
LEARN_TOTAL_KEYS = 3_000_000
#: Headlines remembered per site (for cross-promotion); later ones are not.
LEARN_SITE_HEADLINES = 20_000
#: At most this many rules per site, the most frequent first.
LEARN_MAX_RULES = 1_000

# =============================================================================================
# --- Markdown reader (cleaner/readers/markdown.py) -------------------------------------------
# =============================================================================================
#: markdown-it's nesting limit (block quotes, lists and inline markup each count a level; a list
#: item is two). Past it markdown-it drops the rest of the container; the reader keeps those
#: lines as one plain paragraph and notes it. 20 is CommonMark's preset, deep enough for any
#: page a person wrote, shallow enough that the parser's recursion stays small.
MARKDOWN_MAX_NESTING = 20
#: Inline parsing (links, emphasis) costs markdown-it up to ~15 µs a character on hostile
#: input (runs of ``[`` or ``![``). Each inline run costs its length plus this much per markup
#: character ...
MARKDOWN_INLINE_MARKUP_COST = 15
#: ... and a document gets this much cost in all (about 1.5 MB of ordinary prose); a run that
#: does not fit in what is left is read as plain text (escapes and entities resolved, no
#: links or emphasis) and the document notes it.
MARKDOWN_INLINE_BUDGET = 1_500_000
#: Front matter must close within this many lines of the top (else the ``---`` is a rule) ...
FRONT_MATTER_MAX_LINES = 500
#: ... and within this many characters (a YAML parser on a huge block is slow).
FRONT_MATTER_MAX_CHARS = 100_000
#: markdown-it's table rule costs ~40 µs a row; a table's rows past this many are split into
#: cells by the reader itself (plain text, no inline markup) and the document notes it.
MARKDOWN_MAX_TABLE_ROWS = 2_000
#: A Markdown paragraph of more lines than this is judged whole, never line by line (each line
#: would be read again alone: a paragraph of a thousand lines is no prose).
MARKDOWN_MAX_SPLIT_LINES = 200

# --- text or a binary file (cleaner/readers/sniff.py: looks_binary) ----------------------------
#: An input whose first bytes are this share NUL is a binary file (UTF-16 without a byte-order
#: mark too); fewer are stray NULs between a scraped text's words, dropped by the readers.
BINARY_NUL_SHARE = 0.3
#: ... or this share other control bytes (compressed or encoded data).
BINARY_CONTROL_SHARE = 0.05

# --- Markdown or plain text (cleaner/readers/sniff.py) ------------------------------------------
#: Text is sniffed on its first this many lines and characters (front matter at the top decides
#: alone, whatever follows).
SNIFF_MAX_LINES = 200
SNIFF_MAX_CHARS = 100_000
#: It is Markdown when its signals score at least this much ...
SNIFF_MIN_SCORE = 4
#: ... from at least this many kinds of signal (one kind repeated, say "- " lines, is what
#: plain-text extractors write too), unless one strong signal (a fence pair, a
#: table delimiter row) is among them.
SNIFF_MIN_KINDS = 2
#: One kind of signal counts at most this much (three headings say as much as thirty).
SNIFF_MAX_PER_KIND = 3
#: Inline links ``[text](address)`` are what plain text never has: this many of them alone
#: make a text Markdown (a short post with two links and nothing else to show).
SNIFF_MIN_LINKS = 2
#: Plain-text extractors write one paragraph a line, without blank lines: as Markdown those lines
#: would join into one paragraph. Two non-blank lines in a row both longer than this many
#: characters (and neither a list item, heading nor table row) are such a pair ...
SNIFF_LONG_LINE = 120
#: ... and text with this many such pairs is plain text, whatever else it holds.
SNIFF_MAX_JOINED_PAIRS = 2

#: What decides HTML blocks that no rule names: ``rules`` (the region finder and rules alone)
#: or ``model`` (also the learned block scorer, cleaner/data/block_scorer.npz, trained by
#: ``bench/train.py --candidates wide``). With ``model`` the fast engine reads the whole pruned
#: page, not only its container, and the model decides with the container and the link groups
#: as features; cross-validated by site that gains +0.0125 F1 on WCXB (most on listings
#: and collections) and +0.003 on ScrapingHub, for about 1.7x the CPU per page.
BLOCK_SCORER = "rules"
