//! What each role sees first after logging in. Cards carry translation keys, not text, so the
//! web layer renders them in the user's language; modules add their own cards here.

use serde::Serialize;
use standort_domain::Role;
use standort_store::orgs::Organisation;
use standort_store::{orgs, users};

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
}

impl App {
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard, AppError> {
        let mut conn = self.db.conn().await?;
        let organisation = orgs::get(&mut conn, actor.user.org_id).await?;
        let mut cards = Vec::new();
        let mut overdue = Vec::new();
        if matches!(actor.role(), Role::AgencyStaff | Role::JobCounsellor) {
            let today = crate::placements::day_of(self.now());
            let (total, lines) =
                crate::placements::overdue_lines(&mut conn, actor, today, 10).await?;
            cards.push(Card {
                title: "card-overdue",
                value: Some(total as i64),
                hint: if total == 0 {
                    "card-overdue-empty"
                } else {
                    "card-overdue-hint"
                },
                link: Some("/placements"),
            });
            overdue = lines;
        }
        match actor.role() {
            Role::Administrator => {
                let n_users = users::count(&mut conn).await?;
                let n_orgs = orgs::count(&mut conn).await?;
                cards.push(Card {
                    title: "card-users",
                    value: Some(n_users),
                    hint: "card-users-hint",
                    link: Some("/admin/users"),
                });
                cards.push(Card {
                    title: "card-organisations",
                    value: Some(n_orgs),
                    hint: "card-organisations-hint",
                    link: Some("/organisations"),
                });
                cards.push(Card {
                    title: "card-audit",
                    value: None,
                    hint: "card-audit-hint",
                    link: Some("/admin/audit"),
                });
            }
            Role::AgencyStaff => {
                let n_orgs = orgs::count(&mut conn).await?;
                cards.push(Card {
                    title: "card-organisations",
                    value: Some(n_orgs),
                    hint: "card-partners-hint",
                    link: Some("/organisations"),
                });
                let (n_candidates, n_positions) =
                    crate::recruitment::dashboard_counts(&mut conn, actor).await?;
                cards.push(Card {
                    title: "card-candidates",
                    value: Some(n_candidates),
                    hint: "card-candidates-hint",
                    link: Some("/recruitment/candidates"),
                });
                cards.push(Card {
                    title: "card-positions",
                    value: Some(n_positions),
                    hint: "card-positions-hint",
                    link: Some("/recruitment/positions"),
                });
                let n_erasure = standort_store::portal::erasure_requests(&mut conn, "open", None)
                    .await?
                    .len() as i64;
                cards.push(Card {
                    title: "card-erasure-requests",
                    value: Some(n_erasure),
                    hint: "card-erasure-requests-hint",
                    link: Some("/recruitment/erasure-requests"),
                });
            }
            Role::Employer => {
                cards.push(Card {
                    title: "card-own-organisation",
                    value: None,
                    hint: "card-employer-empty",
                    link: Some("/organisations"),
                });
                let (n_candidates, n_positions) =
                    crate::recruitment::dashboard_counts(&mut conn, actor).await?;
                cards.push(Card {
                    title: "card-positions",
                    value: Some(n_positions),
                    hint: "card-employer-positions-hint",
                    link: Some("/recruitment/positions"),
                });
                cards.push(Card {
                    title: "card-candidates",
                    value: Some(n_candidates),
                    hint: "card-employer-positions-hint",
                    link: Some("/recruitment/candidates"),
                });
            }
            Role::JobCounsellor => {
                let (n_caseload, _) =
                    crate::recruitment::dashboard_counts(&mut conn, actor).await?;
                cards.push(Card {
                    title: "card-caseload",
                    value: Some(n_caseload),
                    hint: if n_caseload == 0 {
                        "card-caseload-empty"
                    } else {
                        "card-caseload-hint"
                    },
                    link: Some("/recruitment/candidates?mine=1"),
                });
                cards.push(Card {
                    title: "card-interview",
                    value: None,
                    hint: "card-interview-hint",
                    link: Some("/recruitment/interview"),
                });
            }
            Role::ClinicBuyer => {
                cards.push(Card {
                    title: "card-procurement",
                    value: None,
                    hint: "card-procurement-empty",
                    link: Some("/organisations"),
                });
            }
            Role::Planner => {
                let n_regions = standort_store::demography::count_regions(&mut conn).await?;
                cards.push(Card {
                    title: "card-demography",
                    value: Some(n_regions),
                    hint: if n_regions == 0 {
                        "card-demography-empty"
                    } else {
                        "card-demography-hint"
                    },
                    link: Some("/demography"),
                });
            }
            Role::Candidate => {
                cards.push(Card {
                    title: "card-my-journey",
                    value: None,
                    hint: "card-my-journey-empty",
                    link: None,
                });
                cards.push(Card {
                    title: "card-my-profile",
                    value: None,
                    hint: "card-my-profile-hint",
                    link: Some("/recruitment/my-profile"),
                });
            }
        }
        cards.push(Card {
            title: "card-tokens",
            value: None,
            hint: "card-tokens-hint",
            link: Some("/account"),
        });
        Ok(Dashboard {
            role: actor.role(),
            organisation,
            cards,
            overdue,
        })
    }
}
