"""The tour file format: records, loading, validation, messages, surgical edits, atomic writes."""
