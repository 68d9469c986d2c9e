//! A role learns nothing about what it may not use: every page of the navigation that a role
//! does not see, and every API list it may not read, answers 404 — the answer for an id nobody
//! has — never 403 (which would tell that the thing exists and is only closed to it). 403 is
//! left for a record the role may see but not change, and for a form without its CSRF token.

use std::collections::BTreeSet;

use standort_app::demo::DEMO_LOGINS;
use standort_domain::Role;
use standort_web::module::nav_for;

use crate::helpers::TestApp;
use crate::on_both;

on_both!(
    every_role_gets_not_found_for_what_it_may_not_use,
    |app: TestApp| async move {
        // Every page any role's navigation leads to.
        let pages: BTreeSet<&str> = Role::ALL
            .iter()
            .flat_map(|r| nav_for(*r).map(|e| e.href))
            .collect();
        // Every API list (a GET without a path parameter) the document describes.
        let admin = app.token(DEMO_LOGINS[0].email).await;
        let doc = app.api_json(&admin, "/api/v1/openapi.json").await;
        let lists: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(path, ops)| !path.contains('{') && ops.get("get").is_some())
            .map(|(path, _)| path.clone())
            .collect();
        assert!(lists.len() > 20, "{lists:?}");
        let mut refused = 0;
        for login in DEMO_LOGINS {
            let visible: BTreeSet<&str> = nav_for(login.role).map(|e| e.href).collect();
            let c = app.login(login.email).await;
            for page in &pages {
                let status = c.get(app.url(page)).send().await.unwrap().status();
                if visible.contains(page) {
                    // Its own pages open, or lead it on (a buyer's procurement to its clinic).
                    assert!(
                        status == 200 || status == 303,
                        "{:?} GET {page}: {status}",
                        login.role
                    );
                } else {
                    // Not in its navigation; some such pages are still the role's to use (an
                    // administrator's ESCO search) or lead it to its own page (a candidate's
                    // profile, 303), the others are not found.
                    assert!(
                        status == 200 || status == 303 || status == 404,
                        "{:?} GET {page}: {status}",
                        login.role
                    );
                    refused += usize::from(status == 404);
                }
            }
            let token = app.token(login.email).await;
            for path in &lists {
                let status = app.api_get(&token, path).await.status();
                assert!(
                    status != 403 && !status.is_server_error(),
                    "{:?} GET {path}: {status}",
                    login.role
                );
            }
        }
        assert!(refused > 30, "the walk refused only {refused} pages");
    }
);
