"""The monthly report by mail (tests/exports/test_mail.py) once more on DuckLake."""

import pytest

from tests.exports.test_mail import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
