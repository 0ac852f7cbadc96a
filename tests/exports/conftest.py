"""Exports render charts with kaleido, which drives Debian's chromium."""

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def chromium():
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium for kaleido's static export (apt-get install chromium)")


@pytest.fixture
def pdftoppm():
    tool = shutil.which("pdftoppm")
    if not tool:
        pytest.skip("no pdftoppm (apt-get install poppler-utils) to turn PDF pages into images")
    return tool
