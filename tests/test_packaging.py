"""The wheel carries the prompts and the JSON Schemas, so `pip install .` works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.mark.filterwarnings("ignore")
def test_wheel_contains_prompts_schemas_and_the_command(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(PROJECT_ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "prompts/system.txt",
        "prompts/user.txt",
        "schemas/record.schema.json",
        "schemas/article_extraction.schema.json",
        "extractor/cli.py",
        "extractor/review/static/index.html",  # the review page is served from the package
        "extractor/review/static/app.js",
        "extractor/review/static/app.css",
    ):
        assert required in names, f"{required} missing from {wheel.name}"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "extractor = extractor.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
