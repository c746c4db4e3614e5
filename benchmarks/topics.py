"""Benchmark the topic stage's choice of k on planted corpora: is the planted k found?

Run it from the repository's folder as a module::

    .venv/bin/python -m benchmarks.topics            # every shape, 3 corpora each (~15 min)
    .venv/bin/python -m benchmarks.topics --quick    # 3 small shapes, 1 corpus: seconds

For each shape of :data:`tests.synthetic.planted.PLANTED_SHAPES` (``QUICK_SHAPES`` with
``--quick``) and each corpus (seeds ``--seed``, ``--seed + 1``, ...), every period's documents
are cut into segments by the workflow's own :func:`ordskifte.topics.segments.make_segments`
(the planted words are the lemmas), and the topic stage's step
:func:`ordskifte.topics.steps.topic_model_step` runs on them with the topic settings of
``config.yaml``, twice: with the configured choice of k (``topics.k_criterion``) and with
``k_criterion=u_mass``, the choice by u_mass coherence alone that the stage used before.
Each run's chosen k is compared with the planted k, and its topics are matched one to one
with the planted ones on the kept vocabulary (:func:`tests.synthetic.planted.match_topics`):
a planted topic is *recovered* when its fitted partner has cosine >= 0.9 or at least 9 of
its top 10 terms among the planted topic's top 10. The time is the step's wall time.

It prints one row per shape and method: planted k, the chosen k of every period model,
the share of models with the planted k, the share of planted topics recovered (all models,
and models with the planted k), the mean matched cosine, and the seconds per model; then
the totals. ``--output`` writes the same as JSON (each row with the bound of every k). The
exit status is 0 when everything ran. ``--methods`` picks the runs: ``configured``,
``u_mass``, ``independent`` (the bound with every k fitted from scratch).

``--stage-time FOLDER [--against REV]`` times the topic stage instead: ``topic_model_step``
on every segment table in FOLDER (e.g. a run's ``results/segments``), each model in a
process of its own, with this checkout and, side by side, the git revision REV (exported
with ``git archive``; its own package and ``config.yaml``)::

    .venv/bin/python -m benchmarks.topics --stage-time <run>/results/segments --against ba43aff
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = (
    "model_selection",
    "topic_terms",
    "stability",
    "representative",
    "segment_topics",
    "topic_term",
)
RECOVERED_COSINE = 0.9
RECOVERED_TOP_SHARE = 0.9


def topic_settings(config_path: Path = ROOT / "config.yaml") -> dict:
    """The keyword arguments of ``topic_model_step`` that the workflow takes from config
    (keys that a config does not have are left out: an older checkout's config)."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    t = config["topics"]
    optional = {
        name: t[key]
        for name, key in (
            ("k_criterion", "k_criterion"),
            ("k_tolerance", "k_tolerance"),
            ("k_search", "k_search"),
            ("merge_passes", "merge_passes"),
            ("max_fit_segments", "max_fit_segments"),
        )
        if key in t
    }
    return {
        "engine": t["engine"],
        "grid": list(range(t["k_min"], t["k_max"] + 1)),
        "seed": config["seed"],
        "n_seeds": t["seeds"],
        "fit": {
            "passes": t["passes"],
            "iterations": t["iterations"],
            "eval_every": t["eval_every"],
            "restarts": t["restarts"],
            "chunksize": t["chunksize"],
        },
        "min_df": t["min_df"],
        "max_share": t["max_share"],
        "phrases": t["phrases"],
        "coherence_measure": t["coherence"],
        "min_segments_per_topic": t["min_segments_per_topic"],
        "top_terms": t["top_terms"],
        "stability_threshold": t["stability_threshold"],
        **optional,
        "segment_tokens": t["segment_tokens"],
    }


def run_model(segments: pd.DataFrame, folder: Path, *, name: str, settings: dict) -> dict:
    """Run the topic stage's step on one period's segments; its choice, topics and time."""
    from ordskifte.io import write_parquet
    from ordskifte.topics.steps import read_topic_term, topic_model_step

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "segments.parquet"
    write_parquet(segments, path)
    outputs = {
        n: str(folder / f"{n}.{'parquet' if n in ('segment_topics', 'topic_term') else 'tsv'}")
        for n in OUTPUTS
    }
    options = {k: v for k, v in settings.items() if k != "segment_tokens"}
    start = time.perf_counter()
    topic_model_step(str(path), name=name, outputs=outputs, **options)
    seconds = time.perf_counter() - start
    selection = pd.read_csv(outputs["model_selection"], sep="\t")
    chosen = int(selection.loc[selection["chosen"].astype(str) == "True", "k"].iloc[0])
    terms = pd.read_csv(outputs["topic_terms"], sep="\t")
    degenerate = (
        int(terms.drop_duplicates("topic")["degenerate"].astype(str).eq("True").sum())
        if "degenerate" in terms.columns
        else 0
    )
    bounds = {
        int(k): round(float(b), 6)
        for k, b in zip(selection["k"], selection["bound"], strict=True)
        if pd.notna(b)
    }
    return {
        "chosen_k": chosen,
        "bounds": bounds,
        "topic_term": read_topic_term(outputs["topic_term"]),
        "degenerate": degenerate,
        "seconds": seconds,
    }


def time_stage_here(folder: Path, *, config_path: Path) -> list[dict]:
    """Time ``topic_model_step`` on every ``*.parquet`` segment table in ``folder``, one
    model after the other in this process, with the settings of ``config_path``.

    Whatever ``ordskifte`` this process imports is timed: :func:`stage_time` runs it with
    another checkout first on ``PYTHONPATH``. Only the options that that version's step
    takes are passed. The times are the step's wall and CPU seconds (imports excluded).
    """
    import inspect
    import logging

    from ordskifte.topics.steps import topic_model_step

    logging.getLogger("ordskifte").setLevel(logging.ERROR)
    accepted = set(inspect.signature(topic_model_step).parameters)
    settings = {k: v for k, v in topic_settings(config_path).items() if k in accepted}
    rows = []
    with tempfile.TemporaryDirectory(prefix="ordskifte-stage-") as tmp:
        for path in sorted(Path(folder).glob("*.parquet")):
            outputs = {
                n: str(Path(tmp) / f"{path.stem}-{n}.{'parquet' if n in OUTPUTS[4:] else 'tsv'}")
                for n in OUTPUTS
            }
            start, cpu = time.perf_counter(), time.process_time()
            topic_model_step(str(path), name=path.stem, outputs=outputs, **settings)
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu
            selection = pd.read_csv(outputs["model_selection"], sep="\t")
            chosen = selection.loc[selection["chosen"].astype(str) == "True", "k"]
            rows.append(
                {
                    "model": path.stem,
                    "seconds": round(seconds, 2),
                    "cpu_seconds": round(cpu_seconds, 2),
                    "k": int(chosen.iloc[0]) if len(chosen) else None,
                }
            )
    return rows


def stage_time(folder: Path, *, against: str | None, repeats: int = 1) -> list[dict]:
    """The topic stage's time on the segment tables in ``folder``: this checkout, and, with
    ``against``, the git revision ``against`` (exported to a temporary folder), side by side.

    Each model runs in a process of its own, the revision's first, then this checkout's,
    model after model, so that both meet the same load; each with its own version's
    ``config.yaml`` and package (through ``PYTHONPATH``) and the same Python environment.
    """
    import os
    import subprocess

    versions = {"this": ROOT}
    with tempfile.TemporaryDirectory(prefix="ordskifte-rev-") as tmp:
        if against:
            export = Path(tmp) / "rev"
            export.mkdir()
            archive = subprocess.run(
                ["git", "archive", against], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True)
            versions = {against: export, "this": ROOT}
        rows = []
        for path in sorted(Path(folder).glob("*.parquet")):
            one = Path(tmp) / "models" / path.stem / path.name  # a folder per model
            one.parent.mkdir(parents=True)
            one.symlink_to(path.resolve())
            for repeat in range(repeats):
                for version, checkout in versions.items():
                    env = {**os.environ, "PYTHONPATH": str(checkout)}
                    run = subprocess.run(
                        [
                            sys.executable,
                            str(Path(__file__).resolve()),
                            "--stage-time-worker",
                            str(one.parent),
                            "--config",
                            str(checkout / "config.yaml"),
                        ],
                        cwd=tmp,
                        env=env,
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                    if run.returncode != 0:
                        raise RuntimeError(f"{version} on {path.name}: {run.stderr[-2000:]}")
                    for row in json.loads(run.stdout.splitlines()[-1]):
                        rows.append({"version": version, "repeat": repeat, **row})
                        print(
                            f"{row['model']} {version}: {row['seconds']:.1f} s "
                            f"({row['cpu_seconds']:.1f} s CPU), k={row['k']}",
                            file=sys.stderr,
                            flush=True,
                        )
    return rows


def score(topic_term: pd.DataFrame, planted: pd.DataFrame) -> dict:
    """Match the fitted topics to the planted ones; the recovered share and mean cosine."""
    from tests.synthetic.planted import match_topics

    matched = match_topics(topic_term, planted)
    recovered = (matched["cosine"] >= RECOVERED_COSINE) | (
        matched["top_share"] >= RECOVERED_TOP_SHARE
    )
    return {
        "recovered": int(recovered.sum()),
        "planted": len(matched),
        "mean_cosine": float(matched["cosine"].mean()),
        "mean_top_share": float(matched["top_share"].mean()),
    }


def run_shape(shape, *, corpora: int, seed: int, methods: dict, tmp: Path) -> list[dict]:
    """Every corpus and period of one shape under every method."""
    from tests.synthetic.planted import PERIOD_NAMES_OF_SHAPES, period_segments, shape_corpus

    rows = []
    for c in range(corpora):
        corpus = shape_corpus(shape, seed=seed + c)
        for period in PERIOD_NAMES_OF_SHAPES[: shape.n_periods]:
            planted = corpus.topic_term
            for method, settings in methods.items():
                segments = period_segments(corpus, period, target_tokens=settings["segment_tokens"])
                result = run_model(
                    segments,
                    tmp / shape.name / f"{c}-{period}-{method}",
                    name=period,
                    settings=settings,
                )
                rows.append(
                    {
                        "shape": shape.name,
                        "corpus": c,
                        "period": period,
                        "method": method,
                        "planted_k": shape.k,
                        "chosen_k": result["chosen_k"],
                        "segments": len(segments),
                        "degenerate": result["degenerate"],
                        "seconds": round(result["seconds"], 3),
                        "bounds": result["bounds"],
                        **score(result["topic_term"], planted),
                    }
                )
    return rows


def summarise(rows: Sequence[dict]) -> pd.DataFrame:
    """One row per shape and method (and the totals per method)."""
    table = pd.DataFrame(rows)
    table["hit"] = table["chosen_k"] == table["planted_k"]
    table["share"] = table["recovered"] / table["planted"]

    def one(group: pd.DataFrame) -> pd.Series:
        hits = group[group["hit"]]
        return pd.Series(
            {
                "planted_k": str(sorted(set(group["planted_k"]))).strip("[]"),
                "chosen_k": " ".join(str(k) for k in group["chosen_k"]),
                "models": len(group),
                "k_right": group["hit"].mean(),
                "recovered": group["recovered"].sum() / group["planted"].sum(),
                "recovered_at_k": (
                    hits["recovered"].sum() / hits["planted"].sum() if len(hits) else float("nan")
                ),
                "mean_cosine": group["mean_cosine"].mean(),
                "degenerate": int(group["degenerate"].sum()),
                "s_per_model": group["seconds"].mean(),
            }
        )

    by_shape = table.groupby(["shape", "method"], sort=False).apply(one, include_groups=False)
    total = table.groupby("method", sort=False).apply(one, include_groups=False)
    total["chosen_k"] = "–"  # every model's k is in its shape's row
    total.index = pd.MultiIndex.from_tuples([("ALL", m) for m in total.index])
    return pd.concat([by_shape, total]).reset_index(names=["shape", "method"])


def format_summary(summary: pd.DataFrame) -> str:
    out = summary.copy()
    for col in ("k_right", "recovered", "recovered_at_k"):
        out[col] = out[col].map(lambda v: "–" if pd.isna(v) else f"{v:.0%}")
    out["mean_cosine"] = out["mean_cosine"].map("{:.3f}".format)
    out["s_per_model"] = out["s_per_model"].map("{:.1f}".format)
    return out.to_string(index=False)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 small shapes, 1 corpus each")
    parser.add_argument("--corpora", type=int, default=None, help="corpora per shape (3)")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (all)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the first corpus")
    parser.add_argument(
        "--methods",
        default="configured,u_mass",
        help="configured (config.yaml's k_criterion and k_search), u_mass, and/or independent "
        "(the bound with every k fitted from scratch)",
    )
    parser.add_argument("--output", type=Path, default=None, help="write the rows as JSON")
    parser.add_argument(
        "--stage-time",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="instead: time the topic stage on the segment tables (*.parquet) in FOLDER, "
        "e.g. a run's results/segments",
    )
    parser.add_argument(
        "--against", default=None, metavar="REV", help="with --stage-time: also this git revision"
    )
    parser.add_argument("--repeats", type=int, default=1, help="with --stage-time: runs of each")
    parser.add_argument("--stage-time-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, default=ROOT / "config.yaml", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def print_stage_time(rows: Sequence[dict]) -> None:
    """One line per model and version (the best of the repeats): wall and CPU seconds, then
    the totals. CPU seconds (the process's own) are the steadier figure on a busy machine."""
    table = pd.DataFrame(rows)
    best = table.groupby(["model", "version"], sort=False).agg(
        seconds=("seconds", "min"), cpu_seconds=("cpu_seconds", "min"), k=("k", "first")
    )
    wide = best["seconds"].unstack("version")
    cpu = best["cpu_seconds"].unstack("version").add_prefix("CPU ")
    wide = wide.join(cpu)
    wide.loc["total"] = wide.sum()
    ks = best["k"].unstack("version").astype("Int64").add_prefix("k ")
    print(wide.join(ks).astype(object).fillna("").to_string(float_format="{:.1f}".format))


def main(argv: Sequence[str] | None = None) -> int:
    import logging

    from tests.synthetic.planted import PLANTED_SHAPES, QUICK_SHAPES

    args = parse_args(argv)
    if args.stage_time_worker:
        print(json.dumps(time_stage_here(args.stage_time_worker, config_path=args.config)))
        return 0
    if args.stage_time:
        rows = stage_time(args.stage_time, against=args.against, repeats=args.repeats)
        print_stage_time(rows)
        if args.output:
            args.output.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
        return 0
    logging.getLogger("ordskifte").setLevel(logging.ERROR)
    shapes = QUICK_SHAPES if args.quick else PLANTED_SHAPES
    if args.shapes:
        wanted = set(args.shapes.split(","))
        shapes = [s for s in (*PLANTED_SHAPES, *QUICK_SHAPES) if s.name in wanted]
        if not shapes:
            print(f"no shape named {sorted(wanted)}", file=sys.stderr)
            return 2
    corpora = args.corpora or (1 if args.quick else 3)
    configured = topic_settings()
    methods = {}
    for method in args.methods.split(","):
        if method == "configured":
            methods[configured["k_criterion"]] = configured
        elif method == "u_mass":
            methods["u_mass"] = {**configured, "k_criterion": "u_mass"}
        elif method == "independent":
            methods["independent"] = {
                **configured,
                "k_criterion": "bound",
                "k_search": "independent",
            }
        else:
            print(f"unknown method {method!r}", file=sys.stderr)
            return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="ordskifte-topics-") as tmp:
        for shape in shapes:
            start = time.perf_counter()
            rows += run_shape(
                shape, corpora=corpora, seed=args.seed, methods=methods, tmp=Path(tmp)
            )
            print(f"{shape.name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    summary = summarise(rows)
    print(format_summary(summary))
    if args.output:
        args.output.write_text(
            json.dumps({"rows": rows, "summary": summary.to_dict("records")}, indent=1) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
