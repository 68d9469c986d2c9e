//! `standort audit verify --database URL`: checks the audit log's hash chain and names the first
//! entry where it breaks (exit code 1), or reports how many entries are intact and the chain
//! head's hash (exit code 0). Recording that hash somewhere outside the database (a ticket, a
//! printout) lets a later check prove that nothing up to that point was rewritten along with
//! the head.

use crate::config::{DbArgs, FileConfig, open_db};
use standort_store::audit::{ChainCheck, verify_chain};

#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Check that no audit entry was changed, removed or cut off.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Whether the chain is intact; the caller turns `false` into a non-zero exit code.
pub fn run(cmd: AuditCommand, file: &FileConfig) -> anyhow::Result<bool> {
    let AuditCommand::Verify { db } = cmd;
    let url = db.resolve(file);
    crate::runtime()?.block_on(async {
        let db = open_db(&url).await?;
        let check = verify_chain(&db).await?;
        match &check {
            ChainCheck::Intact { .. } => println!("{check}"),
            ChainCheck::Broken { .. } => eprintln!("{check}"),
        }
        Ok(matches!(check, ChainCheck::Intact { .. }))
    })
}
