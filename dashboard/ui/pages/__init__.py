"""The app's pages: one script each, run by ``st.navigation``; pages never import pages."""
