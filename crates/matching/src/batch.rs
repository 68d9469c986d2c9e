//! JSON lines batch for `standort match occupations --batch FILE`.
//!
//! Input, one request per line (blank lines are skipped):
//! `{"id": "p-1", "skills": ["http://data.europa.eu/esco/skill/…", …]}` — `id` is any JSON
//! value and is echoed back unchanged.
//!
//! Output, one line per request, in input order:
//! `{"id": "p-1", "occupations": [{"uri": "http://data.europa.eu/esco/occupation/…", "score": 0.93}, …]}`
//! with at most `top_k` occupations, best first (equal scores by occupation id).
//!
//! Skill URIs may name skill groups (ESCO `SkillGroup`, including the ISCED-F field groups)
//! when the taxonomy holds them, as [`crate::from_esco`]'s does: they are broad evidence.
//!
//! A line that is not such an object, or that names a skill URI the taxonomy does not know
//! (unless `skip_unknown_skills`), stops the batch with [`MatchError::BadLine`] carrying its
//! 1-based line number; the lines before it have been written.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::MatchError;
use crate::occupations::{OccupationRanker, OccupationWeights};
use crate::taxonomy::Taxonomy;

/// Options of a batch run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchOptions {
    /// Occupations per output line.
    pub top_k: usize,
    pub weights: OccupationWeights,
    /// Ignore skill URIs the taxonomy does not know instead of failing the line.
    pub skip_unknown_skills: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        Self {
            top_k: 10,
            weights: OccupationWeights::default(),
            skip_unknown_skills: false,
        }
    }
}

/// What a batch run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Requests answered.
    pub requests: usize,
    /// Skill URIs ignored because unknown (only with `skip_unknown_skills`).
    pub unknown_skills: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    id: serde_json::Value,
    skills: Vec<String>,
}

#[derive(Serialize)]
struct Response<'a> {
    id: &'a serde_json::Value,
    occupations: Vec<Scored<'a>>,
}

#[derive(Serialize)]
struct Scored<'a> {
    uri: &'a str,
    score: f64,
}

/// Reads requests from `input` and writes one response line per request to `output`.
pub fn run(
    taxonomy: &Taxonomy,
    input: impl BufRead,
    mut output: impl Write,
    options: &BatchOptions,
) -> Result<BatchSummary, MatchError> {
    options.weights.validate()?;
    let mut ranker = OccupationRanker::new(taxonomy, options.weights);
    let mut summary = BatchSummary::default();
    let mut skills = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line_no = i + 1;
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: Request = serde_json::from_str(&line).map_err(|e| MatchError::BadLine {
            line: line_no,
            message: e.to_string(),
        })?;
        skills.clear();
        for uri in &request.skills {
            match taxonomy.skill_id(uri) {
                Some(id) => skills.push(id),
                None if options.skip_unknown_skills => summary.unknown_skills += 1,
                None => {
                    return Err(MatchError::BadLine {
                        line: line_no,
                        message: format!("unknown skill URI: {uri}"),
                    });
                }
            }
        }
        let ranked = ranker.rank(&skills, options.top_k);
        let response = Response {
            id: &request.id,
            occupations: ranked
                .iter()
                .map(|m| Scored {
                    uri: taxonomy.occupation_uri(m.occupation),
                    score: m.score,
                })
                .collect(),
        };
        serde_json::to_writer(&mut output, &response).map_err(std::io::Error::from)?;
        output.write_all(b"\n")?;
        summary.requests += 1;
    }
    output.flush()?;
    Ok(summary)
}
