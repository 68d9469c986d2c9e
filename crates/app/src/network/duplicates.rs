//! Duplicates on demand, and the merge of two records into one.
//!
//! The finder groups records by key (`standort_domain::dedup`) in one pass and pairs the
//! records of each group — it never compares every record with every other, so the registry's
//! tens of thousands of organisations cost two queries and a hash map. Organisations: the same
//! name without case, diacritics and legal form (any of their names), or the same web domain.
//! Contacts: the same e-mail address, the same phone number (normalised), or the same name at
//! the same organisation.
//!
//! A merge keeps one record and points everything that referred to the other at it — for an
//! organisation its names, links, contacts' positions, approaches, trips, agreements, leads,
//! projects, partners' named companies; for a contact its positions, consent history and
//! trips — then deletes the other, in one transaction with two audit entries: `merge` on the
//! kept record (before: both records; after: the kept one and what moved) and `merged_into` on
//! the merged one (so its own earlier entries lead to the kept record). The audit log itself is
//! append-only: the merged record's entries stay as written, under its id.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::json;
use standort_domain::dedup::{email_key, org_name_key, person_name_key, phone_key, web_domain};
use standort_domain::{OrgId, ValidationError};
use standort_store::{audit, network as store, orgs};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Which records to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    Organisations,
    Contacts,
}

impl DuplicateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::Organisations => "organisations",
            DuplicateKind::Contacts => "contacts",
        }
    }
    pub fn parse(s: &str) -> Option<DuplicateKind> {
        match s.trim() {
            "organisations" => Some(DuplicateKind::Organisations),
            "contacts" => Some(DuplicateKind::Contacts),
            _ => None,
        }
    }
}

/// Two records that may be the same, and why (`name`, `website`, `email`, `phone`,
/// `name-at-organisation`); `a` < `b`.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicatePair {
    pub a: i64,
    pub a_name: String,
    pub b: i64,
    pub b_name: String,
    pub reasons: Vec<&'static str>,
}

/// The candidate pairs, ordered by the first record's id; `total` counts all of them.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicates {
    pub kind: DuplicateKind,
    pub pairs: Vec<DuplicatePair>,
    pub total: usize,
}

/// A group larger than this (a key shared by many records, such as a switchboard's number)
/// is paired star-wise with its first record, not all against all.
const ALL_PAIRS_UP_TO: usize = 12;

/// The pairs of records sharing a key, with every reason that pairs them.
fn pairs_of(groups: Vec<(&'static str, Vec<i64>)>) -> BTreeMap<(i64, i64), Vec<&'static str>> {
    let mut out: BTreeMap<(i64, i64), Vec<&'static str>> = BTreeMap::new();
    for (reason, mut ids) in groups {
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            continue;
        }
        let mut add = |a: i64, b: i64| {
            let reasons = out.entry((a, b)).or_default();
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        };
        if ids.len() <= ALL_PAIRS_UP_TO {
            for i in 0..ids.len() {
                for j in i + 1..ids.len() {
                    add(ids[i], ids[j]);
                }
            }
        } else {
            for &b in &ids[1..] {
                add(ids[0], b);
            }
        }
    }
    out
}

fn group<K: std::hash::Hash + Eq>(
    reason: &'static str,
    keyed: impl IntoIterator<Item = (K, i64)>,
    groups: &mut Vec<(&'static str, Vec<i64>)>,
) {
    let mut map: HashMap<K, Vec<i64>> = HashMap::new();
    for (k, id) in keyed {
        map.entry(k).or_default().push(id);
    }
    groups.extend(
        map.into_values()
            .filter(|ids| ids.len() > 1)
            .map(|ids| (reason, ids)),
    );
}

/// What a merge did: the kept record and, per table, rows moved and rows dropped as the same
/// as the kept record's own.
#[derive(Debug, Clone, Serialize)]
pub struct MergeOutcome {
    pub kept: i64,
    pub merged: i64,
    pub moved: BTreeMap<String, (u64, u64)>,
}

impl App {
    /// Candidate duplicates (agency staff; others not found). Contacts' pairs are personal
    /// data: the list is audited by the ids it shows.
    pub async fn find_duplicates(
        &self,
        actor: &Actor,
        kind: DuplicateKind,
        limit: usize,
    ) -> Result<Duplicates, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        let (pairs, names) = match kind {
            DuplicateKind::Organisations => {
                let (rows, further) = {
                    let mut conn = self.db.conn().await?;
                    store::org_key_rows(&mut conn).await?
                };
                let mut groups = Vec::new();
                group(
                    "name",
                    rows.iter()
                        .map(|r| (org_name_key(&r.name), r.id.0))
                        .chain(further.iter().map(|(id, n)| (org_name_key(n), id.0)))
                        .filter(|(k, _)| !k.is_empty()),
                    &mut groups,
                );
                group(
                    "website",
                    rows.iter().filter_map(|r| {
                        r.website
                            .as_deref()
                            .and_then(web_domain)
                            .map(|d| (d, r.id.0))
                    }),
                    &mut groups,
                );
                let names: HashMap<i64, String> =
                    rows.into_iter().map(|r| (r.id.0, r.name)).collect();
                (pairs_of(groups), names)
            }
            DuplicateKind::Contacts => {
                policy::require(actor, Permission::ManageNetworkContacts)?;
                let (rows, affiliations) = {
                    let mut conn = self.db.conn().await?;
                    store::contact_key_rows(&mut conn).await?
                };
                let mut groups = Vec::new();
                group(
                    "email",
                    rows.iter()
                        .filter_map(|r| r.email.as_deref().and_then(email_key).map(|e| (e, r.id))),
                    &mut groups,
                );
                group(
                    "phone",
                    rows.iter()
                        .filter_map(|r| r.phone.as_deref().and_then(phone_key).map(|p| (p, r.id))),
                    &mut groups,
                );
                let person: HashMap<i64, String> = rows
                    .iter()
                    .map(|r| (r.id, person_name_key(&r.family_name, &r.given_names)))
                    .collect();
                group(
                    "name-at-organisation",
                    affiliations
                        .iter()
                        .filter_map(|(c, org)| person.get(c).map(|n| ((n.clone(), *org), *c))),
                    &mut groups,
                );
                let names: HashMap<i64, String> = rows
                    .into_iter()
                    .map(|r| (r.id, format!("{} {}", r.given_names, r.family_name)))
                    .collect();
                (pairs_of(groups), names)
            }
        };
        let total = pairs.len();
        let pairs: Vec<DuplicatePair> = pairs
            .into_iter()
            .take(limit)
            .map(|((a, b), reasons)| DuplicatePair {
                a,
                a_name: names.get(&a).cloned().unwrap_or_default(),
                b,
                b_name: names.get(&b).cloned().unwrap_or_default(),
                reasons,
            })
            .collect();
        if kind == DuplicateKind::Contacts {
            let ids: Vec<i64> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
            self.audit_read(
                actor
                    .audit("list", "network_contact", "", None)
                    .with_after(json!({ "ids": ids, "duplicates": true })),
                self.now(),
            )
            .await?;
        }
        Ok(Duplicates { kind, pairs, total })
    }

    /// Merges organisation `merged` into `keep` (agency staff; others, and either id unknown:
    /// not found). Refused with 409 `merge-referenced-elsewhere` when another module refers to
    /// `merged` (its accounts, a clinic's stock, a producer's entry, a partner agency's scope):
    /// keep that one instead. Facts `keep` lacks (sector, size, website, address) are taken
    /// from `merged`, clusters united.
    pub async fn merge_organisations(
        &self,
        actor: &Actor,
        keep: OrgId,
        merged: OrgId,
    ) -> Result<MergeOutcome, AppError> {
        policy::require(actor, Permission::ManageNetwork)?;
        policy::require(actor, Permission::ManageOrganisations)?;
        if keep == merged {
            return Err(ValidationError::new("merged", "same-organisation").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let a = orgs::get(&mut tx, keep).await?;
        let b = orgs::get(&mut tx, merged).await?;
        if store::org_referenced_elsewhere(&mut tx, merged)
            .await?
            .is_some()
        {
            return Err(AppError::Conflict("merge-referenced-elsewhere"));
        }
        let a_names = orgs::names(&mut tx, keep).await?;
        let b_names = orgs::names(&mut tx, merged).await?;
        let mut profile = a.profile.clone();
        let p = &b.profile;
        profile.sector = profile.sector.or(p.sector.clone());
        profile.employees = profile.employees.or(p.employees);
        profile.website = profile.website.or(p.website.clone());
        profile.address = profile.address.or(p.address.clone());
        for c in &p.clusters {
            if !profile.clusters.contains(c) {
                profile.clusters.push(c.clone());
            }
        }
        profile.clusters.sort();
        if profile != a.profile {
            orgs::set_profile(&mut tx, keep, &profile).await?;
        }
        let moved = store::merge_orgs(&mut tx, keep, merged)
            .await
            .map_err(|e| match e {
                standort_store::StoreError::Conflict(_) => {
                    AppError::Conflict("merge-referenced-elsewhere")
                }
                other => other.into(),
            })?;
        let after = orgs::get(&mut tx, keep).await?;
        let after_names = orgs::names(&mut tx, keep).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("merge", "organisation", keep.to_string(), Some(keep))
                .with_before(json!({
                    "kept": a, "kept_names": a_names, "merged": b, "merged_names": b_names,
                }))
                .with_after(json!({
                    "kept": after, "kept_names": after_names, "merged_id": merged.0,
                    "moved": moved,
                })),
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit(
                    "merged_into",
                    "organisation",
                    merged.to_string(),
                    Some(keep),
                )
                .with_after(json!({ "kept_id": keep.0 })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(MergeOutcome {
            kept: keep.0,
            merged: merged.0,
            moved,
        })
    }

    /// Merges contact `merged` into `keep` (agency staff; others, and either id unknown: not
    /// found). The audit entries name ids and counts only, never a name or contact detail.
    pub async fn merge_contacts(
        &self,
        actor: &Actor,
        keep: i64,
        merged: i64,
    ) -> Result<MergeOutcome, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        if keep == merged {
            return Err(ValidationError::new("merged", "same-contact").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let a = store::get_contact(&mut tx, keep).await?;
        let b = store::get_contact(&mut tx, merged).await?;
        let ids_of =
            |affs: Vec<store::Affiliation>| affs.into_iter().map(|x| x.id).collect::<Vec<_>>();
        let before_a = ids_of(store::affiliations(&mut tx, keep).await?);
        let before_b = ids_of(store::affiliations(&mut tx, merged).await?);
        let moved = store::merge_contacts(&mut tx, keep, merged).await?;
        let after = store::get_contact(&mut tx, keep).await?;
        let after_affs = ids_of(store::affiliations(&mut tx, keep).await?);
        // Which facts the kept record took over, by field name only.
        let mut filled = Vec::new();
        if a.data.email.is_none() && after.data.email.is_some() {
            filled.push("email");
        }
        if a.data.phone.is_none() && after.data.phone.is_some() {
            filled.push("phone");
        }
        if after.data.languages != a.data.languages {
            filled.push("languages");
        }
        if after.objected != a.objected {
            filled.push("objected");
        }
        audit::append(
            &mut tx,
            &actor
                .audit("merge", "network_contact", keep, None)
                .with_before(json!({
                    "kept": {"id": a.id, "affiliations": before_a, "objected": a.objected},
                    "merged": {"id": b.id, "affiliations": before_b, "objected": b.objected},
                }))
                .with_after(json!({
                    "kept": {"id": keep, "affiliations": after_affs, "objected": after.objected},
                    "filled": filled, "moved": moved,
                })),
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("merged_into", "network_contact", merged, None)
                .with_after(json!({ "kept_id": keep })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(MergeOutcome {
            kept: keep,
            merged,
            moved,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_carry_every_reason_and_large_groups_pair_star_wise() {
        let p = pairs_of(vec![
            ("name", vec![3, 1]),
            ("website", vec![1, 3, 3]),
            ("name", vec![7]),
            ("phone", (100..120).collect()),
        ]);
        assert_eq!(p[&(1, 3)], vec!["name", "website"]);
        assert!(!p.contains_key(&(7, 7)));
        // 20 records sharing one key: 19 pairs, not 190.
        assert_eq!(p.keys().filter(|(a, _)| *a >= 100).count(), 19);
    }
}
