"""Importers: the Office of the Historian's travel records and any table of trips, as tour files."""
