# Employers' shortlist and introduction requests (issue 11, point 14).
shortlist-title = Shortlist
shortlist-intro = The people your organisation keeps an eye on – shared by all your colleagues. Only people who (still) agree to be shown to you appear.
shortlist-filter = Filter the shortlist
shortlist-search = Name (accents optional)
shortlist-filter-position = Filter by position
shortlist-count =
    { $count ->
        [one] One person on the shortlist
       *[other] { $count } people on the shortlist
    }
shortlist-empty = Nobody on the shortlist yet.
shortlist-find = See candidate profiles
shortlist-position = Position
shortlist-added = Added on
shortlist-actions = Shortlist and introduction
shortlist-on = On your shortlist
shortlist-for = for “{ $position }”
shortlist-remove = Remove from the shortlist
shortlist-position-for = Shortlist for the position
shortlist-add = Add to the shortlist
shortlist-added-ok = The person is on your shortlist.
shortlist-removed-ok = The person is no longer on your shortlist.

introductions-title = Introduction requests
introductions-intro-staff = Employers ask the agency to introduce a person to them. Answer open requests on the person's page: accept with the next steps, or decline with a reason.
introductions-intro-employer = Your requests to the agency to introduce a person to you, and the answers.
introductions-filter = Filter the requests
introductions-search = Person's name
introductions-filter-state = Filter by state
introduction-filter-open = Open
introduction-filter-answered = Answered
introduction-filter-accepted = Accepted
introduction-filter-declined = Declined
introductions-count =
    { $count ->
        [one] One request
       *[other] { $count } requests
    }
introductions-none = No requests.
introduction-requested = Requested on
introduction-employer = Employer
introduction-state = State
introduction-message = Message
introduction-answer = Answer
introduction-answer-link = Answer
introduction-state-open = Open
introduction-state-accepted = Accepted
introduction-state-declined = Declined
introduction-no-position = No particular position
introduction-request-title = Ask for an introduction
introduction-request-hint = The agency asks the person and answers you here; you will get a notification.
introduction-position-for = Introduction for the position
introduction-message-label = Message to the agency (optional)
introduction-request-submit = Send the request
introduction-line = { $org }, requested on { $date }, position: { $position }
introduction-answered-on = Answer of { $date }
introduction-decision = Decision
introduction-accept = Accept (introduce)
introduction-decline = Decline
introduction-answer-label = Answer to the employer
introduction-answer-hint = When accepting, the next steps or a contact person; when declining, the reason.
introduction-answer-submit = Send the answer
introduction-requested-ok = The agency has received your request.
introduction-answered-ok = The answer is saved; the employer will be notified.
conflict-introduction-open = A request for this person and position is already open.
conflict-introduction-answered = This request has been answered already.

card-shortlist = Shortlist
card-shortlist-hint = People your organisation keeps an eye on.
card-employer-introductions = Introduction requests
card-employer-introductions-hint = Your requests to the agency and its answers.
card-introductions = Introduction requests
card-introductions-hint = Open requests from employers waiting for your answer.

help-shortlist-title = Shortlist and introductions
help-shortlist-text =
    Employers keep people they may see on their organisation's shortlist; all colleagues see the same list.
    On a person's page, employers ask the agency for an introduction, optionally for one of their positions and with a message. One request per person and position is open at a time.
    The agency accepts (with the next steps or a contact person) or declines with a reason; both sides are notified. The shortlist and the requests are the person's data: they are in the person's data export and are erased with the person.
