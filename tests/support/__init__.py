"""Helpers the tests share that are not fixtures: hostile and limit tours, the reliability records,
the test tiers and their guard."""
