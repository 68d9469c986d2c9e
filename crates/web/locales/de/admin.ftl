### Administration: user accounts, roles, the audit log

nav-users = Benutzer
nav-audit = Protokoll

card-users = Benutzerkonten
card-users-hint = Legen Sie Konten für Mitarbeitende, Arbeitgeber und Partner an.
card-audit = Protokoll
card-audit-hint = Wer hat wann was gelesen oder geändert – nicht veränderbar.

role-administrator = Administration
role-agency_staff = Wirtschaftsförderung
role-employer = Arbeitgeber
role-job_counsellor = Jobberatung
role-clinic_buyer = Klinikeinkauf
role-planner = Planung
role-candidate = Kandidat/in
role-producer = Erzeuger/in
role-partner_agency = Partneragentur

users-title = Benutzer
users-filter = Konten filtern
users-search = Name oder E-Mail enthält
users-filter-role = Nach Rolle filtern
users-filter-org = Nach Organisation filtern
users-filter-status = Nach Status filtern
users-empty = Keine Konten für diese Auswahl.
users-count = { $count ->
    [one] Ein Benutzerkonto
   *[other] { $count } Benutzerkonten
}
user-name = Name
user-email = E-Mail-Adresse
user-role = Rolle
user-organisation = Organisation
user-language = Sprache des Kontos
invite-language = Sprache der Einladung und des Kontos
user-status = Status
user-active = aktiv
user-disabled = gesperrt
user-password = Anfangspasswort
user-password-hint = Mindestens 10 Zeichen.
user-new-title = Neues Benutzerkonto
user-create = Konto anlegen
user-created-ok = Das Konto wurde angelegt.
user-disable = Sperren
user-enable = Entsperren
user-reset = Passwort zurücksetzen
user-reset-done = Neues Passwort für { $email }: { $password } – bitte sicher weitergeben; es wird nur einmal angezeigt.
user-updated-ok = Das Konto wurde geändert.
user-actions = Aktionen

audit-title = Protokoll
audit-intro = Jeder Schreibvorgang und jeder Lesezugriff auf Personendaten durch andere wird hier festgehalten. Einträge lassen sich nicht ändern oder löschen.
audit-when = Zeitpunkt
audit-who = Wer
audit-action = Aktion
audit-entity = Datensatz
audit-change = Änderung
audit-filter = Filtern
audit-filter-action = Aktion
audit-filter-entity = Datensatzart
audit-filter-from = Von (Tag)
audit-filter-to = Bis (Tag)
audit-empty = Keine Einträge für diese Auswahl.

## Help (`/help`): one paragraph per line
help-admin-title = Benutzer und Protokoll
help-admin-text =
    Administratorinnen und Administratoren laden Personen ein, ändern Name, E-Mail-Adresse, Rolle und Organisation und sperren Konten. Eine Einladung ist ein einmaliger Link, der abläuft; ohne E-Mail-Adresse kann er persönlich übergeben werden.
    Das Protokoll hält fest, wer wann welche Daten gelesen und geändert hat. Es kann nur wachsen; jeder Eintrag ist mit dem vorigen verkettet, sodass eine nachträgliche Änderung auffällt.
