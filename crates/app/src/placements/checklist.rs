//! The document checklist of a placement: due day and done per item.

use serde::Deserialize;
use standort_domain::date::parse_date;
use standort_store::audit;
use standort_store::placements::{self as store, ChecklistRow};

use super::{text, unix_of};
use crate::{Actor, App, AppError};

/// A checklist item change: due day and whether it is done.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChecklistInput {
    pub due: Option<String>,
    pub done: Option<String>,
}

impl App {
    /// Sets a checklist item's due day and whether it is done (done today when newly ticked).
    pub async fn update_checklist_item(
        &self,
        actor: &Actor,
        placement: i64,
        item: i64,
        input: &ChecklistInput,
    ) -> Result<ChecklistRow, AppError> {
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        self.managed_placement(&mut tx, actor, placement).await?;
        let before = store::checklist(&mut tx, placement)
            .await?
            .into_iter()
            .find(|c| c.id == item)
            .ok_or(AppError::NotFound)?;
        let due = parse_date("due", &input.due)?;
        let done = if matches!(text(&input.done), Some("on" | "1" | "true" | "yes")) {
            before.done_on.or(Some(unix_of(self.today())))
        } else {
            None
        };
        let after = store::update_checklist_item(&mut tx, placement, item, due, done).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "placement_checklist", item, None)
                .with_before(serde_json::to_value(&before).unwrap_or_default())
                .with_after(serde_json::to_value(&after).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
