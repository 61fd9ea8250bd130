"""How long the free text people write may be: far more than any real entry
needs, and short enough that an export never has to cut it (an Excel cell holds
32,767 characters). Forms say so with the field's own message."""

REASON = 5_000  # a reason, a note, a list of attendees
NARRATIVE = 10_000  # a progress update, a description, an answer, a summary
DOCUMENT = 30_000  # comments, a report's purpose, implications, a section
