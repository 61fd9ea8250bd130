"""The record each import keeps: which document, who imported it, what it
read, and what the person corrected in the preview before confirming."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspections.models import Inspection


class DocumentImport(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="document_imports"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when imported from the command line.",
    )
    made_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    document_format = models.CharField(max_length=50)
    read = models.TextField(
        help_text="What was read from the document, as the preview first showed it."
    )
    corrections = models.TextField(
        blank=True,
        help_text="What the person corrected in the preview, one correction a line.",
    )

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = "document import"

    def __str__(self) -> str:
        return f"{self.file_name}, imported {self.made_at:%-d %B %Y}"

    @property
    def correction_list(self) -> list[str]:
        return [line for line in self.corrections.splitlines() if line.strip()]
