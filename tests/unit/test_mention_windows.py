"""ordskifte.actors.mentions' Arrow shortcuts against the pandas formulations they replace."""

import pandas as pd
import pytest

from ordskifte.actors.mentions import _distinct_words, _windows


@pytest.fixture(params=["str", object])
def tokens(request):
    words = ["Helsedirektoratet", "og", "FFO", "sa", "og", "Helsedirektoratet", "i", "går"]
    return pd.DataFrame(
        {
            "form": words,
            "token": [w.lower() for w in words],
            "lemma": [w.lower() for w in words],
            "sentence": [0, 0, 0, 0, 1, 1, 1, 1],
        }
    ).astype({"form": request.param, "token": request.param, "lemma": request.param})


def test_distinct_words_are_drop_duplicates_in_any_order(tokens):
    expected = set(tokens[["form", "token", "lemma"]].drop_duplicates().itertuples(index=False))
    got = list(_distinct_words(tokens))
    assert len(got) == len(set(got)) == 6
    assert set(got) == {tuple(t) for t in expected}


def test_windows_give_the_starts_and_the_words_after_each(tokens):
    positions, (forms, sentences) = _windows(
        tokens, {"Helsedirektoratet", "FFO"}, length=3, columns=("form", "sentence")
    )
    assert positions == [0, 2, 5]
    assert forms == {k: tokens["form"].tolist()[k] for k in (0, 1, 2, 3, 4, 5, 6, 7)}
    assert sentences == {k: tokens["sentence"].tolist()[k] for k in (0, 1, 2, 3, 4, 5, 6, 7)}


def test_windows_stop_at_the_end_and_take_nothing_without_a_start(tokens):
    positions, (forms,) = _windows(tokens, {"går"}, length=4, columns=("form",))
    assert positions == [7]
    assert forms == {7: "går"}
    assert _windows(tokens, {"ukjent"}, length=4, columns=("form",)) == ([], [{}])
