"""A panel's error boundary: its own errors are shown in place, Streamlit's control flow passes."""

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from dashboard.ui.components import guarded


@pytest.mark.parametrize("control", [StopException(), RerunException(None)])
def test_stop_rerun_and_page_switches_pass_through(control):
    with pytest.raises(type(control)), guarded("de"):
        raise control


def test_an_error_of_the_panel_stays_in_the_panel():
    with guarded("de"):
        raise ValueError("kaputt")  # shown as st.error, not raised
