//! Vocabulary of the partner network: clusters, channels of an approach, kinds of a link
//! between organisations, trip directions, agreement and project states, legal bases of
//! contact. Each is stored as its stable text (`as_str`) and read back with `parse`.

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text stored in the database and used in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s.trim())
            }
        }
    };
}

vocabulary!(
    /// The agency's three clusters.
    Cluster {
        BiotechHealth => "biotech_health",
        DigitalEconomy => "digital_economy",
        Greentech => "greentech",
    }
);

vocabulary!(
    /// How an organisation is related to another.
    LinkKind {
        SubsidiaryOf => "subsidiary_of",
        ParentAbroad => "parent_abroad",
        PartnerOf => "partner_of",
    }
);

vocabulary!(
    /// The channel of an approach (an activity with a company).
    Channel {
        DirectApproach => "direct_approach",
        Visit => "visit",
        Call => "call",
        Email => "email",
        Meeting => "meeting",
        Letter => "letter",
    }
);

vocabulary!(
    /// Inbound delegations visit the region; outbound trips go abroad.
    Direction {
        Inbound => "inbound",
        Outbound => "outbound",
    }
);

vocabulary!(
    /// What a trip participant is there as.
    ParticipantRole {
        Staff => "staff",
        Company => "company",
        Official => "official",
        Interpreter => "interpreter",
    }
);

vocabulary!(
    /// The kind of an agreement.
    AgreementKind {
        Memorandum => "memorandum",
        Cooperation => "cooperation",
    }
);

vocabulary!(
    /// The state of an agreement.
    AgreementStatus {
        Draft => "draft",
        Signed => "signed",
        Ended => "ended",
    }
);

vocabulary!(
    /// The legal basis on which the agency keeps and uses a contact's data (GDPR Art. 6):
    /// legitimate interest for business contacts, consent (with its history) for newsletters.
    LegalBasis {
        LegitimateInterest => "legitimate_interest",
        Consent => "consent",
    }
);

vocabulary!(
    /// The stage of an investment project, from lead to decision.
    ProjectStage {
        Lead => "lead",
        Qualified => "qualified",
        SiteSearch => "site_search",
        Decision => "decision",
        Won => "won",
        Lost => "lost",
        OnHold => "on_hold",
    }
);

vocabulary!(
    /// What an investment project is about.
    ProjectKind {
        NewSite => "new_site",
        Expansion => "expansion",
        Cooperation => "cooperation",
        SupplyChannel => "supply_channel",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Cluster::ALL {
            assert_eq!(Cluster::parse(c.as_str()), Some(*c));
        }
        for s in ProjectStage::ALL {
            assert_eq!(ProjectStage::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Channel::parse("fax"), None);
    }
}
