"""Unit tests for ordskifte.actors.mentions: alias matching on real sentences, and mention tables.

The sentences are from the bundled corpus (resources/corpus/sections/*.txt and excerpts/*.txt,
line-break hyphens joined as the clean step does); they are tokenized and lemmatized by the
real tokenizer, so the tests see what the workflow sees. The actor list is the one shipped in
config.yaml, copied in ACTORS so that a user editing config.yaml does not change the tests.
"""

import pandas as pd
import pytest

from ordskifte.actors.mentions import (
    compile_alias,
    find_mentions,
    mention_grid,
    mention_rates,
    parse_actors,
    type_shares,
)
from ordskifte.text.tokenize import Normaliser, ParagraphIn, tokenize_document, tokens_frame

LEMMA = Normaliser("lemma")

ACTORS = [
    {"name": "Angstringen", "type": "civil_society", "aliases": ["Angstringen"]},
    {
        "name": "Studiesenteret for selvhjelp",
        "type": "civil_society",
        "aliases": ["Studiesenteret for selvhjelp", "Studiesenter"],
    },
    {"name": "Selvhjelp på norsk", "type": "civil_society", "aliases": ["Selvhjelp på norsk"]},
    {
        "name": "Frivillighetssentraler",
        "type": "civil_society",
        "aliases": ["frivillighetssentral*", "frivilligsentral*", "frivillig(hets)sentral*"],
    },
    {
        "name": "Norsk selvhjelpsforum",
        "type": "civil_society",
        "aliases": ["Norsk selvhjelpsforum", "NSF"],
    },
    {"name": "Selvhjelp Norge", "type": "civil_society", "aliases": ["Selvhjelp Norge"]},
    {"name": "Mental Helse", "type": "user_organisation", "aliases": ["Mental Helse"]},
    {
        "name": "FFO",
        "type": "user_organisation",
        "aliases": ["Funksjonshemmedes Fellesorganisasjon", "FFO"],
    },
    {
        "name": "Brukerorganisasjoner",
        "type": "user_organisation",
        "aliases": ["brukerorganisasjon*"],
    },
    {"name": "På egne vegne", "type": "user_organisation", "aliases": ["På egne vegne"]},
    {
        "name": "Nasjonalt egenkraftsenter",
        "type": "user_organisation",
        "aliases": ["Nasjonalt egenkraftsenter", "egenkraftsenter*", "NEKS"],
    },
    {
        "name": "Sosial- og helsedepartementet",
        "type": "state",
        "aliases": ["Sosial- og helsedepartementet"],
    },
    {
        "name": "Sosial- og helsedirektoratet",
        "type": "state",
        "aliases": ["Sosial- og helsedirektoratet"],
    },
    {"name": "Helsedirektoratet", "type": "state", "aliases": ["Helsedirektoratet"]},
    {"name": "Stortinget", "type": "parliament", "aliases": ["Stortinget"]},
]
COMPILED = parse_actors(ACTORS)


def tokens(*paragraphs: str) -> pd.DataFrame:
    """Token table of Bokmål paragraphs, as the tokenize step writes it."""
    table = tokenize_document(
        [ParagraphIn(index=i, text=t, page=None, language="nb") for i, t in enumerate(paragraphs)],
        normaliser=LEMMA,
        stopwords={"nb": frozenset()},
    )
    return tokens_frame(table)


def mentions(*paragraphs: str) -> list[tuple[str, str]]:
    found = find_mentions(tokens(*paragraphs), COMPILED)
    return list(zip(found["actor"], found["match"], strict=True))


# --- matching on real sentences -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            # sections/feiring-2019-3: a name and its abbreviation side by side are one mention
            "Dette statlige initiativet leder til samarbeidsgruppa «På egne vegne», med "
            "deltakere fra Mental Helse, Funksjonshemmedes Fellesorganisasjon (FFO) og "
            "Angstringen – i tillegg til flere offentlige og profesjonelle aktører.",
            [
                ("På egne vegne", "På egne vegne"),
                ("Mental Helse", "Mental Helse"),
                ("FFO", "Funksjonshemmedes Fellesorganisasjon FFO"),
                ("Angstringen", "Angstringen"),
            ],
            id="user-organisations",
        ),
        pytest.param(
            # sections/feiring-2019-4: genitive of a proper name
            "Planen blir senere gjentatt, men nå som Helsedirektoratets egen plan.",
            [("Helsedirektoratet", "Helsedirektoratets")],
            id="genitive",
        ),
        pytest.param(
            # sections/feiring-2019-2: genitive, and the compound in parentheses
            "Sitatet fra Frivillighetsmeldingen stammer fra Angstringens "
            "erfaringsspredningsprosjekt. De nyopprettede frivillig(hets)sentralene skal "
            "spre kunnskap.",
            [
                ("Angstringen", "Angstringens"),
                ("Frivillighetssentraler", "frivillig hets sentralene"),
            ],
            id="compound-in-parentheses",
        ),
        pytest.param(
            # sections/feiring-2019-2: inflected and compound forms
            "Etter at det statlige Studiesenterets prosjektperiode er over, organiserer "
            "frivillighetssentraler, kommuner og menigheter seminarene Selvhjelp på norsk.",
            [
                ("Studiesenteret for selvhjelp", "Studiesenterets"),
                ("Frivillighetssentraler", "frivillighetssentraler"),
                ("Selvhjelp på norsk", "Selvhjelp på norsk"),
            ],
            id="inflection-and-compounds",
        ),
        pytest.param(
            # the longest alias wins over its prefix
            "I 1992 opprettes Studiesenteret for selvhjelp under ledelse av Sosialhøgskolen.",
            [("Studiesenteret for selvhjelp", "Studiesenteret for selvhjelp")],
            id="longest-alias",
        ),
        pytest.param(
            # sections/feiring-2019-2: a multi-word state body, split as the text is split
            "Der står det følgende (Sosial- og helsedepartementet, 1993, kap 3.6).",
            [("Sosial- og helsedepartementet", "Sosial og helsedepartementet")],
            id="hyphenated-name",
        ),
        pytest.param(
            # nou-1998-18: generic user organisations, in the plural definite
            "Brukerorganisasjonene skal ha en sentral plass i senteret.",
            [("Brukerorganisasjoner", "Brukerorganisasjonene")],
            id="prefix-any-case",
        ),
        pytest.param(
            # abbreviation: capitals only, also as the first part of a compound
            "NSF-styret og NEKS møttes, men nsf er ikke et navn.",
            [("Norsk selvhjelpsforum", "NSF-styret"), ("Nasjonalt egenkraftsenter", "NEKS")],
            id="abbreviations",
        ),
        pytest.param(
            # sections/feiring-2019-1: the parliament in the genitive; a white paper is not it
            "Denne ordvekslingen fra Stortingets talerstol viser at selvhjelp står i "
            "stortingsmeldingen.",
            [("Stortinget", "Stortingets")],
            id="parliament",
        ),
    ],
)
def test_actors_are_found_in_corpus_sentences(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sections/feiring-2019-3: the field, not the organisation
        "Aktører fra arbeid med mental helse er ikke lenger med i samarbeidet.",
        # "helse" alone is not Mental Helse
        "Selvhjelp handler om helse og livskvalitet.",
        # a sentence end between the two words of a name
        "Han er mental. Helse er viktig.",
        # "selvhjelp i Norge" is not Selvhjelp Norge, "norsk selvhjelp" not Norsk selvhjelpsforum
        "Om selvhjelp i Norge og norsk selvhjelp.",
        # a lowercase abbreviation is a word
        "Det var ffo og nsf.",
        # sections/feiring-2019-2: a direktorat is not a departement
        "Nasjonal plan for selvhjelp ble utarbeidet av Sosial- og helsedirektoratet.",
    ],
)
def test_near_misses_do_not_match(text):
    found = [actor for actor, _ in mentions(text)]
    assert "Mental Helse" not in found
    assert "Selvhjelp Norge" not in found
    assert "Norsk selvhjelpsforum" not in found
    assert "FFO" not in found
    assert "Sosial- og helsedepartementet" not in found


def test_mentions_record_position_and_stay_in_one_sentence():
    table = tokens("Mental. Helse er bra.", "Vi møtte Angstringen.")
    found = find_mentions(table, COMPILED)
    assert found[["actor", "paragraph", "sentence", "start", "end"]].values.tolist() == [
        ["Angstringen", 1, 2, 6, 7]  # sentences are numbered through the document
    ]
    assert found["page"].tolist() == [""]


def test_no_tokens_or_no_actors_give_an_empty_table():
    assert find_mentions(tokens(), COMPILED).empty
    assert find_mentions(tokens("Angstringen"), []).empty


# --- aliases and the actor list -----------------------------------------------------------


def test_alias_words_and_their_rules():
    assert [
        (w.text, w.prefix, w.capital, w.abbreviation) for w in compile_alias("Mental Helse")
    ] == [
        ("mental", False, True, False),
        ("helse", False, False, False),
    ]
    assert [(w.text, w.prefix) for w in compile_alias("frivillig(hets)sentral*")] == [
        ("frivillig", False),
        ("hets", False),
        ("sentral", True),
    ]
    assert [(w.text, w.abbreviation) for w in compile_alias("NSF")] == [("NSF", True)]


@pytest.mark.parametrize("alias", ["", "  ", "sel*vhjelp", "***", "(FFO)*x"])
def test_malformed_alias_is_rejected(alias):
    with pytest.raises(ValueError, match="invalid alias"):
        compile_alias(alias)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"name": "", "type": "state", "aliases": ["X"]}], "give the actor a `name`"),
        (
            [{"name": "A", "type": "state", "aliases": ["A"]}] * 2,
            "entry 2 \\(A\\): the name 'A' is used twice",
        ),
        ([{"name": "A", "type": "church", "aliases": ["A"]}], "type 'church' is not one of"),
        ([{"name": "A", "type": "state", "aliases": []}], "list at least one alias"),
        ([{"name": "A", "type": "state", "aliases": ["a*b"]}], "entry 1 \\(A\\): invalid alias"),
    ],
)
def test_bad_actor_entries_name_the_entry(entries, message):
    with pytest.raises(ValueError, match=message):
        parse_actors(entries)


# --- mention tables -----------------------------------------------------------------------

DOCS = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "period_used": ["p1", "p1", "p2", ""],
        "year": ["1990", "1991", "2005", "2019"],
    }
).set_index("doc_id", drop=False)
DOC_TOKENS = pd.Series({"a": 1000, "b": 3000, "c": 2000, "d": 500})
SMALL = parse_actors(
    [
        {"name": "Angstringen", "type": "civil_society", "aliases": ["Angstringen"]},
        {"name": "Helsedirektoratet", "type": "state", "aliases": ["Helsedirektoratet"]},
    ]
)
FOUND = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c", "d"],
        "actor": ["Angstringen", "Angstringen", "Angstringen", "Helsedirektoratet", "Angstringen"],
    }
)


def test_mention_grid_has_a_row_for_every_document_and_actor():
    grid = mention_grid(FOUND, DOC_TOKENS, DOCS, SMALL)
    assert len(grid) == 8
    rows = grid.set_index(["actor", "doc_id"])["count"].to_dict()
    assert rows == {
        ("Angstringen", "a"): 2,
        ("Angstringen", "b"): 1,
        ("Angstringen", "c"): 0,
        ("Angstringen", "d"): 1,
        ("Helsedirektoratet", "a"): 0,
        ("Helsedirektoratet", "b"): 0,
        ("Helsedirektoratet", "c"): 1,
        ("Helsedirektoratet", "d"): 0,
    }


def test_mention_grid_leaves_out_documents_without_tokens():
    grid = mention_grid(FOUND, DOC_TOKENS.replace({500: 0}), DOCS, SMALL)
    assert "d" not in set(grid["doc_id"])


def test_mention_rates_per_period():
    grid = mention_grid(FOUND, DOC_TOKENS, DOCS, SMALL)
    rates = mention_rates(grid, by="period", order=["p2", "p1"], iterations=200, seed=1)
    got = rates[["actor", "period", "count", "per_10k", "n_docs", "n_tokens", "group_docs"]]
    assert got.values.tolist() == [
        ["Angstringen", "p2", 0, 0.0, 0, 2000, 1],
        ["Angstringen", "p1", 3, 7.5, 2, 4000, 2],  # 10,000 * 3 / 4,000; doc d has no period
        ["Helsedirektoratet", "p2", 1, 5.0, 1, 2000, 1],
        ["Helsedirektoratet", "p1", 0, 0.0, 0, 4000, 2],
    ]
    assert (rates["type"] == ["civil_society"] * 2 + ["state"] * 2).all()
    # one document in p2: no interval (resampling one document says nothing)
    assert rates.loc[2, ["ci_low", "ci_high"]].isna().all()
    p1 = rates.loc[1]
    assert p1["ci_low"] <= p1["per_10k"] <= p1["ci_high"]
    again = mention_rates(grid, by="period", order=["p2", "p1"], iterations=200, seed=1)
    pd.testing.assert_frame_equal(rates, again)


def test_mention_rates_per_year_include_undated_periods():
    grid = mention_grid(FOUND, DOC_TOKENS, DOCS, SMALL)
    rates = mention_rates(grid, by="year", iterations=50, seed=1)
    assert rates[rates["actor"] == "Angstringen"][["year", "count"]].values.tolist() == [
        [1990, 2],
        [1991, 1],
        [2005, 0],
        [2019, 1],
    ]


def test_type_shares_sum_to_one_per_period_with_mentions():
    grid = mention_grid(FOUND, DOC_TOKENS, DOCS, SMALL)
    shares = type_shares(grid, order=["p1", "p2", "p3"])
    assert len(shares) == 3 * 5
    by = shares.set_index(["period", "type"])
    assert by.loc[("p1", "civil_society"), "share"] == 1.0
    assert by.loc[("p2", "state"), "count"] == 1
    assert shares.groupby("period")["share"].sum().to_dict() == {"p1": 1.0, "p2": 1.0, "p3": 0.0}


def _brute_force(words, form, token, lemma):
    """What FirstWords replaces: every word tested."""
    return {w for w in words if w.matches(form, token, lemma)}


def test_first_words_by_look_up_equal_testing_every_word():
    """FirstWords.matching finds exactly the words Word.matches accepts, for the shipped
    dictionary's alias words (whole, prefix, capital and abbreviation words) on every word
    of the bundled corpus and on near misses built around each alias word."""
    from pathlib import Path

    import yaml

    from ordskifte.actors.mentions import INFLECTIONS, FirstWords
    from ordskifte.text.words import TOKEN

    root = Path(__file__).resolve().parents[2]
    shipped = yaml.safe_load((root / "resources" / "actors.yaml").read_text(encoding="utf-8"))
    actors = [*parse_actors(shipped["actors"]), *parse_actors(ACTORS)]
    words = {w for actor in actors for alias in actor.aliases for w in alias}
    kinds = {(w.prefix, w.capital, w.abbreviation) for w in words}
    assert {(True, False, False), (False, True, False), (False, False, True)} <= kinds
    index = FirstWords(words)
    triples = set()
    for path in sorted((root / "resources" / "corpus").rglob("*.txt")):
        for form in set(TOKEN.findall(path.read_text(encoding="utf-8"))):
            triples.add((form, form.lower(), LEMMA(form.lower(), "nb")))
    for w in words:
        for stem in (w.text, w.text[:-1], w.text + "x"):
            for end in [*INFLECTIONS, "s", "'s", "-styret", "-x-y", "ene"]:
                form = stem + end
                for variant in (form, form.capitalize(), form.upper()):
                    triples.add((variant, variant.lower(), variant.lower()))
                    triples.add((variant, variant.lower(), stem.lower()))
    hits = 0
    for triple in sorted(triples):
        expected = _brute_force(words, *triple)
        assert index.matching(*triple) == expected, triple
        hits += bool(expected)
    assert hits > 100  # the comparison covers matches, not only misses
