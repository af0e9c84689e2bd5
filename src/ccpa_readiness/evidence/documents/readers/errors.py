"""The one error every reader raises for a file it cannot read."""


class UnreadableDocument(Exception):
    """The file is not a document this analyser can read (binary, broken, empty)."""
