"""Every page on every screen in English: the checks of test_every_screen.py, in a file of its own
so that a second test worker runs them beside the German ones."""

import pytest

from tests.browser.test_every_screen import every_page_on_every_screen

pytestmark = pytest.mark.browser


@pytest.mark.slow
def test_every_page_on_every_screen_in_english(server, browser):
    every_page_on_every_screen(server, browser, "en")
