"""The profile format: per-site tables in a rules file, site selection by URL, errors with lines."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleaner import RulesError, RuleSet, clean_document, clean_text
from cleaner.learn.profile import toml_string
from cleaner.rules import parse_rules

DOC = (
    "The city council voted on Tuesday to expand the bus network, adding four new routes to the hospital.\n\n"
    "Officials said the plan would cost about 12 million dollars over three years.\n\n"
    "Tips for the newsdesk go to tips@acme.example\n\n"
    "Written by Editor TLN"
)

PROFILE = """
disable = []

[[rule]]
name = "everywhere"
reason = "a rule for every site"
phrases = ["Nothing matches this"]

# acme.example: 40 documents
[sites."acme.example"]

[[sites."acme.example".rule]]
name = "learned-line"
reason = "repeated on 31 of 40 acme.example pages"
patterns = ['^Tips for the newsdesk go to tips@acme\\.example$']
count = 31
share = 0.775

[[sites.'news.acme.example'.rule]]
name = "newsroom"
reason = "the newsroom's sign-off"
phrases = ["Written by Editor TLN"]

[sites."other.example"]
disable = ["byline"]
"""


@pytest.fixture
def ruleset() -> RuleSet:
    return RuleSet.combine([parse_rules(PROFILE, "profile.toml")])


def removed(text: str, rules: RuleSet) -> list[tuple[str, str]]:
    return [(r.text, r.rule) for r in clean_text(text, rules=rules).removed]


def test_count_and_share_are_kept_on_the_rule_and_ignored_by_matching(ruleset: RuleSet) -> None:
    rule = next(r for r in ruleset.for_site("acme.example").rules if r.name == "learned-line")
    assert (rule.count, rule.share, rule.origin) == (31, 0.775, "profile.toml")


def test_site_rules_apply_to_the_site_and_its_subdomains_only(ruleset: RuleSet) -> None:
    tips = ("Tips for the newsdesk go to tips@acme.example", "learned-line")
    assert tips in removed(DOC, ruleset.for_url("https://acme.example/a"))
    assert tips in removed(DOC, ruleset.for_url("https://www.acme.example/story?id=3"))
    assert tips not in removed(DOC, ruleset.for_url("https://acme.example.org/a"))
    assert tips not in removed(DOC, ruleset)


def test_the_most_specific_site_table_wins(ruleset: RuleSet) -> None:
    """news.acme.example has a table of its own: the acme.example table does not reach it."""
    news = removed(DOC, ruleset.for_url("https://news.acme.example/x"))
    assert ("Written by Editor TLN", "newsroom") in news
    assert ("Tips for the newsdesk go to tips@acme.example", "learned-line") not in news
    assert ("Written by Editor TLN", "byline") in removed(DOC, ruleset.for_url("https://acme.example/x"))


def test_site_rules_come_before_the_built_in_ones() -> None:
    rules = RuleSet.combine(
        [parse_rules('[[sites."a.example".rule]]\nname="mine"\nreason="mine"\nphrases=["Written by"]\n', "p.toml")]
    )
    assert removed(DOC, rules.for_url("http://a.example/"))[-1] == ("Written by Editor TLN", "mine")
    assert removed(DOC, rules)[-1] == ("Written by Editor TLN", "byline")


def test_a_site_can_switch_built_in_rules_off(ruleset: RuleSet) -> None:
    assert ("Written by Editor TLN", "byline") not in removed(DOC, ruleset.for_url("https://other.example/"))
    assert "Written by Editor TLN" in clean_text(DOC, rules=ruleset.for_url("https://other.example/")).text


def test_pages_of_other_sites_get_the_same_rule_set(ruleset: RuleSet) -> None:
    """No site, no work: the very same RuleSet (and its compiled matcher) comes back."""
    assert ruleset.for_url("https://elsewhere.example/") is ruleset
    assert ruleset.for_url(None) is ruleset
    assert ruleset.for_url("not a url at all") is ruleset
    assert ruleset.for_url("https://acme.example/1") is ruleset.for_url("https://acme.example/2")
    assert RuleSet.default().for_url("https://acme.example/") is RuleSet.default()


def test_a_site_rule_set_survives_pickling(ruleset: RuleSet) -> None:
    """Worker processes receive rule sets by pickle."""
    copy = pickle.loads(pickle.dumps(ruleset))
    assert ("Tips for the newsdesk go to tips@acme.example", "learned-line") in removed(
        DOC, copy.for_url("https://acme.example/")
    )


def test_clean_document_picks_the_site_by_url(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(PROFILE, "utf-8")
    rules = RuleSet.from_files(path)
    assert "Tips for" not in clean_document(DOC, rules=rules, url="https://acme.example/").text
    assert "Tips for" in clean_document(DOC, rules=rules).text


def test_a_plain_rules_file_stays_valid() -> None:
    plain = parse_rules('disable = ["byline"]\n[[rule]]\nname = "x"\nreason = "y"\nphrases = ["a b"]\n', "r.toml")
    assert plain.sites == {} and [r.name for r in plain.rules] == ["x"] and plain.disable == {"byline"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('\n[[sites.acme.example.rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\n', 2, "quote a site name"),
        ('\n\n[sites."not a host"]\n', 3, "is not a host name"),
        ('[sites."https://a.example/x"]\n', 1, "is not a host name"),
        ('[sites."a.example"]\nrules = 3\n', 1, "unknown key 'rules' in site 'a.example'"),
        ('[sites."a.example"]\ndisable = "byline"\n', 1, "'disable' must be a list"),
        ("sites = 3\n", 1, "'sites' must be written as"),
        (
            '[[sites."a.example".rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\n\n'
            '[[sites."a.example".rule]]\nname = "z"\nreason = "w"\npatterns = ["(oops"]\n',
            6,
            "bad regular expression",
        ),
        ('[[sites."a.example".rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\ncount = -2\n', 1, "'count' must be"),
        ('[[sites."a.example".rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\ncount = 1.5\n', 1, "'count' must be"),
        ('[[sites."a.example".rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\nshare = 1.5\n', 1, "'share' must be"),
        ('[[sites."a.example".rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\nshare = "most"\n', 1, "'share' must"),
    ],
)
def test_bad_profiles_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(RulesError) as info:
        parse_rules(text, "profile.toml")
    assert info.value.line == line
    assert str(info.value).startswith(f"profile.toml:{line}: ")
    assert message in str(info.value)


def test_disabling_an_unknown_rule_for_a_site_is_an_error() -> None:
    with pytest.raises(RulesError, match=r"cannot disable unknown rule 'bylines' \(site 'a.example'\)"):
        RuleSet.combine([parse_rules('[sites."a.example"]\ndisable = ["bylines"]\n', "profile.toml")])


@pytest.mark.parametrize(
    "value", ["plain", "it's", 'say "hi"', "back\\slash", "tab\there", "new\nline", "\\d+ {{DATE}} ©", "\x7f"]
)
def test_toml_strings_read_back_as_written(value: str) -> None:
    import tomllib

    assert tomllib.loads(f"k = {toml_string(value)}")["k"] == value
    assert tomllib.loads(f"k = {toml_string(value, literal=False)}")["k"] == value
