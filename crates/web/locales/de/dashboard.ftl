### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Übersicht
dashboard-welcome = Willkommen, { $name }
dashboard-role = Rolle: { $role } · Organisation: { $organisation }
card-open = Öffnen

## Help (`/help`): one paragraph per line
help-dashboard-title = Die Übersicht
help-dashboard-text =
    Nach der Anmeldung sehen Sie die Übersicht Ihrer Rolle: Karten mit den Zahlen, die für Ihre Arbeit zählen, etwa überfällige Schritte, Kandidatinnen und Kandidaten, Stellen oder Vorräte. Jede Karte führt zur passenden Liste.
    Oben rechts wählen Sie die Sprache der Oberfläche (Deutsch, Englisch, Vietnamesisch); sie wird an Ihrem Konto gespeichert. Über „Hilfe“ kommen Sie auf jeder Seite zur Erklärung des Bereichs, in dem Sie gerade arbeiten.
    Sie sehen nur Daten, die Ihre Rolle und Ihre Organisation sehen dürfen. Eine Seite, die es für Sie nicht gibt, meldet „nicht gefunden“.
