### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }
dashboard-role = Role: { $role } · Organisation: { $organisation }
card-procurement = Shared procurement
card-procurement-empty = No orders yet. Your clinic's stock and orders will appear here.
card-open = Open
