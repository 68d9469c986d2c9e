//! standort-esco
