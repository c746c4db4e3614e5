# Memory (MB) and run time (minutes) of the jobs, for cluster schedulers (profiles/slurm).
# They grow with the size of a job's input files, and with the attempt number: a job that
# failed (for instance killed for going over its memory) is retried with twice as much,
# then three times (`retries` in the profile). A laptop run ignores them unless
# `--resources mem_mb=...` caps the total.
#
# Calibration (benchmarks/ of the bundled corpus and of the 1-10 M token corpora in
# benchmarks/README.md): every job is a Python process of 100-250 MB before it reads anything;
# a token table takes about 100 MB per MB of text; the whole workflow on 10 M tokens peaked
# at 2.9 GB (the largest job, collocates, 1.2 GB); preprocessing runs at about 0.1-0.2 M
# tokens (1 MB of text) per second.

import os


def _grow(base, per_mb, input, attempt):
    """``base + per_mb`` times the input size in MB, times the attempt number."""
    return int((base + per_mb * input.size_mb) * attempt)


def _source_mb(input):
    """The size in MB of a document job's source file alone: its other inputs, the stopword
    lists and simplemma's tables (about 33 MB), are read by every document job alike and
    are part of the base."""
    return os.path.getsize(input.source) / 2**20 if os.path.exists(input.source) else 0


def get_document_mem_mb(wildcards, input, attempt):
    """Rule document: a document's text, tokens and counts held in memory at once (about
    250 MB for a short document, the lexicons included)."""
    return int((1000 + 100 * _source_mb(input)) * attempt)


def get_document_runtime(wildcards, input, attempt):
    """Rule document: seconds per MB of text; minutes leave room for a slow node."""
    return int((5 + 2 * _source_mb(input)) * attempt)


def get_aggregate_mem_mb(wildcards, input, attempt):
    """Corpus-wide tables: every document's count or token table (compressed on disk)."""
    return _grow(1000, 50, input, attempt)


def get_aggregate_runtime(wildcards, input, attempt):
    """Corpus-wide tables: one pass over the inputs, plus bootstrap resampling."""
    return _grow(10, 2, input, attempt)


def get_topic_mem_mb(wildcards, input, attempt):
    """Topic models: grows with the segment table (a term matrix and the model)."""
    return _grow(1000, 40, input, attempt)


def get_topic_runtime(wildcards, input, attempt):
    """Topic models: a grid of fits plus the stability refits."""
    return _grow(10, 5, input, attempt)
