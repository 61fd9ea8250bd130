"""Error messages in plain words, named after the field, as the GOV.UK Design
System writes them: "Enter the subject", "Say why more time is needed",
"Percent complete must be a whole number from 0 to 100". Used by the forms
people fill in on the site."""

from __future__ import annotations

from django import forms

ASKING = ("what ", "why ", "how ", "when ", "who ", "which ")


def plain_messages(
    form: forms.BaseForm, required: dict[str, str] | None = None
) -> None:
    """Set each field's required, too-long, out-of-range and not-a-date
    messages from its label; `required` gives a field its own."""
    for name, field in form.fields.items():
        label = str(field.label or name.replace("_", " ").capitalize())
        messages = field.error_messages
        if field.widget.is_hidden:  # the page's own, not the person's
            messages["required"] = messages["invalid"] = (
                "This page was out of date: open it again and try once more"
            )
            continue
        if required and name in required:
            messages["required"] = required[name]
        elif isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
            messages["required"] = f"Select {_object(label)}"
        elif label.lower().startswith(ASKING):
            messages["required"] = f"Say {_lowered(label)}"
        else:
            messages["required"] = f"Enter {_object(label)}"
        limit = getattr(field, "max_length", None)
        if limit:
            messages["max_length"] = (
                f"{label} must be {limit:,} characters or fewer: it has %(show_value)s"
            )
        if isinstance(field, forms.IntegerField):
            low, high = field.min_value, field.max_value
            if low is not None and high is not None:
                words = f"{label} must be a whole number from {low} to {high}"
                for code in ("invalid", "min_value", "max_value"):
                    messages[code] = words
            else:
                messages["invalid"] = f"{label} must be a whole number"
        if isinstance(field, forms.DateField):
            messages["invalid"] = f"{label} must be a real date"


def _lowered(label: str) -> str:
    return f"{label[0].lower()}{label[1:]}"


def _object(label: str) -> str:
    """'Subject' → 'the subject'; 'Your comment' → 'your comment'."""
    if label.lower().startswith(("your ", "a ", "an ", "the ")):
        return _lowered(label)
    if label.split(" ", 1)[0].isupper():  # an acronym kept
        return f"the {label}"
    return f"the {_lowered(label)}"
