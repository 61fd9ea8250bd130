"""My actions, and the tracker's CSV and Excel exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.choices import Status
from actions.models import Action
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import ActionFactory, FindingFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def test_my_actions_lists_open_owned_and_delegated_overdue_first(
    client, staff_officer, other_staff_officer
):
    today = timezone.localdate()
    later = ActionFactory(owner=staff_officer, due_date=today + D(days=40))
    late = ActionFactory(owner=staff_officer, due_date=today - D(days=3))
    soon = ActionFactory(owner=other_staff_officer, due_date=today + D(days=5))
    soon.delegates.add(staff_officer)
    ActionFactory(owner=staff_officer, status=Status.CLOSED, percent_complete=100)
    ActionFactory(owner=other_staff_officer)
    ProgressUpdateFactory(action=late, date=datetime.date(2017, 5, 5))
    sign_in(client, staff_officer)
    response = client.get(reverse("actions:mine"))
    assert list(response.context["object_list"]) == [late, soon, later]
    assert "5 May 2017" in response.text  # the last update
    assert reverse("actions:update", args=[late.pk]) in response.text


def test_my_actions_needs_a_sign_in(client):
    response = client.get(reverse("actions:mine"))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [10, 500])
def test_my_actions_queries_do_not_grow_with_actions(
    client, django_assert_num_queries, staff_officer, count
):
    finding = FindingFactory()
    Action.objects.bulk_create(
        Action(
            finding=finding,
            force=finding.inspection.force,
            title=f"Action {n}",
            owner=staff_officer,
            lead=staff_officer,
            due_date=datetime.date(2017, 1, 1) + D(days=n),
            original_due_date=datetime.date(2017, 1, 1) + D(days=n),
        )
        for n in range(count)
    )
    sign_in(client, staff_officer)
    # user with permissions and role (session from the cache), delegated actions,
    # count, one page of actions
    with django_assert_num_queries(4):
        response = client.get(reverse("actions:mine"))
    assert response.context["page_obj"].paginator.count == count


@pytest.fixture
def tracked(staff_officer):
    """Two official actions, one sensitive, with a last update each."""
    area = FindingFactory(theme="Service to victims", text="Improving contact")
    first = ActionFactory(finding=area, title="=HYPERLINK(1)", owner=staff_officer)
    second = ActionFactory(title="Audit arrests", due_date=datetime.date(2018, 1, 5))
    secret = ActionFactory(title="Covert review", marking=Marking.OFFICIAL_SENSITIVE)
    ProgressUpdateFactory(
        action=first, narrative="Old news", date=datetime.date(2017, 4, 1)
    )
    ProgressUpdateFactory(
        action=first, narrative="Latest news", date=datetime.date(2017, 5, 1)
    )
    ProgressUpdateFactory(action=second, narrative="Arrest audit begun")
    return first, second, secret


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_csv_export_has_a_row_per_action_with_its_context(
    client, chief_officer, tracked
):
    sign_in(client, chief_officer)
    response = client.get(reverse("actions:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="action')
    rows = read_csv(response)
    marking, header, *data = rows  # the sensitive action marks the whole file
    assert marking[0].startswith("OFFICIAL-SENSITIVE: this file holds material")
    assert header[:5] == [
        "Action",
        "Finding",
        "Kind of finding",
        "Theme",
        "Graded question",
    ]
    assert len(data) == 3
    first = dict(zip(header, data[0], strict=True))
    assert first["Action"] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet
    assert first["Finding"] == "Improving contact"
    assert first["Theme"] == "Service to victims"
    assert first["Last update"] == "Latest news"
    assert first["Last update date"] == "2017-05-01"
    assert first["Due date"] == "2017-09-30"
    assert first["Status"] == "In progress"


def test_exports_keep_the_filters_applied(client, chief_officer, tracked):
    sign_in(client, chief_officer)
    page = client.get(reverse("actions:tracker"), {"theme": "Service to victims"})
    assert "export.csv?theme=Service+to+victims" in page.text
    rows = read_csv(
        client.get(reverse("actions:export_csv"), {"theme": "Service to victims"})
    )
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)"]


def test_exports_leave_out_what_the_person_may_not_see(client, panel_member, tracked):
    sign_in(client, panel_member)
    titles = [row[0] for row in read_csv(client.get(reverse("actions:export_csv")))]
    assert "Covert review" not in titles and "Audit arrests" in titles
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("actions:export_xlsx")).content)
    )
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Covert review" not in values and "Audit arrests" in values


def test_xlsx_export_reads_back_with_typed_cells(client, chief_officer, tracked):
    sign_in(client, chief_officer)
    response = client.get(reverse("actions:export_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    marking, *rows = list(sheet.iter_rows(values_only=True))
    assert marking[0].startswith("OFFICIAL-SENSITIVE: this file holds material")
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[0] == "Action" and len(rows) == 4
    assert first["Due date"] == datetime.datetime(2017, 9, 30)
    assert first["Percent complete"] == 0.4  # shown as 40%
    assert first["Last update"] == "Latest news"
    assert first["Action"] == "'=HYPERLINK(1)"


def test_the_workbook_is_one_a_person_would_keep(client, chief_officer, tracked):
    """Bold frozen header, filters, widths, formatted dates and percentages,
    links that open the action, and the marking on top."""
    sign_in(client, chief_officer)
    response = client.get(reverse("actions:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].font.bold and sheet["A1"].value.startswith("OFFICIAL-SENSITIVE")
    header = [cell.value for cell in sheet[2]]
    assert all(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A3"
    last = sheet.cell(row=2, column=len(header)).column_letter
    assert sheet.auto_filter.ref == f"A2:{last}5"
    assert sheet.column_dimensions["A"].width == 40
    due = sheet.cell(row=3, column=header.index("Due date") + 1)
    assert due.number_format == "d mmm yyyy"
    percent = sheet.cell(row=3, column=header.index("Percent complete") + 1)
    assert (percent.value, percent.number_format) == (0.4, "0%")
    link = sheet.cell(row=3, column=len(header))
    assert link.hyperlink.target == link.value and "/actions/" in link.value


def test_exports_need_a_role_that_reads_action_plans(client):
    assert client.get(reverse("actions:export_csv")).status_code == 302


@pytest.mark.parametrize("count", [3, 30])
def test_tracker_queries_do_not_grow_with_actions(
    client, django_assert_num_queries, chief_officer, count
):
    ActionFactory.create_batch(count)
    sign_in(client, chief_officer)
    # user with permissions and role (session from the cache); count, page of actions;
    # the filter's forces, themes, owners and leads
    with django_assert_num_queries(7):
        client.get(reverse("actions:tracker"))
