//! standort-store
