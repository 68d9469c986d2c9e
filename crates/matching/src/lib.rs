//! standort-matching
