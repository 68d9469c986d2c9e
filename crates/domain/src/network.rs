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

/// The NACE Rev. 2 / WZ 2008 sections (`A` … `U`), in order: the letters of
/// [`crate::nace::DIVISIONS`].
pub fn nace_sections() -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for d in crate::nace::DIVISIONS {
        if !out.contains(&d.section) {
            out.push(d.section);
        }
    }
    out
}

/// The scope of the visit log shared with one partner agency, as the agency agreed it: the
/// companies whose approaches the partner's people see and may log. A company is in scope when
/// it carries one of the clusters, **or** its sector lies in one of the NACE sections, **or** it
/// is named — the three add up, the way such agreements are worded ("the greentech cluster,
/// manufacturing, and these companies"). An empty scope covers nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PartnerScope {
    pub clusters: Vec<Cluster>,
    /// NACE section letters (`C`, `J` …).
    pub sections: Vec<char>,
    /// Companies named one by one.
    pub companies: Vec<crate::OrgId>,
}

impl PartnerScope {
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.sections.is_empty() && self.companies.is_empty()
    }

    /// The two-digit NACE divisions of the scope's sections (what a sector code starts with).
    pub fn divisions(&self) -> Vec<&'static str> {
        crate::nace::DIVISIONS
            .iter()
            .filter(|d| self.sections.contains(&d.section))
            .map(|d| d.code)
            .collect()
    }

    /// Whether a company is in scope: its id, its sector code (as stored: `62.01`) and its
    /// clusters' stable names. The store's list queries apply the same rule in SQL; a test
    /// keeps them equal.
    pub fn covers<S: AsRef<str>>(
        &self,
        org: crate::OrgId,
        sector: Option<&str>,
        clusters: impl IntoIterator<Item = S>,
    ) -> bool {
        self.companies.contains(&org)
            || clusters
                .into_iter()
                .filter_map(|c| Cluster::parse(c.as_ref()))
                .any(|c| self.clusters.contains(&c))
            || sector
                .and_then(|s| s.get(..2))
                .and_then(crate::nace::division)
                .is_some_and(|d| self.sections.contains(&d.section))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_scope_adds_clusters_sections_and_named_companies() {
        use crate::OrgId;
        let scope = PartnerScope {
            clusters: vec![Cluster::Greentech],
            sections: vec!['J'],
            companies: vec![OrgId(7)],
        };
        let none: [&str; 0] = [];
        assert!(scope.covers(OrgId(1), Some("27.11"), ["greentech"]));
        assert!(scope.covers(OrgId(1), Some("62.01"), none));
        assert!(scope.covers(OrgId(7), None, none));
        assert!(!scope.covers(OrgId(1), Some("21.20"), ["biotech_health"]));
        assert!(!scope.covers(OrgId(1), None, ["digital_economy"]));
        assert!(!PartnerScope::default().covers(OrgId(7), Some("62.01"), ["greentech"]));
        assert!(scope.divisions().contains(&"62"));
        assert!(!scope.divisions().contains(&"27"));
        let sections = nace_sections();
        assert_eq!(sections.first(), Some(&'A'));
        assert_eq!(sections.last(), Some(&'U'));
        assert_eq!(sections.len(), 21);
    }

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
