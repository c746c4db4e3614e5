"""Rule `figure_topic_terms`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import topic_terms_figure  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: topic_terms_figure(
        sm.input[0],
        title=sm.params.title,
        n=sm.params.n,
        png=sm.output.png,
        svg=sm.output.svg,
    ),
)
