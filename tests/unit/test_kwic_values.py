"""ordskifte.tables.kwic.values_at: a few positions' values, as the whole columns give them."""

import numpy as np
import pandas as pd

from ordskifte.tables.kwic import values_at


def test_values_at_are_the_columns_values_at_those_positions():
    tokens = pd.DataFrame(
        {
            "form": pd.array(["Det", "frivillige", "arbeidet", "i", "2001"], dtype="str"),
            "page": pd.array([1, 1, None, 2, 2], dtype="Int32"),
            "sentence": np.array([0, 0, 0, 1, 1], dtype=np.int32),
            "term": pd.Series(["det", "frivillig", "arbeid", "i", "2001"], dtype=object),
        }
    )
    form, page, sentence, term = values_at(
        tokens, np.array([1, 2, 4]), ("form", "page", "sentence", "term")
    )
    assert form == {1: "frivillige", 2: "arbeidet", 4: "2001"}
    assert page == {1: 1, 2: None, 4: 2}
    assert sentence == {1: 0, 2: 0, 4: 1}
    assert term == {1: "frivillig", 2: "arbeid", 4: "2001"}
    assert values_at(tokens, np.array([], dtype=np.int64), ("form",)) == [{}]
