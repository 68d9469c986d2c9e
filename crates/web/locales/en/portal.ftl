### Candidate portal and personal data: documents, consents, export, erasure

card-my-journey = Your way to Germany
card-my-journey-hint = Your placements: what is done and which steps come next.
card-my-journey-empty = Your next steps will appear here soon: language course, recognition, visa and arrival.

portal-title = My portal
portal-intro = Your details, your way to Germany, the documents we asked for, your consents and your data — in one place.
portal-sections = Sections of this page
portal-profile = My details
portal-profile-hint = You can change your contact details, German certificate and exam dates, driving licences, wished regions and start date. Your name and origin are changed by the agency, which checks your identity documents.
portal-save = Save
portal-tracks = My tracks and next steps
portal-tracks-pending = Your tracks (language, recognition, visa, arrival) and your next steps appear here as soon as the agency has started your placement.
portal-documents = Documents
portal-documents-asked = Documents we asked for
portal-documents-none-asked = We have not asked you for any documents yet.
portal-documents-uploaded = Your documents
portal-documents-none = No documents yet.
document-kind = Kind of document
document-due = Due by
document-state = State
document-received = Received
document-missing = Still missing
document-upload = Upload
document-file = File
document-limits = PDF, JPEG or PNG, at most { $mb } MB.
document-size = Size
document-uploaded = Uploaded
document-checksum = Checksum (SHA-256)
document-ask = Ask for a document
document-ask-submit = Ask the candidate
document-kind-passport = Passport
document-kind-diploma = Diploma or certificate of qualification
document-kind-language-certificate = Language certificate
document-kind-cv = CV
document-kind-recognition-notice = Notice from the recognition authority
document-kind-other = Other document
portal-consents = My consents
portal-consents-hint = You decide who may see your profile. Withdrawing a consent takes effect at once; every change is recorded with date and time.
consent-what = Consent
consent-state = State
consent-purpose-share-employers = Show my profile to all employers on Standort (without contact details)
consent-purpose-share-employer = Show my profile to { $organisation } (without contact details)
consent-purpose-talent-pool = Keep me in the talent pool after my process has ended
consent-given = Given
consent-given-since = Given on { $date }
consent-not-given = Not given
consent-give = Give consent
consent-withdraw = Withdraw
consent-history = History of my consents
consent-history-empty = No consent given or withdrawn yet.
consent-event-given = given
consent-event-withdrawn = withdrawn
portal-my-data = My data
portal-export-hint = Download everything Standort stores about you as a machine-readable JSON file (GDPR Art. 15 and 20): profile, qualifications, skills, consents with history, your documents' details with checksums, and who accessed your record when.
portal-export = Download all my data (JSON)
portal-erasure = Erase my data
portal-erasure-hint = You may ask the agency to erase your profile, documents and consents (GDPR Art. 17). The agency checks whether a legal duty requires keeping them and then carries out the erasure.
portal-erasure-request = Ask for erasure
portal-erasure-open = You asked for erasure on { $date }. The agency is dealing with your request.
portal-saved-ok = Your details have been saved.
portal-consent-ok = Your consent has been recorded.
portal-erasure-ok = Your request for erasure has been sent to the agency.
portal-upload-ok = The document has been uploaded.
portal-request-ok = The candidate has been asked for the document.
portal-process-ok = The end of the process has been recorded.
portal-erased-ok = The candidate's data have been erased.
portal-rejected-ok = The request for erasure has been declined.
portal-personal-data = Personal data
portal-export-staff = Export all data about this person (JSON, GDPR Art. 15/20)
process-ended = Process ended on
process-ended-hint = Leave empty while the process runs. The retention rule erases the profile a set number of months after this date unless the person consented to stay in the talent pool.
erase-title = Erasure (GDPR Art. 17)
erase-requested = The person asked for erasure on { $date }.
erase-reject = Decline the request (legal duty to keep the data)
erase-hint = Erasure deletes the profile, qualifications, skills, documents, consents, placements and the person's login for good. The audit log records who erased which record when, without personal data.
erase-confirm = Yes, erase all data of { $name } for good
erase-submit = Erase now
erasure-requests-title = Requests for erasure
erasure-requests-intro = People who asked in the portal for their data to be erased. Open a person to erase the data or to decline the request.
erasure-requests-empty = No open requests.
erasure-requested-at = Asked on
card-erasure-requests = Requests for erasure
card-erasure-requests-hint = Open requests from the candidate portal (GDPR Art. 17).
validation-document-empty = The file is empty.
validation-document-too-large = The file is too large (at most 5 MB).
validation-document-type = Only PDF, JPEG and PNG files are accepted; the file's content is checked, not its name.
validation-unknown-request = Unknown document request.
portal-track = Track
portal-track-stage = Where you stand
portal-track-next = What comes next

portal-languages-hint = Here you enter the languages you speak besides German. Your German level is entered by the agency.
consent-employer-search = Search employers
consent-employer-search-label = Show my profile to one particular employer: the employer's name
consent-employer-none = No employer with this name found. Try a shorter part of the name.

# The same sections read by staff (not in the person's voice).
staff-documents-none-asked = No documents have been requested from this person yet.
staff-documents-uploaded = The person's documents
staff-consents = The person's consents
staff-consents-hint = The person decides in the portal who may see their profile; a withdrawal takes effect at once. Every change is recorded with date and time.
staff-consent-history = History of consents
staff-consent-history-empty = The person has not given or withdrawn any consent yet.
staff-danger-zone = Permanent steps
staff-danger-hint = What happens here cannot be undone.
portal-erasure-confirm = Yes, I want my data to be erased for good.

## Help (`/help`): one paragraph per line
help-portal-title = Your portal
help-portal-text =
    In the portal you see your profile, the documents the agency has asked you for, and where your tracks stand: language, recognition, visa and arrival.
    Upload requested documents as PDF, JPEG or PNG. You can give and withdraw your consents (sharing with employers, the talent pool) at any time; every change is recorded with its date.
    You can download all data stored about you and request its erasure. After erasure nothing about you remains except a log entry without your name.
