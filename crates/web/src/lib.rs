//! standort-web
