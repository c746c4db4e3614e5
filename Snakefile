# ordskifte: how a concept moves through Norwegian policy documents.
# This file is the table of contents; the rules live in workflow/rules/, the logic in
# the `ordskifte` package, the settings in config.yaml.
import os

from snakemake.utils import min_version

min_version("9.0")


# The config next to this file, also when run with --directory elsewhere;
# --configfile / --config override it.
configfile: os.path.join(workflow.basedir, "config.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/resources.smk"
include: "workflow/rules/targets.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/text.smk"
include: "workflow/rules/tables.smk"
include: "workflow/rules/semantic.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/actors.smk"
include: "workflow/rules/explorer.smk"


rule all:
    default_target: True
    input:
        all_outputs(),
