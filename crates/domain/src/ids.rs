use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Primary key of a user account.
    UserId
);
id_type!(
    /// Primary key of an organisation (the agency, a clinic, an employer, a partner abroad …).
    OrgId
);
id_type!(
    /// Primary key of an employer's request to the agency for an introduction to a candidate.
    IntroductionId
);
