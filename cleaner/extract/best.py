"""The `best` engine's second opinion: trafilatura on the page as the pre-pass left it, asked on
the pages its news-article cut suits (articles that state a date: `settings.SECOND_OPINION_*`),
and taken when its text is mostly words the block scorer also kept (a tighter cut of the same
content) and not much shorter.

Asking it costs about as much as the whole fast engine: where it is asked is a trade of time
for the words it trims (bench/second_opinion.py measures both, fold by fold).

trafilatura answers in its XML (``head rend=h2``, ``p``, ``list rend=ol``/``item``, ``code``,
``quote``, ``table``/``row``/``cell role=head``, ``graphic``, ``hi rend=#b``, ``ref target``,
``lb``). Its elements are renamed to the HTML they stand for and the result goes through the
same block walk as the fast engine's container, so both engines make the same blocks of the
same markup. Images are not asked for: with them trafilatura keeps image cards it otherwise
cuts (ScrapingHub precision 0.961 without, 0.952 with), and images carry no words to judge.
trafilatura collapses the whitespace of a ``<pre>`` it does not recognise as code (it calls it
a quote); such a block is put back as the page's own ``<pre>`` when their words are the same.
"""

from __future__ import annotations

from types import ModuleType

from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import settings
from ..document import Block
from ..errors import ExtractionError
from ._blocks import code_block, node_blocks
from ._patterns import Profile

#: trafilatura's element → the HTML element it stands for (``head``, ``hi``, ``cell`` and
#: ``code`` depend on their attributes or place: see `_rename`).
_HTML = {
    "doc": "div",
    "main": "div",
    "comments": "div",
    "p": "p",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "table": "table",
    "row": "tr",
    "lb": "br",
    "graphic": "img",
    "ref": "a",
    "del": "del",
    "div": "div",
}
_HI = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code"}
#: Parents of a ``code`` that make it a code block rather than inline code.
_BLOCK_PARENTS = frozenset({"doc", "main", "comments", "div", "quote", "item", "cell"})


def _trafilatura() -> ModuleType:
    """Imported on first use (it is slow to load and the fast engine never needs it). A broken
    install must say so, not quietly turn `best` into `fast`."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ExtractionError(
            f"the best engine needs trafilatura, which cannot be imported ({exc}); "
            "reinstall cleaner or use --engine fast"
        ) from None
    return trafilatura


def trafilatura_blocks(html: str, url: str | None, profile: Profile, page: LexborNode | None = None) -> list[Block]:
    """trafilatura's cut of `html` as blocks; `page` (the pre-pass's tree) lends its own
    ``<pre>`` blocks back where trafilatura lost their whitespace."""
    # bare_extraction hands over the tree itself: extract(output_format="xml") would also
    # fingerprint the text (a simhash that costs seconds on a long page) and serialise it.
    document = _trafilatura().bare_extraction(
        html,
        url=url,
        output_format="xml",  # the tree only: "python" also writes out its text, unread here
        include_formatting=False,
        include_tables=True,
        include_links=True,
        include_images=False,
        include_comments=profile.keep_comments,
        deduplicate=False,
        with_metadata=False,
        fast=settings.SECOND_OPINION_FAST,
        as_dict=False,
    )
    body = getattr(document, "body", None) if document else None
    if body is None or len(body) == 0:
        return []
    root = etree.Element("doc")
    body.tag = "main"  # as trafilatura's XML names them
    root.append(body)
    comments = getattr(document, "commentsbody", None) if profile.keep_comments else None
    if comments is not None and len(comments):
        comments.tag = "comments"
        root.append(comments)
    blocks = tree_blocks(root)
    return _restore_code(blocks, page) if page is not None else blocks


def tree_blocks(root: etree._Element) -> list[Block]:
    """The blocks of a tree of trafilatura's elements (head, p, list, item, table, row, cell,
    quote, code, hi, ref, lb), read as the HTML they stand for by the one block walker."""
    outer = [el for el in root.iter("code") if next(el.iterancestors("code"), None) is None]
    for el in outer:  # trafilatura's <code><code> (a <pre><code> of the page) is one block
        etree.strip_tags(el, "code")
    for el in list(root.iter()):
        _rename(el)
    html = etree.tostring(root, method="html", encoding="unicode")
    node = LexborHTMLParser(html).body
    return node_blocks(node) if node is not None else []


def _rename(el: etree._Element) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    attrs = {str(k): str(v) for k, v in el.attrib.items()}
    keep: dict[str, str]
    if tag == "head":
        rend = attrs.get("rend", "h3")
        level = rend[1:] if rend[:1] == "h" and rend[1:].isdigit() else "3"
        new, keep = f"h{min(6, max(1, int(level)))}", {}
    elif tag == "hi":
        new, keep = _HI.get(attrs.get("rend", ""), "span"), {}
    elif tag == "cell":
        new, keep = ("th" if attrs.get("role") == "head" else "td"), {}
    elif tag == "code":
        parent = el.getparent()
        parent_tag = parent.tag if parent is not None and isinstance(parent.tag, str) else ""
        inline = parent_tag not in _BLOCK_PARENTS or bool((el.tail or "").strip())
        if parent is not None and parent_tag == "item" and (parent.text or "").strip():
            inline = True
        new, keep = ("code" if inline else "pre"), {}
    elif tag == "list":
        new, keep = ("ol" if attrs.get("rend") == "ol" else "ul"), {}
    elif tag == "ref":
        new, keep = "a", ({"href": attrs["target"]} if "target" in attrs else {})
    elif tag == "graphic":
        new, keep = "img", {k: attrs[k] for k in ("src", "alt") if k in attrs}
    else:
        new, keep = _HTML.get(tag, "span"), {}
    el.tag = new
    el.attrib.clear()
    for key, value in keep.items():
        el.set(key, value)


def _restore_code(blocks: list[Block], page: LexborNode) -> list[Block]:
    """Blocks whose words are a page ``<pre>``'s words become that ``<pre>``'s code block."""
    pres = page.css("pre")
    if not pres:
        return blocks
    own: dict[str, Block] = {}
    for pre in pres[: settings.MAX_RESTORED_CODE]:
        block = code_block(pre)
        key = " ".join(block.text.split())
        if key:
            own.setdefault(key, block)
    out: list[Block] = []
    for block in blocks:
        if block.kind in ("code", "paragraph") and (block.kind == "code" or block.quote):
            found = own.get(" ".join(block.text.split()))
            if found is not None:
                out.append(Block("code", found.text, lang=found.lang or block.lang))
                continue
        out.append(block)
    return out
