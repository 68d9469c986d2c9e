//! standort-domain
