### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Übersicht
dashboard-welcome = Willkommen, { $name }
dashboard-role = Rolle: { $role } · Organisation: { $organisation }
card-open = Öffnen
