"""The scripts and stylesheets in dashboard/render/assets/: one namespace on window with the members the
schema names, comment lines stripped without touching code, and every file shipped in the package."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import tomllib

import pytest

from dashboard.render import schema
from dashboard.render.asset_files import ASSETS, asset, shipped
from dashboard.render.maps import TourLayer, data_script
from tests.conftest import ROOT

SCRIPTS = sorted(p.name for p in ASSETS.iterdir() if p.name.endswith((".js", ".js.j2")))
# What the scripts may use of the browser's own window, besides our namespace.
BROWSER = {
    "L",
    "addEventListener",
    "devicePixelRatio",
    "frameElement",
    "matchMedia",
    "parent",
    "requestIdleCallback",
    "ResizeObserver",
    "scrollBy",
}


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_script_puts_nothing_on_window_but_the_namespace(name: str):
    used = set(re.findall(r"\bwindow\.(\w+)", asset(name)))
    assert used - BROWSER <= {schema.NAMESPACE}, used - BROWSER
    assert not re.search(r"\bwindow\.\w+\s*=[^=]", asset(name).replace(f"window.{schema.NAMESPACE} =", ""))


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_script_uses_only_members_the_schema_names(name: str):
    source = asset(name)
    used = set(re.findall(rf"\b(?:ns|{schema.NAMESPACE})\.(\w+)", source))
    assert used <= set(schema.MEMBERS), used - set(schema.MEMBERS)


def test_the_map_and_the_story_share_through_the_namespace():
    names = {m for name in SCRIPTS for m in re.findall(r"\bns\.(\w+)\s*=[^=]", asset(name))}
    assert {"map", "applyState", "markers", "points", "paintedAt", "storyMove", "storyStop"} <= names
    assert data_script("{}").startswith(schema.member_prefix("data"))  # the app's payload, served apart


@pytest.mark.parametrize("member", ["tourData", "", "data.x"])
def test_a_member_the_schema_does_not_name_is_refused(member: str):
    with pytest.raises(ValueError, match=r"is not a member of window\.tourDashboard"):
        schema.set_member(member, "1")


@pytest.mark.parametrize(
    ("source", "kind", "kept"),
    [
        ("  // a comment\n  var a = 1;  // why\n", "js", "var a=1;"),
        ("/* one\n   block */\nvar b = 2;\n", "js", "var b=2;"),
        ("/* a */ var c = 3; /* b */\n", "js", "var c=3;"),
        (
            "function f(long) { return long + 'a  b'; }",
            "js",
            "function f(long){return long+'a  b';}",
        ),  # names, strings kept
        ("x {\n  color: red; }\n\n", "css", "x{color:red}"),
    ],
)
def test_shipping_minifies_without_renaming(source: str, kind: str, kept: str):
    assert shipped(source, kind) == kept


def test_the_layer_ships_without_its_comment_lines():
    assert "\n//" not in "\n" + TourLayer.script_body
    assert not re.search(r"^/\*", TourLayer.script_body, re.M)  # the parts' marks all replaced
    assert "function playback(play)" in TourLayer.script_body and ".tour-playback" in TourLayer.style


def _package_data() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["dashboard.render"]


def test_every_asset_is_package_data():
    render = ROOT / "dashboard" / "render"
    files = [p.relative_to(render).as_posix() for p in ASSETS.rglob("*") if p.is_file()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in _package_data()) for f in files), files


ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def test_ci_lints_the_scripts_with_the_eslint_the_lock_pins():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lint = "\nnpx eslint dashboard eslint.config.js\n"
    assert "\nnpm ci " in ci and ci.index("\nvulture\n") < ci.index(lint) < ci.index("\ntier fast ")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"9\.\d+\.\d+", package["devDependencies"]["eslint"])  # exact, so CI lints alike
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/eslint"]["version"] == package["devDependencies"]["eslint"]


@pytest.mark.skipif(not ESLINT.exists(), reason="ESLint is not installed here (npm ci); CI runs it")
def test_eslint_finds_nothing_in_the_scripts():
    done = subprocess.run(
        [str(ESLINT), "dashboard", "eslint.config.js"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
