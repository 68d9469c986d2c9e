-- The visit log shared with partner agencies (issue 13, point 4). Mirrors migrations/sqlite/0032_partner_scopes.sql.
-- Per partner organisation, the scope the agency agreed: the companies whose approaches the
-- partner's people see and log. A company is in scope when it carries one of the clusters, or
-- its sector lies in one of the NACE sections, or it is named in network_partner_companies.
-- No row: nothing shared.
CREATE TABLE network_partner_scopes (
    partner_org_id  BIGINT PRIMARY KEY REFERENCES organisations(id),
    -- Stable cluster names, comma-separated (as organisations.clusters).
    clusters        TEXT    NOT NULL DEFAULT '',
    -- NACE section letters, comma-separated (`C,J`).
    sections        TEXT    NOT NULL DEFAULT '',
    updated_by      BIGINT REFERENCES users(id),
    updated_at      BIGINT NOT NULL
);

CREATE TABLE network_partner_companies (
    partner_org_id  BIGINT NOT NULL REFERENCES organisations(id),
    org_id          BIGINT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (partner_org_id, org_id)
);
CREATE INDEX network_partner_companies_org ON network_partner_companies(org_id);
