//! The sources of the network's and procurement's reminders on both backends: next steps and
//! obligations due before a day (of every record or of one, and of one owner for the calendar
//! feed), agreements whose term ends in a window (not ended ones), the parties of an agreement,
//! open rounds whose deadline is in a window, and the latest movement that added stock.

use standort_domain::network::{AgreementKind, AgreementStatus, Channel};
use standort_domain::{OrgKind, Role};
use standort_store::network::{self as net, AgreementData, ApproachData};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::procurement::{self as pr, NewItem, NewMovement, NewOrder};
use standort_store::{Db, both_backends};

use crate::{org, user};

const DAY: i64 = 86_400;

both_backends!(
    next_steps_obligations_and_terms_are_found_by_their_day,
    |db: Db| async move {
        let agency = org(&db, "Agentur").await;
        let staff = user(&db, agency, "s@x.example", Role::AgencyStaff).await;
        let other = user(&db, agency, "t@x.example", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        let company = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Firma",
                kind: OrgKind::Company,
                country: "DE",
            },
            1,
        )
        .await
        .unwrap()
        .id;
        let mut ids = Vec::new();
        for (due, by) in [(Some(10), staff), (Some(30), other), (None, staff)] {
            let a = net::insert_approach(
                &mut c,
                &ApproachData {
                    org_id: company,
                    channel: Channel::Call,
                    on_day: DAY,
                    by_user: Some(by),
                    by_org_id: agency,
                    topic: "Thema".into(),
                    outcome: String::new(),
                    next_step: "Anrufen".into(),
                    next_due: due.map(|d| d * DAY),
                },
                1,
            )
            .await
            .unwrap();
            ids.push(a.id);
        }
        let due = net::follow_ups_due(&mut c, 20 * DAY, None).await.unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(
            (due[0].approach_id, due[0].owner, due[0].org_name.as_str()),
            (ids[0], Some(staff), "Firma")
        );
        assert_eq!(
            net::follow_ups_due(&mut c, 40 * DAY, Some(ids[1]))
                .await
                .unwrap()
                .len(),
            1
        );
        let mine = net::follow_ups_of(&mut c, staff, 0).await.unwrap();
        assert_eq!(mine.len(), 1, "the one without a day is not a date");

        let agreement = |title: &'static str, ends: i64, status: AgreementStatus| AgreementData {
            title: title.into(),
            kind: AgreementKind::Memorandum,
            status,
            signed_on: Some(DAY),
            ends_on: Some(ends * DAY),
            trip_id: None,
        };
        let open = net::insert_agreement(
            &mut c,
            &agreement("Offen", 50, AgreementStatus::Signed),
            staff,
            1,
        )
        .await
        .unwrap();
        let ended = agreement("Beendet", 50, AgreementStatus::Ended);
        net::insert_agreement(&mut c, &ended, staff, 1)
            .await
            .unwrap();
        let later = agreement("Später", 500, AgreementStatus::Signed);
        net::insert_agreement(&mut c, &later, staff, 1)
            .await
            .unwrap();
        let ending = net::terms_ending(&mut c, 0, 100 * DAY).await.unwrap();
        assert_eq!(ending.len(), 1, "not the ended one, not the later one");
        assert_eq!(ending[0].id, open.id);
        net::add_party(&mut c, open.id, company).await.unwrap();
        net::add_party(&mut c, open.id, agency).await.unwrap();
        let mut parties = vec![company, agency];
        parties.sort_by_key(|o| o.0);
        assert_eq!(net::party_orgs(&mut c, open.id).await.unwrap(), parties);

        let first = net::add_obligation(&mut c, open.id, "Bericht", Some(other), 5 * DAY, 1)
            .await
            .unwrap();
        let done = net::add_obligation(&mut c, open.id, "Erledigt", Some(other), 6 * DAY, 1)
            .await
            .unwrap();
        net::complete_obligation(&mut c, open.id, done, 2)
            .await
            .unwrap();
        net::add_obligation(&mut c, open.id, "Später", Some(staff), 60 * DAY, 1)
            .await
            .unwrap();
        let due = net::open_obligations_before(&mut c, 10 * DAY, Some(open.id))
            .await
            .unwrap();
        assert_eq!(due.len(), 1, "open ones only");
        assert_eq!((due[0].id, due[0].owner_user_id), (first, Some(other)));
        assert_eq!(due[0].agreement_title, "Offen");
        assert_eq!(
            net::obligations_of(&mut c, other, 0).await.unwrap().len(),
            1
        );
        assert_eq!(
            net::obligations_of(&mut c, staff, 0).await.unwrap().len(),
            1
        );
        assert!(
            net::obligations_of(&mut c, staff, 61 * DAY)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both_backends!(
    open_rounds_by_deadline_and_the_latest_increase_of_stock,
    |db: Db| async move {
        let clinic = org(&db, "Klinik").await;
        let staff = user(&db, clinic, "s@x.example", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        let supplier = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Lieferant",
                kind: OrgKind::Supplier,
                country: "VN",
            },
            1,
        )
        .await
        .unwrap()
        .id;
        let mut orders = Vec::new();
        for (title, deadline) in [("Bald", Some(10)), ("Später", Some(40)), ("Ohne", None)] {
            let o = pr::insert_order(
                &mut c,
                &NewOrder {
                    supplier_org_id: supplier,
                    title,
                    transport_mode: "sea",
                    deadline: deadline.map(|d| d * DAY),
                    created_by: Some(staff),
                },
                1,
            )
            .await
            .unwrap();
            orders.push(o.id);
        }
        let due = pr::open_orders_due(&mut c, 0, 20 * DAY, None)
            .await
            .unwrap();
        assert_eq!(due.iter().map(|o| o.id).collect::<Vec<_>>(), [orders[0]]);
        pr::set_order_status(&mut c, orders[0], "ordered")
            .await
            .unwrap();
        assert!(
            pr::open_orders_due(&mut c, 0, 20 * DAY, None)
                .await
                .unwrap()
                .is_empty(),
            "an ordered round takes no more lines"
        );
        assert_eq!(
            pr::open_orders_due(&mut c, 0, i64::MAX, Some(orders[1]))
                .await
                .unwrap()
                .len(),
            1
        );

        let item = pr::insert_item(
            &mut c,
            &NewItem {
                code: "FFP2",
                name: "FFP2-Maske",
                category: "respirator",
                standard: "EN 149",
                pack_size: 20,
                gtin: None,
            },
            1,
        )
        .await
        .unwrap()
        .id;
        assert_eq!(pr::last_increase(&mut c, clinic, item).await.unwrap(), 0);
        let mut ids = Vec::new();
        for (kind, quantity) in [("receipt", 100), ("issue", -40)] {
            let m = pr::append_movement(
                &mut c,
                &NewMovement {
                    org_id: clinic,
                    item_id: item,
                    lot: "L1",
                    expires_on: Some(400 * DAY),
                    kind,
                    quantity,
                    happened_on: DAY,
                    reference: None,
                    actor: None,
                },
                1,
            )
            .await
            .unwrap();
            ids.push(m.id);
        }
        assert_eq!(
            pr::last_increase(&mut c, clinic, item).await.unwrap(),
            ids[0],
            "an issue is not an increase"
        );
    }
);
