app-name = Standort
app-tagline = Plattform der Wirtschaftsförderung
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-dashboard = Übersicht
nav-organisations = Organisationen
nav-users = Benutzer
nav-audit = Protokoll
nav-account = Mein Konto
nav-logout = Abmelden
language-label = Sprache
language-submit = Sprache wechseln
footer-text = Standort – freie Software für Wirtschaftsförderung und Fachkräftegewinnung

login-title = Anmelden
login-intro = Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.
login-email = E-Mail-Adresse
login-password = Passwort
login-submit = Anmelden
login-failed = E-Mail-Adresse oder Passwort ist falsch.
login-throttled = Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} erneut.
logged-out = Sie wurden abgemeldet.

dashboard-title = Übersicht
dashboard-welcome = Willkommen, { $name }
dashboard-role = Rolle: { $role } · Organisation: { $organisation }
card-users = Benutzerkonten
card-users-hint = Legen Sie Konten für Mitarbeitende, Arbeitgeber und Partner an.
card-organisations = Organisationen
card-organisations-hint = Kliniken, Arbeitgeber und Partner im Ausland, mit denen Sie arbeiten.
card-partners-hint = Die Organisationen im Netzwerk. Neue Partner legt die Administration an.
card-audit = Protokoll
card-audit-hint = Wer hat wann was gelesen oder geändert – nicht veränderbar.
card-recruitment = Fachkräftegewinnung
card-recruitment-empty = Noch keine Kandidatinnen und Kandidaten. Sobald das Modul Fachkräftegewinnung eingerichtet ist, erscheinen hier Programme und fällige Schritte.
card-own-organisation = Ihre Organisation
card-employer-empty = Noch keine Stellen. Als Erstes beschreiben Sie, welche Fachkräfte Sie suchen – das Modul dafür folgt.
card-caseload = Ihre Beratungsfälle
card-caseload-empty = Noch keine Beratungsfälle. Erfassen Sie die erste Person aus einem Integrationskurs, sobald das Modul bereitsteht.
card-procurement = Gemeinsame Beschaffung
card-procurement-empty = Noch keine Bestellungen. Hier sehen Sie künftig Bestände und Bestellungen Ihrer Klinik.
card-demography = Demografie-Monitoring
card-demography-empty = Noch keine Bevölkerungsdaten. Importieren Sie zuerst den Bevölkerungsstand Ihrer Gemeinden.
card-my-journey = Ihr Weg nach Deutschland
card-my-journey-empty = Hier sehen Sie bald Ihre nächsten Schritte: Sprachkurs, Anerkennung, Visum und Ankunft.
card-tokens = API-Zugang
card-tokens-hint = Persönliche Zugangsschlüssel für Skripte und andere Programme.
card-open = Öffnen

role-administrator = Administration
role-agency_staff = Wirtschaftsförderung
role-employer = Arbeitgeber
role-job_counsellor = Jobberatung
role-clinic_buyer = Klinikeinkauf
role-planner = Planung
role-candidate = Kandidat/in

orgkind-agency = Wirtschaftsförderung
orgkind-investment_agency = Investitionsagentur
orgkind-clinic = Klinik
orgkind-transport_company = Verkehrsunternehmen
orgkind-employer = Arbeitgeber
orgkind-language_school = Sprachschule
orgkind-recruiting_partner = Rekrutierungspartner
orgkind-supplier = Lieferant
orgkind-municipality = Kommune
orgkind-other = Sonstige

organisations-title = Organisationen
organisations-count = { $count ->
    [one] Eine Organisation
   *[other] { $count } Organisationen
}
organisations-empty = Noch keine Organisationen.
org-name = Name
org-kind = Art
org-country = Land
org-created = Angelegt am
org-new-title = Neue Organisation
org-create = Organisation anlegen
org-created-ok = Die Organisation wurde angelegt.
org-members = Benutzer dieser Organisation

users-title = Benutzer
users-count = { $count ->
    [one] Ein Benutzerkonto
   *[other] { $count } Benutzerkonten
}
user-name = Name
user-email = E-Mail-Adresse
user-role = Rolle
user-organisation = Organisation
user-language = Sprache
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
audit-empty = Keine Einträge für diese Auswahl.

account-title = Mein Konto
account-tokens = Persönliche Zugangsschlüssel (API)
account-tokens-intro = Ein Schlüssel handelt mit Ihren Rechten. Senden Sie ihn als „Authorization: Bearer …“ an /api/v1.
account-token-name = Bezeichnung
account-token-create = Schlüssel erzeugen
account-token-created = Ihr neuer Schlüssel (wird nur jetzt angezeigt): { $secret }
account-token-revoke = Widerrufen
account-token-revoked = widerrufen
account-tokens-empty = Sie haben noch keine Schlüssel.
account-token-revoked-ok = Der Schlüssel wurde widerrufen.

pagination = Seiten
pagination-prev = Zurück
pagination-next = Weiter
pagination-status = Einträge { $from }–{ $to } von { $total }

error-title = Fehler
error-bad-request = Die Anfrage war fehlerhaft: { $detail }
error-forbidden = Dafür fehlen Ihnen die Rechte.
error-not-found = Diese Seite oder dieser Datensatz existiert nicht oder ist für Sie nicht sichtbar.
error-csrf = Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut.
error-internal = Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.
error-too-large = Die gesendeten Daten sind zu groß.
error-conflict = Das ging nicht: { $detail }
error-back = Zur Übersicht

validation-required = Bitte ausfüllen.
validation-too-long = Der Text ist zu lang.
validation-invalid-characters = Enthält unzulässige Zeichen.
validation-invalid-email = Keine gültige E-Mail-Adresse.
validation-password-too-short = Das Passwort muss mindestens 10 Zeichen lang sein.
validation-unknown-role = Unbekannte Rolle.
validation-unknown-language = Unbekannte Sprache.
validation-unknown-organisation = Unbekannte Organisation.
validation-unknown-kind = Unbekannte Art.
validation-invalid-country = Bitte den zweistelligen Ländercode angeben (z. B. DE, VN).
conflict-email-taken = Diese E-Mail-Adresse ist bereits vergeben.
conflict-name-taken = Dieser Name ist bereits vergeben.
conflict-cannot-disable-self = Sie können Ihr eigenes Konto nicht sperren.
conflict-already-exists = Dieser Eintrag existiert bereits.
field-label = Feld „{ $field }“
