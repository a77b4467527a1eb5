"""What readers of a saved page see: the elements they cannot see are taken out before its text is
read, because what readers cannot see is not evidence. Hidden are an element with the ``hidden``
attribute, a ``<template>`` (never drawn), an element marked ``aria-hidden="true"`` and one whose
own ``style`` says ``display: none`` or ``visibility: hidden``. A stylesheet's rules are not
applied (only what an element says of itself), so a page can still hide text by class; what it
hides that way is no more than what a reader of its source could see.
"""

from __future__ import annotations

import re
from typing import Any

# A declaration of an element's own style that hides it ("color: red; display : none !important").
HIDING = re.compile(
    r"(?i)(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)"
)
CANDIDATES = "//*[@hidden] | //template | //*[@aria-hidden] | //*[@style]"


def _hidden(element: Any) -> bool:
    return (
        element.tag == "template"
        or element.get("hidden") is not None
        or (element.get("aria-hidden") or "").strip().lower() == "true"
        or HIDING.search(element.get("style") or "") is not None
    )


def _drop(element: Any) -> None:
    """Take ``element`` out of its page, keeping the text that follows it (its tail: visible)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def visible(page: str) -> Any:
    """The page as an HTML tree (trafilatura's) without the elements readers cannot see; the page
    itself when it cannot be parsed (trafilatura then says there is no text)."""
    import trafilatura

    tree = trafilatura.load_html(page)
    if tree is None:
        return page
    for element in tree.xpath(CANDIDATES):
        if _hidden(element):
            _drop(element)
    return tree
