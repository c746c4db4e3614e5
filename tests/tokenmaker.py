"""Token tables for unit tests: sentences of words already normalised, written as
:func:`ordskifte.text.tokenize.tokens_frame` builds them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from ordskifte.text.tokenize import tokens_frame


def token_table(
    sentences: Sequence[Sequence[str]],
    *,
    stopwords: Collection[str] = (),
    targets: Collection[str] = (),
    sentences_per_paragraph: int = 0,
) -> pd.DataFrame:
    """One row per word: each word is its own token, form, lemma and term; sentence ``s`` is in
    paragraph ``s // sentences_per_paragraph`` (0 when that is 0), all on page 1, Bokmål;
    a word in ``targets`` is its own target match."""
    table: dict[str, list] = {c: [] for c in ("paragraph", "sentence", "page", "language")}
    table |= {c: [] for c in ("token", "form", "lemma", "term", "is_stopword")}
    table |= {"concepts": [], "targets": []}
    for s, sentence in enumerate(sentences):
        for word in sentence:
            for column, value in (
                ("paragraph", s // sentences_per_paragraph if sentences_per_paragraph else 0),
                ("sentence", s),
                ("page", 1),
                ("language", "nb"),
                ("token", word),
                ("form", word),
                ("lemma", word),
                ("term", word),
                ("is_stopword", word in stopwords),
                ("concepts", ""),
                ("targets", word if word in targets else ""),
            ):
                table[column].append(value)
    return tokens_frame(table)
