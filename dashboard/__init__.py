"""Tour dashboard: a source-cited, geocoded dataset of a diplomatic tour, and its map."""

__version__ = "0.3.0"
