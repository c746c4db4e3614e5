"""ordskifte: reproducible text mining of Norwegian policy documents.

The package holds the pipeline's logic as pure functions; the Snakemake rules in
``workflow/`` are thin adapters around it.

Importing the package chooses the C library's ``malloc`` for Arrow's buffers
(``ARROW_DEFAULT_MEMORY_POOL=system``) unless the variable is already set. Arrow reads the
variable once, when pyarrow is first imported, and every rule job imports this package
before pyarrow (so does the Snakemake process, whose jobs inherit the variable). Arrow's own
allocator (mimalloc in pyarrow 26, jemalloc before) hands large freed buffers back to the
operating system at once, so the next buffer of a job that builds or reads million-row
columns is fresh memory, faulted in and zeroed page by page: a million-token document job
spent 1.3 s of its 5.6 s in the kernel, against 0.3 s of 4.6 s with ``malloc``
(benchmarks/README.md). The allocator changes no result; set the variable to ``mimalloc`` or
``jemalloc`` to choose another.
"""

import os

os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

__version__ = "0.1.0"
