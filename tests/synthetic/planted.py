"""Planted topics: documents drawn from LDA's generative model with known parameters.

:func:`planted_corpus` draws documents from the generative model of LDA (Blei, Ng & Jordan
2003) with known parameters: each topic is a distribution over its own Norwegian policy
words (Zipf-like weights) plus a shared background of common words, each document mixes the
topics of its period with Dirichlet weights. The documents are Norwegian-looking text
(capitalised sentences with full stops, paragraphs separated by blank lines) and come with a
manifest in the pipeline's format, so the same corpus can feed the unit tests directly
(``PlantedCorpus.tokens``) or the whole workflow (:func:`tests.synthetic.write_corpus`), at
any size.

Every default word is a Bokmål base form that simplemma (``nb``) maps to itself and that is
not in the shipped stopword list, so the pipeline's lemmas are the planted words.
Deterministic: everything is drawn from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ordskifte.ingest.manifest import MANIFEST_COLUMNS

# Eight topics of 25 distinct words each, most characteristic word first (it gets the largest
# Zipf weight). likepersonsarbeid, not likemannsarbeid: the default config's `variants`
# rewrites the latter to the former.
DEFAULT_TOPICS: tuple[tuple[str, ...], ...] = tuple(
    tuple(words.split())
    for words in (
        # 0 selvhjelp as personal growth in groups
        "selvhjelp selvhjelpsgruppe gruppe erfaring mestring deltaker samtale fellesskap "
        "ansvar hjelp endring prosess møte livssituasjon kraft opplevelse styrke bevissthet "
        "deling tillit åpenhet refleksjon vekst egenomsorg likeverd",
        # 1 voluntary work and civil society
        "frivillig frivillighet frivillighetssentral dugnad innsats lag forening sivilsamfunn "
        "medlem nærmiljø engasjement idrett lokalsamfunn nabo ildsjel foreningsliv tilskudd "
        "sentral aktivitet kultur fritid besøkstjeneste velferdsstat kirke menighet",
        # 2 user organisations and peer work
        "likepersonsarbeid brukerorganisasjon pasientorganisasjon interesseorganisasjon "
        "funksjonshemming interessegruppe rettighet brukermedvirkning pårørende informasjon "
        "kurs rådgivning likeperson landsforening paraply representant innflytelse påvirkning "
        "fylkeslag sekretariat opplæring medlemsorganisasjon organisasjon brukerrepresentant "
        "interessepolitikk",
        # 3 mental illness and treatment
        "psykisk psykiatri lidelse angst depresjon behandling pasient terapi symptom diagnose "
        "psykose psykiater psykolog sykdom krise innleggelse medisin rus avhengighet selvmord "
        "traume utredning poliklinikk sengepost institusjon",
        # 4 mental health services (the escalation plan)
        "helsearbeid opptrappingsplan tjenestetilbud spesialisthelsetjeneste "
        "kommunehelsetjeneste distriktspsykiatrisk senter helseforetak fastlege koordinering "
        "individuell plan kapasitet ventetid tilbud oppfølging hjemmetjeneste omsorg sykehus "
        "lege sykepleie fagfolk bemanning personell samhandling",
        # 5 public health
        "folkehelse helsedirektorat folkehelsearbeid levevane fysisk trening kosthold tobakk "
        "røyking helsefremming livsstil overvekt befolkning sosial ulikhet levekår trivsel "
        "mosjon skole friluftsliv miljø helseatferd kampanje sunnhet livskvalitet",
        # 6 municipalities and planning
        "kommune fylkeskommune kommunestyre planlegging strategi partnerskap samarbeidsavtale "
        "oversikt handlingsplan koordinator folkehelsekoordinator ressurs budsjett forvaltning "
        "virkemiddel styringsdokument prioritering rådmann sektor lokalpolitikk kommuneplan "
        "tjeneste administrasjon vedtak modell",
        # 7 prevention
        "forebygging forebyggende tiltak risiko beskyttelse faktor tidlig intervensjon barn "
        "ungdom familie oppvekst barnehage helsestasjon skolehelsetjeneste screening program "
        "evaluering effekt kunnskap forskning dokumentasjon metode innsatsområde veiledning",
    )
)

# Common words of policy prose shared by every topic.
DEFAULT_BACKGROUND: tuple[str, ...] = tuple(
    (
        "år arbeid tid del gang menneske samfunn utvikling situasjon grunnlag sammenheng behov "
        "mulighet spørsmål perspektiv rolle betydning forhold utgangspunkt bakgrunn periode "
        "fokus tema forståelse form grad måte retning satsing område eksempel resultat oppgave "
        "problem rapport stortingsmelding melding regjering departement stat politikk "
        "myndighet offentlig nasjonal norsk samarbeid løsning formål mål innhold"
    ).split()
)

DEFAULT_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("frivillig", 1986, 1995),
    ("psykisk_helse", 1996, 2001),
    ("folkehelse", 2002, 2030),
)
# With the default topics: the topics that Feiring (2019) finds in each period.
DEFAULT_PERIOD_TOPICS: Mapping[str, tuple[int, ...]] = {
    "frivillig": (0, 1, 2),
    "psykisk_helse": (0, 2, 3, 4),
    "folkehelse": (0, 5, 6, 7),
}


@dataclass(frozen=True)
class PlantedCorpus:
    """A synthetic corpus and the parameters it was drawn from.

    Attributes
    ----------
    documents : dict
        doc_id -> text (paragraphs separated by blank lines, final newline).
    tokens : dict
        doc_id -> the drawn words in text order (what the pipeline's lemmas will be).
    manifest : DataFrame
        Columns ``doc_id, file, title, issuer, year, period, genre, language, citation,
        url``, all strings (``file`` = ``synthetic/{doc_id}.txt``), as
        ``resources/corpus/documents.tsv``.
    topic_term : DataFrame
        The true topic-word distributions: index ``topic`` 0..k-1, columns every word (topic
        words in topic order, then background words); rows sum to 1.
    doc_topics : DataFrame
        The true topic proportions: index ``doc_id``, columns the topics; rows sum to 1
        (zero for topics outside the document's period).
    """

    documents: dict[str, str]
    tokens: dict[str, list[str]]
    manifest: pd.DataFrame
    topic_term: pd.DataFrame
    doc_topics: pd.DataFrame


def zipf_weights(n: int, *, exponent: float = 1.0) -> np.ndarray:
    r"""Normalised Zipf weights :math:`w_r \propto (r + 1)^{-s}`, :math:`r = 0..n-1`."""
    weights = (np.arange(n, dtype=np.float64) + 1.0) ** -exponent
    return weights / weights.sum()


def _topic_term(
    topics: Sequence[Sequence[str]],
    background: Sequence[str],
    *,
    background_share: float,
    exponent: float,
) -> pd.DataFrame:
    index: dict[str, int] = {}
    for words in [*topics, background]:
        for w in words:
            index.setdefault(w, len(index))
    vocab = list(index)
    phi = np.zeros((len(topics), len(vocab)))
    for k, words in enumerate(topics):
        phi[k, [index[w] for w in words]] += (1 - background_share) * zipf_weights(
            len(words), exponent=exponent
        )
        if background:
            phi[k, [index[w] for w in background]] += background_share * zipf_weights(
                len(background), exponent=exponent
            )
    phi /= phi.sum(axis=1, keepdims=True)
    return pd.DataFrame(
        phi, index=pd.RangeIndex(len(topics), name="topic"), columns=pd.Index(vocab, name="term")
    )


def _text(words: list[str], rng: np.random.Generator) -> str:
    """Sentences of 6-18 words (capitalised, full stop), paragraphs of 2-6 sentences."""
    sentences = []
    pos = 0
    while pos < len(words):
        size = int(rng.integers(6, 19))
        chunk = words[pos : pos + size]
        pos += size
        sentence = " ".join(chunk)
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
    paragraphs = []
    pos = 0
    while pos < len(sentences):
        size = int(rng.integers(2, 7))
        paragraphs.append(" ".join(sentences[pos : pos + size]))
        pos += size
    return "\n\n".join(paragraphs) + "\n"


def planted_corpus(
    *,
    n_docs: int,
    topics: Sequence[Sequence[str]] | None = None,
    periods: Sequence[tuple[str, int, int]] = DEFAULT_PERIODS,
    period_topics: Mapping[str, Sequence[int]] | None = None,
    doc_length: tuple[int, int] = (150, 400),
    topics_per_doc: float = 0.3,
    background: Sequence[str] | None = None,
    background_share: float = 0.2,
    zipf_exponent: float = 1.0,
    seed: int,
) -> PlantedCorpus:
    r"""Draw ``n_docs`` documents from LDA's generative model with planted topics.

    Topic *k* puts weight :math:`1 - b` on its own words with Zipf weights
    :math:`\propto (r+1)^{-s}` by list position *r* and weight *b* (``background_share``)
    on the shared background words, also Zipf-weighted. Document *d* gets period
    ``periods[d % len(periods)]`` (balanced), a year drawn uniformly in the period, a length
    drawn uniformly in ``doc_length`` (inclusive), topic proportions
    :math:`\theta_d \sim \mathrm{Dirichlet}(\alpha)` over its period's topics
    (:math:`\alpha` = ``topics_per_doc``; small values give few topics per document), then
    topic counts :math:`\sim \mathrm{Multinomial}(n_d, \theta_d)`, words from each topic's
    distribution, and a random word order.

    Parameters
    ----------
    n_docs : int
        Number of documents (>= 1); ids ``synth-0000``, ``synth-0001``, ...
    topics : sequence of sequence of str, optional
        Each topic's words, most frequent first. Default :data:`DEFAULT_TOPICS` (8 x 25).
    periods : sequence of (name, first_year, last_year)
    period_topics : mapping, optional
        Period name -> indices of the topics it uses. Default: :data:`DEFAULT_PERIOD_TOPICS`
        with the default topics and periods, otherwise every topic in every period.
    doc_length : (int, int)
        Inclusive range of words per document.
    topics_per_doc : float, default 0.3
        The symmetric Dirichlet parameter :math:`\alpha`.
    background : sequence of str, optional
        Shared words; default :data:`DEFAULT_BACKGROUND` (50 words); ``()`` for none.
    background_share : float, default 0.2
        *b*, in [0, 1).
    zipf_exponent : float, default 1.0
        *s*; 0 gives uniform weights.
    seed : int

    Returns
    -------
    PlantedCorpus

    Raises
    ------
    ValueError
        On a bad size, range, share, an empty topic, or a period without topics.

    References
    ----------
    Blei, D. M., Ng, A. Y., & Jordan, M. I. (2003). Latent Dirichlet allocation. *JMLR*, 3,
    993-1022.
    """
    if isinstance(n_docs, bool) or not isinstance(n_docs, int) or n_docs < 1:
        raise ValueError(f"n_docs must be a positive integer, got {n_docs!r}")
    low, high = doc_length
    if not 1 <= low <= high:
        raise ValueError(f"doc_length must be (low, high) with 1 <= low <= high, got {doc_length}")
    if not topics_per_doc > 0:
        raise ValueError(f"topics_per_doc must be positive, got {topics_per_doc!r}")
    if not 0 <= background_share < 1:
        raise ValueError(f"background_share must be in [0, 1), got {background_share!r}")
    if not periods:
        raise ValueError("periods must hold at least one (name, first_year, last_year)")
    uses_defaults = topics is None and tuple(map(tuple, periods)) == DEFAULT_PERIODS
    topics = DEFAULT_TOPICS if topics is None else tuple(tuple(t) for t in topics)
    if not topics or any(len(t) == 0 for t in topics):
        raise ValueError("every topic needs at least one word")
    background = DEFAULT_BACKGROUND if background is None else tuple(background)
    if period_topics is None:
        period_topics = (
            DEFAULT_PERIOD_TOPICS
            if uses_defaults
            else {name: tuple(range(len(topics))) for name, _, _ in periods}
        )
    for name, first, last in periods:
        chosen = list(period_topics.get(name, ()))
        if not chosen or any(not 0 <= t < len(topics) for t in chosen):
            raise ValueError(f"period {name!r} needs topic indices in 0..{len(topics) - 1}")
        if first > last:
            raise ValueError(f"period {name!r}: first year {first} after last year {last}")

    phi_df = _topic_term(
        topics, background, background_share=background_share, exponent=zipf_exponent
    )
    phi = phi_df.to_numpy()
    vocab = np.asarray(phi_df.columns, dtype=object)
    rng = np.random.default_rng(seed)
    k = len(topics)

    documents: dict[str, str] = {}
    tokens: dict[str, list[str]] = {}
    thetas = np.zeros((n_docs, k))
    manifest_rows = []
    for d in range(n_docs):
        doc_id = f"synth-{d:04d}"
        name, first, last = periods[d % len(periods)]
        year = int(rng.integers(first, last + 1))
        length = int(rng.integers(low, high + 1))
        active = np.asarray(sorted(set(period_topics[name])))
        thetas[d, active] = rng.dirichlet(np.full(len(active), topics_per_doc))
        counts = rng.multinomial(length, thetas[d])
        drawn = np.concatenate(
            [rng.choice(len(vocab), size=c, p=phi[t]) for t, c in enumerate(counts) if c > 0]
        )
        words = list(vocab[rng.permutation(drawn)])
        tokens[doc_id] = words
        documents[doc_id] = _text(words, rng)
        manifest_rows.append(
            {
                "doc_id": doc_id,
                "file": f"synthetic/{doc_id}.txt",
                "title": f"Syntetisk dokument {d + 1}",
                "issuer": "tests.synthetic",
                "year": str(year),
                "period": name,
                "genre": "syntetisk",
                "language": "nb",
                "citation": f"tests.synthetic.planted_corpus(seed={seed}), document {d}",
                "url": "",
            }
        )
    manifest = pd.DataFrame(manifest_rows, columns=list(MANIFEST_COLUMNS)).astype("str")
    doc_topics = pd.DataFrame(
        thetas,
        index=pd.Index(list(tokens), name="doc_id"),
        columns=pd.RangeIndex(k, name="topic"),
    )
    return PlantedCorpus(
        documents=documents,
        tokens=tokens,
        manifest=manifest,
        topic_term=phi_df,
        doc_topics=doc_topics,
    )


# ================================================================= shapes for choosing k
# Corpora of known k in several shapes (k, Dirichlet concentration, documents per period,
# document length), drawn by :func:`planted_corpus`, and a one-to-one matching of fitted to
# planted topics, for the tests and benchmarks of the choice of k (benchmarks/topics.py).


@dataclass(frozen=True)
class PlantedShape:
    """One shape of planted corpus: every period uses the same ``k`` topics.

    Attributes
    ----------
    name : str
    k : int
        Planted topics per period (the first ``k`` of :data:`DEFAULT_TOPICS`, 1..8).
    concentration : float
        The symmetric Dirichlet parameter of the documents' topic mixtures (small: one or two
        leading topics per document; 0.5: flat mixtures).
    docs_per_period : int
    doc_length : (int, int)
        Inclusive range of words per document.
    background_share : float, default 0.1
        Share of each topic's weight on the shared background words.
    n_periods : int, default 3
        Periods (each gets ``docs_per_period`` documents and its own model).
    """

    name: str
    k: int
    concentration: float
    docs_per_period: int
    doc_length: tuple[int, int]
    background_share: float = 0.1
    n_periods: int = 3


#: The shapes of the full benchmark: k 3..8, concentration 0.05..0.5, 20..200 documents of
#: 200..2,000 words per period, including the two shapes of issue #16 (``issue4``, ``issue6``).
PLANTED_SHAPES: tuple[PlantedShape, ...] = (
    PlantedShape("issue4", 4, 0.3, 60, (300, 300)),
    PlantedShape("issue6", 6, 0.5, 80, (400, 400)),
    PlantedShape("k3_small", 3, 0.1, 20, (200, 400)),
    PlantedShape("k3_long", 3, 0.5, 30, (1000, 2000)),
    PlantedShape("k5_sparse", 5, 0.05, 100, (500, 1000)),
    PlantedShape("k5_many", 5, 0.1, 200, (200, 300)),
    PlantedShape("k7_flat", 7, 0.5, 40, (200, 600)),
    PlantedShape("k8_mid", 8, 0.2, 100, (600, 1200)),
    PlantedShape("k8_large", 8, 0.1, 200, (1000, 2000)),
)

#: Small shapes for a test that runs in seconds.
QUICK_SHAPES: tuple[PlantedShape, ...] = (
    PlantedShape("quick_k3", 3, 0.1, 24, (300, 300), n_periods=1),
    PlantedShape("quick_k4", 4, 0.3, 40, (300, 300), n_periods=1),
    PlantedShape("quick_k5", 5, 0.1, 40, (400, 400), n_periods=1),
)

PERIOD_NAMES_OF_SHAPES = ("a", "b", "c", "d", "e", "f")


def shape_corpus(shape: PlantedShape, *, seed: int) -> PlantedCorpus:
    """Draw a corpus of ``shape``: ``n_periods`` periods (``a``, ``b``, ...) of
    ``docs_per_period`` documents, each period mixing the same ``k`` planted topics.

    Raises
    ------
    ValueError
        If ``k`` is not in 1..8 (the default topics) or ``n_periods`` not in 1..6.
    """
    if not 1 <= shape.k <= len(DEFAULT_TOPICS):
        raise ValueError(f"shape {shape.name!r}: k must be in 1..{len(DEFAULT_TOPICS)}")
    if not 1 <= shape.n_periods <= len(PERIOD_NAMES_OF_SHAPES):
        raise ValueError(f"shape {shape.name!r}: n_periods must be in 1..6")
    names = PERIOD_NAMES_OF_SHAPES[: shape.n_periods]
    periods = tuple((name, 1990 + 5 * i, 1994 + 5 * i) for i, name in enumerate(names))
    return planted_corpus(
        n_docs=shape.docs_per_period * shape.n_periods,
        topics=DEFAULT_TOPICS[: shape.k],
        periods=periods,
        period_topics={name: tuple(range(shape.k)) for name in names},
        doc_length=shape.doc_length,
        topics_per_doc=shape.concentration,
        background_share=shape.background_share,
        seed=seed,
    )


_SENTENCE_END = re.compile(r"\.\s*")


def token_table(text: str) -> pd.DataFrame:
    """A planted document's text as a token table (paragraph, sentence, page, lemma,
    is_stopword): the planted words are their own lemmas and none is a stopword."""
    rows = []
    for p, paragraph in enumerate(text.strip().split("\n\n")):
        sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
        for s, sentence in enumerate(sentences):
            rows += [(p, s, w.lower()) for w in sentence.split()]
    table = pd.DataFrame(rows, columns=["paragraph", "sentence", "lemma"])
    table["page"] = pd.array([None] * len(table), dtype="Int32")
    table["token"] = table["lemma"]
    table["is_stopword"] = False
    return table


def period_segments(corpus: PlantedCorpus, period: str, *, target_tokens: int) -> pd.DataFrame:
    """One period's segments, cut by the workflow's
    :func:`ordskifte.topics.segments.make_segments` from :func:`token_table` of each document."""
    from ordskifte.topics.segments import concat_segments, make_segments

    manifest = corpus.manifest[corpus.manifest["period"] == period]
    frames = [
        make_segments(
            token_table(corpus.documents[row.doc_id]),
            doc_id=row.doc_id,
            period=period,
            year=row.year,
            target_tokens=target_tokens,
        )
        for row in manifest.itertuples()
    ]
    return concat_segments([f for f in frames if len(f)]).reset_index(drop=True)


MATCH_COLUMNS = ("planted", "fitted", "cosine", "top_share")


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def match_topics(fitted: pd.DataFrame, planted: pd.DataFrame, *, top_n: int = 10) -> pd.DataFrame:
    """Match fitted topics one to one to planted ones, on the fitted model's vocabulary.

    The planted topic-term rows are restricted to the fitted columns (the terms the model
    kept: ``max_share`` drops the commonest background words); the pairs maximise the summed
    cosine similarity (Hungarian algorithm, Kuhn 1955: ``scipy.optimize.linear_sum_assignment``).
    ``top_share`` is the share of the matched fitted topic's ``top_n`` terms that are among
    the planted topic's ``top_n`` heaviest kept terms.

    Returns
    -------
    DataFrame
        Columns ``planted, fitted, cosine, top_share``, one row per planted topic (sorted);
        a planted topic left without a partner (fewer fitted than planted topics) has
        ``fitted`` -1 and ``cosine`` and ``top_share`` 0.
    """
    from scipy.optimize import linear_sum_assignment

    truth = planted.reindex(columns=fitted.columns, fill_value=0.0).to_numpy(dtype=np.float64)
    phi = fitted.to_numpy(dtype=np.float64)
    similarity = _unit_rows(truth) @ _unit_rows(phi).T
    rows, cols = linear_sum_assignment(-similarity)
    partner = dict(zip(rows.tolist(), cols.tolist(), strict=True))
    n = min(top_n, phi.shape[1])
    top_truth = np.argsort(-truth, axis=1, kind="stable")[:, :n]
    top_fit = np.argsort(-phi, axis=1, kind="stable")[:, :n]
    out = []
    for t in range(truth.shape[0]):
        if t not in partner:
            out.append((t, -1, 0.0, 0.0))
            continue
        f = partner[t]
        share = len(set(top_truth[t]) & set(top_fit[f])) / n
        out.append((t, int(fitted.index[f]), float(similarity[t, f]), share))
    return pd.DataFrame(out, columns=list(MATCH_COLUMNS)).astype(
        {"planted": "int64", "fitted": "int64", "cosine": "float64", "top_share": "float64"}
    )
