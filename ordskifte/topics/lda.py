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

import numpy as np
from gensim.matutils import dirichlet_expectation
from gensim.models import LdaModel
from scipy.special import gammaln


def _concat_docs(chunk, dtype):
    """Term ids, counts and offsets of the documents of ``chunk`` (bags of ``(id, count)``)."""
    sizes = np.fromiter((len(doc) for doc in chunk), dtype=np.int64, count=len(chunk))
    offsets = np.zeros(len(chunk) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    total = int(offsets[-1])
    ids = np.fromiter((int(i) for doc in chunk for i, _ in doc), dtype=np.intp, count=total)
    cts = np.fromiter((c for doc in chunk for _, c in doc), dtype=dtype, count=total)
    return ids, cts, offsets


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

        ids, cts, offsets = _concat_docs(chunk, dtype)
        starts, ends = offsets[:-1].tolist(), offsets[1:].tolist()
        betas = [self.expElogbeta[:, ids[s:e]] for s, e in zip(starts, ends, strict=True)]
        gamma_d = gamma.copy()  # each document's current gamma, as gensim's gammad
        exp_d = exp_elog_theta.copy()  # ... and its expElogthetad
        phinorm = np.empty(len(cts), dtype=dtype)
        for d in range(n_docs):
            phinorm[starts[d] : ends[d]] = np.dot(exp_d[d], betas[d]) + epsilon
        products = np.empty((n_docs, k), dtype=dtype)
        active = np.arange(n_docs)
        for _ in range(self.iterations):
            if not len(active):
                break
            ratio = cts / phinorm
            for d in active.tolist():
                products[d] = np.dot(ratio[starts[d] : ends[d]], betas[d].T)
            last = gamma_d[active]
            new_gamma = self.alpha + exp_d[active] * products[active]
            new_exp = np.exp(dirichlet_expectation(new_gamma))
            gamma_d[active] = new_gamma
            exp_d[active] = new_exp
            for d in active.tolist():  # the ratio of this iteration is taken: overwrite
                phinorm[starts[d] : ends[d]] = np.dot(exp_d[d], betas[d]) + epsilon
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
        ids, cts, offsets = _concat_docs(corpus, dtype)
        gammas = [gamma[d] for d in range(len(corpus))]
        elog_thetas = [dirichlet_expectation(g) for g in gammas]
        if len(ids):
            rows = np.repeat(np.arange(len(corpus)), np.diff(offsets))
            theta = np.stack([np.asarray(e, dtype=dtype).reshape(-1) for e in elog_thetas])
            x = theta[rows] + elog_beta.T[ids]  # Elogthetad + Elogbeta[:, id], per term
            # gensim's compiled logsumexp: the max, a float32 running sum of exp() taken in
            # float64, log in float64 plus the max, returned as float32
            peak = x.max(axis=1)
            shifted = (x - peak[:, np.newaxis]).astype(np.float64)
            total = np.zeros(len(x), dtype=x.dtype)
            for j in range(x.shape[1]):
                total = (total.astype(np.float64) + np.exp(shifted[:, j])).astype(x.dtype)
            lse = (np.log(total.astype(np.float64)) + peak.astype(np.float64)).astype(x.dtype)
            # cnt * logsumexp(...): the count as in the bag times a Python float
            counts = [c for doc in corpus for _, c in doc]
            terms = [c * v for c, v in zip(counts, lse.astype(np.float64).tolist(), strict=True)]
        else:
            terms = []
        bounds = offsets.tolist()
        for d in range(len(corpus)):
            gammad, elog_thetad = gammas[d], elog_thetas[d]
            score += sum(terms[bounds[d] : bounds[d + 1]])
            score += np.sum((self.alpha - gammad) * elog_thetad)
            score += np.sum(gammaln(gammad) - gammaln(self.alpha))
            score += gammaln(np.sum(self.alpha)) - gammaln(np.sum(gammad))
        score *= subsample_ratio
        score += np.sum((self.eta - _lambda) * elog_beta)
        score += np.sum(gammaln(_lambda) - gammaln(self.eta))
        sum_eta = self.eta * self.num_terms if np.ndim(self.eta) == 0 else np.sum(self.eta)
        score += np.sum(gammaln(sum_eta) - gammaln(np.sum(_lambda, 1)))
        return score
