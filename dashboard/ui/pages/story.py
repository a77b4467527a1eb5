"""Page script: run by st.navigation in streamlit_app.py."""

from dashboard.ui import story

story.render()
