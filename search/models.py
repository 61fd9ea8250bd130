"""One row per searchable thing, with the words it is found by.

An entry says what a row says; it never says who may read it. Who may is asked
of the row's own model (its `visible_to`) each time a search runs, so an entry
cannot show what its row would not (search.query.visible_entries)."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    INSPECTION = "inspection", "Inspection"
    QUESTION = "question", "Graded question"
    FINDING = "finding", "Finding"
    ACTION = "action", "Action"
    UPDATE = "update", "Progress update"
    PAPER = "paper", "Panel paper"
    RESPONSE = "response", "Section 55 response"
    ANSWER = "answer", "Section 55 answer"


class Entry(models.Model):
    """The full-text document lives beside these columns in the database: a
    tsvector column generated from title and body on PostgreSQL, an FTS5 table
    kept by triggers on SQLite (migration 0001)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    context = models.CharField(max_length=300, blank=True)
    force_id = models.PositiveIntegerField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)
    grade = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, blank=True)
    dated = models.DateField(null=True)

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_entry_a_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
