"""Atomic file writing: a reader sees the old file or the new one, never half of either.

A write that cannot happen raises :class:`WriteError`, whose message names the file and
says why in plain words ("the folder 'out' does not exist"), so the command line can
print one line instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; ``str()`` is ``"<file>: cannot write: <reason>"``."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: cannot write: {reason}")
        self.path = path
        self.reason = reason


def unwritable_reason(path: Path) -> str | None:
    """Why ``path`` cannot be written as a file, in plain words; None if nothing stands in the way."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        return "it is a folder, not a file; give the name of a file to write inside it"
    if not folder.exists():
        return f"the folder {str(folder)!r} does not exist; create it first"
    if not folder.is_dir():
        return f"{str(folder)!r} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"permission denied: you may not create files in {str(folder)!r}"
    return None


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "it is a folder, not a file",
}


def _reason(path: Path, exc: OSError) -> str:
    # The checks explain the common cases best; the error number covers the rest.
    if exc.errno in _REASONS:
        return unwritable_reason(path) or _REASONS[exc.errno]
    return unwritable_reason(path) or exc.strerror or str(exc)


def check_writable(path: Path) -> None:
    """Raise :class:`WriteError` now if ``path`` cannot be written (before costly work)."""
    reason = unwritable_reason(path)
    if reason:
        raise WriteError(path, reason)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    The temporary file is flushed to disk before the rename, so a crash or a kill at
    any moment leaves either the complete old file or the complete new one. Raises
    :class:`WriteError` (an ``OSError``) naming the file and the reason when it cannot.
    """
    path = Path(path)
    try:
        _write(path, text)
    except OSError as exc:
        raise WriteError(path, _reason(path, exc)) from exc


def _write(path: Path, text: str) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
