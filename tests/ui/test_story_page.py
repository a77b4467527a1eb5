"""The story page: a step per visit between an introduction and the outcomes, a link to every step
(``?step=lima``), previous and next, and the ways to publish it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.render import images
from tests.conftest import ROOT
from tests.support import reliability

APP = str(ROOT / "streamlit_app.py")


def _story(**params: str) -> AppTest:
    """The story page opened from a link with ``params`` (read on the session's first run)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page("dashboard/ui/pages/story.py").run()


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_link_opens_its_step_with_date_people_quote_and_changes() -> None:
    at = _story(step="lima")
    assert not at.exception and not at.error
    assert at.header[0].value == "Story"
    assert at.subheader[0].value == "3\\. Lima"
    text = _text(at)
    assert "Step 4 of 5" in text and "José Jerí" in text and "7 January 2026" in text
    # The key quote, verbatim, with its source's title as a link to the article.
    assert "no flags" in text and "Chile president\\-elect Kast targets crime" in text  # its source's title
    assert "Regional Humanitarian Corridor" in text


def test_previous_and_next_move_through_the_steps_and_the_address_follows() -> None:
    at = _story(step="quito")
    at.button(key="story_prev").click().run()
    assert at.subheader[0].value == "1\\. Buenos Aires" and at.query_params["step"] == "buenos-aires"
    at.button(key="story_prev").click().run()
    assert at.subheader[0].value == "Introduction" and at.button(key="story_prev").disabled
    for _ in range(4):
        at.button(key="story_next").click().run()
    assert at.query_params["step"] == "outcomes" and at.button(key="story_next").disabled
    assert "Regional Humanitarian Corridor, Peru: rejected" in _text(at).replace("\\", "")


@pytest.mark.parametrize(
    ("lang", "count", "previous"),
    [("es", "Paso 3 de 5", "← Anterior"), ("fr", "Étape 3 sur 5", "← Précédent")],
)
def test_the_story_in_the_readers_language(lang: str, count: str, previous: str) -> None:
    at = _story(step="quito", lang=lang)
    assert count in _text(at) and at.button(key="story_prev").label == previous


@pytest.mark.parametrize("step", ["atlantis", "_outcomes", "_intro"])  # the Kast tour's ends need no "_"
def test_an_unknown_step_is_reported_and_the_story_starts_at_the_beginning(step: str) -> None:
    at = _story(step=step)
    assert f"step='{step}'" in at.warning[0].value.replace("\\", "")  # the notice names it, as typed
    assert at.subheader[0].value == "Introduction" and "step" not in at.query_params


def test_the_page_offers_the_story_file_its_embed_snippet_and_the_pack() -> None:
    at = _story()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the story (HTML, works offline)" in labels
    assert "Download the evidence pack (ZIP)" in labels
    (snippet,) = [c.value for c in at.code]
    # The snippet embeds the file by the name it downloads under.
    assert '<iframe src="kast-tour-2025-story-en.html"' in snippet and "Kast" in snippet


def test_images_the_browser_takes_too_long_to_draw_are_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Draw the images" holds the browser to one wall-clock deadline for the four images (tiny here):
    a browser that hangs is stopped, and the page says why in one line, keeping the button."""
    browser = tmp_path / "hanging-browser"
    browser.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    monkeypatch.setattr(images, "ALL_IMAGES", 0.5)
    at = _story()
    at.button(key="draw_images").click().run()
    (error,) = at.error
    said = f"the browser took over 0.5 s to draw the images ({browser})"
    assert error.value.replace("\\", "") == f"The images cannot be drawn here: {said}"
    assert not at.exception and at.button(key="draw_images").label.startswith("Draw the images")
    shown = error.value.replace("\\", "").replace(str(browser), "a browser that hangs")
    reliability.record(reliability.DEADLINES, "app: Draw the images, browser hangs (0.5 s for the four)",
                       {"refused": True, "shown": shown})  # fmt: skip
