# Employers' shortlist and introduction requests (issue 11, point 14).
shortlist-title = Merkliste
shortlist-intro = Die Personen, die sich Ihre Organisation gemerkt hat – gemeinsam für alle Ihre Kolleginnen und Kollegen. Es erscheinen nur Personen, die der Weitergabe an Sie (weiterhin) zugestimmt haben.
shortlist-filter = Merkliste filtern
shortlist-search = Name (auch ohne Akzente)
shortlist-filter-position = Nach Stelle filtern
shortlist-count =
    { $count ->
        [one] Eine Person auf der Merkliste
       *[other] { $count } Personen auf der Merkliste
    }
shortlist-empty = Noch niemand auf der Merkliste.
shortlist-find = Bewerberprofile ansehen
shortlist-position = Stelle
shortlist-added = Gemerkt am
shortlist-actions = Merkliste und Vorstellung
shortlist-on = Auf Ihrer Merkliste
shortlist-for = für „{ $position }“
shortlist-remove = Von der Merkliste nehmen
shortlist-position-for = Merken für die Stelle
shortlist-add = Auf die Merkliste
shortlist-added-ok = Die Person steht auf Ihrer Merkliste.
shortlist-removed-ok = Die Person steht nicht mehr auf Ihrer Merkliste.

introductions-title = Anfragen um Vorstellung
introductions-intro-staff = Arbeitgeber bitten die Agentur, ihnen eine Person vorzustellen. Beantworten Sie offene Anfragen auf der Seite der Person: annehmen mit den nächsten Schritten oder ablehnen mit einer Begründung.
introductions-intro-employer = Ihre Anfragen an die Agentur, Ihnen eine Person vorzustellen, und die Antworten darauf.
introductions-filter = Anfragen filtern
introductions-search = Name der Person
introductions-filter-state = Nach Stand filtern
introduction-filter-open = Offen
introduction-filter-answered = Beantwortet
introduction-filter-accepted = Angenommen
introduction-filter-declined = Abgelehnt
introductions-count =
    { $count ->
        [one] Eine Anfrage
       *[other] { $count } Anfragen
    }
introductions-none = Keine Anfragen.
introduction-requested = Angefragt am
introduction-employer = Arbeitgeber
introduction-state = Stand
introduction-message = Nachricht
introduction-answer = Antwort
introduction-answer-link = Beantworten
introduction-state-open = Offen
introduction-state-accepted = Angenommen
introduction-state-declined = Abgelehnt
introduction-no-position = Keine bestimmte Stelle
introduction-request-title = Um Vorstellung bitten
introduction-request-hint = Die Agentur fragt die Person und antwortet Ihnen hier; Sie erhalten eine Benachrichtigung.
introduction-position-for = Vorstellung für die Stelle
introduction-message-label = Nachricht an die Agentur (freiwillig)
introduction-request-submit = Anfrage senden
introduction-line = { $org }, angefragt am { $date }, Stelle: { $position }
introduction-answered-on = Antwort vom { $date }
introduction-decision = Entscheidung
introduction-accept = Annehmen (vorstellen)
introduction-decline = Ablehnen
introduction-answer-label = Antwort an den Arbeitgeber
introduction-answer-hint = Beim Annehmen die nächsten Schritte oder eine Ansprechperson, beim Ablehnen die Begründung.
introduction-answer-submit = Antwort senden
introduction-requested-ok = Ihre Anfrage ist bei der Agentur eingegangen.
introduction-answered-ok = Die Antwort ist gespeichert; der Arbeitgeber wird benachrichtigt.
conflict-introduction-open = Für diese Person und Stelle ist bereits eine Anfrage offen.
conflict-introduction-answered = Diese Anfrage ist bereits beantwortet.

card-shortlist = Merkliste
card-shortlist-hint = Personen, die sich Ihre Organisation gemerkt hat.
card-employer-introductions = Anfragen um Vorstellung
card-employer-introductions-hint = Ihre Anfragen an die Agentur und deren Antworten.
card-introductions = Anfragen um Vorstellung
card-introductions-hint = Offene Anfragen von Arbeitgebern, die auf Ihre Antwort warten.

help-shortlist-title = Merkliste und Vorstellung
help-shortlist-text =
    Arbeitgeber merken sich Personen, die sie sehen dürfen, auf der Merkliste ihrer Organisation; alle Kolleginnen und Kollegen sehen dieselbe Liste.
    Auf der Seite einer Person bitten Arbeitgeber die Agentur um eine Vorstellung, wahlweise für eine ihrer Stellen und mit einer Nachricht. Je Person und Stelle ist eine Anfrage offen.
    Die Agentur nimmt an (mit den nächsten Schritten oder einer Ansprechperson) oder lehnt mit Begründung ab; beide Seiten werden benachrichtigt. Merkliste und Anfragen gehören zu den Daten der Person: sie stehen in ihrer Auskunft und werden mit ihr gelöscht.
