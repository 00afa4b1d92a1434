class ReferenceDataError(Exception):
    """A reference or import file is missing or malformed. The message says which file and where."""
