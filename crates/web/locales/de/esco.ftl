### ESCO search (occupations and skills)

esco-search-title = ESCO durchsuchen
esco-search-query = Suchbegriff
esco-search-kind = Art
esco-search-lang = Sprache der Bezeichnungen
esco-search-submit = Suchen
esco-search-occupation = Beruf suchen
esco-search-skill = Kompetenz suchen
esco-kind-all = Berufe und Kompetenzen
esco-kind-occupation = Beruf
esco-kind-skill = Kompetenz
esco-results = Treffer
esco-matched = gefunden über „{ $label }“
esco-no-hits = Keine Treffer für „{ $q }“.
esco-try-spelling = Prüfen Sie die Schreibweise oder versuchen Sie einen kürzeren Begriff (der Anfang eines Wortes genügt).
esco-try-english = Versuchen Sie den englischen Begriff, z. B. „nurse“ statt „Pflegefachkraft“ – ESCO-Bezeichnungen gibt es nur in den geladenen Sprachen.
esco-try-languages = Geladene Sprachen: { $languages }.
esco-try-local-label = Fehlt eine gebräuchliche Bezeichnung? Suchen Sie den Beruf oder die Kompetenz auf Englisch und fügen Sie auf seiner Seite eine eigene Bezeichnung hinzu.
esco-fallback-hint = In Ihrer Sprache gibt es keine Bezeichnung; gezeigt wird die Bezeichnung in der angegebenen Sprache.
esco-languages-title = Geladene Sprachen
esco-languages-none = Es ist noch keine ESCO-Sprache geladen.
esco-languages-esco = { $n ->
    [one] { $n } ESCO-Bezeichnung
   *[other] { $n } ESCO-Bezeichnungen
}
esco-languages-local = { $n ->
    [one] { $n } eigene Bezeichnung
   *[other] { $n } eigene Bezeichnungen
}
esco-languages-import = Weitere Sprachen lädt die Administration mit „standort esco import“ aus dem offiziellen ESCO-Download (Sprachpaket als CSV, z. B. Deutsch), zusammen mit den Beziehungsdateien:
esco-languages-local-hint = Gebräuchliche Bezeichnungen (z. B. „Pflegefachkraft“) können Mitarbeitende der Agentur und Beratende auf der Seite eines Berufs oder einer Kompetenz selbst hinzufügen.
esco-concept-title = ESCO-Begriff
esco-local-title = Eigene Bezeichnungen
esco-local-intro = Gebräuchliche Bezeichnungen in einer Sprache, die ESCO nicht oder anders benennt. Sie werden gesucht wie ESCO-Bezeichnungen und angezeigt, wo ESCO keine Bezeichnung in der Sprache des Lesers hat.
esco-local-none = Noch keine eigenen Bezeichnungen.
esco-local-delete = Entfernen
esco-local-add = Eigene Bezeichnung hinzufügen
esco-local-label = Neue Bezeichnung
esco-local-lang = Sprache der neuen Bezeichnung
esco-local-submit = Bezeichnung hinzufügen
esco-back-to-search = Zurück zur ESCO-Suche
esco-label-added = Die Bezeichnung wurde hinzugefügt und ist sofort auffindbar.
esco-label-deleted = Die Bezeichnung wurde entfernt.
esco-attribution = Berufe und Kompetenzen: ESCO, © Europäische Union.
card-esco = Berufe und Kompetenzen
card-esco-hint = Suche in der europäischen Klassifikation ESCO.
