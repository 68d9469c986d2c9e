### Organisations and their kinds

nav-organisations = Organisations

card-organisations = Organisations
card-organisations-hint = Clinics, employers and partners abroad you work with.
card-partners-hint = The organisations in the network. Administrators add new partners.
card-own-organisation = Your organisation
card-employer-empty = Your organisation and its details. Describe positions under “Positions”: ESCO occupation, German level, recognition, place and start.

orgkind-agency = Economic development agency
orgkind-investment_agency = Investment agency
orgkind-clinic = Clinic
orgkind-transport_company = Transport company
orgkind-employer = Employer
orgkind-language_school = Language school
orgkind-recruiting_partner = Recruiting partner
orgkind-supplier = Supplier
orgkind-municipality = Municipality
orgkind-company = Company
orgkind-investor = Investor
orgkind-public_body = Public body
orgkind-chamber = Chamber
orgkind-university = University
orgkind-producer = Producer (regional products)
orgkind-other = Other

organisations-title = Organisations
organisations-count = { $count ->
    [one] One organisation
   *[other] { $count } organisations
}
organisations-empty = No organisations yet.
org-name = Name
org-kind = Kind
org-country = Country
org-created = Created on
org-new-title = New organisation
org-create = Create organisation
org-created-ok = The organisation has been created.
org-members = Users of this organisation
org-search = Search
org-search-words = Name (any script, without accents, one typo allowed)
org-any = All
org-sector = Sector (NACE Rev. 2)
org-employees = Employees
org-website = Website
org-address = Address
org-other-names = Other names
org-links = Links
org-link-subsidiary_of = Subsidiary of
org-link-parent_abroad = Parent abroad
org-link-partner_of = Partner of
org-link-back-subsidiary_of = Parent of
org-link-back-parent_abroad = Domestic subsidiary of
org-link-back-partner_of = Partner of
org-profile = Network facts
org-add-name = Add another name
org-name-lang = Language and script (BCP 47)
org-add-link = Add a link
org-link-kind = Kind of link
org-link-to = With
org-filter-kind = Only this kind
org-filter-country = Only this country

## Help (`/help`): one paragraph per line
help-organisations-title = Organisations
help-organisations-text =
    The directory holds every organisation of this installation: the agency, employers, clinics, partner agencies, producers and partners abroad. Every person belongs to exactly one organisation, which decides what they see.
    Search by name (accents may be left out) and filter by kind and country. Agency staff create and change organisations; every change is in the audit log.
