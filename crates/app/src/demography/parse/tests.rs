use std::collections::BTreeSet;

use super::*;

fn sheet(text: &str) -> Sheet {
    read_sheet("population", text.as_bytes()).unwrap()
}

#[test]
fn semicolons_bom_and_line_numbers() {
    let s = sheet(
        "\u{feff}Region_Key;Year;Age;Sex;Population\n14729;2023;0;w;12\n\n14729;2023;100+;m;3\n",
    );
    let mut issues = Issues::default();
    let recs = population(&s, &mut issues);
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(recs.len(), 2);
    assert_eq!((recs[1].line, recs[1].age, recs[1].sex), (4, 100, "m"));
    assert_eq!(recs[0].sex, "f");
}

#[test]
fn crlf_files_report_the_same_lines() {
    let lf = "region_key,year,age,sex,population\n14729,2023,0,m,1\n\n\"14729\",2023,1,m,-1\n14729,2023,2,m,1\n14729,2023,3,q,1\n";
    for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
        let mut issues = Issues::default();
        population(&sheet(&text), &mut issues);
        let lines: Vec<usize> = issues.list.iter().map(|i| i.line).collect();
        assert_eq!(lines, vec![4, 6], "{text:?}: {issues:?}");
    }
}

#[test]
fn every_bad_value_is_reported_with_its_line() {
    let s = sheet(
        "region_key,year,age,sex,population\n\
         14729,2023,0,m,-1\n\
         14729,2023,0,f,1\n\
         14729,2023,0,f,2\n\
         14729,20x3,0,m,1\n\
         14729,2023,101,m,1\n\
         14729,2023,1,x,1\n",
    );
    let mut issues = Issues::default();
    population(&s, &mut issues);
    let lines: Vec<usize> = issues.list.iter().map(|i| i.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7]);
    assert!(issues.list[0].message.contains("negative"));
    assert!(issues.list[1].message.contains("duplicate"));
}

#[test]
fn children_may_not_exceed_their_parent() {
    let known: KnownRegions = [
        ("1".to_string(), ("kreis".to_string(), None)),
        (
            "11".to_string(),
            ("gemeinde".to_string(), Some("1".to_string())),
        ),
        (
            "12".to_string(),
            ("gemeinde".to_string(), Some("1".to_string())),
        ),
    ]
    .into();
    let s = sheet(
        "region_key,year,age,sex,population\n1,2023,5,m,10\n11,2023,5,m,6\n12,2023,5,m,6\n99,2023,5,m,1\n",
    );
    let mut issues = Issues::default();
    let recs = population(&s, &mut issues);
    check(&[], &recs, &[], &known, &StoredSums::new(), &mut issues);
    assert_eq!(issues.list.len(), 2, "{issues:?}");
    assert_eq!(issues.list[0].line, 5);
    assert!(issues.list[0].message.contains("unknown region 99"));
    assert_eq!(issues.list[1].line, 2);
    assert!(issues.list[1].message.contains("add up to 12"));
}

#[test]
fn nationality_classes() {
    for n in NATIONALS {
        assert_eq!(nat_group(n), Some(0), "{n}");
    }
    assert_eq!(nat_group(" DEU "), Some(0));
    assert_eq!(nat_group("Inländisch"), Some(0));
    for n in ["tr", "pl", "ausländisch", "int", "foreign", "ch"] {
        assert_eq!(nat_group(n), Some(1), "{n}");
    }
    assert_eq!(nat_group(""), None);
    assert_eq!(nat_group("  "), None);
}

#[test]
fn flows_take_nationality_and_naturalisations() {
    let s = read_sheet(
        "flows",
        "region_key,year,kind,age,sex,Staatsangehörigkeit,count\n\
         1,2023,births,30,m,deutsch,4\n\
         1,2023,births,30,m,tr,2\n\
         1,2023,Einbürgerung,35,f,,3\n\
         1,2023,einbuergerung,36,f,sy,1\n\
         1,2023,deaths,80,f,,5\n"
            .as_bytes(),
    )
    .unwrap();
    let mut issues = Issues::default();
    let recs = flows(&s, &mut issues);
    assert!(issues.is_empty(), "{issues:?}");
    let kinds: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| (r.kind, r.nationality.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("births", "deutsch"),
            ("births", "tr"),
            ("acquisition", ""),
            ("acquisition", "sy"),
            ("deaths", "")
        ]
    );
    // Without the column everything stays as before.
    let s = read_sheet(
        "flows",
        b"region_key,year,kind,age,sex,count\n1,2023,deaths,80,f,5\n",
    )
    .unwrap();
    let recs = flows(&s, &mut issues);
    assert!(issues.is_empty() && recs[0].nationality.is_empty());
}

#[test]
fn flow_errors_with_nationality_name_their_lines() {
    let s = read_sheet(
        "flows",
        "region_key,year,kind,age,sex,nationality,count\n\
         1,2023,deaths,80,f,de,5\n\
         1,2023,deaths,80,f,tr,1\n\
         1,2023,deaths,80,f,tr,2\n\
         1,2023,deaths,81,f,,2\n\
         1,2023,acquisition,30,m,deutsch,1\n\
         1,2023,naturalisation,30,m,,1\n\
         1,2023,emigration,30,m,,1\n"
            .as_bytes(),
    )
    .unwrap();
    let mut issues = Issues::default();
    let recs = flows(&s, &mut issues);
    let got: Vec<(usize, &str)> = issues
        .list
        .iter()
        .map(|i| (i.line, i.message.as_str()))
        .collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(got[0].0, 4);
    assert!(
        got[0]
            .1
            .contains("duplicate cell 1 2023 deaths age 80 f tr (first on line 3)")
    );
    assert_eq!(got[1].0, 6);
    assert!(got[1].1.contains("national one"), "{}", got[1].1);
    assert_eq!(got[2].0, 7);
    assert!(got[2].1.contains("or acquisition"));
    assert_eq!(got[3].0, 5);
    assert!(
        got[3]
            .1
            .contains("mixes rows with a nationality (line 2) and rows without (line 5)")
    );
    // Different nationalities of one cell are not duplicates; an emigration block without
    // any nationality is fine.
    assert_eq!(recs.len(), 4);
}

#[test]
fn assumption_sets_take_acquisition_and_nationality_where_the_population_has_it() {
    let known: BTreeSet<String> = ["1".to_string(), "2".to_string()].into();
    let split: BTreeSet<String> = ["1".to_string()].into();
    let s = read_sheet(
        "assumptions",
        "region_key,kind,year,sex,age,nationality,value\n\
         1,einbürgerung,,m,30,,0.02\n\
         1,acquisition,,f,30,tr,0.03\n\
         1,fertility,,,30,ausländisch,0.09\n\
         1,fertility,,,30,,0.05\n\
         1,immigration,,m,25,de,12\n\
         2,acquisition,,m,30,,0.02\n\
         2,fertility,,,30,de,0.05\n\
         1,acquisition,,m,31,deutsch,0.02\n\
         1,acquisition,,m,32,,1.5\n\
         1,acquisition,,m,30,,0.01\n"
            .as_bytes(),
    )
    .unwrap();
    let mut issues = Issues::default();
    let recs = assumptions(&s, &known, &split, &mut issues);
    let got: Vec<(usize, &str)> = issues
        .list
        .iter()
        .map(|i| (i.line, i.message.as_str()))
        .collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    assert_eq!(got[0].0, 7);
    assert!(
        got[0].1.contains("population of 2 has no nationality"),
        "{}",
        got[0].1
    );
    assert!(got[0].1.starts_with("acquisition of citizenship"));
    assert_eq!(got[1].0, 8);
    assert!(got[1].1.contains("population of 2 has no nationality"));
    assert_eq!(got[2].0, 9);
    assert!(got[2].1.contains("foreign national becomes German"));
    assert_eq!(got[3].0, 10);
    assert!(got[3].1.contains("outside 0 … 1"));
    assert_eq!(got[4].0, 11);
    assert!(
        got[4]
            .1
            .contains("duplicate value 1 acquisition age 30 m (first on line 2)")
    );
    let kinds: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| (r.kind, r.nationality.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("acquisition", ""),
            ("acquisition", ""),
            ("fertility", "ausländisch"),
            ("fertility", ""),
            ("immigration", "de")
        ]
    );
}

#[test]
fn the_share_of_german_children_of_foreign_mothers_is_one_value_per_region() {
    let known: BTreeSet<String> = ["1".to_string(), "2".to_string()].into();
    let split: BTreeSet<String> = ["1".to_string()].into();
    let s = read_sheet(
        "assumptions",
        "region_key,kind,year,sex,age,nationality,value\n\
         1,german_births,,,,,0.4\n\
         1,Geburtsortprinzip,2030,,,,\"0,5\"\n\
         1,german_births,2031,,30,,0.5\n\
         1,german_births,2032,f,,,0.5\n\
         1,german_births,2033,,,tr,0.5\n\
         2,german_births,,,,,0.4\n\
         1,german_births,2034,,,,1.5\n\
         1,ius_soli,2030,,,,0.6\n"
            .as_bytes(),
    )
    .unwrap();
    let mut issues = Issues::default();
    let recs = assumptions(&s, &known, &split, &mut issues);
    let got: Vec<(usize, &str)> = issues
        .list
        .iter()
        .map(|i| (i.line, i.message.as_str()))
        .collect();
    assert_eq!(got.len(), 6, "{got:#?}");
    assert_eq!(got[0].0, 4);
    assert!(got[0].1.contains("leave age empty"), "{}", got[0].1);
    assert_eq!(got[1].0, 5);
    assert!(got[1].1.contains("leave sex empty"), "{}", got[1].1);
    assert_eq!(got[2].0, 6);
    assert!(
        got[2].1.contains("leave the nationality empty"),
        "{}",
        got[2].1
    );
    assert_eq!(got[3].0, 7);
    assert!(got[3].1.contains("population of 2 has no nationality"));
    assert!(
        got[3]
            .1
            .starts_with("the share of German children of foreign mothers")
    );
    assert_eq!(got[4].0, 8);
    assert!(got[4].1.contains("outside 0 … 1"));
    assert_eq!(got[5].0, 9);
    assert!(
        got[5]
            .1
            .contains("duplicate value 1 german_births from 2030 (first on line 3)"),
        "{}",
        got[5].1
    );
    let values: Vec<(&str, Option<i64>, &str, i64, f64)> = recs
        .iter()
        .map(|r| (r.kind, r.year_from, r.sex, r.age, r.value))
        .collect();
    assert_eq!(
        values,
        [
            ("german_births", None, "", 0, 0.4),
            ("german_births", Some(2030), "", 0, 0.5)
        ]
    );
}

#[test]
fn a_probability_table_of_one_nationality_must_be_complete() {
    let known: BTreeSet<String> = ["1".to_string()].into();
    let mut text = String::from("region_key,kind,sex,age,nationality,value\n");
    for sex in ["m", "f"] {
        for age in 0..=100 {
            text.push_str(&format!("1,mortality,{sex},{age},,0.01\n"));
            if age != 50 {
                text.push_str(&format!("1,mortality,{sex},{age},tr,0.02\n"));
            }
        }
    }
    let mut issues = Issues::default();
    assumptions(
        &read_sheet("assumptions", text.as_bytes()).unwrap(),
        &known,
        &known,
        &mut issues,
    );
    assert_eq!(issues.list.len(), 1, "{issues:?}");
    assert_eq!(issues.list[0].line, 3);
    assert!(
        issues.list[0]
            .message
            .contains("mortality table of 1 (foreign nationals) gives 200 of the 202 cells")
    );
}
