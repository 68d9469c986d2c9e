//! standort-demography
