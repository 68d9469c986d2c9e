//! Demo records of pooled procurement: the catalogue, the three demo clinics with 90 days of
//! census and use (issues first expiry first out), a pooled order from Mekong Medical Supplies
//! delivered by air freight, an open sea-freight round, and the partners' donation of 100,000
//! surgical masks allocated fairly (through the real use cases, so it is audited like any
//! other). St. Georg is under 14 days of FFP2 and has a lot of gloves expiring next month.
//! Deterministic for a given day.

use rand::{Rng, SeedableRng};
use standort_domain::{OrgId, OrgKind};
use standort_procurement::{Lot, fefo};
use standort_store::procurement::{self as store, NewItem, NewMovement, NewOrder};
use standort_store::{audit, orgs, users};

use super::{AllocationInput, day_of, format_day, packs_for, unix_of};
use crate::{Actor, App, AppError};

/// `(code, name, category, standard, pack size, GTIN, use per patient-day)`.
const ITEMS: &[(&str, &str, &str, &str, i64, &str, f64)] = &[
    (
        "FFP2",
        "Atemschutzmaske FFP2",
        "respirator",
        "EN 149",
        20,
        "04012345000016",
        0.9,
    ),
    (
        "FFP3",
        "Atemschutzmaske FFP3",
        "respirator",
        "EN 149",
        20,
        "04012345000023",
        0.15,
    ),
    (
        "MNS-IIR",
        "OP-Maske Typ IIR",
        "mask",
        "EN 14683",
        50,
        "04012345000030",
        3.0,
    ),
    (
        "GLOVE-M",
        "Untersuchungshandschuhe Nitril, Größe M",
        "gloves",
        "EN 455",
        100,
        "04012345000047",
        12.0,
    ),
    (
        "GOWN",
        "Schutzkittel flüssigkeitsdicht",
        "gown",
        "EN 14126",
        10,
        "04012345000054",
        0.6,
    ),
    (
        "SHIELD",
        "Gesichtsschild",
        "face_shield",
        "EN 166",
        25,
        "04012345000061",
        0.05,
    ),
    (
        "DISINF",
        "Händedesinfektion 1 l",
        "disinfectant",
        "EN 1500",
        12,
        "04012345000078",
        0.03,
    ),
    (
        "AG-TEST",
        "SARS-CoV-2-Antigen-Schnelltest",
        "test_kit",
        "BfArM-Liste",
        25,
        "04012345000085",
        0.1,
    ),
];

/// `(clinic, beds occupied on an average day, days of supply now per item code)`; items not
/// listed have 40 days.
/// Days of supply now of some items of a clinic: `(item code, days)`.
type DaysNow = &'static [(&'static str, f64)];

const CLINICS: &[(&str, i64, DaysNow)] = &[
    (
        "Städtisches Klinikum St. Georg (Demo)",
        550,
        &[("FFP2", 10.0), ("MNS-IIR", 18.0), ("GOWN", 25.0)],
    ),
    (
        "Universitätsklinikum Leipzig (Demo)",
        1350,
        &[("MNS-IIR", 12.0), ("FFP3", 22.0)],
    ),
    (
        "Klinikum Borna (Demo)",
        260,
        &[("MNS-IIR", 8.0), ("GLOVE-M", 30.0)],
    ),
];

/// Items that came with the pooled air-freight order (half of the stock of the last 45 days).
const AIR_ITEMS: [&str; 3] = ["FFP2", "MNS-IIR", "GOWN"];

pub async fn load_procurement_demo(app: &App) -> Result<(), AppError> {
    let now = app.now();
    let today = day_of(now);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let mut tx = app.db.begin_write().await?;
    let staff = users::find_for_login(&mut tx, "staff@demo.standort.example")
        .await?
        .map(|(u, _)| u)
        .ok_or_else(|| AppError::Internal("demo staff login missing".into()))?;
    let clinics = orgs::of_kind(&mut tx, OrgKind::Clinic).await?;
    let supplier = orgs::of_kind(&mut tx, OrgKind::Supplier)
        .await?
        .into_iter()
        .find(|o| o.name == "Mekong Medical Supplies (Demo)")
        .ok_or_else(|| AppError::Internal("demo supplier missing".into()))?;
    let mut items = Vec::new();
    for (code, name, category, standard, pack_size, gtin, rate) in ITEMS {
        let item = store::insert_item(
            &mut tx,
            &NewItem {
                code,
                name,
                category,
                standard,
                pack_size: *pack_size,
                gtin: Some(gtin),
            },
            now,
        )
        .await?;
        items.push((item, *rate));
    }
    let air = store::insert_order(
        &mut tx,
        &NewOrder {
            supplier_org_id: supplier.id,
            title: "Sammelbestellung Luftfracht (Hanoi → Leipzig/Halle)",
            transport_mode: "air",
            deadline: Some(unix_of(today - 60)),
            created_by: Some(staff.id),
        },
        unix_of(today - 70),
    )
    .await?;
    let air_ref = format!("order:{}", air.id);
    for (name, beds, days_now) in CLINICS {
        let Some(clinic) = clinics.iter().find(|c| c.name == *name) else {
            continue;
        };
        let census: Vec<i64> = (0..90)
            .map(|d| {
                let wave = ((d as f64) / 7.0).sin() * 0.06;
                (*beds as f64 * (1.0 + wave + rng.gen_range(-0.04..0.04))).round() as i64
            })
            .collect();
        for (d, patients) in census.iter().enumerate() {
            store::set_census(
                &mut tx,
                clinic.id,
                unix_of(today - 90 + d as i64),
                *patients,
                now,
            )
            .await?;
        }
        for (item, rate) in &items {
            let used: Vec<i64> = census
                .iter()
                .map(|p| (*p as f64 * rate * rng.gen_range(0.8..1.2)).round() as i64)
                .collect();
            let total: i64 = used.iter().sum();
            let per_day = total as f64 / 90.0;
            let days = days_now
                .iter()
                .find(|(c, _)| *c == item.code)
                .map_or(40.0, |(_, d)| *d);
            let stock_now = (per_day * days).round() as i64;
            let by_air = AIR_ITEMS.contains(&item.code.as_str());
            // Opening stock 91 days ago; a delivery 45 days ago (by air from Mekong for the
            // items of the pooled order) makes up the rest.
            let opening = total * 11 / 20;
            let delivery = total + stock_now - opening;
            let mut lots = vec![Lot {
                lot: format!("DE-{}-2604", item.code),
                expires_on: Some(today + 420),
                quantity: 0,
            }];
            let mut receipts = vec![(0usize, today - 91, opening, None)];
            lots.push(Lot {
                lot: if by_air {
                    format!("VN-AIR-{}-2609", item.code)
                } else {
                    format!("DE-{}-2608", item.code)
                },
                expires_on: Some(today + 700),
                quantity: 0,
            });
            receipts.push((1, today - 45, delivery, by_air.then_some(air_ref.as_str())));
            if item.code == "GLOVE-M" && clinic.name.contains("St. Georg") {
                // A lot bought in a hurry that expires next month.
                lots.push(Lot {
                    lot: "KURZ-GLOVE-2612".into(),
                    expires_on: Some(today + 25),
                    quantity: 0,
                });
                receipts.push((2, today - 1, 20_000, None));
            }
            for day in today - 91..today {
                for (lot_index, on, qty, reference) in &receipts {
                    if *on == day {
                        lots[*lot_index].quantity += qty;
                        let l = &lots[*lot_index];
                        store::append_movement(
                            &mut tx,
                            &NewMovement {
                                org_id: clinic.id,
                                item_id: item.id,
                                lot: &l.lot,
                                expires_on: l.expires_on.map(unix_of),
                                kind: "receipt",
                                quantity: *qty,
                                happened_on: unix_of(day),
                                reference: *reference,
                                actor: None,
                            },
                            now,
                        )
                        .await?;
                    }
                }
                let offset = day - (today - 90);
                if offset < 0 {
                    continue;
                }
                let want = used[offset as usize].min(fefo::usable(&lots, day));
                let picks = fefo::pick(&lots, want, day).unwrap_or_default();
                for p in picks {
                    lots[p.index].quantity -= p.quantity;
                    let l = &lots[p.index];
                    store::append_movement(
                        &mut tx,
                        &NewMovement {
                            org_id: clinic.id,
                            item_id: item.id,
                            lot: &l.lot,
                            expires_on: l.expires_on.map(unix_of),
                            kind: "issue",
                            quantity: -p.quantity,
                            happened_on: unix_of(day),
                            reference: None,
                            actor: None,
                        },
                        now,
                    )
                    .await?;
                }
            }
            if by_air {
                store::set_line(
                    &mut tx,
                    air.id,
                    clinic.id,
                    item.id,
                    packs_for(delivery, item.pack_size) * item.pack_size,
                    None,
                    unix_of(today - 65),
                )
                .await?;
            }
        }
    }
    store::set_order_status(&mut tx, air.id, "delivered").await?;
    // The next round, by sea, open for the clinics' lines; the university hospital has
    // already entered its own.
    let sea = store::insert_order(
        &mut tx,
        &NewOrder {
            supplier_org_id: supplier.id,
            title: "Sammelbestellung Seefracht (Hai Phong → Hamburg)",
            transport_mode: "sea",
            deadline: Some(unix_of(today + 14)),
            created_by: Some(staff.id),
        },
        now,
    )
    .await?;
    if let Some(ukl) = clinics.iter().find(|c| c.name.starts_with("Universitäts")) {
        for (item, _) in items
            .iter()
            .filter(|(i, _)| i.code == "FFP2" || i.code == "GOWN")
        {
            store::set_line(
                &mut tx,
                sea.id,
                ukl.id,
                item.id,
                item.pack_size * 500,
                None,
                now,
            )
            .await?;
        }
    }
    let system = |entity: &str, id: i64, org: Option<OrgId>| audit::NewAuditEntry {
        actor: Some(staff.id),
        actor_label: staff.email.clone(),
        action: "create".into(),
        entity: entity.into(),
        entity_id: id.to_string(),
        org_id: org,
        after: Some(serde_json::json!({"demo": true})),
        ..Default::default()
    };
    audit::append(
        &mut tx,
        &system("pooled_order", air.id, Some(supplier.id)),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        &system("pooled_order", sea.id, Some(supplier.id)),
        now,
    )
    .await?;
    tx.commit().await?;

    // The donation, split by the real use case (equalising days of supply) and delivered.
    let actor = Actor {
        user: staff,
        client_ip: None,
    };
    let masks = items
        .iter()
        .find(|(i, _)| i.code == "MNS-IIR")
        .map(|(i, _)| i.id)
        .ok_or_else(|| AppError::Internal("demo item missing".into()))?;
    let donation = app
        .create_allocation(
            &actor,
            &AllocationInput {
                item_id: Some(masks.to_string()),
                title: Some("Spende der Partnergruppe: 100.000 OP-Masken".into()),
                source: Some("donation".into()),
                order_id: None,
                available: Some("100000".into()),
                rule: Some("equalise_days".into()),
                lot: Some("VN-DON-MNS-2611".into()),
                expires_on: Some(format_day(today + 730)),
            },
        )
        .await?;
    app.deliver_allocation(&actor, donation.id).await?;
    Ok(())
}
