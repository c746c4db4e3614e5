"""ordskifte.semantic.svd.truncated_svd against scikit-learn's TruncatedSVD, bit for bit."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.decomposition import TruncatedSVD

from ordskifte.semantic.svd import truncated_svd


def _sklearn(matrix, n_components, n_iter, seed):
    svd = TruncatedSVD(
        n_components=n_components, algorithm="randomized", n_iter=n_iter, random_state=seed
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        transformed = svd.fit_transform(matrix)
    return transformed, svd.singular_values_


def _ppmi_like(n, density, seed, rows=None):
    rng = np.random.default_rng(seed)
    m = sparse.random(rows or n, n, density=density, random_state=rng, format="csr")
    m.data = np.log1p(m.data * 10)
    return m


@pytest.mark.parametrize(
    ("shape", "density", "n_components", "n_iter", "seed"),
    [
        ((300, 300), 0.08, 50, 7, 1),  # as embed calls it, on a PPMI-sized problem
        ((300, 300), 0.08, 50, 7, 20190626),
        ((120, 120), 0.3, 119, 7, 3),  # as many components as embed allows
        ((200, 150), 0.05, 20, 7, 4),  # tall
        ((80, 80), 0.1, 10, 2, 5),  # two iterations: no normaliser
        ((80, 80), 0.1, 10, 0, 6),
        ((3, 3), 0.9, 2, 7, 7),
    ],
)
def test_truncated_svd_is_scikit_learns_bit_for_bit(shape, density, n_components, n_iter, seed):
    matrix = _ppmi_like(shape[1], density, seed, rows=shape[0])
    expected, sigma = _sklearn(matrix, n_components, n_iter, seed)
    got, got_sigma = truncated_svd(matrix, n_components, n_iter=n_iter, seed=seed)
    assert got.tobytes() == expected.tobytes()
    assert got_sigma.tobytes() == sigma.tobytes()


def test_a_matrix_with_empty_rows_and_unsorted_indices_gives_scikit_learns_floats():
    matrix = _ppmi_like(150, 0.05, 11)
    matrix = sparse.csr_matrix(matrix.multiply(np.arange(150)[:, None] % 7 != 0))  # empty rows
    # the same matrix with each row's entries stored in reverse order
    data, indices, indptr = [], [], matrix.indptr
    for i in range(matrix.shape[0]):
        row = slice(indptr[i], indptr[i + 1])
        data.append(matrix.data[row][::-1])
        indices.append(matrix.indices[row][::-1])
    unsorted = sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), indptr.copy()), shape=matrix.shape
    )
    unsorted.has_sorted_indices = False
    expected, sigma = _sklearn(unsorted, 30, 7, 12)
    got, got_sigma = truncated_svd(unsorted, 30, n_iter=7, seed=12)
    assert got.tobytes() == expected.tobytes()
    assert got_sigma.tobytes() == sigma.tobytes()


def test_the_embedding_is_the_one_scikit_learn_gives():
    from ordskifte.semantic.vectors import _unit_rows, embed, ppmi

    counts = sparse.csr_matrix(np.round(_ppmi_like(100, 0.2, 21).toarray() * 5))
    counts = counts + counts.T
    matrix = ppmi(counts)
    u_sigma, sigma = _sklearn(matrix, 40, 7, 42)
    expected = _unit_rows(u_sigma / np.sqrt(np.where(sigma > 0, sigma, 1.0)))
    assert embed(matrix, dimensions=40, seed=42).tobytes() == expected.tobytes()


@pytest.mark.parametrize(
    ("matrix", "n_components", "message"),
    [
        (sparse.csr_matrix(np.ones((2, 4))), 1, "square or tall"),
        (sparse.csr_matrix(np.ones((4, 4), dtype=np.float32)), 1, "float64"),
        (sparse.csr_matrix(np.ones((4, 4))), 5, "n_components must be 1..4"),
        (sparse.csr_matrix(np.ones((4, 4))), 0, "n_components must be 1..4"),
        (sparse.csr_matrix(np.ones((3, 1))), 1, "at least 2 columns"),
        (sparse.csr_matrix(np.array([[1.0, np.nan], [0.0, 1.0]])), 1, "finite"),
        (sparse.csr_matrix(np.array([[1.0, np.inf], [0.0, 1.0]])), 1, "finite"),
    ],
)
def test_truncated_svd_refuses_what_it_does_not_reproduce(matrix, n_components, message):
    with pytest.raises(ValueError, match=message):
        truncated_svd(matrix, n_components, n_iter=7, seed=0)
