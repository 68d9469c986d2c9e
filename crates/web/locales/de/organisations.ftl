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
