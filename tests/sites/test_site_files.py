"""Site pattern files: reading and checking them, finding a page's file, applying it before the
generic extractor (API and `cleaner clean`), and every way a file can be wrong."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import ExtractionError, RulesError, clean_document, clean_records, extract_html, load_site_configs
from cleaner.cli import app
from cleaner.sites.config import parse_site_config

from .conftest import PAGES, SITES

GAZETTE_URL = "https://www.lighthouse-gazette.example/2024/05/keepers-cottage-restored"
HERALD_URL = "https://news.harbour-herald.example/herald-story"


def gazette() -> str:
    return (PAGES / "gazette-story.html").read_text("utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


# --- reading ---------------------------------------------------------------------------------


def test_a_directory_is_read_and_unknown_directives_are_reported_once(tmp_path: Path) -> None:
    folder = write(tmp_path / "sites", "a.example.txt", "body: //article\ntidy: no\nreplace_string(<br>): x\n")
    write(folder, ".b.example.txt", "# comment\n\nbody: //main\ntidy: yes\nnot a directive line\n")
    write(folder, "README.md", "not a site file")
    configs = load_site_configs(folder)
    assert sorted(configs.configs) == [".b.example", "a.example"]
    tidy = [n for n in configs.notes if "'tidy'" in n]
    assert tidy == [f"skipped directive 'tidy', which cleaner does not apply ({folder}/.b.example.txt:4 and 1 more)"]
    assert any("'replace_string'" in n and "a.example.txt:3" in n for n in configs.notes)
    assert any(n.endswith(".b.example.txt:5: skipped a line that is not 'directive: value'") for n in configs.notes)


def test_every_directive_is_read() -> None:
    config = load_site_configs(SITES).configs["lighthouse-gazette.example"]
    assert [(d.name, d.line) for d in config.directives] == [
        ("title", 2), ("author", 3), ("date", 4), ("body", 5), ("body", 6), ("strip", 7), ("strip", 8),
        ("strip_id_or_class", 9), ("strip_image_src", 10),
    ]  # fmt: skip
    assert config.prune is True and config.autodetect is True
    assert [(t.url, [c.value for c in t.contains]) for t in config.tests] == [
        (GAZETTE_URL, ["found the keeper's original log books"])
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: //h1\nbody: //div[@class='x'\n", 2, "bad XPath \"//div[@class='x'\""),
        ("\n\nstrip: //div[contains(@class 'ad')]\n", 3, "bad XPath"),
        ("author: //a[frobnicate(@href)]\n", 1, "bad XPath"),
        ("body: //article\nprune: maybe\n", 2, "'prune' must be yes or no, not 'maybe'"),
        ("autodetect_on_failure: sometimes\n", 1, "'autodetect_on_failure' must be yes or no"),
        ("strip_id_or_class:\n", 1, "'strip_id_or_class' needs a value"),
    ],
)
def test_a_bad_site_file_names_the_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    folder = write(tmp_path / "sites", "a.example.txt", text)
    with pytest.raises(RulesError) as info:
        load_site_configs(folder)
    assert str(info.value).startswith(f"{folder}/a.example.txt:{line}: ")
    assert message in str(info.value)


def test_a_missing_directory_or_a_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no such directory of site pattern files"):
        load_site_configs(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("body: //x", "utf-8")
    with pytest.raises(RulesError, match="is not a directory of site pattern files"):
        load_site_configs(tmp_path / "file.txt")


def test_test_contains_before_a_test_url_is_reported() -> None:
    notes: list[str] = []
    config = parse_site_config("test_contains: words\ntest_url: http://a/\n", "a.txt", "a", {}, notes.append)
    assert notes == ["a.txt:1: test_contains before any test_url, skipped"] and config.tests[0].contains == ()


# --- finding a page's file ---------------------------------------------------------------------


def test_files_are_found_the_way_full_text_rss_finds_them() -> None:
    configs = load_site_configs(SITES)
    gazette = configs.configs["lighthouse-gazette.example"]
    herald = configs.configs[".harbour-herald.example"]
    assert configs.for_url("https://lighthouse-gazette.example/x") is gazette
    assert configs.for_url("https://www.lighthouse-gazette.example/x") is gazette  # www. aside
    assert configs.for_url("https://news.lighthouse-gazette.example/x") is None  # exact host only
    assert configs.for_url("https://harbour-herald.example/") is herald  # .domain: the domain ...
    assert configs.for_url("https://a.b.harbour-herald.example/") is herald  # ... and every subdomain
    assert configs.for_url("https://other.example/") is None and configs.for_url(None) is None


def test_loaded_files_survive_pickling() -> None:
    """Worker processes get the loaded files by pickle; XPaths are compiled again there."""
    configs = pickle.loads(pickle.dumps(load_site_configs(SITES)))
    assert extract_html(gazette(), site_config=configs).title == "Keeper's cottage at the point is restored at last"


# --- applying one ------------------------------------------------------------------------------


def test_the_site_file_is_applied_before_the_generic_extractor() -> None:
    plain = extract_html(gazette(), engine="fast")
    ruled = extract_html(gazette(), engine="fast", site_config=SITES)
    assert plain.title == "Lighthouse Gazette" and plain.date is None
    assert "Penrose Building Supplies" in plain.text and "Harbour master warns" in plain.text
    assert ruled.title == "Keeper's cottage at the point is restored at last"  # title
    assert ruled.author == "Nell Trevithick" and ruled.date == "2024-05-14"  # author, date (an attribute)
    assert "Penrose" not in ruled.text  # strip_id_or_class
    assert "Harbour master warns" not in ruled.text  # body: only div.story-text
    assert ruled.text.startswith("The cottage beside the old lighthouse") and ruled.text.endswith("the trust said.")


@pytest.mark.parametrize("engine", ["best", "fast"])
def test_both_engines_apply_it(engine: str) -> None:
    article = extract_html(gazette(), GAZETTE_URL, engine=engine, site_config=load_site_configs(SITES))
    assert article.date == "2024-05-14" and "Penrose" not in article.text and "Harbour master" not in article.text


def test_strip_and_strip_image_src_remove_what_they_match(tmp_path: Path) -> None:
    page = gazette().replace("</p>\n      <img", '</p>\n      <img alt="Tracker pixel text" ')
    folder = write(tmp_path / "s", "lighthouse-gazette.example.txt", "strip: //p[@class='credit']\n")
    article = extract_html(page, GAZETTE_URL, engine="fast", site_config=folder)
    assert "Story by" not in article.text
    from cleaner.sites.apply import apply_site_config, parse_page

    config = load_site_configs(SITES).configs["lighthouse-gazette.example"]
    matches = {(m.directive, m.value): m.found for m in apply_site_config(config, parse_page(gazette())).matches}
    assert matches[("strip_image_src", "/tracker/")] == 1
    assert matches[("strip", "//p[@class='print-plug']")] == 1
    assert matches[("body", "//div[@id='article-body']")] == 0 and matches[("body", "//div[@class='story-text']")] == 1


def test_prune_no_takes_the_body_as_it_is() -> None:
    html = (PAGES / "herald-story.html").read_text("utf-8")
    article = extract_html(html, HERALD_URL, site_config=SITES)
    assert article.text.splitlines()[-2:] == ["- Saturday: dinghies", "- Sunday: keelboats"]  # the list, as a list
    assert "Harbour Herald" not in article.text


def test_no_body_match_falls_back_or_fails_as_the_file_says(tmp_path: Path) -> None:
    folder = write(tmp_path / "s", "lighthouse-gazette.example.txt", "body: //div[@id='gone']\n")
    article = extract_html(gazette(), GAZETTE_URL, site_config=folder)
    assert "found the keeper's original log books" in article.text  # autodetected
    write(folder, "lighthouse-gazette.example.txt", "body: //div[@id='gone']\nautodetect_on_failure: no\n")
    with pytest.raises(ExtractionError, match=r"no body XPath of .*lighthouse-gazette\.example\.txt matched"):
        extract_html(gazette(), GAZETTE_URL, site_config=load_site_configs(folder))


def test_pages_of_other_sites_are_untouched() -> None:
    other = gazette().replace("lighthouse-gazette.example", "elsewhere.example")
    assert extract_html(other, site_config=SITES).to_dict() == extract_html(other).to_dict()


def test_the_api_takes_it_for_documents_and_records() -> None:
    assert clean_document(gazette(), site_config=SITES).date == "2024-05-14"
    out = list(clean_records([{"url": GAZETTE_URL, "html": gazette()}], html_field="html", site_config=SITES))
    assert out[0]["title"] == "Keeper's cottage at the point is restored at last" and "Penrose" not in out[0]["text"]


# --- on the command line -----------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_with_site_config_on_an_html_file() -> None:
    code, out, err = run("clean", str(PAGES / "gazette-story.html"), "--site-config", str(SITES), "-f", "json")
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Keeper's cottage at the point is restored at last" and article["date"] == "2024-05-14"
    assert "Penrose" not in article["text"]
    assert err.count("skipped directive 'tidy'") == 1 and err.count("skipped directive 'single_page_link'") == 1


def test_clean_records_with_site_config(tmp_path: Path) -> None:
    data = tmp_path / "pages.jsonl"
    data.write_text(json.dumps({"url": GAZETTE_URL, "html": gazette()}) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    args = ["--html-field", "html", "--site-config", str(SITES), "-o", str(out), "--workers", "1"]
    code, _, err = run("clean", str(data), *args)
    assert code == 0, err
    record = json.loads(out.read_text("utf-8"))
    assert record["date"] == "2024-05-14" and "Harbour master warns" not in record["text"]


def test_clean_with_a_bad_site_file_fails_before_reading_inputs(tmp_path: Path) -> None:
    folder = write(tmp_path / "s", "a.example.txt", "title: //h1\n\nbody: //div[\n")
    code, out, err = run("clean", str(PAGES / "gazette-story.html"), "--site-config", str(folder))
    assert code == 1 and out == ""
    assert f"{folder}/a.example.txt:3: bad XPath '//div['" in err and "Traceback" not in err
    code, _, err = run("clean", str(PAGES / "gazette-story.html"), "--site-config", str(tmp_path / "none"))
    assert code == 1 and "no such directory of site pattern files" in err
