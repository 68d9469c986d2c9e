### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }
dashboard-role = Role: { $role } · Organisation: { $organisation }
card-open = Open
