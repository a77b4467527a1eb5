"""The people a record's remarks say were met: an office and a name each, and no one merely mentioned."""

from __future__ import annotations

import pytest

from dashboard.archive.counterparts import people_met


@pytest.mark.parametrize(
    ("remarks", "met"),
    [
        ("Met with President José Raúl Mulino.", [("President", "José Raúl Mulino")]),
        ("Met with President Nayib Bukele and Foreign Minister Alexandra Hill Tinoco.",
         [("President", "Nayib Bukele"), ("Foreign Minister", "Alexandra Hill Tinoco")]),
        ("Met with Foreign Minister Laurent Fabius, Russian Foreign Minister Sergei Lavrov, and Libyan "
         "Foreign Minister Mohammed al-Dairi.",
         [("Foreign Minister", "Laurent Fabius"), ("Russian Foreign Minister", "Sergei Lavrov"),
          ("Libyan Foreign Minister", "Mohammed al-Dairi")]),
        ("Met informally with President Giscard d'Estaing, German Chancellor Schmidt.",
         [("President", "Giscard d'Estaing"), ("German Chancellor", "Schmidt")]),
        ("Met with Crown Prince Mohammed bin Salman and King Salman.",
         [("Crown Prince", "Mohammed bin Salman"), ("King", "Salman")]),
        ("Met with King Fahd and with Emir al-Sabah of Kuwait; discussed financing.",
         [("King", "Fahd"), ("Emir", "al-Sabah")]),
        ("Met with Queen Elizabeth II and Prime Minister David W. D. Cameron.",
         [("Queen", "Elizabeth II"), ("Prime Minister", "David W. D. Cameron")]),
        ("Discussed the Persian Gulf crisis with President Ozal and Foreign Minister Alptemocin.",
         [("President", "Ozal"), ("Foreign Minister", "Alptemocin")]),
        ("Met with President Baez and his Cabinet.", [("President", "Baez")]),
        ("Met with U.S. officials and President Lee. Addressed the press.", [("President", "Lee")]),
        ("Accompanied President Clinton.", []),
        ("Attended memorial services for former President De Gaulle.", []),
        ("Met with senior Russian officials.", []),
        ("", []),
    ],
)  # fmt: skip
def test_the_people_met_are_read_from_the_remarks(remarks: str, met: list[tuple[str, str]]):
    assert people_met(remarks) == met
