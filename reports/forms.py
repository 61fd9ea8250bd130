from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.forms.utils import ErrorDict

from pcc_panel.lib.plain_errors import plain_messages
from pcc_panel.lib.text_limits import REASON
from reports.models import IMPLICATION_FIELDS, PanelReport, ReportSection, SectionKind


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
            "force",
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
        plain_messages(self, required={"amendment_note": "Say what changed, and why"})


class ReportSectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["order", "kind", "heading", "text", "text_after"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "text_after": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].help_text = "Sections are put in this order as saved."
        plain_messages(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def has_changed(self) -> bool:
        """A new section left blank is not a section: its place is filled in
        for it, so only what the person writes or chooses counts."""
        if self.instance.pk is None:
            return any(name != "order" for name in self.changed_data)
        return super().has_changed()


MAX_SECTIONS = 60


class BaseSectionFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        **forms.BaseInlineFormSet.default_error_messages,
        "too_many_forms": f"A paper holds at most {MAX_SECTIONS} sections",
    }


SectionFormSet = forms.inlineformset_factory(
    PanelReport,
    ReportSection,
    form=ReportSectionForm,
    formset=BaseSectionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_SECTIONS,
    validate_max=True,
)


def with_another_section(data):
    """The posted form with one more blank section at its end, for "Add
    another section": nothing is saved, and what was typed is kept. The new
    section's place is after the last; left blank, it is not saved."""
    data = data.copy()
    try:
        count = min(max(int(data.get("sections-TOTAL_FORMS", "0")), 0), MAX_SECTIONS)
    except ValueError:
        count = 0
    if count < MAX_SECTIONS:
        data[f"sections-{count}-order"] = str(_last_order(data, count) + 1)
        data[f"sections-{count}-kind"] = SectionKind.NARRATIVE
        count += 1
    data["sections-TOTAL_FORMS"] = str(count)
    return data


def _last_order(data, count: int) -> int:
    orders = [data.get(f"sections-{n}-order", "") for n in range(count)]
    return max((int(order) for order in orders if order.isdigit()), default=0)


def as_typed(form: forms.BaseForm) -> None:
    """Show a bound form as typed, not yet checked: its fields keep what was
    posted and no error is raised, for a step that saves nothing."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]  # not yet checked
