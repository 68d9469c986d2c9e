//! Integration tests of standort-matching (one binary).

mod batch;
mod common;
mod esco;
mod gates;
mod index;
mod neighbours;
mod props;
mod snapshots;
