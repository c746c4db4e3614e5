"""Unit tests for ordskifte.text.tokenize: literal sentences in, literal token lists out.

Sentences are taken from the bundled corpus (resources/corpus/excerpts/*.txt and
resources/corpus/sections/*.txt, with the PDF line-break hyphens joined as the clean step
does); where the corpus has no example of a case (an exclamation mark, "O. E." initials,
"St.meld. nr. 25 (1996–97)"), the sentence is a close rewrite of a corpus sentence.
"""

from pathlib import Path

import pytest

from ordskifte.text.patterns import compile_patterns
from ordskifte.text.tokenize import (
    COLUMNS,
    Normaliser,
    ParagraphIn,
    read_stopwords,
    tokenize_document,
    tokenize_paragraph,
)
from tests.config_defaults import (
    CONFIG_CONCEPTS,
    CONFIG_EXTRA_STOPWORDS,
    CONFIG_TARGETS,
    CONFIG_VARIANTS,
)

ROOT = Path(__file__).resolve().parents[2]
NB_STOPWORDS = read_stopwords(ROOT / "resources/stopwords/nb.txt")
NN_STOPWORDS = read_stopwords(ROOT / "resources/stopwords/nn.txt")
STOPWORDS = {"nb": NB_STOPWORDS, "nn": NN_STOPWORDS}


# One instance per mode for the whole module: loading simplemma's dictionaries is the slow
# part, and the instances only cache results.
LEMMA = Normaliser("lemma")
LEMMA_VARIANTS = Normaliser("lemma", variants=CONFIG_VARIANTS)
NONE = Normaliser("none")


# --- tokenize_paragraph -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            # excerpts/nou-1998-18.txt: "bl.a." inside a sentence, then a real sentence end.
            "Forutsetningene for å realisere dette er bl.a. at det foregår samarbeid mellom "
            "brukerorganisasjoner, interessegrupper, selvhjelpsgrupper og Sosial- og "
            "helsedepartementet. Erfaringer hos brukerne, deres organisasjoner og grupper vil "
            "bli samlet og systematisert i det nasjonale senteret.",
            [
                ["Forutsetningene", "for", "å", "realisere", "dette", "er", "bl.a", "at", "det"]
                + ["foregår", "samarbeid", "mellom", "brukerorganisasjoner", "interessegrupper"]
                + ["selvhjelpsgrupper", "og", "Sosial", "og", "helsedepartementet"],
                ["Erfaringer", "hos", "brukerne", "deres", "organisasjoner", "og", "grupper"]
                + ["vil", "bli", "samlet", "og", "systematisert", "i", "det", "nasjonale"]
                + ["senteret"],
            ],
            id="bl.a.-does-not-end-sentence",
        ),
        pytest.param(
            # excerpts/nou-1998-18.txt: the hyphen inside "IT-løsninger" is kept.
            "Senterfunksjonene og funksjonelle IT-løsninger skal hjelpe til å fremme bruk av "
            "kunnskapene i møte med hjelpere, i organisasjonsutvikling og i "
            "kompetanseutviklingsarbeid.",
            [
                ["Senterfunksjonene", "og", "funksjonelle", "IT-løsninger", "skal", "hjelpe"]
                + ["til", "å", "fremme", "bruk", "av", "kunnskapene", "i", "møte", "med"]
                + ["hjelpere", "i", "organisasjonsutvikling", "og", "i"]
                + ["kompetanseutviklingsarbeid"],
            ],
            id="IT-løsninger",
        ),
        pytest.param(
            # sections/feiring-2019-1-innledning.txt: a number with a hyphenated suffix.
            "De første tiårene etter andre verdenskrig var det liten vekst innen "
            "selvhjelpsaktiviteter, med unntak av Anonyme Alkoholikere, som ble dannet på "
            "slutten av 1940-tallet.",
            [
                ["De", "første", "tiårene", "etter", "andre", "verdenskrig", "var", "det"]
                + ["liten", "vekst", "innen", "selvhjelpsaktiviteter", "med", "unntak", "av"]
                + ["Anonyme", "Alkoholikere", "som", "ble", "dannet", "på", "slutten", "av"]
                + ["1940-tallet"],
            ],
            id="1940-tallet",
        ),
        pytest.param(
            # sections/feiring-2019-1-innledning.txt: «quotes», ":" and the en dash in
            # "1996–97" are dropped; the numbers on either side stay as tokens.
            "Nøkkeltekstene er tre stortingsmeldinger: «Om frivillig arbeid» fra 1993–94, "
            "dernest «Åpenhet og helhet: Om psykisk lidelser og tjenestetilbudene» fra "
            "1996–97.",
            [
                ["Nøkkeltekstene", "er", "tre", "stortingsmeldinger", "Om", "frivillig"]
                + ["arbeid", "fra", "1993", "94", "dernest", "Åpenhet", "og", "helhet", "Om"]
                + ["psykisk", "lidelser", "og", "tjenestetilbudene", "fra", "1996", "97"],
            ],
            id="quotes-and-en-dash-dropped",
        ),
        pytest.param(
            # Rewrite of the sentence above with the report's number: "St.meld." and "nr."
            # are abbreviations, so the whole reference stays in one sentence.
            "Psykisk helsemelding er St.meld. nr. 25 (1996–97) om psykiske lidelser. Den kom "
            "i 1997.",
            [
                ["Psykisk", "helsemelding", "er", "St.meld", "nr", "25", "1996", "97", "om"]
                + ["psykiske", "lidelser"],
                ["Den", "kom", "i", "1997"],
            ],
            id="St.meld.-nr.-25-(1996–97)",
        ),
        pytest.param(
            # sections/feiring-2019-1-innledning.txt with "Odd Einar" shortened to initials.
            "Venstrepolitiker O. E. Dørum sier dette om selvhjelp i Stortinget i 2007.",
            [
                ["Venstrepolitiker", "O", "E", "Dørum", "sier", "dette", "om", "selvhjelp"]
                + ["i", "Stortinget", "i", "2007"],
            ],
            id="initials-O.-E.-Dørum",
        ),
        pytest.param(
            # sections/feiring-2019-5-konklusjon.txt: a question mark ends a sentence.
            "Kan den skiftende politiske legitimeringen av selvhjelpssaken ha hatt betydning "
            "for hvordan selvhjelp er blitt definert og selvhjelpsgruppa avgrenset? I den "
            "første perioden ble selvhjelp praktisert bredt blant aktivister, frivillige og det "
            "sosialfaglig orienterte Studiesenteret.",
            [
                ["Kan", "den", "skiftende", "politiske", "legitimeringen", "av"]
                + ["selvhjelpssaken", "ha", "hatt", "betydning", "for", "hvordan", "selvhjelp"]
                + ["er", "blitt", "definert", "og", "selvhjelpsgruppa", "avgrenset"],
                ["I", "den", "første", "perioden", "ble", "selvhjelp", "praktisert", "bredt"]
                + ["blant", "aktivister", "frivillige", "og", "det", "sosialfaglig"]
                + ["orienterte", "Studiesenteret"],
            ],
            id="question-mark",
        ),
        pytest.param(
            # excerpts/stortinget-2007-brustad.txt, first sentence ended with "!".
            "Sjølhjelp kan styrke evnen til å mestre eget liv! Mestring, deltakelse og "
            "brukermedvirkning er viktige mål i Opptrappingsplanen.",
            [
                ["Sjølhjelp", "kan", "styrke", "evnen", "til", "å", "mestre", "eget", "liv"],
                ["Mestring", "deltakelse", "og", "brukermedvirkning", "er", "viktige", "mål"]
                + ["i", "Opptrappingsplanen"],
            ],
            id="exclamation-mark",
        ),
        pytest.param(
            # excerpts/stortinget-2007-brustad.txt: æ, ø and å inside words.
            "Sjølhjelp kan styrke evnen til å mestre eget liv, øke livskvaliteten og bedre "
            "menneskers mulighet til å delta i samfunnet.",
            [
                ["Sjølhjelp", "kan", "styrke", "evnen", "til", "å", "mestre", "eget", "liv"]
                + ["øke", "livskvaliteten", "og", "bedre", "menneskers", "mulighet", "til", "å"]
                + ["delta", "i", "samfunnet"],
            ],
            id="æøå",
        ),
        pytest.param(
            # excerpts/selvhjelp-norge-2011.txt: the ellipsis "…" is dropped, the year kept.
            "Selvhjelp Norge ble etablert i april 2006 og er et sentralt virkemiddel i "
            "arbeidet med å nå målene i Nasjonal plan for selvhjelp. … Selvhjelp Norges "
            "visjon er at alle i Norge skal vite hva selvhjelp er.",
            [
                ["Selvhjelp", "Norge", "ble", "etablert", "i", "april", "2006", "og", "er"]
                + ["et", "sentralt", "virkemiddel", "i", "arbeidet", "med", "å", "nå"]
                + ["målene", "i", "Nasjonal", "plan", "for", "selvhjelp"],
                ["Selvhjelp", "Norges", "visjon", "er", "at", "alle", "i", "Norge", "skal"]
                + ["vite", "hva", "selvhjelp", "er"],
            ],
            id="ellipsis-and-year",
        ),
        pytest.param(
            # "osv." before a capitalised word does end the sentence (an abbreviation that can
            # close a sentence)
            "Det gjelder grupper, foreninger osv. Planen kom i 2004.",
            [["Det", "gjelder", "grupper", "foreninger", "osv"], ["Planen", "kom", "i", "2004"]],
            id="osv.-at-sentence-end",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("… – «»", [], id="punctuation-only"),
    ],
)
def test_tokenize_paragraph(text, expected):
    assert tokenize_paragraph(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Planen ble fulgt opp, jf. St.meld. nr. 63 (1997–98) om opptrappingsplanen.",
            [
                ["Planen", "ble", "fulgt", "opp", "jf", "St.meld", "nr", "63", "1997", "98"]
                + ["om", "opptrappingsplanen"],
            ],
            id="jf.-St.meld.",
        ),
        pytest.param(
            "Departementet samarbeider med brukerorganisasjoner, bl.a. Mental Helse og "
            "Angstringen.",
            [
                ["Departementet", "samarbeider", "med", "brukerorganisasjoner", "bl.a"]
                + ["Mental", "Helse", "og", "Angstringen"],
            ],
            id="bl.a.-Mental-Helse",
        ),
    ],
)
def test_tokenize_paragraph_abbreviation_before_capital(text, expected):
    assert tokenize_paragraph(text) == expected


# --- Normaliser -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "language", "lemma"),
    [
        ("selvhjelpsgruppene", "nb", "selvhjelpsgruppe"),
        ("organisasjonene", "nb", "organisasjon"),
        ("frivillige", "nb", "frivillig"),
        ("helsearbeidet", "nb", "helsearbeid"),
        ("brukerorganisasjonene", "nb", "brukerorganisasjon"),
        ("frivillighetssentralene", "nb", "frivillighetssentral"),
        ("meldingen", "nb", "melding"),
        ("stortingsmeldinger", "nb", "stortingsmelding"),
        # Nynorsk forms, lemmatized with the nn dictionary first (simplemma gives the
        # standard Nynorsk lemmas for all three).
        ("organisasjonane", "nn", "organisasjon"),
        ("tenestene", "nn", "teneste"),
        ("meldinga", "nn", "melding"),
        # Words without letters are returned unchanged.
        ("2003", "nb", "2003"),
    ],
)
def test_normaliser_lemma(word, language, lemma):
    assert LEMMA(word, language) == lemma


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("sjølhjelp", "selvhjelp"),
        ("sjølhjelpsgruppe", "selvhjelpsgruppe"),
        # lemmatized first (sjølhjelpsgruppene -> sjølhjelpsgruppe), then the variant applied
        ("sjølhjelpsgruppene", "selvhjelpsgruppe"),
        ("selvhjelp", "selvhjelp"),
        # the map is by prefix only: a key inside a word is left alone
        ("folkesjølhjelp", "folkesjølhjelp"),
    ],
)
def test_normaliser_variants(word, expected):
    normaliser = Normaliser("lemma", variants={"sjølhjelp": "selvhjelp"})
    assert normaliser(word, "nb") == expected


def test_normaliser_variants_longest_prefix_wins():
    normaliser = Normaliser("none", variants={"sjøl": "selv", "sjølhjelp": "egenhjelp"})
    assert [normaliser(w, "nb") for w in ("sjølhjelpen", "sjølstendig")] == [
        "egenhjelpen",
        "selvstendig",
    ]


@pytest.mark.parametrize(
    ("mode", "word", "expected"),
    [
        ("stem", "frivillige", "frivil"),  # Snowball: aggressive
        ("stem", "organisasjonene", "organisasjon"),
        ("stem", "2003", "2003"),
        ("none", "frivillige", "frivillige"),
        ("none", "helsearbeidet", "helsearbeidet"),
    ],
)
def test_normaliser_stem_and_none(mode, word, expected):
    assert Normaliser(mode)(word, "nb") == expected


@pytest.mark.parametrize("mode", ["lemmatize", "Lemma", "", "snowball"])
def test_normaliser_invalid_mode(mode):
    with pytest.raises(ValueError, match=r"normalise must be 'lemma', 'stem' or 'none'"):
        Normaliser(mode)


# --- read_stopwords ---------------------------------------------------------------------------


def test_read_stopwords(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_text("# a comment line\nOg\n\n  i  \nsom\n# og dette\n", encoding="utf-8")
    assert read_stopwords(path) == frozenset({"og", "i", "som"})


@pytest.mark.parametrize(
    ("word", "expected"),
    [("og", True), ("ikke", True), ("ikkje", True), ("selvhjelp", False), ("arbeid", False)],
)
def test_shipped_nb_stopwords(word, expected):
    assert (word in NB_STOPWORDS) is expected


# --- tokenize_document ------------------------------------------------------------------------


def test_tokenize_document_two_paragraphs():
    paragraphs = [
        ParagraphIn(
            0,
            "Frivillighetssentralene styrker psykisk helsearbeid. Folkehelsemeldingen kom i 2003.",
            None,
            "nb",
        ),
        # excerpts/stortinget-2007-brustad.txt, shortened.
        ParagraphIn(1, "Sjølhjelp som metode er nevnt på s. 3.", 3, "nb"),
    ]
    table = tokenize_document(
        paragraphs,
        normaliser=LEMMA_VARIANTS,
        stopwords=STOPWORDS,
        extra_stopwords=CONFIG_EXTRA_STOPWORDS,
        min_token_length=2,
        concepts=CONFIG_CONCEPTS,
        targets=CONFIG_TARGETS,
    )
    terms = table.pop("term")
    assert table == {
        "paragraph": [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
        "sentence": [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2],
        "page": [None] * 8 + [3] * 8,
        "language": ["nb"] * 16,
        "token": [
            "frivillighetssentralene",
            "styrker",
            "psykisk",
            "helsearbeid",
            "folkehelsemeldingen",
            "kom",
            "i",
            "2003",
            "sjølhjelp",
            "som",
            "metode",
            "er",
            "nevnt",
            "på",
            "s",
            "3",
        ],
        "form": [
            "Frivillighetssentralene",
            "styrker",
            "psykisk",
            "helsearbeid",
            "Folkehelsemeldingen",
            "kom",
            "i",
            "2003",
            "Sjølhjelp",
            "som",
            "metode",
            "er",
            "nevnt",
            "på",
            "s",
            "3",
        ],
        "lemma": [
            "frivillighetssentral",
            "styrke",
            "psykisk",
            "helsearbeid",
            "folkehelsemelding",
            "komme",
            "i",
            "2003",
            "selvhjelp",  # sjølhjelp, through the variants map
            "som",
            "metode",
            "være",
            "nevne",
            "på",
            "s",
            "3",
        ],
        "is_stopword": [
            False,
            False,
            False,
            False,
            False,
            True,  # "kom" is in nb.txt
            True,
            True,  # number
            False,
            True,
            False,
            True,  # "er" and its lemma "være" are in nb.txt
            False,
            True,
            True,  # extra stopword "s", and shorter than 2
            True,  # number
        ],
        "concepts": [
            "frivillig",  # frivillighet*
            "",
            "psykisk_helse",  # "psykisk helse*" starts here and covers "helsearbeid"
            "",
            "folkehelse",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        "targets": ["", "", "", "", "", "", "", "", "selvhjelp"] + [""] * 7,
    }
    # what frequency tables count: "psykisk helsearbeid" is one term on its first token
    assert terms[:4] == ["frivillighetssentral", "styrke", "psykisk_helsearbeid", ""]
    assert terms[4:] == table["lemma"][4:]
    assert list(table) + ["term"] == [c for c in COLUMNS if c != "term"] + ["term"]


@pytest.mark.parametrize(
    ("text", "extra", "min_length", "expected"),
    [
        pytest.param(
            "Vi ønsker at selvhjelp skal bli en del av helsearbeidet.",
            (),
            2,
            [True, False, True, False, True, True, True, False, True, False],
            id="nb-list",
        ),
        pytest.param(
            "Vi ønsker at selvhjelp skal bli en del av helsearbeidet.",
            ("Del", "ønsker"),
            2,
            [True, True, True, False, True, True, True, True, True, False],
            id="extra-stopwords-any-case",
        ),
        pytest.param(
            "Planen gikk fra 2004 til 2014.",
            (),
            2,
            # "gikk" is not in nb.txt but its lemma "gå" is; the years have no letters
            [False, True, True, True, True, True],
            id="lemma-in-list-and-numbers",
        ),
        pytest.param(
            "Et mål: a) om selvhjelp og b) om foreninger.",
            (),
            2,
            [True, False, True, True, False, True, True, True, False],
            id="min-length-2",
        ),
        pytest.param(
            "Et mål: a) om selvhjelp og b) om foreninger.",
            (),
            4,
            [True, True, True, True, False, True, True, True, False],
            id="min-length-4",
        ),
        pytest.param(
            "Et mål: a) om selvhjelp og b) om foreninger.",
            (),
            0,
            [True, False, False, True, False, True, False, True, False],
            id="min-length-0-only-list",
        ),
    ],
)
def test_tokenize_document_stopwords(text, extra, min_length, expected):
    table = tokenize_document(
        [ParagraphIn(0, text, None, "nb")],
        normaliser=LEMMA,
        stopwords=STOPWORDS,
        extra_stopwords=extra,
        min_token_length=min_length,
    )
    assert table["is_stopword"] == expected


@pytest.mark.parametrize("abbreviation", ["bl.a.", "dvs."])
def test_tokenize_document_abbreviation_stopwords(abbreviation):
    table = tokenize_document(
        [ParagraphIn(0, f"Det gjelder {abbreviation} frivillige.", None, "nb")],
        normaliser=LEMMA,
        stopwords=STOPWORDS,
    )
    assert table["is_stopword"] == [True, False, True, False]


def test_tokenize_document_nynorsk_paragraph():
    table = tokenize_document(
        [
            ParagraphIn(
                4, "Organisasjonane og tenestene i kommunane er ikkje nemnde i meldinga.", 7, "nn"
            )
        ],
        normaliser=LEMMA,
        stopwords=STOPWORDS,
    )
    assert (table["lemma"], table["is_stopword"]) == (
        ["organisasjon", "og", "teneste", "i", "kommune", "vere", "ikkje", "nemne", "i", "melding"],
        [False, True, False, True, False, True, True, False, True, False],
    )
    assert (table["paragraph"], table["page"], table["language"]) == (
        [4] * 10,
        [7] * 10,
        ["nn"] * 10,
    )


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        pytest.param(
            "Tiltaket styrker psykisk helse.",
            ["", "", "psykisk_helse", ""],
            id="psykisk-helse",
        ),
        pytest.param(
            # through the lemma: "psykiske" -> psykisk, and the second pattern matches too
            "Det gjelder den psykiske helsen.",
            ["", "", "", "psykisk_helse", ""],
            id="psykiske-helsen",
        ),
        pytest.param(
            "Tiltaket er psykisk. Helse er noe annet.",
            ["", "", "", "", "", "", ""],
            id="not-across-sentence-boundary",
        ),
        pytest.param(
            "Folkehelsemeldingen nevner frivillige organisasjoner.",
            ["folkehelse", "", "frivillig", ""],
            id="prefix-compounds",
        ),
        pytest.param(
            "Frivillighetssentralene og folkehelsearbeidet.",
            ["frivillig", "", "folkehelse"],
            id="frivillighetssentralene",
        ),
    ],
)
def test_tokenize_document_concepts(text, concepts):
    table = tokenize_document(
        [ParagraphIn(0, text, None, "nb")],
        normaliser=LEMMA_VARIANTS,
        stopwords=STOPWORDS,
        concepts=CONFIG_CONCEPTS,
    )
    assert table["concepts"] == concepts
    assert table["targets"] == [""] * len(concepts)


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        pytest.param(
            # excerpts/stortinget-2007-brustad.txt
            "Sjølhjelp som metode er, som det er sagt, en måte å hente fram egne ressurser.",
            ["selvhjelp"] + [""] * 14,
            id="brustad-sjølhjelp",
        ),
        pytest.param(
            "Sjølhjelpsgruppene og selvhjelpsarbeidet.",
            ["selvhjelp", "", "selvhjelp"],
            id="compounds",
        ),
    ],
)
def test_tokenize_document_targets(text, targets):
    table = tokenize_document(
        [ParagraphIn(0, text, None, "nb")],
        normaliser=LEMMA_VARIANTS,
        stopwords=STOPWORDS,
        concepts=CONFIG_CONCEPTS,
        targets=CONFIG_TARGETS,
    )
    assert table["targets"] == targets


def test_tokenize_document_target_through_lemma_only():
    # Only "selvhjelp*" is a pattern: "sjølhjelpsgruppene" matches because the variants map
    # turns its lemma into "selvhjelpsgruppe"; without the map nothing matches.
    targets = compile_patterns({"selvhjelp": ["selvhjelp*"]})
    tagged = [
        tokenize_document(
            [ParagraphIn(0, "Sjølhjelpsgruppene møtes.", None, "nb")],
            normaliser=normaliser,
            stopwords=STOPWORDS,
            targets=targets,
        )["targets"]
        for normaliser in (LEMMA_VARIANTS, LEMMA)
    ]
    assert tagged == [["selvhjelp", ""], ["", ""]]


def test_tokenize_document_empty():
    table = tokenize_document([], normaliser=NONE, stopwords=STOPWORDS, concepts=CONFIG_CONCEPTS)
    assert table == {c: [] for c in COLUMNS}


def test_tokens_take_the_page_of_their_own_character_offset():
    # a PDF paragraph running from page 84 to page 85 (offsets as clean_document gives them)
    text = "Et offentlig initiativ kan spores til selvhjelpsgruppene i Oslo."
    start_85 = text.index("selvhjelpsgruppene")
    para = ParagraphIn(0, text, 84, "nb", page_starts=((0, 84), (start_85, 85)))
    table = tokenize_document([para], normaliser=Normaliser("none"), stopwords={})
    pages = dict(zip(table["token"], table["page"], strict=True))
    assert (pages["et"], pages["til"], pages["selvhjelpsgruppene"], pages["oslo"]) == (
        84,
        84,
        85,
        85,
    )
