//! Days of supply per clinic and item, reorder suggestions, the overview of all clinics and
//! the clinic buyer's dashboard card.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use standort_domain::fold::fold_for_search;
use standort_domain::{OrgId, OrgKind, Role};
use standort_procurement::{
    BurnRate, Day, Lot, ReorderInput, Suggestion, TransportMode, UsageTotals,
    burn_rate_from_totals, days_of_supply, fefo, stockout_day, suggest,
};
use standort_store::list::{Order, SortKey};
use standort_store::orgs::{self, Organisation};
use standort_store::procurement::{self as store, Item, Movement};
use standort_store::{AnyConnection, PageRequest, Paged};

use super::{
    CRITICAL_DAYS, SERVICE_LEVEL, SHORT_DATED_DAYS, TARGET_DAYS, WINDOW_DAYS, day_of, mode, unix_of,
};
use crate::policy::{self, ClinicAccess, Permission};
use crate::{Actor, App, AppError};

/// How an item stands at a clinic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyState {
    /// Fewer than [`CRITICAL_DAYS`](super::CRITICAL_DAYS) days of supply.
    Critical,
    /// At or below the reorder point: order now.
    Reorder,
    Ok,
    /// Not used in the window: days of supply are unbounded.
    Unused,
}

impl SupplyState {
    pub fn as_str(self) -> &'static str {
        match self {
            SupplyState::Critical => "critical",
            SupplyState::Reorder => "reorder",
            SupplyState::Ok => "ok",
            SupplyState::Unused => "unused",
        }
    }
}

/// One lot in stock.
#[derive(Debug, Clone, Serialize)]
pub struct LotView {
    pub lot: String,
    pub expires_on: Option<Day>,
    pub quantity: i64,
    pub expired: bool,
    pub short_dated: bool,
}

/// One item at one clinic: stock, use, days of supply, the reorder suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct ItemSupply {
    pub item: Item,
    /// Units in lots that have not expired.
    pub usable: i64,
    /// Units in expired lots (to be written off).
    pub expired: i64,
    pub lots: Vec<LotView>,
    pub rate: BurnRate,
    pub days: Option<f64>,
    pub stockout: Option<Day>,
    pub on_order: i64,
    pub suggestion: Suggestion,
    pub state: SupplyState,
}

/// A clinic's supply: every catalogue item.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicSupply {
    pub clinic: Organisation,
    #[serde(skip)]
    pub access: ClinicAccess,
    pub today: Day,
    pub mode: TransportMode,
    pub items: Vec<ItemSupply>,
    /// The latest ledger rows, newest first.
    pub recent: Vec<Movement>,
}

/// One clinic in the coordinator's overview.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicSummary {
    pub clinic: Organisation,
    pub critical: usize,
    pub reorder: usize,
    pub short_dated_lots: usize,
    /// The lowest days of supply of any item it uses, and which item.
    pub lowest: Option<(String, f64)>,
}

/// One line of the clinic buyer's dashboard: an item and its days of supply.
#[derive(Debug, Clone, Serialize)]
pub struct SupplyLine {
    pub item: String,
    pub days: Option<f64>,
    pub state: SupplyState,
    pub stockout: Option<Day>,
}

/// Everything about the supply of the clinics `only` (`None`: all), computed from the ledger,
/// census and open orders in five queries (items, lots, daily use, census, on order).
/// The days of supply of every clinic and item, kept per version of what they are computed
/// from (`store::procurement::supply_version`, moved by triggers in every changing
/// transaction), day and transport mode. The staff's dashboard card asks how many clinics have
/// a critical item, which needs every clinic's supply; computing it on each view was the
/// largest part of that page (timed per card on the loaded server). A change anywhere, on any
/// instance, moves the version, so the next view computes afresh.
#[derive(Debug, Default)]
pub struct SupplyCache {
    kept: std::sync::Mutex<Vec<Arc<AllClinics>>>,
}

/// Every clinic's supply at one version, day and transport mode.
#[derive(Debug)]
pub(crate) struct AllClinics {
    version: i64,
    today: Day,
    mode: TransportMode,
    pub(crate) clinics: HashMap<OrgId, Vec<ItemSupply>>,
    /// The clinics themselves, by name: kept with their supply (the version moves with the
    /// organisations too), so the overview reads no organisation per view — reading ~300 rows
    /// per view was most of its cost at ×100.
    orgs: Vec<Organisation>,
}

impl AllClinics {
    /// One clinic's items (empty for an organisation that is not a clinic).
    pub(crate) fn of(&self, clinic: OrgId) -> &[ItemSupply] {
        self.clinics.get(&clinic).map_or(&[][..], Vec::as_slice)
    }
}

/// Every clinic's supply, from the cache when nothing it is computed from changed since.
/// Holds the cache's lock only to look and to store, never across a query.
pub(crate) async fn all_clinics(
    conn: &mut AnyConnection,
    cache: &SupplyCache,
    today: Day,
    mode: TransportMode,
) -> Result<Arc<AllClinics>, AppError> {
    let version = store::supply_version(conn).await?;
    let current = |s: &AllClinics| s.version == version && s.today == today;
    if let Some(hit) = cache
        .kept
        .lock()
        .expect("the supply cache's lock")
        .iter()
        .find(|s| current(s) && s.mode == mode)
    {
        return Ok(hit.clone());
    }
    // Read after the version: what is computed is at least as new as the version it is kept
    // under, so a change in between only makes the next view compute once more.
    let fresh = Arc::new(AllClinics {
        version,
        today,
        mode,
        clinics: compute(conn, None, today, mode).await?,
        orgs: orgs::of_kind(conn, OrgKind::Clinic).await?,
    });
    let mut kept = cache.kept.lock().expect("the supply cache's lock");
    kept.retain(|s| current(s) && s.mode != mode);
    kept.push(fresh.clone());
    Ok(fresh)
}

pub(crate) async fn compute(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    today: Day,
    mode: TransportMode,
) -> Result<HashMap<OrgId, Vec<ItemSupply>>, AppError> {
    let items = store::list_items(conn).await?;
    let lots = store::lots(conn, only).await?;
    // The window's use and census added up by the database: a row per clinic and item, not
    // per day (2,160 rows per dashboard view for three clinics made it 30 times slower).
    let (from, to) = (unix_of(today - WINDOW_DAYS), unix_of(today));
    let use_rows = store::usage_totals(conn, only, from, to).await?;
    let census_rows = store::patient_days(conn, only, from, to).await?;
    let on_order = store::on_order(conn, only).await?;
    let clinics: Vec<OrgId> = match only {
        Some(o) => vec![o],
        None => orgs::of_kind(conn, OrgKind::Clinic)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
    };
    // Grouped once, so the work grows with the rows, not with clinics × items × rows.
    let mut lots_of: HashMap<(OrgId, i64), Vec<Lot>> = HashMap::new();
    for l in lots {
        lots_of.entry((l.org_id, l.item_id)).or_default().push(Lot {
            lot: l.lot,
            expires_on: l.expires_on.map(day_of),
            quantity: l.quantity,
        });
    }
    let use_of: HashMap<(OrgId, i64), (i64, i64)> = use_rows
        .into_iter()
        .map(|(o, i, used, squared)| ((o, i), (used, squared)))
        .collect();
    let patient_days_of: HashMap<OrgId, i64> = census_rows.into_iter().collect();
    let mut ordered_of: HashMap<(OrgId, i64), i64> = HashMap::new();
    for (o, i, q) in on_order {
        *ordered_of.entry((o, i)).or_default() += q;
    }
    let mut out = HashMap::new();
    for clinic in clinics {
        let patient_days = patient_days_of.get(&clinic).copied().unwrap_or(0);
        let rows = items
            .iter()
            .map(|item| {
                let key = (clinic, item.id);
                let (used, used_squared) = use_of.get(&key).copied().unwrap_or((0, 0));
                item_supply(
                    item.clone(),
                    lots_of.get(&key).map_or(&[][..], Vec::as_slice),
                    UsageTotals {
                        used,
                        used_squared,
                        patient_days,
                    },
                    ordered_of.get(&key).copied().unwrap_or(0),
                    today,
                    mode,
                )
            })
            .collect();
        out.insert(clinic, rows);
    }
    Ok(out)
}

fn item_supply(
    item: Item,
    lots: &[Lot],
    usage: UsageTotals,
    on_order: i64,
    today: Day,
    mode: TransportMode,
) -> ItemSupply {
    let usable = fefo::usable(lots, today);
    let total: i64 = lots.iter().map(|l| l.quantity).sum();
    let rate = burn_rate_from_totals(&usage, WINDOW_DAYS);
    let days = days_of_supply(usable, rate.per_day);
    let suggestion = suggest(&ReorderInput {
        stock: usable,
        on_order,
        per_day: rate.per_day,
        sd_per_day: rate.sd_per_day,
        lead: mode.default_lead(),
        service_level: SERVICE_LEVEL,
        target_days: TARGET_DAYS,
        pack_size: item.pack_size,
        min_order: item.pack_size,
    });
    let state = match days {
        None => SupplyState::Unused,
        Some(d) if d < CRITICAL_DAYS => SupplyState::Critical,
        Some(_) if suggestion.reorder => SupplyState::Reorder,
        Some(_) => SupplyState::Ok,
    };
    ItemSupply {
        usable,
        expired: total - usable,
        lots: lots
            .iter()
            .map(|l| LotView {
                lot: l.lot.clone(),
                expires_on: l.expires_on,
                quantity: l.quantity,
                expired: l.expired(today),
                short_dated: l.short_dated(today, SHORT_DATED_DAYS),
            })
            .collect(),
        stockout: stockout_day(today, usable, rate.per_day),
        days,
        rate,
        on_order,
        suggestion,
        state,
        item,
    }
}

impl App {
    /// One clinic's supply by item (the clinic's buyer, or agency staff); another clinic's is
    /// `NotFound`. `transport_mode` chooses the lead time of the reorder suggestions (default
    /// air freight).
    pub async fn clinic_supply(
        &self,
        actor: &Actor,
        clinic: OrgId,
        transport_mode: Option<&str>,
    ) -> Result<ClinicSupply, AppError> {
        policy::require(actor, Permission::ReadProcurement)?;
        let access = policy::clinic_access(actor, clinic)?;
        let mode = mode(transport_mode)?;
        let today = day_of(self.now());
        let mut conn = self.db.conn().await?;
        let org = orgs::get(&mut conn, clinic).await?;
        if org.kind != OrgKind::Clinic {
            return Err(AppError::NotFound);
        }
        let mut all = compute(&mut conn, Some(clinic), today, mode).await?;
        let recent = store::recent_movements(&mut conn, clinic, 20).await?;
        Ok(ClinicSupply {
            clinic: org,
            access,
            today,
            mode,
            items: all.remove(&clinic).unwrap_or_default(),
            recent,
        })
    }

    /// The clinics the actor may see (staff: all; a buyer: their own) whose name contains the
    /// query's words (any case, without diacritics), with their critical items, reorder items
    /// and short-dated lots, in the query's order, one page of them. The figures come from the
    /// supply cache and are sorted in memory; only the page's rows are built and sent, so the
    /// page stays the same size however many clinics join the channel.
    pub async fn supply_overview(
        &self,
        actor: &Actor,
        query: &ClinicQuery,
    ) -> Result<Paged<ClinicSummary>, AppError> {
        let scope = policy::require(actor, Permission::ReadProcurement)?;
        let today = day_of(self.now());
        let mut conn = self.db.conn().await?;
        let words: Vec<String> = fold_for_search(&query.q)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let all = all_clinics(&mut conn, &self.caches.supply, today, TransportMode::Air).await?;
        let clinics: Vec<&Organisation> = all
            .orgs
            .iter()
            .filter(|o| scope.includes(o.id))
            // Folding every clinic's name was most of this page's work when nothing is
            // searched: only fold when there are words to find.
            .filter(|o| {
                words.is_empty() || {
                    let name = fold_for_search(&o.name);
                    words.iter().all(|w| name.contains(w.as_str()))
                }
            })
            .collect();
        let mut rows: Vec<ClinicSummary> = clinics
            .into_iter()
            .map(|clinic| summary(clinic.clone(), all.of(clinic.id)))
            .collect();
        if query.order.key == ClinicSort::Name {
            // Folded once per clinic, not once per comparison.
            let mut keyed: Vec<(String, ClinicSummary)> = rows
                .into_iter()
                .map(|r| (fold_for_search(&r.clinic.name), r))
                .collect();
            keyed.sort_by(|(ka, a), (kb, b)| {
                let by_name = if query.order.desc {
                    kb.cmp(ka)
                } else {
                    ka.cmp(kb)
                };
                by_name.then_with(|| compare(query.order, a, b))
            });
            rows = keyed.into_iter().map(|(_, r)| r).collect();
        } else {
            rows.sort_by(|a, b| compare(query.order, a, b));
        }
        let total = rows.len() as i64;
        let items = rows
            .into_iter()
            .skip(query.page.offset as usize)
            .take(query.page.limit as usize)
            .collect();
        Ok(Paged {
            items,
            total,
            limit: query.page.limit,
            offset: query.page.offset,
        })
    }
}

/// What the clinics' overview shows: a name search, an order, a page.
#[derive(Debug, Clone, Default)]
pub struct ClinicQuery {
    pub q: String,
    pub order: Order<ClinicSort>,
    pub page: PageRequest,
}

/// The columns the clinics' overview sorts by. The figures are worked out, not stored, so the
/// list is sorted in memory ([`compare`]), not by the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClinicSort {
    /// The default: most critical items first, then most to reorder, then the fewest days of
    /// supply — the clinic that needs help first is on top.
    Critical,
    Name,
    Reorder,
    ShortDated,
    Lowest,
}

impl SortKey for ClinicSort {
    const ALL: &'static [ClinicSort] = &[
        ClinicSort::Critical,
        ClinicSort::Name,
        ClinicSort::Reorder,
        ClinicSort::ShortDated,
        ClinicSort::Lowest,
    ];
    fn name(self) -> &'static str {
        match self {
            ClinicSort::Critical => "critical",
            ClinicSort::Name => "name",
            ClinicSort::Reorder => "reorder",
            ClinicSort::ShortDated => "short_dated",
            ClinicSort::Lowest => "lowest",
        }
    }
    fn default_desc(self) -> bool {
        // Counts: most first; names and days of supply: lowest first.
        matches!(
            self,
            ClinicSort::Critical | ClinicSort::Reorder | ClinicSort::ShortDated
        )
    }
}

/// The key in the order's direction; ties by urgency (critical, reorder, days of supply),
/// then by name and id, always in that sense, so equal rows keep one order across pages. A
/// clinic without days of supply (it uses nothing yet) comes last in both directions, like
/// NULLs in the database's lists.
fn compare(order: Order<ClinicSort>, a: &ClinicSummary, b: &ClinicSummary) -> Ordering {
    let days = |s: &ClinicSummary| s.lowest.as_ref().map(|(_, d)| *d);
    let by_days = |a: &ClinicSummary, b: &ClinicSummary, desc: bool| match (days(a), days(b)) {
        (Some(x), Some(y)) if desc => y.total_cmp(&x),
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let directed = |o: Ordering| if order.desc { o.reverse() } else { o };
    let key = match order.key {
        ClinicSort::Critical => directed(a.critical.cmp(&b.critical)),
        // Sorted by the folded name before (see `supply_overview`); here only the ties.
        ClinicSort::Name => Ordering::Equal,
        ClinicSort::Reorder => directed(a.reorder.cmp(&b.reorder)),
        ClinicSort::ShortDated => directed(a.short_dated_lots.cmp(&b.short_dated_lots)),
        ClinicSort::Lowest => by_days(a, b, order.desc),
    };
    key.then_with(|| b.critical.cmp(&a.critical))
        .then_with(|| b.reorder.cmp(&a.reorder))
        .then_with(|| by_days(a, b, false))
        .then_with(|| a.clinic.name.cmp(&b.clinic.name))
        .then_with(|| a.clinic.id.0.cmp(&b.clinic.id.0))
}

fn summary(clinic: Organisation, items: &[ItemSupply]) -> ClinicSummary {
    ClinicSummary {
        critical: items
            .iter()
            .filter(|i| i.state == SupplyState::Critical)
            .count(),
        reorder: items.iter().filter(|i| i.suggestion.reorder).count(),
        short_dated_lots: items
            .iter()
            .flat_map(|i| &i.lots)
            .filter(|l| l.short_dated)
            .count(),
        // The item's name is copied for the lowest only (copying every item's name was a
        // good part of the overview's work with ~300 clinics).
        lowest: items
            .iter()
            .filter_map(|i| i.days.map(|d| (i, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, d)| (i.item.name.clone(), d)),
        clinic,
    }
}

/// The module's dashboard cards: a clinic buyer sees the days of supply per item, how many
/// items are at or below the reorder point and how many lots expire soon; agency staff see how
/// many clinics have an item under the critical days of supply.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    cache: &SupplyCache,
    actor: &Actor,
    today: Day,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    match actor.role() {
        Role::ClinicBuyer => {
            let clinic = actor.user.org_id;
            let all = all_clinics(conn, cache, today, TransportMode::Air).await?;
            let items = all.of(clinic);
            let link = Some("/procurement");
            let s = summary(orgs::get(conn, clinic).await?, items);
            board.card(
                "card-supply-critical",
                Some(s.critical as i64),
                "card-supply-critical-hint",
                link,
            );
            board.card(
                "card-supply-reorder",
                Some(s.reorder as i64),
                "card-supply-reorder-hint",
                link,
            );
            board.card(
                "card-supply-expiring",
                Some(s.short_dated_lots as i64),
                "card-supply-expiring-hint",
                link,
            );
            let mut lines: Vec<SupplyLine> = items
                .iter()
                .filter(|i| i.state != SupplyState::Unused)
                .map(|i| SupplyLine {
                    item: i.item.name.clone(),
                    days: i.days,
                    state: i.state,
                    stockout: i.stockout,
                })
                .collect();
            lines.sort_by(|a, b| {
                a.days
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.days.unwrap_or(f64::INFINITY))
            });
            board.supply = lines;
        }
        Role::AgencyStaff => {
            let all = all_clinics(conn, cache, today, TransportMode::Air).await?;
            let critical = all
                .clinics
                .values()
                .filter(|items| items.iter().any(|i| i.state == SupplyState::Critical))
                .count();
            board.card(
                "card-supply-clinics-critical",
                Some(critical as i64),
                "card-supply-clinics-critical-hint",
                Some("/procurement"),
            );
        }
        _ => {}
    }
    Ok(())
}
