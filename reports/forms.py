from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from pcc_panel.lib.text_limits import REASON
from reports.models import IMPLICATION_FIELDS, PanelReport, ReportSection


class PanelReportForm(forms.ModelForm):
    class Meta:
        model = PanelReport
        fields = [
            "panel_name",
            "meeting_date",
            "report_of",
            "subject",
            "author",
            "inspection",
            "purpose",
            "recommendation",
            "implications_financial",
            "implications_legal",
            "implications_equality",
            "implications_risks",
            "implications_plan",
            "include_action_appendix",
            "appendices",
            "background_papers",
            "contact_name",
            "contact_role",
            "contact_email",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in [
                    "purpose",
                    "recommendation",
                    *IMPLICATION_FIELDS,
                    "appendices",
                    "background_papers",
                ]
            },
        }

    amendment_note = forms.CharField(
        label="What changed, and why",
        help_text="The report is published: readers are shown this note, dated, "
        "with the report.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        if self.instance.is_published:
            self.fields["amendment_note"].required = True
            self.order_fields(["amendment_note"])
        else:
            del self.fields["amendment_note"]


class ReportSectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["order", "kind", "heading", "text", "text_after"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "text_after": forms.Textarea(attrs={"rows": 3}),
        }


SectionFormSet = forms.inlineformset_factory(
    PanelReport,
    ReportSection,
    form=ReportSectionForm,
    extra=1,
    can_delete=True,
)
