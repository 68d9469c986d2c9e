//! The engine commands of the `standort` binary, run as a user runs them: the built binary,
//! real files (the shared Aargau and ESCO data), exit codes, standard output and error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared data folder beside the checkout, or `$STANDORT_SHARED` (a checkout in a
/// worktree folder has no `../shared` of its own).
fn shared(sub: &str) -> PathBuf {
    std::env::var_os("STANDORT_SHARED")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
            PathBuf::from,
        )
        .join("data")
        .join(sub)
}
const SKILL: &str = "http://data.europa.eu/esco/skill/";
const OCCUPATION: &str = "http://data.europa.eu/esco/occupation/";

fn demography(file: &str) -> PathBuf {
    shared("demography").join(file)
}

fn parameters() -> PathBuf {
    demography("aargau-fso-2025-2055-reference.csv")
}

fn population() -> PathBuf {
    demography("aargau-population-2024.csv")
}

/// The ESCO folder, or `None` (and a note) when the download is not there.
fn esco() -> Option<String> {
    let dir = shared("esco-v1.1.1");
    if dir.is_dir() {
        Some(dir.to_str().expect("a UTF-8 path").to_owned())
    } else {
        eprintln!("skipped: no ESCO download at {}", dir.display());
        None
    }
}

fn standort<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_standort"))
        .args(args)
        .env_remove("STANDORT_CONFIG")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the standort binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 on standard output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_success(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        stdout(o),
        stderr(o)
    );
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The last line of standard output parsed as a JSON object carrying `keys`.
fn last_json_line(o: &Output, keys: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    assert_success(o);
    let out = stdout(o);
    let last = out.lines().last().expect("some output");
    let value: serde_json::Value = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("last line is not JSON ({e}): {last}"));
    let object = value.as_object().expect("a JSON object").clone();
    for key in keys {
        assert!(object.contains_key(*key), "no `{key}` in {last}");
    }
    object
}

#[test]
fn project_fso_writes_the_aargau_projection() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aargau.csv");
    let o = standort([
        "demography".as_ref(),
        "project".as_ref(),
        "--format".as_ref(),
        "fso".as_ref(),
        "--parameters".as_ref(),
        parameters().as_os_str(),
        "--population".as_ref(),
        population().as_os_str(),
        "--scenario".as_ref(),
        "reference".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_success(&o);
    assert!(stderr(&o).contains("12524 rows"), "{}", stderr(&o));

    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,nat,sex,age,n"));
    // 31 years × 2 nationalities × 2 sexes × 101 ages.
    assert_eq!(lines.clone().count(), 31 * 404);
    let total_2025: f64 = lines
        .filter(|l| l.starts_with("2025,"))
        .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
        .sum();
    // Published FSO total for the end of 2025; the observed start population differs from
    // the FSO's own by 0.1 %.
    assert!(
        (total_2025 / 743_140.0 - 1.0).abs() < 0.001,
        "total 2025: {total_2025}"
    );
    assert_eq!(
        files_in(dir.path()),
        ["aargau.csv"],
        "no temporary file left"
    );
}

#[test]
fn bad_parameter_file_names_the_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Line 5 (header = line 1) gets a mortality that is not a number. Written with LF line
    // ends: with CRLF the csv crate reports one line less (BurntSushi/rust-csv#395).
    let text = std::fs::read_to_string(parameters()).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut fields: Vec<&str> = lines[4].split(',').collect();
    fields[9] = "abc";
    lines[4] = fields.join(",");
    let bad = dir.path().join("bad-parameters.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = dir.path().join("out.csv");

    let o = standort([
        "demography".as_ref(),
        "project".as_ref(),
        "--parameters".as_ref(),
        bad.as_os_str(),
        "--population".as_ref(),
        population().as_os_str(),
        "--scenario".as_ref(),
        "reference".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("parameter file"), "{err}");
    assert!(err.contains("line 5: column `mor`: `abc`"), "{err}");
    assert!(!out.exists());
    assert_eq!(files_in(dir.path()), ["bad-parameters.csv"], "no half file");
}

#[test]
fn failed_projection_keeps_an_existing_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "earlier result\n").unwrap();
    let o = standort([
        "demography".as_ref(),
        "project".as_ref(),
        "--parameters".as_ref(),
        parameters().as_os_str(),
        "--population".as_ref(),
        population().as_os_str(),
        "--scenario".as_ref(),
        "high".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("scenario `high` not found"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier result\n");
    assert_eq!(files_in(dir.path()), ["out.csv"]);
}

#[test]
fn only_the_fso_format_is_accepted() {
    let o = standort([
        "demography",
        "project",
        "--format",
        "hamilton-perry",
        "--parameters",
        "p.csv",
        "--population",
        "q.csv",
        "--out",
        "o.csv",
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("invalid value 'hamilton-perry'"), "{err}");
    assert!(err.contains("possible values: fso"), "{err}");
}

#[test]
fn backtest_prints_the_error_table() {
    let o = standort([
        "demography".as_ref(),
        "backtest".as_ref(),
        "--history".as_ref(),
        demography("aargau-subregions-2022-2025.csv").as_os_str(),
        "--parameters".as_ref(),
        parameters().as_os_str(),
    ]);
    assert_success(&o);
    let out = stdout(&o);
    assert!(
        out.contains("| method | size class | horizon | units | MAPE | MALPE |"),
        "{out}"
    );
    for method in ["cohort-component", "hamilton-perry"] {
        // Four size classes and "all", two horizons.
        let rows = out
            .lines()
            .filter(|l| l.starts_with(&format!("| {method} |")))
            .count();
        assert_eq!(rows, 10, "{method}\n{out}");
    }
}

fn skills(ids: &[&str]) -> String {
    let uris: Vec<String> = ids.iter().map(|id| format!("\"{SKILL}{id}\"")).collect();
    uris.join(", ")
}

#[test]
fn match_occupations_answers_every_line() {
    let Some(esco) = esco() else { return };
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("people.jsonl");
    // Essential skills of one occupation; a single skill.
    let first = skills(&[
        "fed5b267-73fa-461d-9f69-827c78beb39d",
        "05bc7677-5a64-4e0c-ade3-0140348d4125",
        "271a36a0-bc7a-43a9-ad29-0a3f3cac4e57",
    ]);
    let second = skills(&["591dd514-735b-46e4-a28d-3a4c42f49b72"]);
    std::fs::write(
        &batch,
        format!(
            "{{\"id\": \"p-1\", \"skills\": [{first}]}}\n{{\"id\": 2, \"skills\": [{second}]}}\n"
        ),
    )
    .unwrap();
    let o = standort([
        "match".as_ref(),
        "occupations".as_ref(),
        "--batch".as_ref(),
        batch.as_os_str(),
        "--esco".as_ref(),
        esco.as_ref(),
        "--top".as_ref(),
        "3".as_ref(),
    ]);
    assert_success(&o);
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["id"], "p-1");
    assert_eq!(lines[1]["id"], 2);
    let best = &lines[0]["occupations"][0];
    assert!(
        best["uri"].as_str().unwrap().starts_with(OCCUPATION),
        "{out}"
    );
    assert!(best["score"].as_f64().unwrap() > 0.0, "{out}");
    assert_eq!(lines[0]["occupations"].as_array().unwrap().len(), 3);
}

#[test]
fn match_occupations_names_a_malformed_line_and_writes_no_file() {
    let Some(esco) = esco() else { return };
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("people.jsonl");
    std::fs::write(
        &batch,
        "{\"id\": 1, \"skills\": []}\n\n{\"id\": 2, \"skills\": \n",
    )
    .unwrap();
    let out = dir.path().join("ranked.jsonl");
    let o = standort([
        "match".as_ref(),
        "occupations".as_ref(),
        "--batch".as_ref(),
        batch.as_os_str(),
        "--esco".as_ref(),
        esco.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("batch file"), "{err}");
    assert!(err.contains("line 3:"), "{err}");
    assert!(!out.exists());
    assert_eq!(files_in(dir.path()), ["people.jsonl"]);
}

#[test]
fn match_occupations_on_standard_output_ends_a_failed_run_with_an_error_line() {
    let Some(esco) = esco() else { return };
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("people.jsonl");
    // A good line (a skill group among the skills: accepted), then an unknown skill.
    let good = format!(
        "{{\"id\": 1, \"skills\": [{}, \"http://data.europa.eu/esco/isced-f/0799\"]}}",
        skills(&["fed5b267-73fa-461d-9f69-827c78beb39d"])
    );
    std::fs::write(
        &batch,
        format!("{good}\n{{\"id\": 2, \"skills\": [\"{SKILL}no-such-skill\"]}}\n"),
    )
    .unwrap();
    let o = standort([
        "match".as_ref(),
        "occupations".as_ref(),
        "--batch".as_ref(),
        batch.as_os_str(),
        "--esco".as_ref(),
        esco.as_ref(),
    ]);
    assert!(!o.status.success());
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["id"], 1, "the answer before the bad line: {out}");
    assert_eq!(lines[1]["error"]["line"], 2, "{out}");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-skill"),
        "{out}"
    );
    assert!(stderr(&o).contains("line 2:"), "{}", stderr(&o));
}

#[test]
fn bench_projection_ends_with_a_json_line() {
    let o = standort([
        "bench",
        "projection",
        "--regions",
        "50",
        "--districts",
        "5",
        "--years",
        "5",
        "--trajectories",
        "5",
        "--district-regions",
        "3",
    ]);
    let last = last_json_line(
        &o,
        &["deterministic_s", "stochastic_s", "regions", "peak_rss_mb"],
    );
    assert_eq!(last["regions"], 50);
}

#[test]
fn bench_matching_ends_with_a_json_line() {
    let Some(esco) = esco() else { return };
    let o = standort([
        "bench",
        "matching",
        "--esco",
        esco.as_str(),
        "--persons",
        "30",
        "--profiles",
        "200,500",
        "--queries",
        "5",
        "--updates",
        "5",
    ]);
    let last = last_json_line(
        &o,
        &[
            "recall_at_1",
            "recall_at_10",
            "neighbour_recall_at_1",
            "neighbour_recall_at_10",
            "p50_ms",
            "p95_ms",
            "profiles",
        ],
    );
    assert_eq!(last["profiles"], 500);
    let recall = last["recall_at_10"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&recall));
}

#[test]
fn bench_esco_ends_with_a_json_line() {
    let Some(esco) = esco() else { return };
    let o = standort([
        "bench",
        "esco",
        "--esco",
        esco.as_str(),
        "--queries",
        "30",
        "--repeat",
        "1",
    ]);
    let last = last_json_line(&o, &["load_ms", "index_build_ms", "p50_ms", "p95_ms"]);
    assert_eq!(last["queries"], 30);
}

#[test]
fn matching_commands_use_the_esco_imported_into_the_database() {
    let Some(esco) = esco() else { return };
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("standort.db").display());
    // Without an import there is nothing to match with: a clear error, not an empty answer.
    let o = standort(["bench", "matching", "--database", &url, "--persons", "10"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("standort esco import"),
        "{}",
        stderr(&o)
    );

    assert_success(&standort([
        "esco",
        "import",
        esco.as_str(),
        "--database",
        &url,
    ]));
    let o = standort([
        "bench",
        "matching",
        "--database",
        &url,
        "--persons",
        "300",
        "--profiles",
        "500",
        "--queries",
        "5",
        "--updates",
        "5",
    ]);
    let last = last_json_line(&o, &["recall_at_1", "recall_at_10", "profiles"]);
    assert!(
        stderr(&o).contains("ESCO from the database"),
        "{}",
        stderr(&o)
    );
    // The imported ESCO ranks the true occupation first for nearly every synthetic person,
    // as the files do (BENCHMARKS.md: 0.98 on 5,000 persons).
    let at1 = last["recall_at_1"].as_f64().unwrap();
    assert!(at1 >= 0.9, "recall@1 {at1}");

    // The batch answers from the database equal those from the files.
    let batch = dir.path().join("people.jsonl");
    let first = skills(&[
        "fed5b267-73fa-461d-9f69-827c78beb39d",
        "05bc7677-5a64-4e0c-ade3-0140348d4125",
        "271a36a0-bc7a-43a9-ad29-0a3f3cac4e57",
    ]);
    std::fs::write(&batch, format!("{{\"id\": 1, \"skills\": [{first}]}}\n")).unwrap();
    let run = |source: &[&str]| {
        let mut args = vec!["match", "occupations", "--batch"];
        let b = batch.to_str().unwrap();
        args.push(b);
        args.extend_from_slice(source);
        args.extend_from_slice(&["--top", "5"]);
        let o = standort(&args);
        assert_success(&o);
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        v["occupations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["uri"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let from_db = run(&["--database", &url]);
    assert_eq!(from_db.len(), 5);
    assert_eq!(
        from_db[0],
        run(&["--esco", esco.as_str()])[0],
        "same best occupation"
    );
}

/// `bench supply` at a tiny scale on both databases: the simulation, an allocation round, and
/// a database with a clinic and items beyond the demo's (so the store's ledger is written)
/// whose buyer page is driven by a real server; ends with the JSON line of issue 14.
#[test]
fn bench_supply_ends_with_a_json_line_on_both_databases() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for kind in [
        standort_store::DbKind::Sqlite,
        standort_store::DbKind::Postgres,
    ] {
        let Some((url, _dir)) = runtime.block_on(standort_store::testing::fresh_url(kind)) else {
            continue;
        };
        let o = standort([
            "bench",
            "supply",
            "--clinics",
            "4",
            "--items",
            "10",
            "--days",
            "120",
            "--outbreak-day",
            "40",
            "--ledger-days",
            "20",
            "--clients",
            "2",
            "--seconds",
            "1",
            "--repeats",
            "3",
            "--database",
            &url,
        ]);
        let last = last_json_line(
            &o,
            &[
                "clinics",
                "items",
                "days",
                "stockout_days_suggested",
                "stockout_days_minmax",
                "avg_stock_ratio",
                "allocation_ms",
                "dashboard_p95_ms",
            ],
        );
        assert_eq!(last["clinics"], 4);
        assert_eq!(last["items"], 10);
        assert_eq!(last["days"], 120);
        assert_eq!(last["database"], kind.as_str());
        let ratio = last["avg_stock_ratio"].as_f64().unwrap();
        assert!(ratio > 0.0 && ratio <= 1.0, "{ratio}");
        assert!(last["dashboard_p95_ms"].as_f64().unwrap() > 0.0);
        // One clinic and two items beyond the demo's got their ledger through the store.
        let out = stdout(&o);
        let rows: u64 = out
            .lines()
            .find_map(|l| l.strip_prefix("database: "))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no database line in {out}"));
        assert!(rows > 0, "{out}");
    }
}
