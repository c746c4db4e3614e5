"""Corpora at scale: millions of tokens in white-paper-sized documents, for the benchmarks.

:func:`scale_corpus` makes corpora with a realistic vocabulary (the bundled corpus's words,
simplemma's Bokmål word forms and compounds, two-regime Zipf frequencies) and the default
config's concept families planted at period-dependent rates (``benchmarks/run.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ordskifte.ingest.manifest import MANIFEST_COLUMNS, read_manifest
from tests.synthetic.planted import DEFAULT_PERIODS, zipf_weights

# ============================================================================ corpora at scale
# :func:`scale_corpus` makes corpora of white-paper-sized documents with a realistic Norwegian
# vocabulary, to measure the pipeline at millions of tokens (benchmarks/run.py). Its words
# are what the cleaner, tokenizer and lemmatizer meet in real documents: the bundled corpus's
# own words as the frequent core, then the word forms of simplemma's Bokmål lexicon
# (inflections and compounds) and compounds that are not in the lexicon, with a two-regime
# Zipf law of frequencies.

#: The concept families of the default config, each as the phrases planted for it. Every
#: phrase holds exactly one match of its family's patterns and none of the others'.
SCALE_CONCEPT_FORMS: Mapping[str, tuple[str, ...]] = {
    "frivillig": (
        "frivillig",
        "frivillige",
        "frivillighet",
        "frivilligheten",
        "frivillig arbeid",
        "frivillige organisasjoner",
        "frivillighetssentralene",
        "frivilligsentralen",
    ),
    "psykisk_helse": (
        "psykisk helse",
        "psykisk helsearbeid",
        "psykiske helse",
        "psykisk helsevern",
        "psykiske helseproblemer",
    ),
    "folkehelse": (
        "folkehelse",
        "folkehelsen",
        "folkehelsearbeid",
        "folkehelsearbeidet",
        "folkehelsemeldingen",
        "folkehelseloven",
        "folkehelseprofiler",
    ),
    # the default config's target
    "selvhjelp": (
        "selvhjelp",
        "selvhjelpsgrupper",
        "selvhjelpsgruppene",
        "selvhjelpsarbeid",
        "hjelp til selvhjelp",
    ),
}

#: Planted occurrences per 10,000 word tokens, by family and period: each concept is most
#: frequent in its own period (Feiring 2019), the target is steady.
SCALE_CONCEPT_RATES: Mapping[str, Mapping[str, float]] = {
    "frivillig": {"frivillig": 12.0, "psykisk_helse": 4.0, "folkehelse": 3.0},
    "psykisk_helse": {"frivillig": 1.5, "psykisk_helse": 10.0, "folkehelse": 3.0},
    "folkehelse": {"frivillig": 1.0, "psykisk_helse": 2.0, "folkehelse": 12.0},
    "selvhjelp": {"frivillig": 4.0, "psykisk_helse": 4.0, "folkehelse": 4.0},
}

#: Document references with numbers and abbreviations, as white papers cite each other: they
#: exercise the tokenizer's abbreviation rules. Planted at ``reference_rate``.
SCALE_REFERENCES: tuple[str, ...] = (
    "jf. St.meld. nr. 25 (1996–97)",
    "(NOU 1998: 18)",
    "jf. kap. 4.2",
    "i 1997",
    "om lag 40 prosent",
    "ca. 2,5 mill. kr",
    "Meld. St. 19 (2014–2015)",
    "jf. Prop. 1 S (2014–2015)",
    "i perioden 2002–2005",
    "(St.meld. nr. 16 (2002–2003))",
)

# Words of the background vocabulary: letters, optionally joined by hyphens ("IT-løsning").
_LEXICON_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# The pipeline's token pattern (ordskifte.text.tokenize.TOKEN) and its notion of a word token.
_TOKEN = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Background words that could make or break a planted concept match are left out.
_EXCLUDED_PREFIXES = ("frivillig", "folkehelse", "selvhjelp", "sjølhjelp")
_EXCLUDED_WORDS = frozenset({"psykisk", "psykiske"})
_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCALE_CORPUS_DIR = _ROOT / "resources" / "corpus"


def word_count(text: str) -> int:
    """Word tokens in ``text`` as the pipeline counts them: tokens with at least one letter."""
    return sum(1 for token in _TOKEN.findall(text) if _HAS_LETTER.search(token))


def two_regime_zipf(
    n: int, *, exponent: float = 1.0, kernel: int = 5000, tail_exponent: float = 1.7
) -> np.ndarray:
    r"""Normalised rank-frequency weights with a core and a tail (Ferrer i Cancho & Solé 2001).

    :math:`w_r \propto r^{-s}` for ranks :math:`r \le` ``kernel`` (the core lexicon every
    writer uses) and :math:`w_r \propto k^{-s} (r/k)^{-t}` beyond, continuous at *k*. With the
    defaults (*s* = 1, *k* = 5000, *t* = 1.7) a 4 M-token draw from 700 k words has about
    120 k distinct words, as real Norwegian policy prose has (3.9 M tokens, 107 k words);
    a single Zipf law over the same words would give over 300 k.

    References
    ----------
    Ferrer i Cancho, R., & Solé, R. V. (2001). Two regimes in the frequency of words and the
    origins of complex lexicons. *Journal of Quantitative Linguistics*, 8(3), 165-173.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if kernel < 1 or exponent < 0 or tail_exponent < 0:
        raise ValueError(
            "kernel must be >= 1 and the exponents >= 0, got "
            f"kernel={kernel}, exponent={exponent}, tail_exponent={tail_exponent}"
        )
    ranks = np.arange(1, n + 1, dtype=np.float64)
    weights = np.where(
        ranks <= kernel,
        ranks**-exponent,
        float(kernel) ** -exponent * (ranks / kernel) ** -tail_exponent,
    )
    return weights / weights.sum()


@dataclass(frozen=True)
class ScaleVocabulary:
    """Background words, most frequent first, for :func:`scale_corpus`.

    Attributes
    ----------
    words : ndarray of object
        Display forms (lowercase unless the word is a name).
    capitalised : ndarray of object
        The same with a capital first letter (sentence starts).
    lengths : ndarray of int
        ``len`` of each word.
    n_corpus, n_lexicon, n_compounds : int
        How many words came from the bundled corpus (the first ``n_corpus``), from the
        lemmatizer's lexicon and from made-up compounds (mixed in the tail).
    """

    words: np.ndarray
    capitalised: np.ndarray
    lengths: np.ndarray
    n_corpus: int
    n_lexicon: int
    n_compounds: int


def _excluded(word: str) -> bool:
    lower = word.lower()
    return lower in _EXCLUDED_WORDS or lower.startswith(_EXCLUDED_PREFIXES)


def _corpus_counts(corpus_dir: Path, language: str) -> Counter:
    """Word counts (lowercase) of the corpus's ``language`` documents listed in its manifest."""
    manifest = read_manifest(corpus_dir / "documents.tsv")
    counts: Counter = Counter()
    for row in manifest.to_dict(orient="records"):
        path = corpus_dir / row["file"]
        if row["language"] != language or path.suffix.lower() not in (".txt", ".md", ".text"):
            continue
        counts.update(_LEXICON_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return counts


def scale_vocabulary(
    *,
    corpus_dir: str | Path = DEFAULT_SCALE_CORPUS_DIR,
    language: str = "nb",
    compound_share: float = 0.15,
    max_word_length: int = 30,
) -> ScaleVocabulary:
    """The background vocabulary: corpus words by frequency, then lexicon words and compounds.

    1. The words of the ``language`` documents of the corpus at ``corpus_dir`` (its
       ``documents.tsv``), most frequent first, ties alphabetical. Fragments of line-end
       hyphenation are left out: a word must be in the lexicon or occur at least 3 times.
    2. Every word form of simplemma's ``language`` lexicon (the keys of its dictionary: base
       forms, inflections, the compounds it lists) made of letters and hyphens, at most
       ``max_word_length`` characters, not already in 1.
    3. ``compound_share`` times as many compounds that are *not* in the lexicon: a lexicon
       lemma, a linking ``s`` or ``e`` or nothing, a lexicon word form
       ("barnehage" + "s" + "plassene"). simplemma lemmatizes them by decomposition, the slow
       path that real documents also take.

    2 and 3 are shuffled together with a fixed seed. Words that could make or break a
    planted concept match (``frivillig*``, ``folkehelse*``, ``selvhjelp*``, ``psykisk``,
    ``psykiske``) and the marker words of English and Nynorsk (``ordskifte.text.language``) are
    left out, so paragraphs are identified as Bokmål and concept counts are the planted ones.

    The result depends only on the arguments, the corpus files and the installed simplemma
    data; it is cached (building it takes a few seconds).
    """
    if not 0 <= compound_share <= 1:
        raise ValueError(f"compound_share must be in [0, 1], got {compound_share!r}")
    corpus_dir = Path(corpus_dir).resolve()
    if not (corpus_dir / "documents.tsv").is_file():
        raise ValueError(
            f"{corpus_dir} has no documents.tsv: give corpus_dir, a corpus folder with a "
            "manifest (the bundled one is resources/corpus in the ordskifte checkout)"
        )
    return _scale_vocabulary(str(corpus_dir), language, float(compound_share), max_word_length)


@lru_cache(maxsize=4)
def _scale_vocabulary(
    corpus_dir: str, language: str, compound_share: float, max_word_length: int
) -> ScaleVocabulary:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    from ordskifte.text.language import DISTINCTIVE, MARKERS

    foreign = (MARKERS["en"] | DISTINCTIVE["nn"]) - MARKERS["nb"]
    lexicon = DefaultDictionaryFactory().get_dictionary(language)
    known = {key.lower() for key in lexicon}

    # 1. the corpus: fold case, display lowercase unless the word only occurs capitalised
    cased = _corpus_counts(Path(corpus_dir), language)
    folded: Counter = Counter()
    display: dict[str, str] = {}
    for word, count in sorted(cased.items(), key=lambda wc: (-wc[1], wc[0])):
        lower = word.lower()
        folded[lower] += count
        display.setdefault(lower, word)
    display.update({lower: lower for lower in folded if lower in cased})
    corpus_words = [
        display[w]
        for w, c in sorted(folded.items(), key=lambda wc: (-wc[1], wc[0]))
        if (w in known or c >= 3)
        and not _excluded(w)
        and w not in foreign
        and not (len(w) == 1 and display[w].isupper())
    ]
    taken = {w.lower() for w in corpus_words}

    # 2. the lexicon's word forms
    entries = sorted(lexicon.items())
    lexicon_words = []
    for key, _ in entries:
        lower = key.lower()
        if (
            2 <= len(key) <= max_word_length
            and lower not in taken
            and _LEXICON_WORD.fullmatch(key)
            and not _excluded(key)
            and lower not in foreign
        ):
            taken.add(lower)
            lexicon_words.append(key)

    # 3. compounds not in the lexicon
    rng = np.random.default_rng(20190626)
    lemmas = sorted({v for _, v in entries if v.isalpha() and v.islower() and 3 <= len(v) <= 12})
    heads = [w for w in lexicon_words if w.isalpha() and w.islower() and 3 <= len(w) <= 14]
    wanted = int(round(compound_share * len(lexicon_words)))
    compounds: list[str] = []
    if wanted and lemmas and heads:
        draws = 2 * wanted + 100
        first = rng.integers(0, len(lemmas), size=draws)
        second = rng.integers(0, len(heads), size=draws)
        links = rng.choice(np.array(["", "s", "e"]), size=draws, p=[0.5, 0.4, 0.1])
        for a, link, b in zip(first.tolist(), links.tolist(), second.tolist(), strict=True):
            word = lemmas[a] + link + heads[b]
            if len(word) <= max_word_length and word not in taken and not _excluded(word):
                taken.add(word)
                compounds.append(word)
                if len(compounds) == wanted:
                    break
    tail = np.asarray(lexicon_words + compounds, dtype=object)
    tail = tail[rng.permutation(len(tail))]
    words = np.concatenate([np.asarray(corpus_words, dtype=object), tail])
    capitalised = np.asarray([w[:1].upper() + w[1:] for w in words.tolist()], dtype=object)
    lengths = np.fromiter(map(len, words.tolist()), dtype=np.int64, count=len(words))
    return ScaleVocabulary(
        words=words,
        capitalised=capitalised,
        lengths=lengths,
        n_corpus=len(corpus_words),
        n_lexicon=len(lexicon_words),
        n_compounds=len(compounds),
    )


@dataclass(frozen=True)
class ScaleSettings:
    """How :func:`scale_corpus` writes each document's text (see its parameters)."""

    seed: int
    zipf_exponent: float = 1.0
    zipf_kernel: int = 5000
    zipf_tail_exponent: float = 1.7
    concept_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reference_rate: float = 3.0
    topic_share: float = 0.05
    topic_words: int = 300
    heading_rate: float = 0.06
    wrap: int | None = 80
    corpus_dir: str = str(DEFAULT_SCALE_CORPUS_DIR)


class _LazyTexts(Mapping):
    """doc_id -> text, each text made when it is asked for (nothing is kept)."""

    def __init__(self, corpus: ScaleCorpus) -> None:
        self._corpus = corpus

    def __getitem__(self, doc_id: str) -> str:
        return self._corpus.text(doc_id)

    def __iter__(self):
        return iter(self._corpus.manifest["doc_id"].tolist())

    def __len__(self) -> int:
        return len(self._corpus.manifest)


@dataclass(frozen=True)
class ScaleCorpus:
    """A plan for a large synthetic corpus: the manifest and what each document will hold.

    The texts are made on demand (:meth:`text`, ``documents[doc_id]``), deterministically
    from the seed, so a 10 M-token corpus never has to be held in memory. Pass it to
    :func:`write_corpus` to write the files and the manifest.

    Attributes
    ----------
    manifest : DataFrame
        Columns ``MANIFEST_COLUMNS``, all strings, ``file`` = ``scale/{doc_id}.txt``.
    word_tokens : dict
        doc_id -> word tokens (tokens with a letter, as the pipeline counts them).
    planted : DataFrame
        index ``doc_id``, one column per concept family: occurrences planted in the text
        (each is one match of the family's patterns).
    settings : ScaleSettings
    """

    manifest: pd.DataFrame
    word_tokens: dict[str, int]
    planted: pd.DataFrame
    settings: ScaleSettings

    @property
    def documents(self) -> Mapping[str, str]:
        """doc_id -> text, made on access (as :attr:`PlantedCorpus.documents`)."""
        return _LazyTexts(self)

    @property
    def n_tokens(self) -> int:
        return sum(self.word_tokens.values())

    def text(self, doc_id: str) -> str:
        """The text of one document: the same string every time."""
        rows = self.manifest.index[self.manifest["doc_id"] == doc_id]
        if len(rows) != 1:
            raise KeyError(f"no document {doc_id!r} in this corpus")
        number = int(rows[0])
        return _scale_text(
            n_words=self.word_tokens[doc_id],
            planted={f: int(c) for f, c in self.planted.loc[doc_id].items()},
            rng=np.random.default_rng(
                np.random.SeedSequence(self.settings.seed, spawn_key=(1, number))
            ),
            settings=self.settings,
        )


def scale_corpus(
    n_tokens: int,
    *,
    seed: int,
    periods: Sequence[tuple[str, int, int]] = DEFAULT_PERIODS,
    doc_tokens: tuple[int, int] = (20_000, 150_000),
    concept_forms: Mapping[str, Sequence[str]] | None = None,
    concept_rates: Mapping[str, Mapping[str, float]] | None = None,
    reference_rate: float = 3.0,
    zipf_exponent: float = 1.0,
    zipf_kernel: int = 5000,
    zipf_tail_exponent: float = 1.7,
    topic_share: float = 0.05,
    topic_words: int = 300,
    heading_rate: float = 0.06,
    wrap: int | None = 80,
    id_prefix: str = "scale",
    corpus_dir: str | Path = DEFAULT_SCALE_CORPUS_DIR,
) -> ScaleCorpus:
    """Plan a corpus of about ``n_tokens`` word tokens in white-paper-sized Bokmål documents.

    Document sizes are drawn log-uniformly from ``doc_tokens`` until they add up to exactly
    ``n_tokens`` (the last one or two are adjusted; a corpus smaller than ``doc_tokens[0]``
    is one document), so 1 M tokens make 10-20 documents with the default sizes. Documents
    are spread evenly over ``periods`` in a random order, each with a year drawn uniformly
    in its period.

    Each document's text (:meth:`ScaleCorpus.text`) is made of

    - background words drawn from :func:`scale_vocabulary` with :func:`two_regime_zipf`
      weights (``zipf_*``), plus ``topic_share`` of words drawn from ``topic_words`` words of
      the vocabulary's tail that are the document's own (Zipf-weighted), as a white paper
      has its own subject words;
    - the concept families' phrases (``concept_forms``, default
      :data:`SCALE_CONCEPT_FORMS`), each family at the rate per 10,000 tokens of the
      document's period (``concept_rates``, default :data:`SCALE_CONCEPT_RATES`; number of
      occurrences Poisson-distributed), forms chosen uniformly, at random places;
    - document references (:data:`SCALE_REFERENCES`, ``reference_rate`` per 10,000 tokens);

    set as prose the pipeline's cleaner keeps as it is: sentences of 4 to about 40 words
    (mean ~17), capitalised, with commas and a full stop; paragraphs of 3-8 sentences
    separated by blank lines and, with ``wrap``, broken into lines of about ``wrap``
    characters (``None``: one line per paragraph); a title and, before ``heading_rate`` of
    the paragraphs, a heading line (half of them numbered "3.2 ...") as a paragraph of its
    own. Heading words are counted as tokens; section numbers and the references' numbers
    are not words.

    Parameters
    ----------
    n_tokens : int
        Word tokens in the whole corpus (>= 100).
    seed : int
        Everything is drawn from it: the same arguments give byte-identical texts.
    periods : sequence of (name, first_year, last_year)
    doc_tokens : (int, int)
        Range of word tokens per document.
    id_prefix : str
        doc_ids are ``{id_prefix}-0000``, ``{id_prefix}-0001``, ...

    Returns
    -------
    ScaleCorpus

    Raises
    ------
    ValueError
        On a bad size, range, rate or share, a period without rates, or a family without
        forms.
    """
    if isinstance(n_tokens, bool) or not isinstance(n_tokens, int) or n_tokens < 100:
        raise ValueError(f"n_tokens must be an integer >= 100, got {n_tokens!r}")
    low, high = doc_tokens
    if not 100 <= low <= high:
        raise ValueError(
            f"doc_tokens must be (low, high) with 100 <= low <= high, got {doc_tokens}"
        )
    if not periods:
        raise ValueError("periods must hold at least one (name, first_year, last_year)")
    for name, first, last in periods:
        if first > last:
            raise ValueError(f"period {name!r}: first year {first} after last year {last}")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", id_prefix):
        raise ValueError(f"id_prefix may only hold letters, digits, _ and -, got {id_prefix!r}")
    for label, value, top in (
        ("topic_share", topic_share, 0.5),
        ("heading_rate", heading_rate, 0.5),
    ):
        if not 0 <= value <= top:
            raise ValueError(f"{label} must be in [0, {top}], got {value!r}")
    if reference_rate < 0 or topic_words < 1:
        raise ValueError("reference_rate must be >= 0 and topic_words >= 1")
    if wrap is not None and wrap < 20:
        raise ValueError(f"wrap must be None or at least 20 characters, got {wrap!r}")
    forms = dict(SCALE_CONCEPT_FORMS if concept_forms is None else concept_forms)
    rates = SCALE_CONCEPT_RATES if concept_rates is None else concept_rates
    for family, phrases in forms.items():
        if not phrases:
            raise ValueError(f"concept family {family!r} has no forms")
        missing = [name for name, _, _ in periods if name not in rates.get(family, {})]
        if missing:
            raise ValueError(f"concept_rates[{family!r}] has no rate for period(s) {missing}")
        if any(rates[family][name] < 0 for name, _, _ in periods):
            raise ValueError(f"concept_rates[{family!r}]: rates must be >= 0")

    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0,)))
    sizes = _document_sizes(n_tokens, low, high, rng)
    order = rng.permutation(len(sizes))
    settings = ScaleSettings(
        seed=seed,
        zipf_exponent=zipf_exponent,
        zipf_kernel=zipf_kernel,
        zipf_tail_exponent=zipf_tail_exponent,
        concept_forms=tuple((f, tuple(p)) for f, p in forms.items()),
        reference_rate=reference_rate,
        topic_share=topic_share,
        topic_words=topic_words,
        heading_rate=heading_rate,
        wrap=wrap,
        corpus_dir=str(corpus_dir),
    )
    rows, word_tokens, planted = [], {}, {}
    for d, size in enumerate(sizes):
        doc_id = f"{id_prefix}-{d:04d}"
        name, first, last = periods[int(order[d]) % len(periods)]
        year = int(rng.integers(first, last + 1))
        counts = {f: int(rng.poisson(rates[f][name] * size / 10_000)) for f in forms}
        # never more planted words than the document has
        while sum(counts[f] * _max_words(forms[f]) for f in forms) > size // 2:
            counts = {f: c // 2 for f, c in counts.items()}
        word_tokens[doc_id] = size
        planted[doc_id] = counts
        rows.append(
            {
                "doc_id": doc_id,
                "file": f"scale/{doc_id}.txt",
                "title": f"Syntetisk stortingsmelding {d + 1} ({year})",
                "issuer": "tests.synthetic",
                "year": str(year),
                "period": name,
                "genre": "syntetisk",
                "language": "nb",
                "citation": f"tests.synthetic.scale_corpus({n_tokens}, seed={seed}), document {d}",
                "url": "",
            }
        )
    manifest = pd.DataFrame(rows, columns=list(MANIFEST_COLUMNS)).astype("str")
    planted_df = pd.DataFrame.from_dict(planted, orient="index", columns=list(forms))
    planted_df.index.name = "doc_id"
    return ScaleCorpus(
        manifest=manifest, word_tokens=word_tokens, planted=planted_df, settings=settings
    )


def _max_words(phrases: Sequence[str]) -> int:
    return max(word_count(p) for p in phrases)


def _document_sizes(n: int, low: int, high: int, rng: np.random.Generator) -> list[int]:
    """Log-uniform sizes in [low, high] adding up to n (see :func:`scale_corpus`)."""
    sizes = []
    remaining = n
    while remaining > 0:
        if remaining <= high:
            size = remaining
        else:
            size = int(round(np.exp(rng.uniform(np.log(low), np.log(high)))))
            if remaining - size < low:
                size = max(remaining - low, min(size, remaining))
        sizes.append(size)
        remaining -= size
    return sizes


def _scale_text(
    *, n_words: int, planted: Mapping[str, int], rng: np.random.Generator, settings: ScaleSettings
) -> str:
    """One document's text (see :func:`scale_corpus`)."""
    vocab = scale_vocabulary(corpus_dir=settings.corpus_dir)
    forms = dict(settings.concept_forms)

    # the planted phrases: concept forms, then references
    phrase_list: list[str] = []
    chosen: list[int] = []
    for family, count in planted.items():
        base = len(phrase_list)
        phrase_list.extend(forms[family])
        chosen.extend((base + rng.integers(0, len(forms[family]), size=count)).tolist())
    base = len(phrase_list)
    phrase_list.extend(SCALE_REFERENCES)
    n_refs = int(rng.poisson(settings.reference_rate * n_words / 10_000))
    chosen.extend((base + rng.integers(0, len(SCALE_REFERENCES), size=n_refs)).tolist())
    phrase_words = np.asarray([word_count(p) for p in phrase_list], dtype=np.int64)
    chosen_arr = np.asarray(chosen, dtype=np.int64)
    # drop references if they do not fit (tiny documents)
    while len(chosen_arr) and phrase_words[chosen_arr].sum() > n_words // 2:
        chosen_arr = chosen_arr[: len(chosen_arr) // 2]
    n_background = n_words - int(phrase_words[chosen_arr].sum())

    # background words: Zipf over the vocabulary, some from the document's own subject words
    n_vocab = len(vocab.words)
    cdf = _zipf_cdf(
        n_vocab, settings.zipf_exponent, settings.zipf_kernel, settings.zipf_tail_exponent
    )
    background = np.searchsorted(cdf, rng.random(n_background), side="right")
    np.minimum(background, n_vocab - 1, out=background)
    tail_start = min(settings.zipf_kernel, n_vocab - 1)
    subject = rng.choice(
        np.arange(tail_start, n_vocab),
        size=min(settings.topic_words, n_vocab - tail_start),
        replace=False,
    )
    own = rng.random(n_background) < settings.topic_share
    subject_cdf = np.cumsum(zipf_weights(len(subject)))
    picks = np.searchsorted(subject_cdf, rng.random(int(own.sum())), side="right")
    background[own] = subject[np.minimum(picks, len(subject) - 1)]

    # the item stream: background words and planted phrases (ids >= n_vocab) at random places
    n_items = n_background + len(chosen_arr)
    stream = np.empty(n_items, dtype=np.int64)
    at = np.zeros(n_items, dtype=bool)
    at[rng.choice(n_items, size=len(chosen_arr), replace=False)] = True
    stream[~at] = background
    stream[at] = n_vocab + rng.permutation(chosen_arr)
    words = np.concatenate([vocab.words, np.asarray(phrase_list, dtype=object)])
    capitalised = np.concatenate(
        [vocab.capitalised, np.asarray([p[:1].upper() + p[1:] for p in phrase_list], object)]
    )
    lengths = np.concatenate([vocab.lengths, np.fromiter(map(len, phrase_list), np.int64)])

    starts, ends, headings, numbered, par_ends = _layout(n_items, rng, settings.heading_rate)

    items = words[stream]
    items[starts] = capitalised[stream[starts]]
    size = lengths[stream]
    is_end = np.zeros(n_items, dtype=bool)
    is_end[ends] = True
    sentence_ends = ends[~headings]
    items[sentence_ends] = items[sentence_ends] + "."
    size[sentence_ends] += 1
    comma = rng.random(n_items) < 0.07
    in_heading = np.zeros(n_items + 1, dtype=np.int64)
    np.add.at(in_heading, starts[headings], 1)
    np.add.at(in_heading, ends[headings] + 1, -1)
    comma &= ~is_end & (np.cumsum(in_heading[:-1]) == 0)
    items[comma] = items[comma] + ","
    size[comma] += 1
    heading_starts = starts[headings][numbered]
    if len(heading_starts):
        chapter = np.cumsum(np.ones(len(heading_starts), dtype=np.int64))
        labels = np.asarray([f"{1 + c // 6}.{1 + c % 6} " for c in chapter.tolist()], dtype=object)
        items[heading_starts] = labels + items[heading_starts]
        size[heading_starts] += np.fromiter(map(len, labels.tolist()), np.int64)

    separators = np.full(n_items, " ", dtype=object)
    separators[par_ends] = "\n\n"
    if settings.wrap is not None:
        separators[_line_breaks(size, par_ends, settings.wrap)] = "\n"
    separators[-1] = "\n"
    out = np.empty(2 * n_items, dtype=object)
    out[0::2] = items
    out[1::2] = separators
    return "".join(out.tolist())


@lru_cache(maxsize=4)
def _zipf_cdf(n: int, exponent: float, kernel: int, tail_exponent: float) -> np.ndarray:
    cdf = np.cumsum(
        two_regime_zipf(n, exponent=exponent, kernel=kernel, tail_exponent=tail_exponent)
    )
    cdf[-1] = 1.0
    return cdf


def _layout(
    n_items: int, rng: np.random.Generator, heading_rate: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut ``n_items`` items into sentences, headings and paragraphs.

    Returns the first and last item of every sentence or heading, which of them are
    headings, which headings are numbered, and the last item of every paragraph (a heading is
    a paragraph of its own). The document opens with a heading (its title).
    """
    expected = n_items // 10 + 16
    sentence_sizes = (4 + rng.gamma(3.0, 4.5, size=expected)).astype(np.int64).tolist()
    paragraph_sizes = rng.integers(3, 9, size=expected).tolist()
    heading_here = (rng.random(expected) < heading_rate).tolist()
    heading_sizes = rng.integers(2, 8, size=expected).tolist()
    number_flags = (rng.random(expected) < 0.5).tolist()
    starts: list[int] = []
    ends: list[int] = []
    headings: list[bool] = []
    numbered: list[bool] = []
    par_ends: list[int] = []
    pos = s = p = 0
    while pos < n_items:
        if (p == 0 or heading_here[p]) and n_items - pos > 40:
            end = pos + heading_sizes[p] - 1
            starts.append(pos)
            ends.append(end)
            headings.append(True)
            numbered.append(number_flags[p] and p > 0)
            par_ends.append(end)
            pos = end + 1
        for _ in range(paragraph_sizes[p]):
            if pos >= n_items:
                break
            end = min(pos + sentence_sizes[s], n_items) - 1
            if n_items - 1 - end < 4:  # no stub sentence at the end
                end = n_items - 1
            s += 1
            starts.append(pos)
            ends.append(end)
            headings.append(False)
            pos = end + 1
        par_ends.append(pos - 1)
        p += 1
    return (
        np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64),
        np.asarray(headings, dtype=bool),
        np.asarray(numbered, dtype=bool),
        np.asarray(par_ends, dtype=np.int64),
    )


def _line_breaks(size: np.ndarray, par_ends: np.ndarray, width: int) -> np.ndarray:
    """Indices of the items after which a paragraph's line is broken (about ``width`` chars).

    Line *j* of a paragraph holds the items ending between ``j * width`` and
    ``(j + 1) * width`` characters into it (counting one space between items).
    """
    n = len(size)
    par_start = np.zeros(n, dtype=bool)
    par_start[0] = True
    par_start[par_ends[:-1] + 1] = True
    par_id = np.cumsum(par_start) - 1
    total = np.cumsum(size + 1)
    before = (total - size - 1)[par_start][par_id]
    line = (total - before - 2) // width
    breaks = (line[1:] != line[:-1]) & (par_id[1:] == par_id[:-1])
    return np.flatnonzero(breaks)
