### The user's own account: personal access tokens (API)

nav-account = Mein Konto

card-tokens = API-Zugang
card-tokens-hint = Persönliche Zugangsschlüssel für Skripte und andere Programme.

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

account-profile = Name und Sprache
account-name = Name
account-language = Sprache
account-profile-save = Speichern
account-profile-ok = Ihre Angaben wurden gespeichert.
account-password = Passwort ändern
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-end-others = Alle anderen Sitzungen und API-Schlüssel beenden
account-password-submit = Passwort ändern
account-password-ok = Ihr Passwort wurde geändert.

account-notifications = Benachrichtigungen per E-Mail
account-notifications-link = Wählen, was Sie sofort, täglich gesammelt oder nur in Standort erhalten

## Help (`/help`): one paragraph per line
help-account-title = Mein Konto
help-account-text =
    Unter „Mein Konto“ ändern Sie Ihren Namen, Ihre Sprache und Ihr Passwort (das aktuelle ist dafür nötig) und können alle anderen Sitzungen beenden.
    Für Programme, die die Schnittstelle nutzen, legen Sie Zugangsschlüssel an; jeder Schlüssel wird nur einmal angezeigt und kann jederzeit widerrufen werden. Passwort vergessen? Auf der Anmeldeseite schicken wir Ihnen einen Link.
    Die Glocke oben zeigt Ihre ungelesenen Benachrichtigungen, etwa fällige und überfällige Schritte. Unter „Mein Konto“ wählen Sie je Art, ob Sie sofort per E-Mail, einmal täglich gesammelt oder nur in Standort benachrichtigt werden, und legen eine geheime Kalenderadresse Ihrer Fristen für Ihr Kalenderprogramm an (jederzeit widerrufbar).
