//! The demo employer's shortlist and introduction requests (issue 11 point 14), made through
//! the real use cases by the demo logins: the employer (Leipziger Verkehrsbetriebe, the demo
//! employer login's organisation) keeps two bus drivers on its list, has one open request and
//! one the agency accepted.

use standort_store::PageRequest;
use standort_store::users;

use super::{IntroductionAnswer, IntroductionInput, ShortlistInput};
use crate::{Actor, App, AppError};

async fn actor(app: &App, email: &str) -> Result<Actor, AppError> {
    let mut conn = app.db.conn().await?;
    let (user, _) = users::find_for_login(&mut conn, email)
        .await?
        .ok_or_else(|| AppError::Internal(format!("demo user {email} missing")))?;
    Ok(Actor {
        user,
        client_ip: None,
    })
}

/// Loads the demo's shortlist and requests; the recruitment demo must be loaded.
pub async fn load_introductions_demo(app: &App) -> Result<(), AppError> {
    let employer = actor(app, "employer@demo.standort.example").await?;
    let staff = actor(app, "staff@demo.standort.example").await?;
    let positions = app
        .list_positions(&employer, PageRequest::default())
        .await?
        .items;
    let position = |title: &str| {
        positions
            .iter()
            .find(|p| p.data.title.starts_with(title))
            .map(|p| p.id.to_string())
            .ok_or_else(|| AppError::Internal(format!("demo position {title} missing")))
    };
    let bus = position("Busfahrer")?;
    let tram = position("Straßenbahn")?;
    let tran = candidate(app, &employer, "Trần").await?;
    let hassan = candidate(app, &employer, "Al-Hassan").await?;
    let dang = candidate(app, &employer, "Đặng").await?;
    for c in [tran, hassan] {
        app.shortlist_add(
            &employer,
            c,
            &ShortlistInput {
                position_id: Some(bus.clone()),
            },
        )
        .await?;
    }
    app.request_introduction(
        &employer,
        tran,
        &IntroductionInput {
            position_id: Some(bus),
            message: Some(
                "Wir würden Herrn Trần gern zu einem Videogespräch einladen. Passt ein Termin \
                 in der nächsten Woche?"
                    .into(),
            ),
        },
    )
    .await?;
    let answered = app
        .request_introduction(
            &employer,
            dang,
            &IntroductionInput {
                position_id: Some(tram),
                message: Some("Erfahrung im Schienenverkehr wäre für uns sehr interessant.".into()),
            },
        )
        .await?;
    app.answer_introduction(
        &staff,
        answered.id,
        &IntroductionAnswer {
            decision: Some("accept".into()),
            answer: Some(
                "Gern. Herr Đặng ist einverstanden; Ihre Ansprechpartnerin bei uns ist Frau \
                 Hartmann, sie schlägt Ihnen bis Freitag zwei Gesprächstermine vor."
                    .into(),
            ),
        },
    )
    .await?;
    Ok(())
}

/// The demo candidate of that family name, as the employer finds it.
async fn candidate(app: &App, employer: &Actor, name: &str) -> Result<i64, AppError> {
    app.list_candidates(employer, Some(name), false, PageRequest::default())
        .await?
        .items
        .first()
        .map(|c| c.id)
        .ok_or_else(|| AppError::Internal(format!("demo candidate {name} missing")))
}
