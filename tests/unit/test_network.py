"""Unit tests for ordskifte.actors.network: co-mention edges and centrality on literal mentions."""

import pandas as pd
import pytest

from ordskifte.actors.network import CENTRALITY_COLUMNS, centrality, co_mentions

# Three paragraphs in p1: {A, B, C}, {A, B}, {A}; one in p2: {C, D}; A twice in one paragraph
MENTIONS = pd.DataFrame(
    [
        ("d1", 0, "p1", "A"),
        ("d1", 0, "p1", "B"),
        ("d1", 0, "p1", "C"),
        ("d1", 0, "p1", "A"),
        ("d1", 1, "p1", "B"),
        ("d2", 1, "p1", "A"),  # same paragraph number, another document
        ("d2", 1, "p1", "B"),
        ("d2", 2, "p1", "A"),
        ("d3", 0, "p2", "D"),
        ("d3", 0, "p2", "C"),
        ("d4", 5, "", "A"),  # no period: in no network
        ("d4", 5, "", "D"),
    ],
    columns=["doc_id", "paragraph", "period", "actor"],
)
TYPES = {"A": "civil_society", "B": "state", "C": "state", "D": "user_organisation"}


def test_edges_count_shared_paragraphs():
    edges = co_mentions(MENTIONS, period="p1")
    assert edges.values.tolist() == [
        ["p1", "A", "B", 2],
        ["p1", "A", "C", 1],
        ["p1", "B", "C", 1],
    ]
    assert co_mentions(MENTIONS, period="p2").values.tolist() == [["p2", "C", "D", 1]]
    assert co_mentions(MENTIONS, period="p3").empty


def test_centrality_of_a_small_network():
    edges = {p: co_mentions(MENTIONS, period=p) for p in ("p1", "p2", "p3")}
    table = centrality(MENTIONS, edges, types=TYPES, order=["p1", "p2", "p3"])
    assert list(table.columns) == CENTRALITY_COLUMNS
    assert table[
        ["period", "actor", "mentions", "degree", "weighted_degree", "rank"]
    ].values.tolist() == [
        ["p1", "A", 4, 2, 3, 1],
        ["p1", "B", 3, 2, 3, 2],  # ties on weighted degree go to the more mentioned
        ["p1", "C", 1, 2, 2, 3],
        ["p2", "C", 1, 1, 1, 1],  # ties on both go by name
        ["p2", "D", 1, 1, 1, 2],
    ]
    p1 = table[table["period"] == "p1"].set_index("actor")
    assert p1["degree_centrality"].tolist() == [1.0, 1.0, 1.0]
    assert p1["betweenness"].tolist() == [0.0, 0.0, 0.0]  # a triangle: no broker
    assert table.set_index("actor")["type"].to_dict() == TYPES | {"A": "civil_society"}


def test_betweenness_of_a_broker():
    chain = pd.DataFrame(
        [("d", 0, "p", "A"), ("d", 0, "p", "B"), ("d", 1, "p", "B"), ("d", 1, "p", "C")],
        columns=["doc_id", "paragraph", "period", "actor"],
    )
    table = centrality(chain, {"p": co_mentions(chain, period="p")}, types={}, order=["p"])
    assert table.set_index("actor")["betweenness"].to_dict() == pytest.approx(
        {"A": 0.0, "B": 1.0, "C": 0.0}
    )
    assert table["rank"].tolist() == [1, 2, 3]
    assert table["actor"].tolist() == ["B", "A", "C"]


def test_an_actor_named_alone_is_a_node_of_degree_zero():
    alone = pd.DataFrame([("d", 0, "p", "A")], columns=["doc_id", "paragraph", "period", "actor"])
    table = centrality(alone, {"p": co_mentions(alone, period="p")}, types={}, order=["p"])
    assert table[["actor", "degree", "weighted_degree", "degree_centrality"]].values.tolist() == [
        ["A", 0, 0, 0.0]
    ]


def test_no_mentions_give_an_empty_table():
    empty = MENTIONS.iloc[0:0]
    table = centrality(empty, {"p1": co_mentions(empty, period="p1")}, types=TYPES, order=["p1"])
    assert table.empty and list(table.columns) == CENTRALITY_COLUMNS
