"""User rules files: the format works, and every problem names the file, the line and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RulesError, RuleSet, clean_text
from cleaner.rules import parse_rules

DOC = (
    "The city council voted on Tuesday to expand the bus network, adding four new routes to the hospital.\n\n"
    "Officials said the plan would cost about 12 million dollars over three years.\n\n"
    "Thanks for reading the Valley Times.\n\n"
    "Source link"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, "utf-8")
    return path


def test_phrase_and_pattern_rules_with_reason_and_languages(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[rule]]\nname = "thanks"\nreason = "sign-off of the Valley Times"\nlanguages = ["en"]\n'
        'phrases = ["Thanks for reading"]\n\n'
        '[[rule]]\nname = "valley"\nreason = "never used"\npatterns = [\'^nothing matches this$\']\n',
    )
    article = clean_text(DOC, rules=RuleSet.from_files(path))
    assert [(r.rule, r.reason) for r in article.removed] == [
        ("thanks", "sign-off of the Valley Times"),
        ("source-attribution", "link back to the original publisher"),
    ]


def test_disable_a_builtin_rule(tmp_path: Path) -> None:
    article = clean_text(DOC, rules=RuleSet.from_files(write(tmp_path, 'disable = ["source-attribution"]\n')))
    assert article.text.endswith("Source link")


def test_a_path_is_accepted_by_the_api(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rule]]\nname = "thanks"\nreason = "sign-off"\nphrases = ["Thanks for reading"]\n')
    assert "Thanks" not in clean_text(DOC, rules=path).text


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[[rule]]\nname = "x"\nreason = \n', 3, "not valid TOML"),
        (
            '[[rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\n\n[[rule]]\nname = "z"\npatterns = ["a"]\n',
            6,
            "needs a non-empty string 'reason'",
        ),
        ('[[rule]]\nname = "x"\nreason = "y"\npatterns = ["(oops"]\n', 1, "bad regular expression"),
        ('[[rule]]\nname = "x"\nreason = "y"\npatern = ["a"]\n', 1, "unknown key 'patern'"),
        ('[[rule]]\nname = "x"\nreason = "y"\n', 1, "has no 'patterns' or 'phrases'"),
        ('[[rule]]\nname = "x"\nreason = "y"\nphrases = ["a"]\nwhere = "footer"\n', 1, "'where' must be one of"),
        ('[[rule]]\nname = "x"\nreason = "y"\npredicate = "magic"\n', 1, "unknown predicate 'magic'"),
        ('[[rule]]\nname = "x"\nreason = "y"\npatterns = ["{{NOPE}}"]\n', 1, "unknown define {{NOPE}}"),
        ("rules = []\n", 1, "unknown key 'rules'"),
        (
            '[[rule]]\nname = "x"\nreason = "y"\npatterns = ["a"]\ncontains = ["two\\nlines"]\n',
            1,
            "a 'contains' word cannot hold a line break",
        ),
    ],
)
def test_errors_name_file_line_and_problem(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        RuleSet.from_files(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_disabling_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'disable = ["no-such-rule"]\n')
    with pytest.raises(RulesError, match=r"cannot disable unknown rule 'no-such-rule'"):
        RuleSet.from_files(path)


def test_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no such rules file"):
        RuleSet.from_files(tmp_path / "nope.toml")


def test_every_builtin_pack_parses() -> None:
    from cleaner.rules import builtin_packs

    packs = builtin_packs()
    assert {"byline", "source_attribution", "social_follow", "newsletter", "cross_promo", "ads_and_legal"} <= set(packs)
    assert parse_rules('[[rule]]\nname = "a"\nreason = "b"\nphrases = ["c"]\n', "x").rules[0].max_words == 200
