"""Quoted strings that no one says: an event's title, a slogan, a banner, a song, a term the writer
marks. Rules only, each language's own words:

- a term: one word in quotation marks with no speaker named ("libertarian"), or two in a sentence
  with no verb of saying («consultas formales»);
- a title: after a word that names a titled thing ("the event", "el lema", "le sommet", "a campanha")
  or written in title case (every word of four letters or more capitalised: “Faith And Hope Together”);
- a place: a few words a verb of visiting or going leads to ("visit the nearby “…”", "recorrió el
  «…»"), in a sentence with no verb of saying and no speaker;
- a name: the same words written without quotation marks elsewhere in the batch's articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.quotes import PAIRS, VERB, Quote, find_quotes

# Words that name a titled thing, in English, Spanish, French and Portuguese.
NAMING = re.compile(
    r"(?i)\b(event|summit|conference|forum|title|titled|entitled|slogan|motto|banner|sign|placard|"
    r"song|hymn|anthem|book|film|programme|program|campaign|initiative|operation|hashtag|theme|themed|"
    r"logo|tagline|poster|emblem|inscription|inscribed|read|reads|leyenda|que decía|"
    r"affiche|pancarte|qui disai\w*|que dizia|dizeres|"
    r"evento|cumbre|conferencia|foro|título|titulado|lema|consigna|pancarta|canción|himno|libro|"
    r"película|programa|campaña|iniciativa|operación|"
    r"événement|sommet|conférence|titre|intitulé|devise|banderole|chanson|hymne|livre|"
    r"programme|campagne|opération|"
    r"cúpula|conferência|fórum|intitulado|faixa|cartaz|canção|música|hino|livro|filme|campanha|operação)"
    r"\W*(?:\w+\W+){0,2}$"
)
TERM_WORDS = 2  # words at most in a marked term
DESIGNATION_WORDS = 5  # words at most in a designation: speech quoted after a verb runs longer
# A verb of visiting or going, then at most three words ("visit the nearby", "recorrió el llamado")
# before the mark: what is visited is a place or a building, not something said. Not the noun after
# an article or a possessive ("described the visit as “…”", "Pope's visit “…”").
VISITED = re.compile(
    r"(?i)(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\bs )(?<!\ba )(?<!\bla )(?<!\bel )"
    r"(?<!\bsu )(?<!\bsa )(?<!\ble )(?<!\bsua )(?<!\bseu )"
    r"\b(?:visit\w*|tour\w*|arriv\w*|lleg\w*|recorr\w*|inaugur\w*|se rend\w*|rendu|chega\w*|chegou|"
    r"percorr\w*)\W+(?:[\w'’-]+\W+){0,3}$"
)
OPENING = "".join(PAIRS)


def is_term(quote: Quote) -> bool:
    """One word, or two in a sentence with no verb of saying ("pidió «consultas formales»"; but
    "X said that Y «will copy»" is speech), with no speaker named."""
    words = len(quote.text.split())
    return quote.speaker is None and (words == 1 or (words == TERM_WORDS and not VERB.search(quote.sentence)))


def is_title(article: str, quote: Quote) -> bool:
    """A title: after a naming word (the two words before its mark), or in title case, with no speaker."""
    if quote.speaker is not None:
        return False
    before = article[max(0, quote.start - 60) : quote.start].rstrip().rstrip(OPENING)
    long_words = [w for w in re.findall(r"[^\W\d_]+", quote.text) if len(w) >= 4]
    title_case = len(long_words) >= 2 and all(w[:1].isupper() for w in long_words)
    return bool(NAMING.search(before)) or title_case


def is_designation(article: str, quote: Quote) -> bool:
    """A place the traveller visits, named in quotation marks ("visit the nearby “…”"): a few words
    after a verb of visiting or going, with no speaker and no verb of saying in the sentence."""
    if (
        quote.speaker is not None
        or len(quote.text.split()) > DESIGNATION_WORDS
        or VERB.search(quote.sentence)
    ):
        return False
    before = article[max(0, quote.start - 60) : quote.start].rstrip(OPENING)
    return bool(VISITED.search(before))


def unquoted(texts: Sequence[str]) -> str:
    """The batch's texts with every quotation blanked out, normalised: what they write in their own
    voice, where a name is written plainly."""
    out = []
    for text in texts:
        chars = list(text)
        for quote in find_quotes(text):
            chars[quote.start : quote.end] = " " * len(quote.text)
        out.append(normalise("".join(chars)))
    return "\n".join(out)


def is_name(quote: Quote, plain: str) -> bool:
    """Two words or more written without quotation marks somewhere in the batch: a name."""
    key = normalise(quote.text)
    return len(key.split()) >= TERM_WORDS and quote.speaker is None and key in plain
