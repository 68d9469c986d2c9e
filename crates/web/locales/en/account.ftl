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
