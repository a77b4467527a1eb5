"""From articles to a cited draft (issue 13): pure rules over an article's text, no model weights."""
