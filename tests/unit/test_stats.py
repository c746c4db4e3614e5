"""Unit tests for ordskifte.stats: expected values are computed by hand in the comments."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from ordskifte.stats import (
    JS_COLUMNS,
    bootstrap_rate_ci,
    group_seed,
    jensen_shannon,
    rate_table,
)

# A realistic corpus of 12 documents: hits of a term and token totals.
# Point estimate: 10000 * 57 / 21566 = 26.4305...
HITS = [3, 7, 3, 4, 8, 5, 7, 4, 5, 4, 3, 4]
TOKENS = [2455, 1815, 2379, 1808, 1266, 722, 1813, 2954, 589, 1928, 1617, 2220]


# --- bootstrap_rate_ci ------------------------------------------------------------------------


def test_bootstrap_same_seed_same_interval_different_seed_different():
    first = bootstrap_rate_ci(HITS, TOKENS, iterations=1000, seed=1)
    again = bootstrap_rate_ci(HITS, TOKENS, iterations=1000, seed=1)
    other = bootstrap_rate_ci(HITS, TOKENS, iterations=1000, seed=2)
    assert first == again
    assert first != other


def test_bootstrap_interval_contains_point_estimate():
    # sums: hits 57, tokens 21566 -> 10000 * 57 / 21566 = 26.43
    rate = 10_000 * sum(HITS) / sum(TOKENS)
    assert rate == pytest.approx(26.43, abs=5e-3)
    low, high = bootstrap_rate_ci(HITS, TOKENS, iterations=2000, seed=42)
    assert low < rate < high
    # a wider confidence gives a wider interval from the same resamples
    low99, high99 = bootstrap_rate_ci(HITS, TOKENS, iterations=2000, seed=42, confidence=0.99)
    assert low99 < low and high < high99


def test_bootstrap_constant_rate_gives_degenerate_interval():
    # every document has rate 1/100, so every resample has 10000 * k / (100 k) = 100
    assert bootstrap_rate_ci([1, 2, 3], [100, 200, 300], iterations=200, seed=0) == (100.0, 100.0)
    # per=1000 scales it: 1000 / 100 = 10
    assert bootstrap_rate_ci([1, 2, 3], [100, 200, 300], iterations=200, seed=0, per=1000) == (
        10.0,
        10.0,
    )


def test_bootstrap_two_documents_hand_computed_percentiles():
    # counts [0, 10], totals [100, 100]: a resample of 2 docs has rate
    #   {d0,d0} 0, {d0,d1} 10000*10/200 = 500, {d1,d1} 10000*20/200 = 1000
    # with probabilities 1/4, 1/2, 1/4: the 2.5 % and 97.5 % percentiles are 0 and 1000
    assert bootstrap_rate_ci([0, 10], [100, 100], iterations=2000, seed=3) == (0.0, 1000.0)
    # confidence 0.6 -> percentiles 20 % and 80 %: still inside the masses at 0 and 1000
    assert bootstrap_rate_ci([0, 10], [100, 100], iterations=2000, seed=3, confidence=0.6) == (
        0.0,
        1000.0,
    )
    # confidence 0.2 -> percentiles 40 % and 60 %: both inside the mass at 500 (25 %..75 %)
    assert bootstrap_rate_ci([0, 10], [100, 100], iterations=2000, seed=3, confidence=0.2) == (
        500.0,
        500.0,
    )


def test_bootstrap_no_documents_and_one_document():
    assert all(math.isnan(v) for v in bootstrap_rate_ci([], [], iterations=100, seed=0))
    # one document: 10000 * 3 / 1500 = 20
    low, high = bootstrap_rate_ci([3], [1500], iterations=100, seed=0)
    assert math.isnan(low) and math.isnan(high)  # one document: no between-document spread


def test_bootstrap_skips_resamples_with_zero_tokens():
    # doc 0 has no tokens: the resample {d0,d0} (probability 1/4) has total 0 and is skipped;
    # the others all have rate 10000 * 5 / 100 = 500 -> (500, 500), no division warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bootstrap_rate_ci([0, 5], [0, 100], iterations=500, seed=0) == (500.0, 500.0)
    # all totals 0: no rate at all
    assert all(math.isnan(v) for v in bootstrap_rate_ci([0, 0], [0, 0], iterations=10, seed=0))


@pytest.mark.parametrize(
    ("counts", "totals", "kwargs", "match"),
    [
        ([1, 2], [10], {}, "same length"),
        ([-1, 2], [10, 10], {}, "non-negative"),
        ([1, 2], [10, 10], {"iterations": 0}, "at least 1"),
        ([1, 2], [10, 10], {"confidence": 1.0}, "confidence"),
        ([1, 2], [10, 10], {"confidence": 0.0}, "confidence"),
        ([1, 2], [10, 10], {"per": 0}, "per"),
    ],
)
def test_bootstrap_rejects_bad_input(counts, totals, kwargs, match):
    options = {"iterations": 10, "seed": 0, **kwargs}
    with pytest.raises(ValueError, match=match):
        bootstrap_rate_ci(counts, totals, **options)


# --- group_seed / rate_table ------------------------------------------------------------------


def test_group_seed_is_stable_checksum_not_hash():
    # 7 * 2**32 + crc32(b"2020") = 30064771072 + 2493804155 = 32558575227
    assert group_seed(7, (2020,)) == 32558575227
    assert group_seed(7, ("2020",)) == 32558575227
    assert group_seed(7, ("a b", "c")) != group_seed(7, ("a", "b c"))
    with pytest.raises(ValueError, match="non-negative"):
        group_seed(-1, ("x",))


def _docs(year, hits, tokens, prefix):
    return pd.DataFrame(
        {
            "doc_id": [f"{prefix}{i:02d}" for i in range(len(hits))],
            "year": year,
            "count": hits,
            "n_tokens": tokens,
        }
    )


FRAME = pd.concat(
    [
        _docs(2020, HITS, TOKENS, "a"),
        _docs(2021, [3, 1], [1000, 1000], "b"),
        _docs(2022, [0], [500], "c"),
    ],
    ignore_index=True,
)


def test_rate_table_literal_values():
    table = rate_table(FRAME, group_cols=["year"], iterations=500, seed=11)
    assert list(table.columns) == [
        "year",
        "count",
        "n_tokens",
        "per_10k",
        "ci_low",
        "ci_high",
        "n_docs",
    ]
    assert table["year"].tolist() == [2020, 2021, 2022]
    # 2020: 57 hits / 21566 tokens; 2021: 3+1 = 4 / 2000 -> 20.0; 2022: 0 / 500 -> 0.0
    assert table["count"].tolist() == [57, 4, 0]
    assert table["n_tokens"].tolist() == [21566, 2000, 500]
    assert table["n_docs"].tolist() == [12, 2, 1]
    assert table["per_10k"].tolist()[1:] == [20.0, 0.0]
    assert table["per_10k"].iloc[0] == pytest.approx(26.4305, abs=5e-5)
    # 2021: two docs with rates 30 and 10 -> resample rates {10, 20, 30}: interval (10, 30)
    assert (table["ci_low"].iloc[1], table["ci_high"].iloc[1]) == (10.0, 30.0)
    # 2022: one document -> no interval
    assert table[["ci_low", "ci_high"]].iloc[2].isna().all()
    assert table["ci_low"].iloc[0] < table["per_10k"].iloc[0] < table["ci_high"].iloc[0]
    for col in ("count", "n_tokens", "n_docs"):
        assert table[col].dtype == "int64"


def test_rate_table_independent_of_row_order():
    expected = rate_table(FRAME, group_cols=["year"], iterations=300, seed=5)
    shuffled = FRAME.sample(frac=1.0, random_state=1).reset_index(drop=True)
    assert not shuffled["doc_id"].equals(FRAME["doc_id"])
    pd.testing.assert_frame_equal(
        rate_table(shuffled, group_cols=["year"], iterations=300, seed=5), expected
    )


def test_rate_table_group_unaffected_by_other_groups():
    alone = rate_table(FRAME[FRAME["year"] == 2020], group_cols=["year"], iterations=300, seed=5)
    extra = pd.concat([FRAME, _docs(2019, [9, 1, 4], [900, 800, 700], "z")], ignore_index=True)
    together = rate_table(extra, group_cols=["year"], iterations=300, seed=5)
    assert together["year"].tolist() == [2019, 2020, 2021, 2022]
    pd.testing.assert_frame_equal(together[together["year"] == 2020].reset_index(drop=True), alone)


def test_rate_table_seeds_differ_between_groups():
    # identical documents under two keys get different seeds, hence different intervals
    frame = pd.concat(
        [_docs(2020, HITS, TOKENS, "a"), _docs(2021, HITS, TOKENS, "a")], ignore_index=True
    )
    table = rate_table(frame, group_cols=["year"], iterations=300, seed=5)
    assert table["per_10k"].iloc[0] == table["per_10k"].iloc[1]
    assert table["ci_low"].iloc[0] != table["ci_low"].iloc[1]


def test_rate_table_several_group_columns_sorted():
    frame = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d2"],
            "period": ["p2", "p2", "p1", "p1"],
            "term": ["vind", "olje", "vind", "olje"],
            "count": [2, 1, 0, 4],
            "n_tokens": [100, 100, 400, 400],
        }
    )
    table = rate_table(frame, group_cols=["period", "term"], iterations=50, seed=0)
    assert table[["period", "term"]].values.tolist() == [
        ["p1", "olje"],
        ["p1", "vind"],
        ["p2", "olje"],
        ["p2", "vind"],
    ]
    # 10000*4/400 = 100, 0/400 = 0, 10000*1/100 = 100, 10000*2/100 = 200
    assert table["per_10k"].tolist() == [100.0, 0.0, 100.0, 200.0]


def test_rate_table_rejects_duplicates_and_missing_columns():
    with pytest.raises(ValueError, match="duplicate"):
        rate_table(pd.concat([FRAME, FRAME.iloc[:1]]), group_cols=["year"], iterations=10, seed=0)
    with pytest.raises(ValueError, match="missing column"):
        rate_table(FRAME, group_cols=["genre"], iterations=10, seed=0)
    with pytest.raises(ValueError, match="at least one"):
        rate_table(FRAME, group_cols=[], iterations=10, seed=0)
    with pytest.raises(ValueError, match="non-negative"):
        rate_table(FRAME.assign(count=-1), group_cols=["year"], iterations=10, seed=0)


# --- jensen_shannon ---------------------------------------------------------------------------


def test_jsd_identical_distributions_is_zero():
    # p = q -> m = p, every log(p/m) = 0; scale does not matter after normalising
    jsd, table = jensen_shannon(pd.Series({"a": 1, "b": 3}), pd.Series({"a": 2, "b": 6}))
    assert jsd == 0.0
    assert table["contribution"].tolist() == [0.0, 0.0]
    assert table["leans"].tolist() == ["b", "b"]  # p_i > q_i is false on a tie


def test_jsd_disjoint_distributions_is_one_bit():
    # p = (1, 0), q = (0, 1), m = (1/2, 1/2): each term 1/2 * 1 * log2(1 / (1/2)) = 1/2
    jsd, table = jensen_shannon(pd.Series({"olje": 5}), pd.Series({"vind": 2}))
    assert jsd == 1.0
    assert table["term"].tolist() == ["olje", "vind"]
    assert table["contribution"].tolist() == [0.5, 0.5]
    assert table["leans"].tolist() == ["a", "b"]
    # in nats the maximum is ln 2
    jsd_nats, _ = jensen_shannon(pd.Series({"olje": 5}), pd.Series({"vind": 2}), base=math.e)
    assert jsd_nats == pytest.approx(0.693147, abs=5e-7)


def test_jsd_small_literal_example():
    # p = (x .5, y .5), q = (x .75, y .25), m = (.625, .375)
    # x: .25 log2(.5/.625) + .375 log2(.75/.625) = .25(-0.321928) + .375(0.263034)
    #    = -0.080482 + 0.098638 = 0.018156
    # y: .25 log2(.5/.375) + .125 log2(.25/.375) = .25(0.415037) + .125(-0.584963)
    #    = 0.103759 - 0.073120 = 0.030639
    # JSD = 0.048795 (check: H(m) - (H(p) + H(q))/2 = 0.954434 - (1 + 0.811278)/2)
    jsd, table = jensen_shannon(pd.Series({"x": 1, "y": 1}), pd.Series({"x": 3, "y": 1}))
    assert jsd == pytest.approx(0.048795, abs=5e-7)
    assert list(table.columns) == list(JS_COLUMNS)
    assert table["term"].tolist() == ["y", "x"]
    assert table["leans"].tolist() == ["a", "b"]
    assert table["p"].tolist() == [0.5, 0.5]
    assert table["q"].tolist() == [0.25, 0.75]
    np.testing.assert_allclose(table["contribution"], [0.030639, 0.018156], rtol=0, atol=5e-7)


def test_jsd_contributions_sum_to_divergence_with_missing_terms():
    p = pd.Series({"klima": 12, "olje": 3, "vind": 5, "skatt": 1})
    q = pd.Series({"klima": 4, "olje": 9, "gass": 6})
    jsd, table = jensen_shannon(p, q)
    assert sorted(table["term"]) == ["gass", "klima", "olje", "skatt", "vind"]
    assert table.set_index("term").loc["gass", "p"] == 0.0
    assert math.fsum(table["contribution"]) == jsd
    assert (table["contribution"] >= 0).all()
    assert table["contribution"].is_monotonic_decreasing
    assert 0 < jsd < 1


def test_jsd_rejects_bad_input():
    with pytest.raises(ValueError, match="positive total"):
        jensen_shannon(pd.Series({"a": 0}), pd.Series({"a": 1}))
    with pytest.raises(ValueError, match="non-negative"):
        jensen_shannon(pd.Series({"a": -1, "b": 2}), pd.Series({"a": 1}))
    with pytest.raises(ValueError, match="base"):
        jensen_shannon(pd.Series({"a": 1}), pd.Series({"a": 1}), base=1)
