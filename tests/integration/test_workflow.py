"""The whole workflow on the bundled corpus: outputs, the chapter's finding, reruns, the report,
determinism (two full runs, ``--cores 4`` and ``--cores 1``), and adding a document.

The run itself happens once per session (fixture ``bundled_run`` in conftest.py).
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml
from integration_helpers import (
    MANIFEST,
    PER_DOCUMENT_RULES,
    ROOT,
    SNAKEFILE,
    SNAKEMAKE,
    dry_run_jobs,
    file_hashes,
    run_snakemake,
)

pytestmark = pytest.mark.integration

PERIODS = ["frivillig", "psykisk_helse", "folkehelse"]
CONCEPTS = ["frivillig", "psykisk_helse", "folkehelse"]
FIGURES = [
    "concepts_by_period",
    "concepts_by_year",
    "top_terms",
    "keyness",
    "jsd_periods",
    "actor_mentions",
    "actor_types",
    "actor_networks",
    "collocates_selvhjelp",
    "neighbour_overlap",
    "word_shift",
    "semantic_change",
]


def read_tsv(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", encoding="utf-8", **kwargs)


def read_manifest(run) -> pd.DataFrame:
    return read_tsv(run.workdir / "corpus" / "documents.tsv", dtype=str, keep_default_na=False)


# ------------------------------------------------------------------ docs/outputs.md
def documented_outputs() -> list[tuple[list[str], str]]:
    """(paths, content) for each row of the tables in docs/outputs.md, paths as written there
    (placeholders like ``{doc}``; a bare file name continues the folder of the path before it)."""
    text = (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`results/"):
            continue
        paths, folder = [], ""
        for name in re.findall(r"`([^`]+)`", cells[0]):
            if "/" not in name:
                name = f"{folder}/{name}"
            folder = name.rsplit("/", 1)[0]
            paths.append(name)
        rows.append((paths, cells[1]))
    assert len(rows) >= 15, f"docs/outputs.md tables look truncated: {rows}"
    return rows


def expand(pattern: str, *, doc_ids, periods, kwic_names) -> list[str]:
    """Concrete paths for a documented path pattern."""
    if "{previous}" in pattern:
        pairs = zip(periods[1:], periods[:-1], strict=True)
        return [pattern.format(period=p, previous=q) for p, q in pairs]
    if "{period}" in pattern:
        return [pattern.format(period=p) for p in periods]
    if "{doc}" in pattern:
        return [pattern.format(doc=d) for d in doc_ids]
    if "{name}" in pattern:
        return [pattern.format(name=n) for n in kwic_names]
    if "{pair}" in pattern:  # consecutive periods (every bundled period has documents)
        pairs = zip(periods[:-1], periods[1:], strict=True)
        return [pattern.format(pair=f"{a}_to_{b}") for a, b in pairs]
    return [pattern]


def documented_columns(content: str) -> list[str] | None:
    """The column list of a documented row when its content cell is a plain list of column names
    (parenthesised remarks dropped), else None."""
    items = [c.strip() for c in re.sub(r"\([^)]*\)", "", content).split(",")]
    if len(items) >= 3 and all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in items):
        return items
    return None


def test_run_finishes_every_job(bundled_run):
    assert bundled_run.returncode == 0, bundled_run.describe()
    done = re.findall(r"(\d+) of (\d+) steps \(100%\) done", bundled_run.output)
    assert done and done[-1][0] == done[-1][1], bundled_run.describe()


def test_jobs_take_arrows_buffers_from_malloc(bundled_run):
    # ordskifte/__init__.py sets ARROW_DEFAULT_MEMORY_POOL (also in this test process, whose
    # environment the run inherits: tests/unit/test_arrow_allocator.py checks the import
    # order without it); each job that used Arrow says which allocator it had.
    logs = sorted((bundled_run.workdir / "logs" / "document").glob("*.log"))
    assert logs, "no document logs"
    for log in logs:
        assert "Arrow memory pool: system" in log.read_text(encoding="utf-8"), log.name


def test_rerun_has_nothing_to_do(bundled_run):
    # First test after the run: a dry run with the same arguments must find nothing to do.
    run = run_snakemake(bundled_run.workdir, "-n", timeout=120)
    assert run.returncode == 0, run.describe()
    assert "Nothing to be done" in run.output, run.describe()
    assert "Job stats" not in run.output, run.describe()


# ------------------------------------------------------------------ adding a document
NEW_DOCUMENT = """\
Folkehelse er et felles ansvar. Kommunene skal fremme folkehelse og forebygge sykdom i hele
befolkningen, ikke bare behandle dem som allerede er syke.

Selvhjelpsgrupper kan styrke folkehelsearbeidet i nærmiljøet – særlig for dem som står utenfor
arbeidslivet. Frivillige organisasjoner er viktige samarbeidspartnere for kommunen.
"""
NEW_ROW = "\t".join(
    [
        "notat-2020-folkehelse",
        "excerpts/notat-2020-folkehelse.txt",
        "Notat om folkehelse",
        "Testkommunen",
        "2020",
        "",
        "notat",
        "nb",
        "Testkommunen (2020)",
        "",
    ]
)


def test_adding_a_document_runs_only_its_own_jobs(bundled_run, tmp_path):
    workdir = tmp_path / "copy"
    shutil.copytree(bundled_run.workdir, workdir, symlinks=True)  # keeps mtimes, .snakemake/
    new = "notat-2020-folkehelse"
    (workdir / "corpus" / "excerpts" / f"{new}.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    manifest = workdir / "corpus" / "documents.tsv"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.rstrip("\n") + "\n" + NEW_ROW + "\n", encoding="utf-8")

    run = run_snakemake(workdir, "-n", timeout=120)
    assert run.returncode == 0, run.describe()
    jobs = dry_run_jobs(run.stdout)
    assert jobs, run.describe()
    per_document = sorted((r, w.get("doc")) for r, w in jobs if r in PER_DOCUMENT_RULES)
    assert per_document == sorted((r, new) for r in PER_DOCUMENT_RULES), per_document
    others = {r for r, _ in jobs if r not in PER_DOCUMENT_RULES}
    aggregates = {
        "documents",
        "frequencies",
        "keyness_vs_rest",
        "keyness_vs_previous",
        "concepts",
        "jsd",
        "collocates",
        "word_shift",
        "semantic_change_pair",
        "semantic_change",
        "compounds",
        "births",
        "term_evidence",
        "kwic",
        "summary",
        "config_snapshot",
        "provenance",
        "segments",
        "topic_model",
        "topic_prevalence",
        "topic_alignment",
        "actor_mentions",
        "actor_rates",
        "actor_network",
        "group_tables",
        "explorer",
        "all",
    }
    unexpected = {r for r in others if r not in aggregates and not r.startswith("figure_")}
    assert not unexpected, unexpected
    assert {"documents", "frequencies", "concepts", "kwic", "summary"} <= others, others
    assert not any(w.get("doc") not in (None, new) for _, w in jobs), jobs
    # The new document is in folkehelse: semantic change reruns only the pair it is part of.
    pairs = sorted(w.get("pair") for r, w in jobs if r == "semantic_change_pair")
    assert pairs == ["psykisk_helse_to_folkehelse"], jobs


def test_every_documented_output_exists(bundled_run):
    results = bundled_run.results
    effective = yaml.safe_load((results / "corpus" / "config.yaml").read_text(encoding="utf-8"))
    periods = [p["name"] for p in effective["periods"]]
    kwic_names = sorted(set(effective["concepts"]) | set(effective["targets"]))
    doc_ids = list(read_manifest(bundled_run)["doc_id"])
    missing, checked = [], 0
    for patterns, _content in documented_outputs():
        for pattern in patterns:
            if pattern == "results/report.html":
                continue  # made by `snakemake --report`, see test_report
            if "*" in pattern:
                found = sorted(bundled_run.workdir.glob(pattern))
                checked += len(found)
                if not found:
                    missing.append(pattern)
                continue
            for rel in expand(pattern, doc_ids=doc_ids, periods=periods, kwic_names=kwic_names):
                checked += 1
                path = bundled_run.workdir / rel
                if not path.is_file():
                    missing.append(rel)
    assert not missing, f"outputs named in docs/outputs.md but not made: {missing}"
    # tokens, cleaned text and footnotes of every document, and at least 20 aggregates
    assert checked >= 3 * len(doc_ids) + 20, checked


def test_figures_are_written_as_png_and_svg(bundled_run):
    figures = bundled_run.results / "figures"
    for name in FIGURES:
        png = (figures / f"{name}.png").read_bytes()
        svg = (figures / f"{name}.svg").read_text(encoding="utf-8")
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000, name
        assert "<svg" in svg and "</svg>" in svg, name


def test_tables_have_the_documented_columns_and_rows(bundled_run):
    effective = yaml.safe_load(
        (bundled_run.results / "corpus" / "config.yaml").read_text(encoding="utf-8")
    )
    periods = [p["name"] for p in effective["periods"]]
    kwic_names = sorted(set(effective["concepts"]) | set(effective["targets"]))
    checked = 0
    for patterns, content in documented_outputs():
        columns = documented_columns(content)
        if columns is None:
            continue
        for pattern in patterns:
            paths = expand(
                pattern,
                doc_ids=["stortinget-2007-brustad"],
                periods=periods,
                kwic_names=kwic_names,
            )
            for rel in paths:
                path = bundled_run.workdir / rel
                if path.suffix == ".json":  # a record: its keys are the documented columns
                    record = json.loads(path.read_text(encoding="utf-8"))
                    assert list(record) == columns, rel
                    checked += 1
                    continue
                if path.suffix == ".parquet":
                    table = pd.read_parquet(path)
                else:
                    table = read_tsv(path, dtype=str, keep_default_na=False)
                assert list(table.columns) == columns, rel
                assert len(table) > 0, f"{rel} has no rows"
                checked += 1
    # by_period, by_document, period_totals, 5 keyness tables, concepts_by_period,
    # jsd_periods, 4 KWIC tables, a tokens table
    assert checked >= 15, checked


# ------------------------------------------------------------------ corpus summary
def test_summary_has_one_row_per_manifest_row_in_order(bundled_run):
    manifest = read_manifest(bundled_run)
    summary = read_tsv(
        bundled_run.results / "corpus" / "summary.tsv", dtype=str, keep_default_na=False
    )
    assert len(manifest) == 17
    assert list(summary["doc_id"]) == list(manifest["doc_id"])
    status = dict(zip(summary["doc_id"], summary["status"], strict=True))
    assert status.pop("hedlund-landstad-2012").startswith("excluded")
    not_analysed = {d: s for d, s in status.items() if not s.startswith("analysed")}
    assert not not_analysed, not_analysed


def test_documents_table_records_where_each_period_came_from(bundled_run):
    docs = read_tsv(
        bundled_run.results / "corpus" / "documents.tsv", dtype=str, keep_default_na=False
    ).set_index("doc_id")
    assert len(docs) == 17
    # the chapter's framing sections discuss every period: no period on purpose, whatever
    # their year (2019 would put them in folkehelse)
    for doc_id in ["feiring-2019-1-innledning", "feiring-2019-5-konklusjon"]:
        assert tuple(docs.loc[doc_id, ["period_used", "period_source"]]) == (
            "",
            "manifest (none)",
        )
    # year 2019 but the manifest's own period wins
    assert tuple(docs.loc["feiring-2019-2-sivilsamfunn", ["period_used", "period_source"]]) == (
        "frivillig",
        "manifest",
    )
    # no year, period from the manifest
    assert tuple(docs.loc["intervju-nsf-selvstendig", ["period_used", "period_source"]]) == (
        "folkehelse",
        "manifest",
    )


def test_framing_sections_count_in_the_corpus_wide_tables_only(bundled_run):
    """The chapter's introduction and conclusion (period none) are in no period's table."""
    framing = {"feiring-2019-1-innledning", "feiring-2019-5-konklusjon"}
    results = bundled_run.results
    by_document = read_tsv(results / "frequencies" / "by_document.tsv", keep_default_na=False)
    assert set(by_document.loc[by_document["doc_id"].isin(framing), "period"]) == {""}
    summary = read_tsv(results / "corpus" / "summary.tsv", keep_default_na=False)
    with_period = summary[summary["status"].eq("analysed")]
    assert framing.isdisjoint(with_period["doc_id"])
    totals = read_tsv(results / "frequencies" / "period_totals.tsv").set_index("period")
    assert totals["n_docs"].to_dict() == with_period.groupby("period").size().to_dict()
    corpus_docs = by_document.groupby("doc_id")["count"].sum()
    corpus = read_tsv(results / "frequencies" / "corpus.tsv")
    assert corpus["count"].sum() == corpus_docs.sum()  # the framing sections count here
    assert corpus_docs[sorted(framing)].gt(0).all()
    mentions = read_tsv(results / "actors" / "mentions_by_document.tsv", keep_default_na=False)
    assert set(mentions.loc[mentions["doc_id"].isin(framing), "period"]) == {""}
    for period in PERIODS:
        segments = pd.read_parquet(results / "segments" / f"{period}.parquet")
        assert framing.isdisjoint(segments["doc_id"])


def test_config_snapshot_is_the_effective_configuration(bundled_run):
    snapshot = yaml.safe_load(
        (bundled_run.results / "corpus" / "config.yaml").read_text(encoding="utf-8")
    )
    assert snapshot["manifest"] == "corpus/documents.tsv"  # the --config override
    assert [p["name"] for p in snapshot["periods"]] == PERIODS
    assert snapshot["normalise"] == "lemma"
    assert sorted(snapshot["concepts"]) == sorted(CONCEPTS)


# ------------------------------------------------------------------ the chapter's finding
def test_each_concept_peaks_in_its_own_period(bundled_run):
    rates = read_tsv(bundled_run.results / "drift" / "concepts_by_period.tsv")
    assert sorted(rates["concept"].unique()) == sorted(CONCEPTS)
    assert sorted(rates["period"].unique()) == sorted(PERIODS)
    assert len(rates) == len(CONCEPTS) * len(PERIODS)
    table = rates.pivot(index="concept", columns="period", values="per_10k")
    for concept in CONCEPTS:
        row = table.loc[concept]
        assert row.idxmax() == concept, f"{concept} peaks in {row.idxmax()}: {dict(row)}"
        others = row.drop(concept)
        assert (row[concept] > others).all(), dict(row)
    assert table.loc["psykisk_helse", "frivillig"] == 0
    assert table.loc["folkehelse", "frivillig"] == 0


def test_concept_rates_are_consistent_with_counts_and_intervals(bundled_run):
    rates = read_tsv(bundled_run.results / "drift" / "concepts_by_period.tsv")
    totals = read_tsv(bundled_run.results / "frequencies" / "period_totals.tsv")
    summary = read_tsv(bundled_run.results / "corpus" / "summary.tsv", keep_default_na=False)
    analysed = summary[summary["status"] == "analysed"]  # with a period
    n_docs = analysed.groupby("period").size().to_dict()
    # folkehelse: 10 documents before the chapter's introduction and conclusion got period none
    assert n_docs == {"frivillig": 3, "psykisk_helse": 3, "folkehelse": 8}
    totals = totals.set_index("period")
    for row in rates.itertuples():
        assert row.n_docs == n_docs[row.period], row
        assert row.n_tokens == totals.loc[row.period, "tokens"], row
        assert math.isclose(row.per_10k, row.count / row.n_tokens * 10_000, rel_tol=1e-5), row
        if not (math.isnan(row.ci_low) or math.isnan(row.ci_high)):
            assert row.ci_low <= row.per_10k <= row.ci_high, row
    assert rates[["ci_low", "ci_high"]].notna().any().all()


def test_jsd_between_every_pair_of_periods(bundled_run):
    jsd = read_tsv(bundled_run.results / "drift" / "jsd_periods.tsv", keep_default_na=False)
    assert len(jsd) == 3
    pairs = set(zip(jsd["period_a"], jsd["period_b"], strict=True))
    assert pairs == {
        ("frivillig", "psykisk_helse"),
        ("frivillig", "folkehelse"),
        ("psykisk_helse", "folkehelse"),
    }
    assert ((jsd["jsd"] > 0) & (jsd["jsd"] <= 1)).all(), jsd
    assert (jsd["top_terms"].str.len() > 0).all()


# ------------------------------------------------------------------ semantic drift
def test_selvhjelp_collocates_per_period_agree_with_its_kwic_lines(bundled_run):
    drift = bundled_run.results / "semantic"
    table = read_tsv(drift / "collocates_selvhjelp.tsv", keep_default_na=False)
    kwic = read_tsv(bundled_run.results / "kwic" / "selvhjelp.tsv", keep_default_na=False)
    assert list(table["period"].unique()) == PERIODS
    hits = table.groupby("period")["target_freq"].first()
    assert hits.to_dict() == kwic["period"].value_counts().reindex(PERIODS).to_dict()
    assert not table["thin"].any()  # 48, 42 and 86 hits, above the floor of 20
    assert (table["co_freq"] >= 2).all() and (table["co_freq"] > table["expected"]).all()
    for period, group in table.groupby("period"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1)), period
        assert group["g2"].is_monotonic_decreasing, period
    top = {p: set(g.head(15)["collocate"]) for p, g in table.groupby("period")}
    # selvhjelp as strengthening (styrke) in the public-health period only
    assert "styrke" in top["folkehelse"]
    assert "styrke" not in set(table.loc[table["period"] != "folkehelse", "collocate"])


def test_every_top_collocate_has_kwic_evidence_from_its_period(bundled_run):
    drift = bundled_run.results / "semantic"
    evidence = read_tsv(drift / "collocates_kwic.tsv", keep_default_na=False)
    table = read_tsv(drift / "collocates_selvhjelp.tsv", keep_default_na=False)
    top = table.groupby("period").head(15)
    mine = evidence[evidence["name"] == "selvhjelp"]
    assert set(zip(mine["period"], mine["collocate"], strict=True)) == set(
        zip(top["period"], top["collocate"], strict=True)
    )
    assert mine.groupby(["period", "collocate"]).size().max() <= 3
    docs = read_manifest(bundled_run).set_index("doc_id")
    assert set(mine["doc_id"]) <= set(docs.index)
    assert mine["match"].str.lower().str.startswith(("selvhjelp", "sjølhjelp")).all()


def test_neighbour_overlap_marks_thin_data_and_shows_drift_for_selvhjelp(bundled_run):
    overlap = read_tsv(bundled_run.results / "semantic" / "neighbour_overlap.tsv")
    pairs = [("frivillig", "psykisk_helse"), ("psykisk_helse", "folkehelse")]
    for name in CONCEPTS + ["selvhjelp"]:
        rows = overlap[overlap["name"] == name]
        assert list(zip(rows["period_a"], rows["period_b"], strict=True)) == pairs, name
    thin = overlap[["target_freq_a", "target_freq_b"]].min(axis=1) < 20
    assert overlap["thin"].tolist() == thin.tolist()
    selvhjelp = overlap[overlap["name"] == "selvhjelp"]
    assert (selvhjelp["jaccard"] < 0.5).all()  # its company changes between periods
    assert (selvhjelp["ci_low"] <= selvhjelp["ci_high"]).all()


def test_word_shift_leans_to_each_periods_own_vocabulary(bundled_run):
    shift = read_tsv(bundled_run.results / "semantic" / "word_shift.tsv")
    first = shift[shift["period_a"] == "frivillig"].set_index("term")
    second = shift[shift["period_a"] == "psykisk_helse"].set_index("term")
    assert len(first) == len(second) == 30
    assert first.loc["psykisk_helsearbeid", "signed_contribution"] > 0
    assert second.loc["psykisk_helsearbeid", "signed_contribution"] < 0
    assert second.loc["plan", "leans"] == "folkehelse"


def test_semantic_change_ranks_only_words_above_the_floor(bundled_run):
    effective = yaml.safe_load(
        (bundled_run.results / "corpus" / "config.yaml").read_text(encoding="utf-8")
    )
    floor = effective["vectors"]["min_freq"]
    change = read_tsv(bundled_run.results / "semantic" / "semantic_change.tsv")
    pairs = set(zip(change["period_a"], change["period_b"], strict=True))
    assert pairs == {("frivillig", "psykisk_helse"), ("psykisk_helse", "folkehelse")}
    ranked = change[change["status"] == "ranked"]
    rare = change[change["status"] == "too rare"]
    assert len(ranked) + len(rare) == len(change) and len(rare) > len(ranked)
    assert (ranked[["freq_a", "freq_b"]].min(axis=1) >= floor).all()
    assert (rare[["freq_a", "freq_b"]].min(axis=1) < floor).all()
    assert rare["cosine_change"].isna().all()
    assert ranked["cosine_change"].between(0, 2).all()
    for (a, _b), group in ranked.groupby(["period_a", "period_b"]):
        assert group["rank"].tolist() == list(range(1, len(group) + 1)), a
        assert "selvhjelp" in set(group["term"]), a


def test_compound_audit_splits_what_the_concepts_matched(bundled_run):
    audit = read_tsv(bundled_run.results / "semantic" / "compounds.tsv", keep_default_na=False)
    assert set(audit["name"]) == {*CONCEPTS, "selvhjelp"}
    row = audit[(audit["word"] == "selvhjelpsgruppe") & (audit["period"] == "frivillig")]
    assert row[["modifier", "link", "head", "role"]].values.tolist() == [
        ["selvhjelp", "s", "gruppe", "modifier"]
    ]
    folkehelse = audit[audit["name"] == "folkehelse"].set_index("word")
    assert folkehelse.loc["folkehelsearbeid", "role"] == "modifier"
    # the audit accounts for every hit: its counts add up to the KWIC lines per period
    kwic = read_tsv(bundled_run.results / "kwic" / "selvhjelp.tsv", keep_default_na=False)
    selvhjelp = audit[audit["name"] == "selvhjelp"].groupby("period")["count"].sum()
    with_period = kwic[kwic["period"] != ""]  # the audit compares periods
    assert selvhjelp.to_dict() == with_period["period"].value_counts().to_dict()
    assert set(audit["role"]) <= {"exact", "modifier", "head", "prefix", ""}


def test_births_and_deaths_have_kwic_evidence_from_their_period(bundled_run):
    drift = bundled_run.results / "semantic"
    events = read_tsv(drift / "births_deaths.tsv", keep_default_na=False)
    evidence = read_tsv(drift / "births_deaths_kwic.tsv", keep_default_na=False)
    born = events[events["event"] == "birth"].set_index("term")
    assert born.loc["plan", "period"] == "folkehelse"
    assert "frivillig" not in set(events.loc[events["event"] == "birth", "period"])
    assert "folkehelse" not in set(events.loc[events["event"] == "death", "period"])
    assert (events["count"] >= 5).all()
    period_of = {(e, t): p for e, t, p in events[["event", "term", "period"]].values}
    for event, term, period in evidence[["event", "term", "period"]].values:
        assert period_of[(event, term)] == period
    lines = evidence.groupby(["event", "term"]).size()
    assert set(lines.index) == set(period_of) and lines.max() <= 3


def test_terms_of_the_shift_figures_have_kwic_evidence_from_both_periods(bundled_run):
    drift = bundled_run.results / "semantic"
    shift = read_tsv(drift / "word_shift.tsv", keep_default_na=False)
    evidence = read_tsv(drift / "term_evidence.tsv", keep_default_na=False)
    assert set(evidence["source"]) <= {"word_shift", "semantic_change"}
    # every line comes from one of the two periods of its pair, at most 3 per term and period
    assert (
        (evidence["period"] == evidence["period_a"]) | (evidence["period"] == evidence["period_b"])
    ).all()
    per_side = evidence.groupby(["source", "period_a", "period_b", "term", "period"]).size()
    assert per_side.max() <= 3
    # each word-shift term is found in the period it leans to
    ws = evidence[evidence["source"] == "word_shift"]
    found = set(zip(ws["period_a"], ws["period_b"], ws["term"], ws["period"], strict=True))
    leans = shift[shift["leans"].isin(PERIODS)]
    missing = [
        (a, b, t, lean)
        for a, b, t, lean in leans[["period_a", "period_b", "term", "leans"]].values
        if (a, b, t, lean) not in found
    ]
    assert not missing, missing[:5]


def test_folkehelse_keyness_is_about_the_national_plan(bundled_run):
    keyness = read_tsv(bundled_run.results / "keyness" / "folkehelse_vs_rest.tsv")
    assert set(keyness["direction"]) == {"target", "reference"}
    assert list(keyness["g2"]) == sorted(keyness["g2"], reverse=True), "not sorted by G2"
    assert ((keyness["log_ratio"] > 0) == (keyness["direction"] == "target")).all()
    top = list(keyness[keyness["direction"] == "target"]["term"][:5])
    assert "plan" in top and "nasjonal" in top, top


def test_kwic_finds_the_nynorsk_spelling_in_brustad(bundled_run):
    source = bundled_run.workdir / "corpus" / "excerpts" / "stortinget-2007-brustad.txt"
    expected = source.read_text(encoding="utf-8").count("Sjølhjelp")
    assert expected == 3
    kwic = read_tsv(
        bundled_run.results / "kwic" / "selvhjelp.tsv", dtype=str, keep_default_na=False
    )
    brustad = kwic[kwic["doc_id"] == "stortinget-2007-brustad"]
    assert list(brustad["match"]) == ["Sjølhjelp"] * expected
    assert set(brustad["lemma"]) == {"selvhjelp"}  # the `variants` map
    assert set(brustad["period"]) == {"folkehelse"} and set(brustad["year"]) == {"2007"}
    assert list(brustad["sentence"]) == ["0", "1", "2"]
    assert brustad.iloc[1]["right"].startswith("kan styrke evnen til å mestre eget liv")


# ------------------------------------------------------------------ one document, cleaned
def test_cleaned_text_has_no_page_furniture(bundled_run):
    text = (bundled_run.results / "text" / "feiring-2019-4-folkehelse.txt").read_text(
        encoding="utf-8"
    )
    assert ".indd" not in text
    assert "fr iv ill ig" not in text
    assert "http" not in text
    assert not re.search(r"^\s*\d+\s*$", text, flags=re.M), "a lone page number is left"
    # words hyphenated at line ends joined, suspended compounds kept
    for phrase in (
        "Norsk selvhjelpsforum (NSF)",
        "utvidet helseforståelse blir",
        "erfaringsbaserte kunnskapen",  # block quote printed with blank lines between lines
        "Sosial- og helsedepartementet",
        "virksomhet. Denne presiseringen",  # footnote mark 6 gone
        "kan dermed kalles en type samproduksjon",  # rejoined across footnote and page break
    ):
        assert phrase in text, phrase


def _footnotes(path: Path) -> pd.DataFrame:
    """The footnotes table (header: number, page, text)."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def test_footnotes_are_moved_out_of_the_text(bundled_run):
    notes = _footnotes(bundled_run.results / "text" / "feiring-2019-4-folkehelse.footnotes.tsv")
    assert list(notes["number"]) == ["6", "7", "8", "9"]
    # footnote 6 is printed over two lines; its URL is joined again
    assert "Nasjonal-plan-for-selvhjelp-2014-2018-IS-2168.pdf" in notes["text"][0]
    assert notes["text"][3] == "http://www.erfaringskompetanse.no/oss, lastet ned i januar 2014."


def test_footnotes_table_has_a_header(bundled_run):
    for doc in ("feiring-2019-4-folkehelse", "nou-1998-18"):
        path = bundled_run.results / "text" / f"{doc}.footnotes.tsv"
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        assert first == ["number\tpage\ttext"], (doc, first)


def test_tokens_table(bundled_run):
    tokens = pd.read_parquet(bundled_run.results / "tokens" / "stortinget-2007-brustad.parquet")
    for column in ("paragraph", "sentence", "page", "token", "lemma", "is_stopword"):
        assert column in tokens.columns, column
    assert tokens["is_stopword"].dtype == bool
    assert sorted(tokens["sentence"].unique()) == [0, 1, 2, 3]
    first = tokens.iloc[0]
    assert (first["token"], first["form"], first["lemma"]) == (
        "sjølhjelp",
        "Sjølhjelp",
        "selvhjelp",
    )
    assert first["targets"] == "selvhjelp" and not first["is_stopword"]
    assert tokens[tokens["token"] == "som"]["is_stopword"].all()
    assert tokens["page"].isna().all()  # a text file has no pages
    excluded = pd.read_parquet(bundled_run.results / "tokens" / "hedlund-landstad-2012.parquet")
    assert list(excluded.columns) == list(tokens.columns) and len(excluded) == 0


# ------------------------------------------------------------------ running it elsewhere
def test_runs_in_another_folder_without_configfile(tmp_path):
    shutil.copytree(ROOT / "resources" / "corpus", tmp_path / "corpus")
    command = [str(SNAKEMAKE), "-s", str(SNAKEFILE), "--directory", str(tmp_path)]
    command += ["--cores", "2", "-n", "--config", MANIFEST]
    proc = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "extract" in proc.stdout + proc.stderr


# ------------------------------------------------------------------ report
def test_report(bundled_run):
    report = bundled_run.results / "report.html"
    run = run_snakemake(bundled_run.workdir, "--report", str(report), timeout=300)
    assert run.returncode == 0, run.describe()
    html = report.read_text(encoding="utf-8")
    assert len(report.read_bytes()) > 100_000
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:2000]
    for name in FIGURES:
        assert f"{name}.png" in html, name
    assert "provenance.html" in html, "the provenance card is not in the report"


# ------------------------------------------------------------------ determinism
def test_two_runs_with_4_and_1_cores_give_identical_results(bundled_run, bundled_run_one_core):
    """Two independent full runs, ``--cores 4`` and ``--cores 1``, in different folders: every
    file under results/ is byte-identical (sha256). The report test adds results/report.html
    (with its timestamps) to the first run only, so it is left out."""
    first = file_hashes(bundled_run.results, exclude=["report.html"])
    second = file_hashes(bundled_run_one_core.results)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    assert any(p.endswith(".parquet") for p in first)
    differ = sorted(p for p in first if first[p] != second[p])
    assert not differ, f"results differ between --cores 4 and --cores 1: {differ}"


# ------------------------------------------------------------------ topic models
def test_topic_models_per_period_global_and_alignment(bundled_run):
    topics = bundled_run.results / "topics"
    periods = ["frivillig", "psykisk_helse", "folkehelse"]
    for model in [*periods, "global"]:
        selection = read_tsv(topics / model / "model_selection.tsv", dtype=str)
        chosen = selection[selection["chosen"] == "True"]
        assert len(chosen) == 1, model
        terms = read_tsv(topics / model / "topic_terms.tsv", dtype=str)
        k = int(chosen["k"].iloc[0])
        assert sorted(terms["topic"].astype(int).unique()) == list(range(k)), model
        weights = pd.read_parquet(topics / model / "segment_topics.parquet")
        topic_columns = [c for c in weights.columns if c.startswith("topic_")]
        assert len(topic_columns) == k
        assert (weights[topic_columns].sum(axis=1) - 1).abs().max() < 1e-6
    # the two small periods (5 segments each) are too small for the grid 3..12 at 5 segments
    # per topic (topics.min_segments_per_topic): a note, no crash, and the cap with its reason
    for small in ("frivillig", "psykisk_helse"):
        selection = read_tsv(topics / small / "model_selection.tsv", dtype=str)
        chosen = selection[selection["chosen"] == "True"].iloc[0]
        assert "too large" in chosen["note"] and "using k=1" in chosen["note"], chosen["note"]
        assert chosen["k_cap"] == "1" and "5 segments at 5 per topic" in chosen["k_cap_reason"]
    # folkehelse (10 segments) is capped at k=2: no flat topic fitted to fill a large k
    selection = read_tsv(topics / "folkehelse" / "model_selection.tsv", dtype=str)
    assert set(selection["k_cap"]) == {"2"} and selection["k"].tolist() == ["2"]
    assert set(selection["k_cap_reason"]) == {"10 segments at 5 per topic"}
    for model in [*periods, "global"]:
        terms = read_tsv(topics / model / "topic_terms.tsv", dtype=str, keep_default_na=False)
        flagged = terms[terms["degenerate"] == "True"]
        assert (flagged["label"] == "(degenerate topic)").all(), model
    alignment = read_tsv(topics / "alignment.tsv", dtype=str, keep_default_na=False)
    pairs = set(zip(alignment["period_a"], alignment["period_b"], strict=True))
    assert pairs == {("frivillig", "psykisk_helse"), ("psykisk_helse", "folkehelse")}
    # every topic of the earlier period has exactly one optimal match (k_a <= k_b here)
    matched = alignment[alignment["matched"] == "True"]
    assert len(matched[matched["period_a"] == "frivillig"]) == 1
    prevalence = read_tsv(topics / "global" / "prevalence_by_period.tsv", dtype=str)
    assert list(prevalence["period"].unique()) == periods
    stability = read_tsv(topics / "stability.tsv", dtype=str)
    assert set(stability["model"]) == {*periods, "global"}
