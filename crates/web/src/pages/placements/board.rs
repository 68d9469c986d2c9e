//! The programme board: the funnel as server-rendered SVG with a table, time in stage and
//! where each person stands.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use standort_app::placements::ProgrammeBoard;
use standort_placement::Track;
use standort_placement::board::Milestone;

use super::{fail, notice, pairs, stage_label, stage_tone};
use crate::AppState;
use crate::context::{Ctx, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/programmes/{id}", get(board))
}

#[derive(Template)]
#[template(path = "programme_board.html")]
struct BoardPage<'a> {
    page: &'a Layout,
    description: String,
    target: String,
    funnel_svg: String,
    funnel: Vec<(String, usize)>,
    track_names: Vec<String>,
    rows: Vec<BoardLine>,
    stats: Vec<(String, String, usize, String, String)>,
    overdue_total: usize,
    flagged_total: usize,
}

pub struct BoardLine {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub milestone: String,
    /// Each track's stage and its tone (`stage_tone`: `state-bad`, `state-good` or empty).
    pub stages: Vec<(String, &'static str)>,
    pub overdue: usize,
    pub flagged: bool,
}

/// The funnel as a horizontal bar chart (one bar per milestone), described for screen readers
/// by its title and the table next to it.
pub fn funnel_svg(tr: &Tr, funnel: &[(Milestone, usize)]) -> String {
    let total = funnel.first().map(|(_, n)| *n).unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (230.0, 420.0, 30.0);
    let height = row_h * funnel.len() as f64 + 10.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-labelledby=\"funnel-title\"><title id=\"funnel-title\">{title}</title>",
        w = label_w + bar_w + 60.0,
        title = escape(&tr.t("board-funnel-alt")),
    );
    for (i, (m, n)) in funnel.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let w = bar_w * *n as f64 / total as f64;
        s.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">{label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"#005a9c\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"14\" fill=\"#1a1a1a\">{n}</text>",
            lx = label_w - 8.0,
            ty = y + row_h * 0.62,
            label = escape(&tr.t(format!("milestone-{}", m.as_str()))),
            bx = label_w,
            h = row_h - 8.0,
            vx = label_w + w + 6.0,
        ));
    }
    s.push_str("</svg>");
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn board_page(ctx: &Ctx, b: &ProgrammeBoard, notice: Option<String>) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "programmes-title").with_notice(notice);
    layout.title = b.programme.data.name.clone();
    let days = |v: f64| format!("{v:.1}");
    render(&BoardPage {
        page: &layout,
        description: b.programme.data.description.clone(),
        target: tr.tnn(
            "board-size",
            &[
                ("placed", b.rows.len() as i64),
                ("target", b.programme.data.target_size),
            ],
        ),
        funnel_svg: funnel_svg(tr, &b.funnel),
        funnel: b
            .funnel
            .iter()
            .map(|(m, n)| (tr.t(format!("milestone-{}", m.as_str())), *n))
            .collect(),
        track_names: Track::ALL
            .iter()
            .map(|t| tr.t(format!("track-{}", t.as_str())))
            .collect(),
        rows: b
            .rows
            .iter()
            .map(|r| BoardLine {
                id: r.placement_id,
                name: r.name.clone(),
                position: r.position_title.clone(),
                milestone: tr.t(format!("milestone-{}", r.milestone.as_str())),
                stages: r
                    .stages
                    .iter()
                    .map(|(_, s, d)| (stage_label(tr, s, d), stage_tone(s, d)))
                    .collect(),
                overdue: r.overdue,
                flagged: r.costs_flagged,
            })
            .collect(),
        stats: b
            .stats
            .iter()
            .map(|s| {
                (
                    tr.t(format!("track-{}", s.track.as_str())),
                    tr.t(format!("event-{}", s.stage)),
                    s.n,
                    days(s.median_days),
                    days(s.mean_days),
                )
            })
            .collect(),
        overdue_total: b.overdue_total,
        flagged_total: b.flagged_total,
    })
}

pub async fn board(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    match state.app.programme_board(&actor, id).await {
        Ok(b) => board_page(&ctx, &b, notice(&ctx.tr, &p)),
        Err(e) => fail(e, &ctx),
    }
}
