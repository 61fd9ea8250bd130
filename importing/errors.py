from __future__ import annotations


class DocumentError(Exception):
    """A document the importer cannot use, with a message for the person who
    gave it. Nothing has been written when this is raised."""
