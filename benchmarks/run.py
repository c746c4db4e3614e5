"""Benchmark ordskifte: preprocessing speed on one core, the whole workflow at scale, reruns.

Run it from the repository's folder as a module (it reads the synthetic corpora of
``tests/synthetic``).

One command measures everything and writes ``benchmarks/results.json``::

    .venv/bin/python -m benchmarks.run                  # full run (1, 4 and 10 M tokens)
    .venv/bin/python -m benchmarks.run --sizes 1,4      # other corpus sizes (millions of tokens)
    .venv/bin/python -m benchmarks.run --quick          # 1-2 minutes: harness check, no topics

What it measures:

1. **Preprocessing** (extract -> clean -> tokenize -> lemmatize -> stopwords -> count) in word
   tokens per second on one core (the worker process is pinned to one CPU), on the same
   synthetic text (:func:`tests.synthetic.scale.scale_corpus`), for three routes: the step
   functions the workflow's per-document jobs call (``ordskifte.ingest.steps`` and
   ``ordskifte.text.steps``, files written, no second copy of their logic), the regex-only tokenizer
   ``re.findall(r"[^\\W\\d_]+(?:-[^\\W\\d_]+)*", text)`` (the practical limit) and the peer
   route spaCy ``blank("nb")`` tokenizer + simplemma per token (skipped if spaCy is not
   installed: ``pip install -e ".[bench]"``). Each route runs once on a small text first
   (imports, lemmatizer dictionaries), then ``--repeats`` times with simplemma's word cache
   emptied; the best time counts. Every route is divided by the same token count: the word
   tokens (tokens with a letter) of the text.
2. **The whole workflow** (``snakemake --cores 2``, clean results folder, in a temporary
   folder, with the checkout's Snakefile and config) on synthetic corpora of ``--sizes``
   million tokens and on a copy of the bundled corpus: wall time, peak resident memory of the
   whole process tree (RSS of snakemake and all its descendants, summed, sampled every 0.2 s;
   shared pages are counted in every process, so it is an upper bound) and seconds per
   million tokens. The per-job benchmark files of the run (``benchmarks/<stage>/*.tsv``) are
   summarised by stage.
3. **Adding one document** to the ``--rerun-size`` corpus (default 4 M) and rerunning: wall
   time, and which jobs ran (parsed from Snakemake's log), checked to be only the new
   document's jobs plus corpus-wide ones.

The results (with the machine, package versions and git commit) go to ``--output``, then a
table prints each figure next to its target with PASS or FAIL. The exit status is 0 when
every measurement ran (targets may still FAIL; ``--strict`` makes a FAIL exit 1) and 2 when
a workflow run or a measurement failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SNAKEFILE = ROOT / "Snakefile"
CONFIGFILE = ROOT / "config.yaml"
BUNDLED_CORPUS = ROOT / "resources" / "corpus"
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results.json"
SNAKEMAKE = Path(sys.executable).parent / "snakemake"

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
HAS_LETTER = re.compile(r"[^\W\d_]")
GB = 10**9
SCHEMA = 1
RESULT_KEYS = (
    "schema",
    "mode",
    "started",
    "finished",
    "command",
    "machine",
    "settings",
    "preprocessing",
    "documents",
    "end_to_end",
    "bundled",
    "rerun",
    "targets",
    "errors",
)
PACKAGES = (
    "snakemake",
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "simplemma",
    "gensim",
    "scikit-learn",
    "nltk",
    "matplotlib",
    "spacy",
    "psutil",
)
# Rules whose jobs belong to one document (they have a {doc} wildcard).
DOC_WILDCARD = "doc"


def log(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------- machine info
def machine_info() -> dict:
    import psutil

    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu_model": cpu or platform.processor(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "ram_bytes": psutil.virtual_memory().total,
        "load_average_at_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "git": git_info(),
    }


def git_info() -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "HEAD") or None,
        "modified_tracked_files": len(status.splitlines()) if status else 0,
    }


# --------------------------------------------------------------------------- corpora
def write_scale_corpus(
    folder: Path, n_tokens: int, *, seed: int, doc_tokens: tuple[int, int] | None = None
) -> dict:
    """Write a synthetic corpus to ``folder`` (files + documents.tsv); describe it."""
    from tests.synthetic import write_corpus
    from tests.synthetic.scale import scale_corpus

    start = time.perf_counter()
    kwargs = {} if doc_tokens is None else {"doc_tokens": doc_tokens}
    corpus = scale_corpus(n_tokens, seed=seed, **kwargs)
    write_corpus(corpus, folder)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    return {
        "tokens": corpus.n_tokens,
        "documents": len(corpus.manifest),
        "bytes": size,
        "generate_seconds": round(seconds, 3),
        "doc_ids": corpus.manifest["doc_id"].tolist(),
    }


def add_document(corpus_dir: Path, *, n_tokens: int, seed: int) -> str:
    """Add one synthetic document (file + manifest row) to a corpus; return its doc_id."""
    import pandas as pd

    from ordskifte.ingest.manifest import read_manifest
    from ordskifte.io import write_tsv
    from tests.synthetic.scale import scale_corpus

    extra = scale_corpus(n_tokens, seed=seed, doc_tokens=(n_tokens, n_tokens), id_prefix="added")
    (doc_id,) = extra.manifest["doc_id"]
    path = corpus_dir / extra.manifest.loc[0, "file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(extra.text(doc_id), encoding="utf-8", newline="\n")
    manifest = read_manifest(corpus_dir / "documents.tsv")
    write_tsv(
        pd.concat([manifest, extra.manifest], ignore_index=True), corpus_dir / "documents.tsv"
    )
    return doc_id


# --------------------------------------------------------------------------- preprocessing
def pin_to_one_cpu() -> int:
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})
    return cpus[-1]


def clear_simplemma_cache() -> None:
    """Forget simplemma's per-word cache (its dictionaries stay loaded)."""
    with contextlib.suppress(ImportError, AttributeError):
        from simplemma import lemmatizer

        lemmatizer._legacy_lemmatizer_for.cache_clear()


def pipeline_settings() -> dict:
    import yaml

    config = yaml.safe_load(CONFIGFILE.read_text(encoding="utf-8"))
    stopwords = {lang: str(ROOT / path) for lang, path in config["stopwords"].items()}
    return {
        "normalise": config.get("normalise", "lemma"),
        "variants": config.get("variants", {}),
        "stopword_files": stopwords,
        "extra_stopwords": config.get("extra_stopwords", []),
        "min_token_length": config.get("min_token_length", 2),
        "min_tokens": config.get("min_tokens", 0),
        "concepts": config.get("concepts", {}),
        "targets": config.get("targets", {}),
        "languages": config.get("languages", ["nb", "nn"]),
    }


def route_ordskifte(files: Sequence[Path], settings: dict) -> tuple[int, dict]:
    """The per-document step the workflow's jobs run (rule ``document``: extract, clean,
    tokenize, count), called as its rule script calls it, every file written; the lexicon
    tables are unpacked once per route run beforehand, as rule ``lexicon`` does once per
    workflow."""
    from ordskifte.io import read_json
    from ordskifte.text.steps import document_step, lexicon_step
    from ordskifte.text.tokenize import LEMMA_LANGUAGES

    stages = {"document": 0.0}
    words = 0
    with tempfile.TemporaryDirectory(prefix="ordskifte-steps-") as tmp:
        out = Path(tmp)
        lexicons = {}
        if settings["normalise"] == "lemma":
            for language in LEMMA_LANGUAGES:
                lexicons[language] = str(out / f"simplemma_{language}.tsv")
                lexicon_step(language, lexicon_out=lexicons[language])
        for path in files:
            doc = path.stem
            t0 = time.perf_counter()
            document_step(
                str(path),
                doc_id=doc,
                raw_out=str(out / f"{doc}.raw.txt"),
                extract_record_out=str(out / f"{doc}.extract.json"),
                text_out=str(out / f"{doc}.txt"),
                footnotes_out=str(out / f"{doc}.footnotes.tsv"),
                clean_record_out=str(out / f"{doc}.clean.json"),
                tokens_out=str(out / f"{doc}.parquet"),
                tokens_record_out=str(out / f"{doc}.tokens.json"),
                counts_out=str(out / f"{doc}.counts.parquet"),
                default_language="nb",
                languages=settings["languages"],
                normalise=settings["normalise"],
                variants=settings["variants"],
                stopword_files=settings["stopword_files"],
                extra_stopwords=settings["extra_stopwords"],
                min_token_length=settings["min_token_length"],
                min_tokens=settings["min_tokens"],
                concepts=settings["concepts"],
                targets=settings["targets"],
                lexicons=lexicons or None,
            )
            stages["document"] += time.perf_counter() - t0
            words += read_json(out / f"{doc}.tokens.json")["word_tokens"]
    return words, stages


def route_regex(files: Sequence[Path], settings: dict) -> tuple[int, dict]:
    """The regex-only tokenizer: the practical speed limit."""
    words = 0
    for path in files:
        words += len(WORD.findall(path.read_text(encoding="utf-8")))
    return words, {}


_SPACY = {}


def route_spacy(files: Sequence[Path], settings: dict) -> tuple[int, dict]:
    """spaCy blank("nb") tokenizer, simplemma per token, spaCy's stopword flags."""
    import simplemma
    import spacy

    nlp = _SPACY.get("nb")
    if nlp is None:
        nlp = _SPACY["nb"] = spacy.blank("nb")
    words = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        lemmas, stops = [], []
        for doc in nlp.tokenizer.pipe(text.split("\n\n")):
            for token in doc:
                if token.is_space or token.is_punct:
                    continue
                word = token.lower_
                if HAS_LETTER.search(word):
                    words += 1
                    lemmas.append(simplemma.lemmatize(word, lang=("nb", "nn")))
                else:
                    lemmas.append(word)
                stops.append(token.is_stop)
    return words, {}


def route_pypdf(files: Sequence[Path], settings: dict) -> tuple[int, dict]:
    """pypdf's ``extract_text`` on every page of the PDFs, in this process: the engine
    ordskifte used before PDFium, and the library a short script would use."""
    import pypdf

    words = 0
    for path in files:
        for page in pypdf.PdfReader(path).pages:
            words += len(WORD.findall(page.extract_text()))
    return words, {}


ROUTES = {
    "ordskifte": route_ordskifte,
    "regex": route_regex,
    "spacy": route_spacy,
    "pypdf": route_pypdf,
}


def preprocess_worker(spec: dict) -> dict:
    """Run in a child process pinned to one CPU: time the routes in ``spec['routes']``."""
    cpu = pin_to_one_cpu()
    settings = pipeline_settings()
    files = [Path(f) for f in spec["files"]]
    warmup = [Path(f) for f in spec["warmup"]]
    out: dict = {"cpu": cpu}
    for name in spec["routes"]:
        route = ROUTES[name]
        try:
            route(warmup, settings)
            times, stage_times, words = [], [], 0
            for _ in range(spec["repeats"]):
                clear_simplemma_cache()
                start = time.perf_counter()
                words, stages = route(files, settings)
                times.append(time.perf_counter() - start)
                stage_times.append(stages)
            best = min(range(len(times)), key=times.__getitem__)
            out[name] = {
                "seconds": [round(t, 4) for t in times],
                "best_seconds": times[best],
                "stages_seconds": {k: round(v, 4) for k, v in stage_times[best].items()},
                "route_word_tokens": words,
            }
        except ImportError as err:
            out[name] = {"skipped": f"{err.name or err} is not installed"}
        except Exception as err:  # noqa: BLE001 - reported in results.json
            out[name] = {"error": f"{type(err).__name__}: {err}"}
    return out


def run_worker(routes: Sequence[str], files, warmup, repeats: int) -> dict:
    spec = {"routes": list(routes), "files": [str(f) for f in files], "repeats": repeats}
    spec["warmup"] = [str(f) for f in warmup]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--worker", json.dumps(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join(result.stderr.splitlines()[-15:])
        return {name: {"error": f"worker failed: {tail}"} for name in routes}
    return json.loads(result.stdout.splitlines()[-1])


def measure_preprocessing(tmp: Path, *, n_tokens: int, repeats: int, seed: int) -> dict:
    log(f"\n== Preprocessing on one core: {n_tokens:,} tokens, best of {repeats}")
    corpus_dir = tmp / "preprocess"
    small = n_tokens < 20_000
    doc_tokens = (max(100, n_tokens // 3), max(100, n_tokens // 2)) if small else None
    info = write_scale_corpus(corpus_dir, n_tokens, seed=seed, doc_tokens=doc_tokens)
    files = sorted((corpus_dir / "scale").glob("*.txt"))
    warm_dir = tmp / "preprocess-warmup"
    write_scale_corpus(warm_dir, 2_000, seed=seed + 1, doc_tokens=(2_000, 2_000))
    warmup = sorted((warm_dir / "scale").glob("*.txt"))
    routes: dict = {}
    for group in (("ordskifte",), ("regex",), ("spacy",)):
        routes.update(run_worker(group, files, warmup, repeats))
    cpu = routes.pop("cpu", None)
    words = info["tokens"]
    for entry in routes.values():
        if "best_seconds" in entry:
            entry["tokens_per_second"] = words / entry["best_seconds"]
    ours = routes.get("ordskifte", {}).get("tokens_per_second")
    ratios = {}
    for other in ("spacy", "regex"):
        theirs = routes.get(other, {}).get("tokens_per_second")
        ratios[f"ordskifte_vs_{other}"] = ours / theirs if ours and theirs else None
    log(f"{'route':<18}{'tokens/s':>14}{'best s':>10}  stages (s)")
    for name, entry in routes.items():
        if "tokens_per_second" in entry:
            stages = ", ".join(f"{k} {v:.2f}" for k, v in entry["stages_seconds"].items())
            log(
                f"{name:<18}{entry['tokens_per_second']:>14,.0f}"
                f"{entry['best_seconds']:>10.2f}  {stages}"
            )
        else:
            log(f"{name:<18}{entry.get('skipped') or entry.get('error')}")
    for name, value in ratios.items():
        log(f"{name}: {'n/a' if value is None else f'{value:.2f}x'}")
    return {
        "text": {k: v for k, v in info.items() if k != "doc_ids"},
        "word_tokens": words,
        "repeats": repeats,
        "cpu": cpu,
        "routes": routes,
        "ratios": ratios,
    }


# --------------------------------------------------------------------------- document jobs
def pdf_of_lines(lines: Sequence[str], *, lines_per_page: int = 50) -> bytes:
    """A text-layer PDF drawing ``lines``, ``lines_per_page`` to a page (tests/pdfmaker.py)."""
    from tests.pdfmaker import minimal_pdf

    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return minimal_pdf([list(page) for page in pages])


def wrapped_lines(text: str, *, width: int = 85) -> list[str]:
    """``text`` as the lines of a printed page: paragraphs wrapped at ``width`` characters,
    a blank line between them, only characters Helvetica's WinAnsi encoding has."""
    import textwrap

    safe = text.encode("cp1252", "replace").decode("cp1252")
    lines: list[str] = []
    for paragraph in safe.split("\n\n"):
        wrapped = textwrap.wrap(
            " ".join(paragraph.split()), width, break_long_words=False, break_on_hyphens=False
        )
        if wrapped:
            lines += [*wrapped, ""]
    return lines


def write_document_corpus(folder: Path, *, n_tokens: int, pdf_pages: int, seed: int) -> dict:
    """One synthetic text document of ``n_tokens`` tokens (``text``), a text-layer PDF of
    ``pdf_pages`` pages (``pdf``) and the same lines as a text file (``pdf-text``), with
    their manifest; returns ``{name: path}``."""
    import pandas as pd

    from ordskifte.io import write_tsv
    from tests.synthetic.scale import scale_corpus

    corpus = scale_corpus(n_tokens, seed=seed, doc_tokens=(n_tokens, n_tokens), id_prefix="text")
    per_page = 50
    # about 11 words a line: draw enough text for the pages, then keep exactly those pages
    drawn = pdf_pages * per_page * 12
    pdf_source = scale_corpus(drawn, seed=seed + 1, doc_tokens=(drawn, drawn), id_prefix="pdf")
    lines: list[str] = []
    for doc_id in pdf_source.manifest["doc_id"]:
        lines += wrapped_lines(pdf_source.text(doc_id))
        if len(lines) >= pdf_pages * per_page:
            break
    lines = lines[: pdf_pages * per_page]
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "text": folder / "text.txt",
        "pdf": folder / "report.pdf",
        "pdf-text": folder / "report.txt",
    }
    (doc_id,) = corpus.manifest["doc_id"]
    files["text"].write_text(corpus.text(doc_id), encoding="utf-8", newline="\n")
    files["pdf"].write_bytes(pdf_of_lines(lines, lines_per_page=per_page))
    files["pdf-text"].write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    rows = []
    for name, path in files.items():
        row = corpus.manifest.iloc[0].copy()
        row["doc_id"], row["file"] = name, path.name
        rows.append(row)
    write_tsv(pd.DataFrame(rows), folder / "documents.tsv")
    return files


def document_job_seconds(workdir: Path, doc: str) -> float:
    """Wall time of all the jobs of one document, process start included: the sum of its
    benchmark files (``benchmarks/<rule>/<doc>.tsv``, column ``s``), whatever the rules."""
    import pandas as pd

    paths = sorted((workdir / "benchmarks").glob(f"*/{doc}.tsv"))
    if not paths:
        raise RuntimeError(f"no benchmark files of document {doc} in {workdir}")
    return float(sum(pd.read_csv(p, sep="\t")["s"].iloc[-1] for p in paths))


def run_document_jobs(
    workdir: Path, docs: Sequence[str], *, repeats: int, timeout: float, checkout: Path
) -> dict:
    """Run the per-document jobs of ``docs`` one at a time (``--cores 1``) with the workflow
    of ``checkout``, ``repeats`` times each (outputs removed in between); best seconds and
    the word tokens each document's token record counts."""
    from ordskifte.io import read_json

    env = dict(os.environ)
    if checkout != ROOT:  # that checkout's package, not the installed one
        env["PYTHONPATH"] = str(checkout)
    command = [
        "-s",
        str(checkout / "Snakefile"),
        "--directory",
        str(workdir),
        "--configfile",
        str(checkout / "config.yaml"),
    ]
    config = ["--config", "manifest=corpus/documents.tsv"]
    lexicons = [f"results/lexicon/simplemma_{lang}.tsv" for lang in ("nb", "nn")]

    def snakemake(*targets: str, cores: int) -> None:
        """Targets first: ``--configfile`` takes every argument up to the next option."""
        args = [*targets, "--cores", str(cores)]
        done = subprocess.run(
            [str(SNAKEMAKE), *args, *command, *config],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
            raise RuntimeError(f"snakemake {' '.join(args)} failed in {workdir}:\n{tail}")

    snakemake(*lexicons, cores=2)
    out: dict = {}
    for doc in docs:
        times = []
        for _ in range(repeats):
            for path in [
                *(workdir / "results").glob(f"*/{doc}.*"),
                *(workdir / "benchmarks").glob(f"*/{doc}.tsv"),
            ]:
                path.unlink()
            snakemake(f"results/counts/{doc}.parquet", cores=1)
            times.append(document_job_seconds(workdir, doc))
        words = read_json(workdir / "results" / "tokens" / f"{doc}.json")["word_tokens"]
        out[doc] = {"seconds": times, "best_seconds": min(times), "word_tokens": words}
    return out


def word_differences(workdir: Path, a: str, b: str) -> dict:
    """Word tokens (lowercase, with a letter) of documents ``a`` and ``b``'s token tables
    compared as multisets: how many each has, and how many of each are not in the other."""
    from collections import Counter

    import pandas as pd

    words = {}
    for doc in (a, b):
        tokens = pd.read_parquet(workdir / "results" / "tokens" / f"{doc}.parquet")["token"]
        words[doc] = Counter(t for t in tokens if HAS_LETTER.search(t))
    only_a, only_b = words[a] - words[b], words[b] - words[a]
    return {
        f"{a}_words": sum(words[a].values()),
        f"{b}_words": sum(words[b].values()),
        f"only_in_{a}": sum(only_a.values()),
        f"only_in_{b}": sum(only_b.values()),
        f"examples_only_in_{a}": [w for w, _ in only_a.most_common(5)],
        f"examples_only_in_{b}": [w for w, _ in only_b.most_common(5)],
    }


def measure_document_jobs(
    tmp: Path,
    *,
    n_tokens: int,
    pdf_pages: int,
    repeats: int,
    seed: int,
    timeout: float,
    baseline: Path | None = None,
) -> dict:
    """The per-document jobs the workflow runs, timed by its own benchmark files (process
    start included), next to the peers in one process pinned to one core: spaCy + simplemma
    on the text document, pypdf's ``extract_text`` on the PDF. With ``baseline`` (another
    checkout), its workflow runs the same documents in the same session, for a before/after."""
    log(
        f"\n== Document jobs: a {n_tokens:,}-token text document and a {pdf_pages}-page PDF, "
        f"best of {repeats}"
    )
    corpus = tmp / "documents" / "corpus"
    files = write_document_corpus(corpus, n_tokens=n_tokens, pdf_pages=pdf_pages, seed=seed)
    warm = tmp / "documents-warmup"
    warm.mkdir(parents=True)
    (warm / "warm.txt").write_text("Dette er en kort tekst om selvhjelp.\n", encoding="utf-8")
    (warm / "warm.pdf").write_bytes(pdf_of_lines(["Dette er en kort tekst om selvhjelp."]))
    peers = run_worker(("spacy",), [files["text"]], [warm / "warm.txt"], repeats)
    peers.update(run_worker(("pypdf",), [files["pdf"]], [warm / "warm.pdf"], repeats))
    peers.pop("cpu", None)
    checkouts = {"ordskifte": ROOT, **({"baseline": baseline} if baseline else {})}
    runs = {}
    for name, checkout in checkouts.items():
        workdir = tmp / "documents" / name
        shutil.copytree(corpus, workdir / "corpus")
        runs[name] = run_document_jobs(
            workdir, list(files), repeats=repeats, timeout=timeout, checkout=checkout
        )
    text_words = runs["ordskifte"]["text"]["word_tokens"]
    spacy = peers.get("spacy", {}).get("best_seconds")
    pypdf = peers.get("pypdf", {}).get("best_seconds")
    figures: dict = {}
    for name, run in runs.items():
        text_seconds, pdf_seconds = run["text"]["best_seconds"], run["pdf"]["best_seconds"]
        figures[name] = {
            "text_tokens_per_second": text_words / text_seconds,
            "text_vs_spacy": spacy / text_seconds if spacy else None,
            "pdf_pages_per_second": pdf_pages / pdf_seconds,
            "pdf_vs_pypdf": pypdf / pdf_seconds if pypdf else None,
        }
    words = word_differences(tmp / "documents" / "ordskifte", "pdf", "pdf-text")
    log(f"{'':<12}{'text tokens/s':>15}{'vs spaCy':>10}{'PDF s':>8}{'vs pypdf':>10}")
    for name, fig in figures.items():
        log(
            f"{name:<12}{fig['text_tokens_per_second']:>15,.0f}"
            f"{fmt(fig['text_vs_spacy'], 'x'):>10}{runs[name]['pdf']['best_seconds']:>8.2f}"
            f"{fmt(fig['pdf_vs_pypdf'], 'x'):>10}"
        )
    if spacy:
        log(f"spaCy + simplemma in one process: {text_words / spacy:,.0f} tokens/s")
    if pypdf:
        log(f"pypdf extract_text in one process: {pypdf:.2f} s for {pdf_pages} pages")
    log(
        f"words of the PDF vs its text version: {words['pdf_words']:,} vs "
        f"{words['pdf-text_words']:,}, {words['only_in_pdf']} only in the PDF, "
        f"{words['only_in_pdf-text']} only in the text"
    )
    return {
        "text_tokens": text_words,
        "pdf_pages": pdf_pages,
        "repeats": repeats,
        "peers": peers,
        "runs": runs,
        "figures": figures,
        "baseline": str(baseline) if baseline else None,
        "pdf_words_vs_text": words,
    }


# --------------------------------------------------------------------------- workflow runs
def snakemake_command(
    workdir: Path, cores: int, *options: str, configfiles: Sequence[Path] = ()
) -> list[str]:
    """The checkout's workflow in ``workdir`` on ``corpus/documents.tsv`` (--config last),
    with ``configfiles`` over the checkout's config.yaml."""
    return [
        str(SNAKEMAKE),
        "-s",
        str(SNAKEFILE),
        "--directory",
        str(workdir),
        "--cores",
        str(cores),
        *options,
        "--configfile",
        str(CONFIGFILE),
        *(str(c) for c in configfiles),
        "--config",
        "manifest=corpus/documents.tsv",
    ]


class TreeMemory(threading.Thread):
    """Sample the summed RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = 0
        self.peak_processes = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = count = 0
            for proc in procs:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    total += proc.memory_info().rss
                    count += 1
            self.samples += 1
            if total > self.peak_rss:
                self.peak_rss, self.peak_processes = total, count
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_monitored(command: list[str], *, cwd: Path, log_path: Path, timeout: float) -> dict:
    """Run ``command`` with its output in ``log_path``; wall time and peak tree RSS."""
    load = list(os.getloadavg())
    start = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        monitor = TreeMemory(proc.pid)
        monitor.start()
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        seconds = time.perf_counter() - start
        monitor.stop()
    return {
        "seconds": round(seconds, 3),
        "returncode": proc.returncode,
        "timed_out": timed_out,
        "peak_rss_bytes": monitor.peak_rss,
        "peak_rss_processes": monitor.peak_processes,
        "rss_samples": monitor.samples,
        "load_average_before": load,
    }


def parse_job_stats(text: str) -> dict[str, int]:
    """The first "Job stats:" table of a Snakemake log: rule -> job count (without total)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "Job stats:":
            stats = {}
            for row in lines[i + 3 :]:
                parts = row.split()
                if len(parts) != 2 or not parts[1].isdigit():
                    break
                if parts[0] != "total":
                    stats[parts[0]] = int(parts[1])
            return stats
    return {}


JOB_HEADER = re.compile(r"^\s*(?:local)?(?:rule|checkpoint) (\w+):\s*$")
WILDCARDS = re.compile(r"^\s+wildcards: (.*)$")


def parse_jobs(text: str) -> list[dict]:
    """Every job a Snakemake log announces: its rule and wildcards."""
    jobs: list[dict] = []
    for line in text.splitlines():
        header = JOB_HEADER.match(line)
        if header:
            jobs.append({"rule": header.group(1), "wildcards": {}})
            continue
        wildcards = WILDCARDS.match(line)
        if wildcards and jobs and not jobs[-1]["wildcards"]:
            for pair in wildcards.group(1).split(", "):
                key, _, value = pair.partition("=")
                jobs[-1]["wildcards"][key.strip()] = value.strip()
    return jobs


def summarise_rule_benchmarks(workdir: Path, *, since: float = 0.0) -> dict:
    """Per stage folder of ``benchmarks/``: jobs, summed and largest wall time, largest RSS.

    Only the files written after ``since`` (a ``time.time()``) count: the jobs of a rerun.
    """
    import pandas as pd

    stages: dict = {}
    slowest = []
    for path in sorted((workdir / "benchmarks").rglob("*.tsv")):
        if path.stat().st_mtime < since:
            continue
        try:
            row = pd.read_csv(path, sep="\t").iloc[-1]
        except (ValueError, IndexError, pd.errors.ParserError):
            continue
        stage = path.relative_to(workdir / "benchmarks").parts[0]
        seconds = float(row.get("s", 0.0))
        rss = row.get("max_rss", float("nan"))
        rss = float(rss) if str(rss) not in ("-", "nan", "NA") else 0.0
        entry = stages.setdefault(
            stage, {"jobs": 0, "seconds_total": 0.0, "seconds_max": 0.0, "max_rss_mb": 0.0}
        )
        entry["jobs"] += 1
        entry["seconds_total"] = round(entry["seconds_total"] + seconds, 3)
        entry["seconds_max"] = round(max(entry["seconds_max"], seconds), 3)
        entry["max_rss_mb"] = round(max(entry["max_rss_mb"], rss), 1)
        slowest.append(
            {"job": str(path.relative_to(workdir / "benchmarks")), "seconds": seconds, "rss": rss}
        )
    slowest.sort(key=lambda j: -j["seconds"])
    return {"stages": stages, "slowest_jobs": slowest[:8]}


def pipeline_tokens(workdir: Path) -> int | None:
    """Tokens the pipeline counted (``tokens`` of results/corpus/summary.tsv), if there."""
    import pandas as pd

    path = workdir / "results" / "corpus" / "summary.tsv"
    try:
        return int(pd.read_csv(path, sep="\t", keep_default_na=False)["tokens"].sum())
    except (OSError, KeyError, ValueError):
        return None


def workflow_run(
    name: str,
    workdir: Path,
    *,
    cores: int,
    timeout: float,
    tokens: int | None,
    label: str,
    configfiles: Sequence[Path] = (),
) -> dict:
    log(f"-- {label}: snakemake --cores {cores} ...")
    run = run_monitored(
        snakemake_command(workdir, cores, configfiles=configfiles),
        cwd=workdir,
        log_path=workdir / f"snakemake-{name}.log",
        timeout=timeout,
    )
    text = (workdir / f"snakemake-{name}.log").read_text(encoding="utf-8", errors="replace")
    run["job_stats"] = parse_job_stats(text)
    run["jobs_run"] = len(parse_jobs(text))
    if tokens:
        run["seconds_per_million_tokens"] = round(run["seconds"] / (tokens / 1e6), 3)
    if run["returncode"] != 0:
        tail = text.replace(str(workdir), "<workdir>").replace(str(ROOT), "<checkout>")
        run["log_tail"] = tail.splitlines()[-40:]
    log(
        f"   {run['seconds']:.1f} s, peak RSS {run['peak_rss_bytes'] / GB:.2f} GB, "
        f"{run['jobs_run']} jobs, exit {run['returncode']}"
    )
    return run


def end_to_end(
    tmp: Path,
    millions: float,
    *,
    seed: int,
    cores: int,
    timeout: float,
    configfiles: Sequence[Path] = (),
) -> dict:
    name = size_name(millions)
    workdir = tmp / f"e2e-{name}"
    workdir.mkdir(parents=True)
    n_tokens = int(round(millions * 1e6))
    log(f"\n== End to end, {name} tokens")
    info = write_scale_corpus(workdir / "corpus", n_tokens, seed=seed)
    log(
        f"   corpus: {info['documents']} documents, {info['tokens']:,} tokens, "
        f"{info['bytes'] / 1e6:.1f} MB, generated in {info['generate_seconds']:.1f} s"
    )
    run = workflow_run(
        name,
        workdir,
        cores=cores,
        timeout=timeout,
        tokens=info["tokens"],
        label=name,
        configfiles=configfiles,
    )
    run["rules"] = summarise_rule_benchmarks(workdir)
    corpus = {k: v for k, v in info.items() if k != "doc_ids"}
    corpus["tokens_counted_by_pipeline"] = pipeline_tokens(workdir)
    entry = {"name": name, "corpus": corpus, **run}
    return entry


def bundled_run(tmp: Path, *, cores: int, timeout: float) -> dict:
    workdir = tmp / "bundled"
    workdir.mkdir(parents=True)
    shutil.copytree(BUNDLED_CORPUS, workdir / "corpus")
    log("\n== End to end, bundled corpus")
    run = workflow_run(
        "bundled", workdir, cores=cores, timeout=timeout, tokens=None, label="bundled"
    )
    run["rules"] = summarise_rule_benchmarks(workdir)
    docs = len((workdir / "corpus" / "documents.tsv").read_text(encoding="utf-8").splitlines()) - 1
    tokens = pipeline_tokens(workdir)
    if tokens:
        run["seconds_per_million_tokens"] = round(run["seconds"] / (tokens / 1e6), 3)
    return {"name": "bundled", "corpus": {"documents": docs, "tokens": tokens}, **run}


def rerun_after_adding(
    tmp: Path, base: dict, *, seed: int, cores: int, timeout: float, doc_tokens: int
) -> dict:
    workdir = tmp / f"e2e-{base['name']}"
    log(f"\n== Adding one document ({doc_tokens:,} tokens) to the {base['name']} corpus")
    doc_id = add_document(workdir / "corpus", n_tokens=doc_tokens, seed=seed + 7919)
    dry = subprocess.run(
        snakemake_command(workdir, cores, "--dry-run"),
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    planned = parse_job_stats(dry.stdout + dry.stderr)
    since = time.time()
    run = workflow_run("rerun", workdir, cores=cores, timeout=timeout, tokens=None, label="rerun")
    run["rules"] = summarise_rule_benchmarks(workdir, since=since)
    text = (workdir / "snakemake-rerun.log").read_text(encoding="utf-8", errors="replace")
    jobs = parse_jobs(text)
    per_document = sorted({j["rule"] for j in jobs if DOC_WILDCARD in j["wildcards"]})
    other_docs = sorted(
        {
            j["wildcards"][DOC_WILDCARD]
            for j in jobs
            if j["wildcards"].get(DOC_WILDCARD, doc_id) != doc_id
        }
    )
    aggregates: dict[str, int] = {}
    for job in jobs:
        if DOC_WILDCARD not in job["wildcards"]:
            aggregates[job["rule"]] = aggregates.get(job["rule"], 0) + 1
    share = run["seconds"] / base["seconds"] if base.get("seconds") else None
    only_new = bool(jobs) and not other_docs and run["returncode"] == 0
    log(f"   per-document jobs ran for: {', '.join(per_document) or 'none'} ({doc_id})")
    log(f"   other documents touched: {', '.join(other_docs) or 'none'}")
    log(f"   corpus-wide jobs: {', '.join(f'{k} {v}' for k, v in sorted(aggregates.items()))}")
    return {
        "base": base["name"],
        "added_doc_id": doc_id,
        "added_tokens": doc_tokens,
        "dry_run_job_stats": planned,
        "per_document_rules": per_document,
        "other_documents_touched": other_docs,
        "aggregate_jobs": aggregates,
        "only_new_document_and_aggregates": only_new,
        "share_of_full_run": share,
        **run,
    }


# --------------------------------------------------------------------------- targets
def targets(results: dict) -> list[dict]:
    pre = results["preprocessing"] or {}
    ours = pre.get("routes", {}).get("ordskifte", {}).get("tokens_per_second")
    ratios = pre.get("ratios", {})
    runs = {r["name"]: r for r in results["end_to_end"]}
    four, ten = runs.get("4M", {}), runs.get("10M", {})
    rerun = results["rerun"] or {}
    bundled = results["bundled"] or {}

    def ok(run: dict, key: str):
        return run.get(key) if run.get("returncode") == 0 else None

    documents = ((results.get("documents") or {}).get("figures") or {}).get("ordskifte", {})
    one = runs.get("1M", {})
    rows = [
        ("preprocessing tokens/s (one core)", ours, ">=", 1.5e6, "tokens/s"),
        ("preprocessing vs spaCy route", ratios.get("ordskifte_vs_spacy"), ">=", 2.0, "x"),
        ("preprocessing vs regex limit", ratios.get("ordskifte_vs_regex"), ">=", 1 / 3, "x"),
        (
            "text document, all its jobs, tokens/s",
            documents.get("text_tokens_per_second"),
            ">=",
            1.5e6,
            "tokens/s",
        ),
        ("text document jobs vs spaCy route", documents.get("text_vs_spacy"), ">=", 2.0, "x"),
        ("PDF, all its jobs, vs pypdf extract_text", documents.get("pdf_vs_pypdf"), ">=", 2.0, "x"),
        ("1M end to end wall time", ok(one, "seconds"), "<=", 60.0, "s"),
        ("4M end to end wall time", ok(four, "seconds"), "<=", 180.0, "s"),
        ("4M end to end peak RSS", ok(four, "peak_rss_bytes"), "<=", 2 * GB, "bytes"),
        (
            "10M time / 4M time",
            ok(ten, "seconds") / ok(four, "seconds")
            if ok(ten, "seconds") and ok(four, "seconds")
            else None,
            "<=",
            2.6,
            "x",
        ),
        (
            f"add-one-document rerun / full {rerun.get('base', '4M')} run",
            rerun.get("share_of_full_run") if rerun.get("returncode") == 0 else None,
            "<=",
            0.2,
            "x",
        ),
        (
            "rerun touches only the new document + aggregates",
            rerun.get("only_new_document_and_aggregates"),
            "==",
            True,
            "",
        ),
        ("bundled corpus end to end", ok(bundled, "seconds"), "<=", 60.0, "s"),
    ]
    out = []
    for name, value, op, target, unit in rows:
        if value is None:
            status = None
        elif op == ">=":
            status = value >= target
        elif op == "<=":
            status = value <= target
        else:
            status = value == target
        out.append(
            {"name": name, "value": value, "op": op, "target": target, "unit": unit, "pass": status}
        )
    return out


def fmt(value, unit: str) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if unit == "bytes":
        return f"{value / GB:.2f} GB"
    if unit == "tokens/s":
        return f"{value / 1e6:.2f} M/s"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.1f} {unit}".strip()


def print_summary(results: dict) -> None:
    if results["end_to_end"] or results["bundled"]:
        log(f"\n{'corpus':<9}{'docs':>6}{'tokens':>13}{'wall s':>9}{'peak RSS':>11}{'s/M tok':>9}")
        for run in [*results["end_to_end"], *([results["bundled"]] if results["bundled"] else [])]:
            if "seconds" not in run:
                continue
            corpus = run.get("corpus", {})
            tokens = f"{corpus['tokens']:,}" if corpus.get("tokens") else "-"
            per_m = run.get("seconds_per_million_tokens")
            log(
                f"{run['name']:<9}{corpus.get('documents', '-'):>6}{tokens:>13}"
                f"{run['seconds']:>9.1f}{run['peak_rss_bytes'] / GB:>9.2f}GB"
                f"{'-' if per_m is None else f'{per_m:.1f}':>9}"
                + ("" if run["returncode"] == 0 else f"  FAILED (exit {run['returncode']})")
            )
    log(f"\n{'figure':<52}{'value':>13}  {'target':<14}result")
    for row in results["targets"]:
        status = "n/a" if row["pass"] is None else "PASS" if row["pass"] else "FAIL"
        target = f"{row['op']} {fmt(row['target'], row['unit'])}"
        log(f"{row['name']:<52}{fmt(row['value'], row['unit']):>13}  {target:<14}{status}")


# --------------------------------------------------------------------------- main
def size_name(millions: float) -> str:
    return f"{millions:g}M"


def parse_sizes(text: str) -> list[float]:
    try:
        sizes = [float(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--sizes takes millions of tokens separated by commas, e.g. 1,4,10; got {text!r}"
        ) from None
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"--sizes must be positive numbers, got {text!r}")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark ordskifte (preprocessing speed, whole workflow, reruns).",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="harness check: a 0.2 M-token corpus end to end and a small preprocessing text; "
        "no rerun (unless --rerun-size 0.2) and no bundled-corpus run; results to a "
        "temporary file unless --output",
    )
    parser.add_argument("--sizes", type=parse_sizes, help="corpus sizes, millions of tokens")
    parser.add_argument(
        "--rerun-size", type=float, help="corpus to add one document to (default 4; quick: none)"
    )
    parser.add_argument("--output", type=Path, help=f"results file (default {DEFAULT_OUTPUT.name})")
    parser.add_argument("--cores", type=int, default=2, help="snakemake --cores (default 2)")
    parser.add_argument("--seed", type=int, default=20190626, help="synthetic corpus seed")
    parser.add_argument("--repeats", type=int, help="preprocessing repeats (default 3, quick 2)")
    parser.add_argument(
        "--preprocess-tokens", type=int, help="preprocessing text size (default 1 M, quick 40 k)"
    )
    parser.add_argument(
        "--document-tokens", type=int, help="text document of the document jobs (1 M, quick 40 k)"
    )
    parser.add_argument("--pdf-pages", type=int, help="pages of the PDF (default 600, quick 20)")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (e.g. main) whose document jobs run on the same documents in "
        "the same session, for a before/after",
    )
    parser.add_argument(
        "--documents-only",
        action="store_true",
        help="only the preprocessing comparison and the document jobs (no workflow runs)",
    )
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled corpus run")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds allowed per workflow run"
    )
    parser.add_argument("--workdir", type=Path, help="where the runs go (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep the run folders")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target FAILs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = [0.2] if args.quick else [1.0, 4.0, 10.0]
    if args.rerun_size is None and not args.quick:
        args.rerun_size = 4.0
    if args.documents_only:
        args.sizes, args.rerun_size, args.no_bundled = [], None, True
    if args.repeats is None:
        args.repeats = 2 if args.quick else 3
    if args.document_tokens is None:
        args.document_tokens = 40_000 if args.quick else 1_000_000
    if args.pdf_pages is None:
        args.pdf_pages = 20 if args.quick else 600
    if args.preprocess_tokens is None:
        args.preprocess_tokens = 40_000 if args.quick else 1_000_000
    if args.output is None:
        args.output = (
            Path(tempfile.gettempdir()) / "ordskifte-benchmark-quick.json"
            if args.quick
            else DEFAULT_OUTPUT
        )
    return args


def write_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        print(json.dumps(preprocess_worker(json.loads(args.worker))))
        return 0

    results: dict = dict.fromkeys(RESULT_KEYS)
    results.update(
        schema=SCHEMA,
        mode="quick" if args.quick else "full",
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        command=["benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])],
        machine=machine_info(),
        settings={
            "sizes_million_tokens": args.sizes,
            "rerun_size_million_tokens": args.rerun_size,
            "cores": args.cores,
            "seed": args.seed,
            "repeats": args.repeats,
            "preprocess_tokens": args.preprocess_tokens,
            "document_tokens": args.document_tokens,
            "pdf_pages": args.pdf_pages,
            "baseline": str(args.baseline) if args.baseline else None,
            "rss_sample_seconds": 0.2,
        },
        end_to_end=[],
        errors=[],
    )
    machine = results["machine"]
    log(
        f"ordskifte benchmark ({results['mode']}): {machine['cpu_model']}, "
        f"{machine['cpus_usable']} CPUs, {machine['ram_bytes'] / GB:.1f} GB RAM, "
        f"Python {machine['python']}, commit {str(machine['git']['commit'])[:10]}, "
        f"load {machine['load_average_at_start'][0]:.2f}"
    )
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="ordskifte-bench-", dir=args.workdir))
    quick_config: list[Path] = []
    if args.quick:  # a harness check: the workflow without its topic stage (minutes saved)
        quick_config.append(tmp / "quick-config.yaml")
        quick_config[0].write_text("topics:\n  enabled: false\n", encoding="utf-8")
    try:
        results["preprocessing"] = measure_preprocessing(
            tmp, n_tokens=args.preprocess_tokens, repeats=args.repeats, seed=args.seed
        )
        write_results(results, args.output)
        results["documents"] = measure_document_jobs(
            tmp,
            n_tokens=args.document_tokens,
            pdf_pages=args.pdf_pages,
            repeats=args.repeats,
            seed=args.seed,
            timeout=args.timeout,
            baseline=args.baseline.resolve() if args.baseline else None,
        )
        write_results(results, args.output)
        for millions in args.sizes:
            run = end_to_end(
                tmp,
                millions,
                seed=args.seed,
                cores=args.cores,
                timeout=args.timeout,
                configfiles=quick_config,
            )
            results["end_to_end"].append(run)
            write_results(results, args.output)
            if run["returncode"] != 0:
                results["errors"].append(f"end to end {run['name']}: exit {run['returncode']}")
        base = next(
            (
                r
                for r in results["end_to_end"]
                if args.rerun_size and r["name"] == size_name(args.rerun_size)
            ),
            None,
        )
        if args.documents_only:
            results["rerun"] = {"skipped": "--documents-only"}
        elif args.rerun_size is None:
            results["rerun"] = {"skipped": "--quick (give --rerun-size 0.2 to add it)"}
        elif base is None:
            results["rerun"] = {"skipped": f"no {size_name(args.rerun_size)} corpus in --sizes"}
        elif base["returncode"] != 0:
            results["rerun"] = {"skipped": f"the {base['name']} run failed"}
        else:
            doc_tokens = 20_000 if args.quick else 60_000
            results["rerun"] = rerun_after_adding(
                tmp,
                base,
                seed=args.seed,
                cores=args.cores,
                timeout=args.timeout,
                doc_tokens=doc_tokens,
            )
            if results["rerun"]["returncode"] != 0:
                results["errors"].append(f"rerun: exit {results['rerun']['returncode']}")
        if args.quick or args.no_bundled:
            skipped = "--quick" if args.quick else "--no-bundled"
            results["bundled"] = {"skipped": "--documents-only" if args.documents_only else skipped}
        else:
            results["bundled"] = bundled_run(tmp, cores=args.cores, timeout=args.timeout)
            if results["bundled"]["returncode"] != 0:
                results["errors"].append(f"bundled: exit {results['bundled']['returncode']}")
    except Exception as err:  # noqa: BLE001 - reported, and results so far are kept
        results["errors"].append(f"{type(err).__name__}: {err}")
        raise
    finally:
        for name, entry in (results["preprocessing"] or {}).get("routes", {}).items():
            if "error" in entry:
                results["errors"].append(f"preprocessing {name}: {entry['error']}")
        results["targets"] = targets(results)
        results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        write_results(results, args.output)
        if args.keep:
            log(f"\nrun folders kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print_summary(results)
    log(f"\nresults written to {args.output}")
    if results["errors"]:
        log("errors:\n  " + "\n  ".join(results["errors"]))
        return 2
    if args.strict and any(row["pass"] is False for row in results["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
