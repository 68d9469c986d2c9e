### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }
dashboard-role = Role: { $role } · Organisation: { $organisation }
card-open = Open

## Help (`/help`): one paragraph per line
help-dashboard-title = The overview
help-dashboard-text =
    After logging in you see the overview of your role: cards with the figures that matter for your work, such as overdue steps, candidates, positions or stock. Each card leads to the matching list.
    At the top right you choose the language of the interface (German, English, Vietnamese); it is saved with your account. The "Help" link on every page explains the area you are working in.
    You only see data that your role and your organisation may see. A page that does not exist for you answers "not found".
