"""Imported first by a breakdown server's process: switches off the parts ``TOUR_BENCH_OFF`` names
(``bench/breakdown_parts.py``). A module of its own so that importing the parts' code (the tests do)
changes nothing."""

from bench.breakdown_parts import install, off

install(off())
