"""The story's embed snippet: a responsive, named iframe; the tour's title cannot break out of it."""

from __future__ import annotations

from bs4 import BeautifulSoup

from dashboard.render.embed import embed_snippet


def test_the_snippet_is_a_named_responsive_frame() -> None:
    soup = BeautifulSoup(embed_snippet("Kast's tour", "es"), "html.parser")
    frame = soup.find("iframe")
    assert frame["src"] == "story.html" and frame["title"] == "Kast's tour" and frame["lang"] == "es"
    assert "width:100%" in frame["style"] and "aspect-ratio" in soup.find("div")["style"]


def test_a_hostile_title_stays_text() -> None:
    title = '"><script>alert(1)</script><iframe src="https://evil.example'
    soup = BeautifulSoup(embed_snippet(title, "en"), "html.parser")
    assert soup.find("script") is None and len(soup.find_all("iframe")) == 1
    assert soup.find("iframe")["title"] == title
