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
notification-kind-network_follow_up_due = Next steps after approaches
notification-kind-agreement_obligation_due = Obligations of agreements
notification-kind-agreement_term_ending = Agreements ending
notification-kind-stock_low = Low stock
notification-kind-lot_expiring = Lots expiring
notification-kind-round_deadline = Deadlines of pooled orders
notification-text-network_follow_up_due = Next step after approaching { $org } – due on { $date }
notification-text-network_follow_up_due-overdue = Overdue: next step after approaching { $org } – was due on { $date }
notification-text-agreement_obligation_due = Obligation under “{ $agreement }” – due on { $date }
notification-text-agreement_obligation_due-overdue = Overdue: obligation under “{ $agreement }” – was due on { $date }
notification-text-agreement_term_ending = The term of “{ $agreement }” ends on { $date }.
notification-text-stock_low = { $item }: supply for only { $days } left (fewer than { $threshold }) – runs out around { $date }
notification-text-lot_expiring = { $item }, lot { $lot }: expires on { $date }
notification-text-round_deadline = Pooled order “{ $order }”: enter your quantities by { $date }
notification-kind-introduction_requested = Introduction requests
notification-kind-introduction_answered = Answers to introduction requests
notification-text-introduction_requested = { $org } asks to be introduced to a candidate.
notification-text-introduction_answered-accepted = The agency has accepted your introduction request.
notification-text-introduction_answered-declined = The agency has declined your introduction request.
notification-days = { $count ->
    [one] one day
   *[other] { $count } days
}

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
calendar-follow-up = Next step: { $org }
calendar-obligation = { $obligation } (“{ $agreement }”)
calendar-round = Deadline of the pooled order “{ $order }”
