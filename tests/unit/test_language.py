"""Unit tests for ordskifte.text.language: real paragraphs in, language codes out.

Paragraphs are copied from the bundled corpus with the PDF line breaks and hyphens joined,
as the clean step hands them over. Each Norwegian paragraph is also checked with the other
Norwegian written standard as the default, so a pass cannot come from the default alone.
"""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ordskifte.text.language import MARKERS, identify_language, identify_languages
from ordskifte.text.words import TOKEN

# sections/feiring-2019-2-sivilsamfunn.txt
SIVILSAMFUNN = (
    "På slutten av 1980-tallet tas det flere nye selvhjelpsinitiativer i Norge. I 1986 dannes "
    "det hele tre nye selvhjelpsaktører: Anonyme Narkomane, Angstringens forløper – Bare angst "
    "og prosjektet Sorg og omsorg, mens året etter opprettes Interessegruppa for kvinner med "
    "spiseforstyrrelser (IKS). Denne nye formen for sivilsamfunnsaktivitet kan, ifølge Latour "
    "(2007, 2008), omtales som et første stadium i politiseringen av selvhjelpssaken."
)
# sections/feiring-2019-1-innledning.txt
ORDVEKSLINGEN = (
    "Denne ordvekslingen fra Stortingets talerstol viser at selvhjelp lenge har vært på den "
    "politiske dagsorden i vårt land. Representant Dørum presiserer at selvhjelp er et "
    "virkemiddel i opptrappingen av psykisk helsearbeid; statsråd Brustad er enig, og "
    "repliserer at selvhjelp kan være et verktøy for å fremme brukermedvirkning og styrke "
    "befolkningens psykiske helse."
)
# sections/feiring-2019-4-folkehelse.txt
FOLKEHELSE = (
    "En ny faglig og politisk innramming av selvhjelpssaken omtales tidlig i notatet Selvhjelp "
    "i folkehelsearbeid (Eidheim, 2000). Det er ikke mulig å foreta en entydig avgrensning "
    "mellom psykisk helse og folkehelse."
)
# sections/feiring-2019-3-psykisk-helse.txt
PSYKISK_HELSE = (
    "Psykisk helsearbeid løftes fram på den politiske dagsorden gjennom en stor nasjonal "
    "satsing – Opptrappingsplanen for psykisk helse."
)
# excerpts/stmeld-1993-frivillig-arbeid.txt
FRIVILLIGHETSMELDINGEN = (
    "I selvhjelpsgrupper kommer mennesker sammen og arbeider med et felles problem. Hensikten "
    "er først og fremst å gjøre noe med eget problem, selvhjelpsprinsippet, slik at personlig "
    "vekst og utvikling blir mulig."
)
# sections/feiring-2019-1-innledning.txt, the English abstract
ABSTRACT = (
    "Abstract: This chapter analyzes the politicisation of self-help groups as a public "
    "concern in Norway for the last three decades. The empirical data are three "
    "policy-documents, white papers on voluntary work (1992), mental health (1996) and public "
    "health (2002) and two national plans on self-help (2004, 2014). Besides, documents "
    "published from the self-help activists are analyzed together with interviews with "
    "central agents."
)
# excerpts/hedlund-landstad-2012.txt
HEDLUND_LANDSTAD = (
    "The term self-help refers to methods, skills, and strategies by which individuals direct "
    "their activities toward the achievement of self-help, including goal-setting, "
    "decision-making, self-evaluation, self-intervention, and self-development, etc. The term "
    "self-help group refers to the context of an organized setting that provides an "
    "environment for social interactions through group activities and mutual support for the "
    "purpose of self-help agency by means of self-help and self-care."
)
# footnote 3 of sections/feiring-2019-1-innledning.txt: a Bokmål lead-in to an English quote
FOOTNOTE_3 = (
    "Hedlund og Landstad (2012, s. 65) skriver: «The term self-help refers to methods, skills, "
    "and strategies by which individuals direct their activities toward the achievement of "
    "self-help»."
)
# Nynorsk, written in the style of Nynorsk government prose (the corpus has none).
NN_REGJERINGA = (
    "Regjeringa vil styrkje arbeidet med sjølvhjelp i kommunane, og det er ikkje berre eit "
    "ansvar for helsetenesta."
)
NN_ORGANISASJONANE = (
    "Frivillige organisasjonar har vore viktige for å utvikle tilbodet, og departementet vil "
    "halde fram med å støtte dei. Kva kan kommunane gjere? Dei kan leggje til rette for at "
    "fleire får hjelp frå eit lågterskeltilbod."
)
NN_SHORT = "Sjølvhjelp er ikkje noko nytt, men det har vorte viktig."


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        (SIVILSAMFUNN, "nn", "nb"),
        (ORDVEKSLINGEN, "nn", "nb"),
        (FOLKEHELSE, "nn", "nb"),
        (PSYKISK_HELSE, "nn", "nb"),
        (FRIVILLIGHETSMELDINGEN, "nn", "nb"),
        (FRIVILLIGHETSMELDINGEN, "en", "nb"),
        (ABSTRACT, "nb", "en"),
        (HEDLUND_LANDSTAD, "nb", "en"),
        (HEDLUND_LANDSTAD, "nn", "en"),
        (FOOTNOTE_3, "nb", "en"),
        (NN_REGJERINGA, "nb", "nn"),
        (NN_ORGANISASJONANE, "nb", "nn"),
        (NN_ORGANISASJONANE, "en", "nn"),
        (NN_SHORT, "nb", "nn"),
    ],
)
def test_identify_language_paragraphs(text, default, expected):
    assert identify_language(text, default=default) == expected


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        # Headings have fewer than MIN_HITS = 3 marker words: the default is kept, whatever
        # it is.
        ("Kort historisk ramme", "nb", "nb"),
        ("Kort historisk ramme", "nn", "nn"),
        ("Analytisk og metodologisk tilnærming", "en", "en"),
        ("Selvhjelp som psykisk helsearbeid", "nn", "nn"),
        ("Abstract:", "nb", "nb"),
        ("", "nb", "nb"),
        ("1986 1993–94 2002", "nn", "nn"),
    ],
)
def test_identify_language_short_text_keeps_default(text, default, expected):
    assert identify_language(text, default=default) == expected


@pytest.mark.parametrize(
    ("default", "expected"),
    [("nb", "nb"), ("nn", "nn"), ("en", "nb"), ("sv", "nb")],
)
def test_identify_language_norwegian_without_distinctive_words(default, expected):
    # sections/feiring-2019-4-folkehelse.txt: five markers shared by nb and nn ("det", "med",
    # "den", "er", "å") and no word that tells them apart: Norwegian, standard from the default
    # (Bokmål if the default is not nb or nn).
    text = "Det overordnede målet med den nasjonale planen er å styrke selvhjelpsarbeidet."
    assert identify_language(text, default=default) == expected


@pytest.mark.parametrize(
    "text",
    [
        # real line from sections/feiring-2019-4-folkehelse.txt: "for" and "at" are Norwegian too
        "Nasjonal plan for selvhjelp (2004) stadfester at et nytt koordinerende organ for "
        "selvhjelpsaken, finansiert av myndighetene, vil bli opprettet.",
        "Tilskudd for 2005 gitt for at grupper kan starte opp.",
    ],
)
def test_norwegian_with_english_lookalike_words_stays_norwegian(text):
    assert identify_language(text, default="nb") == "nb"


def test_lowercasing_keeps_letters_one_to_one():
    """What identify_languages relies on: lowercasing maps every character but İ to one
    character, and a letter (``[^\\W\\d_]``) to a letter, anything else to a non-letter."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or code == 0x130:
            continue
        char = chr(code)
        lower = char.lower()
        assert len(lower) == 1, hex(code)
        assert bool(letter.match(char)) == bool(letter.match(lower)), hex(code)


WORDS = st.sampled_from(
    sorted(set().union(*MARKERS.values()))
    + ["IKKE", "Ikkje", "KVA", "The", "AND", "\u212aVA", "P\u212b", "İkke", "ΑΣ", "selvhjelp"]
    + ["IT-løsninger", "1940-tallet", "St.meld", "bl.a", "og-i", "3i", "det's", "frå’e", "x_y"]
    + ["2019", "...", "!", "?", ",", "«en»", "(the)", "i.e", "a.m"]
)
PARAGRAPH = st.lists(
    st.tuples(WORDS, st.sampled_from([" ", "  ", ". ", ", ", "-", "", "\u00a0"])),
    max_size=25,
).map(lambda pairs: "".join(word + gap for word, gap in pairs))


@settings(derandomize=True, database=None, deadline=None, max_examples=400)
@given(st.lists(PARAGRAPH, max_size=6), st.sampled_from(["nb", "nn", "en", "sv"]))
def test_identify_languages_answers_as_identify_language(texts, default):
    pieces = [TOKEN.findall(text) for text in texts]
    expected = [identify_language(text, default=default) for text in texts]
    assert identify_languages(texts, pieces, default=default) == expected
