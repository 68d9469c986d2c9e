//! The skilled-workers demo: the curated ESCO subset, positions, candidates and their languages.

use std::collections::HashMap;

use serde::Deserialize;
use standort_domain::OrgId;
use standort_domain::date::parse_date;
use standort_store::esco::Concept;
use standort_store::recruitment::{
    self as store, CandidateData, HeldSkill, PositionData, RequiredSkill, SpokenLanguage,
};
use standort_store::{PageRequest, orgs};

use crate::{App, AppError};

use super::EVIDENCE;

use super::candidates::fold_name;

/// The curated ESCO subset the demo loads (nurse, healthcare assistant, bus and tram driver
/// with their skills; ESCO v1.1.1, © European Union — attribution inside the file).
const DEMO_ESCO: &str = include_str!("../../demo/esco-subset.json");

#[derive(Deserialize)]
struct SubsetConcept {
    uri: String,
    #[serde(default)]
    isco: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    regulated: bool,
    #[serde(default, rename = "type")]
    skill_type: Option<String>,
    #[serde(default)]
    reuse: Option<String>,
    preferred: String,
    #[serde(default)]
    alternative: Vec<String>,
}

#[derive(Deserialize)]
struct Subset {
    version: String,
    languages: Vec<String>,
    occupations: Vec<SubsetConcept>,
    skills: Vec<SubsetConcept>,
    occupation_skills: Vec<(u32, u32, String)>,
    skill_broader: Vec<(u32, u32)>,
    skill_relations: Vec<(u32, u32, String)>,
}

fn relation_str(r: &str) -> &'static str {
    if r == "essential" {
        "essential"
    } else {
        "optional"
    }
}

/// The demo's ESCO subset as import rows.
pub fn demo_esco_data() -> standort_store::esco::EscoData {
    use standort_store::esco::{EscoData, LabelIn, OccupationIn, SkillIn};
    let s: Subset = serde_json::from_str(DEMO_ESCO).expect("the embedded ESCO subset parses");
    let mut labels = Vec::new();
    let mut push = |concept, i: usize, c: &SubsetConcept| {
        labels.push(LabelIn {
            concept,
            index: i as u32,
            lang: "en".into(),
            label_kind: "preferred",
            label: c.preferred.clone(),
        });
        for a in &c.alternative {
            labels.push(LabelIn {
                concept,
                index: i as u32,
                lang: "en".into(),
                label_kind: "alternative",
                label: a.clone(),
            });
        }
    };
    for (i, o) in s.occupations.iter().enumerate() {
        push(Concept::Occupation, i, o);
    }
    for (i, k) in s.skills.iter().enumerate() {
        push(Concept::Skill, i, k);
    }
    EscoData {
        source: s.version,
        languages: s.languages,
        occupations: s
            .occupations
            .iter()
            .map(|o| OccupationIn {
                uri: o.uri.clone(),
                isco_code: o.isco.clone(),
                code: o.code.clone(),
                regulated: o.regulated,
            })
            .collect(),
        skills: s
            .skills
            .iter()
            .map(|k| SkillIn {
                uri: k.uri.clone(),
                skill_type: k.skill_type.clone(),
                reuse_level: k.reuse.clone(),
            })
            .collect(),
        labels,
        occupation_skills: s
            .occupation_skills
            .iter()
            .map(|(o, k, r)| (*o, *k, relation_str(r)))
            .collect(),
        skill_broader: s.skill_broader,
        skill_relations: s
            .skill_relations
            .iter()
            .map(|(a, b, r)| (*a, *b, relation_str(r)))
            .collect(),
    }
}

const NURSE: &str = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50";
const CARE: &str = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082";
const BUS: &str = "http://data.europa.eu/esco/occupation/00cee175-1376-43fb-9f02-ba3d7a910a58";
const TRAM: &str = "http://data.europa.eu/esco/occupation/03e02554-15d1-4697-960c-8909e7d36f7e";

struct DemoCandidate {
    family: &'static str,
    given: &'static str,
    country: &'static str,
    province: &'static str,
    occupation: &'static str,
    /// Share of the occupation's essential skills held, in tenths.
    tenths: usize,
    german: Option<&'static str>,
    next: Option<&'static str>,
    licences: &'static [&'static str],
    recognition: &'static str,
    shared: bool,
    caseload: bool,
}

const DEMO_CANDIDATES: &[DemoCandidate] = &[
    DemoCandidate {
        family: "Nguyễn",
        given: "Thị Hương",
        country: "VN",
        province: "Nghệ An",
        occupation: NURSE,
        tenths: 9,
        german: Some("B1"),
        next: Some("2026-09-15"),
        licences: &[],
        recognition: "in_progress",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Trần",
        given: "Văn Đức",
        country: "VN",
        province: "Thanh Hóa",
        occupation: BUS,
        tenths: 8,
        german: Some("B1"),
        next: None,
        licences: &["D"],
        recognition: "not_needed",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Lê",
        given: "Thị Lan",
        country: "VN",
        province: "Hà Tĩnh",
        occupation: NURSE,
        tenths: 7,
        german: Some("B2"),
        next: None,
        licences: &[],
        recognition: "recognised",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Phạm",
        given: "Minh Tuấn",
        country: "VN",
        province: "Nam Định",
        occupation: BUS,
        tenths: 6,
        german: Some("A2"),
        next: Some("2026-12-01"),
        licences: &["D", "CE"],
        recognition: "not_needed",
        shared: false,
        caseload: false,
    },
    DemoCandidate {
        family: "Hoàng",
        given: "Thị Ngọc Anh",
        country: "VN",
        province: "Thái Bình",
        occupation: CARE,
        tenths: 8,
        german: Some("B1"),
        next: Some("2026-10-01"),
        licences: &[],
        recognition: "none",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Vũ",
        given: "Thị Thu",
        country: "VN",
        province: "Hải Dương",
        occupation: CARE,
        tenths: 6,
        german: Some("A2"),
        next: Some("2026-08-01"),
        licences: &[],
        recognition: "none",
        shared: false,
        caseload: false,
    },
    DemoCandidate {
        family: "Đặng",
        given: "Quốc Bảo",
        country: "VN",
        province: "Quảng Nam",
        occupation: TRAM,
        tenths: 7,
        german: Some("B1"),
        next: None,
        licences: &["B"],
        recognition: "not_needed",
        shared: true,
        caseload: false,
    },
    DemoCandidate {
        family: "Bùi",
        given: "Thị Hằng",
        country: "VN",
        province: "Huế",
        occupation: NURSE,
        tenths: 8,
        german: Some("A2"),
        next: Some("2027-01-15"),
        licences: &[],
        recognition: "partial",
        shared: true,
        caseload: false,
    },
    // The counsellor's caseload: people met in Leipzig integration courses.
    DemoCandidate {
        family: "Al-Hassan",
        given: "Omar",
        country: "SY",
        province: "Aleppo",
        occupation: BUS,
        tenths: 7,
        german: Some("B1"),
        next: None,
        licences: &["B", "D"],
        recognition: "not_needed",
        shared: true,
        caseload: true,
    },
    DemoCandidate {
        family: "Kovalenko",
        given: "Olena",
        country: "UA",
        province: "Charkiw",
        occupation: NURSE,
        tenths: 9,
        german: Some("B1"),
        next: Some("2026-11-01"),
        licences: &["B"],
        recognition: "in_progress",
        shared: false,
        caseload: true,
    },
    DemoCandidate {
        family: "Rahimi",
        given: "Mariam",
        country: "AF",
        province: "Herat",
        occupation: CARE,
        tenths: 5,
        german: Some("A2"),
        next: Some("2026-09-01"),
        licences: &[],
        recognition: "none",
        shared: false,
        caseload: true,
    },
];

struct DemoPosition {
    org: &'static str,
    title: &'static str,
    kind: &'static str,
    occupation: &'static str,
    german: &'static str,
    partnership: bool,
    licences: &'static [&'static str],
    place: &'static str,
    places: i64,
    start: &'static str,
}

const DEMO_POSITIONS: &[DemoPosition] = &[
    DemoPosition {
        org: "Universitätsklinikum Leipzig (Demo)",
        title: "Pflegefachkraft (m/w/d) Innere Medizin",
        kind: "skilled_job",
        occupation: NURSE,
        german: "B2",
        partnership: true,
        licences: &[],
        place: "Leipzig",
        places: 12,
        start: "2026-10-01",
    },
    DemoPosition {
        org: "Städtisches Klinikum St. Georg (Demo)",
        title: "Pflegefachkraft (m/w/d) Geriatrie",
        kind: "skilled_job",
        occupation: NURSE,
        german: "B2",
        partnership: true,
        licences: &[],
        place: "Leipzig",
        places: 6,
        start: "2027-01-01",
    },
    DemoPosition {
        org: "Klinikum Borna (Demo)",
        title: "Ausbildung Pflegefachfrau/Pflegefachmann",
        kind: "apprenticeship",
        occupation: CARE,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Borna",
        places: 10,
        start: "2026-09-01",
    },
    DemoPosition {
        org: "Universitätsklinikum Leipzig (Demo)",
        title: "Ausbildung Pflegefachassistenz",
        kind: "apprenticeship",
        occupation: CARE,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Leipzig",
        places: 8,
        start: "2026-10-01",
    },
    DemoPosition {
        org: "Leipziger Verkehrsbetriebe (Demo)",
        title: "Busfahrer/in im Linienverkehr",
        kind: "skilled_job",
        occupation: BUS,
        german: "B1",
        partnership: false,
        licences: &["D"],
        place: "Leipzig",
        places: 15,
        start: "2026-11-01",
    },
    DemoPosition {
        org: "Leipziger Verkehrsbetriebe (Demo)",
        title: "Straßenbahnfahrer/in",
        kind: "skilled_job",
        occupation: TRAM,
        german: "B1",
        partnership: false,
        licences: &[],
        place: "Leipzig",
        places: 6,
        start: "2027-02-01",
    },
];

/// The demo candidates' other languages (by their index in [`DEMO_CANDIDATES`]): the mother
/// tongue, English for several, Japanese for one; (code, level, certificate, exam date).
fn demo_languages(n: usize, country: &str) -> Vec<SpokenLanguage> {
    let native = match country {
        "SY" => "ar",
        "UA" => "uk",
        "AF" => "fa",
        _ => "vi",
    };
    let mut list = vec![(native, "native", None, None)];
    list.extend(match n {
        0 => vec![("en", "B2", Some("IELTS"), Some("2025-11-08"))],
        1 => vec![("en", "A2", None, None)],
        2 => vec![("en", "B1", Some("IELTS"), Some("2025-06-14"))],
        4 => vec![("en", "B1", None, None)],
        5 => vec![
            ("ja", "A2", Some("JLPT N4"), Some("2025-12-07")),
            ("en", "A2", None, None),
        ],
        7 => vec![("en", "B2", Some("TOEIC"), Some("2026-01-17"))],
        8 => vec![("en", "B1", None, None)],
        9 => vec![
            ("ru", "C1", None, None),
            ("en", "B2", Some("Cambridge B2 First"), Some("2024-06-01")),
        ],
        10 => vec![("ps", "B1", None, None), ("en", "A2", None, None)],
        _ => Vec::new(),
    });
    list.into_iter()
        .map(|(language, level, certificate, exam)| SpokenLanguage {
            language: language.into(),
            level: level.into(),
            certificate: certificate.map(str::to_owned),
            exam_date: exam.map(demo_date),
            next_expected: (n == 2 && language == "en").then(|| demo_date("2026-12-01")),
        })
        .collect()
}

fn demo_date(s: &str) -> i64 {
    parse_date("date", &Some(s.to_owned()))
        .ok()
        .flatten()
        .expect("demo date")
}

/// Loads the skilled-workers demo: the ESCO subset, the clinics' and the transport company's
/// positions, Vietnamese candidates in several stages and a counsellor's caseload. Called by
/// [`App::load_demo`] after the organisations and logins exist.
pub async fn load_recruitment_demo(app: &App) -> Result<(), AppError> {
    let data = demo_esco_data();
    let now = app.now();
    let mut tx = app.db.begin_write().await?;
    standort_store::esco::import(&mut tx, &data, now, &mut |_| {}).await?;
    // Everyday German and Vietnamese names, as staff add them (the subset is English only).
    let labels = super::demo_labels::demo_local_labels();
    let labels: Vec<_> = labels
        .iter()
        .map(|(c, uri, lang, label)| (*c, uri.as_str(), *lang, *label))
        .collect();
    crate::esco::local_labels::add_unattributed(&mut tx, &labels, now).await?;
    tx.commit().await?;
    let view = app.esco().await?;
    let mut tx = app.db.begin_write().await?;
    let mut occupation_ids = HashMap::new();
    for uri in [NURSE, CARE, BUS, TRAM] {
        let id = standort_store::esco::occupation_id(&mut tx, uri)
            .await?
            .ok_or_else(|| AppError::Internal(format!("demo occupation {uri} missing")))?;
        occupation_ids.insert(uri, id);
    }
    let orgs_by_name: HashMap<String, OrgId> =
        orgs::list(&mut tx, None, PageRequest::new(Some(200), None))
            .await?
            .items
            .into_iter()
            .map(|o| (o.name, o.id))
            .collect();
    let mut user_ids = HashMap::new();
    for email in [
        "counsellor@demo.standort.example",
        "candidate@demo.standort.example",
        "staff@demo.standort.example",
    ] {
        if let Some((u, _)) = standort_store::users::find_for_login(&mut tx, email).await? {
            user_ids.insert(email, u);
        }
    }
    let agency = user_ids
        .get("staff@demo.standort.example")
        .map(|u| u.org_id)
        .ok_or_else(|| AppError::Internal("demo staff login missing".into()))?;
    for p in DEMO_POSITIONS {
        let org_id = *orgs_by_name
            .get(p.org)
            .ok_or_else(|| AppError::Internal(format!("demo organisation {} missing", p.org)))?;
        let occupation = occupation_ids[p.occupation];
        let info = view.occupation(occupation, "en");
        let record = store::insert_position(
            &mut tx,
            &PositionData {
                org_id,
                title: p.title.into(),
                kind: p.kind.into(),
                occupation_id: Some(occupation),
                german_level: Some(p.german.into()),
                recognition_required: info.is_some_and(|o| o.regulated) && p.kind == "skilled_job",
                recognition_partnership: p.partnership,
                licences: p.licences.iter().map(|l| l.to_string()).collect(),
                place: p.place.into(),
                places: p.places,
                start_date: demo_date(p.start),
                is_open: true,
            },
            now,
        )
        .await?;
        let (ess, opt) = view.occupation_skills(occupation);
        let skills: Vec<RequiredSkill> = ess
            .into_iter()
            .map(|s| RequiredSkill {
                skill_id: s,
                relation: "essential".into(),
            })
            .chain(opt.into_iter().map(|s| RequiredSkill {
                skill_id: s,
                relation: "optional".into(),
            }))
            .collect();
        store::set_position_skills(&mut tx, record.id, &skills).await?;
    }
    for (n, c) in DEMO_CANDIDATES.iter().enumerate() {
        let data = CandidateData {
            org_id: agency,
            user_id: (n == 0)
                .then(|| {
                    user_ids
                        .get("candidate@demo.standort.example")
                        .map(|u| u.id)
                })
                .flatten(),
            counsellor_id: if c.caseload {
                user_ids
                    .get("counsellor@demo.standort.example")
                    .map(|u| u.id)
            } else {
                None
            },
            family_name: c.family.into(),
            given_names: c.given.into(),
            country: c.country.into(),
            province: c.province.into(),
            email: Some(format!("kandidat{}@demo.standort.example", n + 1)),
            phone: None,
            german_level: c.german.map(str::to_owned),
            german_certificate: c.german.map(|_| {
                if n % 2 == 0 {
                    "Goethe".into()
                } else {
                    "telc".into()
                }
            }),
            german_exam_date: c.german.map(|_| demo_date("2026-03-20")),
            german_next_expected: c.next.map(demo_date),
            licences: c.licences.iter().map(|l| l.to_string()).collect(),
            wished_regions: vec!["Leipzig".into(), "Borna".into()],
            available_from: Some(demo_date("2026-08-01")),
            consent_share_employers: c.shared,
            consent_talent_pool: c.shared,
        };
        let record = store::insert_candidate(&mut tx, &data, &fold_name(&data), now).await?;
        let occupation = occupation_ids[c.occupation];
        let (ess, opt) = view.occupation_skills(occupation);
        // Deterministic: every skill whose position passes the share, plus a few optional ones.
        let held: Vec<HeldSkill> = ess
            .iter()
            .enumerate()
            .filter(|(i, _)| (i * 7 + n) % 10 < c.tenths)
            .map(|(i, s)| (i, *s))
            .chain(opt.iter().take(3).map(|s| (0, *s)))
            .map(|(i, s)| HeldSkill {
                skill_id: s,
                evidence: EVIDENCE[(i + n) % 3].into(),
            })
            .collect();
        store::set_candidate_skills(&mut tx, record.id, &held).await?;
        for (position, l) in (0_i64..).zip(demo_languages(n, c.country)) {
            store::insert_candidate_language(&mut tx, record.id, &l, position).await?;
        }
        store::set_candidate_occupations(&mut tx, record.id, "worked", &[occupation]).await?;
        store::add_qualification(
            &mut tx,
            record.id,
            view.occupation(occupation, "en")
                .map(|o| o.label)
                .unwrap_or_default()
                .as_str(),
            c.country,
            Some(occupation),
            c.recognition,
        )
        .await?;
    }
    store::bump_revision(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recruitment::{LANGUAGES, LanguageInput};

    #[test]
    fn every_demo_language_passes_the_rules() {
        for (n, c) in DEMO_CANDIDATES.iter().enumerate() {
            let list = demo_languages(n, c.country);
            assert_eq!(list[0].level, "native", "candidate {n}");
            for l in &list {
                assert_eq!(&LanguageInput::from(l).parse().unwrap(), l);
            }
        }
        assert!(!LANGUAGES.contains(&"de"));
        let mut sorted = LANGUAGES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, LANGUAGES, "sorted, each once");
    }
}
