"""Error messages in plain words, named after the field, as the GOV.UK Design
System writes them: "Enter the subject", "Subject must be 300 characters or
fewer". Used by forms whose fields are many and free text."""

from __future__ import annotations

from django import forms


def plain_messages(
    form: forms.BaseForm, required: dict[str, str] | None = None
) -> None:
    """Set each field's required and too-long messages from its label; a
    label that is not a noun ("What changed, and why") says its own in
    `required`."""
    for name, field in form.fields.items():
        label = str(field.label or "This field")
        if required and name in required:
            field.error_messages["required"] = required[name]
        elif isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
            field.error_messages["required"] = f"Select {_lower(label)}"
        else:
            field.error_messages["required"] = f"Enter {_lower(label)}"
        limit = getattr(field, "max_length", None)
        if limit:
            field.error_messages["max_length"] = (
                f"{label} must be {limit:,} characters or fewer: it has %(show_value)s"
            )


def _lower(label: str) -> str:
    """'Purpose of report' → 'the purpose of report'; an acronym kept."""
    word = label.split(" ", 1)[0]
    if word.isupper():
        return f"the {label}"
    return f"the {label[0].lower()}{label[1:]}"
