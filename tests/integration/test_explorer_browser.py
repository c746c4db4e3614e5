"""The explorer page of the bundled run (fixture ``bundled_run``): its data equals the tables,
and in a real browser (headless Chromium from the OS packages, driven by Selenium through the
OS's chromedriver) a deep link and the search box show the tables' numbers.

The browser tests open a copy of ``results/explorer.html`` alone in an empty folder, from disk
(``file://``), so they also show that the page needs nothing next to it and no server. They are
skipped with the reason when Chromium or chromedriver is missing, except in CI (``CI=true``,
``ORDSKIFTE_SLURM_TEST=1`` or ``ORDSKIFTE_BROWSER_TEST=1``, which ``.ci/run`` sets after
installing both), where a missing browser fails them.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from ordskifte.explorer.build import read_page_data

pytestmark = pytest.mark.integration

PAGE_LIMIT_BYTES = 5_000_000
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1600",
]
WAIT_SECONDS = 10


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A TSV's columns and rows, every cell the text in the file."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return list(rows[0]) if rows else [], rows


def values(row: dict[str, str], *keys: str) -> list[str]:
    """The row's cells but ``keys``, in the table's order."""
    return [v for k, v in row.items() if k not in keys]


@pytest.fixture(scope="module")
def results(bundled_run) -> Path:
    return bundled_run.results


@pytest.fixture(scope="module")
def page(results) -> dict:
    return read_page_data((results / "explorer.html").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the page's data
def test_page_is_one_small_file_that_keeps_everything_of_the_bundled_corpus(results, page):
    size = (results / "explorer.html").stat().st_size
    assert 100_000 < size < PAGE_LIMIT_BYTES, size
    assert page["left_out"]["terms"] == 0
    assert page["settings"]["used"] == {"min_count": 1, "kwic_lines": 25}


def test_every_term_has_its_frequency_and_keyness_rows(results, page):
    entries = page["entries"]
    _, corpus = read_rows(results / "frequencies" / "corpus.tsv")
    assert sorted(k for k in entries if k.startswith("term:")) == sorted(
        f"term:{r['term']}" for r in corpus
    )
    for row in corpus:
        assert entries[f"term:{row['term']}"]["corpus"] == values(row, "corpus", "term")
    _, by_period = read_rows(results / "frequencies" / "by_period.tsv")
    limit = page["settings"]["used"]["kwic_lines"]
    for row in by_period:
        entry = entries[f"term:{row['term']}"]
        assert entry["rates"][row["period"]] == values(row, "period", "term"), row
        # the KWIC lines, built from the token tables, are the counted occurrences: as many
        # as the table counts, or the first explorer.kwic_lines of them
        count = int(row["count"])
        assert entry["kwic_total"][row["period"]] == count, row
        built = Counter(page["docs"][line[0]][2] for line in entry["kwic"])
        assert built[row["period"]] == min(count, limit), row
    for period in ("frivillig", "psykisk_helse", "folkehelse"):
        _, keyness = read_rows(results / "keyness" / f"{period}_vs_rest.tsv")
        for row in keyness:
            assert entries[f"term:{row['term']}"]["keyness"][period] == values(row, "term")


def test_concepts_targets_and_actors_have_their_rows(results, page):
    entries = page["entries"]
    _, concepts = read_rows(results / "drift" / "concepts_by_period.tsv")
    for row in concepts:
        rates = entries[f"concept:{row['concept']}"]["rates"]
        assert rates[row["period"]] == values(row, "concept", "period")
    _, kwic = read_rows(results / "kwic" / "selvhjelp.tsv")
    target = entries["target:selvhjelp"]
    assert sum(target["kwic_total"].values()) == len(kwic)
    assert target["kwic"][0][4:] == [kwic[0]["left"], kwic[0]["match"], kwic[0]["right"]]
    _, actors = read_rows(results / "actors" / "mentions_by_period.tsv")
    for row in actors:
        entry = entries[f"actor:{row['actor']}"]
        assert entry["rates"][row["period"]] == values(row, "actor", "type", "period")
        assert entry["type"] == row["type"]


def test_term_years_use_the_same_documents_as_the_concept_table(results, page):
    """The per-year word tokens the page computes for terms are those of
    concepts_by_year.tsv, and a term's per-year counts add up to its count in the documents
    that have a year."""
    _, by_year = read_rows(results / "drift" / "concepts_by_year.tsv")
    tokens = {r["year"]: r["n_tokens"] for r in by_year}
    assert page["year_tokens"] == tokens
    _, documents = read_rows(results / "corpus" / "documents.tsv")
    dated = {d["doc_id"] for d in documents if d["year"]}
    _, by_document = read_rows(results / "frequencies" / "by_document.tsv")
    dated_count = sum(
        int(r["count"]) for r in by_document if r["term"] == "selvhjelp" and r["doc_id"] in dated
    )
    years = page["entries"]["term:selvhjelp"]["years"]
    assert sum(int(count) for count, _, _ in years.values()) == dated_count


# ------------------------------------------------------------------ in a browser
def _browser_required() -> bool:
    return (
        os.environ.get("CI") == "true"
        or os.environ.get("ORDSKIFTE_SLURM_TEST") == "1"
        or os.environ.get("ORDSKIFTE_BROWSER_TEST") == "1"
    )


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium of the OS packages through the OS's chromedriver (Selenium never
    looks for or downloads a browser or driver of its own: both paths are given)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver):
        reason = (
            "the explorer's browser test needs Chromium and chromedriver "
            "(Debian: apt-get install chromium chromium-driver)"
        )
        if _browser_required():
            pytest.fail(f"{reason}; in CI .ci/run installs them")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="ordskifte-chromium-")
    for flag in [*BROWSER_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def url(results, tmp_path_factory) -> str:
    """The page copied alone into an empty folder, as a file:// address."""
    folder = tmp_path_factory.mktemp("explorer-alone")
    shutil.copy(results / "explorer.html", folder / "explorer.html")
    return (folder / "explorer.html").as_uri()


def load(browser, address: str) -> None:
    """Open ``address`` as a new page (also when only its hash differs from the current one)."""
    browser.get("about:blank")
    browser.get(address)
    wait_for(browser, lambda b: b.execute_script("return document.readyState") == "complete")


def wait_for(browser, condition, message: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_SECONDS).until(condition, message)


def shown_title(browser) -> str:
    return browser.execute_script(
        "var h = document.getElementById('entry-title'); return h ? h.firstChild.data : '';"
    )


def cells(browser, table_id: str, attribute: str) -> dict[str, list[str]]:
    """Text of each row's value cells of a table on the page, by the row's ``attribute``
    (``data-period``, ``data-year``), in column order."""
    return browser.execute_script(
        """
        var table = arguments[0], attribute = arguments[1], out = {};
        document.querySelectorAll('#' + table + ' td[' + attribute + ']')
          .forEach(function (td) {
            var k = td.getAttribute(attribute);
            (out[k] = out[k] || []).push(td.textContent);
          });
        return out;
        """,
        table_id,
        attribute,
    )


def headers(browser, table_id: str) -> list[str]:
    """The TSV column each value column of a table shows."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' td')).slice(0, 50)"
        ".map(function (td) { return td.getAttribute('data-col'); });",
        table_id,
    )


def no_requests_and_no_errors(browser) -> None:
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
    )
    assert resources == [], f"the page loaded {resources}"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_deep_link_shows_the_tables_numbers(browser, url, results):
    load(browser, url + "#term=selvhjelp")
    wait_for(browser, lambda b: shown_title(b) == "selvhjelp ")
    assert browser.title.startswith("selvhjelp")
    _, by_period = read_rows(results / "frequencies" / "by_period.tsv")
    expected = {
        r["period"]: values(r, "period", "term") for r in by_period if r["term"] == "selvhjelp"
    }
    assert cells(browser, "rates", "data-period") == expected
    # the chart labels each period's point with the same text
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('#chart text.value'))"
        ".map(function (t) { return [t.getAttribute('data-period'), t.textContent]; });"
    )
    assert dict(labels) == {p: v[1] for p, v in expected.items()}
    _, corpus = read_rows(results / "frequencies" / "corpus.tsv")
    row = next(r for r in corpus if r["term"] == "selvhjelp")
    assert cells(browser, "corpus", "data-period") == {"corpus": values(row, "corpus", "term")}
    keyness = {}
    for period in expected:
        _, table = read_rows(results / "keyness" / f"{period}_vs_rest.tsv")
        keyness[period] = next(values(r, "term") for r in table if r["term"] == "selvhjelp")
    assert cells(browser, "keyness", "data-period") == keyness
    assert set(headers(browser, "keyness")) >= {"g2", "log_ratio"}
    # KWIC: doc_id, year and page on every line, the first explorer.kwic_lines per period
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#kwic tbody tr')).map(function (tr) {"
        " return Array.from(tr.children).map(function (td) { return td.textContent; }); });"
    )
    counts = {p: int(v[0]) for p, v in expected.items()}
    # documents without a period (the chapter's introduction and conclusion) have lines too
    counts[""] = int(row["count"]) - sum(counts.values())
    assert len(rows) == sum(min(n, 25) for n in counts.values())  # config explorer.kwic_lines
    assert all(r[0] and r[1] and r[5].lower().startswith(("selvhjelp", "sjølhjelp")) for r in rows)
    no_requests_and_no_errors(browser)


def test_typing_in_the_search_box_with_the_keyboard(browser, url, results):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    load(browser, url)
    box = browser.find_element(By.ID, "q")
    assert box.get_attribute("role") == "combobox"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=q]").text
    box.send_keys("psykisk hel")
    wait_for(browser, lambda b: b.find_element(By.ID, "suggestions").is_displayed())
    assert box.get_attribute("aria-expanded") == "true"
    options = [
        o.get_attribute("data-key")
        for o in browser.find_elements(By.CSS_SELECTOR, "#suggestions [role=option]")
    ]
    assert {"concept:psykisk_helse", "term:psykisk_helse", "term:psykisk_helsearbeid"} <= set(
        options
    )
    # Escape closes the list; an arrow key opens it again
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false"
    for _ in range(options.index("concept:psykisk_helse") + 1):
        box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant")
    assert browser.find_element(By.ID, active).get_attribute("data-key") == "concept:psykisk_helse"
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda b: shown_title(b) == "psykisk_helse ")
    assert browser.execute_script("return location.hash") == "#concept=psykisk_helse"
    _, table = read_rows(results / "drift" / "concepts_by_period.tsv")
    expected = {
        r["period"]: values(r, "concept", "period")
        for r in table
        if r["concept"] == "psykisk_helse"
    }
    assert cells(browser, "rates", "data-period") == expected
    # the chart draws an interval where the table has one
    drawn = browser.execute_script("return document.querySelectorAll('#chart line.ci').length")
    assert drawn == sum(1 for r in table if r["concept"] == "psykisk_helse" and r["ci_high"])
    no_requests_and_no_errors(browser)


def test_the_address_follows_what_is_opened(browser, url, results):
    load(browser, url + "#term=selvhjelp")
    wait_for(browser, lambda b: shown_title(b) == "selvhjelp ")
    browser.execute_script("location.hash = '#actor=Mental%20Helse'")
    wait_for(browser, lambda b: shown_title(b) == "Mental Helse ")
    _, table = read_rows(results / "actors" / "mentions_by_period.tsv")
    expected = {
        r["period"]: values(r, "actor", "type", "period")
        for r in table
        if r["actor"] == "Mental Helse"
    }
    assert cells(browser, "rates", "data-period") == expected
    browser.back()
    wait_for(browser, lambda b: shown_title(b) == "selvhjelp ")
    # a link on the page (a collocate of a concept) opens its term and sets the address
    browser.execute_script("location.hash = '#concept=folkehelse'")
    wait_for(browser, lambda b: shown_title(b) == "folkehelse ")
    first = browser.execute_script(
        "var a = document.querySelector('#collocates a'); a.click(); return a.textContent;"
    )
    wait_for(browser, lambda b: shown_title(b) == first + " ")
    assert browser.execute_script("return decodeURIComponent(location.hash)") == f"#term={first}"
    # an unknown word says so
    browser.execute_script("location.hash = '#term=finnesikke'")
    wait_for(browser, lambda b: "finnesikke" in b.find_element("id", "view").text)
    assert "no term" in browser.find_element("id", "view").text


def test_kwic_lines_filter_by_period_and_document_and_keep_it_in_the_address(browser, url, results):
    from selenium.webdriver.support.ui import Select

    load(browser, url + "#term=selvhjelp")
    wait_for(browser, lambda b: shown_title(b) == "selvhjelp ")
    _, documents = read_rows(results / "corpus" / "documents.tsv")
    period_of = {d["doc_id"]: d["period_used"] for d in documents}

    def shown_docs():
        return browser.execute_script(
            "return Array.from(document.querySelectorAll('#kwic td[data-col=doc_id]'))"
            ".map(function (td) { return td.textContent; });"
        )

    Select(browser.find_element("id", "kwic-period")).select_by_value("frivillig")
    docs = shown_docs()
    assert docs and {period_of[d] for d in docs} == {"frivillig"}
    assert "period=frivillig" in browser.execute_script("return location.hash")
    Select(browser.find_element("id", "kwic-doc")).select_by_value(docs[-1])
    assert set(shown_docs()) == {docs[-1]}
    # the filtered address opens the same lines
    address = browser.current_url
    load(browser, address)
    wait_for(browser, lambda b: shown_title(b) == "selvhjelp ")
    assert set(shown_docs()) == {docs[-1]}


def test_many_terms_show_their_table_rows(browser, url, results):
    """The 40 most frequent terms and every multi-word term, opened one after the other by
    their address: each shows its by_period.tsv rows."""
    _, corpus = read_rows(results / "frequencies" / "corpus.tsv")
    terms = [r["term"] for r in corpus[:40]] + [r["term"] for r in corpus if "_" in r["term"]]
    _, by_period = read_rows(results / "frequencies" / "by_period.tsv")
    load(browser, url)
    for term in terms:
        browser.execute_script("location.hash = arguments[0]", "#term=" + term)
        wait_for(browser, lambda b, t=term: shown_title(b) == t + " ", term)
        expected = {
            r["period"]: values(r, "period", "term") for r in by_period if r["term"] == term
        }
        shown = cells(browser, "rates", "data-period")
        assert {p: v for p, v in shown.items() if p in expected} == expected, term
        assert all(v[0] == "0" for p, v in shown.items() if p not in expected), term
