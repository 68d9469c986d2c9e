//! Only planners and administrators write.

use super::*;

both_backends!(
    only_planners_and_administrators_write,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(
            Some(&planner),
            &files(REGIONS, population(&[("14729", 2023, 0, "m", 5)])),
        )
        .await
        .unwrap();
        let id = app.demography_tree(&planner).await.unwrap()[0].region.id;
        let staff = actor(&db, Role::AgencyStaff).await;
        let employer = actor(&db, Role::Employer).await;
        assert_eq!(app.demography_tree(&staff).await.unwrap().len(), 3);
        let input = CapacityInput {
            facility: "creche".into(),
            year_from: 2024,
            places: 10,
            take_up_percent: None,
        };
        assert!(matches!(
            app.demography_set_capacity(&staff, id, &input).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            app.demography_tree(&employer).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            app.demography_import(Some(&employer), &files(REGIONS, Vec::new()))
                .await,
            Err(ImportError::App(AppError::NotFound))
        ));
        assert!(matches!(
            app.demography_project(Some(&staff), &service::Options::default(), None)
                .await,
            Err(AppError::NotFound)
        ));
        let c = app
            .demography_set_capacity(&planner, id, &input)
            .await
            .unwrap();
        assert_eq!(c.take_up, 0.55);
        assert!(matches!(
            app.demography_set_capacity(
                &planner,
                id,
                &CapacityInput {
                    facility: "hort".into(),
                    ..input.clone()
                }
            )
            .await,
            Err(AppError::Validation(_))
        ));
    }
);
