from accounts.roles import Role

# username: (first name, last name, role, job title)
DEMO_USERS = {
    "panel.member": ("Alex", "Hughes", Role.PANEL_MEMBER, "Panel member"),
    "staff.officer": ("Sam", "Carter", Role.STAFF_OFFICER, "Staff officer"),
    "staff.officer2": ("Morgan", "Reid", Role.STAFF_OFFICER, "Staff officer"),
    "chief.officer": ("Jordan", "Ellis", Role.CHIEF_OFFICER, "Deputy Chief Constable"),
    "commissioners.office": (
        "Robin",
        "Hale",
        Role.COMMISSIONERS_OFFICE,
        "Office of the Police and Crime Commissioner",
    ),
}
ACTION_PLAN_USERS = {"staff.officer", "staff.officer2", "chief.officer"}
ADMIN_USERNAME = "admin"
DEMO_PASSWORD = "pcc-panel-demo"
