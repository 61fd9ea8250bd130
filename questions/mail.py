"""The e-mail a panel member gets when their question is answered. It never
carries the answer: an e-mail leaves the site, and the answer's marking is read
on the site, by whoever may read it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from inspections.choices import Marking


def reaches(person) -> bool:
    """Whether an e-mail to this person is sent: the pages say so only then."""
    return bool(person.email) and person.is_active


def send_answered(question) -> None:
    asker = question.asked_by
    if not reaches(asker):
        return
    context = {
        "question": question,
        "asker": asker,
        "url": settings.SITE_URL.rstrip("/") + question.get_absolute_url(),
        "sensitive": question.answer_marking == Marking.OFFICIAL_SENSITIVE,
        "service_name": settings.SERVICE_NAME,
    }
    send_mail(
        subject=f"{settings.SERVICE_NAME}: your question has been answered",
        message=render_to_string("questions/email/answered.txt", context),
        from_email=None,
        recipient_list=[asker.email],
    )
