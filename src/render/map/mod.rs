//! Maps drawn at build time as inline SVG (FORMAT §14): no script, no
//! tiles, no request to another host. An incident's page shows the region
//! around it — its mark, track and area on Natural Earth's land, with the
//! site's own layers where they cross — and `map/` every incident, each
//! mark a link.
//!
//! # Projection and views
//!
//! Web Mercator (the projection readers know from online maps), 640 × 400
//! units. A view spans a power of two times [`MIN_SPAN`] degrees of
//! longitude, the smallest that holds what it shows with a margin, and its
//! centre is snapped to an eighth of its size, so neighbouring incidents
//! share a view and its land is drawn once (`land::land_path`).
//!
//! # Text
//!
//! The SVG holds no text, so none of it shrinks on a phone: the scale
//! bar's length is drawn, and its label, the coordinates, the layers' key
//! and the credits are HTML around it (`partials/map.html`). Each map has
//! a title and a description, its text equivalent, which the figure's
//! caption also shows.

mod clip;
mod land;

use crate::model::{Incident, MapLayer, MapShape, Precision, ShapeKind};
use crate::render::context::{MapCtx, MapLayerKey};
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4};
use std::fmt::Write;

/// The map's size in SVG units.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 400.0;

/// The narrowest view, in degrees of longitude: about 670 km at 60° N,
/// the Gulf of Finland from Hanko to St Petersburg with the coasts
/// around it.
pub const MIN_SPAN: f64 = 12.0;

/// How many map layer styles the stylesheet has (`layer-1`…); more layers
/// repeat them.
const LAYER_STYLES: usize = 4;

/// The most bytes all layers of one map take together.
const LAYERS_BUDGET: usize = 10_000;

/// Mercator's ordinate of a latitude (clamped to ±85°, as web maps do).
pub fn merc(lat: f64) -> f64 {
    let phi = lat.clamp(-85.0, 85.0).to_radians();
    (FRAC_PI_4 + phi / 2.0).tan().ln()
}

/// The latitude of a Mercator ordinate.
fn unmerc(y: f64) -> f64 {
    (2.0 * y.exp().atan() - FRAC_PI_2).to_degrees()
}

/// What a map shows: `span` degrees of longitude from `west`, and from the
/// Mercator ordinate `top` down, at `k` units per radian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub west: f64,
    pub span: f64,
    pub top: f64,
    pub k: f64,
}

impl View {
    /// The view that shows every `(lat, lon)` point with a margin, at
    /// least `min_span` degrees wide; the whole world when nothing is
    /// given or the points are that far apart.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>, min_span: f64) -> View {
        let bounds = crate::model::Bounds::of(points);
        let (south, west, north, east) = bounds.map_or((-60.0, -180.0, 80.0, 180.0), |b| {
            (b.south, b.west, b.north, b.east)
        });
        let (y_south, y_north) = (merc(south), merc(north));
        let mut span = min_span;
        while span < 360.0 {
            let k = WIDTH / span.to_radians();
            if (east - west) * 1.25 <= span && (y_north - y_south) * 1.25 <= HEIGHT / k {
                break;
            }
            span *= 2.0;
        }
        let span = span.min(360.0);
        let k = WIDTH / span.to_radians();
        let height = HEIGHT / k;
        // The centre, snapped to an eighth of the view, and kept inside
        // the world (longitude ±180, latitude ±85).
        let step_x = span / 8.0;
        let half = span / 2.0;
        let cx =
            (((west + east) / 2.0 / step_x).round() * step_x).clamp(-180.0 + half, 180.0 - half);
        let step_y = height / 8.0;
        let limit = merc(85.0) - height / 2.0;
        let cy = ((y_north + y_south) / 2.0 / step_y).round() * step_y;
        let cy = if limit > 0.0 {
            cy.clamp(-limit, limit)
        } else {
            0.0
        };
        View {
            west: cx - half,
            span,
            top: cy + height / 2.0,
            k,
        }
    }

    /// A key naming the view exactly (views are snapped, so equal views
    /// have equal keys).
    fn key(&self) -> (u64, u64, u64) {
        (self.west.to_bits(), self.span.to_bits(), self.top.to_bits())
    }

    /// Where a longitude and Mercator ordinate fall, in SVG units.
    fn screen(&self, lon: f64, y: f64) -> (f64, f64) {
        (
            (lon - self.west).to_radians() * self.k,
            (self.top - y) * self.k,
        )
    }

    /// Where a point falls, in SVG units (`(0, 0)` the top left corner).
    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        self.screen(lon, merc(lat))
    }

    /// The box of latitudes and longitudes the view shows.
    pub fn bounds(&self) -> crate::model::Bounds {
        crate::model::Bounds {
            south: unmerc(self.top - HEIGHT / self.k),
            west: self.west,
            north: unmerc(self.top),
            east: self.west + self.span,
        }
    }

    /// The latitude at the middle of the view.
    fn middle_lat(&self) -> f64 {
        unmerc(self.top - HEIGHT / self.k / 2.0)
    }

    /// A scale bar for the view's middle latitude: its length in SVG
    /// units and what it measures ("50 km"); `None` when the view is so
    /// large that Mercator's scale changes too much across it.
    fn scale_bar(&self) -> Option<(f64, String)> {
        if self.span > 60.0 {
            return None;
        }
        const EARTH_KM: f64 = 6371.0088;
        let km_per_unit = EARTH_KM * self.middle_lat().to_radians().cos() / self.k;
        // The longest round length that fits in a quarter of the width.
        let most = WIDTH / 4.0 * km_per_unit;
        let mut best = 1.0;
        for exponent in -1..5 {
            for base in [1.0, 2.0, 5.0] {
                let km = base * 10f64.powi(exponent);
                if km <= most {
                    best = km;
                }
            }
        }
        let label = if best < 1.0 {
            format!("{} m", (best * 1000.0).round())
        } else if best >= 1000.0 {
            let km = best as u64;
            format!("{},{:03} km", km / 1000, km % 1000)
        } else {
            format!("{best} km")
        };
        Some((best / km_per_unit, label))
    }
}

/// "59.80° N, 24.60° E".
pub fn position_text(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}° {}, {:.2}° {}",
        lat.abs(),
        if lat < 0.0 { 'S' } else { 'N' },
        lon.abs(),
        if lon < 0.0 { 'W' } else { 'E' }
    )
}

/// An incident's own map: the region around everything it places (its
/// point, track and area), or `None` when it has no coordinates.
pub fn incident_map(incident: &Incident, layers: &[MapLayer]) -> Option<MapCtx> {
    let placed: Vec<(f64, f64)> = incident
        .point
        .iter()
        .copied()
        .chain(incident.track.iter().map(|&(lat, lon, _)| (lat, lon)))
        .chain(incident.area.iter().copied())
        .collect();
    if placed.is_empty() {
        return None;
    }
    let view = View::around(placed.iter().copied(), MIN_SPAN);
    let mut body = String::new();
    let mut words = Vec::new();
    if incident.area.len() >= 3 {
        let ring: Vec<(f64, f64)> = incident
            .area
            .iter()
            .map(|&(lat, lon)| view.project(lat, lon))
            .collect();
        let ring = clip::rounded(&clip::clip_ring(&ring, frame()));
        if ring.len() >= 3 {
            body.push_str("<path class=\"area\" d=\"");
            clip::write_path(&mut body, &ring, true);
            body.push_str("\"/>");
        }
        words.push(format!(
            "the area it happened in, {} corners, is shaded",
            incident.area.len()
        ));
    }
    if incident.track.len() >= 2 {
        let line: Vec<(f64, f64)> = incident
            .track
            .iter()
            .map(|&(lat, lon, _)| view.project(lat, lon))
            .collect();
        for piece in clip::clip_line(&line, frame()) {
            let piece = clip::rounded(&clip::simplify(&piece, 0.5, false));
            body.push_str("<path class=\"track\" d=\"");
            clip::write_path(&mut body, &piece, false);
            body.push_str("\"/>");
        }
        let (first, last) = (
            &incident.track[0],
            &incident.track[incident.track.len() - 1],
        );
        for (class, &(lat, lon, _)) in [("track-start", first), ("track-end", last)] {
            let (x, y) = view.project(lat, lon);
            let _ = write!(
                body,
                "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"/>"
            );
        }
        words.push(format!(
            "a line traces its track of {} points, from {} (hollow dot) to {} (filled dot)",
            incident.track.len(),
            position_text(first.0, first.1),
            position_text(last.0, last.1)
        ));
    }
    if let Some((lat, lon)) = incident.point {
        let (x, y) = view.project(lat, lon);
        let ring = match incident.precision {
            Some(Precision::Approximate) => Some(14.0),
            Some(Precision::Area | Precision::Region | Precision::Country) => Some(24.0),
            Some(Precision::Exact) | None => None,
        };
        if let Some(r) = ring {
            let _ = write!(
                body,
                "<circle class=\"uncertain\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\"/>"
            );
        }
        let _ = write!(
            body,
            "<circle class=\"mark\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/>"
        );
        words.push(format!(
            "a dot marks {}{}",
            position_text(lat, lon),
            incident
                .precision
                .map(|p| format!(
                    " ({}{})",
                    p.label(),
                    if ring.is_some() { ", ringed" } else { "" }
                ))
                .unwrap_or_default()
        ));
    }
    let title = format!("Map of {}", incident.place);
    let what = format!("{}: {}.", incident.place, words.join("; "));
    Some(draw(&view, layers, &title, &what, "img", &body))
}

/// One incident on the map of them all.
pub struct Mark<'a> {
    pub lat: f64,
    pub lon: f64,
    /// The incident's page, relative to the map's page.
    pub url: &'a str,
    /// What the link says: the incident's title and date.
    pub label: &'a str,
}

/// The map of many incidents (`map/`), each mark a link; `None` when none
/// of them has a position.
pub fn overview_map(marks: &[Mark], layers: &[MapLayer]) -> Option<MapCtx> {
    if marks.is_empty() {
        return None;
    }
    let view = View::around(marks.iter().map(|m| (m.lat, m.lon)), MIN_SPAN);
    let mut body = String::new();
    for m in marks {
        let (x, y) = view.project(m.lat, m.lon);
        let _ = write!(
            body,
            "<a href=\"{}\"><title>{}</title><circle class=\"hit\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"18\"/><circle class=\"mark\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\"/></a>",
            escape(m.url),
            escape(m.label)
        );
    }
    let what = format!(
        "{} incident{} marked; each dot links to the incident's page, and the list gives them as text.",
        marks.len(),
        if marks.len() == 1 { " is" } else { "s are" },
    );
    Some(draw(
        &view,
        layers,
        "Map of the incidents",
        &what,
        "group",
        &body,
    ))
}

/// The frame marks and tracks are clipped to (a little outside the view).
fn frame() -> clip::Frame {
    (-8.0, -8.0, WIDTH + 8.0, HEIGHT + 8.0)
}

/// The whole picture: sea, land, the layers that cross the view, `body`
/// (the marks) and the scale bar, with its title and description.
fn draw(
    view: &View,
    layers: &[MapLayer],
    title: &str,
    what: &str,
    role: &str,
    body: &str,
) -> MapCtx {
    let b = view.bounds();
    let land = land::land_path(view);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"map\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"{role}\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title><desc>{}</desc><rect class=\"sea\" width=\"{WIDTH}\" height=\"{HEIGHT}\"/><path class=\"land\" d=\"{}\"/>",
        escape(title),
        escape(title),
        escape(what),
        land.0
    );
    if !land.1.is_empty() {
        let _ = write!(svg, "<path class=\"border\" d=\"{}\"/>", land.1);
    }
    let crossing: Vec<(usize, &MapLayer)> = layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.shapes.iter().any(|s| s.bounds.meets(&b)))
        .collect();
    let budget = LAYERS_BUDGET / crossing.len().max(1);
    let mut keys = Vec::new();
    for &(i, layer) in &crossing {
        let style = i % LAYER_STYLES + 1;
        let _ = write!(svg, "<g class=\"layer layer-{style}\">");
        svg.push_str(&layer_paths(view, &layer.shapes, budget));
        svg.push_str("</g>");
        keys.push(MapLayerKey {
            style,
            title: layer.title.clone(),
            attribution: layer.attribution.clone(),
        });
    }
    svg.push_str(body);
    let scale = view.scale_bar();
    if let Some((length, _)) = &scale {
        let _ = write!(
            svg,
            "<path class=\"scale\" d=\"M16 {y}v8h{length:.1}v-8\"/>",
            y = HEIGHT - 24.0
        );
    }
    svg.push_str("</svg>");
    let extent = format!(
        "The map spans {} to {}",
        position_text(b.south, b.west),
        position_text(b.north, b.east)
    );
    MapCtx {
        svg,
        scale: scale.as_ref().map(|(_, label)| label.clone()),
        scale_note: scale.map(|(_, label)| {
            format!(
                "The bar at the bottom left is {label} long at {:.0}° {} (Web Mercator).",
                view.middle_lat().abs(),
                if view.middle_lat() < 0.0 { 'S' } else { 'N' }
            )
        }),
        text: format!("{what} {extent}."),
        layers: keys,
    }
}

/// The parts of a layer's shapes inside the view, simplified until they
/// fit in `budget` bytes.
fn layer_paths(view: &View, shapes: &[MapShape], budget: usize) -> String {
    let b = view.bounds();
    let mut tolerance = 0.75;
    loop {
        let mut areas = String::new();
        let mut lines = String::new();
        let mut points = String::new();
        for shape in shapes.iter().filter(|s| s.bounds.meets(&b)) {
            for part in &shape.parts {
                let projected: Vec<(f64, f64)> = part
                    .iter()
                    .map(|&(lat, lon)| view.project(lat, lon))
                    .collect();
                match shape.kind {
                    ShapeKind::Area => {
                        // An outline, clipped as a line so that the
                        // frame's edge is not drawn.
                        let mut closed = projected.clone();
                        if closed.first() != closed.last() {
                            closed.extend(closed.first().copied());
                        }
                        for piece in clip::clip_line(&closed, frame()) {
                            let piece = clip::rounded(&clip::simplify(&piece, tolerance, false));
                            clip::write_path(&mut areas, &piece, false);
                        }
                    }
                    ShapeKind::Line => {
                        for piece in clip::clip_line(&projected, frame()) {
                            let piece = clip::rounded(&clip::simplify(&piece, tolerance, false));
                            clip::write_path(&mut lines, &piece, false);
                        }
                    }
                    ShapeKind::Point => {
                        for &p in projected.iter().filter(|&&p| clip::inside(p, frame())) {
                            let (x, y) = (p.0.round() as i32, p.1.round() as i32);
                            let _ = write!(points, "M{} {}h6v6h-6z", x - 3, y - 3);
                        }
                    }
                }
            }
        }
        let mut out = String::new();
        for (class, d) in [("outline", areas), ("line", lines), ("point", points)] {
            if !d.is_empty() {
                let _ = write!(out, "<path class=\"{class}\" d=\"{d}\"/>");
            }
        }
        if out.len() <= budget || tolerance > 40.0 {
            return out;
        }
        tolerance *= 2.0;
    }
}

fn escape(text: &str) -> String {
    crate::diagnostics::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The land path as rings of whole units (the path is `M x y l dx dy
    /// … z` for each ring, as `clip::write_path` writes it).
    fn rings_of(d: &str) -> Vec<Vec<(f64, f64)>> {
        let mut rings = Vec::new();
        for ring in d.split('M').filter(|r| !r.is_empty()) {
            let ring = ring.trim_end_matches('z');
            let (start, rest) = ring.split_once('l').unwrap_or((ring, ""));
            let start: Vec<f64> = start.split(' ').map(|v| v.parse().unwrap()).collect();
            let mut numbers = Vec::new();
            let mut current = String::new();
            for c in rest.chars() {
                if (c == '-' || c == ' ') && !current.is_empty() {
                    numbers.push(current.parse::<f64>().unwrap());
                    current.clear();
                }
                if c != ' ' {
                    current.push(c);
                }
            }
            if !current.is_empty() {
                numbers.push(current.parse().unwrap());
            }
            let mut p = (start[0], start[1]);
            let mut points = vec![p];
            for pair in numbers.chunks(2) {
                p = (p.0 + pair[0], p.1 + pair[1]);
                points.push(p);
            }
            rings.push(points);
        }
        rings
    }

    /// Even–odd: whether a point is inside the land the path draws.
    fn on_land(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
        let mut inside = false;
        for ring in rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    #[test]
    fn known_places_fall_on_land_and_sea() {
        // The Estlink 2 area, in the Gulf of Finland.
        let view = View::around([(59.9, 25.3)], MIN_SPAN);
        let b = view.bounds();
        assert!(b.west < 22.9 && b.east > 30.3, "the gulf end to end: {b:?}");
        let rings = rings_of(&land::land_path(&view).0);
        let land = [
            ("Lahti", 60.98, 25.66),
            ("Rakvere", 59.35, 26.36),
            ("Porvoo inland", 60.45, 25.70),
        ];
        let sea = [
            ("mid-gulf off Helsinki", 59.85, 25.0),
            ("off Kunda", 59.70, 26.6),
            ("west of Hanko", 59.75, 22.5),
        ];
        for (name, lat, lon) in land {
            assert!(
                on_land(&rings, view.project(lat, lon)),
                "{name} should be land"
            );
        }
        for (name, lat, lon) in sea {
            assert!(
                !on_land(&rings, view.project(lat, lon)),
                "{name} should be sea"
            );
        }
    }

    #[test]
    fn a_continent_across_the_date_line_fills_only_its_land() {
        // From the Baltic to the Yellow Sea: Russia's ring crosses the
        // antimeridian, and must not close across the map.
        let view = View::around(
            [(58.0, 14.5), (60.1, 27.9), (14.2, 39.9), (38.4, 124.9)],
            MIN_SPAN,
        );
        let rings = rings_of(&land::land_path(&view).0);
        for (name, lat, lon) in [
            ("Norwegian Sea", 70.0, 3.0),
            ("Barents Sea", 71.0, 40.0),
            ("Atlantic", 69.0, -15.0),
        ] {
            assert!(
                !on_land(&rings, view.project(lat, lon)),
                "{name} should be sea"
            );
        }
        for (name, lat, lon) in [("Siberia", 62.0, 100.0), ("Finnmark", 69.5, 25.0)] {
            assert!(
                on_land(&rings, view.project(lat, lon)),
                "{name} should be land"
            );
        }
    }

    #[test]
    fn projection_keeps_order_and_centre() {
        let view = View::around([(59.9, 25.3)], MIN_SPAN);
        let (hx, hy) = view.project(60.17, 24.94); // Helsinki
        let (tx, ty) = view.project(59.44, 24.75); // Tallinn
        assert!(ty > hy, "Tallinn lies south of Helsinki, lower on the map");
        assert!(tx < hx, "and a little west");
        // The point shown sits near the middle of the view.
        let (x, y) = view.project(59.9, 25.3);
        assert!((x - WIDTH / 2.0).abs() < WIDTH / 8.0, "{x}");
        assert!((y - HEIGHT / 2.0).abs() < HEIGHT / 8.0, "{y}");
        // Mercator: a degree of latitude is longer in the north.
        let south = view.project(59.0, 25.0).1 - view.project(60.0, 25.0).1;
        let north = view.project(60.0, 25.0).1 - view.project(61.0, 25.0).1;
        assert!(north > south);
        // The equator and the prime meridian of a world view.
        let world = View::around([(0.0, 0.0), (60.0, 170.0), (-40.0, -170.0)], MIN_SPAN);
        assert_eq!(world.span, 360.0);
        let (x, _) = world.project(0.0, 0.0);
        assert!((x - WIDTH / 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_view_holds_everything_it_shows() {
        let points = [(54.5, 13.0), (60.3, 27.9), (57.0, 18.0)];
        let view = View::around(points, MIN_SPAN);
        for (lat, lon) in points {
            let (x, y) = view.project(lat, lon);
            assert!(
                (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y),
                "{lat},{lon}"
            );
        }
        // Near the pole and the date line: clamped, still inside.
        for p in [(84.0, 179.0), (-84.0, -179.9), (0.0, 180.0)] {
            let view = View::around([p], MIN_SPAN);
            let (x, y) = view.project(p.0, p.1);
            assert!(
                (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y),
                "{p:?}"
            );
        }
    }

    #[test]
    fn an_incident_map_stays_within_its_budget() {
        // The largest land drawings: the Baltic, the Aegean's islands, Norway's fjords.
        for (lat, lon) in [(59.9, 25.3), (37.5, 25.0), (62.0, 5.5), (56.0, 12.0)] {
            let view = View::around([(lat, lon)], MIN_SPAN);
            let land = land::land_path(&view);
            let bytes = land.0.len() + land.1.len();
            assert!(bytes <= 24_000, "{lat},{lon}: {bytes} bytes");
        }
    }

    #[test]
    fn scale_bars_measure_the_middle_latitude() {
        let view = View::around([(59.9, 25.3)], MIN_SPAN);
        let (length, label) = view.scale_bar().unwrap();
        assert_eq!(label, "100 km");
        // 100 km at ~60° N: a degree of longitude there is ~55.6 km.
        let degrees = 100.0 / (111.195 * view.middle_lat().to_radians().cos());
        let expected = degrees * WIDTH / view.span;
        assert!((length - expected).abs() < 0.5, "{length} vs {expected}");
        let world = View::around([(0.0, 0.0), (60.0, 170.0), (-40.0, -170.0)], MIN_SPAN);
        assert!(world.scale_bar().is_none());
    }
}
