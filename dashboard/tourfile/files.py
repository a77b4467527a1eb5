"""Writing files safely: atomically, to the file meant, and never over someone else's edit.

A reader sees the old file or the new one, never half of either. A symbolic link is written
through: its target gets the new text and the link stays a link. Devices, FIFOs and files
without write permission are refused before any work; an edit in place holds a lock and
checks, just before replacing the file, that nobody changed it meanwhile.

A write that cannot happen raises :class:`WriteError`, whose message names the file and
says why in plain words ("the folder 'out' does not exist"), so the command line can
print one line instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; ``str()`` is ``"<file>: cannot write: <reason>"``."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: cannot write: {reason}")
        self.path = path
        self.reason = reason


def _not_a_file(path: Path) -> str | None:
    """Why ``path``, if it exists, is no regular file to write over (a device, a FIFO, a socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file; give the name of a file to write inside it"
    kinds = {stat.S_ISCHR: "a device", stat.S_ISBLK: "a device", stat.S_ISFIFO: "a FIFO (a pipe)"}
    kind = next((word for test, word in kinds.items() if test(mode)), None)
    if kind is None and not stat.S_ISREG(mode):
        kind = "a socket or another special file"
    return f"it is {kind}, not a regular file" if kind else None


def unwritable_reason(path: Path) -> str | None:
    """Why ``path`` cannot be written as a file, in plain words; None if nothing stands in the way."""
    path = Path(path)
    path = path.resolve() if path.is_symlink() else path  # a link is written through to its target
    folder = path.parent
    if reason := _not_a_file(path):
        return reason
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


def check_writable(path: Path, inputs: tuple[Path, ...] = (), what: str = "the tour file") -> None:
    """Raise :class:`WriteError` now if ``path`` cannot be written (before costly work), if it is
    marked read-only (as :func:`check_editable` refuses it), or if it is one of the files being read
    (``inputs``, which ``what`` names): an output must never replace its own input."""
    reason = unwritable_reason(path) or _read_only(Path(path).resolve())
    if reason is None and any(same_file(path, source) for source in inputs):
        reason = f"it is {what} being read; write the output to another file"
    if reason:
        raise WriteError(path, reason)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links, or by two spellings)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_editable(path: Path) -> None:
    """Raise :class:`WriteError` unless ``path`` is a regular file its owner may write (a tour to
    edit in place). Checked from the mode bits: root may write anything, but a file marked
    read-only (0444) says its owner wants it left alone."""
    target = Path(path).resolve()
    reason = _not_a_file(target) or unwritable_reason(target) or _read_only(target)
    if reason:
        raise WriteError(Path(path), reason)


def _read_only(path: Path) -> str | None:
    """Why an existing file must be left alone: its owner marked it read-only. Read from the mode
    bits, not from ``os.access``: root may write anything, but 0444 says what its owner wants."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # nothing there yet: a new file
    if mode & stat.S_IWUSR:
        return None
    return f"it is read-only (mode {stat.S_IMODE(mode):04o}); make it writable first"


@contextlib.contextmanager
def edit_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (through links) while it is edited, or raise WriteError at
    once: two edits of one file at a time would each overwrite the other's work."""
    with Path(path).resolve().open("rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriteError(Path(path), "another run is editing it now; try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` via a temporary file in the same folder and ``os.replace``.

    The temporary file is flushed to disk before the rename, so a crash or a kill at
    any moment leaves either the complete old file or the complete new one. Raises
    :class:`WriteError` (an ``OSError``) naming the file and the reason when it cannot.
    """
    path = Path(path)
    try:
        _write(path, text)
    except OSError as exc:
        raise WriteError(path, _reason(path, exc)) from exc


def _write(path: Path, text: str | bytes) -> None:
    path = path.resolve()  # through a link to its target: the link stays a link
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
