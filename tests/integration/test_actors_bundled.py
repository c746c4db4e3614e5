"""Actors and document groups on the bundled corpus: the chapter's second finding.

Feiring (2019) finds that the actors who define self-help changed: a broad civil network in
the early 1990s (Angstringen, Studiesenteret for selvhjelp), user organisations in the
mental-health period (Mental Helse, brukerorganisasjoner), and one civil actor (Norsk
selvhjelpsforum, later Selvhjelp Norge) beside the health authorities (Helsedirektoratet) in
the public-health period. A crude count of the raw texts gives the same pattern; these tests
check that the actor stage measures it. Reads the session's ``bundled_run``.
"""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = pytest.mark.integration

PERIODS = ["frivillig", "psykisk_helse", "folkehelse"]


def read(run, rel: str) -> pd.DataFrame:
    return pd.read_csv(run.results / rel, sep="\t", dtype={"period": str}, keep_default_na=False)


@pytest.mark.parametrize(
    ("actor", "period"),
    [
        ("Studiesenteret for selvhjelp", "frivillig"),
        ("Angstringen", "frivillig"),
        ("Mental Helse", "psykisk_helse"),
        ("Brukerorganisasjoner", "psykisk_helse"),
        ("Norsk selvhjelpsforum", "folkehelse"),
        ("Selvhjelp Norge", "folkehelse"),
        ("Helsedirektoratet", "folkehelse"),
    ],
)
def test_each_actor_is_named_most_in_its_period(bundled_run, actor, period):
    rates = read(bundled_run, "actors/mentions_by_period.tsv")
    mine = rates[rates["actor"] == actor].set_index("period")["per_10k"].astype(float)
    assert list(mine.index) == PERIODS
    assert mine.idxmax() == period, mine.to_dict()
    assert (mine.drop(period) < mine[period]).all(), mine.to_dict()


def test_selvhjelp_norge_and_helsedirektoratet_only_in_the_public_health_period(bundled_run):
    rates = read(bundled_run, "actors/mentions_by_period.tsv").set_index(["actor", "period"])
    for actor in ("Selvhjelp Norge", "Helsedirektoratet"):
        assert rates.loc[(actor, "frivillig"), "count"] == 0
        assert rates.loc[(actor, "psykisk_helse"), "count"] == 0
        assert rates.loc[(actor, "folkehelse"), "count"] > 0


def test_the_public_health_networks_central_civil_actor_is_nsf(bundled_run):
    table = read(bundled_run, "actors/centrality.tsv")
    civil = table[(table["period"] == "folkehelse") & (table["type"] == "civil_society")]
    top = civil.sort_values("rank").iloc[0]
    assert top["actor"] in {"Norsk selvhjelpsforum", "Selvhjelp Norge"}, civil.head()
    # and the civil network of the early 1990s is centred on the Studiesenter
    early = table[table["period"] == "frivillig"].sort_values("rank")
    assert early.iloc[0]["actor"] == "Studiesenteret for selvhjelp", early.head()


def test_type_shares_move_from_civil_society_to_user_organisations(bundled_run):
    shares = read(bundled_run, "actors/type_shares.tsv").set_index(["period", "type"])["share"]
    assert shares["frivillig", "civil_society"] > 0.8
    assert shares["psykisk_helse", "user_organisation"] == max(
        shares["psykisk_helse", t] for t in shares["psykisk_helse"].index
    )
    assert shares["frivillig", "user_organisation"] == 0
    for period in PERIODS:
        assert shares[period].sum() == pytest.approx(1.0, abs=1e-5)


def test_every_mention_has_its_kwic_line_and_document(bundled_run):
    mentions = read(bundled_run, "actors/mentions.tsv")
    kwic = read(bundled_run, "actors/kwic.tsv")
    assert len(mentions) == len(kwic) > 100
    by_actor = mentions["actor"].value_counts().sort_index()
    assert kwic["actor"].value_counts().sort_index().equals(by_actor)
    evidence = read(bundled_run, "actors/mentions_by_document.tsv")
    assert evidence.groupby("actor")["count"].sum().sort_index().equals(by_actor.rename("count"))
    rates = read(bundled_run, "actors/mentions_by_period.tsv")
    dated = mentions[mentions["period"] != ""]["actor"].value_counts()
    assert rates.groupby("actor")["count"].sum()[dated.index].equals(dated.rename("count"))
    # every line shows the actor as written, inside its context
    assert (kwic["match"] != "").all() and (kwic["left"] + kwic["right"] != "").all()


def test_network_edges_are_paragraphs_shared(bundled_run):
    mentions = read(bundled_run, "actors/mentions.tsv")
    edges = read(bundled_run, "actors/network_psykisk_helse.tsv")
    sel = mentions[mentions["period"] == "psykisk_helse"]
    paragraphs = sel.groupby(["doc_id", "paragraph"])["actor"].apply(set)
    for row in edges.itertuples():
        shared = sum(1 for names in paragraphs if {row.actor_a, row.actor_b} <= names)
        assert row.weight == shared, row


def test_group_tables_by_genre(bundled_run):
    totals = read(bundled_run, "groups/genre/totals.tsv")
    manifest = pd.read_csv(
        bundled_run.results / "corpus" / "documents.tsv", sep="\t", dtype=str, keep_default_na=False
    )
    summary = read(bundled_run, "corpus/summary.tsv")
    # every analysed document, with or without a period: groups are corpus-wide tables
    analysed = summary[summary["status"].str.startswith("analysed")][
        "doc_id"
    ]  # with or without a period
    expected = manifest[manifest["doc_id"].isin(analysed)]["genre"].value_counts().sort_index()
    assert totals.set_index("genre")["n_docs"].sort_index().equals(expected.rename("n_docs"))
    keyness = read(bundled_run, "groups/genre/keyness.tsv")
    pairs = set(zip(keyness["genre"], keyness["reference"], strict=True))
    assert ("stortingsmelding", "intervju") in pairs and ("intervju", "rest") in pairs
    concepts = read(bundled_run, "groups/genre/concepts.tsv")
    assert set(concepts["genre"]) == set(totals["genre"])
    freq = read(bundled_run, "groups/genre/frequencies.tsv")
    assert freq.columns[0] == "genre"
