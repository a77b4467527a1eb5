"""The ingest rules name no person, place, outlet or phrase of the tours they are measured on: the
gazetteer, CLDR and each language's own words are their knowledge, so a tour nobody has seen is read
as well as these. Collects the proper nouns of the corpus's truth files and of the seed dataset and
fails if the package's source writes one."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import CORPUS, ROOT, SEEDS, needs_corpus

PACKAGE = ROOT / "dashboard" / "ingest"
# Capitalised words the rules may write as words of a language (offices, honorifics, function words),
# whatever names they also appear in.
WORDS_OF_A_LANGUAGE = {
    "President", "Presidente", "Prime", "Minister", "King", "Queen", "Pope", "Sultan", "Emir", "State",
    "Estado", "Governor", "General", "Secretary", "Chancellor", "Prince", "Crown", "Head", "Foreign",
    "Deputy", "Vice", "Speaker", "City", "Chief", "Executive", "Affaires", "Exteriores", "Relações", "Bishop",
    "Gobierno",
    "Governo", "Mayor", "Cardinal", "Archbishop", "Emperor", "Empress", "Princess", "Sheikh", "Premier",
}  # fmt: skip


def _names_in(value: object) -> set[str]:
    """Capitalised words of four letters or more in a name-like string."""
    if value is None:
        return set()
    return {w for w in re.findall(r"\b[A-ZÁÉÍÓÚÑÇÂÊÔÃÕ][\w’'-]{3,}", str(value))}


def _truth_names() -> set[str]:
    names: set[str] = set()
    for truth in CORPUS.glob("*/truth.json"):
        data = json.loads(truth.read_text(encoding="utf-8"))
        for visit in data.get("visits", []):
            names |= _names_in(visit.get("name"))
            for person in [*visit.get("counterparts", []), *visit.get("other_people", [])]:
                names |= _names_in(person.split("(")[0])
        for quote in data.get("quotes", []):
            names |= _names_in(str(quote.get("speaker", "")).split("(")[0])
        names |= _names_in(data.get("origin", {}).get("name"))
    return names


def _seed_names() -> set[str]:
    tour = yaml.safe_load((ROOT / "data" / "kast-tour.yaml").read_text(encoding="utf-8"))
    names: set[str] = set(_names_in(tour.get("subject")))
    names |= {w for p in tour.get("places", []) for w in _names_in(p.get("name"))}
    for visit in tour.get("visits", []):
        for role in ("counterparts", "others_met", "delegation"):
            names |= {w for p in visit.get(role, []) or [] for w in _names_in(p.get("name"))}
    return names


def _source_words() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.glob("*.py")))
    return set(re.findall(r"[\w’'-]+", text))


@needs_corpus
def test_the_rules_name_nothing_of_the_corpus_tours() -> None:
    found = (_truth_names() - WORDS_OF_A_LANGUAGE) & _source_words()
    assert not found, f"dashboard/ingest names proper nouns of the corpus: {sorted(found)}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not beside this clone ({SEEDS})")
def test_the_rules_name_nothing_of_the_seed_tour() -> None:
    found = (_seed_names() - WORDS_OF_A_LANGUAGE) & _source_words()
    assert not found, f"dashboard/ingest names proper nouns of the seed tour: {sorted(found)}"
