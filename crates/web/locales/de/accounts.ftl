### Accounts that reach people: e-mail, invitations, forgotten passwords, the outbox

## E-mail (written in the recipient's language)
mail-greeting = Guten Tag { $name },
mail-invitation-subject = Ihr Zugang zu Standort
mail-invitation-body = Sie wurden zu Standort eingeladen. Legen Sie über den folgenden Link Ihr Passwort fest; danach sind Sie angemeldet.
mail-invitation-body-candidate = Sie wurden in Ihr Bewerberportal bei Standort eingeladen. Dort sehen Sie Ihre Daten, laden angeforderte Unterlagen hoch und verwalten Ihre Einwilligungen. Legen Sie über den folgenden Link Ihr Passwort fest.
mail-invitation-action = Passwort festlegen
mail-invitation-ignore = Wenn Sie diese Einladung nicht erwartet haben, können Sie die Nachricht ignorieren.
mail-link-expires = Der Link gilt bis { $expires } und nur einmal.
mail-reset-subject = Neues Passwort für Standort
mail-reset-body = Für Ihr Konto wurde ein neues Passwort angefordert.
mail-reset-action = Neues Passwort festlegen
mail-reset-ignore = Wenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.
mail-footer = Standort – diese Nachricht wurde automatisch versandt.

## Accepting an invitation
invitation-title = Einladung annehmen
invitation-intro = Willkommen, { $name }! Legen Sie Ihr Passwort fest, um Ihr Konto zu eröffnen.
invitation-email = E-Mail-Adresse für die Anmeldung
invitation-email-hint = Mit dieser Adresse melden Sie sich künftig an.
invitation-password = Neues Passwort
invitation-expires = Die Einladung gilt bis { $expires }.
invitation-submit = Konto eröffnen

## Forgotten password
login-forgot = Passwort vergessen?
forgot-title = Passwort vergessen
forgot-intro = Geben Sie die E-Mail-Adresse Ihres Kontos an. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.
forgot-submit = Link anfordern
forgot-sent = Wenn zu dieser Adresse ein Konto besteht, ist ein Link unterwegs. Er gilt eine Stunde.
forgot-throttled = Zu viele Anfragen. Bitte versuchen Sie es in { $minutes } Minuten erneut.
reset-title = Neues Passwort festlegen
reset-intro = Legen Sie Ihr neues Passwort fest. Danach sind alle Ihre Sitzungen und API-Schlüssel beendet.
reset-submit = Passwort speichern
password-reset-ok = Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.

## Invitations made by staff and administrators
invited-title = Einladung erstellt
invited-link = Einladungslink
invited-link-hint = Der Link gilt bis { $expires } und nur einmal. Sie können ihn auch persönlich übergeben.
invited-mail-queued = Die Einladung wird per E-Mail an { $to } gesendet.
invited-mail-held = Es ist kein E-Mail-Server eingerichtet: Die Nachricht an { $to } bleibt ungesendet im Postausgang. Übergeben Sie den Link persönlich.
invited-no-email = Keine E-Mail-Adresse bekannt: Übergeben Sie den Link persönlich.
invited-revoked = Frühere Einladungslinks dieser Person gelten nicht mehr.
invited-back = Zurück
portal-access = Zugang zum Portal
portal-access-has-login = Die Person hat einen eigenen Zugang.
portal-access-none = Die Person hat noch keinen Zugang zum Portal.
portal-access-invited = Eingeladen am { $created }, gültig bis { $expires }.
portal-access-used = Die Einladung wurde am { $used } angenommen.
portal-invite-email = E-Mail-Adresse der Einladung
portal-invite-email-hint = Leer lassen, wenn keine Adresse bekannt ist: Der Link wird dann nur angezeigt.
portal-invite-language = Sprache der Einladung
portal-invite-submit = Zum Portal einladen
portal-invite-again = Neuen Link senden (der bisherige verfällt)
user-invite-title = Konto per Einladung eröffnen
user-invite-hint = Die Person legt ihr Passwort selbst über den Link fest.
user-invite-email-hint = Leer lassen, wenn keine Adresse bekannt ist: Die Person wählt sie beim Annehmen.
user-invite-submit = Einladen
user-edit = Bearbeiten
user-edit-title = Konto bearbeiten
user-edit-submit = Änderungen speichern

## Outbox (administrators)
nav-mail = Postausgang
mail-title = Postausgang
mail-smtp = E-Mail wird über { $server } versandt.
mail-smtp-none = Es ist kein E-Mail-Server eingerichtet (--smtp-url): Nachrichten bleiben ungesendet und zeigen, wohin sie gegangen wären.
mail-count = { $count ->
    [one] Eine Nachricht
   *[other] { $count } Nachrichten
}
mail-state = Status
mail-all = alle
mail-filter = Anzeigen
mail-state-pending = wartet
mail-state-sent = gesendet
mail-state-failed = fehlgeschlagen
mail-state-not_sent = nicht gesendet
mail-kind = Art
mail-kind-invitation = Einladung
mail-kind-password_reset = Passwort-Link
mail-kind-digest = Tägliche Übersicht
mail-kind-notification-track_due = Benachrichtigung: anstehender Schritt
mail-kind-notification-track_overdue = Benachrichtigung: überfälliger Schritt
mail-kind-notification-document_request = Benachrichtigung: angeforderte Unterlage
mail-kind-notification-erasure_request = Benachrichtigung: Löschantrag
mail-kind-notification-introduction_requested = Benachrichtigung: Anfrage um Vorstellung
mail-kind-notification-introduction_answered = Benachrichtigung: Antwort auf Ihre Anfrage um Vorstellung
mail-kind-notification-network_follow_up_due = Benachrichtigung: nächster Schritt nach einer Ansprache
mail-kind-notification-agreement_obligation_due = Benachrichtigung: Pflicht aus einer Vereinbarung
mail-kind-notification-agreement_term_ending = Benachrichtigung: auslaufende Vereinbarung
mail-kind-notification-stock_low = Benachrichtigung: knapper Bestand
mail-kind-notification-lot_expiring = Benachrichtigung: ablaufende Charge
mail-kind-notification-round_deadline = Benachrichtigung: Frist einer Sammelbestellung
mail-to = An
mail-account = Konto
mail-created = Erstellt
mail-attempts = Versuche
mail-error = Letzter Fehler
mail-empty = Keine Nachrichten.
card-mail-failed = Fehlgeschlagene E-Mails
card-mail-failed-hint = Nachrichten, die nach allen Versuchen nicht zugestellt wurden.

conflict-candidate-has-login = Die Person hat bereits einen Zugang.
conflict-cannot-change-own-role = Sie können Ihre eigene Rolle nicht ändern.
validation-wrong-password = Das Passwort stimmt nicht.
validation-unknown-state = Unbekannter Status.

## Help (`/help`): one paragraph per line
help-accounts-title = E-Mail-Versand
help-accounts-text =
    Standort schreibt Nachrichten in der Sprache der Empfängerin oder des Empfängers in einen Ausgang und versendet sie über den eingerichteten SMTP-Server. Ohne Server bleiben sie als „nicht gesendet“ mit ihrer Adresse sichtbar.
    Fehlgeschlagene Sendungen werden mit wachsenden Abständen wiederholt und danach als fehlgeschlagen gezeigt, damit Sie nachfassen können.
