"""Synthetic corpora for the tests and the benchmarks (not part of the installed package).

:mod:`tests.synthetic.planted` draws documents with planted topics for the topic-model
tests; :mod:`tests.synthetic.scale` makes corpora of millions of tokens for the benchmarks.
Both give a manifest in the pipeline's format, and :func:`write_corpus` writes either to a
folder that the workflow can run on.
"""

from __future__ import annotations

from pathlib import Path

from ordskifte.io import write_tsv
from tests.synthetic.planted import PlantedCorpus
from tests.synthetic.scale import ScaleCorpus


def write_corpus(corpus: PlantedCorpus | ScaleCorpus, folder: str | Path) -> Path:
    """Write the documents and their manifest under ``folder``; return the manifest's path.

    Each document goes to ``folder / manifest.file`` (UTF-8, ``\\n`` line ends) and the
    manifest to ``folder / "documents.tsv"`` (tab-separated, UTF-8, header), ready for
    ``snakemake --config manifest=<folder>/documents.tsv``. A :class:`ScaleCorpus` is
    written one document at a time.
    """
    folder = Path(folder)
    for doc_id, file in zip(corpus.manifest["doc_id"], corpus.manifest["file"], strict=True):
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(corpus.documents[doc_id])
    manifest_path = folder / "documents.tsv"
    write_tsv(corpus.manifest, manifest_path)
    return manifest_path
