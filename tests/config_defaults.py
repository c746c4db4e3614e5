"""The defaults shipped in config.yaml, copied here so that a user editing config.yaml does
not change what the tests expect (shared by the tokenizer tests and the property tests)."""

from ordskifte.text.patterns import compile_patterns

CONFIG_VARIANTS = {"sjølhjelp": "selvhjelp", "likemannsarbeid": "likepersonsarbeid"}
CONFIG_CONCEPTS = compile_patterns(
    {
        "frivillig": ["frivillig*", "frivillighet*"],
        "psykisk_helse": ["psykisk helse*", "psykiske helse*"],
        "folkehelse": ["folkehelse*"],
    }
)
CONFIG_TARGETS = compile_patterns({"selvhjelp": ["selvhjelp*", "sjølhjelp*"]})
CONFIG_EXTRA_STOPWORDS = ["al", "jf", "kap", "nr", "s", "f", "bl", "mv", "ca"]
