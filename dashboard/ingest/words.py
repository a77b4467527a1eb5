"""What the ingest rules share about words: the capital letters a name can start with (English,
Spanish and French)."""

CAPITAL = "[A-ZÁÉÍÓÚÑÜÇÈÊÎÔÂÃÕÀ]"
