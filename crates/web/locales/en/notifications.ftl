### Notifications: the bell, the list, each person's delivery per kind, and the letters

notifications-bell = Notifications ({ $count } unread)
notifications-title = Notifications
notifications-count = { $count ->
    [one] One notification
   *[other] { $count } notifications
}
notifications-empty = No notifications.
notifications-filter = Filter notifications
notifications-kind = Kind
notifications-kind-all = All kinds
notifications-show = Show
notifications-show-all = Read and unread
notifications-show-unread = Unread only
notifications-read-all = Mark all as read
notifications-mark-read = Mark as read
notifications-unread = Unread
notifications-read = Read
notifications-col-created = Received
notifications-col-text = What it is about
notifications-col-state = State
notifications-read-ok = The notification is marked as read.
notifications-read-all-ok = All notifications are marked as read.
notifications-preferences-link = How would you like to be notified?

notification-kind-track_due = Steps coming up
notification-kind-track_overdue = Overdue steps
notification-kind-document_request = Requested documents
notification-kind-erasure_request = Erasure requests
notification-text-track_due = { $step } – due on { $date }
notification-text-track_overdue = Overdue: { $step } – was due on { $date }
notification-text-document_request = Please upload: { $document }
notification-text-document_request-due = Please upload by { $date }: { $document }
notification-text-erasure_request = A candidate has asked for their data to be erased.

notification-preferences-title = Notification settings
notification-preferences-intro = For each kind, choose whether you get an e-mail at once, a daily digest in the morning, or see it only in Standort (the bell at the top).
notification-preferences-none = There are no notifications for your role.
notification-preferences-save = Save the choice for “{ $kind }”
notification-preferences-ok = Your choice is saved.
notification-preferences-back = To the notifications
notification-delivery-immediate = At once by e-mail
notification-delivery-digest = In the daily digest by e-mail
notification-delivery-none = Only in Standort

## E-mail
mail-notification-subject = Standort: { $kind }
mail-digest-subject = Standort: your daily digest
mail-digest-intro = This is new for you in Standort:
mail-digest-more = … and { $count } more.
mail-notification-open = Open
mail-notification-list = All notifications
mail-notification-settings = Change what you receive by e-mail here:

## Calendar feed
calendar-title = Due dates in your own calendar
calendar-intro = A secret address to subscribe to in Thunderbird, Outlook or your phone's calendar: your due dates appear there as all-day events with a link back to Standort. Anyone who knows the address sees your due dates – do not pass it on.
calendar-none = You have no calendar address yet.
calendar-active = Your calendar address has been valid since { $since }.
calendar-create = Create a calendar address
calendar-renew = Create a new calendar address (the current one stops working)
calendar-revoke = Revoke the calendar address
calendar-created = Your new calendar address. It is shown only now: copy it into your calendar.
calendar-url = Address to subscribe to
calendar-revoked-ok = The calendar address no longer works.
calendar-name = Standort – due dates of { $name }
