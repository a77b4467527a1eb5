"""The set-up promises: README commands, CI, requirements and Community Cloud layout agree."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

INSTALL = "pip install -c requirements-lock.txt -e '.[dev]'"
TEST_COMMAND = f"{INSTALL} && python -m pytest"


def _readme_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_opens_with_run_and_test_commands():
    run, test = _readme_blocks()[:2]
    assert "pip install -r requirements.txt" in run and "streamlit run streamlit_app.py" in run
    assert TEST_COMMAND in test


def test_ci_runs_the_checks_first_then_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The README's command, `python -m pytest`, run as its two tiers (tests/test_tiers.py: every test once).
    assert INSTALL in ci and '\n  python -m pytest "$@"\n' in ci and "\ntier fast " in ci
    assert "apt-get install -y" in ci and "chromium" in ci
    checks = ["ruff check .", "ruff format --check .", "mypy dashboard", "lint-imports", "vulture"]
    for check in checks:
        assert f"\n{check}\n" in ci, check
        assert ci.index(check) < ci.index("\ntier fast "), f"{check} runs after the tests"


def _pins() -> dict[str, str]:
    lines = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines()
    return dict(ln.split("==", 1) for ln in lines if "==" in ln and not ln.startswith("#"))


def test_the_lock_pins_every_dependency_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pinned = {name.lower().replace("_", "-") for name in _pins()}
    assert set(_names(wanted)) <= pinned


def _names(requirements: list[str]) -> dict[str, str]:
    pairs = (re.match(r"([A-Za-z0-9_.\-]+)(.*)", r.strip()) for r in requirements)
    return {m.group(1).lower().replace("_", "-"): m.group(2).strip() for m in pairs if m}


def test_requirements_txt_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    reqs = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    assert _names(reqs) == _names(project["dependencies"])


def test_no_cdn_in_the_code():
    for path in [*ROOT.joinpath("dashboard").rglob("*.py"), *ROOT.glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"cdn\.jsdelivr|unpkg\.com|cdnjs|code\.jquery\.com", text), path
