"""The snippet that embeds the story file in a web page: a responsive iframe.

The story file is self-contained, so a newsroom hosts it beside the page (``story.html``) and
pastes this; the frame keeps the story's proportions at any width and a usable height on phones.
"""

from __future__ import annotations

import html


def embed_snippet(title: str, lang: str, src: str = "story.html") -> str:
    """HTML for a responsive iframe showing the story at ``src``; ``title`` names the frame for
    screen readers (escaped: it comes from the tour file)."""
    name, where, code = (html.escape(x, quote=True) for x in (title, src, lang))
    return (
        '<div style="position:relative;width:100%;max-width:1200px;aspect-ratio:16/10;min-height:560px">\n'
        f'  <iframe src="{where}" title="{name}" lang="{code}" loading="lazy" allow="fullscreen"\n'
        '    style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe>\n'
        "</div>\n"
    )
