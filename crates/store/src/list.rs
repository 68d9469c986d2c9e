//! The sort order of a list: a column chosen from the list's own whitelist ([`SortKey`]) and a
//! direction, turned into an `ORDER BY` that names only the whitelisted SQL expressions and
//! always ends with the row id, so that rows with equal sort values keep one order from page to
//! page on both databases. User text never reaches the SQL: a list's sort keys are an enum whose
//! URL names are parsed against the whitelist ([`Order::parse`]).

/// One sortable column of a list: its name in the URL and its default direction. What the
/// list kit of the pages needs (links, headers); a list sorted by the database also names its
/// SQL ([`SqlOrder`]), a list sorted in memory (a computed figure) compares its rows itself.
pub trait SortKey: Copy + PartialEq + Sized + 'static {
    /// Every key, the default first.
    const ALL: &'static [Self];
    /// The key's name in a URL (`?sort=name`).
    fn name(self) -> &'static str;
    /// The direction a list has when only the key is given (dates: newest first).
    fn default_desc(self) -> bool {
        false
    }
}

/// A sort key of a list the database sorts: the SQL expressions it orders by.
pub trait SqlOrder: SortKey {
    /// The SQL expressions the key orders by, most significant first; each names whether its
    /// values can be NULL (those sort last in both directions, on both databases).
    fn columns(self) -> &'static [SortColumn];
    /// The expression that breaks ties (the row id, e.g. `p.id`).
    fn tie_break() -> &'static str;
}

/// An SQL expression a list can be ordered by (a whitelist entry, never user text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortColumn {
    pub sql: &'static str,
    pub nullable: bool,
}

/// A sort column that is never NULL (most of them), for the lists' `SqlOrder::columns`.
pub const fn col(sql: &'static str) -> SortColumn {
    SortColumn {
        sql,
        nullable: false,
    }
}

/// A list's order: a key of its whitelist and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order<K> {
    pub key: K,
    pub desc: bool,
}

impl<K: SortKey> Default for Order<K> {
    fn default() -> Self {
        let key = K::ALL[0];
        Order {
            key,
            desc: key.default_desc(),
        }
    }
}

impl<K: SortKey> Order<K> {
    pub fn new(key: K, desc: bool) -> Order<K> {
        Order { key, desc }
    }

    /// The order named by `?sort=…&dir=asc|desc`: an unknown key gives the default order, a
    /// missing or unknown direction the key's default direction.
    pub fn parse(sort: Option<&str>, dir: Option<&str>) -> Order<K> {
        let Some(key) = sort.and_then(|s| K::ALL.iter().copied().find(|k| k.name() == s)) else {
            return Order::default();
        };
        let desc = match dir {
            Some("asc") => false,
            Some("desc") => true,
            _ => key.default_desc(),
        };
        Order { key, desc }
    }

    /// Whether this is the list's default order (then the URL need not name it).
    pub fn is_default(&self) -> bool {
        *self == Order::default()
    }
}

impl<K: SqlOrder> Order<K> {
    /// The `ORDER BY` text (without the keywords): the key's expressions in the direction, NULLs
    /// last, then the tie-break in the same direction.
    pub fn sql(&self) -> String {
        let dir = if self.desc { "DESC" } else { "ASC" };
        let mut parts: Vec<String> = self
            .key
            .columns()
            .iter()
            .map(|c| {
                if c.nullable {
                    // Both databases know NULLS LAST (SQLite since 3.30); without it SQLite
                    // sorts NULLs first and PostgreSQL last.
                    format!("{} {dir} NULLS LAST", c.sql)
                } else {
                    format!("{} {dir}", c.sql)
                }
            })
            .collect();
        parts.push(format!("{} {dir}", K::tie_break()));
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Key {
        Name,
        Level,
        Created,
    }

    impl SortKey for Key {
        const ALL: &'static [Key] = &[Key::Name, Key::Level, Key::Created];
        fn name(self) -> &'static str {
            match self {
                Key::Name => "name",
                Key::Level => "level",
                Key::Created => "created",
            }
        }
        fn default_desc(self) -> bool {
            self == Key::Created
        }
    }

    impl SqlOrder for Key {
        fn columns(self) -> &'static [SortColumn] {
            match self {
                Key::Name => &[
                    SortColumn {
                        sql: "family",
                        nullable: false,
                    },
                    SortColumn {
                        sql: "given",
                        nullable: false,
                    },
                ],
                Key::Level => &[SortColumn {
                    sql: "level",
                    nullable: true,
                }],
                Key::Created => &[SortColumn {
                    sql: "created_at",
                    nullable: false,
                }],
            }
        }
        fn tie_break() -> &'static str {
            "id"
        }
    }

    #[test]
    fn only_whitelisted_keys_reach_the_sql() {
        assert_eq!(
            Order::<Key>::default().sql(),
            "family ASC, given ASC, id ASC"
        );
        assert_eq!(
            Order::<Key>::parse(Some("level"), Some("desc")).sql(),
            "level DESC NULLS LAST, id DESC"
        );
        assert_eq!(
            Order::<Key>::parse(Some("created"), None).sql(),
            "created_at DESC, id DESC"
        );
        let injected = Order::<Key>::parse(Some("id; DROP TABLE x"), Some("desc"));
        assert!(injected.is_default());
        assert_eq!(
            Order::<Key>::parse(Some("name"), Some("sideways")),
            Order::default()
        );
    }
}
