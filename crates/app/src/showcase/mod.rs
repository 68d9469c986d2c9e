//! The regional products showcase "Genuss und Kunsthandwerk": producers (organisations of the
//! registry with kind `producer`) and their products, opening hours, markets and events, shown
//! on public pages without login; producers keep their own entries as drafts that agency staff
//! review and publish (or a trusted producer publishes directly), with a history of versions.
//!
//! One file per use case, each adding its methods to `App`: `catalogue` (the public reads —
//! no actor: only published entries, no personal data of the producers' people), `entries`
//! (drafts, review, history, trust; `policy::showcase_access` decides: a producer's own entry,
//! agency staff every one, others 404), `open_data` (CSV and JSON with a licence), `demo`.

mod catalogue;
pub mod demo;
mod entries;
mod open_data;

pub use catalogue::{Home, MapData, MapDot, MarketView, ProducerView, ProductView};
pub use entries::{EntryContent, EntryView};
pub use open_data::{LICENCE, LICENCE_URL, OpenCatalogue, OpenProducer};

use standort_domain::Role;
use standort_store::AnyConnection;

use crate::{Actor, AppError};

/// Europe/Berlin's offset from UTC at a moment, in seconds: summer time (+2 h) from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else +1 h. The
/// showcase's "open now" and today's markets are the region's local time.
pub fn berlin_offset(unix: i64) -> i64 {
    let year = year_of(unix);
    let start = last_sunday(year, 3) * 86_400 + 3600;
    let end = last_sunday(year, 10) * 86_400 + 3600;
    if (start..end).contains(&unix) {
        7200
    } else {
        3600
    }
}

/// The region's local time of a moment, as Unix seconds shifted by the offset (so the UTC
/// calendar helpers read local weekday, minute and month from it).
pub fn local(unix: i64) -> i64 {
    unix + berlin_offset(unix)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn year_of(unix: i64) -> i64 {
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

/// The day number (days since 1970-01-01) of the last Sunday of a month.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month + 1, 1) - 1;
    // 1970-01-01 was a Thursday: weekday (Monday = 0) is (day + 3) mod 7.
    last - (last + 3 - 6).rem_euclid(7)
}

/// The reviewer's dashboard card: drafts waiting.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    match actor.role() {
        Role::AgencyStaff => {
            let page = standort_store::showcase::pending_versions(
                conn,
                standort_store::PageRequest::new(Some(1), None),
            )
            .await?;
            board.card(
                "card-showcase-reviews",
                Some(page.total),
                "card-showcase-reviews-hint",
                Some("/showcase"),
            );
        }
        Role::Producer => board.card(
            "card-showcase-entry",
            None,
            "card-showcase-entry-hint",
            Some("/showcase/entry"),
        ),
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_summer_time_starts_and_ends_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        let march_29 = days_from_civil(2026, 3, 29) * 86_400;
        assert_eq!(berlin_offset(march_29), 3600);
        assert_eq!(berlin_offset(march_29 + 3600), 7200);
        let oct_25 = days_from_civil(2026, 10, 25) * 86_400;
        assert_eq!(berlin_offset(oct_25 + 3599), 7200);
        assert_eq!(berlin_offset(oct_25 + 3600), 3600);
        assert_eq!(year_of(days_from_civil(2026, 12, 31) * 86_400), 2026);
        assert_eq!(year_of(days_from_civil(2027, 1, 1) * 86_400), 2027);
    }
}
