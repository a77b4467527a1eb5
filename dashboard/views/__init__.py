"""Pure reshaping of a tour for people: derived stops and legs, filters, tables, words and formats."""
