from __future__ import annotations

from django import forms

from importing.formats import MAX_BYTES


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label="Inspection report or panel paper",
        help_text="Text, Markdown, PDF or Word (.docx), up to "
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


class ImportConfirmForm(forms.Form):
    force_name = forms.CharField(label="Force", max_length=100)
    pillar = forms.CharField(
        label="Pillar or inspection title",
        max_length=200,
        help_text="e.g. Effectiveness",
    )
    publication_date = forms.DateField(
        label="Publication date",
        help_text="As HMICFRS published it, e.g. 2017-03-02 or 2/3/2017.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"],
    )
    apply_changes = forms.BooleanField(
        label="Apply these differences to the inspection already held",
        required=False,
    )
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def choices(self) -> str:
        """What the preview on the page was made with."""
        data = self.cleaned_data
        return f"{data['force_name']}|{data['pillar']}|{data['publication_date']}"
