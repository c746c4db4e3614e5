"""The figure modules load without seaborn and scipy: each figure job is a new process that
pays its imports (seaborn brings scipy.stats, about 1 s; scipy.special 0.1-0.2 s), so only
the two heatmaps import seaborn, when they draw."""

from __future__ import annotations

import subprocess
import sys

FIGURE_MODULES = (
    "ordskifte.actors.figures",
    "ordskifte.semantic.figures",
    "ordskifte.tables.figures",
    "ordskifte.topics.figures",
)


def test_figure_modules_import_neither_seaborn_nor_scipy():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in FIGURE_MODULES)
        + "print(sorted({m.split('.')[0] for m in sys.modules} & {'seaborn', 'scipy'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
