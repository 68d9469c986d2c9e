-- An employer's requests are found by its organisation (the dashboard's count, its list).
CREATE INDEX introduction_requests_org ON introduction_requests(org_id, requested_at);
