from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.access import AnyUser
from actions.choices import RAG, Status
from actions.locking import EditConflict, lock_for_edit
from actions.models import Action, ProgressUpdate
from actions.uploads import ACCEPTED, check_upload
from actions.workflow import ONLY_YOURS, statuses_open_to
from inspections.choices import Marking
from pcc_panel.lib.plain_errors import plain_messages
from pcc_panel.lib.text_limits import NARRATIVE, REASON


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once, each checked as actions.uploads says."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        checked = []
        for upload in files:
            upload = super().clean(upload, initial)
            check_upload(upload)
            checked.append(upload)
        return checked


class ProgressUpdateForm(forms.ModelForm):
    """A progress update in the admin, checked against what its author may do.
    The admin sets `user` on the class it builds for each request."""

    user: AnyUser | None = None
    evidence_files = EvidenceField(
        required=False,
        label="Evidence (optional)",
        help_text=f"{ACCEPTED}, up to 10 MB each. You can choose several files.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["action", "date", "narrative", "status", "rag", "percent_complete"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields.get("action")
        if isinstance(action, forms.ModelChoiceField) and self.user is not None:
            # only the actions this person may update: a picked action is theirs
            action.queryset = Action.objects.updatable_by(self.user)
            action.error_messages["invalid_choice"] = ONLY_YOURS

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # a ModelForm's clean() returns cleaned_data
        action = cleaned.get("action") or self._inline_action()
        if action is None or "status" not in cleaned:
            return cleaned
        assert self.user is not None  # set by for_user()
        try:
            action.check_update(
                user=self.user, status=cleaned["status"], date=cleaned.get("date")
            )
        except PermissionDenied as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return cleaned

    def _inline_action(self) -> Action | None:
        action_id = self.instance.action_id
        return Action.objects.filter(pk=action_id).first() if action_id else None


def for_user(form_class: type[forms.BaseForm], user) -> type[forms.BaseForm]:
    return type(form_class.__name__, (form_class,), {"user": user})


class ActionAdminForm(forms.ModelForm):
    """The admin's action form (and the finding page's inline), which refuses a
    field the person may not set and a save over someone else's save. The admin
    sets `user` on the class it builds for each request."""

    user: AnyUser | None = None
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "finding",
            "force",
            "title",
            "description",
            "marking",
            "owner",
            "lead",
            "delegates",
            "due_date",
            "outcome_measure",
            "demonstration_starts",
            "demonstration_ends",
            "outcome_shown",
            "status",
            "rag",
            "percent_complete",
            "is_demo",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # a ModelForm's clean() returns cleaned_data
        if self.instance.pk is not None:
            # The admin saves inside a transaction: the lock holds until it ends.
            try:
                lock_for_edit(self.instance.pk, cleaned.get("seen_version"))
            except EditConflict as conflict:
                raise forms.ValidationError(conflict.message) from None
        return cleaned

    def _post_clean(self) -> None:
        # the instance now holds the submitted values (a Django hook django-stubs
        # leaves out)
        super()._post_clean()  # type: ignore[misc]
        if self.user is None:
            raise PermissionDenied("An action form needs the person editing it.")
        try:
            self.instance.check_edit(user=self.user, changed=self.changed_data)
        except forms.ValidationError as refusal:
            self.add_error(None, refusal)


class WeeklyUpdateForm(forms.Form):
    """An owner's weekly update in the site."""

    status = forms.ChoiceField(choices=Status.choices)
    percent_complete = forms.IntegerField(
        label="Percent complete", min_value=0, max_value=100
    )
    rag = forms.ChoiceField(
        label="RAG (your own assessment)", choices=RAG.choices, widget=forms.RadioSelect
    )
    narrative = forms.CharField(
        label="What has been done since the last update",
        max_length=NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For a sign-off, the sign-off comment; for a block, a reopening "
        "or a decision not to adopt, the reason.",
    )
    evidence = EvidenceField(
        required=False,
        label="Evidence (optional)",
        help_text=f"{ACCEPTED}, up to 10 MB each. You can choose several files.",
    )
    date = forms.DateField(
        label="Date of the update",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    marking = forms.ChoiceField(
        label="Protective marking", choices=Marking.choices, initial=Marking.OFFICIAL
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: Action, user, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": action.status,
                "percent_complete": action.percent_complete,
                "rag": action.rag,
                "date": timezone.localdate(),
                "seen_version": action.version,
            },
        )
        super().__init__(*args, **kwargs)
        allowed = statuses_open_to(action, user)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        plain_messages(self)
        offered = ", ".join(
            label for value, label in Status.choices if value in allowed
        )
        status.error_messages["invalid_choice"] = (
            f"You cannot give this action that status now. The statuses you can "
            f"give it are: {offered}."
            if offered
            else ONLY_YOURS
        )


class PlainForm(forms.Form):
    """A form whose errors are in plain words (pcc_panel.lib.plain_errors)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class SignOffForm(PlainForm):
    comment = forms.CharField(
        label="Your sign-off comment",
        max_length=NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you checked before closing the action. It is kept with "
        "the action, and the Panel reads it.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(PlainForm):
    reason = forms.CharField(
        label="What the owner still needs to do",
        max_length=NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The owner reads this with the action, which is in progress again.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput)


class ExtensionRequestForm(PlainForm):
    new_due_date = forms.DateField(
        label="New due date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label="Why more time is needed",
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, earliest: datetime.date, **kwargs) -> None:
        """`earliest`: the first date the request may ask for, offered as the
        date picker's minimum (the service checks it again)."""
        super().__init__(*args, **kwargs)
        self.fields["new_due_date"].widget.attrs["min"] = earliest.isoformat()


class ExtensionDecisionForm(PlainForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve the new date"), ("refuse", "Refuse it")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, approvable: bool = True, **kwargs: Any) -> None:
        """A request whose date has passed can only be refused
        (DueDateExtension.may_be_approved_on): the form offers no more."""
        super().__init__(*args, **kwargs)
        if not approvable:
            field = self.fields["decision"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("refuse", "Refuse it")]
            field.help_text = (
                "The date asked for has passed, so it cannot be approved: "
                "refuse it, and the owner can ask for a later date."
            )
