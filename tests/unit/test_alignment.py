"""Unit tests for ordskifte.topics.alignment: JS distances by hand, a planted three-period
history."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon

from ordskifte.io import read_tsv, write_tsv
from ordskifte.topics import alignment as al

NA = pd.NA
ORDER = ["frivillig", "psykisk_helse", "folkehelse"]


def topic_term(rows: list[list[float]], terms: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=terms)


def planted_topic(vocabulary: list[str], core: dict[str, float], smooth: float = 0.1) -> pd.Series:
    """``smooth`` spread evenly over the vocabulary, the rest over ``core`` by its weights."""
    weights = pd.Series(smooth / len(vocabulary), index=vocabulary)
    total = sum(core.values())
    for term, weight in core.items():
        weights[term] += (1 - smooth) * weight / total
    return weights


def planted_model(vocabulary: list[str], topics: list[dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame([planted_topic(vocabulary, t) for t in topics]).reset_index(drop=True)


# The planted history. A (selvhjelp) persists through all three periods; B (voluntary
# organisations) splits into B1 (frivillig, organisasjon) and B2 (lag, forening) in period 2,
# and both persist; C (trygd, sosialkontor) vanishes after period 1; D (folkehelse) emerges in
# period 3. Topic ids are shuffled between periods, and each period has a term of its own.
A = {"selvhjelp": 2, "gruppe": 1, "likemann": 1}
B = {"frivillig": 1, "organisasjon": 1, "lag": 1, "forening": 1}
B1 = {"frivillig": 6, "organisasjon": 6, "lag": 1, "forening": 1}
B2 = {"frivillig": 1, "organisasjon": 1, "lag": 9, "forening": 9}
C = {"trygd": 1, "sosialkontor": 1}
D = {"folkehelse": 2, "forebygging": 1, "levekår": 1}
CORE = sorted({*A, *B, "trygd", "folkehelse", "forebygging"})
MODELS = {
    "frivillig": planted_model([*CORE, "sosialkontor", "dugnad"], [A, B, C]),
    "psykisk_helse": planted_model([*CORE, "psykiatri"], [B1, A, B2]),
    "folkehelse": planted_model([*CORE, "levekår"], [D, A, B2, B1]),
}

PLANTED_ALIGNMENT = pd.DataFrame(
    [
        # period_a, topic_a, period_b, topic_b, similarity, matched
        ("frivillig", 0, "psykisk_helse", 1, 0.991352, True),  # A continues
        ("frivillig", 1, "psykisk_helse", 0, 0.692134, True),  # B -> B1 (matched)
        ("frivillig", 1, "psykisk_helse", 2, 0.645876, False),  # B -> B2 (split)
        ("frivillig", 2, "psykisk_helse", 2, 0.131882, True),  # C: best match, no link
        ("psykisk_helse", 0, "folkehelse", 3, 1.0, True),  # B1 continues
        ("psykisk_helse", 1, "folkehelse", 1, 1.0, True),  # A continues
        ("psykisk_helse", 2, "folkehelse", 2, 1.0, True),  # B2 continues
        ("psykisk_helse", NA, "folkehelse", 0, math.nan, False),  # D: no partner
    ],
    columns=list(al.ALIGNMENT_COLUMNS),
).astype({"topic_a": "Int64", "topic_b": "Int64"})

PLANTED_LINEAGES = pd.DataFrame(
    [
        # lineage, period, topic, similarity_to_previous
        (0, "frivillig", 0, math.nan),  # A
        (0, "psykisk_helse", 1, 0.991352),
        (0, "folkehelse", 1, 1.0),
        (1, "frivillig", 1, math.nan),  # B -> B1
        (1, "psykisk_helse", 0, 0.692134),
        (1, "folkehelse", 3, 1.0),
        (2, "frivillig", 2, math.nan),  # C
        (3, "psykisk_helse", 2, math.nan),  # B2, split off B
        (3, "folkehelse", 2, 1.0),
        (4, "folkehelse", 0, math.nan),  # D
    ],
    columns=list(al.LINEAGE_COLUMNS),
)

PLANTED_LINKS = pd.DataFrame(
    [
        # period, topic, n_previous, from_previous, n_next, to_next
        ("frivillig", 0, NA, None, 1, "continues"),  # A
        ("frivillig", 1, NA, None, 2, "splits"),  # B
        ("frivillig", 2, NA, None, 0, "fades"),  # C
        ("psykisk_helse", 0, 1, "splits", 1, "continues"),  # B1
        ("psykisk_helse", 1, 1, "continues", 1, "continues"),  # A
        ("psykisk_helse", 2, 1, "splits", 1, "continues"),  # B2
        ("folkehelse", 0, 0, "emerges", NA, None),  # D
        ("folkehelse", 1, 1, "continues", NA, None),  # A
        ("folkehelse", 2, 1, "continues", NA, None),  # B2
        ("folkehelse", 3, 1, "continues", NA, None),  # B1
    ],
    columns=list(al.LINK_COLUMNS),
)


def assert_frames(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal row by row: floats to 6 decimals, missing values alike, dtypes not compared."""
    assert list(actual.columns) == list(expected.columns)
    assert len(actual) == len(expected)
    for got, want in zip(
        actual.astype(object).itertuples(index=False),
        expected.astype(object).itertuples(index=False),
        strict=True,
    ):
        for g, w in zip(got, want, strict=True):
            if pd.isna(w):
                assert pd.isna(g), (got, want)
            elif isinstance(w, float):
                assert g == pytest.approx(w, abs=1e-6), (got, want)
            else:
                assert g == w, (got, want)


# --- Jensen-Shannon distance ------------------------------------------------------------------


def test_js_distance_identical_is_zero_and_disjoint_is_one():
    a = topic_term([[0.2, 0.3, 0.5]], ["x", "y", "z"])
    disjoint = topic_term([[0.5, 0.5]], ["u", "v"])
    assert al.js_distance_matrix(a, a).tolist() == [[0.0]]
    assert al.js_distance_matrix(a, disjoint, vocabulary="union")[0, 0] == pytest.approx(1.0)


def test_js_distance_hand_computed():
    # p = (1, 0), q = (1/2, 1/2), m = (3/4, 1/4):
    # KL(p||m) = log2(4/3), KL(q||m) = 1/2 log2(2/3) + 1/2 log2(2),
    # JSD = 3/2 - 3/4 log2(3) = 0.311278 bits, distance = sqrt(JSD) = 0.557923.
    p = topic_term([[1.0, 0.0]], ["x", "y"])
    q = topic_term([[0.5, 0.5]], ["x", "y"])
    distance = al.js_distance_matrix(p, q)[0, 0]
    assert distance == pytest.approx(math.sqrt(1.5 - 0.75 * math.log2(3)))
    assert distance == pytest.approx(0.557923, abs=1e-6)


def test_js_distance_matrix_agrees_with_scipy_and_ignores_column_order():
    a = topic_term([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], ["x", "y", "z"])
    b = topic_term([[0.3, 0.3, 0.4], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], ["z", "y", "x"])
    distance = al.js_distance_matrix(a, b)
    assert distance.shape == (2, 3)
    b_aligned = b[["x", "y", "z"]].to_numpy()
    expected = [[jensenshannon(p, q, base=2) for q in b_aligned] for p in a.to_numpy()]
    np.testing.assert_allclose(distance, expected, atol=1e-12)
    np.testing.assert_allclose(al.js_distance_matrix(b, a), distance.T, atol=1e-12)


def test_shared_space_intersection_renormalised_and_union_filled_with_zero():
    a = topic_term([[0.5, 0.5]], ["hjelp", "selvhjelp"])
    b = topic_term([[0.5, 0.25, 0.25]], ["selvhjelp", "gruppe", "hjelp"])

    p, q, terms = al.shared_space(a, b)
    assert terms == ["hjelp", "selvhjelp"]
    assert p.tolist() == [[0.5, 0.5]]
    np.testing.assert_allclose(q, [[1 / 3, 2 / 3]])

    p, q, terms = al.shared_space(a, b, vocabulary="union")
    assert terms == ["gruppe", "hjelp", "selvhjelp"]
    assert p.tolist() == [[0.0, 0.5, 0.5]]
    assert q.tolist() == [[0.25, 0.25, 0.5]]


def test_shared_vocabulary_trade_off():
    # The later topic puts 90 % of its weight on a term the earlier period does not have.
    # Over the shared vocabulary only the 10 % remainder counts and the two look identical;
    # over the union they are far apart. This is the caveat documented in shared_space.
    early = topic_term([[0.5, 0.5]], ["x", "y"])
    late = topic_term([[0.05, 0.05, 0.9]], ["x", "y", "new"])
    assert al.js_distance_matrix(early, late)[0, 0] == 0.0
    assert al.js_distance_matrix(early, late, vocabulary="union")[0, 0] > 0.8


def test_topic_without_shared_terms_is_at_distance_one():
    a = topic_term([[1.0, 0.0], [0.0, 1.0]], ["x", "only_a"])
    b = topic_term([[1.0]], ["x"])
    assert al.js_distance_matrix(a, b).tolist() == [[0.0], [1.0]]


@pytest.mark.parametrize(
    ("a", "message"),
    [
        (topic_term([[-0.1, 1.1]], ["x", "y"]), "non-negative"),
        (topic_term([[math.nan, 1.0]], ["x", "y"]), "NaN"),
        (pd.DataFrame([[0.5, 0.5]], columns=["x", "x"]), "duplicate term"),
        (pd.DataFrame([[1.0]], index=["t0"], columns=["x"]), "integer topic ids"),
    ],
)
def test_invalid_topic_term_matrix_is_rejected(a, message):
    with pytest.raises(ValueError, match=message):
        al.js_distance_matrix(a, topic_term([[1.0]], ["x"]))


def test_unknown_vocabulary_option_is_rejected():
    a = topic_term([[1.0]], ["x"])
    with pytest.raises(ValueError, match="vocabulary must be one of"):
        al.shared_space(a, a, vocabulary="intersection")


# --- alignment of the planted history ----------------------------------------------------------


def test_planted_alignment_rows():
    table = al.align_periods(MODELS, order=ORDER)
    assert_frames(table, PLANTED_ALIGNMENT)
    assert table.dtypes.to_dict() == {
        "period_a": "str",
        "topic_a": "Int64",
        "period_b": "str",
        "topic_b": "Int64",
        "similarity": "float64",
        "matched": "bool",
    }


def test_planted_lineages():
    table = al.align_periods(MODELS, order=ORDER)
    assert_frames(al.lineages(table, order=ORDER), PLANTED_LINEAGES)


def test_planted_classify_links():
    table = al.align_periods(MODELS, order=ORDER)
    assert_frames(al.classify_links(table), PLANTED_LINKS)
    assert_frames(al.classify_links(table, order=ORDER), PLANTED_LINKS)


def test_merge_is_the_mirror_of_a_split():
    models = {
        "before": MODELS["psykisk_helse"].loc[[0, 2]].reset_index(drop=True),  # B1, B2
        "after": MODELS["frivillig"].loc[[1]].reset_index(drop=True),  # B
    }
    table = al.align_periods(models, order=["before", "after"])
    assert_frames(
        table,
        pd.DataFrame(
            [
                ("before", 0, "after", 0, 0.692134, True),
                ("before", 1, "after", 0, 0.645876, False),
            ],
            columns=list(al.ALIGNMENT_COLUMNS),
        ),
    )
    assert_frames(
        al.classify_links(table),
        pd.DataFrame(
            [
                ("before", 0, NA, None, 1, "merges"),
                ("before", 1, NA, None, 1, "merges"),
                ("after", 0, 2, "merges", NA, None),
            ],
            columns=list(al.LINK_COLUMNS),
        ),
    )


def test_threshold_decides_links_but_not_the_matching():
    strict = al.align_periods(MODELS, order=ORDER[:2], threshold=0.995)
    # The split link (0.646) is gone; the complete matching stays, below the threshold too.
    assert strict[["topic_a", "topic_b", "matched"]].astype(object).values.tolist() == [
        [0, 1, True],
        [1, 0, True],
        [2, 2, True],
    ]
    links = al.classify_links(strict, threshold=0.995)
    assert links["to_next"].tolist()[:3] == ["fades", "fades", "fades"]
    assert links["from_previous"].tolist()[3:] == ["emerges", "emerges", "emerges"]


def test_alignment_ignores_term_and_topic_order():
    shuffled = {
        period: model.sample(frac=1.0, axis=1, random_state=1).iloc[::-1]
        for period, model in MODELS.items()
    }
    pd.testing.assert_frame_equal(
        al.align_periods(shuffled, order=ORDER), al.align_periods(MODELS, order=ORDER)
    )


def test_alignment_survives_a_tsv_round_trip(tmp_path):
    table = al.align_periods(MODELS, order=ORDER)
    write_tsv(table, tmp_path / "alignment.tsv")
    read_back = read_tsv(tmp_path / "alignment.tsv")
    assert_frames(al.normalise_alignment(read_back), PLANTED_ALIGNMENT)
    assert_frames(al.lineages(read_back, order=ORDER), PLANTED_LINEAGES)
    assert_frames(al.classify_links(read_back), PLANTED_LINKS)


def test_single_period_gives_an_empty_table():
    table = al.align_periods(MODELS, order=["frivillig"])
    assert list(table.columns) == list(al.ALIGNMENT_COLUMNS)
    assert table.empty
    assert al.lineages(table, order=["frivillig"]).empty
    assert al.classify_links(table).empty


def test_align_periods_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"no topic model for period\(s\) \['x'\]"):
        al.align_periods(MODELS, order=["frivillig", "x"])
    with pytest.raises(ValueError, match="more than once"):
        al.align_periods(MODELS, order=["frivillig", "frivillig"])
    with pytest.raises(ValueError, match="threshold"):
        al.align_periods(MODELS, order=ORDER, threshold=1.5)


def test_lineages_reject_pairs_that_do_not_follow_the_order():
    table = al.align_periods(MODELS, order=ORDER)
    with pytest.raises(ValueError, match="do not follow each other"):
        al.lineages(table, order=["frivillig", "folkehelse", "psykisk_helse"])
    with pytest.raises(ValueError, match="not in order"):
        al.lineages(table, order=["frivillig", "psykisk_helse"])
    with pytest.raises(ValueError, match="missing column"):
        al.classify_links(table.drop(columns="matched"))
