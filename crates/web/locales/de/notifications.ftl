### Notifications: the bell, the list, each person's delivery per kind, and the letters

notifications-bell = Benachrichtigungen ({ $count } ungelesen)
notifications-title = Benachrichtigungen
notifications-count = { $count ->
    [one] Eine Benachrichtigung
   *[other] { $count } Benachrichtigungen
}
notifications-empty = Keine Benachrichtigungen.
notifications-filter = Benachrichtigungen filtern
notifications-kind = Art
notifications-kind-all = Alle Arten
notifications-show = Anzeigen
notifications-show-all = Gelesene und ungelesene
notifications-show-unread = Nur ungelesene
notifications-read-all = Alle als gelesen markieren
notifications-mark-read = Als gelesen markieren
notifications-unread = Ungelesen
notifications-read = Gelesen
notifications-col-created = Eingegangen
notifications-col-text = Worum es geht
notifications-col-state = Status
notifications-read-ok = Die Benachrichtigung ist als gelesen markiert.
notifications-read-all-ok = Alle Benachrichtigungen sind als gelesen markiert.
notifications-preferences-link = Wie möchten Sie benachrichtigt werden?

notification-kind-track_due = Anstehende Schritte
notification-kind-track_overdue = Überfällige Schritte
notification-kind-document_request = Angeforderte Unterlagen
notification-kind-erasure_request = Löschanträge
notification-text-track_due = { $step } – fällig am { $date }
notification-text-track_overdue = Überfällig: { $step } – fällig war der { $date }
notification-text-document_request = Bitte laden Sie hoch: { $document }
notification-text-document_request-due = Bitte laden Sie bis { $date } hoch: { $document }
notification-text-erasure_request = Eine Kandidatin oder ein Kandidat hat die Löschung der eigenen Daten beantragt.
notification-kind-network_follow_up_due = Nächste Schritte nach Ansprachen
notification-kind-agreement_obligation_due = Pflichten aus Vereinbarungen
notification-kind-agreement_term_ending = Auslaufende Vereinbarungen
notification-kind-stock_low = Knapper Bestand
notification-kind-lot_expiring = Ablaufende Chargen
notification-kind-round_deadline = Fristen von Sammelbestellungen
notification-text-network_follow_up_due = Nächster Schritt nach der Ansprache von { $org } – fällig am { $date }
notification-text-network_follow_up_due-overdue = Überfällig: nächster Schritt nach der Ansprache von { $org } – fällig war der { $date }
notification-text-agreement_obligation_due = Pflicht aus „{ $agreement }“ – fällig am { $date }
notification-text-agreement_obligation_due-overdue = Überfällig: Pflicht aus „{ $agreement }“ – fällig war der { $date }
notification-text-agreement_term_ending = Die Laufzeit von „{ $agreement }“ endet am { $date }.
notification-text-stock_low = { $item }: Vorrat nur noch für { $days } (weniger als { $threshold }) – aufgebraucht etwa am { $date }
notification-text-lot_expiring = { $item }, Charge { $lot }: läuft am { $date } ab
notification-text-round_deadline = Sammelbestellung „{ $order }“: Mengen bis { $date } eintragen
notification-kind-introduction_requested = Anfragen um Vorstellung
notification-kind-introduction_answered = Antworten auf Anfragen um Vorstellung
notification-text-introduction_requested = { $org } bittet um die Vorstellung einer Kandidatin oder eines Kandidaten.
notification-text-introduction_answered-accepted = Die Agentur hat Ihre Anfrage um Vorstellung angenommen.
notification-text-introduction_answered-declined = Die Agentur hat Ihre Anfrage um Vorstellung abgelehnt.
notification-days = { $count ->
    [one] einen Tag
   *[other] { $count } Tage
}

notification-preferences-title = Benachrichtigungen einstellen
notification-preferences-intro = Wählen Sie für jede Art, ob Sie sofort eine E-Mail erhalten, eine tägliche Übersicht am Morgen oder die Benachrichtigung nur in Standort sehen (Glocke oben).
notification-preferences-none = Für Ihre Rolle gibt es keine Benachrichtigungen.
notification-preferences-save = Auswahl für „{ $kind }“ speichern
notification-preferences-ok = Ihre Auswahl ist gespeichert.
notification-preferences-back = Zu den Benachrichtigungen
notification-delivery-immediate = Sofort per E-Mail
notification-delivery-digest = In der täglichen Übersicht per E-Mail
notification-delivery-none = Nur in Standort

## E-mail
mail-notification-subject = Standort: { $kind }
mail-digest-subject = Standort: Ihre tägliche Übersicht
mail-digest-intro = Das ist neu für Sie in Standort:
mail-digest-more = … und { $count } weitere.
mail-notification-open = Öffnen
mail-notification-list = Alle Benachrichtigungen
mail-notification-settings = Was Sie per E-Mail erhalten, ändern Sie hier:

## Calendar feed
calendar-title = Fristen im eigenen Kalender
calendar-intro = Eine geheime Adresse zum Abonnieren in Thunderbird, Outlook oder dem Kalender Ihres Telefons: Ihre Fristen erscheinen dort als ganztägige Termine mit einem Link zurück in Standort. Wer die Adresse kennt, sieht Ihre Fristen – geben Sie sie nicht weiter.
calendar-none = Sie haben noch keine Kalender-Adresse.
calendar-active = Ihre Kalender-Adresse gilt seit { $since }.
calendar-create = Kalender-Adresse erzeugen
calendar-renew = Neue Kalender-Adresse erzeugen (die bisherige gilt dann nicht mehr)
calendar-revoke = Kalender-Adresse ungültig machen
calendar-created = Ihre neue Kalender-Adresse. Sie wird nur jetzt angezeigt: Kopieren Sie sie in Ihren Kalender.
calendar-url = Adresse zum Abonnieren
calendar-revoked-ok = Die Kalender-Adresse gilt nicht mehr.
calendar-name = Standort – Fristen von { $name }
calendar-follow-up = Nächster Schritt: { $org }
calendar-obligation = { $obligation } („{ $agreement }“)
calendar-round = Frist der Sammelbestellung „{ $order }“
