from __future__ import annotations

from django import forms

from inspections.choices import Marking
from pcc_panel.lib.text_limits import NARRATIVE, REASON


class AskForm(forms.Form):
    text = forms.CharField(
        label="Your question to the Commissioner",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=REASON,
        help_text="Your panel reads every question its members ask. The answer is "
        "published with the next panel paper about the force.",
        error_messages={
            "required": "Write your question.",
            "max_length": "Keep your question to %(limit_value)d characters "
            "(it has %(show_value)d).",
        },
    )


class AnswerForm(forms.Form):
    answer_by = forms.DateField(
        label="To be answered by",
        required=False,
        # the date box reads and writes ISO dates, whatever the site's format
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, such as 27 March 2027."},
    )
    answer = forms.CharField(
        label="Answer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=NARRATIVE,
        help_text="Leave blank to set only the date. The member is e-mailed when "
        "an answer is first given.",
        error_messages={
            "max_length": "Keep the answer to %(limit_value)d characters "
            "(it has %(show_value)d)."
        },
    )
    answer_marking = forms.ChoiceField(
        label="The answer's protective marking",
        choices=Marking.choices,
        initial=Marking.OFFICIAL,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean() or {}
        if not data.get("answer_by") and not (data.get("answer") or "").strip():
            if not self.errors:
                raise forms.ValidationError(
                    "Set the date it will be answered by, or write the answer."
                )
        return data
