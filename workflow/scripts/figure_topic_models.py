"""Rule `figure_topic_models`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import model_figures  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: model_figures(
        list(sm.input.selections),
        list(sm.input.topic_terms),
        periods=sm.params.periods,
        titles=sm.params.titles,
        n=sm.params.n,
        coherence_out=(sm.output.coherence_png, sm.output.coherence_svg),
        topic_terms_out=list(
            zip(sm.output.topic_terms_png, sm.output.topic_terms_svg, strict=True)
        ),
    ),
)
