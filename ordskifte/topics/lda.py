"""gensim's ``LdaModel`` with the same arithmetic in fewer Python steps: E-step and bound.

gensim's variational E-step (``LdaModel.inference``) loops over the documents and, for each,
over up to ``iterations`` updates of its topic weights: about ten NumPy calls on vectors of
``k`` numbers per update, so that most of a fit's time is Python and call overhead, not
arithmetic. Its evidence lower bound (``LdaModel.bound``) calls a log-sum-exp once per term
of every document.

:class:`ExactLdaModel` does the same operations on the same numbers in the same order, only
grouped differently, so every float is the one gensim computes:

- the E-step updates all documents of a chunk in lock step (one iteration of every
  unconverged document at a time), with element-wise steps (the gamma update, the Dirichlet
  expectation, ``exp``, the mean absolute change) on the rows of all unconverged documents
  at once; the two matrix-vector products of each document stay one ``numpy.dot`` per
  document, on the same operands (BLAS kernels sum in their own order, which a batched
  product would not reproduce); a document stops after the same iteration as in gensim;
- the bound computes the log-sum-exp of every (document, term) pair at once with the
  operations and precisions of gensim's compiled ``logsumexp`` (``float32`` sums of ``exp``
  taken in ``float64``), and adds the terms of each document with Python's ``sum`` as gensim
  does.

``tests/unit/test_topic_lda.py`` holds both to gensim's own methods, bit for bit. The
random draws (the E-step's starting ``gamma``) are gensim's, in gensim's order.

This module imports gensim: import it only where a model is fitted.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
from gensim.matutils import dirichlet_expectation
from gensim.models import LdaModel
from scipy.special import gammaln


def _concat_docs(chunk, dtype):
    """Term ids, counts (in ``dtype`` and in float64) and offsets of the documents of
    ``chunk`` (bags of ``(id, count)``).

    The pairs are read in one pass as float64 (exact for ids and integer counts below
    2**53), the counts then cast to ``dtype`` as gensim's ``np.fromiter(..., dtype)`` does.
    """
    sizes = np.fromiter((len(doc) for doc in chunk), dtype=np.int64, count=len(chunk))
    offsets = np.zeros(len(chunk) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    total = int(offsets[-1])
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(chunk)), np.float64, 2 * total)
    pairs = flat.reshape(total, 2)
    counts = pairs[:, 1].copy()
    return pairs[:, 0].astype(np.intp), counts.astype(dtype), offsets, counts


def _mean_absolute_difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise ``mean(abs(a - b))`` as gensim's compiled ``mean_absolute_difference``: a
    running sum over the columns in the arrays' precision, then divided by the count."""
    acc = np.zeros(a.shape[0], dtype=a.dtype)
    for j in range(a.shape[1]):
        acc += np.abs(a[:, j] - b[:, j])
    acc /= a.dtype.type(a.shape[1])
    return acc


class ExactLdaModel(LdaModel):
    """``gensim.models.LdaModel`` whose ``inference`` and ``bound`` give gensim's floats faster.

    See the module's docstring. Everything else (training, the M-step, the random state) is
    gensim's.
    """

    def _term_arrays(self, chunk):
        """:func:`_concat_docs` of ``chunk``, kept for the next call on the same documents.

        gensim passes the same documents to every pass, to the E-step after training and to
        the bound. Only documents that are tuples (as ``fit_model``'s bags) are remembered:
        they cannot change, and the model holds them, so the same objects are the same bags.
        """
        cached = getattr(self, "_ordskifte_terms", None)
        if (
            cached is not None
            and len(cached[0]) == len(chunk)
            and all(a is b for a, b in zip(cached[0], chunk, strict=True))
        ):
            return cached[1]
        arrays = _concat_docs(chunk, self.dtype)
        if all(isinstance(doc, tuple) for doc in chunk):
            self._ordskifte_terms = (list(chunk), arrays)
        return arrays

    def inference(self, chunk, collect_sstats=False):
        """gensim's ``LdaModel.inference`` (same arguments and results), documents in lock step."""
        try:
            len(chunk)
        except TypeError:
            chunk = list(chunk)
        dtype = self.dtype
        n_docs, k = len(chunk), self.num_topics
        # the same draw as gensim's, before anything else
        gamma = self.random_state.gamma(100.0, 1.0 / 100.0, (n_docs, k)).astype(dtype, copy=False)
        elog_theta = dirichlet_expectation(gamma)
        exp_elog_theta = np.exp(elog_theta)
        sstats = np.zeros_like(self.expElogbeta, dtype=dtype) if collect_sstats else None
        epsilon = np.finfo(dtype).eps

        ids, cts, offsets, _ = self._term_arrays(chunk)
        starts, ends = offsets[:-1].tolist(), offsets[1:].tolist()
        sizes = np.diff(offsets)
        spans = [slice(a, b) for a, b in zip(starts, ends, strict=True)]
        betas = [self.expElogbeta[:, ids[span]] for span in spans]
        betas_t = [beta.T for beta in betas]
        gamma_d = gamma.copy()  # each document's current gamma, as gensim's gammad
        exp_d = exp_elog_theta.copy()  # ... and its expElogthetad
        # fixed buffers, and views of each document's part of them (updated in place)
        phinorm = np.empty(len(cts), dtype=dtype)
        ratio = np.empty(len(cts), dtype=dtype)
        raw = np.empty(len(cts), dtype=dtype)  # phinorm before epsilon is added
        products = np.empty((n_docs, k), dtype=dtype)
        ratio_of = [ratio[span] for span in spans]
        raw_of = [raw[span] for span in spans]
        exp_of = list(exp_d)
        product_of = list(products)
        for d in range(n_docs):
            np.dot(exp_of[d], betas[d], out=raw_of[d])
        np.add(raw, epsilon, out=phinorm)
        active = np.arange(n_docs)
        for _ in range(self.iterations):
            if not len(active):
                break
            np.divide(cts, phinorm, out=ratio)  # every document's; the active ones are read
            docs = active.tolist()
            for d in docs:
                np.dot(ratio_of[d], betas_t[d], out=product_of[d])
            last = gamma_d[active]
            new_gamma = self.alpha + exp_d[active] * products[active]
            new_exp = np.exp(dirichlet_expectation(new_gamma))
            gamma_d[active] = new_gamma
            exp_d[active] = new_exp
            for d in docs:
                np.dot(exp_of[d], betas[d], out=raw_of[d])
            if len(docs) == n_docs:
                np.add(raw, epsilon, out=phinorm)
            else:
                is_active = np.zeros(n_docs, dtype=bool)
                is_active[active] = True
                terms = np.repeat(is_active, sizes)
                phinorm[terms] = raw[terms] + epsilon
            change = _mean_absolute_difference(new_gamma, last)
            # gensim compares the float32 change, as a Python float, with the threshold
            active = active[~(change.astype(np.float64) < self.gamma_threshold)]
        gamma[...] = gamma_d
        if collect_sstats:
            for d in range(n_docs):
                s, e = starts[d], ends[d]
                sstats[:, ids[s:e]] += np.outer(exp_d[d].T, cts[s:e] / phinorm[s:e])
            sstats *= self.expElogbeta
        return gamma, sstats

    def bound(self, corpus, gamma=None, subsample_ratio=1.0):
        """gensim's ``LdaModel.bound`` (same arguments and result), the per-term log-sum-exp
        computed for all terms at once when ``gamma`` holds one ``1 x k`` row per document (as
        ``fit_model`` passes it; anything else goes to gensim's own method)."""
        if gamma is None or np.ndim(gamma) != 3:
            return super().bound(corpus, gamma=gamma, subsample_ratio=subsample_ratio)
        corpus = list(corpus)
        score = np.float64(0.0)
        _lambda = self.state.get_lambda()
        elog_beta = dirichlet_expectation(_lambda)
        dtype = self.dtype
        ids, _, offsets, counts = self._term_arrays(corpus)
        n_docs = len(corpus)
        rows_gamma = np.asarray(gamma)[:n_docs]
        if rows_gamma.dtype != dtype:
            return super().bound(corpus, gamma=gamma, subsample_ratio=subsample_ratio)
        gammas = rows_gamma.reshape(n_docs, -1)  # gensim's gammad, one row per document
        elog_thetas = dirichlet_expectation(gammas)  # row by row, as gensim's 1 x k calls
        if len(ids):
            rows = np.repeat(np.arange(n_docs), np.diff(offsets))
            x = elog_thetas[rows] + elog_beta.T[ids]  # Elogthetad + Elogbeta[:, id], per term
            # gensim's compiled logsumexp: the max, a float32 running sum of exp() taken in
            # float64, log in float64 plus the max, returned as float32
            peak = x.max(axis=1)
            shifted = (x - peak[:, np.newaxis]).astype(np.float64)
            total = np.zeros(len(x), dtype=x.dtype)
            for j in range(x.shape[1]):
                total = (total.astype(np.float64) + np.exp(shifted[:, j])).astype(x.dtype)
            lse = (np.log(total.astype(np.float64)) + peak.astype(np.float64)).astype(x.dtype)
            # cnt * logsumexp(...): the count times a Python float, i.e. a float64 product
            terms = (counts * lse.astype(np.float64)).tolist()
        else:
            terms = []
        # gensim's three per-document sums over the k topics, row by row (each row is summed
        # as gensim sums its 1 x k array); added to the score in gensim's order below
        prior = np.sum((self.alpha - gammas) * elog_thetas, axis=1)
        entropy = np.sum(gammaln(gammas) - gammaln(self.alpha), axis=1)
        norm = gammaln(np.sum(self.alpha)) - gammaln(np.sum(gammas, axis=1))
        bounds = offsets.tolist()
        for d in range(n_docs):
            score += sum(terms[bounds[d] : bounds[d + 1]])
            score += prior[d]
            score += entropy[d]
            score += norm[d]
        score *= subsample_ratio
        score += np.sum((self.eta - _lambda) * elog_beta)
        score += np.sum(gammaln(_lambda) - gammaln(self.eta))
        sum_eta = self.eta * self.num_terms if np.ndim(self.eta) == 0 else np.sum(self.eta)
        score += np.sum(gammaln(sum_eta) - gammaln(np.sum(_lambda, 1)))
        return score
