//! Programmes, placements, the append-only track history, checklists and costs on both
//! backends.

use standort_domain::{OrgId, OrgKind};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::placements::{
    self as pl, NewCost, NewEvent, PlacementData, PlacementFilter, ProgrammeData,
};
use standort_store::recruitment::{self as rec, PositionData};
use standort_store::{Db, PageRequest, both_backends};

use crate::recruitment::candidate;

async fn org(c: &mut standort_store::AnyConnection, name: &str) -> OrgId {
    orgs::insert(
        c,
        &NewOrganisation {
            name,
            kind: OrgKind::Clinic,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id
}

fn position(org: OrgId, title: &str) -> PositionData {
    PositionData {
        org_id: org,
        title: title.into(),
        kind: "apprenticeship".into(),
        occupation_id: None,
        german_level: Some("B1".into()),
        recognition_required: false,
        recognition_partnership: false,
        licences: vec![],
        place: "Leipzig".into(),
        places: 3,
        start_date: 1_790_000_000,
        is_open: true,
    }
}

both_backends!(placements_round_trip_and_filter, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    let agency = org(&mut c, "Agentur").await;
    let clinic = org(&mut c, "Klinikum").await;
    let other = org(&mut c, "Verkehrsbetriebe").await;
    let shown = rec::insert_candidate(
        &mut c,
        &candidate(agency, "Nguyễn", "Thị Hương", true),
        "nguyen",
        1,
    )
    .await
    .unwrap();
    let hidden = rec::insert_candidate(
        &mut c,
        &candidate(agency, "Trần", "Văn Minh", false),
        "tran",
        1,
    )
    .await
    .unwrap();
    let care = rec::insert_position(&mut c, &position(clinic, "Pflege-Azubi"), 1)
        .await
        .unwrap();
    let bus = rec::insert_position(&mut c, &position(other, "Bus"), 1)
        .await
        .unwrap();
    let prog = pl::insert_programme(
        &mut c,
        &ProgrammeData {
            org_id: agency,
            name: "Pflege-Azubis Vietnam 2026".into(),
            description: "40 Personen".into(),
            target_size: 40,
            start_date: Some(1_780_000_000),
        },
        7,
    )
    .await
    .unwrap();
    assert_eq!(pl::get_programme(&mut c, prog.id).await.unwrap(), prog);
    let data = |cand: i64, pos: i64, programme: Option<i64>| PlacementData {
        candidate_id: cand,
        position_id: pos,
        programme_id: programme,
        recognition_required: false,
        partnership_accepted: false,
        apprenticeship: true,
    };
    let a = pl::insert_placement(&mut c, &data(shown.id, care.id, Some(prog.id)), None, 10)
        .await
        .unwrap();
    let b = pl::insert_placement(&mut c, &data(hidden.id, care.id, Some(prog.id)), None, 10)
        .await
        .unwrap();
    let d = pl::insert_placement(&mut c, &data(shown.id, bus.id, None), None, 10)
        .await
        .unwrap();
    let got = pl::get_placement(&mut c, a).await.unwrap();
    assert_eq!(got.family_name, "Nguyễn");
    assert_eq!(got.position_org, clinic);
    assert_eq!(
        got.programme_name.as_deref(),
        Some("Pflege-Azubis Vietnam 2026")
    );
    assert!(got.data.apprenticeship && got.shared);

    let page = PageRequest::default();
    let ids = |p: standort_store::Paged<pl::PlacementSummary>| {
        p.items.iter().map(|s| s.id).collect::<Vec<_>>()
    };
    let all = pl::list_placements(&mut c, &PlacementFilter::default(), page)
        .await
        .unwrap();
    assert_eq!(all.total, 3);
    let in_prog = PlacementFilter {
        programme: Some(prog.id),
        ..Default::default()
    };
    let mut got = ids(pl::list_placements(&mut c, &in_prog, page).await.unwrap());
    got.sort();
    assert_eq!(got, vec![a, b]);
    // The clinic as employer: its own positions, consenting candidates only.
    let employer = PlacementFilter {
        position_org: Some(clinic),
        shared_only: true,
        ..Default::default()
    };
    assert_eq!(
        ids(pl::list_placements(&mut c, &employer, page).await.unwrap()),
        vec![a]
    );
    let other_employer = PlacementFilter {
        position_org: Some(other),
        shared_only: true,
        ..Default::default()
    };
    assert_eq!(
        ids(pl::list_placements(&mut c, &other_employer, page)
            .await
            .unwrap()),
        vec![d]
    );
    assert_eq!(pl::all_placements(&mut c, &in_prog).await.unwrap().len(), 2);
});

both_backends!(
    track_history_is_append_only_and_ordered,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let agency = org(&mut c, "Agentur").await;
        let cand =
            rec::insert_candidate(&mut c, &candidate(agency, "Lê", "Thị Mai", true), "le", 1)
                .await
                .unwrap();
        let pos = rec::insert_position(&mut c, &position(agency, "Azubi"), 1)
            .await
            .unwrap();
        let p = pl::insert_placement(
            &mut c,
            &PlacementData {
                candidate_id: cand.id,
                position_id: pos.id,
                programme_id: None,
                recognition_required: false,
                partnership_accepted: false,
                apprenticeship: true,
            },
            None,
            10,
        )
        .await
        .unwrap();
        for (kind, day) in [
            ("contract_offered", 86_400 * 3),
            ("contract_signed", 86_400 * 9),
        ] {
            let data = serde_json::json!({"kind": kind, "contract": "training"});
            pl::append_event(
                &mut c,
                &NewEvent {
                    placement_id: p,
                    track: "contract",
                    kind,
                    data: &data,
                    happened_on: day,
                    note: Some("Vertrag über Klinikum"),
                    actor: None,
                    actor_label: "staff@example.org",
                },
                50,
            )
            .await
            .unwrap();
        }
        let history = pl::events(&mut c, p).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].kind, "contract_offered");
        assert_eq!(history[1].data["contract"], "training");
        assert_eq!(history[1].happened_on, 86_400 * 9);
        assert_eq!(history[0].note.as_deref(), Some("Vertrag über Klinikum"));
        assert_eq!(
            pl::events_of_programme(&mut c, None).await.unwrap().len(),
            2
        );
        // The database refuses to rewrite history.
        assert!(
            sqlx::query("UPDATE placement_events SET kind = 'x'")
                .execute(&mut *c)
                .await
                .is_err()
        );
        assert_eq!(pl::events(&mut c, p).await.unwrap(), history);

        // Checklist: items of another placement are not found through this one.
        let item = pl::insert_checklist_item(&mut c, p, "visa", "passport", Some(86_400 * 20))
            .await
            .unwrap();
        let row = pl::update_checklist_item(&mut c, p, item, Some(86_400 * 21), Some(86_400 * 15))
            .await
            .unwrap();
        assert_eq!(
            (row.due_on, row.done_on),
            (Some(86_400 * 21), Some(86_400 * 15))
        );
        assert!(
            pl::update_checklist_item(&mut c, p + 1, item, None, None)
                .await
                .is_err()
        );
        assert_eq!(pl::checklist(&mut c, p).await.unwrap(), vec![row]);
        assert_eq!(
            pl::checklist_of_programme(&mut c, None)
                .await
                .unwrap()
                .len(),
            1
        );

        // Owners and costs.
        pl::set_owner(&mut c, p, "visa", None).await.unwrap();
        assert!(pl::owners(&mut c, p).await.unwrap().is_empty());
        let fee = pl::add_cost(
            &mut c,
            &NewCost {
                placement_id: p,
                incurred_on: 86_400 * 4,
                purpose: "Visagebühr",
                amount_cents: 7_500,
                currency: "EUR",
                borne_by: "candidate",
                actor: None,
            },
            60,
        )
        .await
        .unwrap();
        assert!(fee.flagged());
        let costs = pl::costs(&mut c, p).await.unwrap();
        assert_eq!(costs, vec![fee]);
        assert_eq!(pl::costs_of_programme(&mut c, None).await.unwrap().len(), 1);

        // Erasing the candidate takes the placement and its history with it.
        sqlx::query("DELETE FROM candidates WHERE id = $1")
            .bind(cand.id)
            .execute(&mut *c)
            .await
            .unwrap();
        assert!(pl::get_placement(&mut c, p).await.is_err());
        assert!(pl::events(&mut c, p).await.unwrap().is_empty());
    }
);
