### ESCO search (occupations and skills)

esco-search-title = Search ESCO
esco-search-query = Search term
esco-search-kind = Kind
esco-search-lang = Language of the labels
esco-search-submit = Search
esco-search-occupation = Search for an occupation
esco-search-skill = Search for a skill
esco-kind-all = Occupations and skills
esco-kind-occupation = Occupation
esco-kind-skill = Skill
esco-results = Results
esco-matched = matched “{ $label }”
esco-no-hits = No results for “{ $q }”.
esco-try-spelling = Check the spelling or try a shorter term (the beginning of a word is enough).
esco-try-english = Try the English term, e.g. “nurse” instead of “Pflegefachkraft” – ESCO labels exist only in the loaded languages.
esco-try-languages = Loaded languages: { $languages }.
esco-try-local-label = Is an everyday name missing? Search for the occupation or skill in English and add a local label on its page.
esco-fallback-hint = There is no label in your language; the label is shown in the language given.
esco-languages-title = Loaded languages
esco-languages-none = No ESCO language is loaded yet.
esco-languages-esco = { $n ->
    [one] { $n } ESCO label
   *[other] { $n } ESCO labels
}
esco-languages-local = { $n ->
    [one] { $n } local label
   *[other] { $n } local labels
}
esco-languages-import = Administrators load further languages with “standort esco import” from the official ESCO download (a CSV language pack, e.g. German), together with the relation files:
esco-languages-local-hint = Agency staff and counsellors can add everyday names (e.g. “Pflegefachkraft”) themselves on the page of an occupation or skill.
esco-concept-title = ESCO concept
esco-local-title = Local labels
esco-local-intro = Everyday names in a language ESCO does not name it in, or names differently. They are searched like ESCO's labels and shown where ESCO has no label in the reader's language.
esco-local-none = No local labels yet.
esco-local-delete = Remove
esco-local-add = Add a local label
esco-local-label = New label
esco-local-lang = Language of the new label
esco-local-submit = Add label
esco-back-to-search = Back to the ESCO search
esco-label-added = The label was added and can be found at once.
esco-label-deleted = The label was removed.
esco-attribution = Occupations and skills: ESCO, © European Union.
card-esco = Occupations and skills
card-esco-hint = Search the European classification ESCO.
