"""Colours and symbols shared by the map and the charts.

The palette is Okabe and Ito's, safe for the common forms of colour blindness; every
colour-coded status also carries a text label and a symbol, so the tracker still
reads in greyscale.
"""

from __future__ import annotations

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

# Separate trips of one tour: a colour each (Okabe-Ito, after the first trip's blue), and a dash
# pattern each, so that trips still read apart in greyscale.
TRIP_COLORS = ["#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#D55E00"]
TRIP_DASHES = [None, "10 6", "2 6", "12 5 2 5", "6 3", "1 4"]

COLORS = {
    "origin": "#000000",
    "visit": "#0072B2",
    "discussed": "#D55E00",
    "leg": "#0072B2",
    "pair": "#D55E00",
    "selected": "#E69F00",
}

# Status -> (colour, symbol). Symbols differ in shape so the grid reads without colour.
STATUS_STYLE = {
    "proposed": ("#56B4E9", "○"),
    "discussed": ("#0072B2", "◐"),
    "under-study": ("#F0E442", "…"),
    "agreed": ("#009E73", "●"),
    "confirmed": ("#009E73", "✔"),
    "rejected": ("#D55E00", "✖"),
}
