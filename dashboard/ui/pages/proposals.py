"""Page script: run by st.navigation in streamlit_app.py."""

from dashboard.ui import proposals

proposals.render()
