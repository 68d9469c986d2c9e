### Administration: user accounts, roles, the audit log

nav-users = Users
nav-audit = Audit log

card-users = User accounts
card-users-hint = Create accounts for staff, employers and partners.
card-audit = Audit log
card-audit-hint = Who read or changed what, and when – cannot be altered.

role-administrator = Administrator
role-agency_staff = Agency staff
role-employer = Employer
role-job_counsellor = Job counsellor
role-clinic_buyer = Clinic buyer
role-planner = Planner
role-candidate = Candidate
role-producer = Producer
role-partner_agency = Partner agency

users-title = Users
users-filter = Filter accounts
users-search = Name or e-mail contains
users-filter-role = Filter by role
users-filter-org = Filter by organisation
users-filter-status = Filter by status
users-empty = No accounts for this selection.
users-count = { $count ->
    [one] One user account
   *[other] { $count } user accounts
}
user-name = Name
user-email = E-mail address
user-role = Role
user-organisation = Organisation
user-language = Account language
invite-language = Language of the invitation and account
user-status = Status
user-active = active
user-disabled = disabled
user-password = Initial password
user-password-hint = At least 10 characters.
user-new-title = New user account
user-create = Create account
user-created-ok = The account has been created.
user-disable = Disable
user-enable = Enable
user-reset = Reset password
user-reset-done = New password for { $email }: { $password } – pass it on securely; it is shown only once.
user-updated-ok = The account has been changed.
user-actions = Actions

audit-title = Audit log
audit-intro = Every change and every read of a person's data by someone else is recorded here. Entries cannot be changed or deleted.
audit-when = When
audit-who = Who
audit-action = Action
audit-entity = Record
audit-change = Change
audit-filter = Filter
audit-filter-action = Action
audit-filter-entity = Record type
audit-filter-from = From (day)
audit-filter-to = To (day)
audit-empty = No entries for this selection.

## Help (`/help`): one paragraph per line
help-admin-title = Users and audit log
help-admin-text =
    Administrators invite people, change name, e-mail address, role and organisation, and disable accounts. An invitation is a one-time link that expires; without an e-mail address it can be handed over in person.
    The audit log records who read and changed which data when. It can only grow; each entry is chained to the one before, so a later change shows.
