//! The registry's network facts and search keys, and the network tables, on both backends.

use standort_domain::network::{Channel, LegalBasis, LinkKind};
use standort_domain::{OrgId, OrgKind, Role};
use standort_store::network::{self as net, ApproachData, ApproachFilter, ContactData};
use standort_store::orgs::{NewOrganisation, OrgFilter, OrgProfile};
use standort_store::{Db, PageRequest, both_backends, orgs};

use crate::{org, user};

async fn search(db: &Db, text: &str) -> Vec<String> {
    let mut c = db.conn().await.unwrap();
    orgs::list_filtered(
        &mut c,
        &OrgFilter {
            text: Some(text.into()),
            ..OrgFilter::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|o| o.name)
    .collect()
}

both_backends!(
    names_in_any_script_are_found_without_diacritics_and_with_a_typo,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let mekong = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Mekong Medical Supplies",
                kind: OrgKind::Supplier,
                country: "VN",
            },
            100,
        )
        .await
        .unwrap();
        orgs::add_name(&mut c, mekong.id, "Công ty TNHH Vật tư Y tế Mê Kông", "vi")
            .await
            .unwrap();
        let sakura = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Sakura Seimitsu",
                kind: OrgKind::Investor,
                country: "JP",
            },
            100,
        )
        .await
        .unwrap();
        orgs::add_name(&mut c, sakura.id, "桜精密株式会社", "ja")
            .await
            .unwrap();
        orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Städtisches Klinikum St. Georg",
                kind: OrgKind::Clinic,
                country: "DE",
            },
            100,
        )
        .await
        .unwrap();
        drop(c);
        assert_eq!(
            search(&db, "vat tu y te").await,
            ["Mekong Medical Supplies"]
        );
        assert_eq!(search(&db, "Vật tư").await, ["Mekong Medical Supplies"]);
        assert_eq!(search(&db, "mekomg").await, ["Mekong Medical Supplies"]);
        assert!(
            search(&db, "stxdtischxs").await.is_empty(),
            "two edits away"
        );
        assert_eq!(
            search(&db, "staedtisches").await.len(),
            1,
            "one inserted letter"
        );
        assert_eq!(
            search(&db, "stadtisches georg").await,
            ["Städtisches Klinikum St. Georg"]
        );
        assert_eq!(search(&db, "精密").await, ["Sakura Seimitsu"]);
        assert!(search(&db, "精工").await.is_empty());
        assert!(search(&db, "%").await.is_empty());
        // The keys follow the names: a name added later is found.
        let mut c = db.conn().await.unwrap();
        orgs::add_name(&mut c, sakura.id, "Sakura Precision", "en")
            .await
            .unwrap();
        drop(c);
        assert_eq!(search(&db, "precision").await, ["Sakura Seimitsu"]);
    }
);

both_backends!(profile_links_and_filters_round_trip, |db: Db| async move {
    let a = org(&db, "Klinikum A").await;
    let b = org(&db, "Lieferant B").await;
    let mut c = db.conn().await.unwrap();
    let profile = OrgProfile {
        sector: Some("86.10".into()),
        clusters: vec!["biotech_health".into(), "greentech".into()],
        employees: Some(1200),
        website: Some("https://a.example".into()),
        address: Some("Leipzig".into()),
    };
    orgs::set_profile(&mut c, a, &profile).await.unwrap();
    assert_eq!(orgs::get(&mut c, a).await.unwrap().profile, profile);
    assert!(
        orgs::set_profile(&mut c, OrgId(999_999), &profile)
            .await
            .is_err()
    );
    orgs::link(&mut c, b, a, LinkKind::PartnerOf, 5)
        .await
        .unwrap();
    assert!(
        orgs::link(&mut c, b, a, LinkKind::PartnerOf, 6)
            .await
            .is_err(),
        "once"
    );
    let links = orgs::links(&mut c, a).await.unwrap();
    assert_eq!(links.len(), 1);
    assert!(!links[0].outgoing);
    assert_eq!(links[0].other_name, "Lieferant B");
    let f = |sector: Option<&str>, cluster: Option<&str>| OrgFilter {
        sector: sector.map(Into::into),
        cluster: cluster.map(Into::into),
        ..OrgFilter::default()
    };
    let n = |p: standort_store::Paged<orgs::Organisation>| p.items.len();
    assert_eq!(
        n(
            orgs::list_filtered(&mut c, &f(Some("86"), None), PageRequest::default())
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        n(
            orgs::list_filtered(&mut c, &f(Some("46"), None), PageRequest::default())
                .await
                .unwrap()
        ),
        0
    );
    assert_eq!(
        n(
            orgs::list_filtered(&mut c, &f(None, Some("greentech")), PageRequest::default())
                .await
                .unwrap()
        ),
        1
    );
});

both_backends!(
    contacts_approaches_obligations_and_figures,
    |db: Db| async move {
        let agency = org(&db, "Agentur").await;
        let company = org(&db, "Firma").await;
        let staff = user(&db, agency, "staff@example.org", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        let contact = net::insert_contact(
            &mut c,
            &ContactData {
                family_name: "Nguyễn".into(),
                given_names: "Văn An".into(),
                email: None,
                phone: None,
                languages: vec!["vi".into(), "de".into()],
                legal_basis: LegalBasis::Consent,
            },
            staff,
            10,
        )
        .await
        .unwrap();
        net::add_affiliation(&mut c, contact.id, company, "CEO", None, None)
            .await
            .unwrap();
        net::record_consent(&mut c, contact.id, "newsletter", true, Some(staff), 11)
            .await
            .unwrap();
        let got = net::get_contact(&mut c, contact.id).await.unwrap();
        assert_eq!(got.data.languages, ["vi", "de"]);
        assert_eq!(
            net::list_contacts(&mut c, Some(company), PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            net::list_contacts(&mut c, Some(agency), PageRequest::default())
                .await
                .unwrap()
                .total,
            0
        );
        // Erasure cascades.
        net::erase_contact(&mut c, contact.id).await.unwrap();
        assert!(
            net::affiliations(&mut c, contact.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(net::consents(&mut c, contact.id).await.unwrap().is_empty());
        assert!(net::erase_contact(&mut c, contact.id).await.is_err());

        let day = 86_400;
        for (d, channel) in [
            (100, Channel::Visit),
            (150, Channel::Call),
            (400, Channel::Visit),
        ] {
            net::insert_approach(
                &mut c,
                &ApproachData {
                    org_id: company,
                    channel,
                    on_day: d * day,
                    by_user: Some(staff),
                    by_org_id: agency,
                    topic: "Thema".into(),
                    outcome: String::new(),
                    next_step: String::new(),
                    next_due: None,
                },
                1,
            )
            .await
            .unwrap();
        }
        let recent = net::list_approaches(
            &mut c,
            &ApproachFilter {
                org: Some(company),
                since: Some(120 * day),
                before: Some(401 * day),
                ..ApproachFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(recent.total, 2);
        assert_eq!(recent.items[0].data.on_day, 400 * day, "newest first");
        assert_eq!(recent.items[0].org_name, "Firma");

        let figures = net::year_figures(&mut c, 0, 365 * day).await.unwrap();
        assert_eq!(figures.approaches, 2);
        assert_eq!(
            figures.approaches_by_channel,
            [("call".to_owned(), 1), ("visit".to_owned(), 1)]
        );
        assert_eq!(figures.jobs_won, 0);
    }
);

both_backends!(
    a_partners_scope_in_sql_is_the_domain_rule_and_its_changes_are_kept,
    |db: Db| async move {
        use standort_domain::network::{Cluster, PartnerScope};
        let partner = org(&db, "Kammer").await;
        let staff = user(&db, partner, "s@example.org", Role::AgencyStaff).await;
        // Companies with every kind of facts: cluster only, sector only, both, neither, and a
        // sector whose section letter differs from its neighbour's (C 33 vs D 35).
        let facts: &[(&str, Option<&str>, &[&str])] = &[
            ("Solar", Some("27.11"), &["greentech"]),
            ("Software", Some("62.01"), &["digital_economy"]),
            ("Klinik", Some("86.10"), &["biotech_health"]),
            ("Reparatur", Some("33.12"), &[]),
            (
                "Stadtwerke",
                Some("35.11.0"),
                &["greentech", "digital_economy"],
            ),
            ("Ohne", None, &[]),
        ];
        let mut ids = Vec::new();
        for (name, sector, clusters) in facts {
            let id = org(&db, name).await;
            let mut c = db.conn().await.unwrap();
            orgs::set_profile(
                &mut c,
                id,
                &OrgProfile {
                    sector: sector.map(str::to_owned),
                    clusters: clusters.iter().map(|c| (*c).to_owned()).collect(),
                    ..OrgProfile::default()
                },
            )
            .await
            .unwrap();
            ids.push(id);
        }
        let scopes = [
            PartnerScope::default(),
            PartnerScope {
                clusters: vec![Cluster::Greentech],
                ..PartnerScope::default()
            },
            PartnerScope {
                sections: vec!['C'],
                ..PartnerScope::default()
            },
            PartnerScope {
                clusters: vec![Cluster::BiotechHealth, Cluster::DigitalEconomy],
                sections: vec!['D', 'Q'],
                companies: vec![ids[5]],
            },
        ];
        let mut c = db.conn().await.unwrap();
        for scope in &scopes {
            for (id, (name, sector, clusters)) in ids.iter().zip(facts) {
                assert_eq!(
                    net::in_scope(&mut c, scope, *id).await.unwrap(),
                    scope.covers(*id, *sector, clusters.iter()),
                    "{name} in {scope:?}"
                );
            }
            let listed = net::companies_in_scope(&mut c, scope, None, PageRequest::default())
                .await
                .unwrap();
            assert_eq!(
                listed.total as usize,
                ids.iter()
                    .zip(facts)
                    .filter(|(id, (_, s, cl))| scope.covers(**id, *s, cl.iter()))
                    .count()
            );
        }
        // Stored: nothing until agreed; rules replaced, named companies added and removed.
        assert_eq!(
            net::partner_scope(&mut c, partner)
                .await
                .unwrap()
                .updated_at,
            None
        );
        net::put_partner_scope(
            &mut c,
            partner,
            &[Cluster::Greentech],
            &['C', 'J'],
            staff,
            10,
        )
        .await
        .unwrap();
        assert!(
            net::add_partner_company(&mut c, partner, ids[2])
                .await
                .unwrap()
        );
        assert!(
            !net::add_partner_company(&mut c, partner, ids[2])
                .await
                .unwrap()
        );
        let stored = net::partner_scope(&mut c, partner).await.unwrap();
        assert_eq!(
            stored.scope,
            PartnerScope {
                clusters: vec![Cluster::Greentech],
                sections: vec!['C', 'J'],
                companies: vec![ids[2]],
            }
        );
        assert_eq!(stored.updated_at, Some(10));
        net::put_partner_scope(&mut c, partner, &[], &['Q'], staff, 20)
            .await
            .unwrap();
        assert!(
            net::remove_partner_company(&mut c, partner, ids[2])
                .await
                .unwrap()
        );
        assert!(
            !net::remove_partner_company(&mut c, partner, ids[2])
                .await
                .unwrap()
        );
        let stored = net::partner_scope(&mut c, partner).await.unwrap();
        assert_eq!(stored.scope.sections, vec!['Q']);
        assert!(stored.scope.clusters.is_empty() && stored.scope.companies.is_empty());
        let partners = net::partner_organisations(&mut c).await.unwrap();
        assert_eq!(partners.len(), 1);
        assert!(partners[0].agreed);
        assert_eq!(partners[0].org_id, partner);
    }
);

/// The foreign keys to `organisations` in the live schema, as (table, column).
async fn org_foreign_keys(db: &Db) -> Vec<(String, String)> {
    use sqlx::Row;
    let mut c = db.conn().await.unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    match db.kind() {
        standort_store::DbKind::Sqlite => {
            let tables: Vec<String> = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(&mut *c)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get("name").unwrap())
            .collect();
            for t in tables {
                let rows = sqlx::query(&format!(
                    "SELECT \"table\" AS target, \"from\" AS col FROM pragma_foreign_key_list('{t}')"
                ))
                .fetch_all(&mut *c)
                .await
                .unwrap();
                for r in rows {
                    let target: String = r.try_get("target").unwrap();
                    if target == "organisations" {
                        out.push((t.clone(), r.try_get("col").unwrap()));
                    }
                }
            }
        }
        standort_store::DbKind::Postgres => {
            let rows = sqlx::query(
                "SELECT kcu.table_name::text AS t, kcu.column_name::text AS col \
                 FROM information_schema.table_constraints tc \
                 JOIN information_schema.key_column_usage kcu \
                   ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
                 JOIN information_schema.constraint_column_usage ccu \
                   ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
                 WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'organisations' \
                   AND tc.table_schema = current_schema()",
            )
            .fetch_all(&mut *c)
            .await
            .unwrap();
            for r in rows {
                out.push((r.try_get("t").unwrap(), r.try_get("col").unwrap()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

// A merge of organisations moves the references it knows and refuses those of other modules;
// a new table referring to organisations must be sorted into one of the two lists.
both_backends!(
    every_reference_to_an_organisation_is_moved_or_refused_by_a_merge,
    |db: Db| async move {
        let mut known: Vec<(String, String)> = net::ORG_REFERENCES_MOVED
            .iter()
            .chain(net::ORG_REFERENCES_ELSEWHERE)
            .map(|(t, c)| (t.to_string(), c.to_string()))
            .collect();
        known.sort();
        assert_eq!(org_foreign_keys(&db).await, known);
    }
);

both_backends!(
    a_merge_points_every_network_reference_at_the_kept_organisation,
    |db: Db| async move {
        let keep = org(&db, "Kept GmbH").await;
        let gone = org(&db, "Kept AG").await;
        let other = org(&db, "Other").await;
        let staff = user(&db, other, "s@example.org", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        orgs::add_name(&mut c, gone, "ケプト", "ja").await.unwrap();
        orgs::add_name(&mut c, keep, "ケプト", "ja").await.unwrap();
        orgs::link(&mut c, gone, other, LinkKind::PartnerOf, 1)
            .await
            .unwrap();
        orgs::link(&mut c, keep, other, LinkKind::PartnerOf, 1)
            .await
            .unwrap();
        orgs::link(&mut c, gone, keep, LinkKind::SubsidiaryOf, 1)
            .await
            .unwrap();
        let a = net::insert_approach(
            &mut c,
            &ApproachData {
                org_id: gone,
                channel: Channel::Visit,
                on_day: 0,
                by_user: Some(staff),
                by_org_id: other,
                topic: "t".into(),
                outcome: String::new(),
                next_step: String::new(),
                next_due: None,
            },
            1,
        )
        .await
        .unwrap();
        assert!(
            net::org_referenced_elsewhere(&mut c, gone)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            net::org_referenced_elsewhere(&mut c, other).await.unwrap(),
            Some("users")
        );
        let moved = net::merge_orgs(&mut c, keep, gone).await.unwrap();
        assert_eq!(moved["network_approaches"], (1, 0));
        // The same further name and the same link once; the link between the two dropped.
        assert_eq!(moved["organisation_names"], (1, 1), "{moved:?}");
        assert_eq!(moved["organisation_links"], (0, 2), "{moved:?}");
        assert_eq!(
            net::get_approach(&mut c, a.id).await.unwrap().data.org_id,
            keep
        );
        let names: Vec<String> = orgs::names(&mut c, keep)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.name)
            .collect();
        assert_eq!(names, ["ケプト", "Kept AG"]);
        assert!(matches!(
            orgs::get(&mut c, gone).await,
            Err(standort_store::StoreError::NotFound)
        ));
    }
);
