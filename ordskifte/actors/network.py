"""Co-mention networks of actors: who is named together with whom.

Two actors are linked when one paragraph names both; the weight of the link is the number
of such paragraphs. A paragraph is the unit because policy texts name the partners of a
measure together in one passage; a sentence is too narrow, a document too wide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

import pandas as pd

EDGE_COLUMNS = ["period", "actor_a", "actor_b", "weight"]
CENTRALITY_COLUMNS = [
    "period",
    "actor",
    "type",
    "mentions",
    "degree",
    "weighted_degree",
    "degree_centrality",
    "betweenness",
    "rank",
]


def co_mentions(mentions: pd.DataFrame, *, period: str) -> pd.DataFrame:
    """Edges of one period's co-mention network.

    Parameters
    ----------
    mentions
        One row per mention with at least ``doc_id, paragraph, period, actor``.
    period
        The period whose mentions are used.

    Returns
    -------
    DataFrame with columns ``period, actor_a, actor_b, weight`` (``actor_a < actor_b``),
    sorted by weight descending, then the two names.
    """
    sel = mentions[mentions["period"] == period]
    weights: Counter[tuple[str, str]] = Counter()
    for _, group in sel.groupby(["doc_id", "paragraph"], sort=True):
        for pair in combinations(sorted(set(group["actor"])), 2):
            weights[pair] += 1
    rows = [(period, a, b, w) for (a, b), w in weights.items()]
    edges = pd.DataFrame(rows, columns=EDGE_COLUMNS).astype({"weight": "int64"})
    return edges.sort_values(
        ["weight", "actor_a", "actor_b"], ascending=[False, True, True]
    ).reset_index(drop=True)


def centrality(
    mentions: pd.DataFrame,
    edges: Mapping[str, pd.DataFrame],
    *,
    types: Mapping[str, str],
    order: Sequence[str],
) -> pd.DataFrame:
    r"""Degree and betweenness centrality of every actor named in each period.

    For the period's graph *G* (nodes: actors named in the period; edges: co-mentions):
    ``degree`` = number of co-mentioned actors; ``weighted_degree`` = sum of the weights of
    its edges (paragraphs shared with others); ``degree_centrality`` = degree / (n − 1)
    (0 for an actor alone in its period);
    ``betweenness`` = :math:`\sum_{s \ne v \ne t} \sigma_{st}(v) / \sigma_{st}` normalised
    by :math:`(n-1)(n-2)/2` (Freeman 1977; Brandes 2001), unweighted, as computed by
    networkx. ``rank`` orders the period's actors by weighted degree, then mentions, then
    name (1 = most central).

    Returns
    -------
    DataFrame with columns :data:`CENTRALITY_COLUMNS`, sorted by period (in ``order``) and
    rank.
    """
    import networkx as nx

    frames = []
    for period in order:
        named = mentions[mentions["period"] == period]["actor"].value_counts()
        graph = nx.Graph()
        graph.add_nodes_from(sorted(named.index))
        for row in edges[period].itertuples(index=False):
            graph.add_edge(row.actor_a, row.actor_b, weight=int(row.weight))
        if not graph.number_of_nodes():
            continue
        others = graph.number_of_nodes() - 1  # networkx gives a lone node 1.0; it is 0 here
        between = nx.betweenness_centrality(graph, normalized=True)
        rows = [
            {
                "period": period,
                "actor": actor,
                "type": types.get(actor, ""),
                "mentions": int(named[actor]),
                "degree": int(graph.degree(actor)),
                "weighted_degree": int(graph.degree(actor, weight="weight")),
                "degree_centrality": graph.degree(actor) / others if others else 0.0,
                "betweenness": float(between[actor]),
            }
            for actor in graph.nodes
        ]
        table = pd.DataFrame(rows).sort_values(
            ["weighted_degree", "mentions", "actor"], ascending=[False, False, True]
        )
        table["rank"] = range(1, len(table) + 1)
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=CENTRALITY_COLUMNS)
    return pd.concat(frames, ignore_index=True)[CENTRALITY_COLUMNS]
