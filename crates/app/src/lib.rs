//! standort-app
