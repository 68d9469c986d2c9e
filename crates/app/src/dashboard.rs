//! What each role sees first after logging in. Cards carry translation keys, not text, so the
//! web layer renders them in the user's language. Each module decides its own cards (a
//! `dashboard` function beside its use cases); this file only lists the modules in order.

use serde::Serialize;
use standort_domain::Role;
use standort_store::orgs;
use standort_store::orgs::Organisation;

use crate::{Actor, App, AppError};

/// One tile on the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Translation key of the title.
    pub title: &'static str,
    /// A figure to show, if the card has one.
    pub value: Option<i64>,
    /// Translation key of the explanation (what this is, or what to do first when empty).
    pub hint: &'static str,
    /// Where the card leads.
    pub link: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub role: Role,
    pub organisation: Organisation,
    pub cards: Vec<Card>,
    /// Overdue items of the recruitment tracks (staff: all; counsellors: their caseload),
    /// oldest first, at most ten; the card `card-overdue` carries the total.
    pub overdue: Vec<crate::placements::OverdueLine>,
    /// A clinic buyer's items with their days of supply, fewest first.
    pub supply: Vec<crate::procurement::SupplyLine>,
}

/// What the modules put on one actor's dashboard. Each module adds its cards for the actor's
/// role in [`App::dashboard`]'s list, one line per module; the order of that list is the order
/// of the cards.
#[derive(Debug, Default)]
pub(crate) struct Board {
    pub cards: Vec<Card>,
    pub overdue: Vec<crate::placements::OverdueLine>,
    pub supply: Vec<crate::procurement::SupplyLine>,
}

impl Board {
    pub fn card(
        &mut self,
        title: &'static str,
        value: Option<i64>,
        hint: &'static str,
        link: Option<&'static str>,
    ) {
        self.cards.push(Card {
            title,
            value,
            hint,
            link,
        });
    }
}

impl App {
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard, AppError> {
        let mut conn = self.db.conn().await?;
        let organisation = orgs::get(&mut conn, actor.user.org_id).await?;
        let today = crate::placements::day_of(self.now());
        let mut board = Board::default();
        let conn = &mut conn;
        // The registry of dashboard cards: one line per module.
        crate::placements::dashboard(conn, actor, today, &mut board).await?;
        crate::accounts::dashboard(conn, actor, &mut board).await?;
        crate::organisations::dashboard(conn, actor, &mut board).await?;
        crate::audit_log::dashboard(actor, &mut board);
        crate::recruitment::dashboard(conn, actor, &mut board).await?;
        crate::portal::dashboard(conn, actor, &mut board).await?;
        crate::demography::regions::dashboard(conn, actor, &mut board).await?;
        crate::procurement::dashboard(conn, &self.caches.supply, actor, today, &mut board).await?;
        crate::network::dashboard(conn, actor, self.now(), &mut board).await?;
        crate::showcase::dashboard(conn, actor, &mut board).await?;
        // Every user's own account comes last; a candidate (a nurse, a trainee) is not offered
        // API access on their start page — the portal is theirs.
        if actor.role() != standort_domain::Role::Candidate {
            board.card("card-tokens", None, "card-tokens-hint", Some("/account"));
        }
        Ok(Dashboard {
            role: actor.role(),
            organisation,
            cards: board.cards,
            overdue: board.overdue,
            supply: board.supply,
        })
    }
}
