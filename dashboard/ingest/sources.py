"""Each article's source record: the tour's, when the article is one of its sources already
(:class:`known.Sources`); an earlier article's, when the same article is given twice; else a new
record, with an id ``aNN-LANG`` the tour does not use."""

from __future__ import annotations

from dashboard.ingest.articles import Article
from dashboard.ingest.chars import visible_name
from dashboard.ingest.known import Known, Sources, same_article, wire_credit
from dashboard.tourfile.model import Source, Text, Tour


def source_record(article: Article, index: int) -> Source:
    """A new record for an article already mended (:func:`mend.mend`): what it says of itself."""
    return Source(
        id=f"a{index:02d}-{article.language}",
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        language=article.language,
        published=article.published,
        url=article.url,
        file=visible_name(article.name)[-200:].strip() or None,
    )


def carried(record: Source, carrier: Article, first: Article) -> Source:
    """The source of a wire text, noting another outlet that carried it, and the agency credited."""
    agency = record.original_outlet or wire_credit(first.text) or wire_credit(carrier.text)
    where = ", ".join(x for x in (carrier.outlet, carrier.url or visible_name(carrier.name)) if x)
    said = f"{record.note.en}; " if record.note and record.note.en else "Wire copy also carried by: "
    return record.model_copy(update={"original_outlet": agency, "note": Text(en=f"{said}{where}"[:2000])})


def sources_of(articles: list[Article], tour: Tour | None) -> tuple[list[Source], list[Known]]:
    """Each article's source: the tour's, when it is one of them already (:class:`known.Sources`);
    an earlier article's, when the same article is given twice; else a new record."""
    tours = Sources(tour)
    taken = {s.id for s in tour.sources} if tour else set()
    number = len(taken) + 1  # the next new article's: aNN-LANG, never an id the tour uses
    records: list[Source] = []
    known: list[Known] = []
    for i, article in enumerate(articles):
        found = tours.recognise(article)
        for j, (earlier, record) in enumerate(zip(articles[:i], records, strict=True)):
            if found is None and (rule := same_article(article, earlier)):
                if rule == "wire":
                    record = records[j] = carried(record, article, earlier)
                found = Known(article.name, record, rule, earlier=True)
        if found is not None:
            known.append(found)
            records.append(found.source)
            continue
        while f"a{number:02d}-{article.language}" in taken:
            number += 1
        records.append(source_record(article, number))
        number += 1
    return records, known
