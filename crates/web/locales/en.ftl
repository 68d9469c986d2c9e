app-name = Standort
app-tagline = Economic development platform
skip-to-content = Skip to content
nav-main = Main navigation
nav-dashboard = Dashboard
nav-organisations = Organisations
nav-users = Users
nav-audit = Audit log
nav-account = My account
nav-logout = Log out
language-label = Language
language-submit = Change language
footer-text = Standort – free software for economic development and skilled-worker recruitment

login-title = Log in
login-intro = Log in with your e-mail address and password.
login-email = E-mail address
login-password = Password
login-submit = Log in
login-failed = Wrong e-mail address or password.
login-throttled = Too many failed logins. Please try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
logged-out = You have been logged out.

dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }
dashboard-role = Role: { $role } · Organisation: { $organisation }
card-users = User accounts
card-users-hint = Create accounts for staff, employers and partners.
card-organisations = Organisations
card-organisations-hint = Clinics, employers and partners abroad you work with.
card-partners-hint = The organisations in the network. Administrators add new partners.
card-audit = Audit log
card-audit-hint = Who read or changed what, and when – cannot be altered.
card-recruitment = Skilled-worker recruitment
card-recruitment-empty = No candidates yet. Once the recruitment module is set up, programmes and due steps appear here.
card-own-organisation = Your organisation
card-employer-empty = No positions yet. First describe which skilled workers you need – the module for this is coming.
card-caseload = Your caseload
card-caseload-empty = No cases yet. Capture the first person from an integration course once the module is available.
card-procurement = Shared procurement
card-procurement-empty = No orders yet. Your clinic's stock and orders will appear here.
card-demography = Demography monitoring
card-demography-empty = No population data yet. First import the population of your municipalities.
card-my-journey = Your way to Germany
card-my-journey-empty = Your next steps will appear here soon: language course, recognition, visa and arrival.
card-tokens = API access
card-tokens-hint = Personal access tokens for scripts and other programs.
card-open = Open

role-administrator = Administrator
role-agency_staff = Agency staff
role-employer = Employer
role-job_counsellor = Job counsellor
role-clinic_buyer = Clinic buyer
role-planner = Planner
role-candidate = Candidate

orgkind-agency = Economic development agency
orgkind-investment_agency = Investment agency
orgkind-clinic = Clinic
orgkind-transport_company = Transport company
orgkind-employer = Employer
orgkind-language_school = Language school
orgkind-recruiting_partner = Recruiting partner
orgkind-supplier = Supplier
orgkind-municipality = Municipality
orgkind-other = Other

organisations-title = Organisations
organisations-count = { $count ->
    [one] One organisation
   *[other] { $count } organisations
}
organisations-empty = No organisations yet.
org-name = Name
org-kind = Kind
org-country = Country
org-created = Created on
org-new-title = New organisation
org-create = Create organisation
org-created-ok = The organisation has been created.
org-members = Users of this organisation

users-title = Users
users-count = { $count ->
    [one] One user account
   *[other] { $count } user accounts
}
user-name = Name
user-email = E-mail address
user-role = Role
user-organisation = Organisation
user-language = Language
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
audit-empty = No entries for this selection.

account-title = My account
account-tokens = Personal access tokens (API)
account-tokens-intro = A token acts with your permissions. Send it as "Authorization: Bearer …" to /api/v1.
account-token-name = Name
account-token-create = Create token
account-token-created = Your new token (shown only now): { $secret }
account-token-revoke = Revoke
account-token-revoked = revoked
account-tokens-empty = You have no tokens yet.
account-token-revoked-ok = The token has been revoked.

pagination = Pages
pagination-prev = Previous
pagination-next = Next
pagination-status = Entries { $from }–{ $to } of { $total }

error-title = Error
error-bad-request = The request was not valid: { $detail }
error-forbidden = You do not have permission for this.
error-not-found = This page or record does not exist or is not visible to you.
error-csrf = The form has expired. Please reload the page and send it again.
error-internal = An internal error occurred. Please try again later.
error-too-large = The data sent is too large.
error-conflict = That did not work: { $detail }
error-back = Back to the dashboard

validation-required = Please fill in.
validation-too-long = The text is too long.
validation-invalid-characters = Contains characters that are not allowed.
validation-invalid-email = Not a valid e-mail address.
validation-password-too-short = The password must be at least 10 characters long.
validation-unknown-role = Unknown role.
validation-unknown-language = Unknown language.
validation-unknown-organisation = Unknown organisation.
validation-unknown-kind = Unknown kind.
validation-invalid-country = Please give the two-letter country code (e.g. DE, VN).
conflict-email-taken = This e-mail address is already in use.
conflict-name-taken = This name is already in use.
conflict-cannot-disable-self = You cannot disable your own account.
conflict-already-exists = This entry already exists.
field-label = Field "{ $field }"
