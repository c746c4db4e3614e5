"""Unit tests for ordskifte.tables.keyness: expected values are computed by hand in the comments."""

import numpy as np
import pandas as pd
import pytest

from ordskifte.io import write_tsv
from ordskifte.tables.keyness import (
    KEYNESS_COLUMNS,
    keyness_table,
    log_likelihood,
    log_ratio,
    p_value,
)

LN2 = 0.6931471805599453


# --- log_likelihood ---------------------------------------------------------------------------


def test_log_likelihood_hand_computed():
    # a=10, b=5, c=1000, d=2000
    # E1 = 1000*15/3000 = 5, E2 = 2000*15/3000 = 10
    # G2 = 2*(10 ln(10/5) + 5 ln(5/10)) = 2*(10 ln2 - 5 ln2) = 10 ln2 = 6.9315
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(6.9315, abs=5e-5)
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(10 * LN2, rel=1e-12)


def test_log_likelihood_zero_cell_uses_0_ln_0_equals_0():
    # a=0, b=10, c=d=1000: E2 = 1000*10/2000 = 5
    # G2 = 2*(0 + 10 ln(10/5)) = 20 ln2 = 13.8629
    assert log_likelihood(0, 10, 1000, 1000) == pytest.approx(20 * LN2, rel=1e-12)
    # a=4, b=0, c=d=1000: E1 = 2 -> G2 = 2*4 ln(4/2) = 8 ln2 = 5.5452
    assert log_likelihood(4, 0, 1000, 1000) == pytest.approx(8 * LN2, rel=1e-12)


def test_log_likelihood_absent_from_both_and_equal_rates_is_zero():
    assert log_likelihood(0, 0, 1000, 2000) == 0.0
    # same relative frequency: a/c = b/d = 0.01 -> a = E1, b = E2 -> G2 = 0
    assert log_likelihood(10, 20, 1000, 2000) == pytest.approx(0.0, abs=1e-12)


def test_log_likelihood_is_vectorised_and_returns_float_for_scalars():
    g2 = log_likelihood(
        np.array([10, 0, 0]), np.array([5, 10, 0]), 1000, np.array([2000, 1000, 1000])
    )
    assert isinstance(g2, np.ndarray)
    np.testing.assert_allclose(g2, [10 * LN2, 20 * LN2, 0.0], rtol=1e-12)
    assert isinstance(log_likelihood(10, 5, 1000, 2000), float)


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "match"),
    [
        (-1, 5, 1000, 2000, "non-negative"),
        (1, 5, 0, 2000, "positive"),
        (1, 5, 1000, -3, "positive"),
        (1001, 5, 1000, 2000, "exceeds"),
        (float("nan"), 5, 1000, 2000, "NaN"),
    ],
)
def test_log_likelihood_rejects_bad_cells(a, b, c, d, match):
    with pytest.raises(ValueError, match=match):
        log_likelihood(a, b, c, d)


# --- log_ratio --------------------------------------------------------------------------------


def test_log_ratio_hand_computed():
    # (10/1000) / (5/2000) = 0.01 / 0.0025 = 4 -> log2 4 = 2
    assert log_ratio(10, 5, 1000, 2000) == pytest.approx(2.0, abs=1e-12)
    # (5/1000) / (40/1000) = 1/8 -> -3
    assert log_ratio(5, 40, 1000, 1000) == pytest.approx(-3.0, abs=1e-12)


def test_log_ratio_smooths_zero_counts_only():
    # a=0 -> 0.5: (0.5/1000) / (10/1000) = 0.05 -> log2 0.05 = -4.3219
    assert log_ratio(0, 10, 1000, 1000) == pytest.approx(-4.3219, abs=5e-5)
    # a=4, b=0 -> 0.5: 4 / 0.5 = 8 -> 3
    assert log_ratio(4, 0, 1000, 1000) == pytest.approx(3.0, abs=1e-12)
    # smoothing=1: 4 / 1 = 4 -> 2
    assert log_ratio(4, 0, 1000, 1000, smoothing=1.0) == pytest.approx(2.0, abs=1e-12)
    # both zero, both smoothed: (0.5/1000) / (0.5/4000) = 4 -> 2 = log2(d/c)
    assert log_ratio(0, 0, 1000, 4000) == pytest.approx(2.0, abs=1e-12)
    # non-zero counts are not smoothed: (1/1000)/(1/1000) = 1 -> 0
    assert log_ratio(1, 1, 1000, 1000, smoothing=0.25) == pytest.approx(0.0, abs=1e-12)


def test_log_ratio_vectorised_and_rejects_bad_smoothing():
    np.testing.assert_allclose(log_ratio([10, 4], [5, 0], [1000, 1000], [2000, 1000]), [2.0, 3.0])
    with pytest.raises(ValueError, match="smoothing"):
        log_ratio(1, 0, 10, 10, smoothing=0)


# --- p_value ----------------------------------------------------------------------------------


def test_p_value_chi_square_one_df():
    # textbook critical values of chi2 with 1 df: 3.8415 -> 0.05, 6.6349 -> 0.01
    assert p_value(3.841458820694124) == pytest.approx(0.05, rel=1e-9)
    assert p_value(6.634896601021214) == pytest.approx(0.01, rel=1e-9)
    assert p_value(0.0) == 1.0
    np.testing.assert_allclose(p_value(np.array([0.0, 3.841458820694124])), [1.0, 0.05])


def test_p_value_equals_scipy_stats_chi2_sf():
    """p_value calls scipy.special.chdtrc directly: the same floats as chi2.sf(g2, df=1)."""
    from scipy.stats import chi2

    g2 = np.concatenate([np.random.default_rng(0).exponential(5, 10_000), [0.0, 1e-12, 1e6]])
    assert np.array_equal(p_value(g2), chi2.sf(g2, df=1))


def test_p_value_rejects_negative():
    with pytest.raises(ValueError, match="non-negative"):
        p_value(-0.1)


# --- keyness_table ----------------------------------------------------------------------------

TARGET = pd.Series({"klima": 30, "skatt": 5, "olje": 10, "vindkraft": 4, "sjelden": 1})
REFERENCE = pd.Series({"klima": 10, "skatt": 40, "olje": 10, "sjelden": 1})


def test_keyness_table_literal():
    # c = d = 1000, so E1 = E2 = (a+b)/2 for every term.
    # skatt     a=5,  b=40: E=22.5; G2 = 2(5 ln(5/22.5) + 40 ln(40/22.5))
    #           = 2(5*(-1.504077) + 40*0.575364) = 2(-7.520387 + 23.014566) = 30.988358
    #           LR = log2(5/40) = -3; 5/1000 < 40/1000 -> reference
    # klima     a=30, b=10: E=20;   G2 = 2(30 ln 1.5 + 10 ln 0.5)
    #           = 2(30*0.405465 - 10*0.693147) = 2(12.163953 - 6.931472) = 10.464963
    #           LR = log2 3 = 1.584963; target
    # vindkraft a=4,  b=0:  E=2;    G2 = 2*4 ln 2 = 5.545177; LR = log2(4/0.5) = 3; target
    # olje      a=10, b=10: E=10;   G2 = 0, p = 1; LR = 0; tie -> reference
    # sjelden   a=1,  b=1:  a+b = 2 < min_count 3 -> dropped
    table = keyness_table(TARGET, REFERENCE, target_total=1000, reference_total=1000)
    assert list(table.columns) == list(KEYNESS_COLUMNS)
    assert table["term"].tolist() == ["skatt", "klima", "vindkraft", "olje"]
    assert table["direction"].tolist() == ["reference", "target", "target", "reference"]
    assert table["count_target"].tolist() == [5, 30, 4, 10]
    assert table["count_reference"].tolist() == [40, 10, 0, 10]
    assert table["count_target"].dtype == "int64"
    assert table["count_reference"].dtype == "int64"
    # per 10k: 10000 * a / 1000 = 10 a
    assert table["per_10k_target"].tolist() == [50.0, 300.0, 40.0, 100.0]
    assert table["per_10k_reference"].tolist() == [400.0, 100.0, 0.0, 100.0]
    np.testing.assert_allclose(
        table["g2"], [30.988358, 10.464963, 5.545177, 0.0], rtol=0, atol=5e-7
    )
    np.testing.assert_allclose(table["log_ratio"], [-3.0, 1.584963, 3.0, 0.0], rtol=0, atol=5e-7)
    assert table["p_value"].iloc[-1] == 1.0
    assert table.index.tolist() == [0, 1, 2, 3]


def test_keyness_table_min_count_filter_is_inclusive():
    # sjelden has a+b = 2: kept at min_count=2, dropped at 3; olje (20) dropped at 21
    kept = keyness_table(TARGET, REFERENCE, target_total=1000, reference_total=1000, min_count=2)
    assert "sjelden" in kept["term"].tolist()
    assert len(kept) == 5
    high = keyness_table(TARGET, REFERENCE, target_total=1000, reference_total=1000, min_count=21)
    # a+b: skatt 45, klima 40, olje 20, vindkraft 4
    assert high["term"].tolist() == ["skatt", "klima"]


def test_keyness_table_default_totals_are_the_sums():
    # c = 10 + 990 = 1000, d = 5 + 1995 = 2000 -> x has G2 = 10 ln2 (first test)
    target = pd.Series({"x": 10, "y": 990})
    reference = pd.Series({"x": 5, "y": 1995})
    table = keyness_table(target, reference).set_index("term")
    assert table.loc["x", "g2"] == pytest.approx(10 * LN2, rel=1e-12)
    assert table.loc["x", "direction"] == "target"
    assert table.loc["x", "log_ratio"] == pytest.approx(2.0, abs=1e-12)


def test_keyness_table_ties_in_g2_sorted_by_term():
    # b and a have the same counts -> same G2; order falls back to the term
    target = pd.Series({"b": 10, "a": 10, "c": 3})
    reference = pd.Series({"b": 2, "a": 2, "c": 3})
    table = keyness_table(target, reference, target_total=100, reference_total=100)
    assert table["term"].tolist() == ["a", "b", "c"]


def test_keyness_table_is_independent_of_input_order():
    shuffled = keyness_table(
        TARGET.iloc[::-1], REFERENCE.iloc[::-1], target_total=1000, reference_total=1000
    )
    pd.testing.assert_frame_equal(
        shuffled, keyness_table(TARGET, REFERENCE, target_total=1000, reference_total=1000)
    )


def test_keyness_table_empty_result_keeps_columns():
    table = keyness_table(pd.Series({"a": 1}), pd.Series({"a": 1}), min_count=3)
    assert list(table.columns) == list(KEYNESS_COLUMNS)
    assert len(table) == 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"target_total": 0}, "target corpus size is 0"),
        ({"reference_total": 0}, "reference corpus size is 0"),
        ({"target_total": 49}, "smaller than the sum"),  # target counts sum to 50
        ({"reference_total": 60}, "smaller than the sum"),  # reference counts sum to 61
        ({"min_count": -1}, "min_count"),
    ],
)
def test_keyness_table_rejects_bad_totals(kwargs, match):
    with pytest.raises(ValueError, match=match):
        keyness_table(TARGET, REFERENCE, **kwargs)


def test_keyness_table_rejects_empty_corpus_and_bad_counts():
    with pytest.raises(ValueError, match="target corpus size is 0"):
        keyness_table(pd.Series([], dtype="int64"), REFERENCE)
    with pytest.raises(ValueError, match="non-negative"):
        keyness_table(pd.Series({"a": -1, "b": 5}), REFERENCE, target_total=10)
    with pytest.raises(ValueError, match="whole numbers"):
        keyness_table(pd.Series({"a": 1.5}), REFERENCE, target_total=10)
    with pytest.raises(ValueError, match="duplicate"):
        keyness_table(pd.Series([1, 2], index=["a", "a"]), REFERENCE, target_total=10)


def test_keyness_table_as_written_is_byte_stable(tmp_path):
    table = keyness_table(TARGET, REFERENCE, target_total=1000, reference_total=1000)
    write_tsv(table, tmp_path / "keyness.tsv")
    tsv = (tmp_path / "keyness.tsv").read_text(encoding="utf-8")
    # six significant digits, so a tiny p-value keeps its digits instead of becoming 0
    assert tsv.splitlines()[1] == "skatt\t5\t40\t50\t400\t30.9884\t2.59581e-08\t-3\treference"
    assert tsv.splitlines()[2] == "klima\t30\t10\t300\t100\t10.465\t0.0012166\t1.58496\ttarget"
