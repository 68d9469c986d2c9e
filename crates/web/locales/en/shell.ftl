### Layout, navigation, pagination, error pages and the shared validation and conflict messages

app-name = Standort
app-tagline = Economic development platform
skip-to-content = Skip to content
nav-main = Main navigation
nav-menu = Menu
nav-dashboard = Dashboard
language-label = Interface language
language-submit = Change language
footer-text = Standort – free software for economic development and skilled-worker recruitment

pagination = Pages
pagination-prev = Previous
pagination-next = Next
pagination-status = Entries { $from }–{ $to } of { $total }
pagination-status-more = Entries { $from }–{ $to } of more than { $total }
list-download = Download what the list shows:
list-download-csv = CSV (Excel)
list-download-xlsx = XLSX
list-filter-submit = Apply
list-filter-reset = Reset filters
list-filter-any = all
list-filter-name-hint = Part of the name is enough.
list-filter-org-hint = Part of the name is enough, accents optional.

error-title = Error
error-bad-request = The request was not valid: { $detail }
error-forbidden = You do not have permission for this.
error-not-found = This page or record does not exist or is not visible to you.
error-csrf = The form has expired. Please reload the page and send it again.
error-internal = An internal error occurred. Please try again later.
error-too-large = The data sent is too large.
error-upload-too-large = The file is too large: at most { $mib } MiB can be sent at once. Please split the file or send only the rows you need.
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
validation-invalid-country = Please choose a country from the list.
iso-choose = Please choose
conflict-email-taken = This e-mail address is already in use.
conflict-name-taken = This name is already in use.
conflict-cannot-disable-self = You cannot disable your own account.
conflict-already-exists = This entry already exists.
field-label = Field "{ $field }"
org-pick-label = Search organisation (name or part of it)
org-pick-search = Search organisation
org-pick-hint = Your own organisation is preselected. Find another one with the search above.
org-pick-none = No organisation with this name found. Try a shorter part of the name.
validation-confirm-required = Please confirm first: this step is recorded permanently. Nothing was saved.
