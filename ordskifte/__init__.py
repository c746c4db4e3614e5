"""ordskifte: reproducible text mining of Norwegian policy documents.

The package holds the pipeline's logic as pure functions; the Snakemake rules in
``workflow/`` are thin adapters around it.
"""

__version__ = "0.1.0"
