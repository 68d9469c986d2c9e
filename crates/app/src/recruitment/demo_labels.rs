//! The demo's local labels: everyday German and Vietnamese names of the demo's four occupations
//! and their main skills, as staff would add them (the demo's ESCO subset is English only). The
//! first label of a concept in a language is its display name there.

use standort_store::esco::Concept::{self, Occupation, Skill};

const OCC: &str = "http://data.europa.eu/esco/occupation/";
const SKILL: &str = "http://data.europa.eu/esco/skill/";

/// (concept, URI suffix, German names, Vietnamese names).
const LABELS: &[(Concept, &str, &[&str], &[&str])] = &[
    // nurse responsible for general care
    (
        Occupation,
        "8d3e8aaa-791b-4c75-a465-f3f827028f50",
        &[
            "Pflegefachkraft",
            "Pflegefachfrau",
            "Pflegefachmann",
            "Krankenpfleger",
            "Krankenpflegerin",
            "Krankenschwester",
            "Gesundheits- und Krankenpfleger",
        ],
        &["Điều dưỡng viên", "Y tá", "Điều dưỡng đa khoa"],
    ),
    // healthcare assistant
    (
        Occupation,
        "d38c2107-98f2-47b7-8bb4-f69750d51082",
        &[
            "Pflegehelfer",
            "Pflegehelferin",
            "Pflegeassistenz",
            "Pflegehilfskraft",
        ],
        &["Hộ lý", "Trợ lý điều dưỡng"],
    ),
    // bus driver
    (
        Occupation,
        "00cee175-1376-43fb-9f02-ba3d7a910a58",
        &[
            "Busfahrer",
            "Busfahrerin",
            "Berufskraftfahrer Personenverkehr",
        ],
        &["Tài xế xe buýt", "Lái xe buýt"],
    ),
    // tram driver
    (
        Occupation,
        "03e02554-15d1-4697-960c-8909e7d36f7e",
        &["Straßenbahnfahrer", "Straßenbahnfahrerin", "Tramfahrer"],
        &["Lái tàu điện", "Tài xế tàu điện"],
    ),
    // The nurses' main skills.
    (
        Skill,
        "1023ac61-250f-4eef-b7a9-238cf071685f",
        &["Professionelle Pflege leisten"],
        &["Chăm sóc điều dưỡng chuyên nghiệp"],
    ),
    (
        Skill,
        "0450eaee-1a00-4622-8f4e-5356fce816d2",
        &["Hygiene im Gesundheitswesen"],
        &["Vệ sinh trong cơ sở y tế"],
    ),
    (
        Skill,
        "6acf652c-33b2-4e28-8f79-1e553f255229",
        &["Pflegeplanung"],
        &["Lập kế hoạch chăm sóc điều dưỡng"],
    ),
    (
        Skill,
        "a46743b7-ff8c-49b6-99f7-7fa5bc241771",
        &["Elektronische Pflegedokumentation"],
        &["Sử dụng hồ sơ sức khỏe điện tử"],
    ),
    (
        Skill,
        "2d6904db-9e16-42a5-bc12-c5acb8bfab18",
        &["Sicherer Umgang mit Arzneimitteln"],
        &["Quản lý thuốc an toàn"],
    ),
    (
        Skill,
        "6d13053b-ee35-492c-8976-8178420df398",
        &["Infektionsschutz"],
        &["Kiểm soát nhiễm khuẩn"],
    ),
    (
        Skill,
        "a28e8141-89ee-4b24-a3bb-1aebcc56c72d",
        &["Langzeitpflege", "Altenpflege"],
        &["Chăm sóc dài hạn"],
    ),
    (
        Skill,
        "7110bf9f-b245-4adc-9159-5081013fd64d",
        &["Kommunikation in der Pflege"],
        &["Giao tiếp trong chăm sóc y tế"],
    ),
    (
        Skill,
        "f7464f30-662b-4177-85a0-3df9693e9e58",
        &["Erste Hilfe"],
        &["Sơ cứu"],
    ),
    // The care assistants' main skills.
    (
        Skill,
        "24f980ba-b44f-4739-b563-205104c3190d",
        &["Grundpflege"],
        &["Hỗ trợ cơ bản cho bệnh nhân"],
    ),
    (
        Skill,
        "d3b74d50-7fc9-4051-9335-58d129a4a064",
        &["Vitalzeichen überwachen"],
        &["Theo dõi dấu hiệu sinh tồn"],
    ),
    (
        Skill,
        "62268d9a-42f9-4c65-9ed3-d7ba69249896",
        &["Pflegefachkräfte unterstützen"],
        &["Hỗ trợ điều dưỡng viên"],
    ),
    // The drivers' main skills.
    (
        Skill,
        "4f8f9d1e-6672-4e58-abb2-258e8b1c700f",
        &["Bus rangieren"],
        &["Điều khiển xe buýt"],
    ),
    (
        Skill,
        "2815f65d-6adb-46a6-8041-5768febf5580",
        &["Fahren im Stadtverkehr"],
        &["Lái xe trong đô thị"],
    ),
    (
        Skill,
        "fe490139-ccc4-4b82-ab55-5c6708cb0e30",
        &["Defensives Fahren"],
        &["Lái xe phòng vệ"],
    ),
    (
        Skill,
        "48f480aa-c9a8-4552-b1c5-e94330912257",
        &["Straßenverkehrsordnung"],
        &["Luật giao thông đường bộ"],
    ),
    (
        Skill,
        "84fc058f-3a38-4a87-86c1-ce906660af31",
        &["Fahrgäste informieren"],
        &["Cung cấp thông tin cho hành khách"],
    ),
    (
        Skill,
        "1d21f6ad-340f-45da-a0a3-4e83867f47a6",
        &["Erste Hilfe leisten"],
        &["Thực hiện sơ cứu"],
    ),
    (
        Skill,
        "e9b3f0a4-1f06-4229-9acc-7f44683e5995",
        &["Straßenbahn fahren"],
        &["Lái tàu điện"],
    ),
    (
        Skill,
        "973fdd7f-d2a0-4fa0-acb9-886ad30a900c",
        &["Straßenbahn bedienen"],
        &["Vận hành bảng điều khiển tàu điện"],
    ),
    (
        Skill,
        "04b9627c-80a2-4723-9f07-46e76e11d09a",
        &["Vorschriften für Straßenbahnen"],
        &["Quy định về tàu điện"],
    ),
];

/// The labels as `(concept, URI, lang, label)`, in the order they are added.
pub(super) fn demo_local_labels() -> Vec<(Concept, String, &'static str, &'static str)> {
    let mut out = Vec::new();
    for (concept, suffix, de, vi) in LABELS {
        let base = match concept {
            Occupation => OCC,
            Skill => SKILL,
        };
        let uri = format!("{base}{suffix}");
        for (lang, names) in [("de", de), ("vi", vi)] {
            for name in names.iter() {
                out.push((*concept, uri.clone(), lang, *name));
            }
        }
    }
    out
}
