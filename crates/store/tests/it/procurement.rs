//! Pooled procurement on both backends: the ledger sums to stock by lot and refuses changes,
//! daily use and census, pooled order lines per clinic, allocations with shares per clinic.

use standort_domain::{OrgId, OrgKind};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::procurement::{
    self as pr, NewAllocation, NewItem, NewMovement, NewOrder, NewShare,
};
use standort_store::{AnyConnection, Db, StoreError, both_backends};

const DAY: i64 = 86_400;

async fn org(c: &mut AnyConnection, name: &str, kind: OrgKind) -> OrgId {
    orgs::insert(
        c,
        &NewOrganisation {
            name,
            kind,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id
}

async fn item(c: &mut AnyConnection, code: &str) -> i64 {
    pr::insert_item(
        c,
        &NewItem {
            code,
            name: "FFP2-Maske",
            category: "respirator",
            standard: "EN 149",
            pack_size: 20,
            gtin: Some("04012345000016"),
        },
        1,
    )
    .await
    .unwrap()
    .id
}

fn movement<'a>(
    org: OrgId,
    item: i64,
    lot: &'a str,
    kind: &'a str,
    quantity: i64,
    day: i64,
) -> NewMovement<'a> {
    NewMovement {
        org_id: org,
        item_id: item,
        lot,
        expires_on: Some(400 * DAY),
        kind,
        quantity,
        happened_on: day * DAY,
        reference: None,
        actor: None,
    }
}

both_backends!(
    ledger_sums_to_stock_by_lot_and_is_append_only,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let a = org(&mut c, "Klinikum A", OrgKind::Clinic).await;
        let b = org(&mut c, "Klinikum B", OrgKind::Clinic).await;
        let ffp2 = item(&mut c, "FFP2").await;
        assert!(matches!(
            pr::insert_item(
                &mut c,
                &NewItem {
                    code: "FFP2",
                    name: "x",
                    category: "respirator",
                    standard: "EN 149",
                    pack_size: 1,
                    gtin: None
                },
                1
            )
            .await,
            Err(StoreError::Conflict(_))
        ));
        pr::append_movement(&mut c, &movement(a, ffp2, "L1", "receipt", 1000, 10), 5)
            .await
            .unwrap();
        pr::append_movement(&mut c, &movement(a, ffp2, "L2", "receipt", 500, 11), 5)
            .await
            .unwrap();
        let m = pr::append_movement(&mut c, &movement(a, ffp2, "L1", "issue", -300, 12), 5)
            .await
            .unwrap();
        pr::append_movement(&mut c, &movement(a, ffp2, "L1", "issue", -100, 12), 5)
            .await
            .unwrap();
        pr::append_movement(&mut c, &movement(a, ffp2, "L2", "issue", -500, 13), 5)
            .await
            .unwrap();
        pr::append_movement(&mut c, &movement(b, ffp2, "L9", "receipt", 70, 10), 5)
            .await
            .unwrap();
        let lots = pr::lots(&mut c, Some(a)).await.unwrap();
        assert_eq!(lots.len(), 1, "an emptied lot is not listed: {lots:?}");
        assert_eq!((lots[0].lot.as_str(), lots[0].quantity), ("L1", 600));
        assert_eq!(pr::lots(&mut c, None).await.unwrap().len(), 2);
        let used = pr::daily_use(&mut c, Some(a), 0, 100 * DAY).await.unwrap();
        assert_eq!(
            used.iter()
                .map(|u| (u.day / DAY, u.quantity))
                .collect::<Vec<_>>(),
            vec![(12, 400), (13, 500)]
        );
        assert!(
            pr::daily_use(&mut c, Some(a), 13 * DAY, 100 * DAY)
                .await
                .unwrap()
                .len()
                == 1
        );
        // Added up by the database: used 900, squares 400² + 500², per clinic and item.
        assert_eq!(
            pr::usage_totals(&mut c, None, 0, 100 * DAY).await.unwrap(),
            vec![(a, ffp2, 900, 400 * 400 + 500 * 500)]
        );
        assert_eq!(
            pr::usage_totals(&mut c, Some(a), 13 * DAY, 100 * DAY)
                .await
                .unwrap(),
            vec![(a, ffp2, 500, 500 * 500)]
        );
        // The ledger refuses changes and deletions.
        assert!(
            sqlx::query("UPDATE procurement_movements SET quantity = 0 WHERE id = $1")
                .bind(m.id)
                .execute(&mut *c)
                .await
                .is_err()
        );
        assert!(
            sqlx::query("DELETE FROM procurement_movements WHERE id = $1")
                .bind(m.id)
                .execute(&mut *c)
                .await
                .is_err()
        );
        assert_eq!(
            pr::recent_movements(&mut c, a, 2).await.unwrap()[0].quantity,
            -500
        );
        // Census: a second entry of a day replaces the first.
        pr::set_census(&mut c, a, 12 * DAY, 300, 1).await.unwrap();
        pr::set_census(&mut c, a, 12 * DAY, 320, 2).await.unwrap();
        pr::set_census(&mut c, b, 12 * DAY, 90, 2).await.unwrap();
        assert_eq!(
            pr::census(&mut c, Some(a), 0, 100 * DAY).await.unwrap(),
            vec![(a, 12 * DAY, 320)]
        );
    }
);

both_backends!(
    orders_and_allocations_keep_each_clinics_part,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let a = org(&mut c, "Klinikum A", OrgKind::Clinic).await;
        let b = org(&mut c, "Klinikum B", OrgKind::Clinic).await;
        let supplier = org(&mut c, "Mekong", OrgKind::Supplier).await;
        let ffp2 = item(&mut c, "FFP2").await;
        let o = pr::insert_order(
            &mut c,
            &NewOrder {
                supplier_org_id: supplier,
                title: "Runde 1",
                transport_mode: "air",
                deadline: Some(20 * DAY),
                created_by: None,
            },
            3,
        )
        .await
        .unwrap();
        assert_eq!(
            (o.status.as_str(), o.supplier_name.as_str()),
            ("open", "Mekong")
        );
        pr::set_line(&mut c, o.id, a, ffp2, 100, None, 4)
            .await
            .unwrap();
        pr::set_line(&mut c, o.id, a, ffp2, 400, None, 5)
            .await
            .unwrap();
        pr::set_line(&mut c, o.id, b, ffp2, 200, None, 5)
            .await
            .unwrap();
        assert_eq!(pr::lines(&mut c, o.id, None).await.unwrap().len(), 2);
        let own = pr::lines(&mut c, o.id, Some(a)).await.unwrap();
        assert_eq!((own.len(), own[0].quantity), (1, 400));
        assert!(pr::on_order(&mut c, None).await.unwrap().is_empty());
        pr::set_order_status(&mut c, o.id, "ordered").await.unwrap();
        assert_eq!(
            pr::on_order(&mut c, Some(b)).await.unwrap(),
            vec![(b, ffp2, 200)]
        );
        assert!(matches!(
            pr::set_order_status(&mut c, 9999, "ordered").await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(pr::list_orders(&mut c).await.unwrap().len(), 1);

        let al = pr::insert_allocation(
            &mut c,
            &NewAllocation {
                item_id: ffp2,
                order_id: Some(o.id),
                source: "shipment",
                title: "Luftfracht 1",
                available: 500,
                pack_size: 20,
                rule: "equalise_days",
                lot: "VN-1",
                expires_on: Some(900 * DAY),
                created_by: None,
            },
            6,
        )
        .await
        .unwrap();
        for (org, allocated) in [(a, 340), (b, 160)] {
            pr::insert_share(
                &mut c,
                al.id,
                &NewShare {
                    org_id: org,
                    requested: 400,
                    stock: 10,
                    per_day: 12.5,
                    allocated,
                    days_before: Some(0.8),
                    days_after: None,
                },
            )
            .await
            .unwrap();
        }
        let all = pr::shares(&mut c, al.id, None).await.unwrap();
        assert_eq!(all.iter().map(|s| s.allocated).sum::<i64>(), 500);
        assert_eq!(all[0].per_day, 12.5);
        assert_eq!(all[0].days_after, None);
        assert_eq!(pr::shares(&mut c, al.id, Some(b)).await.unwrap().len(), 1);
        let other = org(&mut c, "Klinikum C", OrgKind::Clinic).await;
        assert!(
            pr::list_allocations(&mut c, Some(other))
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            pr::list_allocations(&mut c, Some(a)).await.unwrap().len(),
            1
        );
        pr::mark_delivered(&mut c, al.id, 7).await.unwrap();
        assert!(matches!(
            pr::mark_delivered(&mut c, al.id, 8).await,
            Err(StoreError::Conflict(_))
        ));
        let al = pr::get_allocation(&mut c, al.id).await.unwrap();
        assert_eq!(
            (al.status.as_str(), al.delivered_at),
            ("delivered", Some(7))
        );
    }
);

both_backends!(
    stock_by_lot_is_kept_with_each_movement_and_rebuilt_from_the_ledger,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let a = org(&mut c, "Klinikum A", OrgKind::Clinic).await;
        let ffp2 = item(&mut c, "FFP2").await;
        let with_expiry = |lot, kind, qty, day, expires: Option<i64>| NewMovement {
            expires_on: expires,
            ..movement(a, ffp2, lot, kind, qty, day)
        };
        for m in [
            with_expiry("L1", "receipt", 1000, 10, Some(400 * DAY)),
            with_expiry("L1", "issue", -250, 11, Some(400 * DAY)),
            with_expiry("G7", "receipt", 80, 10, None),
            with_expiry("G7", "issue", -5, 12, None),
        ] {
            pr::append_movement(&mut c, &m, 5).await.unwrap();
        }
        let stock = |lots: Vec<pr::LotStock>| {
            lots.into_iter()
                .map(|l| (l.lot, l.expires_on, l.quantity))
                .collect::<Vec<_>>()
        };
        // A lot without expiry first, then by expiry: the same order on both backends.
        let expected = vec![
            ("G7".to_owned(), None, 75),
            ("L1".to_owned(), Some(400 * DAY), 750),
        ];
        assert_eq!(stock(pr::lots(&mut c, Some(a)).await.unwrap()), expected);
        drop(c);
        // A movement whose transaction rolls back leaves the stock as it was.
        let mut tx = db.begin_write().await.unwrap();
        pr::append_movement(
            &mut tx,
            &with_expiry("L1", "issue", -700, 13, Some(400 * DAY)),
            5,
        )
        .await
        .unwrap();
        tx.rollback().await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert_eq!(stock(pr::lots(&mut c, Some(a)).await.unwrap()), expected);
        // Rebuilt from the ledger (as the archive import does): the same stock.
        pr::rebuild_stock_summaries(&mut c).await.unwrap();
        assert_eq!(stock(pr::lots(&mut c, Some(a)).await.unwrap()), expected);
    }
);

/// What the supply figures read: every clinic's totals in the days [11, 13), and `a`'s use
/// per day.
async fn use_window(
    c: &mut AnyConnection,
    a: OrgId,
) -> (Vec<(OrgId, i64, i64, i64)>, Vec<(i64, i64)>) {
    let mut totals = pr::usage_totals(c, None, 11 * DAY, 13 * DAY).await.unwrap();
    totals.sort_by_key(|t| (t.0.0, t.1));
    let days = pr::daily_use(c, Some(a), 0, 100 * DAY).await.unwrap();
    (
        totals,
        days.iter().map(|d| (d.day / DAY, d.quantity)).collect(),
    )
}

both_backends!(
    daily_use_is_kept_with_each_issue_and_rebuilt_from_the_ledger,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let a = org(&mut c, "Klinikum A", OrgKind::Clinic).await;
        let b = org(&mut c, "Klinikum B", OrgKind::Clinic).await;
        let ffp2 = item(&mut c, "FFP2").await;
        for m in [
            movement(a, ffp2, "L1", "receipt", 1000, 10),
            // Two issues on one day add up; a returned issue (positive) lowers the day's use.
            movement(a, ffp2, "L1", "issue", -30, 11),
            movement(a, ffp2, "L1", "issue", -20, 11),
            movement(a, ffp2, "L1", "issue", -40, 12),
            movement(a, ffp2, "L1", "issue", 10, 12),
            movement(a, ffp2, "L1", "issue", -7, 20),
            // Counts and write-offs are not use.
            movement(a, ffp2, "L1", "write_off", -100, 12),
            movement(b, ffp2, "L9", "issue", -5, 11),
        ] {
            pr::append_movement(&mut c, &m, 5).await.unwrap();
        }
        // Against the ledger added up by hand: in the window [11, 13) a uses 50 and 30 (sum
        // 80, squares 3,400), b 5.
        let expected = (
            vec![(a, ffp2, 80, 50 * 50 + 30 * 30), (b, ffp2, 5, 25)],
            vec![(11, 50), (12, 30), (20, 7)],
        );
        assert_eq!(use_window(&mut c, a).await, expected);
        drop(c);
        // An issue whose transaction rolls back leaves the use as it was.
        let mut tx = db.begin_write().await.unwrap();
        pr::append_movement(&mut tx, &movement(a, ffp2, "L1", "issue", -999, 11), 5)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert_eq!(use_window(&mut c, a).await, expected);
        // Rebuilt from the ledger (as the archive import does): the same figures.
        pr::rebuild_stock_summaries(&mut c).await.unwrap();
        assert_eq!(use_window(&mut c, a).await, expected);
    }
);

both_backends!(
    the_supply_version_moves_with_every_change_the_supply_is_computed_from,
    |db: Db| async move {
        // The kept supply of every clinic (app::procurement::supply::all_clinics) is valid only
        // while this version stands: every writer of what the supply is computed from must
        // move it, in its own transaction.
        let mut c = db.conn().await.unwrap();
        let mut last = pr::supply_version(&mut c).await.unwrap();
        let mut moved = |c: i64, what: &str| {
            assert!(c > last, "{what} moves the version ({last} → {c})");
            last = c;
        };
        let a = org(&mut c, "Klinikum A", OrgKind::Clinic).await;
        moved(pr::supply_version(&mut c).await.unwrap(), "a new clinic");
        let supplier = org(&mut c, "Lieferant", OrgKind::Company).await;
        moved(
            pr::supply_version(&mut c).await.unwrap(),
            "a new organisation",
        );
        let ffp2 = item(&mut c, "FFP2").await;
        moved(pr::supply_version(&mut c).await.unwrap(), "an item");
        pr::append_movement(&mut c, &movement(a, ffp2, "L1", "receipt", 100, 10), 5)
            .await
            .unwrap();
        moved(
            pr::supply_version(&mut c).await.unwrap(),
            "a receipt (stock by lot)",
        );
        pr::append_movement(&mut c, &movement(a, ffp2, "L1", "issue", -10, 11), 5)
            .await
            .unwrap();
        moved(pr::supply_version(&mut c).await.unwrap(), "an issue (use)");
        pr::set_census(&mut c, a, 11 * DAY, 80, 5).await.unwrap();
        moved(pr::supply_version(&mut c).await.unwrap(), "a census");
        let order = pr::insert_order(
            &mut c,
            &NewOrder {
                supplier_org_id: supplier,
                title: "Runde 1",
                transport_mode: "air",
                deadline: Some(20 * DAY),
                created_by: None,
            },
            3,
        )
        .await
        .unwrap();
        pr::set_line(&mut c, order.id, a, ffp2, 40, None, 4)
            .await
            .unwrap();
        moved(pr::supply_version(&mut c).await.unwrap(), "an order line");
        pr::set_order_status(&mut c, order.id, "ordered")
            .await
            .unwrap();
        moved(
            pr::supply_version(&mut c).await.unwrap(),
            "an order's state",
        );
        pr::rebuild_stock_summaries(&mut c).await.unwrap();
        moved(
            pr::supply_version(&mut c).await.unwrap(),
            "the archive import's rebuild",
        );
        drop(c);
        // A change that rolls back leaves the version as it was.
        let mut tx = db.begin_write().await.unwrap();
        pr::append_movement(&mut tx, &movement(a, ffp2, "L1", "issue", -5, 12), 5)
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        let mut c = db.conn().await.unwrap();
        assert_eq!(pr::supply_version(&mut c).await.unwrap(), last);
    }
);
