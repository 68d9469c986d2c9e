### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Übersicht
dashboard-welcome = Willkommen, { $name }
dashboard-role = Rolle: { $role } · Organisation: { $organisation }
card-procurement = Gemeinsame Beschaffung
card-procurement-empty = Noch keine Bestellungen. Hier sehen Sie künftig Bestände und Bestellungen Ihrer Klinik.
card-open = Öffnen
