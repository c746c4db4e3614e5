"""The explorer's Python side: what it takes from each table, what it leaves out, the escaping
of the embedded data and byte-identical pages. Literal tables of a two-document corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from ordskifte.explorer.budget import (
    Plan,
    entry_bytes,
    fit_min_count,
    line_limits,
    mean_line_bytes,
    plan,
)
from ordskifte.explorer.build import (
    DATA_MARKER,
    FirstLines,
    Table,
    counted_spans,
    embed_json,
    grouped,
    kept_terms,
    key,
    page_template,
    read_page_data,
    render_page,
    year_rates,
)
from ordskifte.explorer.steps import explorer_step, read_table
from ordskifte.io import write_parquet
from ordskifte.text.tokenize import tokens_frame

# ------------------------------------------------------------------ a two-document corpus
# d1 (period a, 1990): "Selvhjelp er viktig. Psykisk helsearbeid og selvhjelp" over pages 1-2;
# d2 (period b, 2005): "Selvhjelp i kommunen </script><!-- selvhjelp", no pages.
TOKENS = {
    "d1": [
        # paragraph, sentence, page, form, lemma, term, is_stopword
        (0, 0, 1, "Selvhjelp", "selvhjelp", "selvhjelp", False),
        (0, 0, 1, "er", "være", "være", True),
        (0, 0, 1, "viktig", "viktig", "viktig", False),
        (1, 1, 2, "Psykisk", "psykisk", "psykisk_helsearbeid", False),
        (1, 1, 2, "helsearbeid", "helsearbeid", "", False),
        (1, 1, 2, "og", "og", "og", True),
        (1, 1, 2, "selvhjelp", "selvhjelp", "selvhjelp", False),
    ],
    "d2": [
        (0, 0, None, "Selvhjelp", "selvhjelp", "selvhjelp", False),
        (0, 0, None, "i", "i", "i", True),
        (0, 0, None, "kommunen", "kommune", "kommune", False),
        (0, 0, None, "</script><!--", "script", "script", True),
        (0, 0, None, "selvhjelp", "selvhjelp", "selvhjelp", False),
    ],
}
KEYNESS_HEADER = (
    "term\tcount_target\tcount_reference\tper_10k_target\tper_10k_reference\t"
    "g2\tp_value\tlog_ratio\tdirection\n"
)
KWIC_HEADER = "doc_id\tperiod\tyear\tpage\tparagraph\tsentence\tleft\tmatch\tright\tlemma\n"
TABLES = {
    "documents.tsv": """\
doc_id	file	title	year	period	period_used	period_source
d1	d1.txt	Første dokument	1990	a	a	manifest
d2	d2.txt	Andre dokument	2005		b	year
""",
    "summary.tsv": "doc_id\tstatus\ttokens\nd1\tanalysed\t7\nd2\tanalysed\t5\n",
    "corpus.tsv": """\
corpus	term	count	per_10k	doc_freq	tfidf
all	selvhjelp	4	3333.33	2	3333.33
all	kommune	1	833.333	1	1171.11
all	psykisk_helsearbeid	1	833.333	1	1171.11
all	viktig	1	833.333	1	1171.11
""",
    "by_period.tsv": """\
period	term	count	per_10k	doc_freq	tfidf
a	selvhjelp	2	2857.14	1	2857.14
a	psykisk_helsearbeid	1	1428.57	1	2007.62
a	viktig	1	1428.57	1	2007.62
b	selvhjelp	2	4000	1	4000
b	kommune	1	2000	1	2810.93
""",
    "by_document.tsv": """\
doc_id	period	term	count	per_10k
d1	a	selvhjelp	2	2857.14
d1	a	psykisk_helsearbeid	1	1428.57
d1	a	viktig	1	1428.57
d2	b	selvhjelp	2	4000
d2	b	kommune	1	2000
""",
    "period_totals.tsv": "period\tn_docs\ttokens\tcontent_tokens\na\t1\t7\t5\nb\t1\t5\t3\n",
    "a_vs_rest.tsv": KEYNESS_HEADER
    + """\
selvhjelp	2	2	2857.14	4000	0.0849	0.770768	-0.485427	reference
""",
    "b_vs_rest.tsv": KEYNESS_HEADER
    + """\
selvhjelp	2	2	4000	2857.14	0.0849	0.770768	0.485427	target
""",
    "concepts_by_period.tsv": """\
concept	period	count	n_tokens	per_10k	ci_low	ci_high	n_docs
psykisk_helse	a	1	7	1428.57	1428.57	1428.57	1
psykisk_helse	b	0	5	0	0	0	1
""",
    "concepts_by_year.tsv": """\
concept	year	count	n_tokens	per_10k	ci_low	ci_high	n_docs
psykisk_helse	1990	1	7	1428.57			1
psykisk_helse	2005	0	5	0			1
""",
    "concepts_corpus.tsv": """\
concept	corpus	count	n_tokens	per_10k	ci_low	ci_high	n_docs
psykisk_helse	all	1	12	833.333	0	1428.57	2
""",
    "collocates_psykisk_helse.tsv": """\
period	rank	collocate	co_freq	target_freq	collocate_freq	expected	g2	pmi	thin
a	1	selvhjelp	1	1	2	0.5	1.38629	1	True
a	2	viktig	1	1	1	0.25	2.77259	2	True
""",
    "collocates_selvhjelp.tsv": """\
period	rank	collocate	co_freq	target_freq	collocate_freq	expected	g2	pmi	thin
b	1	kommune	1	2	1	0.4	1.83258	1.32193	True
""",
    "kwic_psykisk_helse.tsv": """\
doc_id	period	year	page	paragraph	sentence	left	match	right	lemma
d1	a	1990	2	1	1		Psykisk helsearbeid	og selvhjelp	psykisk helsearbeid
""",
    "kwic_selvhjelp.tsv": """\
doc_id	period	year	page	paragraph	sentence	left	match	right	lemma
d1	a	1990	1	0	0		Selvhjelp	er viktig	selvhjelp
d1	a	1990	2	1	1	Psykisk helsearbeid og	selvhjelp		selvhjelp
d2	b	2005		0	0		Selvhjelp	"i ""kommunen"" nå"	selvhjelp
""",
    "actors_by_period.tsv": """\
actor	type	period	count	per_10k	n_docs	ci_low	ci_high	n_tokens	group_docs
Mental Helse	user_organisation	a	0	0	0	0	0	7	1
Mental Helse	user_organisation	b	1	2000	1	2000	2000	5	1
""",
    "actors_by_year.tsv": """\
actor	type	year	count	per_10k	n_docs	ci_low	ci_high	n_tokens	group_docs
Mental Helse	user_organisation	1990	0	0	0			7	1
Mental Helse	user_organisation	2005	1	2000	1			5	1
""",
    "actors_kwic.tsv": "actor\ttype\t"
    + KWIC_HEADER
    + """\
Mental Helse	user_organisation	d2	b	2005		0	0	Selvhjelp i	kommunen		kommune
""",
}


def _tokens_table(rows) -> dict[str, list]:
    paragraph, sentence, page, form, lemma, term, stop = (list(c) for c in zip(*rows, strict=True))
    return {
        "paragraph": paragraph,
        "sentence": sentence,
        "page": page,
        "language": ["nb"] * len(rows),
        "token": [f.lower() for f in form],
        "form": form,
        "lemma": lemma,
        "term": term,
        "is_stopword": stop,
        "concepts": [""] * len(rows),
        "targets": [""] * len(rows),
    }


def write_corpus(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, text in TABLES.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    for doc, rows in TOKENS.items():
        paths[doc] = folder / f"{doc}.parquet"
        write_parquet(tokens_frame(_tokens_table(rows)), paths[doc])
    return paths


def build(folder: Path, *, out: str = "explorer.html", **options) -> str:
    """Run the explorer step on the two-document corpus; the page's text."""
    paths = write_corpus(folder)
    settings = {
        "min_count": 1,
        "kwic_lines": 25,
        "collocates_shown": 10,
        "max_mb": 5,
        "window": 3,
    }
    settings.update(options)
    explorer_step(
        documents=paths["documents.tsv"],
        summary=paths["summary.tsv"],
        tokens=[paths["d2"], paths["d1"]],  # not in doc_id order: the step sorts
        doc_ids=["d2", "d1"],
        by_period=paths["by_period.tsv"],
        by_document=paths["by_document.tsv"],
        corpus=paths["corpus.tsv"],
        period_totals=paths["period_totals.tsv"],
        keyness={"a": paths["a_vs_rest.tsv"], "b": paths["b_vs_rest.tsv"]},
        concepts_by_period=paths["concepts_by_period.tsv"],
        concepts_by_year=paths["concepts_by_year.tsv"],
        concepts_corpus=paths["concepts_corpus.tsv"],
        collocates={
            "psykisk_helse": paths["collocates_psykisk_helse.tsv"],
            "selvhjelp": paths["collocates_selvhjelp.tsv"],
        },
        kwic={
            "psykisk_helse": paths["kwic_psykisk_helse.tsv"],
            "selvhjelp": paths["kwic_selvhjelp.tsv"],
        },
        actors_by_period=paths["actors_by_period.tsv"],
        actors_by_year=paths["actors_by_year.tsv"],
        actors_kwic=paths["actors_kwic.tsv"],
        periods=[{"name": "a", "label": "Period A"}, {"name": "b", "label": "Period B"}],
        concepts=["psykisk_helse"],
        targets=["selvhjelp"],
        out=str(folder / out),
        **settings,
    )
    return (folder / out).read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path) -> dict:
    return read_page_data(build(tmp_path))


# ------------------------------------------------------------------ the step, end to end
def test_term_values_are_the_tables_strings(data):
    entry = data["entries"]["term:selvhjelp"]
    assert data["columns"]["term"]["rates"] == ["count", "per_10k", "doc_freq", "tfidf"]
    assert entry["rates"] == {
        "a": ["2", "2857.14", "1", "2857.14"],
        "b": ["2", "4000", "1", "4000"],
    }
    assert entry["corpus"] == ["4", "3333.33", "2", "3333.33"]
    assert entry["keyness"]["a"] == [
        "2",
        "2",
        "2857.14",
        "4000",
        "0.0849",
        "0.770768",
        "-0.485427",
        "reference",
    ]
    assert entry["keyness"]["b"][-2:] == ["0.485427", "target"]
    # a term below keyness.min_count has no keyness row; one absent from a period no rate row
    assert "keyness" not in data["entries"]["term:kommune"]
    assert set(data["entries"]["term:kommune"]["rates"]) == {"b"}


def test_term_rates_by_year_are_computed_from_documents_and_their_tokens(data):
    assert data["year_tokens"] == {"1990": "7", "2005": "5"}
    assert data["columns"]["term"]["years"] == ["count", "tokens", "per_10k"]
    assert data["entries"]["term:selvhjelp"]["years"] == {
        "1990": ["2", "7", "2857.14"],
        "2005": ["2", "5", "4000"],
    }
    assert data["entries"]["term:viktig"]["years"] == {"1990": ["1", "7", "1428.57"]}


def test_term_kwic_lines_are_the_counted_occurrences_with_doc_page_and_sentence(data):
    docs = data["docs"]
    assert docs == [["d1", "1990", "a", "Første dokument"], ["d2", "2005", "b", "Andre dokument"]]
    lines = data["entries"]["term:selvhjelp"]["kwic"]
    # [doc, page, paragraph, sentence, left, match, right]; d1 before d2, in text order
    assert lines == [
        [0, "1", "0", "0", "", "Selvhjelp", "er viktig"],
        [0, "2", "1", "1", "Psykisk helsearbeid og", "selvhjelp", ""],
        [1, "", "0", "0", "", "Selvhjelp", "i kommunen </script><!--"],
        [1, "", "0", "0", "i kommunen </script><!--", "selvhjelp", ""],
    ]
    assert data["entries"]["term:selvhjelp"]["kwic_total"] == {"a": 2, "b": 2}
    # a multi-word term spans the tokens joined into it; context stops at the paragraph
    assert data["entries"]["term:psykisk_helsearbeid"]["kwic"] == [
        [0, "2", "1", "1", "", "Psykisk helsearbeid", "og selvhjelp"]
    ]


def test_concepts_targets_and_actors_come_from_their_tables(data):
    concept = data["entries"]["concept:psykisk_helse"]
    assert concept["rates"]["a"] == ["1", "7", "1428.57", "1428.57", "1428.57", "1"]
    assert concept["years"]["1990"] == ["1", "7", "1428.57", "", "", "1"]
    assert concept["corpus"] == ["1", "12", "833.333", "0", "1428.57", "2"]
    assert [row[1] for row in concept["collocates"]["a"]] == ["selvhjelp", "viktig"]
    assert concept["kwic"] == [[0, "2", "1", "1", "", "Psykisk helsearbeid", "og selvhjelp"]]
    target = data["entries"]["target:selvhjelp"]
    assert "rates" not in target  # no table holds target rates
    assert target["kwic"][2] == [1, "", "0", "0", "", "Selvhjelp", 'i "kommunen" nå']
    assert target["kwic_total"] == {"a": 2, "b": 1}
    actor = data["entries"]["actor:Mental Helse"]
    assert actor["type"] == "user_organisation"
    assert actor["rates"]["b"] == ["1", "2000", "1", "2000", "2000", "5", "1"]
    assert data["columns"]["actor"]["rates"][-2:] == ["n_tokens", "group_docs"]
    assert actor["kwic"] == [[1, "", "0", "0", "Selvhjelp i", "kommunen", ""]]


def test_completion_index_lists_every_entry_most_frequent_first(data):
    assert data["index"] == [
        ["term:selvhjelp", "4"],
        ["target:selvhjelp", "3"],
        ["actor:Mental Helse", "1"],
        ["concept:psykisk_helse", "1"],
        ["term:kommune", "1"],
        ["term:psykisk_helsearbeid", "1"],
        ["term:viktig", "1"],
    ]
    assert set(data["entries"]) == {k for k, _ in data["index"]}


def test_what_is_kept_is_configurable_and_the_page_says_what_was_left_out(tmp_path):
    data = read_page_data(build(tmp_path, min_count=2, kwic_lines=1, collocates_shown=1))
    assert [k for k, _ in data["index"] if k.startswith("term:")] == ["term:selvhjelp"]
    assert data["left_out"]["terms"] == 3
    assert data["settings"] == {
        "min_count": 2,
        "kwic_lines": 1,
        "collocates": 1,
        "max_mb": 5,
        "window": 3,
        "used": {"min_count": 2, "kwic_lines": 1},
    }
    term = data["entries"]["term:selvhjelp"]
    assert [line[:2] for line in term["kwic"]] == [[0, "1"], [1, ""]]  # the first of each period
    assert term["kwic_total"] == {"a": 2, "b": 2}
    # term 2 + target 1 + concept 0 + actor 0 lines beyond the first per period
    assert data["left_out"]["kwic_lines"] == 3
    assert len(data["entries"]["concept:psykisk_helse"]["collocates"]["a"]) == 1


def test_all_kwic_lines_are_kept_with_kwic_lines_0(tmp_path):
    data = read_page_data(build(tmp_path, kwic_lines=0))
    assert len(data["entries"]["term:selvhjelp"]["kwic"]) == 4
    assert data["left_out"]["kwic_lines"] == 0


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("min_count", 0, "explorer.min_count"),
        ("kwic_lines", -1, "explorer.kwic_lines"),
        ("collocates_shown", -1, "explorer.collocates"),
        ("max_mb", -1, "explorer.max_mb"),
    ],
)
def test_bad_settings_are_named(tmp_path, option, value, message):
    with pytest.raises(ValueError, match=message):
        build(tmp_path, **{option: value})


def test_page_is_byte_identical_when_built_again(tmp_path, monkeypatch):
    """Built twice in two folders from the same tables (named by relative paths, as the rule
    names them): the same bytes, and nothing of the run (time, folder) in them."""
    pages = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        pages.append(build(Path(".")).encode("utf-8"))
    assert pages[0] == pages[1]
    assert str(tmp_path).encode("utf-8") not in pages[0]


def test_script_end_in_the_data_cannot_close_the_script_element(tmp_path):
    page = build(tmp_path)
    # the data's and the page script's own closing tags, no third one from the KWIC line
    assert page.count("</script>") == 2
    assert page.count("<!--") == page_template().count("<!--")
    assert "\\u003c/script\\u003e\\u003c!--" in page
    lines = read_page_data(page)["entries"]["term:selvhjelp"]["kwic"]
    assert lines[2][6] == "i kommunen </script><!--"


# ------------------------------------------------------------------ the pieces
def test_embed_json_escapes_what_could_end_a_script_and_round_trips():
    value = {"b": "</script><!-- & > \u2028\u2029", "a": ["æøå", 1]}
    text = embed_json(value)
    assert text == (
        '{"a":["æøå",1],"b":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\\u2029"}'
    )
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_render_page_needs_the_marker_exactly_once():
    assert render_page({"x": "<"}, f"<p>{DATA_MARKER}</p>") == '<p>{"x":"\\u003c"}</p>'
    for template in ("<p></p>", f"{DATA_MARKER}{DATA_MARKER}"):
        with pytest.raises(ValueError, match="exactly once"):
            render_page({}, template)


def test_template_loads_nothing_from_anywhere_else():
    page = page_template()
    assert page.count(DATA_MARKER) == 1
    # the only address is the SVG namespace, which names and loads nothing
    assert re.findall(r"https?://[^\s\"')]+", page) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page)
    assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|import)\s*\(", page)
    assert "default-src 'none'" in page  # the page's own policy forbids requests, too


def test_key_names_the_kind():
    assert key("actor", "Mental Helse") == "actor:Mental Helse"
    with pytest.raises(ValueError, match="unknown explorer entry kind"):
        key("word", "x")


def test_grouped_keys_rows_by_entry_and_column():
    table = Table(["concept", "period", "count", "per_10k"], [["f", "a", "1", "2.5"]])
    assert grouped(table, entry="concept", by="period") == {"f": {"a": ["1", "2.5"]}}
    assert grouped(table, entry="period", drop=["concept"]) == {"a": [["1", "2.5"]]}
    assert grouped(table, entry="concept", keep=set()) == {}


def test_kept_terms_by_whole_corpus_count():
    corpus = Table(["corpus", "term", "count"], [["all", "x", "5"], ["all", "y", "2"]])
    assert kept_terms(corpus, min_count=1) == (["x", "y"], 0)
    assert kept_terms(corpus, min_count=3) == (["x"], 1)
    with pytest.raises(ValueError, match="at least 1"):
        kept_terms(corpus, min_count=0)


def test_first_lines_keeps_the_first_of_each_entry_and_period_and_counts_all():
    first = FirstLines(2)
    taken = [first.take(k, p) for k, p in ["xa", "xa", "xa", "xb", "ya"]]
    assert taken == [True, True, False, True, True]
    assert first.totals("x") == {"a": 3, "b": 1}
    assert all(FirstLines(0).take("x", "a") for _ in range(100))


def test_counted_spans_are_what_the_frequency_tables_count(tmp_path):
    tokens = tokens_frame(_tokens_table(TOKENS["d1"]))
    everything = {"selvhjelp", "viktig", "psykisk_helsearbeid", "være", "og"}
    assert counted_spans(tokens, everything) == [
        ("selvhjelp", 0, 1),
        ("viktig", 2, 3),
        ("psykisk_helsearbeid", 3, 5),
        ("selvhjelp", 6, 7),
    ]
    assert counted_spans(tokens, {"viktig"}) == [("viktig", 2, 3)]
    assert counted_spans(tokens.iloc[:0], everything) == []


def test_year_rates_leave_out_documents_without_year_or_tokens():
    by_document = Table(
        ["doc_id", "period", "term", "count", "per_10k"],
        [["d1", "a", "x", "3", "1"], ["d2", "a", "x", "1", "1"], ["d3", "", "x", "2", "1"]],
    )
    year_tokens, rates = year_rates(
        pd.DataFrame(
            [[r[0], r[2], int(r[3])] for r in by_document.rows],
            columns=["doc_id", "term", "count"],
        ),
        doc_years={"d1": "2001", "d2": "2001", "d3": "", "d4": "2002"},
        doc_tokens={"d1": 30, "d2": 10, "d3": 5, "d4": 0},
        keep={"x"},
    )
    assert year_tokens == {"2001": "40"}
    assert rates == {"x": {"2001": ["4", "40", "1000"]}}


def test_read_table_keeps_every_cell_as_written(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text('a\tb\n0.100\t"x ""y"""\n\tNA\n', encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["a", "b"]
    assert table.rows == [["0.100", 'x "y"'], ["", "NA"]]


# ------------------------------------------------------------------ the size budget
def test_max_mb_leaves_out_the_rarest_terms_when_fewer_lines_are_not_enough(tmp_path):
    full = len(build(tmp_path, max_mb=0, kwic_lines=0).encode("utf-8"))
    page = build(tmp_path, max_mb=(full - 1) / 1e6, kwic_lines=0).encode("utf-8")
    assert len(page) <= full - 1
    data = read_page_data(page.decode("utf-8"))
    # no term has more than 2 lines in a period: fewer lines per period (down to 3) save
    # nothing, so the terms counted once go
    assert data["settings"]["used"] == {"min_count": 4, "kwic_lines": 3}
    assert [k for k, _ in data["index"] if k.startswith("term:")] == ["term:selvhjelp"]
    assert data["left_out"]["terms"] == 3
    assert len(data["entries"]["term:selvhjelp"]["kwic"]) == 4


def test_a_budget_below_the_page_without_terms_keeps_no_term_and_says_so(tmp_path, caplog):
    page = build(tmp_path, max_mb=0.001)
    data = read_page_data(page)
    assert not [k for k in data["entries"] if k.startswith("term:")]
    assert data["left_out"]["terms"] == 4
    assert "concept:psykisk_helse" in data["entries"]
    assert "above explorer.max_mb even without terms" in caplog.text


def test_a_page_within_the_budget_keeps_what_the_settings_say(tmp_path):
    data = read_page_data(build(tmp_path, max_mb=5))
    assert data["settings"]["used"] == {"min_count": 1, "kwic_lines": 25}
    assert data["left_out"] == {"terms": 0, "kwic_lines": 0}


@pytest.mark.parametrize(
    "kwic_lines, limits",
    [(25, [25, 12, 6, 3]), (0, [0, 100, 50, 25, 12, 6, 3]), (5, [5, 3]), (3, [3]), (1, [1])],
)
def test_line_limits_halve_down_to_three(kwic_lines, limits):
    assert line_limits(kwic_lines) == limits


def test_fit_min_count_keeps_the_most_frequent_terms_that_fit_with_ties_together():
    sizes = [(10, 100), (5, 50), (5, 50), (2, 30), (1, 10)]
    assert fit_min_count(sizes, room=1000, min_count=1) == 1
    assert fit_min_count(sizes, room=230, min_count=1) == 2
    assert fit_min_count(sizes, room=199, min_count=1) == 10  # both 5s or neither
    assert fit_min_count(sizes, room=99, min_count=1) == 11  # not even the first
    assert fit_min_count(sizes, room=1000, min_count=3) == 3


def test_plan_lowers_the_lines_first_then_raises_min_count():
    counts = {"a": {"p": 40}, "b": {"p": 10}, "c": {"p": 1}}
    base = {"a": 100, "b": 100, "c": 100}
    room = {25: 0, 12: 0, 6: 0, 3: 0}

    def planned(space: int) -> Plan:
        return plan(
            counts,
            base=base,
            line_bytes=10,
            room=dict.fromkeys(room, space),
            min_count=1,
            kwic_lines=25,
        )

    # lines kept: a 25 + b 10 + c 1 = 36 (360 bytes) at 25; 12 + 10 + 1 at 12; ...
    assert planned(660) == Plan(1, 25)
    assert planned(659) == Plan(1, 12)
    assert planned(300 + 10 * (6 + 6 + 1)) == Plan(1, 6)
    assert planned(300 + 10 * 7) == Plan(1, 3)
    assert planned(200 + 10 * 6) == Plan(10, 3)
    assert plan(counts, base=base, line_bytes=10, room=None, min_count=2, kwic_lines=0) == Plan(
        2, 0
    )


def test_entry_bytes_are_the_bytes_the_entry_adds_to_the_page():
    entry = {"kwic": [[0, "", "1", "2", "<l>", "match", "r"]], "rates": {"a": ["1", "2"]}}
    with_entry = embed_json(
        {"entries": {"term:x": entry, "term:y": {}}, "index": [["term:x", "3"], ["term:y", "1"]]}
    )
    without = embed_json({"entries": {"term:y": {}}, "index": [["term:y", "1"]]})
    assert entry_bytes("term:x", entry, "3") == len(with_entry.encode()) - len(without.encode())
    assert mean_line_bytes([[0, "", "1", "2", "a", "b", "c"]], window=8) == len(
        '[0,"","1","2","a","b","c"],'
    )
    assert mean_line_bytes([], window=8) == 40 + 16 * 8
