//! A person's own notifications: the list with its filters, the bell's count, marking read.
//! Every query names the actor, so another person's notification is "not found".

use serde::Serialize;
use standort_domain::ValidationError;
use standort_store::notifications::{self as store, NotificationFilter, NotificationRow};
use standort_store::{PageRequest, Paged};

use super::NotificationKind;
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// A notification as its recipient sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    /// The record's path in Standort.
    pub link: String,
    pub params: serde_json::Value,
    pub due_on: Option<i64>,
    pub created_at: i64,
    pub read_at: Option<i64>,
    /// When it went out by e-mail (at once or in a digest).
    pub mailed_at: Option<i64>,
}

impl Notification {
    fn from_row(r: NotificationRow) -> Option<Notification> {
        Some(Notification {
            id: r.id,
            kind: NotificationKind::parse(&r.kind)?,
            link: r.link,
            params: r.params,
            due_on: r.due_on,
            created_at: r.created_at,
            read_at: r.read_at,
            mailed_at: r.mailed_at,
        })
    }
}

impl App {
    /// The actor's notifications, newest first, of one kind and/or unread only.
    pub async fn notifications(
        &self,
        actor: &Actor,
        kind: Option<&str>,
        unread_only: bool,
        page: PageRequest,
    ) -> Result<Paged<Notification>, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(k) => Some(
                NotificationKind::parse(k)
                    .ok_or(ValidationError::new("kind", "unknown-kind"))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let mut conn = self.db.conn().await?;
        let page = store::list(
            &mut conn,
            actor.id(),
            &NotificationFilter { kind, unread_only },
            page,
        )
        .await?;
        Ok(Paged {
            items: page
                .items
                .into_iter()
                .filter_map(Notification::from_row)
                .collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        })
    }

    /// How many of the actor's notifications are unread (the bell in the header).
    pub async fn unread_notifications(&self, actor: &Actor) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::unread_count(&mut conn, actor.id()).await?)
    }

    /// Marks one of the actor's notifications read; another person's is "not found".
    pub async fn read_notification(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let mut tx = self.db.begin_write().await?;
        if !store::mark_read(&mut tx, actor.id(), id, self.now()).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Marks all of the actor's notifications read; how many were unread.
    pub async fn read_all_notifications(&self, actor: &Actor) -> Result<u64, AppError> {
        policy::require(actor, Permission::ManageOwnAccount)?;
        let mut tx = self.db.begin_write().await?;
        let n = store::mark_all_read(&mut tx, actor.id(), self.now()).await?;
        tx.commit().await?;
        Ok(n)
    }
}
