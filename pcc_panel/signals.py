"""Every signal the project listens to, connected in one place."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from accounts import signals as accounts
from accounts.models import Membership
from actions.models import ProgressUpdate
from actions.services import latest_update_restore
from governance import figures
from inspections.models import Inspection
from reports.models import ReportSection
from search import documents as search_documents
from search import index as search_index


def connect() -> None:
    user_logged_in.connect(accounts.log_sign_in, dispatch_uid="log-sign-in")
    user_login_failed.connect(
        accounts.log_failed_sign_in, dispatch_uid="log-failed-sign-in"
    )
    user_locked_out.connect(accounts.log_lockout, dispatch_uid="log-lockout")
    user_logged_out.connect(accounts.say_signed_out, dispatch_uid="say-signed-out")
    pre_save.connect(
        accounts.note_role_before, sender=Membership, dispatch_uid="role-0"
    )
    post_save.connect(
        accounts.log_role_granted, sender=Membership, dispatch_uid="role-1"
    )
    post_delete.connect(
        accounts.log_role_removed, sender=Membership, dispatch_uid="role-2"
    )
    post_delete.connect(
        latest_update_restore, sender=ProgressUpdate, dispatch_uid="latest-update"
    )
    # the dashboard's figures kept for each force, counted again as rows change
    for model in figures.COUNTED_MODELS:
        label = model._meta.label_lower
        pre_save.connect(figures.before_save, sender=model, dispatch_uid=f"{label}-1")
        post_save.connect(figures.after_write, sender=model, dispatch_uid=f"{label}-2")
        post_delete.connect(
            figures.after_write, sender=model, dispatch_uid=f"{label}-3"
        )
    m2m_changed.connect(
        figures.applies_to_changed,
        sender=Inspection.applies_to.through,
        dispatch_uid="thematic-applies-to",
    )
    # each searchable row's entry, written as it changes
    for searched in search_documents.DOCUMENTS:
        label = searched._meta.label_lower
        post_save.connect(
            search_index.row_saved, sender=searched, dispatch_uid=f"{label}-search-1"
        )
        post_delete.connect(
            search_index.row_deleted,
            sender=searched,
            dispatch_uid=f"{label}-search-2",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            search_index.section_changed,
            sender=ReportSection,
            dispatch_uid=f"section-search-{signal is post_save}",
        )
