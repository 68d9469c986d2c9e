//! Integration tests of standort-esco; the real-data ones read the shared ESCO v1.1.1 copy.

mod common;
mod errors;
mod fixture;
mod merge;
mod real;
mod search;
