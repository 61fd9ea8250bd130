from __future__ import annotations

from django import forms

from importing.corrections import DETAILS
from importing.extraction import NO_FRAMEWORK
from importing.formats import MAX_BYTES
from inspections.choices import FindingKind, Grade
from inspections.frameworks import framework_choices
from pcc_panel.lib.text_limits import NARRATIVE


def _text(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 60})


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label="Inspection report or panel paper",
        help_text="Text, Markdown, a saved web page (HTML), PDF or Word (.docx), up to "
        f"{MAX_BYTES // 1024 // 1024} MB. Nothing is saved until you confirm.",
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {document.size / 1024 / 1024:.1f} MB; the importer "
                f"reads files up to {MAX_BYTES // 1024 // 1024} MB."
            )
        return document


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
NO_GRADE = [("", "No grade")]


class PreviewDetailsForm(forms.Form):
    """The inspection's details as the preview shows them, to correct."""

    force = forms.CharField(label="Force or service", max_length=100)
    programme = forms.CharField(max_length=100, help_text="e.g. PEEL")
    framework = forms.ChoiceField(
        label="Programme and round",
        help_text="Sets the grading scale. Leave it as found unless it is wrong.",
    )
    pillar = forms.CharField(
        label="Pillar or inspection title",
        max_length=200,
        help_text="e.g. Effectiveness",
    )
    publication_date = forms.DateField(
        label="Publication date",
        help_text="As HMICFRS published it, e.g. 2017-03-02 or 2/3/2017.",
        input_formats=DATE_FORMATS,
    )
    overall_grade = forms.ChoiceField(
        label="Overall grade", choices=NO_GRADE + Grade.choices, required=False
    )
    apply_changes = forms.BooleanField(
        label="Apply these differences to the inspection already held",
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        framework = self.fields["framework"]
        assert isinstance(framework, forms.ChoiceField)
        framework.choices = [
            *framework_choices(),
            (NO_FRAMEWORK, "None of these (a thematic or other inspection)"),
        ]

    def details(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in DETAILS}


class _Row(forms.Form):
    """A row of the preview: `origin` is the row it was shown as, blank for a
    row added. An added row left empty is no row."""

    origin = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    remove = forms.BooleanField(required=False)

    def __init__(self, *args, shown: int = 0, **kwargs) -> None:
        self.shown = shown
        super().__init__(*args, **kwargs)

    def clean_origin(self):
        origin = self.cleaned_data["origin"]
        if origin is not None and origin >= self.shown:
            raise forms.ValidationError("This row is not in the preview.")
        return origin


class QuestionRowForm(_Row):
    wording = forms.CharField(
        label="Question", max_length=1000, required=False, widget=_text(2)
    )
    grade = forms.ChoiceField(choices=NO_GRADE + Grade.choices, required=False)

    def clean(self):
        data = super().clean() or {}
        if data.get("origin") is None and not (data.get("wording") or "").strip():
            return {}  # an empty row left for adding one: no row
        if not data.get("remove") and not (data.get("wording") or "").strip():
            self.add_error("wording", "Give the question, or tick Remove.")
        return data


class FindingRowForm(_Row):
    kind = forms.ChoiceField(choices=[("", "—"), *FindingKind.choices], required=False)
    number = forms.IntegerField(
        required=False, min_value=1, max_value=999, widget=forms.NumberInput
    )
    theme = forms.CharField(max_length=200, required=False)
    question = forms.TypedChoiceField(
        label="Graded question", coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        max_length=NARRATIVE,
        required=False,
        widget=_text(3),
        help_text="To split it in two, leave a blank line where it should break.",
    )
    merge = forms.BooleanField(label="Join to the row above", required=False)

    def __init__(
        self, *args, questions: list[tuple[int, str]] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        question = self.fields["question"]
        assert isinstance(question, forms.ChoiceField)
        question.choices = [("", "—"), *(questions or [])]

    def clean(self):
        data = super().clean() or {}
        if data.get("origin") is None and not (data.get("text") or "").strip():
            return {}  # an empty row left for adding one: no row
        if not data.get("remove") and not (data.get("text") or "").strip():
            self.add_error("text", "Give the finding's text, or tick Remove.")
        if not data.get("remove") and not data.get("kind"):
            self.add_error("kind", "Choose what kind of finding it is.")
        return data


class _Rows(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The rows as corrected: an added row left empty is no row."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]

    def clean(self) -> None:
        if any(self.errors):
            return
        first = next((f for f in self.forms if f.cleaned_data), None)
        if first is not None and first.cleaned_data.get("merge"):
            first.add_error("merge", "The first row has no row above to join.")


QuestionRows = forms.formset_factory(
    QuestionRowForm, formset=_Rows, extra=1, max_num=200, validate_max=True
)
FindingRows = forms.formset_factory(
    FindingRowForm, formset=_Rows, extra=2, max_num=500, validate_max=True
)
