"""Shortcuts of the figure code held to the code they replace: ``style.top_rows`` against the
full sort, ``_pair_rows`` against the set of every row's pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ordskifte.semantic.figures import _pair_rows
from ordskifte.style import top_rows


def _full_sort(df: pd.DataFrame, n: int, *, value: str, key: str) -> pd.DataFrame:
    """The code ``top_rows`` replaces."""
    return df.sort_values([value, key], ascending=[False, True], kind="mergesort").head(n)


def _table(seed: int, rows: int, *, nan: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g2 = rng.integers(0, 6, size=rows).astype(float)  # few values: many ties at the cut
    if nan:
        g2[rng.random(rows) < 0.3] = np.nan
    terms = rng.choice(["a", "b", "c", "d", "æ", "ø", "å", "nan", ""], size=rows)
    return pd.DataFrame(
        {"g2": g2, "term": terms, "row": np.arange(rows)}, index=rng.permutation(rows)
    )


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("n", [0, 1, 3, 10, 50, 200])
@pytest.mark.parametrize("nan", [False, True])
def test_top_rows_is_the_head_of_the_full_sort(seed, n, nan):
    df = _table(seed, 60, nan=nan)
    pd.testing.assert_frame_equal(
        top_rows(df, n, value="g2", key="term"), _full_sort(df, n, value="g2", key="term")
    )


def test_top_rows_with_infinities_and_an_empty_table():
    df = pd.DataFrame({"g2": [np.inf, 1.0, -np.inf, 2.0, 2.0], "term": list("abcde")})
    pd.testing.assert_frame_equal(
        top_rows(df, 2, value="g2", key="term"), _full_sort(df, 2, value="g2", key="term")
    )
    empty = df.iloc[:0]
    pd.testing.assert_frame_equal(
        top_rows(empty, 3, value="g2", key="term"), _full_sort(empty, 3, value="g2", key="term")
    )


@pytest.mark.parametrize("seed", range(5))
def test_pair_rows_gives_the_pairs_of_every_row(seed):
    order = ["frivillig", "psykisk_helse", "folkehelse"]
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {
            "period_a": rng.choice(order[:2], size=40),
            "period_b": rng.choice(order[1:], size=40),
            "term": rng.choice(["x", "y"], size=40),
        }
    )
    data, pairs = _pair_rows(table, order)

    rank = {p: i for i, p in enumerate(order)}
    every = set(zip(table["period_a"].astype(str), table["period_b"].astype(str), strict=True))
    assert pairs == sorted(every, key=lambda p: (rank[p[0]], rank[p[1]]))
    pd.testing.assert_frame_equal(data, table.astype({"period_a": str, "period_b": str}))
