//! Every import error names its line.

use standort_demography::Error;
use standort_demography::fso::{FsoParameters, read_population};
use standort_demography::history::History;

const HEADER: &str = "nat,sex,age,start_n,year,scen,spatial_unit,birthrate,int_mothers,mor,emi_int,emi_nat,acq,imm_int_n,imm_nat_n,emi_nat_n,mig_nat_n,fso_projection_n";

fn params(rows: &[&str]) -> String {
    let mut s = String::from(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s
}

fn full_params() -> String {
    let mut rows = Vec::new();
    for nat in ["ch", "int"] {
        for sex in ["m", "f"] {
            for age in 0..=100 {
                let br = if sex == "f" && (20..40).contains(&age) {
                    0.05
                } else {
                    0.0
                };
                let acq = if nat == "int" { 0.01 } else { 0.0 };
                rows.push(format!(
                    "{nat},{sex},{age},100,2025,reference,Aargau,{br},0.25,0.01,0.01,0.02,{acq},5,6,0,0,100"
                ));
            }
        }
    }
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    params(&refs)
}

fn read(s: &str) -> Error {
    FsoParameters::read(s.as_bytes(), "reference").unwrap_err()
}

#[test]
fn valid_minimal_parameters_parse() {
    let p = FsoParameters::read(full_params().as_bytes(), "reference").unwrap();
    assert_eq!(
        (p.first_year(), p.last_year(), p.spatial_unit()),
        (2025, 2025, "Aargau")
    );
}

#[test]
fn bad_number_has_line() {
    let s = full_params().replacen(",0.01,0.01,0.02,", ",zero,0.01,0.02,", 1);
    let e = read(&s);
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(e.to_string().contains("`mor`"), "{e}");
}

#[test]
fn probability_above_one_has_line() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[5] = lines[5].replacen(",0.01,0.01,0.02,", ",1.5,0.01,0.02,", 1);
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(6), "{e}");
    assert!(e.to_string().contains("probability"), "{e}");
}

#[test]
fn negative_count_has_line() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[10] = lines[10].replace(",5,6,0,0,100", ",-5,6,0,0,100");
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(11), "{e}");
    assert!(e.to_string().contains("negative"), "{e}");
}

#[test]
fn unknown_sex_nat_and_age_have_lines() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[3] = lines[3].replacen("ch,m,", "ch,x,", 1);
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(4), "{e}");

    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[3] = lines[3].replacen("ch,m,", "de,m,", 1);
    assert_eq!(read(&lines.join("\n")).line(), Some(4));

    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[3] = lines[3].replacen("ch,m,2,", "ch,m,101,", 1);
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(4), "{e}");
    assert!(e.to_string().contains("0..=100"), "{e}");
}

#[test]
fn duplicate_row_names_both_lines() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[2] = lines[1].clone();
    match read(&lines.join("\n")) {
        Error::Duplicate { line, first, .. } => assert_eq!((line, first), (3, 2)),
        e => panic!("{e}"),
    }
}

#[test]
fn wrong_field_count_has_line() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[7].push_str(",extra");
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(8), "{e}");
}

#[test]
fn missing_column_is_line_one() {
    let s = full_params().replacen("birthrate", "fertility", 1);
    let e = read(&s);
    assert!(
        matches!(e, Error::MissingColumn(ref c) if c == "birthrate"),
        "{e}"
    );
    assert_eq!(e.line(), Some(1));
}

#[test]
fn unknown_scenario_lists_available() {
    let e = FsoParameters::read(full_params().as_bytes(), "high").unwrap_err();
    assert!(e.to_string().contains("reference"), "{e}");
}

#[test]
fn missing_cell_is_reported() {
    let text = full_params();
    let lines: Vec<&str> = text.lines().collect();
    let s = [&lines[..50], &lines[51..]].concat().join("\n");
    let e = read(&s);
    assert!(matches!(e, Error::Incomplete(_)), "{e}");
    assert!(e.to_string().contains("age 49"), "{e}");
}

#[test]
fn births_for_men_rejected_with_line() {
    let mut lines: Vec<String> = full_params().lines().map(String::from).collect();
    lines[30] = lines[30].replacen(",Aargau,0,", ",Aargau,0.1,", 1);
    let e = read(&lines.join("\n"));
    assert_eq!(e.line(), Some(31), "{e}");
}

fn population_csv() -> String {
    let mut s = String::from("\"year\",\"spatial_unit\",\"nat\",\"sex\",\"age\",\"n\"");
    for nat in ["ch", "int"] {
        for sex in ["m", "f"] {
            for age in 0..=100 {
                s.push_str(&format!("\n2024,\"Aargau\",\"{nat}\",\"{sex}\",{age},10"));
            }
        }
    }
    s
}

#[test]
fn population_errors_have_lines() {
    assert_eq!(
        read_population(population_csv().as_bytes())
            .unwrap()
            .population
            .total(),
        4040.0
    );
    let mut lines: Vec<String> = population_csv().lines().map(String::from).collect();
    lines[9] = lines[9].replace(",10", ",ten");
    let e = read_population(lines.join("\n").as_bytes()).unwrap_err();
    assert_eq!(e.line(), Some(10), "{e}");

    let mut lines: Vec<String> = population_csv().lines().map(String::from).collect();
    lines[12] = lines[12].replacen("2024", "2023", 1);
    let e = read_population(lines.join("\n").as_bytes()).unwrap_err();
    assert_eq!(e.line(), Some(13), "{e}");

    let mut lines: Vec<String> = population_csv().lines().map(String::from).collect();
    lines[4] = lines[4].replace(",10", ",-1");
    let e = read_population(lines.join("\n").as_bytes()).unwrap_err();
    assert_eq!(e.line(), Some(5), "{e}");
}

#[test]
fn population_year_must_precede_parameters() {
    let pop = population_csv().replace("\n2024,", "\n2020,");
    let e = standort_demography::fso::project_csv(
        full_params().as_bytes(),
        pop.as_bytes(),
        "reference",
        Vec::new(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("2024"), "{e}");
}

#[test]
fn history_errors_have_lines() {
    let s = "year,spatial_unit,age,nat,sex,n_jan,births,imm_n,emi_n\n2022,1,0,ch,m,0,10,1,1\n2022,1,1,ch,m,5,3,1,1\n";
    let e = History::read(s.as_bytes()).unwrap_err();
    assert_eq!(e.line(), Some(3), "{e}");
    let s = "year,spatial_unit,age,nat,sex,n_jan,births,imm_n,emi_n\n2022,1,0,ch,m,0,10,x,1\n";
    assert_eq!(History::read(s.as_bytes()).unwrap_err().line(), Some(2));
}

/// The shared FSO reference file has CRLF line ends; a bad value on a known line is reported
/// on that line (the csv crate alone says one line less, rust-csv#395).
#[test]
fn crlf_reference_file_reports_the_right_line() {
    let text = std::fs::read_to_string(crate::data!("aargau-fso-2025-2055-reference.csv"))
        .expect("shared FSO reference file");
    assert!(text.contains("\r\n"), "the shared file is CRLF");
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    let mut fields: Vec<&str> = lines[1234].split(',').collect();
    fields[9] = "not-a-number"; // mor
    let bad = fields.join(",");
    lines[1234] = &bad;
    let e = FsoParameters::read(lines.join("\r\n").as_bytes(), "reference").unwrap_err();
    assert_eq!(e.line(), Some(1235), "{e}");
    assert!(e.to_string().contains("mor"), "{e}");
}
