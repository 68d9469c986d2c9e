### Candidate portal and personal data: documents, consents, export, erasure

card-my-journey = Ihr Weg nach Deutschland
card-my-journey-hint = Ihre Vermittlungen: was erledigt ist und welche Schritte als Nächstes kommen.
card-my-journey-empty = Hier sehen Sie bald Ihre nächsten Schritte: Sprachkurs, Anerkennung, Visum und Ankunft.

portal-title = Mein Portal
portal-intro = Ihre Angaben, Ihr Weg nach Deutschland, die angeforderten Unterlagen, Ihre Einwilligungen und Ihre Daten – an einem Ort.
portal-sections = Abschnitte dieser Seite
portal-profile = Meine Angaben
portal-profile-hint = Sie können Ihre Kontaktdaten, Ihr Deutschzertifikat und Prüfungstermine, Führerscheinklassen, Wunschregionen und Ihren frühesten Beginn ändern. Name und Herkunft ändert die Agentur, die Ihre Ausweisdokumente prüft.
portal-save = Speichern
portal-tracks = Meine Schritte
portal-tracks-pending = Ihre Schritte (Sprache, Anerkennung, Visum, Ankunft) und was als Nächstes zu tun ist, erscheinen hier, sobald die Agentur Ihre Vermittlung begonnen hat.
portal-documents = Unterlagen
portal-documents-asked = Angeforderte Unterlagen
portal-documents-none-asked = Wir haben bisher keine Unterlagen bei Ihnen angefordert.
portal-documents-uploaded = Ihre Unterlagen
portal-documents-none = Noch keine Unterlagen.
document-kind = Art der Unterlage
document-due = Fällig bis
document-state = Stand
document-received = Liegt vor
document-missing = Fehlt noch
document-upload = Hochladen
document-file = Datei
document-limits = PDF, JPEG oder PNG, höchstens { $mb } MB.
document-size = Größe
document-uploaded = Hochgeladen
document-checksum = Prüfsumme (SHA-256)
document-ask = Unterlage anfordern
document-ask-submit = Bei der Person anfordern
document-kind-passport = Reisepass
document-kind-diploma = Abschlusszeugnis oder Berufsnachweis
document-kind-language-certificate = Sprachzertifikat
document-kind-cv = Lebenslauf
document-kind-recognition-notice = Bescheid der Anerkennungsstelle
document-kind-other = Sonstige Unterlage
portal-consents = Meine Einwilligungen
portal-consents-hint = Sie entscheiden, wer Ihr Profil sehen darf. Ein Widerruf wirkt sofort; jede Änderung wird mit Datum und Uhrzeit festgehalten.
consent-what = Einwilligung
consent-state = Stand
consent-purpose-share-employers = Mein Profil allen Arbeitgebern in Standort zeigen (ohne Kontaktdaten)
consent-purpose-share-employer = Mein Profil { $organisation } zeigen (ohne Kontaktdaten)
consent-purpose-talent-pool = Nach Ende meines Verfahrens im Talentpool bleiben
consent-given = Erteilt
consent-given-since = Erteilt am { $date }
consent-not-given = Nicht erteilt
consent-give = Einwilligen
consent-withdraw = Widerrufen
consent-history = Verlauf meiner Einwilligungen
consent-history-empty = Bisher keine Einwilligung erteilt oder widerrufen.
consent-event-given = erteilt
consent-event-withdrawn = widerrufen
portal-my-data = Meine Daten
portal-export-hint = Laden Sie alles, was Standort über Sie speichert, als maschinenlesbare JSON-Datei herunter (Art. 15 und 20 DSGVO): Profil, Qualifikationen, Kompetenzen, Einwilligungen mit Verlauf, Angaben zu Ihren Unterlagen mit Prüfsummen und wer wann auf Ihre Daten zugegriffen hat.
portal-export = Alle meine Daten herunterladen (JSON)
portal-erasure = Meine Daten löschen
portal-erasure-hint = Sie können die Agentur bitten, Ihr Profil, Ihre Unterlagen und Einwilligungen zu löschen (Art. 17 DSGVO). Die Agentur prüft, ob eine gesetzliche Pflicht zur Aufbewahrung besteht, und löscht dann.
portal-erasure-request = Löschung beantragen
portal-erasure-open = Sie haben am { $date } die Löschung beantragt. Die Agentur bearbeitet Ihren Antrag.
portal-saved-ok = Ihre Angaben wurden gespeichert.
portal-consent-ok = Ihre Einwilligung wurde festgehalten.
portal-erasure-ok = Ihr Löschantrag wurde an die Agentur übermittelt.
portal-upload-ok = Die Unterlage wurde hochgeladen.
portal-request-ok = Die Unterlage wurde bei der Person angefordert.
portal-process-ok = Das Ende des Verfahrens wurde festgehalten.
portal-erased-ok = Die Daten der Person wurden gelöscht.
portal-rejected-ok = Der Löschantrag wurde abgelehnt.
portal-personal-data = Personenbezogene Daten
portal-export-staff = Alle Daten dieser Person exportieren (JSON, Art. 15/20 DSGVO)
process-ended = Verfahren beendet am
process-ended-hint = Leer lassen, solange das Verfahren läuft. Die Aufbewahrungsregel löscht das Profil eine festgelegte Zahl von Monaten nach diesem Datum, sofern die Person nicht in den Talentpool eingewilligt hat.
erase-title = Löschung (Art. 17 DSGVO)
erase-requested = Die Person hat am { $date } die Löschung beantragt.
erase-reject = Antrag ablehnen (gesetzliche Aufbewahrungspflicht)
erase-hint = Die Löschung entfernt Profil, Qualifikationen, Kompetenzen, Unterlagen, Einwilligungen, Vermittlungen und die Anmeldung der Person endgültig. Das Prüfprotokoll hält fest, wer welchen Datensatz wann gelöscht hat – ohne personenbezogene Daten.
erase-confirm = Ja, alle Daten von { $name } endgültig löschen
erase-submit = Jetzt löschen
erasure-requests-title = Löschanträge
erasure-requests-intro = Personen, die im Portal die Löschung ihrer Daten beantragt haben. Öffnen Sie eine Person, um die Daten zu löschen oder den Antrag abzulehnen.
erasure-requests-empty = Keine offenen Anträge.
erasure-requested-at = Beantragt am
card-erasure-requests = Löschanträge
card-erasure-requests-hint = Offene Anträge aus dem Portal für Bewerberinnen und Bewerber (Art. 17 DSGVO).
validation-document-empty = Die Datei ist leer.
validation-document-too-large = Die Datei ist zu groß (höchstens 5 MB).
validation-document-type = Nur PDF-, JPEG- und PNG-Dateien werden angenommen; geprüft wird der Inhalt der Datei, nicht ihr Name.
validation-unknown-request = Unbekannte Anforderung einer Unterlage.
portal-track = Schritt
portal-track-stage = Stand
portal-track-next = Was als Nächstes kommt

portal-languages-hint = Hier tragen Sie die Sprachen ein, die Sie außer Deutsch sprechen. Ihr Deutschniveau trägt die Agentur ein.
consent-employer-search = Arbeitgeber suchen
consent-employer-search-label = Einem bestimmten Arbeitgeber mein Profil zeigen: Name des Arbeitgebers
consent-employer-none = Kein Arbeitgeber mit diesem Namen gefunden. Versuchen Sie einen kürzeren Teil des Namens.

# Dieselben Abschnitte, von Mitarbeitenden gelesen (nicht in der Stimme der Person).
staff-documents-none-asked = Bei dieser Person sind noch keine Unterlagen angefordert.
staff-documents-uploaded = Unterlagen der Person
staff-consents = Einwilligungen der Person
staff-consents-hint = Die Person entscheidet selbst im Portal, wer ihr Profil sehen darf; ein Widerruf wirkt sofort. Jede Änderung ist mit Datum und Uhrzeit festgehalten.
staff-consent-history = Verlauf der Einwilligungen
staff-consent-history-empty = Die Person hat bisher keine Einwilligung erteilt oder widerrufen.
staff-danger-zone = Endgültige Schritte
staff-danger-hint = Was hier geschieht, lässt sich nicht rückgängig machen.
portal-erasure-confirm = Ja, ich möchte, dass meine Daten endgültig gelöscht werden.

## Help (`/help`): one paragraph per line
help-portal-title = Ihr Portal
help-portal-text =
    Im Portal sehen Sie Ihr Profil, die Unterlagen, um die die Wirtschaftsförderung Sie gebeten hat, und den Stand Ihrer Wege: Sprache, Anerkennung, Visum und Ankunft.
    Laden Sie angeforderte Unterlagen als PDF, JPEG oder PNG hoch. Ihre Einwilligungen (Weitergabe an Arbeitgeber, Talentpool) können Sie jederzeit geben und widerrufen; jede Änderung wird mit Datum festgehalten.
    Sie können alle über Sie gespeicherten Daten herunterladen und die Löschung beantragen. Nach der Löschung bleibt nichts über Sie zurück außer einem Protokolleintrag ohne Ihren Namen.
