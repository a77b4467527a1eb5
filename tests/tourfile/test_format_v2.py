"""Format version 2: source links, any ISO 639-1 language, people as plain names, inherited sources;
version-1 files load unchanged, and `upgrade` moves a file to version 2 changing one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard import cli
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import DEFAULT_TOUR, load_text, load_tour
from dashboard.tourfile.model import FORMAT_VERSION
from dashboard.views.filters import ViewState
from dashboard.views.tables import stops_frame
from tests.conftest import MINI_YAML, changed_lines, plain_text

V2 = """\
format_version: 2
id: v2
title: {en: Version two}
subject: Someone
sources:
  - id: fr1
    title: Un article
    author: Marie Curie
    outlet: Le Journal
    language: fr
    published: 2026-01-08
    url: https://example.org/article?id=1&lang=fr
    archived_url: https://web.archive.org/web/2026/https://example.org/article
    accessed: 2026-01-09
  - {id: de1, title: Ein Artikel, language: de}
places:
  - {id: paris, name: Paris, country: FR, role: visit, latitude: 48.85, longitude: 2.35, sources: [fr1]}
visits:
  - place: paris
    order: 1
    dates: [{start: 2026-01-07}]
    counterparts: [Jane Doe, {name: John Roe, office: {en: Mayor}, sources: [de1]}]
    duration: [{text: {en: an hour}}]
"""


def test_a_version_2_tour_loads_with_links_languages_names_and_inherited_sources():
    tour = load_text(V2, "v2.yaml")
    source = tour.source("fr1")
    assert (source.author, source.url, source.language) == (
        "Marie Curie",
        "https://example.org/article?id=1&lang=fr",
        "fr",
    )
    visit = tour.visits[0]
    assert visit.sources == ["fr1"]  # from its place
    assert visit.dates[0].sources == ["fr1"]  # from its visit
    assert [(p.name, p.sources) for p in visit.counterparts] == [("Jane Doe", ["fr1"]), ("John Roe", ["de1"])]
    assert visit.duration[0].sources == ["fr1"]


def test_views_show_the_inherited_citations():
    row = stops_frame(load_text(V2, "v2.yaml"), ViewState()).iloc[0]
    assert row["Dates"] == "7 January 2026 (took place) [Le Journal: Un article]"
    assert "Jane Doe" in row["Counterparts"]


def test_a_visit_with_no_sources_to_inherit_is_an_error():
    text = V2.replace(", sources: [fr1]}\nvisits", "}\nvisits")
    said = r"visit 'paris' \(visits\[0\]\)\.sources \(line 19, column 5\): no sources"
    with pytest.raises(TourError, match=said):
        load_text(text, "v2.yaml")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/a", "https://exa mple.org", "//example.org", "example.org"],
)
def test_a_source_link_must_be_a_web_address(url: str):
    with pytest.raises(TourError, match="expected a web address starting with http:// or https://"):
        load_text(V2.replace("https://example.org/article?id=1&lang=fr", json.dumps(url)), "v2.yaml")


def test_version_1_files_load_unchanged():
    kast = load_tour(DEFAULT_TOUR)
    assert kast.format_version == 1 and len(kast.visits) == 3
    mini = load_text(MINI_YAML, "mini.yaml")  # no format_version: the first version
    assert mini.visits[0].dates[0].sources == ["s1"]


def test_a_version_1_file_using_version_2_is_told_to_upgrade():
    with pytest.raises(TourError) as caught:
        load_text(V2.replace("format_version: 2", "format_version: 1"), "v1.yaml")
    text = plain_text(caught.value)
    for where in (
        "sources[0].author",
        "sources[0].url",
        "sources[0].language",
        "counterparts[0]",
        "visits[0].sources",
    ):
        assert where in text
    assert "run `python -m dashboard upgrade FILE`" in text


def _v1_yaml(data: dict[str, Any]) -> str:
    return "# my tour\n" + yaml.safe_dump({"format_version": 1, **data}, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("kind", ["yaml", "yaml-without-version", "json", "json-without-version"])
def test_upgrade_changes_one_line_and_the_file_loads(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
):
    data = yaml.safe_load(MINI_YAML)
    if kind.startswith("json"):
        text = json.dumps(
            {**({} if "without" in kind else {"format_version": 1}), **data}, indent=2, default=str
        )
        path = tmp_path / "tour.json"
    else:
        text = _v1_yaml(data) if "without" not in kind else "# my tour\n" + MINI_YAML
        path = tmp_path / "tour.yaml"
    path.write_text(text, encoding="utf-8")

    assert cli.main(["upgrade", str(path)]) == 0

    assert capsys.readouterr().out.startswith(f"upgraded {path} from format version 1 to {FORMAT_VERSION}")
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(text, after)
    assert len(removed) <= 1 and len(added) == 1 and "format_version" in added[0]
    assert load_tour(path).format_version == FORMAT_VERSION
    assert cli.main(["upgrade", str(path)]) == 0  # a second time: nothing to do
    assert "already in format version 2" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == after
