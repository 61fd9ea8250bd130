from __future__ import annotations

from typing import Any

from django import forms

from governance.models import RecommendationOutcome, Section55Response
from inspections.models import Finding
from pcc_panel.lib.text_limits import NARRATIVE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Section55Form(forms.ModelForm):
    class Meta:
        model = Section55Response
        fields = [
            "chief_officer_invited_on",
            "chief_officer_received_on",
            "chief_officer_comments",
            "commissioner_comments",
            "published_on",
            "published_where",
            "sent_to_hmicfrs_on",
            "sent_to_home_secretary_on",
        ]
        widgets = {
            "chief_officer_invited_on": DATE,
            "chief_officer_received_on": DATE,
            "published_on": DATE,
            "sent_to_hmicfrs_on": DATE,
            "sent_to_home_secretary_on": DATE,
            "chief_officer_comments": forms.Textarea(attrs={"rows": 6}),
            "commissioner_comments": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "published_on": "The day the comments were published: the 56 days are "
            "counted to it.",
        }


class AnswerForm(forms.Form):
    """The response to one recommendation: what has been or will be done, or
    why nothing. Left empty, the recommendation is not yet answered."""

    outcome = forms.ChoiceField(
        label="Response",
        choices=[("", "Not answered yet"), *RecommendationOutcome.choices],
        required=False,
    )
    text = forms.CharField(
        label="What has been or will be done, or why nothing",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NARRATIVE,
        required=False,
    )

    def __init__(self, *args: Any, recommendation: Finding, **kwargs: Any) -> None:
        kwargs["prefix"] = f"recommendation-{recommendation.pk}"
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") and not data.get("text", "").strip():
            self.add_error("text", "Say what has been or will be done, or why nothing.")
        if data.get("text", "").strip() and not data.get("outcome"):
            self.add_error("outcome", "Choose the response this text gives.")
        return data
