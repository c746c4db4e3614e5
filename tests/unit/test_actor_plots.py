"""Unit tests for ordskifte.actors.figures: literal actor tables in, figures checked by their
artists and texts."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from ordskifte.actors import figures as actor_plots
from ordskifte.actors.network import co_mentions

ORDER = ["frivillig", "psykisk_helse", "folkehelse"]
LABELS = {"frivillig": "Frivillig", "psykisk_helse": "Psykisk helse", "folkehelse": "Folkehelse"}
TYPES = {
    "Angstringen": "civil_society",
    "Mental Helse": "user_organisation",
    "NSF": "civil_society",
}

RATES = pd.DataFrame(
    [
        ("Angstringen", "civil_society", "frivillig", 4, 30.0, 10.0, 45.0),
        ("Angstringen", "civil_society", "psykisk_helse", 1, 5.0, math.nan, math.nan),
        ("Angstringen", "civil_society", "folkehelse", 0, 0.0, 0.0, 0.0),
        ("Mental Helse", "user_organisation", "frivillig", 0, 0.0, 0.0, 0.0),
        ("Mental Helse", "user_organisation", "psykisk_helse", 3, 20.0, 5.0, 30.0),
        ("Mental Helse", "user_organisation", "folkehelse", 0, 0.0, 0.0, 0.0),
        ("Helsedirektoratet", "state", "frivillig", 0, 0.0, 0.0, 0.0),
        ("Helsedirektoratet", "state", "psykisk_helse", 0, 0.0, 0.0, 0.0),
        ("Helsedirektoratet", "state", "folkehelse", 0, 0.0, 0.0, 0.0),
    ],
    columns=["actor", "type", "period", "count", "per_10k", "ci_low", "ci_high"],
)
EVIDENCE = pd.DataFrame(
    [
        ("Angstringen", "doc-b", "frivillig", 1),
        ("Angstringen", "doc-a", "frivillig", 3),
        ("Angstringen", "doc-c", "psykisk_helse", 1),
        ("Mental Helse", "doc-c", "psykisk_helse", 3),
    ],
    columns=["actor", "doc_id", "period", "count"],
)
MENTIONS = pd.DataFrame(
    [
        ("doc-a", 0, "frivillig", "Angstringen"),
        ("doc-c", 2, "psykisk_helse", "Angstringen"),
        ("doc-c", 2, "psykisk_helse", "Mental Helse"),
        ("doc-c", 3, "psykisk_helse", "Mental Helse"),
    ],
    columns=["doc_id", "paragraph", "period", "actor"],
)
CENTRALITY = pd.DataFrame(
    [
        ("frivillig", "Angstringen", 1),
        ("psykisk_helse", "Mental Helse", 2),
        ("psykisk_helse", "Angstringen", 1),
    ],
    columns=["period", "actor", "mentions"],
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_evidence_note_lists_each_periods_documents_most_mentions_first():
    assert actor_plots.evidence_note(EVIDENCE, period_order=ORDER) == (
        "Mentions counted in: frivillig: doc-a (3), doc-b (1)\npsykisk_helse: doc-c (4)"
    )
    assert actor_plots.evidence_note(EVIDENCE.iloc[0:0], period_order=ORDER) == (
        "No document names any actor."
    )


def test_actor_mentions_groups_named_actors_by_type_with_the_evidence():
    fig = actor_plots.actor_mentions(RATES, EVIDENCE, period_order=ORDER, labels=LABELS)
    ax = fig.axes[0]
    assert (
        fig.get_suptitle() == "Actor mentions by period (95 % bootstrap CI, resampling documents)"
    )
    # Helsedirektoratet is never named: left out
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Angstringen", "Mental Helse"]
    assert "civil society" in texts(fig) and "user organisation" in texts(fig)
    assert any(t.startswith("Mentions counted in: frivillig: doc-a (3)") for t in texts(fig))
    assert ax.get_xlabel() == "Mentions per 10,000 tokens"
    # one dot per actor and period: 2 actors x 3 periods
    assert sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() == "o") == 6


def test_actor_mentions_without_mentions_is_a_no_data_figure():
    fig = actor_plots.actor_mentions(
        RATES.assign(count=0), EVIDENCE.iloc[0:0], period_order=ORDER, labels=LABELS
    )
    assert "no data" in texts(fig)


def test_type_shares_stack_to_the_whole_bar():
    shares = pd.DataFrame(
        [
            ("frivillig", "civil_society", 3, 0.75),
            ("frivillig", "state", 1, 0.25),
            ("psykisk_helse", "user_organisation", 2, 1.0),
            ("folkehelse", "state", 0, 0.0),
        ],
        columns=["period", "type", "count", "share"],
    )
    fig = actor_plots.actor_type_shares(shares, EVIDENCE, period_order=ORDER, labels=LABELS)
    ax = fig.axes[0]
    widths = {}
    for bar in ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2)
        widths[y] = widths.get(y, 0) + bar.get_width()
    assert widths == pytest.approx({2: 1.0, 1: 1.0, 0: 0.0})  # frivillig on top
    assert {"n = 4", "n = 2", "n = 0", "75%", "25%", "100%", "no mentions"} <= set(texts(fig))


def test_network_positions_are_fixed_and_grouped_by_type():
    pos = actor_plots.network_positions(["NSF", "Mental Helse", "Angstringen"], TYPES)
    again = actor_plots.network_positions(["Angstringen", "NSF", "Mental Helse"], TYPES)
    assert pos == again
    assert list(pos) == ["Angstringen", "NSF", "Mental Helse"]  # civil society first
    assert pos["Angstringen"] == pytest.approx((0.0, 1.0))


def test_actor_networks_one_panel_per_period_same_places():
    edges = {p: co_mentions(MENTIONS, period=p) for p in ORDER}
    fig = actor_plots.actor_networks(
        edges, CENTRALITY, EVIDENCE, period_order=ORDER, labels=LABELS, types=TYPES
    )
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in panels] == ["Frivillig", "Psykisk helse", "Folkehelse"]
    # both actors are drawn in every panel with data, at the same place
    for ax in panels[:2]:
        offsets = sorted(tuple(c.get_offsets()[0]) for c in ax.collections)
        assert len(offsets) == 2
        assert offsets == sorted(
            actor_plots.network_positions(["Angstringen", "Mental Helse"], TYPES).values()
        )
    # one link in psykisk_helse (one shared paragraph), none in frivillig
    assert len(panels[1].lines) == 1 and len(panels[0].lines) == 0
    assert "no data" in [t.get_text() for t in panels[2].texts]
