//! Server-rendered SVG charts: population pyramid, line with interval bands, bars with
//! whiskers. Each chart is `role="img"` with a `<title>` and `<desc>` referenced by
//! `aria-labelledby`; the page puts the same figures in a table next to it (the text
//! alternative). Colours reach at least 3:1 against white for graphical objects (WCAG 1.4.11)
//! and 4.5:1 for text; the interval fills are supplementary (the table carries the values).
//! Only presentation attributes are used, no `style`, so the strict CSP holds.

use std::fmt::Write;

/// Dark blue (8.6:1 on white).
pub const BLUE: &str = "#1f4e79";
/// Dark magenta (7.3:1).
pub const MAGENTA: &str = "#8a1c50";
/// Dark orange for the overlay (4.6:1).
pub const ORANGE: &str = "#a14a00";
/// Shortfall red (6.2:1).
pub const RED: &str = "#b3261e";
/// Surplus green (6.4:1).
pub const GREEN: &str = "#1e6b34";
/// Text and axes.
pub const INK: &str = "#1a1a1a";
/// 80 % band and 95 % band fills.
const BAND80: &str = "#9ecae1";
const BAND95: &str = "#deebf7";
/// Distinct series colours for comparisons (each ≥ 4.5:1 on white).
pub const SERIES: [&str; 8] = [
    "#1f4e79", "#a14a00", "#1e6b34", "#8a1c50", "#5b3f99", "#005f73", "#7a5c00", "#4a4a4a",
];

/// Escapes text for SVG/XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn open(out: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="12"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, s: &str) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" fill="{INK}">{}</text>"#,
        esc(s)
    );
}

/// A "nice" upper bound and tick step for an axis from 0 to `max`.
fn nice(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 0.25);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// Range with a little room, for axes that need not start at 0.
fn span(min: f64, max: f64) -> (f64, f64, f64) {
    let (lo, hi) = if (max - min).abs() < 1e-9 {
        (min - 1.0, max + 1.0)
    } else {
        (min, max)
    };
    let (_, step) = nice(hi - lo);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    (lo, hi, step)
}

/// Labels of the chart (already translated).
#[derive(Debug, Clone)]
pub struct PyramidLabels {
    pub title: String,
    pub desc: String,
    pub male: String,
    pub female: String,
    pub base: String,
    pub projected: String,
    /// Legend of the foreign part of the base bars (regions with nationality).
    pub foreign: String,
}

/// A pyramid of five-year groups: `base` as filled bars, `projected` as an outline overlay.
/// Each group is (label, male, female). With `foreign` (male, female foreign nationals per
/// group, same order) the outer part of each base bar is the foreign population, hatched in
/// the bar's colour so it is told apart by pattern, not by colour alone (WCAG 1.4.1); the
/// legend names it and the page's table gives both numbers.
pub fn pyramid(
    id: &str,
    base: &[(String, f64, f64)],
    projected: Option<&[(String, f64, f64)]>,
    foreign: Option<&[(f64, f64)]>,
    labels: &PyramidLabels,
    fmt: impl Fn(f64) -> String,
) -> String {
    let (w, row_h) = (640.0, 16.0);
    let top = if foreign.is_some() { 56.0 } else { 40.0 };
    let h = top + row_h * base.len() as f64 + 40.0;
    let mid = w / 2.0;
    let gap = 28.0; // room for the age labels
    let half = mid - gap - 20.0;
    let max = base
        .iter()
        .chain(projected.unwrap_or(&[]))
        .map(|(_, m, f)| m.max(*f))
        .fold(0.0, f64::max);
    let (max, _) = nice(max);
    let scale = |v: f64| v / max * half;
    let mut out = String::new();
    open(&mut out, id, w, h, &labels.title, &labels.desc);
    // Legend.
    let _ = write!(
        out,
        r#"<rect x="20" y="8" width="14" height="12" fill="{BLUE}"/><rect x="36" y="8" width="14" height="12" fill="{MAGENTA}"/>"#
    );
    text(&mut out, 56.0, 19.0, "start", &labels.base);
    if foreign.is_some() {
        // Diagonal stripes of the bar colour on white: each stripe reaches the contrast of
        // the colour itself (≥ 7:1), the white gaps make the pattern.
        for (name, colour) in [("m", BLUE), ("f", MAGENTA)] {
            let _ = write!(
                out,
                r#"<defs><pattern id="{id}-hatch-{name}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/><rect width="3" height="6" fill="{colour}"/></pattern></defs>"#
            );
        }
        let _ = write!(
            out,
            r#"<rect x="20" y="24" width="14" height="12" fill="url(#{id}-hatch-m)" stroke="{BLUE}"/><rect x="36" y="24" width="14" height="12" fill="url(#{id}-hatch-f)" stroke="{MAGENTA}"/>"#
        );
        text(&mut out, 56.0, 35.0, "start", &labels.foreign);
    }
    if projected.is_some() {
        let _ = write!(
            out,
            r#"<rect x="330" y="8" width="28" height="12" fill="none" stroke="{ORANGE}" stroke-width="2.5"/>"#
        );
        text(&mut out, 364.0, 19.0, "start", &labels.projected);
    }
    text(&mut out, mid - gap - 4.0, top - 6.0, "end", &labels.male);
    text(
        &mut out,
        mid + gap + 4.0,
        top - 6.0,
        "start",
        &labels.female,
    );
    // Oldest at the top.
    let n = base.len();
    for (i, (label, m, f)) in base.iter().enumerate() {
        let y = top + (n - 1 - i) as f64 * row_h;
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{BLUE}"/><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{MAGENTA}"/>"#,
            mid - gap - scale(*m),
            y + 1.0,
            scale(*m),
            row_h - 2.0,
            mid + gap,
            y + 1.0,
            scale(*f),
            row_h - 2.0
        );
        if let Some((fm, ff)) = foreign.and_then(|f| f.get(i)) {
            // The foreign part at the outer end of each bar.
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="url(#{id}-hatch-m)" stroke="{BLUE}"/><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="url(#{id}-hatch-f)" stroke="{MAGENTA}"/>"#,
                mid - gap - scale(*m),
                y + 1.0,
                scale(fm.min(*m)),
                row_h - 2.0,
                mid + gap + scale(*f) - scale(ff.min(*f)),
                y + 1.0,
                scale(ff.min(*f)),
                row_h - 2.0
            );
        }
        text(&mut out, mid, y + row_h - 4.0, "middle", label);
    }
    if let Some(p) = projected {
        for (i, (_, m, f)) in p.iter().enumerate() {
            let y = top + (n - 1 - i) as f64 * row_h;
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{ORANGE}" stroke-width="2"/><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{ORANGE}" stroke-width="2"/>"#,
                mid - gap - scale(*m),
                y + 1.0,
                scale(*m),
                row_h - 2.0,
                mid + gap,
                y + 1.0,
                scale(*f),
                row_h - 2.0
            );
        }
    }
    // Axis ticks.
    let axis_y = top + row_h * n as f64 + 4.0;
    let _ = write!(
        out,
        r#"<line x1="20" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="{INK}"/>"#,
        w - 20.0
    );
    for v in [0.0, max / 2.0, max] {
        text(
            &mut out,
            mid - gap - scale(v),
            axis_y + 16.0,
            "middle",
            &fmt(v),
        );
        text(
            &mut out,
            mid + gap + scale(v),
            axis_y + 16.0,
            "middle",
            &fmt(v),
        );
    }
    out.push_str("</svg>");
    out
}

/// One line of a time series: values per year, with optional 80 % and 95 % bands.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub colour: &'static str,
    /// `None` = solid, `Some("6 4")` = dashed.
    pub dash: Option<&'static str>,
    pub points: Vec<(i64, f64)>,
    /// (year, low, high) of the 80 % interval.
    pub band80: Vec<(i64, f64, f64)>,
    /// (year, low, high) of the 95 % interval.
    pub band95: Vec<(i64, f64, f64)>,
}

/// Lines over years with interval bands; `legend` names the band fills.
pub fn lines(
    id: &str,
    title: &str,
    desc: &str,
    series: &[Line],
    band_labels: (&str, &str),
    fmt: impl Fn(f64) -> String,
) -> String {
    let (w, h) = (640.0, 320.0);
    let (left, right, top, bottom) = (64.0, 16.0, 24.0 + 16.0 * series.len() as f64, 36.0);
    let years: Vec<i64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let (Some(y0), Some(y1)) = (years.iter().min(), years.iter().max()) else {
        let mut out = String::new();
        open(&mut out, id, w, 40.0, title, desc);
        out.push_str("</svg>");
        return out;
    };
    let values = series.iter().flat_map(|s| {
        s.points
            .iter()
            .map(|p| p.1)
            .chain(s.band95.iter().flat_map(|b| [b.1, b.2]))
            .chain(s.band80.iter().flat_map(|b| [b.1, b.2]))
    });
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi, step) = span(lo, hi);
    let x = |year: i64| left + (year - y0) as f64 / ((y1 - y0).max(1)) as f64 * (w - left - right);
    let y = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
    let mut out = String::new();
    open(&mut out, id, w, h, title, desc);
    // Grid and value axis.
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#c8c8c8"/>"##,
            y(v),
            w - right
        );
        text(&mut out, left - 6.0, y(v) + 4.0, "end", &fmt(v));
        v += step;
    }
    // Year axis: about six labels.
    let every = ((y1 - y0) / 6).max(1);
    let mut yr = *y0;
    while yr <= *y1 {
        text(
            &mut out,
            x(yr),
            h - bottom + 18.0,
            "middle",
            &yr.to_string(),
        );
        yr += every;
    }
    let band = |out: &mut String, b: &[(i64, f64, f64)], fill: &str| {
        if b.len() < 2 {
            return;
        }
        let mut d = String::new();
        for (i, (yr, _, high)) in b.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1} ",
                if i == 0 { "M" } else { "L" },
                x(*yr),
                y(*high)
            );
        }
        for (yr, low, _) in b.iter().rev() {
            let _ = write!(d, "L{:.1},{:.1} ", x(*yr), y(*low));
        }
        let _ = write!(out, r#"<path d="{d}Z" fill="{fill}"/>"#);
    };
    for s in series {
        band(&mut out, &s.band95, BAND95);
        band(&mut out, &s.band80, BAND80);
    }
    for s in series {
        if s.points.is_empty() {
            continue;
        }
        let mut d = String::new();
        for (i, (yr, v)) in s.points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1} ",
                if i == 0 { "M" } else { "L" },
                x(*yr),
                y(*v)
            );
        }
        let dash = s
            .dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="2.5"{dash}/>"#,
            s.colour
        );
    }
    // Legend.
    let mut ly = 14.0;
    for s in series {
        let dash = s
            .dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<line x1="{left}" y1="{0}" x2="{1}" y2="{0}" stroke="{2}" stroke-width="2.5"{dash}/>"#,
            ly - 4.0,
            left + 28.0,
            s.colour
        );
        text(&mut out, left + 34.0, ly, "start", &s.label);
        ly += 16.0;
    }
    if series.iter().any(|s| !s.band80.is_empty()) {
        let lx = w - right - 230.0;
        let _ = write!(
            out,
            r#"<rect x="{lx}" y="4" width="14" height="12" fill="{BAND80}" stroke="{INK}" stroke-width="0.5"/><rect x="{}" y="4" width="14" height="12" fill="{BAND95}" stroke="{INK}" stroke-width="0.5"/>"#,
            lx + 110.0
        );
        text(&mut out, lx + 18.0, 14.0, "start", band_labels.0);
        text(&mut out, lx + 128.0, 14.0, "start", band_labels.1);
    }
    out.push_str("</svg>");
    out
}

/// One bar: year, value, optional 80 % and 95 % whiskers (low, high).
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    pub year: i64,
    pub value: f64,
    pub whisker80: Option<(f64, f64)>,
    pub whisker95: Option<(f64, f64)>,
}

/// Bars around zero: shortfalls (negative) red, free places green, with interval whiskers.
pub fn gap_bars(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    legend: (&str, &str, &str),
    fmt: impl Fn(f64) -> String,
) -> String {
    let (w, h) = (640.0, 300.0);
    let (left, right, top, bottom) = (64.0, 16.0, 30.0, 36.0);
    let mut out = String::new();
    open(&mut out, id, w, h, title, desc);
    if bars.is_empty() {
        out.push_str("</svg>");
        return out;
    }
    let all = bars.iter().flat_map(|b| {
        [b.value, 0.0]
            .into_iter()
            .chain(b.whisker95.map(|x| [x.0, x.1]).into_iter().flatten())
            .chain(b.whisker80.map(|x| [x.0, x.1]).into_iter().flatten())
    });
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi, step) = span(lo, hi);
    let y = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
    let slot = (w - left - right) / bars.len() as f64;
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#c8c8c8"/>"##,
            y(v),
            w - right
        );
        text(&mut out, left - 6.0, y(v) + 4.0, "end", &fmt(v));
        v += step;
    }
    let every = (bars.len() / 8).max(1);
    for (i, b) in bars.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let bw = (slot * 0.6).max(2.0);
        let (y_top, y_bottom) = if b.value >= 0.0 {
            (y(b.value), y(0.0))
        } else {
            (y(0.0), y(b.value))
        };
        let colour = if b.value < 0.0 { RED } else { GREEN };
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{y_top:.1}" width="{bw:.1}" height="{:.1}" fill="{colour}"/>"#,
            cx - bw / 2.0,
            (y_bottom - y_top).max(0.5)
        );
        for (whisker, width) in [(b.whisker95, 1.0), (b.whisker80, 2.5)] {
            if let Some((l, hgh)) = whisker {
                let _ = write!(
                    out,
                    r#"<line x1="{cx:.1}" y1="{:.1}" x2="{cx:.1}" y2="{:.1}" stroke="{INK}" stroke-width="{width}"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}" stroke-width="{width}"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{INK}" stroke-width="{width}"/>"#,
                    y(l),
                    y(hgh),
                    cx - 4.0,
                    y(l),
                    cx + 4.0,
                    y(l),
                    cx - 4.0,
                    y(hgh),
                    cx + 4.0,
                    y(hgh)
                );
            }
        }
        if i % every == 0 {
            text(
                &mut out,
                cx,
                h - bottom + 18.0,
                "middle",
                &b.year.to_string(),
            );
        }
    }
    let _ = write!(
        out,
        r#"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="{INK}" stroke-width="1.5"/>"#,
        y(0.0),
        w - right
    );
    let _ = write!(
        out,
        r#"<rect x="{left}" y="6" width="14" height="12" fill="{RED}"/><rect x="{}" y="6" width="14" height="12" fill="{GREEN}"/><line x1="{}" y1="6" x2="{}" y2="18" stroke="{INK}" stroke-width="2.5"/>"#,
        left + 170.0,
        left + 347.0,
        left + 347.0
    );
    text(&mut out, left + 18.0, 16.0, "start", legend.0);
    text(&mut out, left + 188.0, 16.0, "start", legend.1);
    text(&mut out, left + 354.0, 16.0, "start", legend.2);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_labelled_images_and_escape_text() {
        let svg = lines(
            "t",
            "Einwohner <Grimma>",
            "d",
            &[Line {
                label: "A & B".into(),
                colour: BLUE,
                dash: None,
                points: vec![(2023, 10.0), (2030, 12.0)],
                band80: vec![(2023, 10.0, 10.0), (2030, 11.0, 13.0)],
                band95: vec![],
            }],
            ("80 %", "95 %"),
            |v| format!("{v}"),
        );
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="t-title t-desc""#));
        assert!(svg.contains("Einwohner &lt;Grimma&gt;"));
        assert!(svg.contains("A &amp; B"));
        assert!(!svg.contains("style="));
        let bars = gap_bars(
            "g",
            "Lücke",
            "d",
            &[Bar {
                year: 2030,
                value: -5.0,
                whisker80: Some((-8.0, -2.0)),
                whisker95: None,
            }],
            ("a", "b", "c"),
            |v| format!("{v}"),
        );
        assert!(bars.contains(RED));
        assert_eq!(nice(87.0), (100.0, 25.0));
    }
}
