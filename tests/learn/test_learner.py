"""The learning pass: what becomes a rule, what stays content, and the memory bound."""

from __future__ import annotations

import re

import pytest

from cleaner import RuleSet, clean_text
from cleaner.learn import Learner, learn_profile
from cleaner.learn._counter import BoundedCounter, CountMin
from cleaner.learn._keys import fold, line_pattern, template, template_pattern
from cleaner.rules.loader import expand

from .conftest import CORPUS, records

SENTENCES = [
    "The harbour board met on Monday to discuss the dredging of the outer channel before winter.",
    "Fishermen have complained for years that silt makes the channel dangerous at low tide.",
    "A survey last spring found the channel had lost almost a metre of depth since the last dredge.",
    "The board expects the work to take six weeks and to cost less than the repairs to the quay.",
    "Boats will be able to use the inner harbour throughout, the harbour master said on Tuesday.",
    "Residents along the front asked for the noisy work to stop at six in the evening every day.",
    "The contractor has agreed to keep its barges clear of the lifeboat slipway at all times.",
    "A public meeting about the plans will be held in the sailing club next Thursday evening.",
]
QUOTE = (
    "“We cannot keep patching a channel that the sea fills in every winter,” said the harbour master, "
    "who has asked for a permanent fix for more than a decade."
)


#: One word per article makes its sentences and headline its own (digits would be folded away).
WORDS = (
    "amber", "birch", "cedar", "dune", "ember", "fjord", "garnet", "heather", "iris", "jasper", "kelp",
    "linden", "marram", "nettle", "osprey", "pebble", "quartz", "rowan", "samphire", "thrift", "umber",
    "vetch", "willow", "yarrow", "zinnia", "alder", "bracken", "cobble", "driftwood", "eelgrass", "fennel",
    "gorse", "hazel", "ivy", "juniper", "kestrel", "lichen", "mallow", "nutmeg", "oyster", "plover", "quince",
    "rush", "sorrel", "teasel", "urchin", "violet", "wrack", "yew", "zephyr",
)  # fmt: skip


def article(n: int, *, head: tuple[str, ...] = (), tail: tuple[str, ...] = (), extra: str | None = None) -> str:
    """A text of four sentences (all its own), its headline on top, `head` and `tail` around."""
    word = WORDS[n % len(WORDS)] + ("" if n < len(WORDS) else f" {WORDS[n // len(WORDS)]}")
    body = [SENTENCES[(n + k) % len(SENTENCES)].replace("the ", f"the {word} ", 1) for k in range(4)]
    if extra is not None:
        body.append(extra)
    return "\n\n".join([headline(n), *head, *body, *tail])


def headline(n: int) -> str:
    word = WORDS[n % len(WORDS)] + ("" if n < len(WORDS) else f" {WORDS[n // len(WORDS)]}")
    return f"Story about the {word} channel and the harbour"


def rules_of(learner: Learner, site: str) -> list[tuple[str, str]]:
    return [(r.kind, r.example) for r in learner.profile().sites[site].rules]


# --- keys and patterns ------------------------------------------------------------------------


def test_keys_fold_case_spacing_digits_and_dates() -> None:
    assert fold("Posted on March 3, 2024 at 10:45") == fold("posted on 12 May 2021 at 9:05")
    assert fold("© 2024 Acme Media") == fold("© 1999 ACME MEDIA")
    assert fold("Source link") != fold("Source link:")


@pytest.mark.parametrize(
    ("line", "other", "shape"),
    [
        ("Words by Ruth Okafor", "Words by Daniel Brandt", "words by \x02"),
        ("Posted on March 3, 2024 by Jane Doe", "Posted on 1 May 2023 by Bob van der Berg", "posted on \x01 by \x02"),
        ("Photo: Getty Images", "Photo: Reuters", "photo: \x02"),
    ],
)
def test_templates_fold_names_and_their_patterns_match_other_names(line: str, other: str, shape: str) -> None:
    assert template(line, len(line.split())) == shape == template(other, len(other.split()))
    assert re.match(expand(template_pattern(line)), other, re.IGNORECASE)
    assert re.match(expand(line_pattern(line)), line, re.IGNORECASE)


@pytest.mark.parametrize("headline", ["How Apple Built Its Empire", "The Best Phones of 2024", "By John Smith"])
def test_headlines_and_bare_bylines_are_no_templates(headline: str) -> None:
    assert template(headline, len(headline.split())) is None


def test_line_patterns_match_the_whole_line_only() -> None:
    pattern = re.compile(expand(line_pattern("Follow us (and more) for $5.")), re.IGNORECASE)
    assert pattern.match("follow us (and more) for $12.")
    assert not pattern.match("Follow us (and more) for $5. And then some")


# --- what becomes a rule ----------------------------------------------------------------------


def test_a_site_with_boilerplate() -> None:
    learner = Learner()
    names = ["Ruth Okafor", "Daniel Brandt", "Priya Natarajan"]
    for n in range(10):
        head = (f"Reporting from the quay: {names[n % 3]}",)
        learner.add("acme.example", article(n, head=head, tail=("Acme Tidings | Tip line 0800 123",)))
    profile = learner.profile()
    site = profile.sites["acme.example"]
    assert sorted((r.kind, r.pattern) for r in site.rules) == [
        ("line", r"^Acme Tidings \| Tip line \d+ \d+$"),
        ("template", "^Reporting from the quay: {{NAME}}$"),
    ]
    assert site.docs == 10 and all(r.count == 10 and r.share == 1.0 for r in site.rules)
    rules = profile.ruleset().for_url("https://acme.example/x")
    text = article(3, head=("Reporting from the quay: Aoife Byrne",), tail=("Acme Tidings | Tip line 0800 999",))
    cleaned = clean_text(text, rules=rules)
    assert "Aoife" not in cleaned.text and "Tip line" not in cleaned.text
    assert cleaned.text == "\n\n".join(article(3).split("\n\n")[1:])


def test_a_site_without_boilerplate_gets_no_rules() -> None:
    learner = Learner()
    for n in range(8):
        learner.add("quiet.example", article(n))
    site = learner.profile().sites["quiet.example"]
    assert site.docs == 8 and site.rules == []


def test_thresholds_min_docs_and_min_share() -> None:
    learner = Learner(min_docs=3, min_share=0.2)
    for n in range(20):
        tail = ("Seen on four pages only",) if n < 4 else ("Seen on three pages only",) if n < 7 else ()
        learner.add("a.example", article(n, tail=tail))
    assert [e for _, e in rules_of(learner, "a.example")] == ["Seen on four pages only"]  # 4/20 ≥ 0.2, 3/20 not
    few = Learner(min_docs=5, min_share=0.0)
    for n in range(20):
        few.add("a.example", article(n, tail=("Seen on four pages only",) if n < 4 else ()))
    assert rules_of(few, "a.example") == []


def test_a_quote_repeated_across_sites_stays() -> None:
    """The same sentence at the end of articles of several sites is news reprinted, not one
    site's template; the control (one site only) shows the same counts would make a rule."""
    shared, alone = Learner(), Learner()
    for n in range(6):
        shared.add("a.example", article(n, extra=QUOTE if n < 4 else None))
        alone.add("a.example", article(n, extra=QUOTE if n < 4 else None))
        shared.add("b.example", article(n + 10, extra=QUOTE if n < 2 else None))
        shared.add("c.example", article(n + 20, extra=QUOTE if n < 1 else None))
    assert ("line", QUOTE) in rules_of(alone, "a.example")
    for site in ("a.example", "b.example", "c.example"):
        assert all(e != QUOTE for _, e in rules_of(shared, site))


def test_a_long_sentence_on_few_pages_of_a_large_site_stays() -> None:
    learner = Learner()
    for n in range(40):
        learner.add("big.example", article(n, extra=QUOTE if n % 4 == 0 else None))  # 10 of 40 pages
    assert rules_of(learner, "big.example") == []
    sign_off = "Big Example stories may be republished for free under our licence, with a link to the original story."
    for n in range(40):
        learner.add("big.example", article(n, tail=(sign_off,)))  # 40 of 80 pages: half of them
    assert ("line", sign_off) in rules_of(learner, "big.example")


def test_a_recurring_subheading_inside_the_body_stays() -> None:
    learner = Learner()
    for n in range(10):
        body = article(n).split("\n\n") + article(n + 1).split("\n\n")[1:3]
        learner.add("a.example", "\n\n".join([*body[:3], "What happens next", *body[3:]]))
    assert rules_of(learner, "a.example") == []


def test_lines_the_built_in_rules_remove_everywhere_are_left_to_them() -> None:
    learner = Learner()
    for n in range(6):
        learner.add("a.example", article(n, tail=("Share this article", "Source link")))
    assert rules_of(learner, "a.example") == []


def test_headlines_promoted_on_other_pages_are_cross_promo() -> None:
    learner = Learner()
    titles = [headline(n) for n in range(8)]
    for n in range(8):
        learner.add("a.example", article(n, tail=("More from the quay", titles[(n + 1) % 8], titles[(n + 2) % 8])))
    rules = learner.profile().sites["a.example"].rules
    promos = {r.example: r for r in rules if r.kind == "cross-promo"}
    assert set(promos) == set(titles) and all(r.where == "tail" and r.count == 2 for r in promos.values())
    ruleset = learner.profile().ruleset().for_url("http://a.example/")
    article_text = article(3, tail=("More from the quay", titles[5]))
    cleaned = clean_text(article_text, rules=ruleset)
    assert (titles[5], "learned-cross-promo") in [(r.text, r.rule) for r in cleaned.removed]
    assert cleaned.title == titles[3]  # its own headline, on top, stays the title


def test_counts_are_per_document_not_per_line() -> None:
    learner = Learner()
    for n in range(10):
        tail = ("Tip line 0800 123",) * 5 if n < 2 else ()
        learner.add("a.example", article(n, tail=tail))
    assert rules_of(learner, "a.example") == []  # five times on each of two pages is two pages


# --- bounded memory ----------------------------------------------------------------------------


def test_the_counter_evicts_the_rarest_entries() -> None:
    counter = BoundedCounter(cap=10)
    counter.counts = {k: (5 if k < 3 else 1) for k in range(12)}
    assert counter.full()
    counter.prune()
    assert set(counter.counts) == {0, 1, 2} and counter.floor == 1


def test_memory_stays_bounded_and_frequent_lines_survive() -> None:
    learner = Learner(site_keys=200, total_keys=300)
    for n in range(300):
        unique = [f"Line {n}-{k} that only this page has, about {chr(65 + k)}" for k in range(10)]
        learner.add("a.example", article(n, tail=(*unique, "Acme tip line: call the newsdesk")))
        learner.add("b.example", article(n, tail=tuple(unique[:5])))
        assert all(len(site.counter) <= 201 for site in learner.sites.values())
    profile = learner.profile()
    assert ("line", "Acme tip line: call the newsdesk") in [
        (r.kind, r.example) for r in profile.sites["a.example"].rules
    ]
    assert profile.sites["a.example"].evicted >= 1
    assert "rare lines were evicted" in profile.to_toml()


def test_count_min_never_undercounts() -> None:
    sketch = CountMin(width_bits=6, depth=2)
    for key in range(500):
        for _ in range(key % 3):
            sketch.add(hash(f"k{key}"))
    assert all(sketch.estimate(hash(f"k{key}")) >= key % 3 for key in range(500))


def test_learner_options_are_checked() -> None:
    with pytest.raises(ValueError, match="min_docs"):
        Learner(min_docs=0)
    with pytest.raises(ValueError, match="min_share"):
        Learner(min_share=1.5)


# --- the fixture corpus ------------------------------------------------------------------------


def test_the_fixture_corpus_learns_what_its_templates_added() -> None:
    """Three made-up sites: every line their templates added is removed by the learned profile,
    no body line is, and the site without a template gets no rules."""
    profile = learn_profile([CORPUS])
    assert profile.sites["quietpress.example"].rules == []
    rules = profile.ruleset()
    for record in records():
        cleaned = clean_text(record["text"], rules=rules.for_url(record["url"]))
        gone = {r.text for r in cleaned.removed}
        assert set(record["template"]) <= gone, record["url"]
        body = [p for p in record["text"].split("\n\n") if p not in record["template"] and p != record["title"]]
        assert all(p in cleaned.text for p in body), record["url"]
    assert profile.ruleset().for_url("https://www.valleytimes.example/") is not rules
    assert RuleSet.default().for_url("https://www.valleytimes.example/") is RuleSet.default()
