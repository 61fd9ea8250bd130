"""Keeping the entries current: a row's entry is written as the row is saved and
removed as it is deleted (connected in pcc_panel.signals); `rebuild` writes
them all, for data loaded in bulk (the demo, the national data set)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models, transaction
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


COLUMNS = ("kind", "object_id", *WRITTEN)
FIELDS = [
    next(f for f in Entry._meta.concrete_fields if f.name == name) for name in COLUMNS
]


def write(document: Document, rows: Iterable[models.Model]) -> int:
    """The rows' entries inserted, or updated where they differ: an entry
    written again unchanged would leave its old version in the table and in
    the word index until both are vacuumed. The number written."""
    entries = [document.entry(row) for row in rows]
    fields = FIELDS
    size = min(connection.ops.bulk_batch_size(fields, entries) or BATCH, BATCH)
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(entries), size):
            chunk = entries[start : start + size]
            values = [
                [
                    field.get_db_prep_save(getattr(e, field.attname), connection)
                    for e in chunk
                ]
                for field in fields
            ]
            if connection.vendor == "postgresql":  # each column one array
                cursor.execute(_upsert(_arrays(fields)), values)
            else:  # SQLite reads "INSERT … SELECT … ON CONFLICT" as a join
                flat = [value for row in zip(*values, strict=True) for value in row]
                rows_sql = ", ".join([_row(len(fields))] * len(chunk))
                cursor.execute(_upsert(f"VALUES {rows_sql}"), flat)
            written += cursor.rowcount
    return written


def _arrays(fields: list[models.Field]) -> str:
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    return f"SELECT * FROM unnest({arrays})"


def _row(width: int) -> str:
    return "(" + ", ".join(["%s"] * width) + ")"


def _upsert(source: str) -> str:
    quote = connection.ops.quote_name
    table = quote(Entry._meta.db_table)
    names = ", ".join(quote(name) for name in COLUMNS)
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return (
        f"INSERT INTO {table} ({names}) {source} "
        f"ON CONFLICT ({quote('kind')}, {quote('object_id')}) DO UPDATE SET "
        + ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in WRITTEN)
        + " WHERE "
        + " OR ".join(
            f"{table}.{quote(n)} {differs} excluded.{quote(n)}" for n in WRITTEN
        )
    )


def refresh(model: type[models.Model], pks: Iterable[int]) -> None:
    document = DOCUMENTS[model]
    write(document, document.rows(pks))


def forget(model: type[models.Model], pks: Iterable[int]) -> None:
    Entry.objects.filter(kind=DOCUMENTS[model].kind, object_id__in=list(pks)).delete()


@transaction.atomic
def rebuild() -> dict[str, tuple[int, int]]:
    """Every entry written again from its row where it differs, and those of
    rows gone removed: one transaction, so a search never sees half an index.
    For each kind, the rows read and the entries written or removed."""
    counts = {}
    for document in DOCUMENTS.values():
        # NOT EXISTS, an anti-join: `NOT IN (subquery)` over a million
        # updates outgrew work_mem and PostgreSQL ran it row by row (18 min)
        rows = document.model._base_manager.filter(pk=OuterRef("object_id"))
        gone = Entry.objects.filter(kind=document.kind).exclude(Exists(rows))
        changed, _ = gone.delete()
        read, last = 0, 0
        while batch := list(document.rows().filter(pk__gt=last).order_by("pk")[:BATCH]):
            read += len(batch)
            changed += write(document, batch)
            last = batch[-1].pk
        counts[str(document.kind.label)] = (read, changed)
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
