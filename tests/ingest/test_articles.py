"""Reading an article file: at most the size limit whatever the file is, devices and pipes refused in one
line naming the file, pages in the charset they declare, and one odd character reference never costing
the whole text (issue 24, items 6 and 15)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest import articles
from dashboard.ingest.articles import ArticleError, read
from tests.support import reliability

SECTION = "ingest refusals"
TEXT = (
    "The minister, Ana Torres, flew to Quito on Monday 5 January to meet President Daniel Noboa. "
    "We will build a safer border together, Ana Torres said after the meeting.\n"
)


def _refused(path: str | Path, said: str, case: str, hide: Path | None = None) -> None:
    """``read(path)`` is refused with one line naming the file and saying ``said``; the case is recorded."""
    with pytest.raises(ArticleError) as caught:
        read(Path(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and said in message and "\n" not in message, message
    reliability.record(SECTION, case, message.replace(str(hide), "…") if hide else message)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_before_a_byte_is_read(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this system")
    _refused(device, "it is a device, not a file", f"a device ({device})")


@pytest.mark.timeout(60)  # on the old code the open itself never returned: a hang guard, not a timing
def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    _refused(fifo, "it is a FIFO (a pipe), not a file", "a FIFO with no writer", tmp_path)


@pytest.fixture
def fed_pipe(tmp_path: Path) -> Iterator[Path]:
    """A FIFO a thread writes 11 MB of text into (more than the limit), then closes."""
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as out:  # waits for a reader; a refusal closes its end
                for _ in range(11):
                    out.write(TEXT.encode() * (1_000_000 // len(TEXT)))
        except OSError:
            pass  # the reader refused and closed the pipe: what the fixed code does

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    yield fifo
    # A writer still waiting for a reader is let in and finds the pipe closed (never blocks: O_NONBLOCK).
    os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
    writer.join(timeout=10)


def test_a_fifo_with_a_writer_is_refused(fed_pipe: Path) -> None:
    _refused(fed_pipe, "it is a FIFO (a pipe), not a file", "a FIFO with a writer (11 MB)", fed_pipe.parent)


def test_a_process_substitution_is_refused() -> None:
    """`ingest <(curl …)` hands over /dev/fd/N: a pipe, refused as a FIFO is."""
    read_end, write_end = os.pipe()
    os.write(write_end, TEXT.encode())
    os.close(write_end)
    try:
        with pytest.raises(ArticleError, match="it is a FIFO \\(a pipe\\), not a file") as caught:
            read(Path(f"/dev/fd/{read_end}"))
        assert str(caught.value).startswith(f"/dev/fd/{read_end}: ") and "\n" not in str(caught.value)
        message = str(caught.value).replace(f"/dev/fd/{read_end}", "/dev/fd/N")
        reliability.record(SECTION, "a process substitution", message)
    finally:
        os.close(read_end)


def test_a_file_whose_size_says_0_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A /proc file says it holds 0 bytes and holds more: it is read only to the limit, then refused."""
    proc = Path("/proc/self/maps")
    if not proc.exists() or proc.stat().st_size:
        pytest.skip("no /proc file whose size reads 0 here")
    monkeypatch.setattr(articles, "MAX_BYTES", 1000)  # /proc/self/maps of a Python process is far longer
    asked: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(ArticleError, match="too big for an article") as caught:
        read(proc)
    assert str(caught.value).startswith(f"{proc}: ") and asked and sum(asked) <= 1001
    reliability.record(SECTION, "a /proc file whose size reads 0 (limit 1,000 bytes)", str(caught.value))


def test_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    _refused(tmp_path / "articles", "it is a folder, not a file", "a folder", tmp_path)


def test_the_command_refuses_a_device_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ingest", "/dev/zero", "-o", str(tmp_path / "draft.yaml")]) == 1
    err = capsys.readouterr().err
    assert err == "error: /dev/zero: it is a device, not a file; save the article to a file and give that\n"
    assert not (tmp_path / "draft.yaml").exists()


PAGE = (
    '<!doctype html><html lang="es"><head>{meta}<title>Torres en Perú</title></head><body><article>'
    "<p>La ministra Ana Torres llegó a Lima el martes 6 de enero para reunirse con el presidente José Jerí. "
    "«La frontera será más segura», dijo Ana Torres después de la reunión con el mandatario peruano.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="ISO-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
)
def test_a_saved_latin_1_page_that_declares_its_charset_is_read(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta=meta).encode("latin-1"))
    article = read(path)
    assert "llegó a Lima" in article.text and "«La frontera será más segura»" in article.text


def test_a_page_not_in_the_charset_it_declares_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta='<meta charset="utf-8">').encode("latin-1"))
    _refused(path, "not UTF-8 text (byte", "a page not in the charset it declares", tmp_path)
    path.write_bytes(PAGE.format(meta='<meta charset="klingon-8">').encode())
    _refused(path, "declares the charset 'klingon-8', which is not known", "an unknown charset", tmp_path)


def test_a_text_file_is_still_read_as_utf_8_only(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes('<meta charset="latin-1"> Perú'.encode("latin-1"))  # a text file declares nothing
    _refused(path, "not UTF-8 text", "a Latin-1 text file", tmp_path)


@pytest.mark.parametrize("reference", ["&#27;", "&#x1B;", "&#x1b", "&#8;", "&#11;"])
def test_one_control_character_reference_leaves_the_rest_of_the_text(tmp_path: Path, reference: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta="").replace("después", f"después{reference}"), encoding="utf-8")
    assert "dijo Ana Torres después de la reunión" in read(path).text
