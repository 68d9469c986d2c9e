//! Match breakdowns as translated lines and table rows, shared by the candidate, position and
//! interview pages.

use standort_app::recruitment::{CandidateMatch, Explained, PositionMatch};

use crate::i18n::Tr;

/// Translated lines of a match breakdown.
pub fn explain(tr: &Tr, ex: &Explained) -> Vec<String> {
    ex.lines
        .iter()
        .map(|l| {
            let reason = match &l.arg {
                Some((name, value)) => match value.parse::<i64>() {
                    Ok(n) => tr.tn(&l.reason_key, name, n),
                    Err(_) => tr.ts(&l.reason_key, name, value),
                },
                None => tr.t(&l.reason_key),
            };
            let label = tr.t(&l.label_key);
            match (l.passed, l.count) {
                (Some(passed), _) => {
                    let mark = tr.t(if passed {
                        "match-passed"
                    } else {
                        "match-failed"
                    });
                    format!("{label}: {mark} – {reason}")
                }
                (None, Some((matched, of))) => format!(
                    "{label}: {reason} ({}) – {}",
                    tr.ts2(
                        "match-count",
                        "matched",
                        &format!("{matched:.1}"),
                        "of",
                        &of.to_string()
                    ),
                    tr.tnn(
                        "match-value-weight",
                        &[
                            ("value", l.value_pct as i64),
                            ("weight", l.weight_pct as i64)
                        ]
                    )
                ),
                (None, None) => format!(
                    "{label}: {reason} – {}",
                    tr.tnn(
                        "match-value-weight",
                        &[
                            ("value", l.value_pct as i64),
                            ("weight", l.weight_pct as i64)
                        ]
                    )
                ),
            }
        })
        .collect()
}

/// A ranked result ready for a template.
pub struct Row {
    pub href: Option<String>,
    pub title: String,
    pub detail: String,
    pub score: String,
    pub eligible: bool,
    pub lines: Vec<String>,
    pub missing: Vec<String>,
    /// Essential skills met only partly, with the skill that earned the credit
    /// ("Altenpflege: ähnliche Kompetenz erfasst: Pflegedokumentation").
    pub partial: Vec<String>,
}

/// One line per partly met essential skill: the required skill, how it was met and by what.
fn partial_lines(tr: &Tr, explained: &Explained) -> Vec<String> {
    explained
        .partial
        .iter()
        .map(|(required, held, link)| {
            let how = tr.ts(
                &format!("match-link-{}", link.replace('_', "-")),
                "skill",
                &held.text(),
            );
            format!("{}: {how}", required.text())
        })
        .collect()
}

/// One ranked result: what it is and the breakdown of its score.
fn row(tr: &Tr, href: Option<String>, title: String, detail: String, ex: &Explained) -> Row {
    Row {
        href,
        title,
        detail,
        score: tr.tn("match-score", "score", ex.score_pct as i64),
        eligible: ex.eligible,
        lines: explain(tr, ex),
        // A label in another language than the reader's carries "(en)" (`SkillInfo::text`).
        missing: ex.missing.iter().map(|s| s.text()).collect(),
        partial: partial_lines(tr, ex),
    }
}

pub(super) fn candidate_rows(tr: &Tr, list: &[CandidateMatch], link: bool) -> Vec<Row> {
    list.iter()
        .map(|m| {
            row(
                tr,
                link.then(|| format!("/recruitment/candidates/{}", m.candidate_id)),
                m.name.clone(),
                format!("{}, {}", m.province, m.country),
                &m.explained,
            )
        })
        .collect()
}

pub(super) fn position_rows(tr: &Tr, list: &[PositionMatch], link: bool) -> Vec<Row> {
    list.iter()
        .map(|m| {
            row(
                tr,
                link.then(|| format!("/recruitment/positions/{}", m.position_id)),
                m.title.clone(),
                format!("{}, {}", m.organisation, m.place),
                &m.explained,
            )
        })
        .collect()
}
