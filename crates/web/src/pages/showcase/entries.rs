//! Behind the login: a producer keeps their own entry (texts in German, English and
//! Vietnamese, contact, languages, opening hours, products) — each save a version that the
//! agency publishes or rejects, unless the producer is trusted —, and agency staff see every
//! entry, the drafts waiting, decide them, publish or withdraw entries and trust producers.
//! Every entry's page shows its history: who proposed each version, who decided, when.

use askama::Template;
use axum::Router;
use axum::extract::{RawForm, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::PageRequest;
use standort_app::showcase::{EntryContent, EntryView};
use standort_domain::ValidationError;
use standort_domain::showcase::{Months, QualityLabel, Unit, WEEKDAYS, format_time, parse_time};
use standort_store::showcase::{Hours, Producer, ProductData, Texts, Version, text_in};

use crate::AppState;
use crate::context::{PagePath, UserCtx};
use crate::pages::form::{fail, first, notice, pairs};
use crate::pages::{Layout, Pager, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/showcase", get(overview))
        .route("/showcase/entry", get(own_entry))
        .route("/showcase/entries/{id}", get(entry).post(propose))
        .route("/showcase/entries/{id}/state", post(set_state))
        .route("/showcase/versions/{id}/decide", post(decide))
}

const KNOWN: &[&str] = &[
    "showcase-saved-draft-ok",
    "showcase-published-ok",
    "showcase-rejected-ok",
    "showcase-state-ok",
];

#[derive(Template)]
#[template(path = "showcase_overview.html")]
struct OverviewPage<'a> {
    page: &'a Layout,
    pending: Vec<(Version, Producer)>,
    entries: Vec<Producer>,
    pager: Pager,
}

async fn overview(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let offset = first(&p, "offset").and_then(|o| o.parse().ok());
    let (pending, entries) = match (
        state
            .app
            .pending_showcase_versions(&actor, PageRequest::new(Some(50), None))
            .await,
        state
            .app
            .all_showcase_entries(&actor, PageRequest::new(Some(50), offset))
            .await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(e, &ctx),
    };
    let layout = Layout::new(&ctx, "showcase-admin-title").with_notice(notice(
        &ctx.tr,
        first(&p, "done").as_deref(),
        KNOWN,
    ));
    render(&OverviewPage {
        pager: Pager::new(&ctx.tr, &entries, "/showcase"),
        page: &layout,
        pending: pending.items,
        entries: entries.items,
    })
}

async fn own_entry(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    match state.app.own_showcase_entry(&actor).await {
        Ok(v) => Redirect::to(&format!("/showcase/entries/{}", v.producer.id)).into_response(),
        Err(e) => fail(e, &ctx),
    }
}

/// One product row of the form.
struct ProductRow {
    i: usize,
    slug: String,
    de: String,
    en: String,
    vi: String,
    desc_de: String,
    unit: String,
    months: String,
    min: String,
    max: String,
}

#[derive(Template)]
#[template(path = "showcase_entry.html")]
struct EntryPage<'a> {
    page: &'a Layout,
    v: &'a EntryView,
    /// (code, language name, tagline, story) of the three languages.
    langs: Vec<(&'static str, &'static str, String, String)>,
    hours: Vec<(usize, String, String)>,
    products: Vec<ProductRow>,
    units: &'static [Unit],
    labels: &'static [QualityLabel],
    languages: String,
    review: bool,
    /// (version, summary lines)
    history: Vec<(&'a Version, Vec<String>)>,
}

fn eur(c: Option<i64>) -> String {
    c.map(|c| format!("{},{:02}", c / 100, c % 100))
        .unwrap_or_default()
}

fn months_text(m: Months) -> String {
    if m == Months::ALL_YEAR {
        String::new()
    } else {
        m.list()
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

async fn entry(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let v = match state.app.showcase_entry(&actor, id).await {
        Ok(v) => v,
        Err(e) => return fail(e, &ctx),
    };
    let mut layout = Layout::new(&ctx, "showcase-entry-title").with_notice(notice(
        &ctx.tr,
        first(&p, "done").as_deref(),
        KNOWN,
    ));
    layout.title = v.producer.name.clone();
    let c = &v.content;
    let mut products: Vec<ProductRow> = c
        .products
        .iter()
        .enumerate()
        .map(|(i, x)| ProductRow {
            i,
            slug: x.slug.clone(),
            de: x.name.get("de").cloned().unwrap_or_default(),
            en: x.name.get("en").cloned().unwrap_or_default(),
            vi: x.name.get("vi").cloned().unwrap_or_default(),
            desc_de: x.description.get("de").cloned().unwrap_or_default(),
            unit: x.unit.as_str().to_owned(),
            months: months_text(x.season),
            min: eur(x.price_min_cents),
            max: eur(x.price_max_cents),
        })
        .collect();
    products.push(ProductRow {
        i: products.len(),
        slug: String::new(),
        de: String::new(),
        en: String::new(),
        vi: String::new(),
        desc_de: String::new(),
        unit: Unit::Piece.as_str().to_owned(),
        months: String::new(),
        min: String::new(),
        max: String::new(),
    });
    let hours = (0..7)
        .map(|d| {
            (
                d,
                ctx.tr.t(format!("showcase-day-{}", WEEKDAYS[d])),
                c.hours
                    .iter()
                    .filter(|h| usize::from(h.weekday) == d)
                    .map(|h| format!("{}-{}", format_time(h.opens), format_time(h.closes)))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })
        .collect();
    let history = v
        .versions
        .iter()
        .map(|x| {
            let lines = serde_json::from_str::<EntryContent>(&x.content)
                .map(|c| {
                    let mut l = vec![text_in(&c.story, "de").chars().take(160).collect()];
                    l.push(
                        c.products
                            .iter()
                            .map(|p| text_in(&p.name, "de").to_owned())
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                    l
                })
                .unwrap_or_default();
            (x, lines)
        })
        .collect();
    render(&EntryPage {
        page: &layout,
        langs: [("de", "Deutsch"), ("en", "English"), ("vi", "Tiếng Việt")]
            .into_iter()
            .map(|(code, name)| {
                (
                    code,
                    name,
                    c.tagline.get(code).cloned().unwrap_or_default(),
                    c.story.get(code).cloned().unwrap_or_default(),
                )
            })
            .collect(),
        hours,
        products,
        units: Unit::ALL,
        labels: QualityLabel::ALL,
        languages: c.languages.join(", "),
        review: v.access == "review",
        history,
        v: &v,
    })
}

fn texts(p: &[(String, String)], prefix: &str) -> Texts {
    ["de", "en", "vi"]
        .iter()
        .filter_map(|l| first(p, &format!("{prefix}_{l}")).map(|t| ((*l).to_owned(), t)))
        .collect()
}

/// Euros as written in a form (`4,50`, `4.50`, `4`) → cents.
fn cents(field: &'static str, s: Option<String>) -> Result<Option<i64>, ValidationError> {
    let Some(s) = s else { return Ok(None) };
    let s = s.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return Err(ValidationError::new(field, "invalid-number"));
    }
    let w: i64 = whole
        .parse()
        .map_err(|_| ValidationError::new(field, "invalid-number"))?;
    let f: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    Ok(Some(w.saturating_mul(100).saturating_add(f)))
}

/// "5-9" or "5,6,7" or "11-2" → months; empty → all year.
fn months(s: Option<String>) -> Result<Months, ValidationError> {
    let Some(s) = s else {
        return Ok(Months::ALL_YEAR);
    };
    let mut out = Vec::new();
    for part in s.split([',', ' ', ';']).filter(|x| !x.trim().is_empty()) {
        let num = |x: &str| {
            x.trim()
                .parse::<u8>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| ValidationError::new("season", "invalid-months"))
        };
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (num(a)?, num(b)?);
                let mut m = a;
                loop {
                    out.push(m);
                    if m == b {
                        break;
                    }
                    m = m % 12 + 1;
                }
            }
            None => out.push(num(part)?),
        }
    }
    Ok(Months::of(&out))
}

/// What the form proposes.
fn content_of(p: &[(String, String)]) -> Result<EntryContent, ValidationError> {
    let mut hours = Vec::new();
    for d in 0..7u8 {
        for range in first(p, &format!("hours_{d}"))
            .unwrap_or_default()
            .split([',', ';'])
            .filter(|r| !r.trim().is_empty())
        {
            let (a, b) = range
                .split_once(['-', '–'])
                .ok_or_else(|| ValidationError::new("hours", "invalid-hours"))?;
            let (Some(opens), Some(closes)) = (parse_time(a), parse_time(b)) else {
                return Err(ValidationError::new("hours", "invalid-hours"));
            };
            hours.push(Hours {
                weekday: d,
                opens,
                closes,
            });
        }
    }
    let mut products = Vec::new();
    for i in 0..61 {
        let k = |f: &str| format!("p{i}_{f}");
        if first(p, &k("name_de")).is_none() && first(p, &k("name_en")).is_none() {
            if first(p, &k("unit")).is_none() {
                break;
            }
            continue;
        }
        if first(p, &k("remove")).is_some() {
            continue;
        }
        let unit = first(p, &k("unit"))
            .and_then(|u| Unit::parse(&u))
            .ok_or_else(|| ValidationError::new("unit", "required"))?;
        products.push(ProductData {
            slug: first(p, &k("slug")).unwrap_or_default(),
            name: texts(p, &k("name")),
            description: texts(p, &k("desc")),
            unit,
            season: months(first(p, &k("months")))?,
            price_min_cents: cents("price", first(p, &k("min")))?,
            price_max_cents: cents("price", first(p, &k("max")))?,
            labels: Vec::new(),
        });
    }
    Ok(EntryContent {
        tagline: texts(p, "tagline"),
        story: texts(p, "story"),
        phone: first(p, "phone").unwrap_or_default(),
        email: first(p, "email").unwrap_or_default(),
        website: first(p, "website").unwrap_or_default(),
        languages: first(p, "languages")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        labels: p
            .iter()
            .filter(|(k, _)| k == "labels")
            .filter_map(|(_, v)| QualityLabel::parse(v))
            .collect(),
        own_shop: first(p, "own_shop").is_some(),
        hours,
        products,
    })
}

async fn propose(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawForm(body): RawForm,
) -> Response {
    let p = pairs(std::str::from_utf8(&body).ok());
    let content = match content_of(&p) {
        Ok(c) => c,
        Err(e) => return fail(e.into(), &ctx),
    };
    // Keep the product labels the form does not show.
    let content = match state.app.showcase_entry(&actor, id).await {
        Ok(v) => {
            let mut c = content;
            for x in &mut c.products {
                if let Some(old) = v.content.products.iter().find(|o| o.slug == x.slug) {
                    x.labels = old.labels.clone();
                }
            }
            c
        }
        Err(e) => return fail(e, &ctx),
    };
    match state
        .app
        .propose_showcase_version(&actor, id, content)
        .await
    {
        Ok((_, published)) => Redirect::to(&format!(
            "/showcase/entries/{id}?done={}",
            if published {
                "showcase-published-ok"
            } else {
                "showcase-saved-draft-ok"
            }
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

async fn decide(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawForm(body): RawForm,
) -> Response {
    let p = pairs(std::str::from_utf8(&body).ok());
    let publish = first(&p, "decision").as_deref() == Some("publish");
    let note = first(&p, "note").unwrap_or_default();
    match state
        .app
        .decide_showcase_version(&actor, id, publish, &note)
        .await
    {
        Ok(producer) => Redirect::to(&format!(
            "/showcase/entries/{producer}?done={}",
            if publish {
                "showcase-published-ok"
            } else {
                "showcase-rejected-ok"
            }
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

async fn set_state(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawForm(body): RawForm,
) -> Response {
    let p = pairs(std::str::from_utf8(&body).ok());
    let published = first(&p, "published").is_some();
    let trusted = first(&p, "trusted").is_some();
    match state
        .app
        .set_showcase_entry_state(&actor, id, published, trusted)
        .await
    {
        Ok(()) => {
            Redirect::to(&format!("/showcase/entries/{id}?done=showcase-state-ok")).into_response()
        }
        Err(e) => fail(e, &ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_prices_as_people_type_them() {
        assert_eq!(months(Some("5-7".into())).unwrap().list(), vec![5, 6, 7]);
        assert_eq!(
            months(Some("11-2".into())).unwrap().list(),
            vec![1, 2, 11, 12]
        );
        assert_eq!(months(Some("3, 9".into())).unwrap().list(), vec![3, 9]);
        assert_eq!(months(None).unwrap(), Months::ALL_YEAR);
        assert!(months(Some("13".into())).is_err());
        assert_eq!(cents("p", Some("4,50".into())).unwrap(), Some(450));
        assert_eq!(cents("p", Some("4.5".into())).unwrap(), Some(450));
        assert_eq!(cents("p", Some("12".into())).unwrap(), Some(1200));
        assert!(cents("p", Some("4,505".into())).is_err());
        assert!(cents("p", Some("-1".into())).is_err());
    }
}
