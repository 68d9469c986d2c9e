### Accounts that reach people: e-mail, invitations, forgotten passwords, the outbox

## E-mail (written in the recipient's language)
mail-greeting = Hello { $name },
mail-invitation-subject = Your access to Standort
mail-invitation-body = You have been invited to Standort. Set your password with the link below; you are logged in afterwards.
mail-invitation-body-candidate = You have been invited to your candidate portal at Standort. There you see your details, upload the documents asked of you and manage your consents. Set your password with the link below.
mail-invitation-action = Set your password
mail-invitation-ignore = If you did not expect this invitation, you can ignore this message.
mail-link-expires = The link works until { $expires } and only once.
mail-reset-subject = New password for Standort
mail-reset-body = A new password was requested for your account.
mail-reset-action = Set a new password
mail-reset-ignore = If this was not you, ignore this message; your password stays unchanged.
mail-footer = Standort – this message was sent automatically.

## Accepting an invitation
invitation-title = Accept the invitation
invitation-intro = Welcome, { $name }! Set your password to open your account.
invitation-email = E-mail address to log in with
invitation-email-hint = You will log in with this address.
invitation-password = New password
invitation-expires = The invitation is valid until { $expires }.
invitation-submit = Open my account

## Forgotten password
login-forgot = Forgot your password?
forgot-title = Forgot password
forgot-intro = Enter your account's e-mail address. We will send you a link to set a new password.
forgot-submit = Send me a link
forgot-sent = If an account exists for this address, a link is on its way. It is valid for one hour.
forgot-throttled = Too many requests. Please try again in { $minutes } minutes.
reset-title = Set a new password
reset-intro = Set your new password. All your sessions and API tokens end with it.
reset-submit = Save password
password-reset-ok = Your password was changed. Log in with the new password.

## Invitations made by staff and administrators
invited-title = Invitation created
invited-link = Invitation link
invited-link-hint = The link works until { $expires } and only once. You can also hand it over in person.
invited-mail-queued = The invitation is being sent by e-mail to { $to }.
invited-mail-held = No e-mail server is configured: the message to { $to } stays unsent in the outbox. Hand the link over in person.
invited-no-email = No e-mail address known: hand the link over in person.
invited-revoked = Earlier invitation links of this person no longer work.
invited-back = Back
portal-access = Portal access
portal-access-has-login = This person has their own login.
portal-access-none = This person has no access to the portal yet.
portal-access-invited = Invited on { $created }, valid until { $expires }.
portal-access-used = The invitation was accepted on { $used }.
portal-invite-email = E-mail address for the invitation
portal-invite-email-hint = Leave empty when no address is known: the link is then only shown.
portal-invite-language = Language of the invitation
portal-invite-submit = Invite to the portal
portal-invite-again = Send a new link (the current one stops working)
user-invite-title = Open an account by invitation
user-invite-hint = The person sets their own password through the link.
user-invite-email-hint = Leave empty when no address is known: the person chooses it when accepting.
user-invite-submit = Invite
user-edit = Edit
user-edit-title = Edit account
user-edit-submit = Save changes

## Outbox (administrators)
nav-mail = Outbox
mail-title = Outbox
mail-smtp = E-mail is sent through { $server }.
mail-smtp-none = No e-mail server is configured (--smtp-url): messages stay unsent and show where they would have gone.
mail-count = { $count ->
    [one] One message
   *[other] { $count } messages
}
mail-state = State
mail-all = all
mail-filter = Show
mail-state-pending = waiting
mail-state-sent = sent
mail-state-failed = failed
mail-state-not_sent = not sent
mail-kind = Kind
mail-kind-invitation = Invitation
mail-kind-password_reset = Password link
mail-kind-digest = Daily digest
mail-kind-notification-track_due = Notification: step coming up
mail-kind-notification-track_overdue = Notification: overdue step
mail-kind-notification-document_request = Notification: document requested
mail-kind-notification-erasure_request = Notification: erasure request
mail-kind-notification-introduction_requested = Notification: introduction request
mail-kind-notification-introduction_answered = Notification: answer to your introduction request
mail-kind-notification-network_follow_up_due = Notification: next step after an approach
mail-kind-notification-agreement_obligation_due = Notification: obligation of an agreement
mail-kind-notification-agreement_term_ending = Notification: agreement ending
mail-kind-notification-stock_low = Notification: low stock
mail-kind-notification-lot_expiring = Notification: lot expiring
mail-kind-notification-round_deadline = Notification: deadline of a pooled order
mail-to = To
mail-account = Account
mail-created = Created
mail-attempts = Attempts
mail-error = Last error
mail-empty = No messages.
card-mail-failed = Failed e-mails
card-mail-failed-hint = Messages not delivered after every attempt.

conflict-candidate-has-login = This person already has a login.
conflict-cannot-change-own-role = You cannot change your own role.
validation-wrong-password = The password is wrong.
validation-unknown-state = Unknown state.

## Help (`/help`): one paragraph per line
help-accounts-title = Sending e-mail
help-accounts-text =
    Standort writes messages in the recipient's language into an outbox and sends them through the configured SMTP server. Without a server they stay visible as "not sent" with their address.
    Failed messages are retried at growing intervals and then shown as failed so that you can follow up.
