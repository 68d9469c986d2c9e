// `sqlx::migrate!` embeds the migration files when the crate is compiled, and cargo rebuilds a
// crate only when a file the compiler read changes: a new migration file alone did not reach the
// binary of an incremental build. Any change in the folders rebuilds the crate.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
