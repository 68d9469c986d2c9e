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
