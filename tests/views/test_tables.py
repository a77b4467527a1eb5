"""The dashboard's tables: what a reader of each table (and each chart's table alternative) sees."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.tourfile.model import STATUSES, StatusChange, Tour
from dashboard.views import citations, markup
from dashboard.views.filters import ViewState
from dashboard.views.tables import (
    TOUR_WIDE,
    claims_behind,
    claims_frame,
    discrepancy_rows,
    history_frame,
    proposal_grid,
    sources_frame,
    status_legend,
    stop_cards,
    stops_frame,
    timeline_frame,
    timeline_table,
    topic_counts,
    topic_table,
    trip_spans,
)

EVIL = "<img src=x onerror=alert(1)>"
EN = ViewState()
ES = ViewState(lang="es")


def _row(frame, column, value):
    """The one row whose ``column`` equals ``value``, as a dict."""
    rows = frame[frame[column] == value].to_dict("records")
    assert len(rows) == 1, rows
    return rows[0]


# The Kast tour's sources as its tables name them: an article and its translation share a title.
S000 = "Kast encadena su tour derechista: tras… (English)"
S001 = "Kast encadena su tour derechista: tras… (Spanish)"
LAR = "Latin America Reports: Chile president-elect Kast targets crime…"

# --- stops_frame ---------------------------------------------------------------------------


def test_kast_stops_in_tour_order(kast):
    frame = stops_frame(kast, EN)
    assert list(frame["Place"]) == ["Santiago", "Buenos Aires", "Quito", "Lima", "Arica", "Tacna"]
    assert list(frame["Order"]) == ["", "1", "2", "3", "", ""]
    assert frame.columns[0] == "id"
    assert list(frame["id"]) == ["santiago", "buenos-aires", "quito", "lima", "arica", "tacna"]


def test_quito_shows_both_the_actual_and_the_scheduled_date(kast):
    quito = _row(stops_frame(kast, EN), "id", "quito")
    assert quito["Dates"] == (  # each date's sources by name, never by id
        f"23 December 2025 (took place) [{LAR}]; 22 December 2025 (scheduled) [{S000}; {S001}]"
    )
    assert quito["Counterparts"] == "Daniel Noboa (President of Ecuador)"
    assert quito["Venue"].startswith("Carondelet Palace")
    assert quito["Role"] == "Visit"


def test_lima_shows_the_month_only_announcement(kast):
    lima = _row(stops_frame(kast, EN), "id", "lima")
    assert f"January 2026 (announced) [{S000}; {S001}]" in lima["Dates"]
    assert lima["Dates"].startswith(f"7 January 2026 (took place) [{LAR}]")
    assert "Mining" in lima["Topics"]


def test_spanish_stops_frame(kast):
    frame = stops_frame(kast, ES)
    assert {"Lugar", "País", "Fechas", "Fuentes", "Temas"} <= set(frame.columns)
    quito = _row(frame, "id", "quito")
    assert (
        "22 de diciembre de 2025 (prevista) [Kast encadena su tour derechista: tras… (inglés)"
        in quito["Fechas"]
    )
    assert "diciembre" in quito["Fechas"]
    assert quito["Interlocutores"] == "Daniel Noboa (Presidente de Ecuador)"
    assert _row(frame, "id", "arica")["Papel"] == "Tratado, no visitado"
    assert "Minería" in _row(frame, "id", "lima")["Temas"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_headers_are_unique(kast, lang):
    state = ViewState(lang=lang)
    corridor = kast.proposals[0]
    for frame in (
        stops_frame(kast, state),
        timeline_table(timeline_frame(kast, state), lang),
        claims_frame(kast, kast.claims, lang),
        history_frame(kast, corridor, None, lang),
        sources_frame(kast, lang),
    ):
        assert frame.columns.is_unique, list(frame.columns)


def test_a_visit_in_no_trip_says_so_in_words(kast):
    trips = dict(zip(stops_frame(kast, EN)["id"], stops_frame(kast, EN)["Trip"], strict=True))
    assert (trips["buenos-aires"], trips["quito"], trips["lima"]) == ("Trip 1", "Trip 2", "Trip not stated")
    assert [name for name, _, _ in trip_spans(kast, "es")] == ["Viaje 1", "Viaje 2", "Viaje sin indicar"]


def test_a_phone_reads_the_itinerary_as_a_card_per_stop_the_place_first(kast):
    cards = stop_cards(stops_frame(kast, ES).drop(columns=["id"]), "es")
    assert [title for title, _ in cards] == [
        "Santiago (CL)", "1. Buenos Aires (AR)", "2. Quito (EC)", "3. Lima (PE)", "Arica (CL)", "Tacna (PE)",
    ]  # fmt: skip
    quito = dict(cards[2][1])
    assert list(quito)[:2] == ["Fechas", "Interlocutores"] and list(quito)[-1] == "Fuentes"
    assert "Papel" not in quito  # a numbered stop is a visit
    assert quito["Interlocutores"] == "Daniel Noboa (Presidente de Ecuador)"
    assert dict(cards[4][1])["Papel"] == "Tratado, no visitado"
    text = markup.md_cards(cards)
    assert text.startswith("- **Santiago \\(CL\\)**\n  - **Papel**: Origen\n")


def test_places_not_visited_have_blank_visit_cells(kast):
    arica = _row(stops_frame(kast, EN), "id", "arica")
    assert (arica["Order"], arica["Dates"], arica["Venue"], arica["Counterparts"]) == ("", "", "", "")
    assert arica["Country"] == "CL"
    assert arica["Sources"] == f"{S000}; {S001}; untitled article; {LAR}"


def test_the_csv_of_the_stops_cites_by_id(kast):
    arica = _row(stops_frame(kast, EN, by_id=True), "id", "arica")
    assert arica["Sources"] == "s000-en, s001-es, s002-en, s004-en"
    assert arica["Sources"] == ", ".join(citations.split_ids([arica["Sources"]]))


@pytest.mark.parametrize(
    ("state", "ids"),
    [
        (ViewState(topics=("mining",)), ["lima"]),
        (ViewState(countries=("PE",)), ["lima", "tacna"]),
        (ViewState(stop="quito"), ["quito"]),
        (ViewState(start=dt.date(2026, 1, 1)), ["lima"]),
        (ViewState(end=dt.date(2025, 12, 31)), ["buenos-aires", "quito"]),
    ],
)
def test_stops_frame_follows_the_filters(kast, state, ids):
    assert list(stops_frame(kast, state)["id"]) == ids


def test_stops_frame_keeps_markup_as_text(mini_tour):
    evil = _evil_tour(mini_tour)
    assert _row(stops_frame(evil, EN), "id", "lima")["Place"] == EVIL


# --- timeline_frame ------------------------------------------------------------------------


def test_timeline_has_every_date_variant_and_event_sorted(kast):
    frame = timeline_frame(kast, EN)
    columns = ["id", "date", "end", "kind", "label", "precision", "sources", "place", "trip", "cited"]
    assert list(frame.columns) == columns
    assert list(frame["date"]) == sorted(frame["date"])
    quito = frame[frame["place"] == "quito"]
    assert set(zip(quito["date"], quito["kind"], strict=True)) == {
        (dt.date(2025, 12, 22), "scheduled"),
        (dt.date(2025, 12, 23), "actual"),
    }
    lima = _row(frame, "kind", "announced")
    assert (lima["date"], lima["end"], lima["precision"]) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
        "month",
    )
    events = frame[frame["kind"] == "event"]
    assert list(events["id"]) == ["runoff-election", "peru-announcement", "inauguration"]
    assert all(place is None for place in events["place"])


def test_timeline_labels(kast):
    frame = timeline_frame(kast, ES)
    assert "1. Buenos Aires — Javier Milei" in set(frame["label"])
    assert "Asunción de Kast como presidente de Chile" in set(frame["label"])


def test_timeline_keeps_events_unless_the_dates_exclude_them(kast):
    by_stop = timeline_frame(kast, ViewState(stop="lima"))
    assert set(by_stop["place"].dropna()) == {"lima"}
    assert "inauguration" in set(by_stop["id"])
    by_date = timeline_frame(kast, ViewState(end=dt.date(2025, 12, 31)))
    assert "inauguration" not in set(by_date["id"])
    assert "runoff-election" in set(by_date["id"])
    assert "lima" not in set(by_date["id"])


def test_timeline_table_is_written_out(kast):
    table = timeline_table(timeline_frame(kast, ES), "es")
    lima = table[table["Tipo"] == "anunciada"].to_dict("records")
    assert [row["Fecha"] for row in lima] == ["enero de 2026"]
    assert "hito" in set(table["Tipo"])
    assert (
        _row(table, "id", "inauguration")["Fuentes"]
        == "Latin America Reports: Chile president-elect Kast targets crime…"
    )


# --- topic_counts --------------------------------------------------------------------------


def test_mini_topic_counts(mini_tour):
    frame = topic_counts(mini_tour, EN)
    rows = {(r["stop"], r["topic"]): r["count"] for r in frame.to_dict("records")}
    # c1 and c2 were made in Lima; c2 also mentions Tacna but counts once, where it was made.
    assert rows == {("1. Lima", "Security"): 2, ("1. Lima", "Border"): 1}


def test_kast_topic_counts_order_and_buckets(kast):
    frame = topic_counts(kast, ES)
    assert list(dict.fromkeys(frame["stop"])) == ["1. Buenos Aires", "2. Quito", "3. Lima", "Toda la gira"]
    assert list(frame[frame["stop_id"] == TOUR_WIDE]["stop"].unique()) == ["Toda la gira"]
    lima = frame[frame["stop_id"] == "lima"]
    assert _row(lima, "topic_id", "mining")["topic"] == "Minería"
    # A claim with several topics counts once per topic: the total exceeds the number of claims.
    assert frame["count"].sum() == sum(len(set(c.topics)) for c in kast.claims)


def test_topic_filter_counts_only_the_chosen_topics(kast):
    frame = topic_counts(kast, ViewState(topics=("mining",)))
    assert set(frame["topic_id"]) == {"mining"}
    assert list(frame["stop_id"]) == ["lima", TOUR_WIDE]


def test_claim_stop_falls_back_to_mentions_then_tour_wide(mini_tour):
    c1, c2 = mini_tour.claims
    tour = mini_tour.model_copy(
        update={
            "claims": [
                c1.model_copy(update={"place": None, "topics": ["border", "border"]}),
                c2.model_copy(update={"place": None, "mentions": ["tacna", "lima"]}),
            ]
        }
    )
    rows = {(r["stop_id"], r["topic_id"]): r["count"] for r in topic_counts(tour, EN).to_dict("records")}
    assert rows == {("tacna", "border"): 1, ("tacna", "security"): 1, (TOUR_WIDE, "border"): 1}
    assert _row(topic_counts(tour, EN), "stop_id", TOUR_WIDE)["stop"] == "Tour-wide"
    assert [c.id for c in claims_behind(tour, EN, "tacna", "security")] == ["c2"]


def test_claims_behind_a_bar(mini_tour):
    assert [c.id for c in claims_behind(mini_tour, EN, "lima", "border")] == ["c2"]
    assert [c.id for c in claims_behind(mini_tour, EN, "lima", "security")] == ["c1", "c2"]
    assert claims_behind(mini_tour, EN, "quito", "security") == []


def test_topic_table_is_a_grid_of_numbers(mini_tour):
    table = topic_table(topic_counts(mini_tour, ES), "es")
    assert list(table.columns) == ["Parada", "Seguridad", "Border"]  # each row names its stop
    lima = _row(table, "Parada", "1. Lima")
    assert (lima["Seguridad"], lima["Border"]) == (2, 1)
    assert topic_table(topic_counts(mini_tour, ViewState(stop="quito")), "en").empty


# --- claims_frame --------------------------------------------------------------------------


def test_claims_frame(mini_tour):
    frame = claims_frame(mini_tour, mini_tour.claims, "en")
    # Reading order: what was said, the words themselves, who, says who; the id (for no reader) last.
    assert list(frame.columns) == ["Claim", "Quote", "Speaker", "Sources", "Place", "Kind", "Topics", "id"]
    c2 = _row(frame, "id", "c2")
    assert (c2["Place"], c2["Speaker"], c2["Topics"]) == ("Lima", "Someone", "Border, Security")
    # Tables show text as it is; CSV exports neutralise formulas, a table has no need to.
    assert c2["Quote"] == "=cmd|' /C calc'!A0"
    assert _row(frame, "id", "c1")["Quote"] == ""


def test_claims_frame_in_spanish(kast):
    claim = next(c for c in kast.claims if c.id == "lima-illegal-mining")
    row = claims_frame(kast, [claim], "es").to_dict("records")[0]
    assert row["Lugar"] == "Lima"
    assert row["Temas"] == "Minería, Seguridad y crimen organizado"
    assert row["Afirmación"] == claim.text.get("es") != claim.text.en


# --- proposals -----------------------------------------------------------------------------


def test_kast_proposal_grid(kast):
    grid = proposal_grid(kast, EN)
    assert list(grid.columns) == ["Chile (CL)", "Argentina (AR)", "Ecuador (EC)", "Peru (PE)"]
    corridor = grid.loc["Regional Humanitarian Corridor"]
    assert corridor["Peru (PE)"] == "✖ rejected"
    assert corridor["Ecuador (EC)"] == "◐ discussed"
    assert corridor["Chile (CL)"] == "○ proposed"
    assert corridor["Argentina (AR)"] == ""
    assert grid.loc["Chile–Argentina joint roadmap", "Argentina (AR)"] == "● agreed"


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("en", ["Chile (CL)", "Argentina (AR)", "Ecuador (EC)", "Peru (PE)"]),
        ("es", ["Chile (CL)", "Argentina (AR)", "Ecuador (EC)", "Perú (PE)"]),
    ],
)
def test_proposal_grid_headers_name_each_country_in_the_view_language(kast, lang, headers):
    assert list(proposal_grid(kast, ViewState(lang=lang)).columns) == headers


def test_kast_proposal_grid_in_spanish_filtered_by_country(kast):
    grid = proposal_grid(kast, ViewState(lang="es", countries=("PE",)))
    assert list(grid.columns) == ["Perú (PE)"]
    assert grid.loc["Corredor Humanitario Regional", "Perú (PE)"] == "✖ rechazada"
    roadmap = next(p for p in kast.proposals if p.id == "argentina-roadmap")
    assert roadmap.title.get("es") in proposal_grid(kast, ES).index
    assert roadmap.title.get("es") not in grid.index  # it has no row in Peru
    assert grid.index.name == "Propuesta"


def test_grid_shows_the_latest_status_among_the_filtered_rows(mini_tour):
    p1 = mini_tour.proposals[0]
    rows = [
        StatusChange(country="PE", status="proposed", date=dt.date(2026, 1, 7), sources=["s1"]),
        StatusChange(country="PE", status="agreed", date=dt.date(2026, 2, 1), sources=["s1"]),
    ]
    tour = mini_tour.model_copy(update={"proposals": [p1.model_copy(update={"history": rows})]})
    assert proposal_grid(tour, EN).loc["A plan", "Peru (PE)"] == "● agreed"
    assert proposal_grid(tour, ViewState(end=dt.date(2026, 1, 31))).loc["A plan", "Peru (PE)"] == "○ proposed"
    assert proposal_grid(tour, ViewState(countries=("CL",))).empty


@pytest.mark.parametrize(("lang", "word"), [("en", "rejected"), ("es", "rechazada")])
def test_status_legend(lang, word):
    legend = status_legend(lang)
    assert len(legend) == len(STATUSES)
    assert ("✖", word, "#D55E00") in legend
    assert len({symbol for symbol, _, _ in legend}) == len(STATUSES)  # symbols tell statuses apart


def test_history_frame(mini_tour):
    frame = history_frame(mini_tour, mini_tour.proposals[0], None, "en")
    assert list(frame["Status"]) == ["○ proposed", "✖ rejected"]
    assert list(frame["Date"]) == ["7 January 2026", "not stated"]
    assert list(frame["Note"]) == ["", "Said no"]
    spanish = history_frame(mini_tour, mini_tour.proposals[0], mini_tour.proposals[0].history[1:], "es")
    assert spanish.to_dict("records") == [
        {
            "País": "PE",
            "Estado": "✖ rechazada",
            "Fecha": "no consta",
            "Lugar": "",
            "Fuentes": "An article",
            "Nota": "Said no",
        }
    ]


def test_kast_history_names_the_visit(kast):
    corridor = next(p for p in kast.proposals if p.id == "humanitarian-corridor")
    frame = history_frame(kast, corridor, None, "es")
    assert _row(frame, "Fecha", "23 de diciembre de 2025")["Lugar"] == "Quito"


# --- sources, discrepancies, key figures ---------------------------------------------------


def test_sources_frame(kast):
    frame = sources_frame(kast, "en")
    s000 = _row(frame, "id", "s000-en")
    assert (s000["Translation of"], s000["Published"], s000["Outlet"]) == (
        "s001-es",
        "22 December 2025",
        "not stated",
    )
    assert s000["Language"] == "English"
    s002 = _row(frame, "id", "s002-en")
    assert (s002["Title"], s002["Published"]) == ("not stated", "not stated")
    assert _row(frame, "id", "s003-en")["First published by"] == "Ámbito"
    assert _row(frame, "id", "s004-en")["Outlet"] == "Latin America Reports"


def test_sources_frame_in_spanish(mini_tour):
    row = sources_frame(mini_tour, "es").to_dict("records")[0]
    assert (row["Título"], row["Publicado"], row["Idioma"]) == ("An article", "no consta", "inglés")


def test_discrepancy_rows(mini_tour, kast):
    assert discrepancy_rows(mini_tour, "en") == [
        {
            "id": "d1",
            "subject": "Quito date",
            "field": "",
            "note": "",
            "variants": [
                {"value": "10 January", "sources": ["s1"]},
                {"value": "11 January", "sources": ["s1"]},
            ],
        }
    ]
    duration = discrepancy_rows(kast, "es")[0]
    assert [v["value"] for v in duration["variants"]] == ["Más de una hora", "Dos horas"]
    assert duration["variants"][1]["sources"] == ["s003-en"]


# --- helpers -------------------------------------------------------------------------------


def _evil_tour(tour: Tour) -> Tour:
    """``tour`` with markup in Lima's name and in the first topic's label."""
    places = [p.model_copy(update={"name": EVIL}) if p.id == "lima" else p for p in tour.places]
    first, *rest = tour.topics
    label = first.label.model_copy(update={"en": f"Security {EVIL}"})
    return tour.model_copy(
        update={"places": places, "topics": [first.model_copy(update={"label": label}), *rest]}
    )


def test_frames_keep_markup_as_literal_text(mini_tour):
    evil = _evil_tour(mini_tour)
    counts = topic_counts(evil, EN)
    assert set(counts["stop"]) == {f"1. {EVIL}"}
    assert f"Security {EVIL}" in set(counts["topic"])
    assert _row(claims_frame(evil, evil.claims, "en"), "id", "c1")["Place"] == EVIL
    assert timeline_frame(evil, EN)["label"].iloc[0] == f"1. {EVIL} — José Jerí"


# --- citations: the key to source ids, the disagreements and articles a filtered view shows ------


def test_claim_sources_include_each_quotes_own_source(mini_tour):
    c1, c2 = mini_tour.claims
    quoted = c2.model_copy(update={"quote_source": "s9"})
    assert citations.claim_sources([c1, quoted]) == ["s1", "s9"]
    assert citations.split_ids(["s1, s2", "", None, "s2"]) == ["s1", "s2"]


@pytest.mark.parametrize(
    ("lang", "ids", "expected"),
    [
        ("en", ["s003-en"], [("s003-en", "Ámbito: Chilean president-elect José Antonio Kast meets Milei")]),
        ("en", ["s000-en"], [("s000-en", f"English · 22 December 2025 · Translation of {S001}")]),
        ("es", ["s002-en"], [("s002-en", "artículo sin título · inglés")]),  # nothing it does not say
    ],
)
def test_source_key_says_what_each_id_is(kast, lang, ids, expected):
    key = citations.source_key(kast, ids, lang)
    assert [sid for sid, _ in key] == [sid for sid, _ in expected]
    assert all(part in line for (_, line), (_, part) in zip(key, expected, strict=True)), key


def test_source_key_follows_the_tours_order_and_skips_unknown_ids(kast):
    ids = [s.id for s in kast.sources]
    assert [sid for sid, _ in citations.source_key(kast, [*reversed(ids), "nope"], "en")] == ids
    assert citations.source_key(kast, [], "en") == []


@pytest.mark.parametrize(
    ("state", "ids"),
    [
        (EN, None),  # unfiltered: every disagreement
        (ViewState(stop="quito"), ["noboa-meeting-date", "jeri-rejection-setting", "corridor-origin"]),
        (ViewState(stop="buenos-aires"), ["milei-meeting-duration", "will-copy-crisis-attribution"]),
        (ViewState(countries=("PE",)), ["lima-meeting-date", "jeri-rejection-setting", "corridor-origin"]),
        # After 1 March: the inauguration, and the corridor, whose undated rows no date filter drops.
        (
            ViewState(start=dt.date(2026, 3, 1)),
            ["march-2026-election-or-inauguration", "jeri-rejection-setting", "corridor-origin"],
        ),
        (ViewState(topics=("prisons",), countries=("AR",)), []),
    ],
)
def test_discrepancies_follow_the_filters(kast, state, ids):
    shown = [d.id for d in citations.discrepancies_shown(kast, state)]
    assert shown == (ids if ids is not None else [d.id for d in kast.discrepancies])


@pytest.mark.parametrize(
    ("field", "shown"),
    [
        ("visits.quito.dates", True),
        ("places.quito", True),
        ("visits.lima", False),
        ("claims.c1", True),
        ("proposals.p1.history", True),
        ("events.e1", False),
        ("", False),
        (None, False),
        ("weather.quito", False),
    ],
)
def test_a_discrepancy_concerns_the_record_its_field_names(field, shown):
    view = citations.Shown(places={"quito"}, claims={"c1"}, proposals={"p1"}, events=set())
    assert citations.concerns(field, view) is shown


def test_articles_table_keeps_only_the_cited_articles(kast):
    assert len(citations.articles_frame(kast, "en", None)) == len(kast.sources)
    cited = citations.articles_frame(kast, "es", ["s004-en", "s001-es"])
    assert list(cited["id"]) == ["s001-es", "s004-en"]
    assert citations.articles_frame(kast, "en", []).empty
