//! Accounts that reach people (migration 0017): the e-mail outbox (`outbox`), invitations and
//! password-reset links (`links`). Tokens arrive here hashed; this module never sees one.

mod links;
mod outbox;

pub use links::*;
pub use outbox::*;

use crate::archive::{ColType::*, TableSpec};

/// The module's tables in the portable archive. Password-reset links live an hour and are left
/// out (`archive::EPHEMERAL_TABLES`); an invitation is a record of who invited whom.
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "invitations",
        columns: &[
            ("id", Int),
            ("token_hash", Text),
            ("candidate_id", Int),
            ("email", Text),
            ("display_name", Text),
            ("role", Text),
            ("org_id", Int),
            ("language", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("expires_at", Int),
            ("used_at", Int),
            ("revoked_at", Int),
            ("user_id", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "mail_outbox",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("user_id", Int),
            ("candidate_id", Int),
            ("to_address", Text),
            ("language", Text),
            ("subject", Text),
            ("body_text", Text),
            ("body_html", Text),
            ("state", Text),
            ("attempts", Int),
            ("next_attempt_at", Int),
            ("last_error", Text),
            ("created_at", Int),
            ("sent_at", Int),
        ],
        identity: true,
    },
];
