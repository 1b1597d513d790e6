//! site.yaml's `map_layers`: each GeoJSON file parsed and checked, its
//! geometries kept as shapes for the maps (FORMAT §14).

use crate::diagnostics::{Diagnostic, Pos};
use crate::load::yaml::YamlPath;
use crate::load::Loaded;
use crate::model::{Bounds, MapLayer, MapShape, ShapeKind};
use geojson::{GeoJson, Geometry, GeometryValue, Position};
use std::hash::{Hash, Hasher};

/// The layers site.yaml names, in its order; a layer with a problem is
/// reported and left out.
pub fn layers(loaded: &Loaded, diagnostics: &mut Vec<Diagnostic>) -> Vec<MapLayer> {
    let Some(config) = loaded.config_file.map(|f| loaded.file(f)) else {
        return Vec::new();
    };
    let text = |t: &Option<crate::load::raw::Text>| {
        t.as_ref()
            .map(|t| t.0.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let mut layers = Vec::new();
    for (i, raw) in loaded.config.map_layers.iter().enumerate() {
        let at = YamlPath::default().key("map_layers").index(i);
        let title = text(&raw.title);
        let file = text(&raw.file);
        if title.is_none() && !config.was_dropped(&at.key("title")) {
            diagnostics.push(config.error_at(&at, "a map layer needs a `title`").hint(
                "add `title: Exclusive economic zones`: its key and credit name the layer by it",
            ));
        }
        let Some(file) = file else {
            if !config.was_dropped(&at.key("file")) {
                diagnostics.push(config.error_at(&at, "a map layer needs a `file`").hint(
                    "add `file: static/maps/eez.geojson`, a GeoJSON file under the site's folder",
                ));
            }
            continue;
        };
        let attribution = text(&raw.attribution);
        let name = title.clone().unwrap_or_else(|| file.clone());
        if attribution.is_none() {
            diagnostics.push(
                config
                    .warning_at(&at, format!("map layer `{name}` has no `attribution`: its maps will not credit its data"))
                    .hint("add `attribution: Flanders Marine Institute (2023), CC BY 4.0`: whose data it is, and its licence"),
            );
        }
        let at_file = at.key("file");
        let bytes = match loaded
            .layers
            .get(raw.file.as_ref().map_or("", |t| t.0.as_str()))
        {
            Some(Ok(bytes)) => bytes,
            Some(Err(why)) => {
                diagnostics.push(
                    config
                        .error_at(&at_file, format!("cannot use map layer file `{file}`: {why}"))
                        .hint("`file` is a path from the site's folder, like `static/maps/eez.geojson`"),
                );
                continue;
            }
            None => continue,
        };
        let path = crate::load::layer_path(&file).unwrap_or(file.clone());
        let Ok(json) = std::str::from_utf8(bytes) else {
            diagnostics.push(
                config
                    .error_at(
                        &at_file,
                        format!("map layer file `{path}` is not UTF-8 text"),
                    )
                    .hint("GeoJSON is UTF-8 JSON (RFC 7946): export the layer as GeoJSON again"),
            );
            continue;
        };
        let geojson: GeoJson = match serde_json::from_str(json) {
            Ok(geojson) => geojson,
            Err(error) => {
                let message = error.to_string();
                // serde_json ends its messages with " at line L column C".
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let diagnostic = if error.line() > 0 {
                    Diagnostic::error(&path, format!("not GeoJSON: {message}"))
                        .at(json, Pos::new(error.line(), error.column(), 1))
                } else {
                    Diagnostic::error(&path, format!("not GeoJSON: {message}"))
                };
                diagnostics.push(diagnostic.hint(
                    "a layer is a GeoJSON file (RFC 7946): a FeatureCollection, a Feature or a geometry, positions as [longitude, latitude]",
                ));
                continue;
            }
        };
        let mut shapes = Vec::new();
        let mut bad = None;
        collect(&geojson, &mut shapes, &mut bad);
        if let Some((feature, position)) = bad {
            diagnostics.push(
                config
                    .error_at(
                        &at_file,
                        format!(
                            "map layer file `{path}`: {feature} has the position [{}] out of range",
                            position
                                .iter()
                                .map(|v| v.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .hint("GeoJSON writes [longitude, latitude] in degrees (WGS 84): longitude −180 to 180, latitude −90 to 90; a projected file (metres) must be exported as WGS 84"),
            );
            continue;
        }
        if shapes.is_empty() {
            diagnostics.push(
                config
                    .warning_at(
                        &at_file,
                        format!("map layer file `{path}` has no geometry: it draws nothing"),
                    )
                    .hint("check that the export kept the features' geometries"),
            );
        }
        let mut hasher = rustc_hash::FxHasher::default();
        bytes.hash(&mut hasher);
        layers.push(MapLayer {
            file: path,
            title: name,
            attribution,
            shapes,
            print: hasher.finish(),
        });
    }
    layers
}

/// What is out of range: which feature (in words), and the position.
type Bad = Option<(String, Vec<f64>)>;

fn collect(geojson: &GeoJson, shapes: &mut Vec<MapShape>, bad: &mut Bad) {
    match geojson {
        GeoJson::Geometry(g) => geometry(g, "the geometry", shapes, bad),
        GeoJson::Feature(f) => {
            if let Some(g) = &f.geometry {
                geometry(g, "the feature", shapes, bad);
            }
        }
        GeoJson::FeatureCollection(c) => {
            for (n, f) in c.features.iter().enumerate() {
                if let Some(g) = &f.geometry {
                    geometry(g, &format!("feature {}", n + 1), shapes, bad);
                }
            }
        }
    }
}

/// A list of GeoJSON positions as `(lat, lon)` points; the first out of
/// range is recorded in `bad` and every such point left out.
fn points(positions: &[Position], what: &str, bad: &mut Bad) -> Vec<(f64, f64)> {
    positions
        .iter()
        .filter_map(|p| {
            let v = p.as_slice();
            let lon = v.first().copied().unwrap_or(f64::NAN);
            let lat = v.get(1).copied().unwrap_or(f64::NAN);
            let ok = (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
            if !ok && bad.is_none() {
                *bad = Some((what.to_string(), v.to_vec()));
            }
            ok.then_some((lat, lon))
        })
        .collect()
}

fn push(shapes: &mut Vec<MapShape>, kind: ShapeKind, parts: Vec<Vec<(f64, f64)>>) {
    let parts: Vec<Vec<(f64, f64)>> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    if let Some(bounds) = Bounds::of(parts.iter().flatten().copied()) {
        shapes.push(MapShape {
            kind,
            parts,
            bounds,
        });
    }
}

fn geometry(g: &Geometry, what: &str, shapes: &mut Vec<MapShape>, bad: &mut Bad) {
    match &g.value {
        GeometryValue::Point { coordinates } => {
            let p = points(std::slice::from_ref(coordinates), what, bad);
            push(shapes, ShapeKind::Point, vec![p]);
        }
        GeometryValue::MultiPoint { coordinates } => {
            for p in coordinates {
                let p = points(std::slice::from_ref(p), what, bad);
                push(shapes, ShapeKind::Point, vec![p]);
            }
        }
        GeometryValue::LineString { coordinates } => {
            let line = points(coordinates, what, bad);
            push(shapes, ShapeKind::Line, vec![line]);
        }
        GeometryValue::MultiLineString { coordinates } => {
            for line in coordinates {
                let line = points(line, what, bad);
                push(shapes, ShapeKind::Line, vec![line]);
            }
        }
        GeometryValue::Polygon { coordinates } => {
            let rings = coordinates.iter().map(|r| points(r, what, bad)).collect();
            push(shapes, ShapeKind::Area, rings);
        }
        GeometryValue::MultiPolygon { coordinates } => {
            for polygon in coordinates {
                let rings = polygon.iter().map(|r| points(r, what, bad)).collect();
                push(shapes, ShapeKind::Area, rings);
            }
        }
        GeometryValue::GeometryCollection { geometries } => {
            for g in geometries {
                geometry(g, what, shapes, bad);
            }
        }
    }
}
