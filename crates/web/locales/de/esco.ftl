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
esco-no-results = Nichts gefunden. Versuchen Sie einen kürzeren oder anderen Begriff.
esco-matched = gefunden über „{ $label }“
esco-attribution = Berufe und Kompetenzen: ESCO, © Europäische Union.
card-esco = Berufe und Kompetenzen
card-esco-hint = Suche in der europäischen Klassifikation ESCO.
