//! The map as server-side SVG: the municipal boundaries (GeoJSON polygons, longitude and
//! latitude) drawn as paths, each with its name, and the producers as dots that link to their
//! pages. The projection is equirectangular with longitude scaled by the cosine of the
//! middle latitude — right enough for a district of 50 km. No script, no tiles, no request to
//! anyone else.

use std::fmt::Write;

use serde_json::Value;
use standort_app::showcase::MapData;

use super::public::PublicLayout;
use super::seo::short_region;

/// The drawing's width in SVG units; the height follows the area's shape.
const WIDTH: f64 = 640.0;
const PAD: f64 = 12.0;

/// Every ring of a GeoJSON Polygon or MultiPolygon, as (longitude, latitude) points.
fn rings(geometry: &str) -> Vec<Ring> {
    let Ok(v) = serde_json::from_str::<Value>(geometry) else {
        return Vec::new();
    };
    let point = |p: &Value| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?));
    let ring = |r: &Value| -> Vec<(f64, f64)> {
        r.as_array()
            .map(|pts| pts.iter().filter_map(point).collect())
            .unwrap_or_default()
    };
    let polygon = |p: &Value| -> Vec<Vec<(f64, f64)>> {
        p.as_array()
            .map(|rs| rs.iter().map(ring).collect())
            .unwrap_or_default()
    };
    match v["type"].as_str() {
        Some("Polygon") => polygon(&v["coordinates"]),
        Some("MultiPolygon") => v["coordinates"]
            .as_array()
            .map(|ps| ps.iter().flat_map(polygon).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A closed line of (longitude, latitude) points: one outline of a region.
type Ring = Vec<(f64, f64)>;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG of the map, or `None` when there is nothing to draw.
pub fn svg(l: &PublicLayout, data: &MapData) -> Option<String> {
    let shapes: Vec<(&str, Vec<Ring>)> = data
        .boundaries
        .iter()
        .map(|b| (b.region_name.as_str(), rings(&b.geometry)))
        .collect();
    let all: Vec<(f64, f64)> = shapes
        .iter()
        .flat_map(|(_, rs)| rs.iter().flatten().copied())
        .chain(data.dots.iter().map(|d| (d.lon, d.lat)))
        .collect();
    if all.is_empty() {
        return None;
    }
    let (mut w, mut e, mut s, mut n) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in &all {
        w = w.min(*x);
        e = e.max(*x);
        s = s.min(*y);
        n = n.max(*y);
    }
    let kx = ((s + n) / 2.0).to_radians().cos();
    let span_x = ((e - w) * kx).max(1e-6);
    let span_y = (n - s).max(1e-6);
    let scale = (WIDTH - 2.0 * PAD) / span_x;
    let height = span_y * scale + 2.0 * PAD;
    let px = |lon: f64, lat: f64| (PAD + (lon - w) * kx * scale, PAD + (n - lat) * scale);
    let mut out = String::new();
    let title = l.tr.t("showcase-map-title");
    let _ = write!(
        out,
        "<svg class=\"map\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"group\" aria-labelledby=\"map-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">{}</title>",
        esc(&title)
    );
    for (name, rs) in &shapes {
        let mut d = String::new();
        for r in rs {
            for (i, (x, y)) in r.iter().enumerate() {
                let (a, b) = px(*x, *y);
                let _ = write!(d, "{}{a:.1},{b:.1}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        let _ = write!(
            out,
            "<path class=\"map-area\" d=\"{d}\" fill=\"#e6efe3\" stroke=\"#5b6b58\" stroke-width=\"1\" aria-hidden=\"true\"/>"
        );
        // The name at the middle of the outer ring's box.
        if let Some(r) = rs.first().filter(|r| !r.is_empty()) {
            let (mut a, mut b, mut c, mut d2) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
            for (x, y) in r {
                let (p, q) = px(*x, *y);
                a = a.min(p);
                b = b.max(p);
                c = c.min(q);
                d2 = d2.max(q);
            }
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#1f2a1d\" font-size=\"13\" aria-hidden=\"true\">{}</text>",
                (a + b) / 2.0,
                c + 16.0,
                esc(short_region(Some(name)))
            );
        }
    }
    for d in &data.dots {
        let (x, y) = px(d.lon, d.lat);
        let label = format!("{} ({})", d.name, l.category(d.category));
        let _ = write!(
            out,
            "<a href=\"{}\" aria-label=\"{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#8a2d0f\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>{}</title></circle></a>",
            esc(&l.link(&format!("/regional/erzeuger/{}", d.slug))),
            esc(&label),
            esc(&label)
        );
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::rings;

    #[test]
    fn polygons_and_multipolygons_are_read() {
        let p = r#"{"type":"Polygon","coordinates":[[[12.3,51.4],[12.5,51.4],[12.5,51.2],[12.3,51.4]]]}"#;
        assert_eq!(rings(p).len(), 1);
        assert_eq!(rings(p)[0].len(), 4);
        let m = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}"#;
        assert_eq!(rings(m).len(), 2);
        assert!(rings(r#"{"type":"Point","coordinates":[1,2]}"#).is_empty());
        assert!(rings("not json").is_empty());
    }
}
