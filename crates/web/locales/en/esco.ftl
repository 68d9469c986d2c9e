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
esco-no-results = Nothing found. Try a shorter or different term.
esco-matched = matched “{ $label }”
esco-attribution = Occupations and skills: ESCO, © European Union.
card-esco = Occupations and skills
card-esco-hint = Search the European classification ESCO.
