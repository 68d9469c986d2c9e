### The user's own account: personal access tokens (API)

nav-account = My account

card-tokens = API access
card-tokens-hint = Personal access tokens for scripts and other programs.

account-title = My account
account-tokens = Personal access tokens (API)
account-tokens-intro = A token acts with your permissions. Send it as "Authorization: Bearer …" to /api/v1.
account-token-name = Token name
account-token-create = Create token
account-token-created = Your new token (shown only now): { $secret }
account-token-revoke = Revoke
account-token-revoked = revoked
account-tokens-empty = You have no tokens yet.
account-token-revoked-ok = The token has been revoked.

account-profile = Name and language
account-name = Your name
account-language = Language
account-profile-save = Save
account-profile-ok = Your details were saved.
account-password = Change password
account-current-password = Current password
account-new-password = New password
account-end-others = End all other sessions and API tokens
account-password-submit = Change password
account-password-ok = Your password was changed.

account-notifications = Notifications by e-mail
account-notifications-link = Choose what you receive at once, in a daily digest or only in Standort

## Help (`/help`): one paragraph per line
help-account-title = My account
help-account-text =
    Under "My account" you change your name, your language and your password (the current one is needed) and can end all other sessions.
    For programs that use the API you create access tokens; each token is shown only once and can be revoked at any time. Forgot your password? The login page sends you a link.
    The bell at the top shows your unread notifications, such as due and overdue steps. Under "My account" you choose for each kind whether you are told at once by e-mail, once a day in a digest or only in Standort, and create a secret calendar address of your deadlines for your calendar program (revocable at any time).
