//! A tiny hand-written ESCO pack in the official layout, for error and merge tests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const O_NURSE: &str = "http://data.europa.eu/esco/occupation/nurse";
pub const O_DRIVER: &str = "http://data.europa.eu/esco/occupation/driver";
pub const S_CARE: &str = "http://data.europa.eu/esco/skill/care";
pub const S_DRIVE: &str = "http://data.europa.eu/esco/skill/drive";
pub const S_MED: &str = "http://data.europa.eu/esco/skill/medicine";

pub fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            "occupations_en.csv",
            format!(
                "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n\
                 Occupation,{O_NURSE},2221,nurse responsible for general care,\"general nurse\nstaff nurse\",,released,,http://data.europa.eu/esco/regulated-professions/regulated,,,,\"Cares for the sick.\nMulti-line description.\",2221.1\n\
                 Occupation,{O_DRIVER},8331,bus driver,\"coach driver\",\"bus drievr\",released,,http://data.europa.eu/esco/regulated-professions/unregulated,,,,Drives buses.,8331.1\n"
            ),
        ),
        (
            "skills_en.csv",
            format!(
                "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\n\
                 KnowledgeSkillCompetence,{S_CARE},skill/competence,sector-specific,provide nursing care,\"nursing\ncare for patients\",,released,,,,,Care.\n\
                 KnowledgeSkillCompetence,{S_DRIVE},skill/competence,cross-sector,drive vehicles,,,released,,,,,Drive.\n\
                 KnowledgeSkillCompetence,{S_MED},knowledge,occupation-specific,medicine,,,released,,,,,Medicine.\n"
            ),
        ),
        (
            "skillGroups_en.csv",
            "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code\n\
             SkillGroup,http://data.europa.eu/esco/skill/g-skills,skills,,,released,,,,,S\n\
             SkillGroup,http://data.europa.eu/esco/skill/g-care,caring,,,released,,,,,S3\n"
                .to_string(),
        ),
        (
            "ISCOGroups_en.csv",
            "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description\n\
             ISCOGroup,http://data.europa.eu/esco/isco/C2221,2221,Nursing professionals,released,,,\n\
             ISCOGroup,http://data.europa.eu/esco/isco/C8331,8331,Bus drivers,released,,,\n"
                .to_string(),
        ),
        (
            "skillsHierarchy_en.csv",
            "Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Level 2 URI,Level 2 preferred term,Level 3 URI,Level 3 preferred term,Description,Scope note,Level 0 code,Level 1 code,Level 2 code,Level 3 code\n\
             http://data.europa.eu/esco/skill/g-skills,skills,,,,,,,,,S\n\
             http://data.europa.eu/esco/skill/g-skills,skills,http://data.europa.eu/esco/skill/g-care,caring,,,,,Caring.,,S,S3\n"
                .to_string(),
        ),
        (
            "occupationSkillRelations.csv",
            format!(
                "occupationUri,relationType,skillType,skillUri\n\
                 {O_NURSE},essential,skill/competence,{S_CARE}\n\
                 {O_NURSE},optional,knowledge,{S_MED}\n\
                 {O_DRIVER},essential,skill/competence,{S_DRIVE}\n"
            ),
        ),
        (
            "skillSkillRelations.csv",
            format!(
                "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\n\
                 {S_CARE},skill/competence,optional,knowledge,{S_MED}\n"
            ),
        ),
        (
            "broaderRelationsOccPillar.csv",
            format!(
                "conceptType,conceptUri,broaderType,broaderUri\n\
                 Occupation,{O_NURSE},ISCOGroup,http://data.europa.eu/esco/isco/C2221\n\
                 Occupation,{O_DRIVER},ISCOGroup,http://data.europa.eu/esco/isco/C8331\n"
            ),
        ),
        (
            "broaderRelationsSkillPillar.csv",
            format!(
                "conceptType,conceptUri,broaderType,broaderUri\n\
                 KnowledgeSkillCompetence,{S_CARE},SkillGroup,http://data.europa.eu/esco/skill/g-care\n\
                 KnowledgeSkillCompetence,{S_DRIVE},SkillGroup,http://data.europa.eu/esco/skill/g-skills\n\
                 KnowledgeSkillCompetence,{S_MED},KnowledgeSkillCompetence,{S_CARE}\n"
            ),
        ),
    ]
}

/// Writes the pack into `dir`, with `edit(name, content)` applied to each file (return `None`
/// to leave a file out).
pub fn write_pack(dir: &Path, edit: impl Fn(&str, String) -> Option<String>) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    for (name, content) in files() {
        if let Some(c) = edit(name, content) {
            fs::write(dir.join(name), c).unwrap();
        }
    }
    dir.to_path_buf()
}

/// The unchanged pack as a zip file at `path`.
pub fn write_zip(path: &Path) -> PathBuf {
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files() {
        z.start_file(name, opts).unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    path.to_path_buf()
}
