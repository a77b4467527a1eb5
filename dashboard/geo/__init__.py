"""Geography: geocoding online (Nominatim) and offline (the GeoNames gazetteer)."""
