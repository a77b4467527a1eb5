"""Page script: run by st.navigation in streamlit_app.py."""

from dashboard.ui import evidence

evidence.render()
