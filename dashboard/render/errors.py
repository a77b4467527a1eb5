"""What an export that needs more than Python can fail with: no browser to draw an image, or a
browser that failed. The message is one line, for the command line and the app alike."""


class ExportError(RuntimeError):
    """An export that cannot be made here; the message says why and what to install."""
