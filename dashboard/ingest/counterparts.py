"""The people met at each stop: those named in the stop's own sentences, then the hosts the articles
name anywhere (:mod:`cast`) whose country is the stop's, at the stop their sentence names, else at
the first stop in that country (a head of state is met at the capital's visit). Each person once,
by a name word they share ("Ana Vera Díaz", "Vera Díaz"), with how they were met as a note."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.cast import Host, name_words
from dashboard.ingest.people import PersonMention
from dashboard.ingest.visits import Sighting
from dashboard.tourfile.model import Person, Text

Stop = tuple[str, Sequence[Sighting]]  # a place id, and what the articles say of its visit


def hosts_at(stops: Sequence[Stop], hosts: Sequence[tuple[str, Host]]) -> dict[str, list[tuple[str, Host]]]:
    """Each stop's place id -> its hosts (source id, host)."""
    country = {pid: seen[0].place.country for pid, seen in stops}
    names = {pid: {normalise(n) for s in seen for n in (s.place.name, s.place.said)} for pid, seen in stops}
    out: dict[str, list[tuple[str, Host]]] = defaultdict(list)
    for source, host in hosts:
        there = [pid for pid, _ in stops if country[pid] == host.country]
        said = normalise(host.sentence)
        named = [pid for pid in there if any(n in said for n in names[pid])]
        if there:
            out[(named or there)[0]].append((source, host))
    return out


def people_met(named: Sequence[tuple[PersonMention, str]], hosts: Sequence[tuple[str, Host]]) -> list[Person]:
    """The people named in a stop's sentences (person, source id), then its hosts, each once."""
    found: list[tuple[frozenset[str], Person]] = []
    for person, source, note in [
        *((p, s, None) for p, s in named),
        *((h.person, s, h.note) for s, h in hosts),
    ]:
        words = name_words(person.name)
        same = next((i for i, (known, _) in enumerate(found) if words & known), None)
        if same is not None:
            known, earlier = found[same]
            if note and earlier.note is None:  # named at the stop, and a host who received the traveller
                found[same] = (known, earlier.model_copy(update={"note": Text(en=note)}))
            continue
        note_text = Text(en=note) if note else None
        found.append((words, Person(name=person.name, office=Text(en=person.office), sources=[source],
                                    note=note_text)))  # fmt: skip
    return [p for _, p in found]
