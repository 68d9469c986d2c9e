//! The demo district projects and shows the crèche gap of a village; audit entries summarise
//! writes.

use super::*;

both_backends!(
    demo_district_projects_and_shows_the_creche_gap,
    |db: Db| async move {
        let app = app(&db);
        let started = std::time::Instant::now();
        standort_app::demography::demo::load_demography_demo(&app)
            .await
            .unwrap();
        eprintln!(
            "{:?}: demo loaded and projected in {:.1} s",
            db.kind(),
            started.elapsed().as_secs_f64()
        );
        let planner = actor(&db, Role::Planner).await;
        let tree = app.demography_tree(&planner).await.unwrap();
        assert_eq!(tree.len(), 13);
        assert!(tree.iter().all(|n| n.region.name.contains("synthetisch")));
        let village = tree
            .iter()
            .find(|n| n.region.name.starts_with("Nerchau"))
            .unwrap();
        assert_eq!(village.depth, 2);
        let view = app
            .demography_region(&planner, village.region.id, Some(2035))
            .await
            .unwrap();
        assert_eq!(view.method.as_deref(), Some("hamilton_perry"));
        let creche = view.gaps.iter().find(|g| g.facility == "creche").unwrap();
        let first = creche
            .first_shortfall()
            .expect("the demo shows a crèche gap");
        assert_eq!(first.year, 2024);
        assert!(first.gap_low80 <= first.gap && first.gap <= first.gap_high80);
        assert_eq!(view.pyramid_year.as_ref().unwrap().year, 2035);
        let run = view.run.as_ref().unwrap();
        assert_eq!((run.base_year, run.last_year), (2023, 2043));
        // Villages add up to no more than their municipality in every year.
        let grimma = tree.iter().find(|n| n.region.key == "14729160").unwrap();
        let town = app
            .demography_region(&planner, grimma.region.id, None)
            .await
            .unwrap();
        for year in 2024..=2043 {
            let mut villages = 0.0;
            for child in &town.children {
                let v = app
                    .demography_region(&planner, child.id, None)
                    .await
                    .unwrap();
                villages += v.value("total", "medium", year).unwrap().value;
            }
            let total = town.value("total", "medium", year).unwrap().value;
            assert!(villages < total, "{year}: {villages} vs {total}");
        }
        // Exports carry the same figures.
        let csv = app
            .demography_export_region(
                &planner,
                village.region.id,
                standort_app::demography::RegionTable::Gap,
                None,
                Format::Csv,
            )
            .await
            .unwrap();
        let text = String::from_utf8(csv.bytes).unwrap();
        assert!(text.starts_with("facility,year,places,demand,gap"));
        assert!(text.contains("creche,2024,30,"));
        // The run and the import are in the audit log, as summaries.
        let mut c = db.conn().await.unwrap();
        for entity in ["demography", "demography_run"] {
            let log = audit_of(&mut c, entity).await;
            assert_eq!(log.total, 1, "{entity}");
        }
    }
);
