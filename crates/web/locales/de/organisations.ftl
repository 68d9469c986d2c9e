### Organisations and their kinds

nav-organisations = Organisationen

card-organisations = Organisationen
card-organisations-hint = Kliniken, Arbeitgeber und Partner im Ausland, mit denen Sie arbeiten.
card-partners-hint = Die Organisationen im Netzwerk. Neue Partner legt die Administration an.
card-own-organisation = Ihre Organisation
card-employer-empty = Ihre Organisation und ihre Angaben. Stellen beschreiben Sie unter „Stellen“: Beruf aus ESCO, Deutschniveau, Anerkennung, Ort und Beginn.

orgkind-agency = Wirtschaftsförderung
orgkind-investment_agency = Investitionsagentur
orgkind-clinic = Klinik
orgkind-transport_company = Verkehrsunternehmen
orgkind-employer = Arbeitgeber
orgkind-language_school = Sprachschule
orgkind-recruiting_partner = Rekrutierungspartner
orgkind-supplier = Lieferant
orgkind-municipality = Kommune
orgkind-company = Unternehmen
orgkind-investor = Investor
orgkind-public_body = Behörde
orgkind-chamber = Kammer
orgkind-university = Hochschule
orgkind-producer = Erzeuger (Regionalprodukte)
orgkind-other = Sonstige

organisations-title = Organisationen
organisations-count = { $count ->
    [one] Eine Organisation
   *[other] { $count } Organisationen
}
organisations-empty = Noch keine Organisationen.
org-name = Name
org-kind = Art
org-country = Land
org-created = Angelegt am
org-new-title = Neue Organisation
org-create = Organisation anlegen
org-created-ok = Die Organisation wurde angelegt.
org-members = Benutzer dieser Organisation
org-search = Suchen
org-search-words = Name (in jeder Schrift, ohne Akzente, ein Tippfehler erlaubt)
org-any = Alle
org-sector = Wirtschaftszweig (WZ 2008)
org-employees = Beschäftigte
org-website = Website
org-address = Anschrift
org-other-names = Weitere Namen
org-links = Verbindungen
org-link-subsidiary_of = Tochter von
org-link-parent_abroad = Mutter im Ausland
org-link-partner_of = Partner von
org-link-back-subsidiary_of = Mutter von
org-link-back-parent_abroad = Tochter im Inland von
org-link-back-partner_of = Partner von
org-profile = Angaben für das Netzwerk
org-add-name = Weiteren Namen hinzufügen
org-name-lang = Sprache und Schrift (BCP 47)
org-add-link = Verbindung hinzufügen
org-link-kind = Art der Verbindung
org-link-to = Mit
org-filter-kind = Nur diese Art
org-filter-country = Nur dieses Land

## Help (`/help`): one paragraph per line
help-organisations-title = Organisationen
help-organisations-text =
    Das Verzeichnis enthält alle Organisationen der Installation: die Wirtschaftsförderung, Arbeitgeber, Kliniken, Partneragenturen, Erzeuger und Partner im Ausland. Jede Person gehört zu genau einer Organisation; was sie sieht, hängt davon ab.
    Suchen Sie nach Namen (auch ohne Akzente) und filtern Sie nach Art und Land. Die Wirtschaftsförderung legt Organisationen an und ändert sie; jede Änderung steht im Protokoll.
