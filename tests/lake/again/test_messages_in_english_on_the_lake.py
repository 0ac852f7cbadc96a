"""The CLI's messages in English (tests/ingest/test_messages_in_english.py) once more on DuckLake."""

import pytest

from tests.ingest.test_messages_in_english import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
