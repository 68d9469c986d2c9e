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
