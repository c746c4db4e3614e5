"""Topic models of segments: vocabulary, fitting, coherence, choice of k, stability, labels.

Everything here is a pure function of its inputs. Documents (segments) are lists of terms
(:func:`ordskifte.topics.segments.segment_terms`). Randomness enters only through an explicit
``seed``: gensim's :class:`~gensim.models.LdaModel` gets ``random_state=seed`` and a fixed
``eval_every`` (it changes the topics), scikit-learn's :class:`~sklearn.decomposition.NMF`
gets ``random_state=seed``; nothing uses a global random state, threads of its own or
multiprocessing (gensim's ``LdaMulticore`` is not reproducible, and ``CoherenceModel`` runs
with ``processes=1``). The same inputs give the same floats.

A fitted model is a :class:`TopicModel` whose ``topic_term`` (topics x terms, rows sum to 1)
and ``doc_topic`` (documents x topics, rows sum to 1) are DataFrames; the tables built from
them (:func:`topic_terms_table`, :func:`representative_segments`, :func:`prevalence`) are
sorted deterministically.

gensim and scikit-learn are imported inside the functions that need them (~0.7 s and ~1.1 s
per process).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ordskifte.stats import bootstrap_rate_ci, group_seed

Engine = Literal["lda", "nmf"]
ENGINES = ("lda", "nmf")
COHERENCE_MEASURES = ("u_mass", "c_v", "c_npmi")
SELECT_K_COLUMNS = ("k", "bound", "u_mass", "fits", "chosen")
K_CRITERIA = ("bound", "u_mass")
K_SEARCHES = ("merge", "independent")
STABILITY_COLUMNS = ("topic", "stability", "unstable")
TOPIC_TERMS_COLUMNS = ("topic", "rank", "term", "weight", "exclusivity", "frex")
REPRESENTATIVE_COLUMNS = (
    "topic",
    "rank",
    "segment_id",
    "doc_id",
    "year",
    "page_first",
    "page_last",
    "weight",
    "excerpt",
)
PREVALENCE_STATS = ("mean", "ci_low", "ci_high", "n_docs", "n_segments")


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model, reduced to its two matrices and how it was made.

    Attributes
    ----------
    engine : {"lda", "nmf"}
    k : int
        Number of topics.
    seed : int
    vocabulary : list of str
        The terms, in the order of ``topic_term``'s columns.
    topic_term : DataFrame
        ``k x V``; index ``topic`` (0..k-1), columns the vocabulary; each row sums to 1.
    doc_topic : DataFrame
        ``n_docs x k``; index 0..n_docs-1 in the order of the input documents, columns the
        topics 0..k-1; each row sums to 1 (a document without vocabulary terms is uniform).
    params : dict
        The fitting options (engine-specific), for provenance files.
    estimator : object
        The fitted gensim ``LdaModel``, or the ``(TfidfVectorizer, NMF)`` pair, so that
        :func:`infer_doc_topic` can apply the model to other documents.
    """

    engine: str
    k: int
    seed: int
    vocabulary: list[str]
    topic_term: pd.DataFrame
    doc_topic: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)
    estimator: Any = field(default=None, repr=False, compare=False)


# --- vocabulary and phrases ---------------------------------------------------------------


def build_vocabulary(docs: Sequence[Sequence[str]], *, min_df: int, max_share: float) -> list[str]:
    r"""Terms that occur in at least ``min_df`` and at most ``max_share`` of the documents.

    With *N* documents and :math:`\mathrm{df}(w)` the number of documents containing *w*, the
    vocabulary is :math:`\{w : \mathrm{df}(w) \ge \mathrm{min\_df},\;
    \mathrm{df}(w) \le \mathrm{max\_share} \cdot N\}`, sorted. The lower bound removes terms
    too rare to shape a topic, the upper one terms present nearly everywhere (as
    ``min_df``/``max_df`` in scikit-learn's ``CountVectorizer``). Note that with few
    documents the two bounds can exclude everything (e.g. 3 documents, ``min_df=2``,
    ``max_share=0.5``): the result is then empty.

    Raises
    ------
    ValueError
        If ``min_df < 1`` or ``max_share`` is not in (0, 1].
    """
    if isinstance(min_df, bool) or not isinstance(min_df, int) or min_df < 1:
        raise ValueError(f"min_df must be a positive integer, got {min_df!r}")
    if not 0 < max_share <= 1:
        raise ValueError(f"max_share must be in (0, 1], got {max_share!r}")
    n = len(docs)
    df = Counter(term for doc in docs for term in set(doc))
    limit = max_share * n
    return sorted(t for t, c in df.items() if c >= min_df and c <= limit)


def detect_phrases(
    docs: Sequence[Sequence[str]], *, min_count: int, threshold: float
) -> list[list[str]]:
    r"""Join frequent adjacent term pairs into phrases (``psykisk helse`` -> ``psykisk_helse``).

    gensim's :class:`~gensim.models.phrases.Phrases` with its default scorer (Mikolov et al.
    2013, eq. 6): a pair *a b* becomes one term ``a_b`` when

    .. math:: \frac{(\mathrm{cnt}(a\,b) - \mathrm{min\_count}) \cdot |V|}
              {\mathrm{cnt}(a) \cdot \mathrm{cnt}(b)} > \mathrm{threshold}

    The counts are computed once over ``docs`` (deterministic: no sampling), then the frozen
    model is applied to every document.

    References
    ----------
    Mikolov, T., Sutskever, I., Chen, K., Corrado, G., & Dean, J. (2013). Distributed
    representations of words and phrases and their compositionality. *NeurIPS 26*.
    """
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if not threshold > 0:
        raise ValueError(f"threshold must be positive, got {threshold!r}")
    from gensim.models.phrases import Phrases

    lists = [list(doc) for doc in docs]
    frozen = Phrases(lists, min_count=min_count, threshold=threshold, delimiter="_").freeze()
    return [list(frozen[doc]) for doc in lists]


# --- fitting ------------------------------------------------------------------------------


def _identity(doc):
    """Analyzer for pre-split documents (module level, so the vectorizer can be pickled)."""
    return list(doc)


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows divided by their sums; all-zero rows become uniform."""
    matrix = np.asarray(matrix, dtype=np.float64)
    sums = matrix.sum(axis=1, keepdims=True)
    uniform = np.full_like(matrix, 1.0 / matrix.shape[1]) if matrix.shape[1] else matrix
    return np.divide(matrix, sums, out=uniform, where=sums > 0)


def _check_vocabulary(vocabulary: Sequence[str]) -> list[str]:
    vocab = list(vocabulary)
    if not vocab:
        raise ValueError("vocabulary is empty: no term to model (check min_df and max_share)")
    if len(set(vocab)) != len(vocab):
        dupes = sorted(t for t, c in Counter(vocab).items() if c > 1)
        raise ValueError(f"vocabulary has duplicate terms: {dupes[:5]}")
    return vocab


def _bags(docs: Sequence[Sequence[str]], vocab: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """gensim bags of words (sorted ``(term id, count)`` pairs), as tuples: they are never
    changed, so a model may keep what it derived from them (``ExactLdaModel``)."""
    index = {term: i for i, term in enumerate(vocab)}
    return [tuple(sorted(Counter(index[t] for t in doc if t in index).items())) for doc in docs]


@dataclass(frozen=True)
class BagCorpus:
    """Term lists with their bags of words on one vocabulary, made once for many fits.

    :func:`fit_model` takes it in place of the term lists: the fits of a merge path, of the
    seeds and of the stability all start from the same documents, and turning them into bags
    each time was a tenth of a topic model's time. Made by :func:`bag_corpus`.

    Attributes
    ----------
    docs : sequence of sequence of str
        The term lists, as given.
    vocabulary : tuple of str
    bags : list
        One gensim bag (a tuple of ``(term id, count)``) per document, in ``docs``' order.
    n_tokens : int
        The vocabulary terms' tokens in all documents.
    """

    docs: Sequence[Sequence[str]]
    vocabulary: tuple[str, ...]
    bags: list = field(repr=False)
    n_tokens: int = 0

    def __len__(self) -> int:
        return len(self.docs)

    @functools.cached_property
    def gensim_dictionary(self):
        """gensim's ``Dictionary([vocabulary])``, made on first use (for the coherence)."""
        from gensim.corpora import Dictionary

        return Dictionary([list(self.vocabulary)])


def bag_corpus(docs: Sequence[Sequence[str]] | BagCorpus, vocabulary: Sequence[str]) -> BagCorpus:
    """``docs`` with their bags of words on ``vocabulary`` (:class:`BagCorpus`); a
    :class:`BagCorpus` on the same vocabulary is returned as it is."""
    vocab = tuple(_check_vocabulary(vocabulary))
    if isinstance(docs, BagCorpus):
        if docs.vocabulary == vocab:
            return docs
        docs = docs.docs
    bags = _bags(docs, list(vocab))
    n_tokens = sum(count for bag in bags for _, count in bag)
    return BagCorpus(docs=docs, vocabulary=vocab, bags=bags, n_tokens=n_tokens)


def _int_option(value, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def restart_seeds(seed: int, restarts: int) -> list[int]:
    """Starting seeds of :func:`fit_model`: ``seed``, then one independent seed per restart.

    Start *r* > 0 gets ``numpy.random.SeedSequence([seed, r]).generate_state(1)[0]`` (a
    32-bit integer, as gensim's ``random_state`` needs), so the starts of different base
    seeds do not overlap (``seed + r`` would make seeds 1 and 2 share starts).
    """
    seed = _int_option(seed, "seed", minimum=0)
    restarts = _int_option(restarts, "restarts", minimum=1)
    return [seed] + [
        int(np.random.SeedSequence([seed, r]).generate_state(1)[0]) for r in range(1, restarts)
    ]


def fit_model(
    docs: Sequence[Sequence[str]],
    *,
    engine: Engine,
    k: int,
    seed: int,
    vocabulary: Sequence[str],
    passes: int = 10,
    iterations: int = 100,
    eval_every: int | None = None,
    alpha: str | float = "symmetric",
    eta: str | float | None = None,
    chunksize: int = 2000,
    max_iter: int = 400,
    restarts: int = 1,
    init: np.ndarray | None = None,
) -> TopicModel:
    r"""Fit an LDA or NMF topic model with ``k`` topics to term lists.

    Only terms in ``vocabulary`` are used.

    **lda** -- Latent Dirichlet Allocation (Blei, Ng & Jordan 2003) by online variational
    Bayes (Hoffman, Blei & Bach 2010), gensim :class:`~gensim.models.LdaModel` (never
    ``LdaMulticore``, which is not reproducible) on bag-of-words counts, with
    ``random_state=seed`` and the given ``passes, iterations, eval_every, alpha, eta,
    chunksize``. Its E-step and bound run through
    :class:`ordskifte.topics.lda.ExactLdaModel`: gensim's arithmetic, bit for bit, in fewer
    Python steps. Documents without vocabulary terms are left out of training.
    ``topic_term`` is :math:`\hat\beta` (``get_topics()``), ``doc_topic`` the posterior mean
    :math:`\mathbb E[\theta_d] = \gamma_d / \sum_k \gamma_{dk}` of each document's
    variational Dirichlet parameters (``inference``).

    **nmf** -- non-negative matrix factorisation :math:`X \approx WH` (Lee & Seung 1999) of
    the TF-IDF matrix (scikit-learn ``TfidfVectorizer(vocabulary=...)`` on the pre-split
    terms: smoothed idf, l2-normalised rows), scikit-learn ``NMF(n_components=k,
    init="nndsvda", random_state=seed, max_iter=max_iter)`` (coordinate descent, Frobenius
    loss; NNDSVD initialisation of Boutsidis & Gallopoulos 2008 with zeros filled by the
    mean). ``topic_term`` is *H* and ``doc_topic`` is *W*, each row divided by its sum.

    **restarts** -- variational LDA converges to a local optimum that depends on the seed
    (on planted data a single fit often merges two topics and splits another). With
    ``restarts > 1`` the model is fitted from ``restarts`` starting seeds and the best fit is
    kept, as ``nstart``/``best`` in the R package topicmodels (Grün & Hornik 2011): for LDA
    the one with the highest evidence lower bound on the training documents (gensim
    ``bound``), for NMF the lowest reconstruction error. Start 0 uses ``seed`` itself, so
    ``restarts=1`` is the plain fit; start *r* > 0 uses
    ``SeedSequence([seed, r]).generate_state(1)[0]`` (independent of other seeds' starts).

    **init** -- a warm start (LDA only): the ``k x V`` variational sufficient statistics
    (gensim ``state.sstats``, the expected term counts of each topic; :math:`\lambda =
    \eta + \text{sstats}`) to start from instead of gensim's random initialisation, e.g. the
    statistics of a fit with two of its topics merged (:func:`merge_topics`). The model is
    built without a corpus (same options, ``random_state`` the start's seed), its statistics
    replaced by ``init`` and synchronised (``sync_state``), then trained with ``update``
    for ``passes`` passes. Its first E-step sees the merged topics; ``random_state`` still
    draws the E-step's starting ``gamma``, so the result is a function of ``init`` and the
    seed.

    Rows are normalised to sum to 1 in float64; an all-zero row (a document without
    vocabulary terms, or an empty NMF component) becomes uniform.

    Parameters
    ----------
    docs : sequence of sequence of str, or BagCorpus
        The documents (segments) as term lists, or with their bags already made
        (:func:`bag_corpus`, on the same vocabulary: the same result, faster).
    engine : {"lda", "nmf"}
    k : int
        Number of topics, >= 1 (NMF: at most the number of documents and of terms).
    seed : int
        Random seed, ``0 <= seed < 2**32``.
    vocabulary : sequence of str
        The terms (unique, non-empty); their order is the column order of ``topic_term``.
    passes, iterations, eval_every, alpha, eta, chunksize
        gensim ``LdaModel`` options (LDA only). Keep ``eval_every`` fixed: it changes the
        topics for the same seed.
    max_iter : int, default 400
        NMF iterations (NMF only).
    restarts : int, default 1
        Number of starting seeds; the best fit is kept (see above). Time grows linearly.
    init : ndarray, optional
        ``k x V`` sufficient statistics to start from (LDA only; see above).

    Returns
    -------
    TopicModel

    Raises
    ------
    ValueError
        On an unknown engine, a bad ``k``/``seed``, an empty or duplicated vocabulary, no
        document with a vocabulary term, (NMF) ``k`` larger than the number of documents
        or terms, or an ``init`` that is not a finite non-negative ``k x V`` matrix or is
        given for NMF.

    References
    ----------
    Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003). Latent Dirichlet allocation. *JMLR*, 3,
    993-1022.

    Hoffman, M., Blei, D. M., & Bach, F. (2010). Online learning for latent Dirichlet
    allocation. *NeurIPS 23*.

    Lee, D. D., & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. *Nature*, 401, 788-791.

    Boutsidis, C., & Gallopoulos, E. (2008). SVD based initialization: A head start for
    nonnegative matrix factorization. *Pattern Recognition*, 41(4), 1350-1362.

    Grün, B., & Hornik, K. (2011). topicmodels: An R package for fitting topic models.
    *Journal of Statistical Software*, 40(13), 1-30.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    k = _int_option(k, "k", minimum=1)
    seed = _int_option(seed, "seed", minimum=0)
    if seed >= 2**32:
        raise ValueError(f"seed must be below 2**32 (numpy RandomState), got {seed}")
    vocab = _check_vocabulary(vocabulary)
    prepared = bag_corpus(docs, vocab)
    docs, bags = prepared.docs, prepared.bags
    nonempty = [i for i, bag in enumerate(bags) if bag]
    if not nonempty:
        raise ValueError("no document contains a vocabulary term: nothing to fit")
    n_docs = len(bags)

    restarts = _int_option(restarts, "restarts", minimum=1)
    starts = restart_seeds(seed, restarts)
    if init is not None:
        if engine != "lda":
            raise ValueError("init (a warm start from sufficient statistics) is for LDA only")
        init = np.asarray(init, dtype=np.float64)
        if init.shape != (k, len(vocab)) or not np.isfinite(init).all() or (init < 0).any():
            raise ValueError(
                f"init must be a finite non-negative {k} x {len(vocab)} matrix, "
                f"got shape {init.shape}"
            )

    if engine == "lda":
        from ordskifte.topics.lda import ExactLdaModel

        params = {
            "passes": _int_option(passes, "passes", minimum=1),
            "iterations": _int_option(iterations, "iterations", minimum=1),
            "eval_every": eval_every,
            "alpha": alpha,
            "eta": eta,
            "chunksize": _int_option(chunksize, "chunksize", minimum=1),
        }
        train = [bags[i] for i in nonempty]
        n_tokens = prepared.n_tokens
        fits, scores = [], []
        for start in starts:
            lda = ExactLdaModel(
                corpus=train if init is None else None,
                id2word=dict(enumerate(vocab)),
                num_topics=k,
                random_state=start,
                **params,
            )
            if init is not None:
                # warm start: the given statistics replace the random ones, then the same
                # training as with a corpus (update with the constructor's options)
                lda.state.sstats[...] = init.astype(lda.state.sstats.dtype)
                lda.sync_state()
                lda.update(train)
            # E-step once after training; it draws from the model's random state, so it comes
            # before anything else, whatever the number of restarts
            gamma, _ = lda.inference(train)
            fits.append((lda, gamma))
            # evidence lower bound per term token (as gensim's log_perplexity); higher is
            # better. bound() wants each document's gamma as a 1 x k row, as inference gives;
            # with gamma given it draws nothing from the model's random state.
            bound = lda.bound(train, gamma=gamma[:, np.newaxis, :])
            scores.append(float(bound) / n_tokens)
        # a start whose bound is not finite (NaN from a numerical failure) is never kept
        chosen = int(np.argmax([s if math.isfinite(s) else -math.inf for s in scores]))
        lda, gamma = fits[chosen]
        topic_term = _normalise_rows(lda.get_topics())
        doc_topic = np.zeros((n_docs, k))
        doc_topic[nonempty] = np.asarray(gamma, dtype=np.float64)
        params["restarts"] = restarts
        if init is not None:
            params["warm_start"] = True
        params["bound_per_token"] = scores[chosen]
        if len(starts) > 1:
            params.update(start_seeds=starts, bound_per_tokens=scores, chosen_start=chosen)
    else:
        max_iter = _int_option(max_iter, "max_iter", minimum=1)
        if k > min(n_docs, len(vocab)):
            raise ValueError(
                f"NMF needs k <= min(documents, terms) = min({n_docs}, {len(vocab)}), got k={k}"
            )
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfVectorizer

        params = {"max_iter": max_iter, "init": "nndsvda", "tfidf": "smooth_idf, l2"}
        vectorizer = TfidfVectorizer(vocabulary=vocab, analyzer=_identity)
        matrix = vectorizer.fit_transform(docs)
        nmf_fits = []
        for start in starts:
            nmf = NMF(n_components=k, init="nndsvda", random_state=start, max_iter=max_iter)
            nmf_fits.append((nmf.fit_transform(matrix), nmf))
        errors = [float(nmf.reconstruction_err_) for _, nmf in nmf_fits]
        chosen = int(np.argmin(errors))
        doc_topic, nmf = nmf_fits[chosen]
        topic_term = nmf.components_
        params.update(n_iter=int(nmf.n_iter_), reconstruction_err=errors[chosen])
        params["restarts"] = restarts
        if len(starts) > 1:
            params.update(start_seeds=starts, reconstruction_errs=errors, chosen_start=chosen)

    topics = pd.RangeIndex(k, name="topic")
    return TopicModel(
        engine=engine,
        k=k,
        seed=seed,
        vocabulary=vocab,
        topic_term=pd.DataFrame(
            _normalise_rows(topic_term), index=topics, columns=pd.Index(vocab, name="term")
        ),
        doc_topic=pd.DataFrame(_normalise_rows(doc_topic), columns=topics),
        params=params,
        estimator=lda if engine == "lda" else (vectorizer, nmf),
    )


def infer_doc_topic(model: TopicModel, docs: Sequence[Sequence[str]]) -> pd.DataFrame:
    r"""Topic proportions of ``docs`` under a fitted model, as ``TopicModel.doc_topic``.

    LDA: the variational E-step of the trained model (gensim ``inference``), posterior mean
    :math:`\gamma_d / \sum_k \gamma_{dk}`; NMF: ``NMF.transform`` of the TF-IDF rows
    (idf of the training documents). A document without vocabulary terms is uniform.
    Deterministic: the E-step draws from the model's own random state, which a fit leaves in
    the same state for the same seed.
    """
    if model.estimator is None:
        raise ValueError("the model has no fitted estimator (it was not made by fit_model)")
    if model.engine == "lda":
        bags = _bags(docs, model.vocabulary)
        nonempty = [i for i, bag in enumerate(bags) if bag]
        theta = np.zeros((len(bags), model.k))
        if nonempty:
            gamma, _ = model.estimator.inference([bags[i] for i in nonempty])
            theta[nonempty] = np.asarray(gamma, dtype=np.float64)
    else:
        vectorizer, nmf = model.estimator
        theta = nmf.transform(vectorizer.transform(docs))
    return pd.DataFrame(_normalise_rows(theta), columns=model.topic_term.index)


def sample_segments(n: int, size: int, *, seed: int) -> list[int]:
    """Sorted indices of a seeded random sample of ``size`` of ``n`` segments (all of them
    when ``n <= size`` or ``size`` is 0)."""
    if size <= 0 or n <= size:
        return list(range(n))
    rng = np.random.default_rng(seed)
    return sorted(int(i) for i in rng.choice(n, size=size, replace=False))


# --- coherence and the choice of k ----------------------------------------------------------


def _top_indices(values: np.ndarray, n: int) -> np.ndarray:
    """Column indices of each row's ``n`` largest values, largest first (ties: lower index)."""
    return np.argsort(-values, axis=1, kind="stable")[:, :n]


def _topic_term(model: TopicModel | pd.DataFrame) -> pd.DataFrame:
    return model.topic_term if isinstance(model, TopicModel) else model


def coherence(
    model: TopicModel | pd.DataFrame,
    docs: Sequence[Sequence[str]],
    *,
    measure: Literal["u_mass", "c_v", "c_npmi"],
    top_n: int = 10,
) -> tuple[float, list[float]]:
    r"""Topic coherence of each topic's ``top_n`` terms, and their mean.

    gensim :class:`~gensim.models.coherencemodel.CoherenceModel` (the framework of Röder,
    Both & Hinneburg 2015) with ``processes=1`` (its sliding-window counts made per text by
    :class:`ordskifte.topics.cooccurrence.WindowCounts`: the same integers), on the
    documents that have at least one term (an empty document can hang ``c_v``). ``u_mass``
    (Mimno et al. 2011) uses document co-occurrence,

    .. math:: C_\mathrm{UMass} = \frac{2}{N(N-1)} \sum_{i=2}^{N} \sum_{j<i}
              \log \frac{D(w_i, w_j) + \epsilon}{D(w_j)}

    (higher, i.e. closer to 0, is more coherent; fast); ``c_npmi`` (Bouma 2009; Aletras &
    Stevenson 2013) and ``c_v`` (Röder et al. 2015) use sliding windows over the term lists
    (10-70x slower than ``u_mass``). Out-of-vocabulary terms stay in the lists, so the
    windows keep their positions.

    Parameters
    ----------
    model : TopicModel or DataFrame
        A fitted model or its ``topic_term`` matrix (topics x terms).
    docs : sequence of sequence of str, or BagCorpus
        The reference documents (usually those the model was fitted on); a
        :class:`BagCorpus` on the model's vocabulary spares u_mass a pass over every token
        (same result).
    measure : {"u_mass", "c_v", "c_npmi"}
    top_n : int, default 10
        Terms per topic (at most the vocabulary size; at least 2).

    Returns
    -------
    mean : float
        Mean over the topics whose coherence is finite; NaN if there is none.
    per_topic : list of float
        One value per topic; NaN where gensim gives NaN or an infinite value (a top term
        that never occurs in ``docs``), and for every topic when the vocabulary has fewer
        than 2 terms.

    References
    ----------
    Mimno, D., Wallach, H., Talley, E., Leenders, M., & McCallum, A. (2011). Optimizing
    semantic coherence in topic models. *EMNLP 2011*, 262-272.

    Röder, M., Both, A., & Hinneburg, A. (2015). Exploring the space of topic coherence
    measures. *WSDM 2015*, 399-408.

    Aletras, N., & Stevenson, M. (2013). Evaluating topic coherence using distributional
    semantics. *IWCS 2013*, 13-22.
    """
    if measure not in COHERENCE_MEASURES:
        raise ValueError(f"measure must be one of {COHERENCE_MEASURES}, got {measure!r}")
    top_n = _int_option(top_n, "top_n", minimum=2)
    phi = _topic_term(model)
    k, n_terms = phi.shape
    prepared = docs if isinstance(docs, BagCorpus) else None
    raw = prepared.docs if prepared is not None else docs
    if n_terms < 2 or not any(len(doc) for doc in raw):
        return math.nan, [math.nan] * k
    from gensim.corpora import Dictionary

    from ordskifte.topics.cooccurrence import WindowCountsCoherenceModel

    columns = phi.columns.tolist()  # once: iterating an Arrow-backed index is slow
    terms = np.asarray(columns, dtype=object)
    topics = [list(terms[row]) for row in _top_indices(phi.to_numpy(), min(top_n, n_terms))]
    on_bags = prepared is not None and prepared.vocabulary == tuple(columns)
    # the Dictionary of the vocabulary, once per BagCorpus (every k's u_mass uses the same)
    dictionary = prepared.gensim_dictionary if on_bags else Dictionary([columns])
    if measure == "u_mass" and on_bags:
        # u_mass counts the documents that hold each top term, from each document's set of
        # term ids: the bags give gensim the sets that doc2bow of the term lists would
        source = {"corpus": _gensim_bags(prepared, dictionary.token2id)}
    else:
        source = {"texts": [list(doc) for doc in raw if len(doc)]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        scores = WindowCountsCoherenceModel(  # c_v, c_npmi: gensim's counts, per text
            topics=topics,
            **source,
            dictionary=dictionary,
            coherence=measure,
            topn=min(top_n, n_terms),
            processes=1,
        ).get_coherence_per_topic()
    per_topic = [float(s) if np.isfinite(s) else math.nan for s in scores]
    finite = [s for s in per_topic if not math.isnan(s)]
    return (math.fsum(finite) / len(finite) if finite else math.nan), per_topic


def _gensim_bags(prepared: BagCorpus, token2id: dict[str, int]) -> list:
    """The bags of the documents that have terms (as the term lists given to gensim's
    coherence), renumbered to ``token2id`` (a gensim ``Dictionary`` of the vocabulary)."""
    ids = [token2id[t] for t in prepared.vocabulary]
    kept = [bag for bag, doc in zip(prepared.bags, prepared.docs, strict=True) if len(doc)]
    if ids == list(range(len(ids))):  # a sorted vocabulary: gensim numbers it the same
        return kept
    return [tuple((ids[i], c) for i, c in bag) for bag in kept]


def k_cap(
    docs: Sequence[Sequence[str]], vocabulary: Sequence[str], *, min_segments_per_topic: int = 1
) -> tuple[int, int, int, str]:
    """The largest k the data support, and why.

    Returns ``(cap, n_segments, n_terms, reason)``: with *n* the segments that contain a
    vocabulary term and *V* the vocabulary size, ``cap = max(1, min(n - 1,
    n // min_segments_per_topic, V))`` (1 when *n* < 2); ``reason`` names the bound that
    binds, e.g. ``"18 segments at 5 per topic"``.
    """
    per_topic = _int_option(min_segments_per_topic, "min_segments_per_topic", minimum=1)
    vocab = set(vocabulary)
    n_segments = sum(1 for doc in docs if any(t in vocab for t in doc))
    n_terms = len(vocab)
    if n_segments < 2:
        return 1, n_segments, n_terms, f"{n_segments} segment(s) with vocabulary terms"
    bounds = [
        (n_segments // per_topic, f"{n_segments} segments at {per_topic} per topic"),
        (n_segments - 1, f"{n_segments} segments (fewer topics than segments)"),
        (n_terms, f"{n_terms} vocabulary terms"),
    ]
    cap, reason = min(bounds, key=lambda b: b[0])  # the first of equal bounds
    return max(1, cap), n_segments, n_terms, reason


def best_fit(models: Sequence[TopicModel]) -> TopicModel:
    """The fit with the highest evidence lower bound per token (LDA; ties, NMF and fits whose
    bound is not finite: the first)."""
    if not models:
        raise ValueError("best_fit needs at least one model")
    bounds = [m.params.get("bound_per_token", -math.inf) for m in models]
    return models[int(np.argmax([b if math.isfinite(b) else -math.inf for b in bounds]))]


# --- the merge path: one fit at the largest k, then merges down to the smallest ---------------


def _sstats(model_or_sstats: TopicModel | np.ndarray) -> np.ndarray:
    """A model's ``k x V`` sufficient statistics (gensim ``state.sstats``) as float64."""
    if isinstance(model_or_sstats, TopicModel):
        if model_or_sstats.engine != "lda" or model_or_sstats.estimator is None:
            raise ValueError("merge costs need an LDA model fitted by fit_model")
        sstats = model_or_sstats.estimator.state.sstats
    else:
        sstats = model_or_sstats
    sstats = np.asarray(sstats, dtype=np.float64)
    if sstats.ndim != 2 or not np.isfinite(sstats).all() or (sstats < 0).any():
        raise ValueError("sufficient statistics must be a finite non-negative k x V matrix")
    return sstats


def _entropy(rows: np.ndarray) -> np.ndarray:
    """Shannon entropy (nats) of each row of a matrix of distributions, 0 log 0 = 0."""
    logs = np.log(rows, out=np.zeros_like(rows), where=rows > 0)
    return -(rows * logs).sum(axis=-1)


def merge_costs(model_or_sstats: TopicModel | np.ndarray) -> np.ndarray:
    r"""The cost of merging each pair of topics: the agglomerative information bottleneck.

    With :math:`s_i` topic *i*'s row of the sufficient statistics (its expected term counts),
    its mass :math:`p_i = \sum_v s_{iv} / \sum_{j,v} s_{jv}` and its term distribution
    :math:`\phi_i = s_i / \sum_v s_{iv}` (uniform for an empty row), merging *i* and *j*
    costs

    .. math:: \Delta_{ij} = (p_i + p_j)\, \mathrm{JS}_\pi(\phi_i, \phi_j), \quad
              \mathrm{JS}_\pi = H(\pi_i \phi_i + \pi_j \phi_j) - \pi_i H(\phi_i)
              - \pi_j H(\phi_j), \quad \pi_i = \frac{p_i}{p_i + p_j}

    the information about the terms lost by merging the two clusters in the agglomerative
    information bottleneck (Slonim & Tishby 2000, eq. 9): it is 0 for identical topics and
    small for an empty topic or two small similar ones. Symmetric and non-negative, in nats;
    the diagonal is ``inf`` (a topic is not merged with itself).

    Parameters
    ----------
    model_or_sstats : TopicModel or ndarray
        An LDA model fitted by :func:`fit_model`, or a ``k x V`` matrix of sufficient
        statistics (gensim ``state.sstats``).

    Returns
    -------
    ndarray
        ``k x k``.

    References
    ----------
    Slonim, N., & Tishby, N. (2000). Agglomerative information bottleneck. *NeurIPS 12*,
    617-623.
    """
    sstats = _sstats(model_or_sstats)
    k = sstats.shape[0]
    sizes = sstats.sum(axis=1)
    total = sizes.sum()
    mass = sizes / total if total > 0 else np.full(k, 1.0 / max(k, 1))
    phi = _normalise_rows(sstats) if sstats.shape[1] else sstats
    entropy = _entropy(phi)
    costs = np.full((k, k), np.inf)
    for i in range(k - 1):
        j = np.arange(i + 1, k)
        pair = mass[i] + mass[j]
        pi_i = np.divide(mass[i], pair, out=np.full_like(pair, 0.5), where=pair > 0)
        pi_j = 1.0 - pi_i
        mixed = pi_i[:, np.newaxis] * phi[i] + pi_j[:, np.newaxis] * phi[j]
        js = _entropy(mixed) - pi_i * entropy[i] - pi_j * entropy[j]
        row = pair * np.maximum(js, 0.0)  # rounding can make an exact 0 slightly negative
        costs[i, j] = row
        costs[j, i] = row
    return costs


def cheapest_merge(model_or_sstats: TopicModel | np.ndarray) -> tuple[int, int]:
    """The pair ``(i, j)``, ``i < j``, with the lowest :func:`merge_costs`.

    Ties go to the smallest ``i``, then the smallest ``j``, so the same statistics always
    give the same pair.

    Raises
    ------
    ValueError
        With fewer than two topics.
    """
    costs = merge_costs(model_or_sstats)
    k = costs.shape[0]
    if k < 2:
        raise ValueError(f"merging needs at least two topics, got {k}")
    upper = np.where(np.triu(np.ones((k, k), dtype=bool), 1), costs, np.inf)
    flat = int(np.argmin(upper))  # the first minimum in row-major order
    return flat // k, flat % k


def merge_topics(sstats: np.ndarray, i: int, j: int) -> np.ndarray:
    """Sufficient statistics with topics ``i`` and ``j`` merged: their rows summed.

    The merged topic takes the place of the lower of the two; the other rows keep their
    order. The total (the expected number of term tokens) is unchanged. This is the merge
    move of memoized variational inference (Bryant & Sudderth 2012; Hughes, Kim & Sudderth
    2015): summing two topics' expected counts is the statistics of the model in which
    every token of either belongs to the merged topic.

    Returns
    -------
    ndarray
        ``(k - 1) x V``, float64.

    References
    ----------
    Bryant, M., & Sudderth, E. B. (2012). Truly nonparametric online variational inference
    for hierarchical Dirichlet processes. *NeurIPS 25*.

    Hughes, M. C., Kim, D. I., & Sudderth, E. B. (2015). Reliable and scalable variational
    inference for the hierarchical Dirichlet process. *AISTATS 2015*, 370-378.
    """
    sstats = _sstats(sstats)
    k = sstats.shape[0]
    i, j = int(i), int(j)
    if not (0 <= i < k and 0 <= j < k) or i == j:
        raise ValueError(f"need two different topics of 0..{k - 1}, got {i} and {j}")
    low, high = min(i, j), max(i, j)
    merged = np.delete(sstats, high, axis=0)
    merged[low] = sstats[low] + sstats[high]
    return merged


def merge_path(
    docs: Sequence[Sequence[str]],
    *,
    k_max: int,
    k_min: int,
    seed: int,
    vocabulary: Sequence[str],
    merge_passes: int = 3,
    **fit_kwargs,
) -> list[TopicModel]:
    r"""LDA models for every k from ``k_max`` down to ``k_min``: one fit, then merges.

    Coarse to fine in reverse: one LDA fit at ``k_max`` (:func:`fit_model` with ``seed`` and
    ``fit_kwargs``), then, repeatedly, the cheapest pair of topics (:func:`cheapest_merge`,
    the agglomerative information bottleneck of Slonim & Tishby 2000) is merged by summing
    their sufficient statistics (:func:`merge_topics`, the merge move of Bryant & Sudderth
    2012 and Hughes, Kim & Sudderth 2015), and the model with one topic fewer is refitted
    from them for ``merge_passes`` passes (``fit_model(..., init=...)``, same seed and
    options, one start). A merged model starts where the larger one ended, so a few passes
    suffice, and a planted topic that a fit at the right k would have split or merged with
    another in a local optimum is usually kept whole: the larger fit finds it, and the
    merges join the pieces that the data do not need apart.

    Every model has ``seed`` as its seed, and ``params["merged"]`` gives the pair merged
    from the model before (``None`` for the first fit).

    Returns
    -------
    list of TopicModel
        ``k_max - k_min + 1`` models, ``k_max`` first.

    References
    ----------
    Slonim, N., & Tishby, N. (2000). Agglomerative information bottleneck. *NeurIPS 12*,
    617-623.

    Bryant, M., & Sudderth, E. B. (2012). Truly nonparametric online variational inference
    for hierarchical Dirichlet processes. *NeurIPS 25*.

    Hughes, M. C., Kim, D. I., & Sudderth, E. B. (2015). Reliable and scalable variational
    inference for the hierarchical Dirichlet process. *AISTATS 2015*, 370-378.
    """
    k_max = _int_option(k_max, "k_max", minimum=1)
    k_min = _int_option(k_min, "k_min", minimum=1)
    if k_min > k_max:
        raise ValueError(f"k_min must be <= k_max, got {k_min} > {k_max}")
    merge_passes = _int_option(merge_passes, "merge_passes", minimum=1)
    if fit_kwargs.get("engine", "lda") != "lda":
        raise ValueError("the merge path is for LDA only")
    options = {k: v for k, v in fit_kwargs.items() if k != "engine"}
    docs = bag_corpus(docs, vocabulary)  # the bags once, for every model of the path
    model = fit_model(docs, engine="lda", k=k_max, seed=seed, vocabulary=vocabulary, **options)
    model.params["merged"] = None
    path = [model]
    warm = {**options, "passes": merge_passes, "restarts": 1}
    for k in range(k_max - 1, k_min - 1, -1):
        sstats = _sstats(model)
        i, j = cheapest_merge(sstats)
        model = fit_model(
            docs,
            engine="lda",
            k=k,
            seed=seed,
            vocabulary=vocabulary,
            init=merge_topics(sstats, i, j),
            **warm,
        )
        model.params["merged"] = [i, j]
        path.append(model)
    return path


def _choose_k(table: pd.DataFrame, criterion: str, tolerance: float) -> int:
    if criterion == "bound" and table["bound"].notna().any():
        best = table["bound"].max()
        return int(table.loc[table["bound"] >= best - tolerance, "k"].min())
    ranked = table.assign(_key=table["u_mass"].fillna(-np.inf)).sort_values(
        ["_key", "k"], ascending=[False, True], kind="mergesort"
    )
    return int(ranked["k"].iloc[0])


def select_k(
    docs: Sequence[Sequence[str]],
    *,
    grid: Sequence[int],
    engine: Engine,
    seed: int,
    vocabulary: Sequence[str],
    criterion: Literal["bound", "u_mass"] = "bound",
    seeds: int = 1,
    tolerance: float = 0.002,
    min_segments_per_topic: int = 1,
    fitted: dict[int, list[TopicModel]] | None = None,
    search: Literal["merge", "independent"] = "merge",
    merge_passes: int = 3,
    **fit_kwargs,
) -> tuple[int, pd.DataFrame, list[str]]:
    r"""Choose the number of topics from ``grid``, never failing on small data.

    **bound** (the default; LDA) -- the variational evidence lower bound (ELBO) of the model
    on the segments, per term token, :math:`\mathcal L_k / N`, which approximates the log
    marginal likelihood :math:`\log p(w \mid k)` (Blei, Ng & Jordan 2003, sec. 5.3; the
    model evidence with which Griffiths & Steyvers 2004 choose the number of topics). It
    includes the Kullback-Leibler divergence of each topic's term distribution from its
    Dirichlet prior, so a topic that the data do not need costs evidence. Each supported k
    is fitted with ``seed, seed + 1, ..., seed + seeds - 1`` (:func:`fit_model`) and keeps
    its fit of highest bound: variational LDA often ends in a local optimum that merges two
    topics and splits another, whose bound is lower (restarts as ``nstart`` in Grün &
    Hornik 2011). The chosen k is the smallest whose bound is within ``tolerance`` nats per
    token of the highest: beyond the planted number of topics the bound stays nearly flat
    (extra topics split a topic or stay empty), and the smaller model explains the data as
    well. The fits of the chosen k are the refits of :func:`topic_stability`.

    How the models of each k are found (``search``, bound criterion and LDA only):

    - ``"merge"`` (the default) -- per seed, one fit at the largest supported k of the
      grid, then the cheapest pair of topics merged, one at a time, down to the smallest,
      each merged model refitted for ``merge_passes`` passes (:func:`merge_path`: the
      agglomerative information bottleneck cost of Slonim & Tishby 2000 and the merge moves
      of Bryant & Sudderth 2012 and Hughes, Kim & Sudderth 2015). On planted corpora an
      independent fit at the right k is often a local optimum that merges two planted
      topics and splits another, and a larger k wins; a fit at a large k separates the
      planted topics, and merging its spare pieces keeps them whole. It is also cheaper: one
      full fit per seed instead of one per k, the merged models only a few passes each.
    - ``"independent"`` -- each k fitted from scratch with each seed (:func:`fit_model`),
      as before.

    The u_mass criterion and NMF always fit each k independently.

    **u_mass** -- the mean u_mass coherence of the topics' top 10 terms of the ``seed`` fit
    (:func:`coherence`; Mimno et al. 2011); the highest wins (NaN counts as lowest; ties: the
    smaller k). This was the only criterion before; it tends to prefer some k whatever the
    data (measured in ``benchmarks/topics.py``). NMF has no likelihood: with ``engine="nmf"``
    the choice is by u_mass.

    Both columns are computed for every k either way.

    The data support ``1 <= k <=`` :func:`k_cap` (segments with a vocabulary term, at least
    ``min_segments_per_topic`` per topic, at most one topic per segment, and the vocabulary
    size). Grid values above that are dropped with a note. If no grid value is supported,
    the cap itself is fitted instead, with a note; with fewer than 2 segments that is k = 1.
    If no segment has a vocabulary term (or the vocabulary is empty) nothing can be fitted:
    the result is k = 1, an empty table and a note, and :func:`fit_model` would raise -- the
    caller must skip the model.

    Parameters
    ----------
    docs, engine, seed, vocabulary, **fit_kwargs
        As for :func:`fit_model`.
    grid : sequence of int
        Candidate numbers of topics (each >= 1; duplicates are ignored).
    criterion : {"bound", "u_mass"}, default "bound"
    seeds : int, default 1
        Fits of each k (``seed``, ``seed + 1``, ...) for the bound criterion; u_mass fits
        each k once, with ``seed``.
    tolerance : float, default 0.002
        In nats per token: k within this of the highest bound count as equally good.
    min_segments_per_topic : int, default 1
        At least this many segments per topic (e.g. 5), so that a small period does not get
        about one topic per segment.
    fitted : dict, optional
        Receives the models fitted at each k, ``seed`` first, then ``seed + 1``, ...: the
        caller can reuse them (:func:`best_fit`, and :func:`topic_stability`'s ``refits``).
        On the merge path these are the path's models of each seed at that k.
    search : {"merge", "independent"}, default "merge"
        How the bound criterion's models are found (see above).
    merge_passes : int, default 3
        Passes of the refit after each merge (``search="merge"``).

    Returns
    -------
    k : int
    table : DataFrame
        Columns ``k, bound, u_mass, fits, chosen``, one row per fitted k in increasing
        order: the best bound per token over the k's fits (NaN for NMF), the u_mass of the
        ``seed`` fit, how many seeds were fitted.
    notes : list of str
        Human-readable notes on dropped or replaced grid values.

    Raises
    ------
    ValueError
        If ``grid`` is empty or holds a value < 1, or on a bad option (a configuration
        error, not a data one).

    References
    ----------
    Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003). Latent Dirichlet allocation. *JMLR*, 3,
    993-1022.

    Griffiths, T. L., & Steyvers, M. (2004). Finding scientific topics. *PNAS*, 101(suppl. 1),
    5228-5235.

    Grün, B., & Hornik, K. (2011). topicmodels: An R package for fitting topic models.
    *Journal of Statistical Software*, 40(13), 1-30.

    Mimno, D., Wallach, H., Talley, E., Leenders, M., & McCallum, A. (2011). Optimizing
    semantic coherence in topic models. *EMNLP 2011*, 262-272.

    Slonim, N., & Tishby, N. (2000). Agglomerative information bottleneck. *NeurIPS 12*,
    617-623.

    Bryant, M., & Sudderth, E. B. (2012). Truly nonparametric online variational inference
    for hierarchical Dirichlet processes. *NeurIPS 25*.

    Hughes, M. C., Kim, D. I., & Sudderth, E. B. (2015). Reliable and scalable variational
    inference for the hierarchical Dirichlet process. *AISTATS 2015*, 370-378.
    """
    values = sorted({_int_option(k, "grid value", minimum=1) for k in grid})
    if not values:
        raise ValueError("grid must hold at least one k")
    if criterion not in K_CRITERIA:
        raise ValueError(f"criterion must be one of {K_CRITERIA}, got {criterion!r}")
    if search not in K_SEARCHES:
        raise ValueError(f"search must be one of {K_SEARCHES}, got {search!r}")
    merge_passes = _int_option(merge_passes, "merge_passes", minimum=1)
    seeds = _int_option(seeds, "seeds", minimum=1)
    if not tolerance >= 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance!r}")
    cap, n_segments, n_terms, reason = k_cap(
        docs, vocabulary, min_segments_per_topic=min_segments_per_topic
    )
    notes: list[str] = []
    empty = pd.DataFrame(
        {
            "k": pd.Series([], dtype="int64"),
            "bound": pd.Series([], dtype="float64"),
            "u_mass": pd.Series([], dtype="float64"),
            "fits": pd.Series([], dtype="int64"),
            "chosen": pd.Series([], dtype="bool"),
        }
    )
    if n_segments == 0 or n_terms == 0:
        notes.append(
            f"no topic model: {n_segments} segment(s) with vocabulary terms and "
            f"{n_terms} vocabulary term(s)"
        )
        return 1, empty, notes

    supported = [k for k in values if k <= cap]
    dropped = [k for k in values if k > cap]
    why = f"{reason} support at most k={cap}"
    if n_segments == 1 and not dropped:
        notes.append(f"only 1 segment with vocabulary terms: a single topic (k=1) is all {why}")
    if dropped and supported:
        notes.append(f"k={', '.join(map(str, dropped))} dropped from the grid: {why}")
    elif dropped:
        supported = [cap]
        notes.append(
            f"every grid k ({', '.join(map(str, dropped))}) is too large: {why}; using k={cap}"
        )

    by_bound = engine == "lda" and criterion == "bound"
    n_fits = seeds if by_bound else 1
    prepared = bag_corpus(docs, vocabulary)  # the bags once, for every fit
    if by_bound and search == "merge":
        models: dict[int, list[TopicModel]] = {k: [] for k in supported}
        for i in range(n_fits):
            for model in merge_path(
                prepared,
                k_max=supported[-1],
                k_min=supported[0],
                seed=seed + i,
                vocabulary=vocabulary,
                merge_passes=merge_passes,
                engine=engine,
                **fit_kwargs,
            ):
                if model.k in models:  # a grid with gaps: the path passes through every k
                    models[model.k].append(model)
    else:
        models = {
            k: [
                fit_model(
                    prepared,
                    engine=engine,
                    k=k,
                    seed=seed + i,
                    vocabulary=vocabulary,
                    **fit_kwargs,
                )
                for i in range(n_fits)
            ]
            for k in supported
        }
    table = pd.DataFrame(
        {
            "k": supported,
            "bound": [
                float(best_fit(models[k]).params.get("bound_per_token", math.nan))
                for k in supported
            ],
            "u_mass": [coherence(models[k][0], prepared, measure="u_mass")[0] for k in supported],
            "fits": [len(models[k]) for k in supported],
        }
    ).astype({"k": "int64", "bound": "float64", "u_mass": "float64", "fits": "int64"})
    chosen = _choose_k(table, "bound" if by_bound else "u_mass", tolerance)
    table["chosen"] = table["k"] == chosen
    if fitted is not None:
        fitted.update(models)
    return chosen, table, notes


# --- stability ------------------------------------------------------------------------------


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of ``a`` with every row of ``b``."""
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    a = np.divide(a, na, out=np.zeros_like(a), where=na > 0)
    b = np.divide(b, nb, out=np.zeros_like(b), where=nb > 0)
    return a @ b.T


def topic_stability(
    docs: Sequence[Sequence[str]],
    *,
    k: int,
    seeds: Sequence[int],
    engine: Engine,
    vocabulary: Sequence[str],
    threshold: float = 0.7,
    reference: TopicModel | None = None,
    refits: Sequence[TopicModel] = (),
    **fit_kwargs,
) -> tuple[TopicModel, pd.DataFrame]:
    r"""Refit with several seeds and score how well each topic of the reference fit recurs.

    The reference model is fitted with ``seeds[0]`` (or given), one more model with each
    other seed of ``seeds``.
    For reference topic *i* with topic-term vector :math:`\phi_i` and a model *m* with
    topics :math:`\phi^{(m)}_j`,

    .. math:: \mathrm{stability}_i = \frac{1}{M} \sum_{m=1}^{M}
              \max_j \cos\bigl(\phi_i, \phi^{(m)}_j\bigr)

    over the *M* other seeds: the mean best-match cosine similarity (as in the
    seed-stability checks of Greene, O'Callaghan & Cunningham 2014, with cosine instead of
    their top-term agreement). A topic is ``unstable`` when its stability is below
    ``threshold``. With a single seed there is nothing to compare: stability is NaN and no
    topic is flagged.

    ``reference``, if given, is a model fitted with one of ``seeds`` on the same data and
    options (e.g. the best of :func:`select_k`'s fits): it is used instead of fitting
    ``seeds[0]``, and compared with the fits of the other seeds. ``refits`` are models
    already fitted on the same data and options (e.g. by :func:`select_k`): a seed that has
    one is not fitted again.

    Returns
    -------
    model : TopicModel
        The reference model (seed ``seeds[0]``).
    table : DataFrame
        Columns ``topic, stability, unstable``, one row per topic.

    Raises
    ------
    ValueError
        If ``seeds`` is empty or repeats a seed, or as :func:`fit_model`.

    References
    ----------
    Greene, D., O'Callaghan, D., & Cunningham, P. (2014). How many topics? Stability analysis
    for topic models. *ECML PKDD 2014*, LNCS 8724, 498-513.
    """
    seeds = [_int_option(s, "seed", minimum=0) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds must be distinct, got {seeds}")
    docs = bag_corpus(docs, vocabulary)  # the bags once, for every refit
    if reference is None:
        reference = fit_model(
            docs, engine=engine, k=k, seed=seeds[0], vocabulary=vocabulary, **fit_kwargs
        )
    elif reference.k != k:
        raise ValueError(f"the reference model has k={reference.k}, not k={k}")
    elif reference.seed not in seeds:
        raise ValueError(f"the reference model's seed {reference.seed} is not in {seeds}")
    done = {m.seed: m for m in refits if m.k == k}

    def other(s: int) -> TopicModel:
        if s in done:
            return done[s]
        return fit_model(docs, engine=engine, k=k, seed=s, vocabulary=vocabulary, **fit_kwargs)

    ref = reference.topic_term.to_numpy()
    best = [
        _cosine(ref, other(s).topic_term.to_numpy()).max(axis=1)
        for s in seeds
        if s != reference.seed
    ]
    stability = np.mean(best, axis=0) if best else np.full(reference.k, np.nan)
    table = pd.DataFrame(
        {
            "topic": np.arange(reference.k, dtype="int64"),
            "stability": stability.astype("float64"),
            "unstable": stability < threshold,
        }
    )
    return reference, table


# --- describing topics ------------------------------------------------------------------------


def _exclusivity(phi: np.ndarray) -> np.ndarray:
    """:math:`\\phi_{kv} / \\sum_j \\phi_{jv}`; a term with no weight anywhere gets 1/k."""
    col = phi.sum(axis=0, keepdims=True)
    return np.divide(phi, col, out=np.full_like(phi, 1.0 / phi.shape[0]), where=col > 0)


def frex(topic_term: pd.DataFrame, *, weight: float = 0.5) -> pd.DataFrame:
    r"""FREX score of every term in every topic: frequent *and* exclusive terms score high.

    With :math:`\phi_{kv}` the topic-term weights, exclusivity
    :math:`E_{kv} = \phi_{kv} / \sum_j \phi_{jv}` and, within topic *k*, the empirical CDF
    ranks :math:`F_k(x) = \mathrm{rank}_k(x) / V` (average ranks for ties, 1 = smallest, as
    R's ``rank`` in stm's ``calcfrex``),

    .. math:: \mathrm{FREX}_{kv} = \left( \frac{\omega}{F_k(E_{kv})}
              + \frac{1 - \omega}{F_k(\phi_{kv})} \right)^{-1}

    the weighted harmonic mean of the exclusivity and frequency ranks, with
    :math:`\omega` = ``weight`` the weight on exclusivity as in Roberts, Stewart & Airoldi
    (2016, sec. 4.1) (stm's code calls the frequency weight ``w``; at 0.5 they agree). Values
    are in (0, 1]; 1 means the most frequent and the most exclusive term of the topic.

    Parameters
    ----------
    topic_term : DataFrame
        Topics x terms, non-negative.
    weight : float, default 0.5
        :math:`\omega`, in [0, 1].

    Returns
    -------
    DataFrame
        Same shape, index and columns as ``topic_term``.

    References
    ----------
    Bischof, J. M., & Airoldi, E. M. (2012). Summarizing topical content with word frequency
    and exclusivity. *ICML 2012*, 201-208.

    Roberts, M. E., Stewart, B. M., & Airoldi, E. M. (2016). A model of text for
    experimentation in the social sciences. *JASA*, 111(515), 988-1003.
    """
    if not 0 <= weight <= 1:
        raise ValueError(f"weight must be in [0, 1], got {weight!r}")
    phi = topic_term.to_numpy(dtype=np.float64)
    if phi.size and (np.isnan(phi).any() or (phi < 0).any()):
        raise ValueError("topic_term must be non-negative and without NaN")
    n_terms = phi.shape[1]
    if n_terms == 0:
        return topic_term.astype("float64")
    from scipy.stats import rankdata  # ~0.5 s to import: only where used

    excl_rank = rankdata(_exclusivity(phi), method="average", axis=1) / n_terms
    freq_rank = rankdata(phi, method="average", axis=1) / n_terms
    scores = 1.0 / (weight / excl_rank + (1.0 - weight) / freq_rank)
    return pd.DataFrame(scores, index=topic_term.index, columns=topic_term.columns)


def topic_terms_table(
    model: TopicModel | pd.DataFrame, *, n: int = 15, frex_weight: float = 0.5
) -> pd.DataFrame:
    """The ``n`` heaviest terms of each topic with their exclusivity and FREX.

    Returns
    -------
    DataFrame
        Columns ``topic, rank, term, weight, exclusivity, frex``: per topic, the ``n`` terms
        with the largest weight :math:`\\phi_{kv}` (ties: vocabulary order), ``rank`` 1..n;
        ``exclusivity`` :math:`\\phi_{kv} / \\sum_j \\phi_{jv}`; ``frex`` from :func:`frex`.
        Sorted by topic, then rank.
    """
    n = _int_option(n, "n", minimum=1)
    phi_df = _topic_term(model)
    phi = phi_df.to_numpy(dtype=np.float64)
    k, n_terms = phi.shape
    n = min(n, n_terms)
    top = _top_indices(phi, n)
    rows = np.repeat(np.arange(k), n)
    cols = top.ravel()
    terms = np.asarray(phi_df.columns, dtype=object)
    return pd.DataFrame(
        {
            "topic": np.asarray(phi_df.index)[rows].astype("int64"),
            "rank": np.tile(np.arange(1, n + 1), k).astype("int64"),
            "term": pd.array(terms[cols], dtype="str"),
            "weight": phi[rows, cols],
            "exclusivity": _exclusivity(phi)[rows, cols],
            "frex": frex(phi_df, weight=frex_weight).to_numpy()[rows, cols],
        },
        columns=list(TOPIC_TERMS_COLUMNS),
    )


def topic_labels(
    model: TopicModel | pd.DataFrame, *, n: int = 3, frex_weight: float = 0.5
) -> dict[int, str]:
    """A short label per topic: its ``n`` highest-FREX terms joined by ``" / "``.

    Ties in FREX go to the heavier term, then to vocabulary order. Example:
    ``{0: "selvhjelp / gruppe / frivillig", ...}``.
    """
    n = _int_option(n, "n", minimum=1)
    phi_df = _topic_term(model)
    phi = phi_df.to_numpy(dtype=np.float64)
    scores = frex(phi_df, weight=frex_weight).to_numpy()
    terms = list(phi_df.columns)
    labels = {}
    for row, topic in enumerate(phi_df.index):
        order = np.lexsort((np.arange(len(terms)), -phi[row], -scores[row]))[:n]
        labels[int(topic)] = " / ".join(terms[i] for i in order)
    return labels


QUALITY_COLUMNS = ("topic", "peak", "segments_led", "degenerate")
DEGENERATE_LABEL = "(degenerate topic)"


def topic_quality(model: TopicModel, *, flat_peak: float = 2.0) -> pd.DataFrame:
    r"""Find degenerate topics: near-uniform term weights, or no segment that they lead.

    With *V* terms and topic-term weights :math:`\phi_{kv}`, a topic's ``peak`` is its top
    weight relative to the uniform weight, :math:`V \max_v \phi_{kv}` (1 for a flat topic,
    tens to hundreds for a topic with a few characteristic terms); ``segments_led`` is the
    number of segments in which the topic has the largest weight (ties: the lower topic id).
    A topic is ``degenerate`` when its peak is below ``flat_peak`` (its terms are about
    equally likely: it is close to the uniform "junk" topic of AlSumait et al. 2009 and
    describes nothing in particular) or when it leads no segment (no segment is mainly about
    it). An LDA topic that hardly any segment uses keeps weights close to its flat Dirichlet
    prior; this happens when k is larger than the data support.

    Returns
    -------
    DataFrame
        Columns ``topic, peak, segments_led, degenerate``, one row per topic.

    References
    ----------
    AlSumait, L., Barbará, D., Gentle, J., & Domeniconi, C. (2009). Topic significance
    ranking of LDA generative models. *ECML PKDD 2009*, LNCS 5781, 67-82.
    """
    if not flat_peak > 0:
        raise ValueError(f"flat_peak must be positive, got {flat_peak!r}")
    phi = model.topic_term.to_numpy(dtype=np.float64)
    theta = model.doc_topic.to_numpy(dtype=np.float64)
    k, n_terms = phi.shape
    peak = phi.max(axis=1) * n_terms if n_terms else np.zeros(k)
    led = np.zeros(k, dtype="int64")
    if len(theta):
        np.add.at(led, theta.argmax(axis=1), 1)
    return pd.DataFrame(
        {
            "topic": np.asarray(model.topic_term.index, dtype="int64"),
            "peak": peak.astype("float64"),
            "segments_led": led,
            "degenerate": (peak < flat_peak) | (led == 0),
        },
        columns=list(QUALITY_COLUMNS),
    )


def representative_segments(
    model: TopicModel | pd.DataFrame,
    segments: pd.DataFrame,
    *,
    n: int = 3,
    excerpt_terms: int = 30,
) -> pd.DataFrame:
    """The ``n`` segments with the largest weight of each topic, with an excerpt.

    Parameters
    ----------
    model : TopicModel or DataFrame
        A fitted model, or its ``doc_topic`` matrix; row *i* belongs to ``segments`` row *i*.
    segments : DataFrame
        The segment table the model was fitted on (:func:`ordskifte.topics.segments.make_segments`),
        same length and order.
    n : int, default 3
    excerpt_terms : int, default 30
        Terms shown; ``" …"`` marks a cut excerpt.

    Returns
    -------
    DataFrame
        Columns ``topic, rank, segment_id, doc_id, year, page_first, page_last, weight,
        excerpt``; per topic the segments by decreasing weight (ties: segment order), rank
        1..n; sorted by topic, then rank.
    """
    n = _int_option(n, "n", minimum=1)
    excerpt_terms = _int_option(excerpt_terms, "excerpt_terms", minimum=1)
    theta_df = model.doc_topic if isinstance(model, TopicModel) else model
    if len(theta_df) != len(segments):
        raise ValueError(
            f"doc_topic has {len(theta_df)} rows but segments has {len(segments)}: "
            "they must be the same segments in the same order"
        )
    theta = theta_df.to_numpy(dtype=np.float64)
    k = theta.shape[1]
    n = min(n, len(segments))
    top = _top_indices(theta.T, n)  # k x n segment positions
    rows = top.ravel()
    words = segments["terms"].iloc[rows].astype(str).str.split()
    excerpts = [
        " ".join(w[:excerpt_terms]) + (" …" if len(w) > excerpt_terms else "") for w in words
    ]
    picked = segments.iloc[rows].reset_index(drop=True)
    return pd.DataFrame(
        {
            "topic": np.repeat(np.asarray(theta_df.columns), n).astype("int64"),
            "rank": np.tile(np.arange(1, n + 1), k).astype("int64"),
            "segment_id": picked["segment_id"],
            "doc_id": picked["doc_id"],
            "year": picked["year"],
            "page_first": picked["page_first"],
            "page_last": picked["page_last"],
            "weight": theta[rows, np.repeat(np.arange(k), n)],
            "excerpt": pd.array(excerpts, dtype="str"),
        },
        columns=list(REPRESENTATIVE_COLUMNS),
    )


# --- prevalence -------------------------------------------------------------------------------


def prevalence(
    doc_topic: pd.DataFrame,
    segments: pd.DataFrame,
    *,
    by: str,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Mean topic weight per period (or year) with a document-level bootstrap interval.

    For group *g* (a period or a year) with documents :math:`D_g`, document *i* having
    segments :math:`S_i`, and :math:`\theta_{sk}` the weight of topic *k* in segment *s*:

    .. math:: \bar\theta_{gk} = \frac{\sum_{i \in D_g} \sum_{s \in S_i} \theta_{sk}}
              {\sum_{i \in D_g} |S_i|}

    the mean segment weight. The interval is a percentile bootstrap (Efron & Tibshirani
    1993, ch. 13) resampling *documents* with all their segments, because segments of one
    document are not independent: :func:`ordskifte.stats.bootstrap_rate_ci` with per-document
    sums :math:`\sum_{s \in S_i} \theta_{sk}` as counts, :math:`|S_i|` as totals and
    ``per=1`` (the same ratio estimator), documents in ``doc_id`` order, and seed
    :func:`ordskifte.stats.group_seed` ``(seed, (topic, group))``. Each interval is thus
    independent of the row order and of which other topics and groups exist. Segments
    whose group value is missing or empty (a document without a year) are left out.

    Parameters
    ----------
    doc_topic : DataFrame
        Segments x topics (``TopicModel.doc_topic``); row *i* belongs to ``segments`` row *i*.
    segments : DataFrame
        Needs ``doc_id`` and the ``by`` column.
    by : str
        ``"period"`` or ``"year"`` (any column of ``segments``).
    iterations, seed, confidence
        Bootstrap resamples, base seed and coverage (see :func:`bootstrap_rate_ci`).
    order : sequence of str, optional
        Order of the groups in the output (e.g. the configured periods); every group
        present must be listed. Default: sorted.

    Returns
    -------
    DataFrame
        Columns ``topic, <by>, mean, ci_low, ci_high, n_docs, n_segments``, sorted by topic,
        then group. A group with one document has ``ci_low == ci_high == mean``.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    """
    if len(doc_topic) != len(segments):
        raise ValueError(
            f"doc_topic has {len(doc_topic)} rows but segments has {len(segments)}: "
            "they must be the same segments in the same order"
        )
    for col in ("doc_id", by):
        if col not in segments.columns:
            raise ValueError(f"prevalence: segments lack column {col!r}")
    theta = doc_topic.to_numpy(dtype=np.float64)
    topics = np.asarray(doc_topic.columns)
    group_values = segments[by].astype("string")
    keep = (group_values.notna() & (group_values.str.strip() != "")).to_numpy()
    work = pd.DataFrame(theta[keep], columns=range(len(topics)))
    work["_doc"] = segments["doc_id"].astype(str).to_numpy()[keep]
    work["_group"] = group_values.to_numpy(dtype=object)[keep]
    work["_n"] = 1

    per_doc = work.groupby(["_group", "_doc"], sort=True).sum()
    groups = sorted(per_doc.index.get_level_values("_group").unique())
    if order is not None:
        unknown = [g for g in groups if g not in set(order)]
        if unknown:
            raise ValueError(f"prevalence: group(s) {unknown} not in order {list(order)}")
        groups = [g for g in order if g in set(groups)]

    rows = []
    for t_pos, topic in enumerate(topics):
        for group in groups:
            docs = per_doc.loc[group]
            sums = docs[t_pos].to_numpy()
            sizes = docs["_n"].to_numpy()
            low, high = bootstrap_rate_ci(
                sums,
                sizes,
                iterations=iterations,
                seed=group_seed(seed, (topic, group)),
                confidence=confidence,
                per=1,
            )
            rows.append(
                (topic, group, sums.sum() / sizes.sum(), low, high, len(docs), int(sizes.sum()))
            )
    out = pd.DataFrame(rows, columns=["topic", by, *PREVALENCE_STATS])
    return out.astype(
        {
            "topic": "int64",
            by: "str",
            "mean": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
            "n_docs": "int64",
            "n_segments": "int64",
        }
    )
