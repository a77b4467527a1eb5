"""User-interface strings in English and Spanish, and date formatting per language.

Dataset texts carry their own translations (``Text.en`` / ``Text.es``); this module
holds only the interface's words. A missing Spanish string falls back to English,
and tests/test_i18n.py checks that none is missing.
"""

from __future__ import annotations

import datetime as dt

LANGS = ("en", "es")
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}  # fmt: skip

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Diplomatic tour map", "es": "Mapa de la gira diplomática"},
    "language": {"en": "Language", "es": "Idioma"},
    "filters": {"en": "Filters", "es": "Filtros"},
    "stop": {"en": "Stop", "es": "Parada"},
    "all_stops": {"en": "All stops", "es": "Todas las paradas"},
    "country": {"en": "Country", "es": "País"},
    "topic": {"en": "Topic", "es": "Tema"},
    "topics": {"en": "Topics", "es": "Temas"},
    "date_range": {"en": "Dates", "es": "Fechas"},
    "reset": {"en": "Reset view", "es": "Restablecer vista"},
    "map": {"en": "Route map", "es": "Mapa de la ruta"},
    "timeline": {"en": "Timeline", "es": "Cronología"},
    "topics_per_stop": {"en": "Topics per stop", "es": "Temas por parada"},
    "proposals": {"en": "Proposals", "es": "Propuestas"},
    "evidence": {"en": "Sources and evidence", "es": "Fuentes y evidencia"},
    "overview": {"en": "Overview", "es": "Resumen"},
    "date": {"en": "Date", "es": "Fecha"},
    "dates": {"en": "Dates", "es": "Fechas"},
    "venue": {"en": "Venue", "es": "Lugar"},
    "met": {"en": "Met", "es": "Se reunió con"},
    "others_met": {"en": "Also met", "es": "También se reunió con"},
    "delegation": {"en": "Delegation", "es": "Comitiva"},
    "duration": {"en": "Duration", "es": "Duración"},
    "quote": {"en": "Quote", "es": "Cita"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "source": {"en": "Source", "es": "Fuente"},
    "speaker": {"en": "Speaker", "es": "Quién"},
    "claim": {"en": "Claim", "es": "Afirmación"},
    "status": {"en": "Status", "es": "Estado"},
    "note": {"en": "Note", "es": "Nota"},
    "proposal": {"en": "Proposal", "es": "Propuesta"},
    "proposer": {"en": "Proposed by", "es": "Propuesta por"},
    "history": {"en": "Status history", "es": "Historial del estado"},
    "legend": {"en": "Legend", "es": "Leyenda"},
    "origin": {"en": "Origin", "es": "Origen"},
    "visit": {"en": "Visit (numbered in tour order)", "es": "Visita (numerada según el orden)"},
    "discussed": {"en": "Discussed place (not visited)", "es": "Lugar tratado (no visitado)"},
    "border_pair": {"en": "Border pair discussed", "es": "Par fronterizo tratado"},
    "leg": {"en": "Tour order (straight line, not the flight path)", "es": "Orden de la gira (línea recta, no la ruta de vuelo)"},
    "visits": {"en": "Visits", "es": "Visitas"},
    "countries": {"en": "Countries", "es": "Países"},
    # Key-figure labels stay short (a fifth of the page wide); the *_help strings say what they count.
    "days": {"en": "Days", "es": "Días"},
    "km": {"en": "Kilometres", "es": "Kilómetros"},
    "counterparts": {"en": "People met", "es": "Interlocutores"},
    "visits_help": {"en": "Places visited on the tour; the starting point is not counted.", "es": "Lugares visitados en la gira; el punto de partida no se cuenta."},
    "countries_help": {"en": "Countries visited; the country the tour started from is not counted.", "es": "Países visitados; no se cuenta el país desde el que partió la gira."},
    "days_help": {"en": "From the first day of the first visit to the last day of the last one, both counted.", "es": "Desde el primer día de la primera visita hasta el último de la última, ambos incluidos."},
    "km_help": {"en": "Straight lines from stop to stop, not the distance actually flown or driven.", "es": "En línea recta de parada a parada, no la distancia realmente recorrida."},
    "counterparts_help": {"en": "Named people met at the visits: counterparts and others.", "es": "Personas con nombre con quienes se reunió en las visitas: interlocutores y otros."},
    "discrepancies": {"en": "Where the sources disagree", "es": "Dónde difieren las fuentes"},
    "articles": {"en": "Articles", "es": "Artículos"},
    "claims": {"en": "Claims and quotes", "es": "Afirmaciones y citas"},
    "unknown": {"en": "not stated", "es": "no consta"},
    "scheduled": {"en": "scheduled", "es": "prevista"},
    "announced": {"en": "announced", "es": "anunciada"},
    "actual": {"en": "took place", "es": "realizada"},
    "itinerary": {"en": "Stops: where, when, whom, what, says who", "es": "Paradas: dónde, cuándo, con quién, qué, según quién"},
    "rows_shown": {"en": "Showing the first {shown} of {total} stops: the filters narrow the list, and the CSV has every row.", "es": "Se muestran las primeras {shown} de {total} paradas: los filtros acotan la lista y el CSV tiene todas las filas."},
    "stops_listed": {"en": "The list holds the first {shown} of {total} stops: the filters narrow it, and a click on the map picks any stop.", "es": "La lista tiene las primeras {shown} de {total} paradas: los filtros la acotan, y un clic en el mapa elige cualquier parada."},
    "download_itinerary": {"en": "Download this table (CSV)", "es": "Descargar esta tabla (CSV)"},
    "loading_upload": {"en": "Checking the tour file and adding missing coordinates…", "es": "Revisando el archivo y añadiendo las coordenadas que faltan…"},
    "choose": {"en": "Choose options", "es": "Elija opciones"},
    "table_alternative": {"en": "Show as a table", "es": "Ver como tabla"},
    "download_html": {"en": "Download map (HTML)", "es": "Descargar mapa (HTML)"},
    "download_geojson": {"en": "Download GeoJSON", "es": "Descargar GeoJSON"},
    "download_proposals": {"en": "Download proposals (CSV)", "es": "Descargar propuestas (CSV)"},
    "download_claims": {"en": "Download claims (CSV)", "es": "Descargar afirmaciones (CSV)"},
    "upload": {"en": "Open your own tour file", "es": "Abrir su propio archivo de gira"},
    "upload_help": {"en": "YAML or JSON in the documented tour format", "es": "YAML o JSON con el formato documentado"},
    "bad_params": {"en": "Some link parameters were not understood and were reset", "es": "Algunos parámetros del enlace no se entendieron y se restablecieron"},
    "no_match": {"en": "Nothing matches these filters.", "es": "Nada coincide con estos filtros."},
    "no_claims": {"en": "This tour file has no claims or quotes.", "es": "Este archivo de gira no tiene afirmaciones ni citas."},
    "no_proposals": {"en": "This tour file has no proposals.", "es": "Este archivo de gira no tiene propuestas."},
    "no_dates": {"en": "This tour file has no dated visits or milestones.", "es": "Este archivo de gira no tiene visitas ni hitos con fecha."},
    "no_discrepancies": {"en": "The sources of this tour file do not disagree on anything recorded.", "es": "Las fuentes de este archivo de gira no discrepan en nada de lo registrado."},
    "no_discrepancy_match": {"en": "No recorded disagreement concerns what these filters show.", "es": "Ninguna discrepancia registrada se refiere a lo que muestran estos filtros."},
    "discrepancies_filtered": {"en": "Filtered: {shown} of {total} disagreements, those about the stops, claims, proposals and dates these filters show.", "es": "Filtrado: {shown} de {total} discrepancias, las que tratan de las paradas, afirmaciones, propuestas y fechas que muestran estos filtros."},
    "articles_filtered": {"en": "Filtered: {shown} of {total} articles, those cited by the disagreements and claims above.", "es": "Filtrado: {shown} de {total} artículos, los citados por las discrepancias y afirmaciones de arriba."},
    "sources_key": {"en": "Sources cited here ({count})", "es": "Fuentes citadas aquí ({count})"},
    "untitled": {"en": "untitled", "es": "sin título"},
    "detail": {"en": "Detail", "es": "Dato"},
    "value": {"en": "Value", "es": "Valor"},
    "claim_help": {"en": "What the sources report, in the chosen language.", "es": "Lo que informan las fuentes, en el idioma elegido."},
    "quote_help": {"en": "Verbatim, in the language of its source (never translated).", "es": "Textual, en el idioma de su fuente (nunca traducida)."},
    "speaker_help": {"en": "Who said it, when it is a statement.", "es": "Quién lo dijo, cuando es una declaración."},
    "sources_help": {"en": "Article ids: the key to them is under “Sources cited here”.", "es": "Identificadores de los artículos: la clave está en «Fuentes citadas aquí»."},
    "selected": {"en": "Selected stop", "es": "Parada seleccionada"},
    "click_hint": {"en": "Click a stop on the map to select it.", "es": "Haga clic en una parada del mapa para seleccionarla."},
    "election": {"en": "Election", "es": "Elección"},
    "none": {"en": "none", "es": "ninguno"},
    "by": {"en": "by", "es": "por"},
    "general": {"en": "Tour-wide", "es": "Toda la gira"},
    "bar_hint": {"en": "Click a bar to list the claims and quotes behind it.", "es": "Haga clic en una barra para ver las afirmaciones y citas que la sustentan."},
    "claims_count": {"en": "Cited claims", "es": "Afirmaciones citadas"},
    "share_hint": {"en": "The address bar holds this view: copy it to share exactly what you see.", "es": "La barra de direcciones guarda esta vista: cópiela para compartir exactamente lo que ve."},
    "tour_error": {"en": "This tour file cannot be used", "es": "Este archivo de gira no se puede usar"},
    "geocoded": {"en": "Coordinates added from the offline gazetteer", "es": "Coordenadas añadidas desde el nomenclátor sin conexión"},
    "unresolved": {"en": "No coordinates found for", "es": "No se encontraron coordenadas para"},
    "using_tour": {"en": "Tour shown", "es": "Gira mostrada"},
    "back_to_default": {"en": "Back to the default tour", "es": "Volver a la gira predeterminada"},
}  # fmt: skip


def t(key: str, lang: str, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English when missing), its ``{placeholders}`` filled."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


# Decimal mark, then thousands separator (plotly's ``layout.separators`` takes them in this order).
SEPARATORS = {"en": ".,", "es": ",."}


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """``6,802`` in English, ``6.802`` in Spanish: the marks a reader of ``lang`` expects."""
    text = f"{value:,.{decimals}f}"  # English marks, then swapped for Spanish in one pass
    return text.translate(str.maketrans(",.", ".,")) if lang == "es" else text


def format_date(day: dt.date | None, lang: str, precision: str = "day") -> str:
    """``16 December 2025`` / ``16 de diciembre de 2025``; month precision drops the day."""
    if day is None:
        return t("unknown", lang)
    month = MONTHS["es" if lang == "es" else "en"][day.month - 1]
    if lang == "es":
        return f"{month} de {day.year}" if precision == "month" else f"{day.day} de {month} de {day.year}"
    return f"{month} {day.year}" if precision == "month" else f"{day.day} {month} {day.year}"


def format_range(start: dt.date, end: dt.date | None, lang: str, precision: str = "day") -> str:
    if end is None or end == start or precision == "month":
        return format_date(start, lang, precision)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"
