"""Deployment settings that protect users: XSRF on, uploads capped, nothing written into the repo."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.tourfile.load import MAX_BYTES
from tests.conftest import MINI_YAML, ROOT, first_screen

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
SKIP = {".git", ".venv", "venv", "test-results", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis",
        "__pycache__", "build", "dist"}  # fmt: skip


def test_xsrf_protection_stays_on():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server.get("enableCORS", True) is True


def test_usage_statistics_are_off_locally():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_uploads_and_files_share_one_limit_and_the_app_says_so():
    # Streamlit's uploader counts a megabyte as 1,000,000 bytes ("5MB per file"); so does the loader.
    assert CONFIG["server"]["maxUploadSize"] * 1_000_000 == MAX_BYTES
    at = first_screen(AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60))
    assert f"≤ {CONFIG['server']['maxUploadSize']} MB" in at.file_uploader(key="w_upload").label


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    files = {}
    for path in root.rglob("*"):
        parts = set(path.relative_to(root).parts)
        if path.is_file() and not parts & SKIP and not any(p.endswith(".egg-info") for p in parts):
            stat = path.stat()
            files[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return files


def test_the_app_writes_nothing_into_the_repository():
    before = _snapshot(ROOT)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    for page in ("timeline", "topics", "proposals", "evidence", "map"):
        at.switch_page(f"dashboard/ui/pages/{page}.py").run()
    at.selectbox(key="w_stop").set_value("lima").run()
    upload = MINI_YAML.replace("latitude: -12.05, longitude: -77.04, ", "").encode()  # geocoded on upload
    at.file_uploader(key="w_upload").set_value(("mine.yaml", upload, "application/yaml")).run()
    assert not at.exception
    assert _snapshot(ROOT) == before
