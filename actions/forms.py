from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied

from actions.models import Action, ProgressUpdate


class ProgressUpdateForm(forms.ModelForm):
    """A progress update, checked against what its author may do. The admin sets
    `user` on the class it builds for each request."""

    user = None

    class Meta:
        model = ProgressUpdate
        fields = ["action", "date", "narrative", "status", "rag", "percent_complete"]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action") or self._inline_action()
        if action is None or "status" not in cleaned:
            return cleaned
        try:
            action.check_progress(user=self.user, status=cleaned["status"])
        except PermissionDenied as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return cleaned

    def _inline_action(self) -> Action | None:
        action_id = self.instance.action_id
        return Action.objects.filter(pk=action_id).first() if action_id else None


def for_user(form_class: type[forms.BaseForm], user) -> type[forms.BaseForm]:
    return type(form_class.__name__, (form_class,), {"user": user})
