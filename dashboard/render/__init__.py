"""Drawing: the folium map, the plotly charts and the export files."""
