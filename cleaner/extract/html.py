"""`extract_html`: HTML → Article, by the pre-pass and one of two engines, then the text cleaner.

html ─ decode ─ [site pattern file: strip, title/author/date, body (cleaner.sites.apply)]
     ─ pre-pass (parse, drop chrome, metadata, page type, container)
                  ├─ fast: block scorer on the container (selectolax only)
                  └─ best: the same, and on dated articles trafilatura's cut of the pruned page
     ─ blocks (_blocks.node_blocks) ─ Document ─ clean_blocks (the cleaner's rules)
     ─ Article (+ metadata, page_type, confidence)
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from .. import settings
from .._timelimit import within
from ..article import Article
from ..clean.engine import RulesArg, clean_blocks, resolve_scorer
from ..document import Block, Document, copy_block, join_texts, plain_text, with_heading_paths
from ..errors import ExtractionError
from ..readers.sniff import looks_binary
from ..readers.text import wrapped_groups
from ..sites.apply import SitePage, body_failed, site_page
from ..sites.config import SiteConfigs, resolve_site_configs
from ._blocks import node_blocks
from ._decode import decode_html
from ._rules import rules_for
from .best import trafilatura_blocks
from .confidence import blend, compare, confidence
from .fast import fast_blocks, wide_blocks
from .metadata import Metadata, iso_date
from .prepass import Prepass, run_prepass

#: What `site_config=` takes: loaded site pattern files, or their directory.
SiteConfigArg = SiteConfigs | str | Path | None

ENGINES = ("best", "fast")


def extract_html(
    html: str | bytes,
    url: str | None = None,
    *,
    engine: str = "best",
    rules: RulesArg = None,
    site_config: SiteConfigArg = None,
    timeout: float | None = None,
    scorer: str | None = None,
) -> Article:
    """Extract the main content and metadata of an HTML page and clean it.

    `engine` is ``best`` (pre-pass + trafilatura + the cleaner's rules, the default) or ``fast``
    (pre-pass + a block scorer, selectolax only); both return the same kind of Article, with
    `page_type` and `confidence` set. `site_config`, a directory of site pattern files (or
    `SiteConfigs`), applies the file for the page's site first. Raises ExtractionError for
    input that is not a web page. `timeout`: seconds the call may take (None or 0: no
    limit), else `TimeLimitExceeded` (see `clean_document` for how the limit interrupts).
    `scorer`: ``rules`` or ``model`` (default `settings.BLOCK_SCORER`); with ``model`` the
    `fast` part reads the whole pruned page and the learned block scorer decides its blocks.
    """
    if timeout:
        return within(
            timeout,
            extract_html,
            html,
            url,
            engine=engine,
            rules=rules,
            site_config=site_config,
            scorer=scorer,
            what="extracting the page",
        )
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    scorer = resolve_scorer(scorer)
    if isinstance(html, bytes):
        if looks_binary(html[:8192]):
            raise ExtractionError("looks like a binary file, not HTML", source=url)
        html = decode_html(html)
    if not html.strip():
        return Article(url=url, confidence=0.0)
    configs = resolve_site_configs(site_config)
    page = site_page(configs, html, url) if configs else None
    if page is not None:
        if body_failed(page):
            raise ExtractionError(f"no body XPath of {page.config.path} matched", source=url)
        html = page.html
    try:
        pre = run_prepass(html, url)
    except (RecursionError, MemoryError) as exc:
        raise ExtractionError(f"page too complex to parse ({type(exc).__name__})", source=url) from None
    if page is not None:
        _stated_by_site(pre, page)
        if page.body is not None and not page.prune:
            return _article(_add_stated(_as_they_are(page.body), pre), pre, rules, scorer)
    ask = engine == "best" and pre.page_type in settings.SECOND_OPINION_TYPES
    if ask and settings.SECOND_OPINION_NEEDS_DATE and pre.metadata.date is None:
        ask = False  # an undated "article" is less often news, where trafilatura's cut is at home
    pruned = (pre.tree.html or "") if ask and settings.SECOND_OPINION_PRUNED else html
    blocks: list[Block] = []
    if pre.container is not None and pre.tree.body is not None and scorer == "model":
        # The learned block scorer decides on the whole page's blocks, the container and the
        # link groups being its features (trained so: bench/train.py --candidates wide).
        blocks = wide_blocks(pre.tree.body, pre.container, pre.profile, pre.notes)
    elif pre.container is not None:
        blocks = fast_blocks(pre.container, pre.profile, pre.notes)
    article = _article(_add_stated(blocks, pre), pre, rules, scorer)
    if ask:
        article = _second_opinion(article, pruned, url, pre, rules)
    return article


def _stated_by_site(pre: Prepass, page: SitePage) -> None:
    """What the site's file found beats what the page's metadata says."""
    md = pre.metadata
    md.title = page.title or md.title
    md.author = page.author or md.author
    md.date = (iso_date(page.date) or page.date) if page.date else md.date


def _as_they_are(body: str) -> list[Block]:
    """The blocks of a site file's body elements (``prune: no``): nothing dropped."""
    node = LexborHTMLParser(body).body
    return node_blocks(node) if node is not None else []


def _second_opinion(article: Article, html: str, url: str | None, pre: Prepass, rules: RulesArg) -> Article:
    """Ask trafilatura too; take its text when it is mostly words the block scorer also found
    (the same content, more tightly cut) and not much shorter."""
    try:
        other = trafilatura_blocks(html, url, pre.profile, pre.tree.body)
    except ExtractionError:
        raise
    except Exception:  # trafilatura fails on some broken markup: the block scorer's text stands
        return article
    if not other:
        return article
    # The learned block scorer was trained on the fast engine's blocks (with class names):
    # trafilatura's cut is judged by the rules alone.
    alternative = _article(_add_stated(other, pre), pre, rules, scorer="rules")
    agree, contained = compare(article.text, alternative.text)
    ours, theirs = len(article.text.split()), len(alternative.text.split())
    same = contained >= settings.SECOND_OPINION_CONTAINED
    chosen = alternative if same and theirs >= settings.SECOND_OPINION_MIN_SHARE * ours else article
    chosen.confidence = blend(chosen.confidence or 0.0, agree)
    return chosen


def _add_stated(blocks: list[Block], pre: Prepass) -> list[Block]:
    """Add what the page states only in JSON-LD: a product's description, an article body."""
    md = pre.metadata
    words = sum(len(b.text.split()) for b in blocks if b.kind != "image")
    if words < 50:
        bodies = [str(o["articleBody"]) for o in md.jsonld if isinstance(o.get("articleBody"), str)]
        if bodies and len(bodies[0].split()) > words:
            return [_stated(p) for p in bodies[0].splitlines() if p.strip()]
    desc = md.description
    if pre.page_type == "product" and desc and len(desc) >= settings.JSONLD_DESCRIPTION_MIN_CHARS:
        text = " ".join(b.text for b in blocks if b.kind != "image").lower()
        if desc[:60].lower() not in text:
            return [*blocks, _stated(desc)]
    return blocks


def _stated(text: str) -> Block:
    return Block("paragraph", " ".join(text.split()), origin="jsonld")


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    """Paragraphs that a ``<br>`` broke mid-sentence, one again: a piece that stops without
    closing punctuation, followed by one that starts in lower case, is the same sentence (the
    rule plain text's hard-wrapped lines follow). Judged apart, the second half of a sentence
    looks like a menu item."""
    out: list[Block] = []
    run: list[Block] = []

    def flush() -> None:
        if len(run) < 2:
            out.extend(run)
        else:
            for group in wrapped_groups([b.text for b in run]):
                first = run[group[0]]
                if len(group) == 1:
                    out.append(first)
                else:
                    out.append(_joined([run[i] for i in group]))
        run.clear()

    for block in blocks:
        if block.kind == "paragraph" and (not run or run[-1].quote == block.quote):
            run.append(block)
        else:
            flush()
            if block.kind == "paragraph":
                run.append(block)
            else:
                out.append(block)
    flush()
    return out


def _joined(parts: list[Block]) -> Block:
    """One paragraph of `parts`, their texts joined by a space and their marks moved along."""
    text, marks = join_texts((p.text, p.marks) for p in parts)
    return copy_block(parts[0], text=text, marks=marks)


def _article(blocks: list[Block], pre: Prepass, rules: RulesArg, scorer: str | None = None) -> Article:
    md: Metadata = pre.metadata
    title = md.title
    ruleset = rules_for(rules, positional=pre.profile.positional_rules).for_url(md.url)
    doc = Document(with_heading_paths(_join_wrapped(blocks)), format="html", notes=pre.notes)
    article = clean_blocks(doc, rules=ruleset, title=title, scorer=scorer)
    if pre.profile.keep_title and md.h1 and not article.text.startswith(md.h1):
        _lead_with(article, Block("heading", md.h1, level=1, origin="metadata"))
    article.title = title or article.title
    article.author = md.author or article.author
    article.date = md.date
    article.url = md.url
    article.sitename = md.sitename
    article.language = md.language or article.language
    article.page_type = pre.page_type
    if article.confidence is not None:  # the learned scorer's, which ranks pages better
        return article
    words = len(article.text.split())
    kept = sum(1 for b in article.blocks if b.role != "title" and b.kind not in _SILENT)
    article.confidence = confidence(
        words=words,
        concentration=pre.container_prose / pre.page_prose if pre.page_prose else 0.0,
        link_share=pre.container_link_chars / pre.container_chars if pre.container_chars else 1.0,
        prose_share=pre.container_prose / pre.container_chars if pre.container_chars else 0.0,
        page_type=pre.page_type,
        dated=bool(md.date or md.author),
        removed_share=len(article.removed) / (len(article.removed) + kept + 1),
    )
    return article


#: Kept blocks without words (they do not count as kept text for the confidence).
_SILENT = frozenset({"image", "rule"})


def _lead_with(article: Article, heading: Block) -> None:
    """Put the page's headline first on pages whose profile keeps it in the text (products,
    listings, services): it is the page's name, not a repeat of the title to remove. After the
    cleaner, as before, so that no rule judges it."""
    title = [b for b in article.blocks if b.role == "title"]
    body = [b for b in article.blocks if b.role != "title"]
    article.blocks = [*title, heading, *body]
    article.text = plain_text([heading, *body])
    if article.document is not None:
        article.document.blocks.insert(0, heading)
