from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from actions.models.update import ProgressUpdate
from actions.querysets import EvidenceQuerySet
from inspections.querysets import GuardedManager


def evidence_path(evidence: Evidence, filename: str) -> str:
    """A generated name: nothing the uploader chose reaches the file system."""
    return f"evidence/{uuid.uuid4().hex}.{evidence.extension}"


class Evidence(models.Model):
    """A file attached to a progress update. Its marking is the update's, and it
    is served only through actions.views.evidence_download."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_path, max_length=200)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedManager.from_queryset(EvidenceQuerySet)()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name
