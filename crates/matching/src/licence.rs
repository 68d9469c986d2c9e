//! EU driving-licence classes (Directive 2006/126/EC) and what holding one implies.
//!
//! Implications used (a holder of the left class may also drive the right ones, or must
//! already hold them as a prerequisite):
//!
//! | held  | implies | source |
//! |-------|---------|--------|
//! | A     | A2      | equivalence (art. 6) |
//! | A2    | A1      | equivalence (art. 6) |
//! | A1    | AM      | equivalence (art. 6) |
//! | B     | AM      | equivalence (art. 6) |
//! | BE    | B       | prerequisite (art. 4) |
//! | C1    | B       | prerequisite (art. 4) |
//! | C     | C1, B   | equivalence (art. 6); prerequisite (art. 4) |
//! | C1E   | C1, BE  | prerequisite (art. 4); equivalence (art. 6) |
//! | CE    | C, C1E, BE | prerequisite (art. 4); equivalence (art. 6) |
//! | D1    | B       | prerequisite (art. 4) |
//! | D     | D1, B   | equivalence (art. 6); prerequisite (art. 4) |
//! | D1E   | D1, BE  | prerequisite (art. 4); equivalence (art. 6) |
//! | DE    | D, D1E, BE | prerequisite (art. 4); equivalence (art. 6) |
//! | CE + D | DE     | equivalence (art. 6) |
//! | C1E + D1 | D1E  | equivalence (art. 6) |
//!
//! So a bus driver with D is taken to hold B as well. National extras (German L, T) are not
//! modelled.

use serde::{Deserialize, Serialize};

/// An EU driving-licence class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LicenceClass {
    AM,
    A1,
    A2,
    A,
    B,
    BE,
    C1,
    C1E,
    C,
    CE,
    D1,
    D1E,
    D,
    DE,
}

impl LicenceClass {
    pub const ALL: [LicenceClass; 14] = [
        Self::AM,
        Self::A1,
        Self::A2,
        Self::A,
        Self::B,
        Self::BE,
        Self::C1,
        Self::C1E,
        Self::C,
        Self::CE,
        Self::D1,
        Self::D1E,
        Self::D,
        Self::DE,
    ];

    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Classes a holder of `self` alone may drive or must hold (not transitive; see
    /// [`LicenceSet::closure`]).
    fn direct_implications(self) -> &'static [LicenceClass] {
        use LicenceClass::*;
        match self {
            AM => &[],
            A1 => &[AM],
            A2 => &[A1],
            A => &[A2],
            B => &[AM],
            BE => &[B],
            C1 => &[B],
            C => &[C1, B],
            C1E => &[C1, BE],
            CE => &[C, C1E, BE],
            D1 => &[B],
            D => &[D1, B],
            D1E => &[D1, BE],
            DE => &[D, D1E, BE],
        }
    }
}

/// A set of licence classes, stored as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Vec<LicenceClass>", into = "Vec<LicenceClass>")]
pub struct LicenceSet(u16);

impl LicenceSet {
    pub const EMPTY: LicenceSet = LicenceSet(0);

    pub fn contains(self, class: LicenceClass) -> bool {
        self.0 & class.bit() != 0
    }

    pub fn insert(&mut self, class: LicenceClass) {
        self.0 |= class.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Every class this set entitles its holder to, by the implications in the module docs.
    pub fn closure(self) -> LicenceSet {
        let mut set = self;
        loop {
            let before = set;
            for class in LicenceClass::ALL {
                if set.contains(class) {
                    for &implied in class.direct_implications() {
                        set.insert(implied);
                    }
                }
            }
            if set.contains(LicenceClass::CE) && set.contains(LicenceClass::D) {
                set.insert(LicenceClass::DE);
            }
            if set.contains(LicenceClass::C1E) && set.contains(LicenceClass::D1) {
                set.insert(LicenceClass::D1E);
            }
            if set == before {
                return set;
            }
        }
    }

    /// Classes of `required` that a holder of `self` (after closure) lacks.
    pub fn missing(self, required: LicenceSet) -> LicenceSet {
        LicenceSet(required.0 & !self.closure().0)
    }

    /// Every class of `self` is in `other` (no closure applied).
    pub fn is_subset(self, other: LicenceSet) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = LicenceClass> {
        LicenceClass::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

impl FromIterator<LicenceClass> for LicenceSet {
    fn from_iter<I: IntoIterator<Item = LicenceClass>>(iter: I) -> Self {
        let mut set = LicenceSet::EMPTY;
        for c in iter {
            set.insert(c);
        }
        set
    }
}

impl From<Vec<LicenceClass>> for LicenceSet {
    fn from(v: Vec<LicenceClass>) -> Self {
        v.into_iter().collect()
    }
}

impl From<LicenceSet> for Vec<LicenceClass> {
    fn from(s: LicenceSet) -> Self {
        s.iter().collect()
    }
}
