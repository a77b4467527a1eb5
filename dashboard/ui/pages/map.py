"""Page script: run by st.navigation in streamlit_app.py."""

from dashboard.ui import map as map_page

map_page.render()
