"""Keeping the entries current: a row's entry is written as the row is saved and
removed as it is deleted (connected in pcc_panel.signals); `rebuild` writes
them all, for data loaded in bulk (the demo, the national data set)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import Exists, OuterRef

from actions.models import Action, ProgressUpdate
from inspections.models import Inspection
from reports.models import ReportSection
from search.documents import DOCUMENTS, Document, update_title
from search.models import Entry

BATCH = 2000
WRITTEN = [
    f.name for f in Entry._meta.fields if f.name not in ("id", "kind", "object_id")
]


def write(document: Document, rows: Iterable[models.Model]) -> int:
    entries = [document.entry(row) for row in rows]
    Entry.objects.bulk_create(
        entries,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=WRITTEN,
    )
    return len(entries)


def refresh(model: type[models.Model], pks: Iterable[int]) -> None:
    document = DOCUMENTS[model]
    write(document, document.rows(pks))


def forget(model: type[models.Model], pks: Iterable[int]) -> None:
    Entry.objects.filter(kind=DOCUMENTS[model].kind, object_id__in=list(pks)).delete()


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Every entry written again from its row, and those of rows gone removed:
    one transaction, so a search never sees half an index."""
    counts = {}
    for document in DOCUMENTS.values():
        # NOT EXISTS, an anti-join: `NOT IN (subquery)` over a million
        # updates outgrew work_mem and PostgreSQL ran it row by row (18 min)
        rows = document.model._base_manager.filter(pk=OuterRef("object_id"))
        Entry.objects.filter(kind=document.kind).exclude(Exists(rows)).delete()
        written, last = 0, 0
        while batch := list(document.rows().filter(pk__gt=last).order_by("pk")[:BATCH]):
            written += write(document, batch)
            last = batch[-1].pk
        counts[str(document.kind.label)] = written
    return counts


# signal receivers


def row_saved(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the rows it relates to may not be there yet
    refresh(sender, [instance.pk])
    if isinstance(instance, Action):  # its updates' entries carry its title
        _retitle_updates(instance)
    if isinstance(instance, Inspection):  # its questions and findings say which
        for model, rows in (
            (DOCUMENTS_BY_NAME["gradedquestion"], instance.questions),
            (DOCUMENTS_BY_NAME["finding"], instance.findings),
        ):
            write(model, model.rows(rows.values_list("pk", flat=True)))


def _retitle_updates(action: Action) -> None:
    """One statement, writing nothing unless the action was renamed (every
    weekly update saves its action)."""
    title = update_title(action)
    Entry.objects.filter(
        kind=DOCUMENTS[ProgressUpdate].kind,
        object_id__in=action.updates.values("pk"),
    ).exclude(title=title).update(title=title)


def row_deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    forget(sender, [instance.pk])


def section_changed(sender: type, instance: ReportSection, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    refresh(DOCUMENTS_BY_NAME["panelreport"].model, [instance.report_id])


DOCUMENTS_BY_NAME = {model._meta.model_name: doc for model, doc in DOCUMENTS.items()}
