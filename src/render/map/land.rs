//! The land and borders the maps draw: Natural Earth's 1:10m land polygons
//! and the borders its admin-0 countries share (public domain; see
//! `NOTICE.md` here), embedded in the binary as `land.bin` (made by
//! `examples/make_land.rs`), decoded once, and drawn per view, each view's
//! drawing kept for the next map that shows the same view.

use super::clip::{self, Frame};
use super::{merc, View, HEIGHT, WIDTH};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

static LAND_BIN: &[u8] = include_bytes!("land.bin");

/// One ring: longitudes and Mercator ordinates, with the box they fill.
struct Ring {
    points: Vec<(f64, f64)>,
    /// `(west, south, east, north)` in longitude and Mercator ordinate.
    bounds: (f64, f64, f64, f64),
}

/// The land's rings and the borders' lines.
struct Land {
    rings: Vec<Ring>,
    borders: Vec<Ring>,
}

fn land() -> &'static Land {
    static LAND: OnceLock<Land> = OnceLock::new();
    LAND.get_or_init(|| {
        decode(LAND_BIN).unwrap_or(Land {
            rings: Vec::new(),
            borders: Vec::new(),
        })
    })
}

/// Reads `land.bin` (format in `examples/make_land.rs`); `None` if it is
/// damaged, which a test rules out.
fn decode(bytes: &[u8]) -> Option<Land> {
    let rest = bytes.strip_prefix(b"DLAND2")?;
    let f64_at = |i: usize| -> Option<f64> {
        Some(f64::from_le_bytes(
            rest.get(i * 8..i * 8 + 8)?.try_into().ok()?,
        ))
    };
    let (sx, sy, tx, ty) = (f64_at(0)?, f64_at(1)?, f64_at(2)?, f64_at(3)?);
    let mut at = 32;
    let count = |at: &mut usize| -> Option<usize> {
        let n = u32::from_le_bytes(rest.get(*at..*at + 4)?.try_into().ok()?) as usize;
        *at += 4;
        Some(n)
    };
    let n = count(&mut at)?;
    let rings = lines(rest, &mut at, n, (sx, sy, tx, ty))?;
    let n = count(&mut at)?;
    let borders = lines(rest, &mut at, n, (sx, sy, tx, ty))?;
    (at == rest.len()).then_some(Land { rings, borders })
}

/// `count` lines of zigzag varint deltas from `at`, on the grid `(scale x,
/// scale y, origin x, origin y)`.
fn lines(
    rest: &[u8],
    at: &mut usize,
    count: usize,
    grid: (f64, f64, f64, f64),
) -> Option<Vec<Ring>> {
    let (sx, sy, tx, ty) = grid;
    let mut varint = || -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *rest.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    };
    let mut rings = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let n = varint()? as usize;
        let mut points = Vec::with_capacity(n.min(1 << 20));
        let (mut x, mut y) = (0i64, 0i64);
        for _ in 0..n {
            let (dx, dy) = (varint()?, varint()?);
            x += unzigzag(dx);
            y += unzigzag(dy);
            let mut lon = x as f64 * sx + tx;
            let lat = y as f64 * sy + ty;
            // A ring across the antimeridian jumps from 180 to -180:
            // unwrapped, it runs on past 180 instead (drawn again shifted
            // by 360 degrees where a view needs it).
            if let Some(&(prev, _)) = points.last() {
                let prev: f64 = prev;
                while lon - prev > 180.0 {
                    lon -= 360.0;
                }
                while prev - lon > 180.0 {
                    lon += 360.0;
                }
            }
            points.push((lon, merc(lat)));
        }
        let bounds = points.iter().fold(
            (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            |(w, s, e, n), &(x, y)| (w.min(x), s.min(y), e.max(x), n.max(y)),
        );
        rings.push(Ring { points, bounds });
    }
    Some(rings)
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The most bytes the land of one map takes; past it, the land is drawn
/// again with twice the tolerance.
const LAND_BUDGET: usize = 24_000;

/// How far outside the frame the land is drawn, so that its outline
/// never shows at the frame's edge.
const MARGIN: f64 = 4.0;

/// The path data of the land and of the borders in `view`, with its
/// coasts simplified to what the map can show within [`LAND_BUDGET`].
pub fn land_path(view: &View) -> Arc<(String, String)> {
    type Cache = Mutex<HashMap<(u64, u64, u64), Arc<(String, String)>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = view.key();
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return hit;
    }
    let mut tolerance = 0.6;
    let mut d = draw(view, tolerance);
    while d.0.len() + d.1.len() > LAND_BUDGET && tolerance < 20.0 {
        tolerance *= 2.0;
        d = draw(view, tolerance);
    }
    let d = Arc::new(d);
    if let Ok(mut c) = cache.lock() {
        // A long `serve` session keeps a bounded number of views.
        if c.len() >= 2048 {
            c.clear();
        }
        c.insert(key, Arc::clone(&d));
    }
    d
}

fn draw(view: &View, tolerance: f64) -> (String, String) {
    let frame: Frame = (-MARGIN, -MARGIN, WIDTH + MARGIN, HEIGHT + MARGIN);
    let (west, east) = (view.west, view.west + view.span);
    let (south, north) = (view.top - HEIGHT / view.k, view.top);
    // Each ring where the view sees it: as it is, or shifted by 360
    // degrees when it runs past the antimeridian.
    let seen = |ring: &'static Ring| {
        let (w, s, e, n) = ring.bounds;
        [0.0, -360.0, 360.0].into_iter().filter_map(move |shift| {
            let (w, e) = (w + shift, e + shift);
            (!(e < west || w > east || n < south || s > north)).then_some((ring, shift))
        })
    };
    let mut d = String::new();
    for (ring, shift) in land().rings.iter().flat_map(seen) {
        let projected: Vec<(f64, f64)> = ring
            .points
            .iter()
            .map(|&(lon, y)| view.screen(lon + shift, y))
            .collect();
        let clipped = clip::clip_ring(&projected, frame);
        if clipped.len() < 3 {
            continue;
        }
        let simple = clip::rounded(&clip::simplify(&clipped, tolerance, true));
        // Islands smaller than a few pixels are left out.
        if simple.len() < 3 || clip::area2(&simple).abs() < 8 {
            continue;
        }
        clip::write_path(&mut d, &simple, true);
    }
    let mut borders = String::new();
    for (line, shift) in land().borders.iter().flat_map(seen) {
        let projected: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|&(lon, y)| view.screen(lon + shift, y))
            .collect();
        for piece in clip::clip_line(&projected, frame) {
            let simple = clip::rounded(&clip::simplify(&piece, tolerance, false));
            if simple.len() >= 2 {
                clip::write_path(&mut borders, &simple, false);
            }
        }
    }
    (d, borders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_land_decodes_whole() {
        let land = decode(LAND_BIN).expect("land.bin decodes");
        assert!(land.rings.len() > 3000, "{} rings", land.rings.len());
        let points: usize = land.rings.iter().map(|r| r.points.len()).sum();
        assert!(points > 250_000, "{points} points");
        assert!(land.borders.len() > 300, "{} borders", land.borders.len());
        // No edge jumps across the map: a ring across the antimeridian
        // is unwrapped (Russia's runs on past the date line).
        for ring in land.rings.iter().chain(&land.borders) {
            for pair in ring.points.windows(2) {
                assert!((pair[0].0 - pair[1].0).abs() <= 180.0, "{pair:?}");
            }
        }
        assert!(land
            .rings
            .iter()
            .any(|r| r.bounds.2 > 180.0 || r.bounds.0 < -180.0));
    }

    #[test]
    fn a_damaged_file_is_refused_not_a_panic() {
        assert!(decode(b"DLAND2").is_none());
        assert!(decode(&LAND_BIN[..LAND_BIN.len() / 2]).is_none());
        assert!(decode(b"nonsense").is_none());
    }
}
