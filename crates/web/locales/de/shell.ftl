### Layout, navigation, pagination, error pages and the shared validation and conflict messages

app-name = Standort
app-tagline = Plattform der Wirtschaftsförderung
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-menu = Menü
nav-dashboard = Übersicht
language-label = Sprache der Oberfläche
language-submit = Sprache wechseln
footer-text = Standort – freie Software für Wirtschaftsförderung und Fachkräftegewinnung

pagination = Seiten
pagination-prev = Zurück
pagination-next = Weiter
pagination-status = Einträge { $from }–{ $to } von { $total }
pagination-status-more = Einträge { $from }–{ $to } von mehr als { $total }
list-download = Herunterladen, was die Liste zeigt:
list-download-csv = CSV (Excel)
list-download-xlsx = XLSX
list-filter-submit = Anwenden
list-filter-reset = Filter zurücksetzen
list-filter-any = alle
list-filter-name-hint = Ein Teil des Namens genügt.
list-filter-org-hint = Ein Teil des Namens genügt, auch ohne Akzente.

error-title = Fehler
error-bad-request = Die Anfrage war fehlerhaft: { $detail }
error-forbidden = Dafür fehlen Ihnen die Rechte.
error-not-found = Diese Seite oder dieser Datensatz existiert nicht oder ist für Sie nicht sichtbar.
error-csrf = Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut.
error-internal = Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.
error-too-large = Die gesendeten Daten sind zu groß.
error-upload-too-large = Die Datei ist zu groß: Pro Sendung sind höchstens { $mib } MiB erlaubt. Bitte teilen Sie die Datei auf oder senden Sie nur die benötigten Zeilen.
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
validation-invalid-country = Bitte ein Land aus der Liste wählen.
iso-choose = Bitte wählen
conflict-email-taken = Diese E-Mail-Adresse ist bereits vergeben.
conflict-name-taken = Dieser Name ist bereits vergeben.
conflict-cannot-disable-self = Sie können Ihr eigenes Konto nicht sperren.
conflict-already-exists = Dieser Eintrag existiert bereits.
field-label = Feld „{ $field }“
org-pick-label = Organisation suchen (Name oder Teil davon)
org-pick-search = Organisation suchen
org-pick-hint = Ihre eigene Organisation ist vorausgewählt. Eine andere finden Sie über die Suche oben.
org-pick-none = Keine Organisation mit diesem Namen gefunden. Versuchen Sie einen kürzeren Teil des Namens.
validation-confirm-required = Bitte zuerst bestätigen: Dieser Schritt wird endgültig festgehalten. Es wurde nichts gespeichert.
