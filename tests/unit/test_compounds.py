"""The decompounder on real compounds of the bundled corpus (simplemma's Bokmål lexicon), on
words that must not split, and the compound audit table."""

from __future__ import annotations

import pandas as pd
import pytest

from ordskifte.semantic.compounds import AUDIT_COLUMNS, compound_audit
from ordskifte.text.compounds import Decompounder, Split, compound_role, simplemma_decompounder
from ordskifte.text.patterns import compile_patterns


@pytest.fixture(scope="module")
def nb() -> Decompounder:
    return simplemma_decompounder(("nb",))


@pytest.mark.parametrize(
    ("word", "modifier", "link", "head"),
    [
        ("selvhjelpsgrupper", "selvhjelp", "s", "gruppe"),
        ("selvhjelpsgruppene", "selvhjelp", "s", "gruppe"),
        ("folkehelsearbeid", "folkehelse", "", "arbeid"),
        ("brukerorganisasjonene", "bruker", "", "organisasjon"),
        ("frivillighetssentralene", "frivillighet", "s", "sentral"),
        ("stortingsmelding", "storting", "s", "melding"),
        ("definisjonsmakt", "definisjon", "s", "makt"),  # the link first: not "smakt"
        ("erfaringskompetanse", "erfaring", "s", "kompetanse"),
        ("helsesektor", "helse", "", "sektor"),
        ("selvhjelpssaken", "selvhjelp", "s", "sak"),
        ("hjemmeside", "hjemme", "", "side"),  # not hjemme-s-ide
        ("førersete", "fører", "", "sete"),
    ],
)
def test_real_compounds_split_into_modifier_and_head(nb, word, modifier, link, head):
    assert nb.split(word) == Split(modifier, link, head)


@pytest.mark.parametrize(
    "word",
    [
        "menneske",  # not menn + eske: "menn" is an inflected form, not a modifier
        "organisasjon",
        "kommune",
        "sentral",
        "gruppe",
        "arbeid",
        "frivillig",
        "helse",
        "samfunn",
        "departement",
        "psykisk",
    ],
)
def test_simple_words_do_not_split(nb, word):
    assert nb.split(word) is None
    assert nb.parts(word) == (word,)


def test_parts_too_short_are_never_used():
    table = {"hel": "hel", "se": "se", "helse": "helse", "arbeid": "arbeid", "sak": "sak"}
    d = Decompounder.from_table(table)
    assert d.split("helse") is None
    assert d.parts("helsearbeid") == ("helse", "arbeid")
    assert d.parts("helsessak") == ("helse", "sak")  # a three-letter head after a link
    assert d.split("helsesak") is None  # ... but not without one (it could be an ending)
    assert Decompounder.from_table(table, min_part=2, min_head=2).split("helse") == Split(
        "hel", "", "se"
    )


def test_compound_role():
    d = Decompounder.from_table({"selvhjelp": "selvhjelp", "gruppe": "gruppe"})
    assert compound_role("selvhjelp", "selvhjelp", d) == "exact"
    assert compound_role("selvhjelpsgruppe", "selvhjelp", d) == "modifier"
    assert compound_role("selvhjelpsgruppe", "gruppe", d) == "head"
    assert compound_role("selvhjelpsx", "selvhjelp", d) == "prefix"
    assert compound_role("gruppe", "selvhjelp", d) == ""
    d = Decompounder.from_table(
        {
            "selvhjelp": "selvhjelp",
            "gruppe": "gruppe",
            "selvhjelpsgruppe": "selvhjelpsgruppe",
            "arbeid": "arbeid",
        }
    )
    assert compound_role("selvhjelpsgruppearbeid", "selvhjelp", d) == "modifier"
    assert compound_role("selvhjelpsgruppearbeid", "gruppe", d) == "modifier"


def test_compound_audit_counts_hits_and_documents_per_period():
    d = Decompounder.from_table(
        {
            "selvhjelp": "selvhjelp",
            "gruppe": "gruppe",
            "helse": "helse",
            "arbeid": "arbeid",
            "frivillighet": "frivillighet",
            "sentral": "sentral",
        }
    )
    patterns = compile_patterns(
        {
            "selvhjelp": ["selvhjelp*"],
            "psykisk_helse": ["psykisk helse*"],
            "frivillig": ["frivillig*", "frivillighet*"],
        }
    )
    hits = pd.DataFrame(
        [
            ("selvhjelp", "p1", "d1", "selvhjelpsgruppe"),
            ("selvhjelp", "p1", "d2", "selvhjelpsgruppe"),
            ("selvhjelp", "p1", "d2", "selvhjelp"),
            ("selvhjelp", "p1", "d2", "selvhjelp"),
            ("selvhjelp", "p1", "d2", "selvhjelp"),
            ("selvhjelp", "p0", "d0", "selvhjelpsx"),
            ("psykisk_helse", "p1", "d1", "psykisk_helsearbeid"),
            ("frivillig", "p1", "d1", "frivillighetssentral"),
        ],
        columns=["name", "period", "doc_id", "word"],
    )
    table = compound_audit(hits, patterns, d, period_order=["p0", "p1"])
    assert list(table.columns) == list(AUDIT_COLUMNS)
    assert table.values.tolist() == [
        [
            "frivillig",
            "p1",
            "frivillighetssentral",
            1,
            1,
            "frivillighet",
            "s",
            "sentral",
            "modifier",
        ],
        ["psykisk_helse", "p1", "psykisk_helsearbeid", 1, 1, "helse", "", "arbeid", "modifier"],
        ["selvhjelp", "p0", "selvhjelpsx", 1, 1, "", "", "", "prefix"],
        ["selvhjelp", "p1", "selvhjelp", 3, 1, "", "", "", "exact"],
        ["selvhjelp", "p1", "selvhjelpsgruppe", 2, 2, "selvhjelp", "s", "gruppe", "modifier"],
    ]
    empty = compound_audit(hits.iloc[0:0], patterns, d, period_order=["p1"])
    assert list(empty.columns) == list(AUDIT_COLUMNS) and not len(empty)
