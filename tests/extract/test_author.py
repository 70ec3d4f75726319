"""The author: each source a page states it in, and the traps that name someone else or no one."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner import extract_html
from cleaner.extract.author import person
from cleaner.extract.metadata import read_metadata

URL = "https://www.harbourtimes.example.com/2024/05/02/ferry"
BODY = (
    "<p>The new ferry left the harbour at dawn with forty passengers aboard, the first crossing of the "
    "season, and arrived on the island an hour later in calm weather.</p>"
)


def author_of(head: str, body: str = "", url: str = URL) -> str | None:
    html = f"<html><head><title>Ferry returns</title>{head}</head><body><article><h1>Ferry returns</h1>{body}{BODY}</article></body></html>"  # noqa: E501
    return read_metadata(LexborHTMLParser(html), url).author


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


# --- JSON-LD -----------------------------------------------------------------------------------


def test_jsonld_person() -> None:
    assert author_of(ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ada Quill"}}')) == "Ada Quill"


def test_jsonld_string_and_array() -> None:
    assert author_of(ld('{"@type": "BlogPosting", "author": "Ada Quill"}')) == "Ada Quill"
    many = '{"@type": "Article", "author": [{"@type": "Person", "name": "Ada Quill"}, {"name": "Ben Roe"}]}'
    assert author_of(ld(many)) == "Ada Quill; Ben Roe"


def test_jsonld_graph_with_an_id_reference() -> None:
    graph = """{"@context": "https://schema.org", "@graph": [
      {"@type": "Article", "author": {"@id": "https://x.example/#/person/1"}},
      {"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Ada Quill"}]}"""
    assert author_of(ld(graph)) == "Ada Quill"


def test_jsonld_given_and_family_name() -> None:
    data = '{"@type": "Article", "author": {"@type": "Person", "givenName": "Ada", "familyName": "Quill"}}'
    assert author_of(ld(data)) == "Ada Quill"


def test_jsonld_organisation_that_is_the_site_yields_to_the_byline() -> None:
    """The trap: a CMS states the site as the author; the byline names the person."""
    data = '{"@type": "Article", "author": {"@type": "Organization", "name": "Harbour Times"}}'
    head = ld(data) + '<meta property="og:site_name" content="Harbour Times">'
    assert author_of(head, '<div class="post-author">By Ada Quill</div>') == "Ada Quill"
    # with no byline, the organisation is still the best answer there is
    assert author_of(head) == "Harbour Times"


# --- <meta> ------------------------------------------------------------------------------------


def test_meta_author_with_prefix_and_entities() -> None:
    assert author_of('<meta name="author" content="By Ada Quill &amp; Ben Roe">') == "Ada Quill & Ben Roe"


def test_meta_profile_url_is_not_a_name() -> None:
    """article:author is often a Facebook profile: not a name, so the byline is read instead."""
    head = '<meta property="article:author" content="https://www.facebook.com/adaquill">'
    assert author_of(head) is None
    assert author_of(head, '<a rel="author" href="/ada">Ada Quill</a>') == "Ada Quill"


def test_meta_email_keeps_the_name() -> None:
    assert author_of('<meta name="author" content="ada@harbourtimes.example.com (Ada Quill)">') == "Ada Quill"
    assert author_of('<meta name="author" content="ada@harbourtimes.example.com">') is None


def test_meta_handle_yields_to_the_byline() -> None:
    head = '<meta name="author" content="aquill">'
    assert author_of(head, '<span class="author-name">Ada Quill</span>') == "Ada Quill"
    assert author_of(head) == "aquill"


def test_citation_authors_are_all_kept() -> None:
    head = '<meta name="citation_author" content="Ada Quill"><meta name="citation_author" content="Ben Roe">'
    assert author_of(head) == "Ada Quill; Ben Roe"


# --- the markup ----------------------------------------------------------------------------------


def test_rel_author_link() -> None:
    assert author_of("", '<p>Story by <a rel="author" href="/staff/ada">Ada Quill</a></p>') == "Ada Quill"


def test_itemprop_author_with_a_name_inside() -> None:
    body = '<div itemprop="author" itemscope><a href="/u/7">aq</a><meta itemprop="name" content="Ada Quill"></div>'
    assert author_of("", body) == "Ada Quill"


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline">By Ada Quill | May 2, 2024</div>',
        '<p class="entry-meta__author">Written by Ada Quill on 2 May 2024</p>',
        '<div class="post-hero__author">Ada Quill</div>',
        '<span class="author vcard">Ada Quill</span>',
        '<div class="meta"><span class="author-avatar"><img alt=""></span><span class="author-name">Ada Quill</span></div>',  # noqa: E501
    ],
)
def test_byline_elements(byline: str) -> None:
    assert author_of("", byline) == "Ada Quill"


def test_the_name_element_beats_the_wrapper() -> None:
    body = '<div class="author-box"><div class="author-name">Ada Quill</div><div class="author-bio">Ada writes.</div></div>'  # noqa: E501
    assert author_of("", body) == "Ada Quill"


def test_comment_review_and_testimonial_authors_are_not_the_page_author() -> None:
    body = (
        '<ol class="comment-list"><li class="comment"><div class="comment-author vcard">Cal Dunn</div></li></ol>'
        '<div class="customer_review_author">Dee Fox Reviewed 06/08/2024</div>'
        '<figure><figcaption class="testimonial__author">Eve Hart</figcaption></figure>'
    )
    assert author_of("", body) is None


def test_reviewers_and_labels_are_not_authors() -> None:
    assert author_of("", '<div class="byline">Fact checked by Cal Dunn</div>') is None
    assert author_of("", '<div class="byline">Written By</div>') is None
    assert author_of("", '<div class="post-author">May 2, 2024</div>') is None


def test_by_in_body_text_is_not_a_byline() -> None:
    """The trap: "By 2030, …" in a paragraph names no one."""
    paragraph = (
        "<p>By 2030, the harbour expects to run four ferries a day in summer, and the council says the new"
        " pier will be finished by then.</p>"
    )
    html = f"<html><body><article><h1>Ferry returns</h1>{paragraph}{BODY}</article></body></html>"
    article = extract_html(html, URL, engine="fast")
    assert article.author is None


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("By Ada Quill", "Ada Quill"),
        ("BY ADA QUILL | Harbour Times", "ADA QUILL"),
        ("Posted by Ada Quill", "Ada Quill"),
        ("Ada Quill December 11, 2025", "Ada Quill"),
        ("Ada Quill - Mar 27, 2024", "Ada Quill"),
        ("Ada Quill and Ben Roe", "Ada Quill and Ben Roe"),
        ("Ada Quill 7 min read", "Ada Quill"),
        ("@adaquill", None),
        ("https://example.com/ada", None),
        ("page.head.extra.author", None),
        ("Sat, 20 Dec, 2025", None),
        ("View all posts", None),
    ],
)
def test_person(raw: str, name: str | None) -> None:
    assert person(raw) == name
