"""Every example in the README and the documents beside it (docs/*.md, CONTRIBUTING.md, bench/README.md) is
run or validated: tour files validate, commands run as shown, failures print what the documents show. The
README stays short, and every link in these documents leads to a file (and heading) that exists."""

from __future__ import annotations

import html
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from dashboard import cli
from dashboard.tourfile.load import load_text
from tests.conftest import ROOT

PATHS = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    ROOT / "bench" / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
]
DOCS = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in PATHS}
README = DOCS["README.md"]


def _blocks(kind: str, text: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", text, re.S)


YAML_BLOCKS = [(name, block) for name, text in DOCS.items() for block in _blocks("yaml", text)]
# The format's complete example: the commands run on it as my-tour.yaml, and broken.yaml is made from it.
TOUR_EXAMPLE = _blocks("yaml", DOCS["docs/tour-format.md"])[0]
TEXT_BLOCKS = [block for text in DOCS.values() for block in _blocks("text", text)]
# A word in capitals (FILE, COMMAND, ARTICLE..., FORMAT) makes a command a form to fill in, not an example.
METAVAR = re.compile(r"\b[A-Z][A-Z_]{2,}\b")


def _commands(text: str) -> set[str]:
    """`python -m dashboard ...` in tables, prose and code blocks, less a `# comment` and a `> file`."""
    found = re.findall(r"(?:`|\$ |^)(python -m dashboard [^`\n]+)", text, re.M)
    cleaned = (cmd.split(" #")[0].split(" > ")[0].strip() for cmd in found)
    return {cmd for cmd in cleaned if not METAVAR.search(cmd)}


COMMANDS = sorted(set().union(*(_commands(text) for text in DOCS.values())))


def _expected_code(command: str) -> int:
    # The examples that show a failure (a broken file, an -o into a missing folder, a loopback URL) exit 1.
    return 1 if any(shown in command for shown in ("out/map.html", "broken.yaml", "127.0.0.1")) else 0


def _shown_output(command: str) -> list[str]:
    block = next(b for b in TEXT_BLOCKS if f"$ {command}\n" in b)
    return block.split(f"$ {command}\n", 1)[1].strip().splitlines()


def test_no_example_was_lost():
    """Before issue 25 moved them from the README into docs/, the README held 1 tour example and 15 commands,
    2 of them failures shown with what they print. A move may add examples, never drop one."""
    failures = [cmd for cmd in COMMANDS if _expected_code(cmd)]
    assert len(YAML_BLOCKS) >= 1 and len(COMMANDS) >= 15 and len(failures) >= 2
    assert all(_shown_output(cmd) for cmd in failures)


def test_every_command_and_export_has_an_example():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    export = sub.choices["export"]
    formats = next(a for a in export._actions if a.dest == "what").choices
    wanted = {name for name in sub.choices if name != "export"} | {f"export {f}" for f in formats}
    shown = set()
    for command in COMMANDS:
        args = shlex.split(command)[3:]
        shown.add(" ".join(args[:2]) if args[0] == "export" else args[0])
    assert wanted <= shown, f"no example of: {sorted(wanted - shown)}"


@pytest.mark.parametrize(
    ("name", "block"), YAML_BLOCKS, ids=[f"{n}:yaml-{i}" for i, (n, _) in enumerate(YAML_BLOCKS)]
)
def test_every_yaml_example_is_a_valid_tour(name: str, block: str):
    assert load_text(block, f"{name} example").id


def test_the_tables_worked_example_is_the_file_its_commands_import():
    """docs/archive.md shows data/examples/trips.csv as it is, so the example's output is the file's."""
    (block,) = _blocks("csv", DOCS["docs/archive.md"])
    assert block == (ROOT / "data" / "examples" / "trips.csv").read_text(encoding="utf-8")


def _article_page(title: str) -> str:
    """The fictional example article as a saved web page, for the examples that ingest `page.html`."""
    text = (ROOT / "data" / "examples" / "fictional-article-en.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the files the examples name: the format's example as my-tour.yaml, data/, two pages."""
    (tmp_path / "my-tour.yaml").write_text(TOUR_EXAMPLE, encoding="utf-8")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "page.html").write_text(_article_page("A fictional visit"), encoding="utf-8")
    (tmp_path / "other-page.html").write_text(_article_page("The same visit, again"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def _broken_tour() -> str:
    """The format's example with the six mistakes its `validate broken.yaml` example reports."""
    data = yaml.safe_load(TOUR_EXAMPLE)
    data["places"][2]["latitude"] = 133.4
    data["places"][3].update(country="ZZ", role="vist")
    data["visits"][0]["dates"][0]["start"] = "2026-13-07"
    data["visits"][1]["order"] = "two"
    data["claims"][0]["topics"] = ["weather"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _draws_images(command: str) -> bool:
    """`export png`, and `export pack` unless told --no-images, start chromium to draw."""
    return " export png" in command or (" export pack" in command and "--no-images" not in command)


@pytest.mark.parametrize(
    "command", [pytest.param(c, marks=[pytest.mark.chromium] if _draws_images(c) else []) for c in COMMANDS]
)
def test_every_command_example_runs(workdir: Path, command: str, capsys: pytest.CaptureFixture[str]):
    args = shlex.split(command)[3:]  # after "python -m dashboard"
    if args[:1] == ["geocode"] and "--offline" not in args:
        args.append("--offline")  # no network in tests: the online path has tests of its own
    if "broken.yaml" in args:
        (workdir / "broken.yaml").write_text(_broken_tour(), encoding="utf-8")
    code = cli.main(args)
    out = capsys.readouterr()
    assert code == _expected_code(command), out.err
    if code:  # a failure the documents show is shown exactly as it prints
        assert out.err.strip().splitlines() == _shown_output(command)
    written = args[args.index("-o") + 1] if "-o" in args else None
    if written and code == 0:
        assert (workdir / written).stat().st_size > 0


# --- the README is short, opens as it should, and every link leads somewhere ------------------------------


def test_the_readme_is_at_most_8_kb():
    assert len(README.encode()) <= 8192


def test_the_readme_says_what_this_is_then_shows_the_screenshot_then_the_commands():
    title, _, rest = README.partition("\n")
    assert title.startswith("# ")
    before_screenshot = rest.split("](docs/screenshot-map.png)", 1)[0]
    assert "\n#" not in before_screenshot and "```" not in before_screenshot  # prose, then the picture
    assert rest.index("docs/screenshot-map.png") < rest.index("```bash")


LINK = re.compile(r"\]\(([^)\s]+)\)")  # Markdown links and images


def _prose(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.S)  # a `# comment` in a code block is no heading


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", _prose(text), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def _links(name: str) -> list[str]:
    return [t for t in LINK.findall(_prose(DOCS[name])) if not re.match(r"[a-z]+:", t)]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_link_leads_to_a_file_and_heading_that_exist(name: str):
    folder = (ROOT / name).parent
    for target in _links(name):
        path, _, anchor = target.partition("#")
        resolved = (folder / path).resolve() if path else ROOT / name
        assert resolved.exists(), f"{name}: {target} leads nowhere"
        if anchor and resolved.suffix == ".md":
            headings = _anchors(resolved.read_text(encoding="utf-8"))
            assert anchor in headings, f"{name}: no heading for {target}"


def test_the_readme_links_every_document():
    """Whatever moved out of the README is one link away from it."""
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in _links("README.md")}
    documents = [ROOT / "CONTRIBUTING.md", ROOT / "bench" / "README.md", *(ROOT / "docs").glob("*.md")]
    assert [d.relative_to(ROOT).as_posix() for d in documents if d.resolve() not in linked] == []
