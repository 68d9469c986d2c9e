//! The list kit every list page shares (see `docs/lists.md`): the list's state read from the
//! query string — search text, filters, sort column and direction, page, download format — and
//! written back into every link, so a filtered, sorted list can be bookmarked and shared; the
//! sortable column headers (links inside `<th>` with `aria-sort`); the pager; and the download of
//! what the list shows as CSV (German Excel: `;` and a byte-order mark) or XLSX with the column
//! headers in the reader's language.

use axum::response::Response;
use standort_app::PageRequest;
use standort_app::export::{Dialect, Format, Value};
use standort_store::list::{Order, SortKey};

use super::form::{enc, fail, first};
use crate::context::Ctx;
use crate::error::Failure;
#[cfg(doc)]
use crate::error::PageError;
use crate::i18n::Tr;

/// A list's state as the query string gives it.
#[derive(Debug, Clone)]
pub struct ListState<K> {
    /// The list's own path (`/recruitment/candidates`).
    pub path: &'static str,
    /// The search text (`?q=`), trimmed.
    pub q: String,
    /// The list's filters that are set, in the order the list declared them (`?country=VN`).
    pub filters: Vec<(&'static str, String)>,
    pub order: Order<K>,
    pub page: PageRequest,
    /// `?format=csv|xlsx`: the rows for a download instead of a page.
    pub format: Option<Format>,
}

impl<K: SortKey> ListState<K> {
    /// Reads the state from the query's pairs; `filter_keys` are the list's filter parameters
    /// (anything else in the query is ignored). An unknown sort column gives the default order,
    /// so an old bookmark still opens; a `limit` or `offset` that is not a number and an unknown
    /// download format are refused (the caller answers 400 with [`PageError`]), because
    /// answering them with some other page would hide the mistake.
    pub fn parse(
        path: &'static str,
        pairs: &[(String, String)],
        filter_keys: &[&'static str],
    ) -> Result<ListState<K>, Failure> {
        let refuse = Failure::BadRequest;
        let number = |key: &str| match first(pairs, key) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| refuse(format!("{key} must be a whole number"))),
        };
        let format = match first(pairs, "format") {
            None => None,
            Some(f) => {
                Some(Format::parse(&f).ok_or_else(|| refuse("format must be csv or xlsx".into()))?)
            }
        };
        Ok(ListState {
            path,
            q: first(pairs, "q").unwrap_or_default().trim().to_owned(),
            filters: filter_keys
                .iter()
                .filter_map(|k| first(pairs, k).map(|v| (*k, v.trim().to_owned())))
                .collect(),
            order: Order::parse(
                first(pairs, "sort").as_deref(),
                first(pairs, "dir").as_deref(),
            ),
            page: PageRequest::new(number("limit")?, number("offset")?),
            format,
        })
    }

    /// The value of a filter, if set.
    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The rows to read: the page, or for a download the first [`PageRequest::EXPORT_LIMIT`].
    pub fn rows(&self) -> PageRequest {
        if self.format.is_some() {
            PageRequest::export()
        } else {
            self.page
        }
    }

    /// The download format's name for the audit entry.
    pub fn export(&self) -> Option<&'static str> {
        self.format.map(Format::extension)
    }

    /// The query parameters of search and filters (no order, no page).
    fn filter_params(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.q.is_empty() {
            out.push(format!("q={}", enc(&self.q)));
        }
        for (k, v) in &self.filters {
            out.push(format!("{k}={}", enc(v)));
        }
        out
    }

    fn order_params(order: &Order<K>) -> Vec<String> {
        if order.is_default() {
            Vec::new()
        } else {
            vec![
                format!("sort={}", order.key.name()),
                format!("dir={}", if order.desc { "desc" } else { "asc" }),
            ]
        }
    }

    fn url(&self, params: Vec<String>) -> String {
        if params.is_empty() {
            self.path.to_owned()
        } else {
            format!("{}?{}", self.path, params.join("&"))
        }
    }

    /// The list's URL with search, filters and order, without the page: the pager's base.
    pub fn base(&self) -> String {
        let mut params = self.filter_params();
        params.extend(Self::order_params(&self.order));
        self.url(params)
    }

    /// The URL of the same rows as a download.
    fn download_url(&self, format: Format) -> String {
        let mut params = self.filter_params();
        params.extend(Self::order_params(&self.order));
        params.push(format!("format={}", format.extension()));
        self.url(params)
    }

    /// The column headers, `columns` being each header's translation key and the sort key it
    /// orders by (`None`: not sortable). A sorted column's link turns the direction round;
    /// another's sorts by it in its default direction, from the first page.
    pub fn headers(&self, tr: &Tr, columns: &[(&str, Option<K>)]) -> Vec<Header> {
        columns
            .iter()
            .map(|(label, key)| {
                let label = tr.t(label);
                let Some(key) = *key else {
                    return Header {
                        label,
                        href: None,
                        aria_sort: None,
                        arrow: "",
                    };
                };
                let current = self.order.key == key;
                let next = if current {
                    Order::new(key, !self.order.desc)
                } else {
                    Order::new(key, key.default_desc())
                };
                let mut params = self.filter_params();
                params.extend(Self::order_params(&next));
                Header {
                    label,
                    href: Some(self.url(params)),
                    aria_sort: current.then_some(if self.order.desc {
                        "descending"
                    } else {
                        "ascending"
                    }),
                    arrow: match (current, self.order.desc) {
                        (false, _) => "",
                        (true, false) => "▲",
                        (true, true) => "▼",
                    },
                }
            })
            .collect()
    }

    /// What the template needs besides the rows: headers, download links, the reset link.
    pub fn view(&self, tr: &Tr, columns: &[(&str, Option<K>)]) -> ListView {
        ListView {
            headers: self.headers(tr, columns),
            csv: self.download_url(Format::Csv),
            xlsx: self.download_url(Format::Xlsx),
            reset: self.path.to_owned(),
            filtered: !self.q.is_empty() || !self.filters.is_empty(),
            keep: if self.order.is_default() {
                Vec::new()
            } else {
                vec![
                    ("sort", self.order.key.name().to_owned()),
                    (
                        "dir",
                        (if self.order.desc { "desc" } else { "asc" }).to_owned(),
                    ),
                ]
            },
        }
    }
}

/// One column header of a list.
#[derive(Debug, Clone)]
pub struct Header {
    pub label: String,
    /// The link that sorts by this column (`None`: not sortable).
    pub href: Option<String>,
    /// `ascending` / `descending` on the column the list is sorted by.
    pub aria_sort: Option<&'static str>,
    /// A visible arrow on the sorted column (hidden from screen readers, which read
    /// `aria-sort`).
    pub arrow: &'static str,
}

/// The parts of a list page the kit renders (`list_head.html`, `list_downloads.html`).
#[derive(Debug, Clone)]
pub struct ListView {
    pub headers: Vec<Header>,
    pub csv: String,
    pub xlsx: String,
    /// The list without search and filters.
    pub reset: String,
    pub filtered: bool,
    /// Hidden fields of the filter form that keep the order when the filters change.
    pub keep: Vec<(&'static str, String)>,
}

/// A stored date (Unix seconds at 00:00 UTC) as a download's date cell; `None` is empty.
pub fn date_cell(unix: Option<i64>) -> Value {
    use chrono::Datelike;
    unix.and_then(|u| chrono::DateTime::from_timestamp(u, 0))
        .map_or(Value::Empty, |t| {
            Value::Date(standort_app::export::CalendarDay {
                year: t.year(),
                month: t.month() as u8,
                day: t.day() as u8,
            })
        })
}

/// A moment (Unix seconds) as a download's date-and-time cell in the installation's time zone.
pub fn datetime_cell(tr: &Tr, unix: i64) -> Value {
    tr.zone
        .local_minute(unix)
        .map_or(Value::Empty, Value::DateTime)
}

/// A list's rows as a download: the column headers (translation keys) in the reader's
/// language, CSV as German Excel opens it for German readers. `name` is the file name stem.
pub fn download(
    ctx: &Ctx,
    format: Format,
    name: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Response {
    let headers: Vec<String> = columns.iter().map(|c| ctx.tr.t(c)).collect();
    let dialect = Dialect::for_language(ctx.lang().code());
    match standort_app::export::render(name, &headers, &rows, format, dialect) {
        Ok(d) => crate::download::attachment(d.bytes, d.content_type, &d.file_name),
        Err(e) => fail(e, ctx),
    }
}
