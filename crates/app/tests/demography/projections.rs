//! Projection options and runs: chosen base years, progress stage by stage.

use super::*;

both_backends!(base_years_change_the_derived_rates, |db: Db| async move {
    let app = app(&db);
    let planner = actor(&db, Role::Planner).await;
    // Few deaths in 2022, many in 2023.
    app.demography_import(Some(&planner), &history(5, 100))
        .await
        .unwrap();
    let mut deaths = Vec::new();
    for years in [(2022, 2022), (2023, 2023)] {
        let run = app
            .demography_project(
                Some(&planner),
                &service::Options {
                    base_years: Some(years),
                    ..NO_TRAJECTORIES
                },
                None,
            )
            .await
            .unwrap();
        let used = standort_app::demography::RatesUsed::of(&run);
        assert_eq!(used.base_years, Some(years));
        assert!(used.chosen);
        assert_eq!(
            run.summary["base_years"]["flow_years"],
            serde_json::json!([years.0])
        );
        deaths.push(medium(&app, &planner, "14729", "deaths", 2024).await);
    }
    assert!(deaths[1] > 1.5 * deaths[0], "{deaths:?}");
    // All years pooled lie in between.
    app.demography_project(Some(&planner), &NO_TRAJECTORIES, None)
        .await
        .unwrap();
    let pooled = medium(&app, &planner, "14729", "deaths", 2024).await;
    assert!(
        deaths[0] < pooled && pooled < deaths[1],
        "{pooled} {deaths:?}"
    );
    // Base years without flows, or backwards, are refused.
    for years in [(2010, 2015), (2023, 2022)] {
        assert!(matches!(
            app.demography_project(
                Some(&planner),
                &service::Options {
                    base_years: Some(years),
                    ..NO_TRAJECTORIES
                },
                None,
            )
            .await,
            Err(AppError::Validation(_))
        ));
    }
});

both_backends!(
    a_run_reports_its_progress_stage_by_stage,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(Some(&planner), &history(5, 5))
            .await
            .unwrap();
        let steps = std::sync::Mutex::new(Vec::new());
        app.demography_project_with(
            Some(&planner),
            &service::Options {
                trajectories: 20,
                ..NO_TRAJECTORIES
            },
            None,
            &|s| steps.lock().unwrap().push(s),
        )
        .await
        .unwrap();
        let steps = steps.into_inner().unwrap();
        let mut stages: Vec<service::Stage> = steps.iter().map(|s| s.stage).collect();
        stages.dedup();
        use service::Stage::*;
        assert_eq!(
            stages,
            [Rates, Trajectories, Projection, Raking, Backtest, Storing]
        );
        for stage in [Rates, Trajectories, Projection, Raking, Storing] {
            let last = steps.iter().rev().find(|s| s.stage == stage).unwrap();
            assert_eq!(last.done, last.total, "{stage:?} ends complete");
            assert!(last.total > 0);
        }
        assert_eq!(
            steps
                .iter()
                .rev()
                .find(|s| s.stage == Raking)
                .unwrap()
                .total,
            5
        );
        assert_eq!(
            steps
                .iter()
                .rev()
                .find(|s| s.stage == Trajectories)
                .unwrap()
                .total,
            2
        );
    }
);
