//! Makes `src/render/map/land.bin`, the land and borders the maps draw,
//! from Natural Earth's 1:10m land polygons and admin-0 countries as the npm
//! package `world-atlas` ships them (TopoJSON, quantized; public domain, see
//! `src/render/map/NOTICE.md`).
//!
//! ```sh
//! npm install world-atlas@2.0.2
//! cargo run --release --example make_land -- node_modules/world-atlas/land-10m.json \
//!     node_modules/world-atlas/countries-10m.json src/render/map/land.bin
//! ```
//!
//! The file keeps the TopoJSON's own grid (no precision lost): a header
//! (`DLAND2`, the grid's scale and origin as little-endian f64 in degrees),
//! the land (a ring count as u32, then per ring its point count and its
//! points as zigzag varint deltas on the grid), then the borders between
//! countries (the arcs two countries share, as lines, in the same way). Points that lie on the straight line
//! between their neighbours within one grid step (about 0.4 px on the closest map dossier draws) are dropped
//! (Douglas–Peucker), which removes nothing a map can show.

use std::fs;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, countries, output] = args.as_slice() else {
        eprintln!("usage: make_land <land-10m.json> <countries-10m.json> <land.bin>");
        std::process::exit(2);
    };
    let text = fs::read_to_string(input).expect("read the TopoJSON");
    let topo: serde_json::Value = serde_json::from_str(&text).expect("parse the TopoJSON");
    let scale = pair(&topo["transform"]["scale"]);
    let translate = pair(&topo["transform"]["translate"]);
    // Arcs: delta-encoded integer points, decoded to absolute grid points.
    let arcs = decode_arcs(&topo);
    let land = &topo["objects"]["land"];
    let geometries: Vec<&serde_json::Value> = match land["type"].as_str() {
        Some("GeometryCollection") => land["geometries"]
            .as_array()
            .expect("geometries")
            .iter()
            .collect(),
        _ => vec![land],
    };
    let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
    for g in geometries {
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("MultiPolygon") => g["arcs"].as_array().expect("arcs").iter().collect(),
            Some("Polygon") => vec![&g["arcs"]],
            other => panic!("unexpected geometry {other:?}"),
        };
        for polygon in polygons {
            for ring in polygon.as_array().expect("rings") {
                let mut points: Vec<(i64, i64)> = Vec::new();
                for index in ring.as_array().expect("ring") {
                    let i = index.as_i64().expect("arc index");
                    let arc: Vec<(i64, i64)> = if i >= 0 {
                        arcs[i as usize].clone()
                    } else {
                        arcs[!i as usize].iter().rev().copied().collect()
                    };
                    // Each arc starts where the last one ended.
                    let skip = usize::from(!points.is_empty());
                    points.extend(arc.into_iter().skip(skip));
                }
                let kept = simplify(&points, 1.0);
                if kept.len() >= 4 {
                    rings.push(kept);
                }
            }
        }
    }
    let borders = borders(countries, scale, translate);
    let mut out = Vec::new();
    out.extend_from_slice(b"DLAND2");
    for v in [scale.0, scale.1, translate.0, translate.1] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for lines in [&rings, &borders] {
        out.extend_from_slice(&(lines.len() as u32).to_le_bytes());
        for line in lines {
            varint(&mut out, line.len() as u64);
            let (mut px, mut py) = (0i64, 0i64);
            for &(x, y) in line {
                varint(&mut out, zigzag(x - px));
                varint(&mut out, zigzag(y - py));
                (px, py) = (x, y);
            }
        }
    }
    fs::write(output, &out).expect("write land.bin");
    let points = |lines: &[Vec<(i64, i64)>]| lines.iter().map(Vec::len).sum::<usize>();
    eprintln!(
        "{} rings ({} points), {} borders ({} points), {} bytes",
        rings.len(),
        points(&rings),
        borders.len(),
        points(&borders),
        out.len()
    );
}

/// The arcs that two countries share: the borders, on the land's grid.
fn borders(path: &str, scale: (f64, f64), translate: (f64, f64)) -> Vec<Vec<(i64, i64)>> {
    let text = fs::read_to_string(path).expect("read the countries TopoJSON");
    let topo: serde_json::Value =
        serde_json::from_str(&text).expect("parse the countries TopoJSON");
    assert_eq!(pair(&topo["transform"]["scale"]), scale, "the same grid");
    assert_eq!(
        pair(&topo["transform"]["translate"]),
        translate,
        "the same grid"
    );
    let arcs = decode_arcs(&topo);
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); arcs.len()];
    fn walk(v: &serde_json::Value, country: usize, users: &mut [Vec<usize>]) {
        match v {
            serde_json::Value::Number(n) => {
                let i = n.as_i64().expect("arc index");
                let i = if i < 0 { !i } else { i } as usize;
                if !users[i].contains(&country) {
                    users[i].push(country);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| walk(x, country, users)),
            _ => {}
        }
    }
    for (c, g) in topo["objects"]["countries"]["geometries"]
        .as_array()
        .expect("geometries")
        .iter()
        .enumerate()
    {
        walk(&g["arcs"], c, &mut users);
    }
    arcs.into_iter()
        .zip(users)
        .filter(|(_, u)| u.len() > 1)
        .map(|(arc, _)| simplify(&arc, 1.0))
        .collect()
}

fn decode_arcs(topo: &serde_json::Value) -> Vec<Vec<(i64, i64)>> {
    topo["arcs"]
        .as_array()
        .expect("arcs")
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.as_array()
                .expect("arc")
                .iter()
                .map(|p| {
                    x += p[0].as_i64().expect("x");
                    y += p[1].as_i64().expect("y");
                    (x, y)
                })
                .collect()
        })
        .collect()
}

fn pair(v: &serde_json::Value) -> (f64, f64) {
    (
        v[0].as_f64().expect("number"),
        v[1].as_f64().expect("number"),
    )
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Douglas–Peucker, keeping the first and last points (of a closed ring,
/// the same point).
fn simplify(points: &[(i64, i64)], tolerance: f64) -> Vec<(i64, i64)> {
    if points.len() < 4 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    // A closed ring's ends coincide: split it at its farthest point first
    // (for a line, a harmless extra split).
    let far = (1..points.len() - 1)
        .max_by_key(|&i| {
            let (dx, dy) = (points[i].0 - points[0].0, points[i].1 - points[0].1);
            dx * dx + dy * dy
        })
        .unwrap_or(1);
    keep[far] = true;
    let mut stack = vec![(0, far), (far, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (ax, ay) = (points[a].0 as f64, points[a].1 as f64);
        let (bx, by) = (points[b].0 as f64, points[b].1 as f64);
        let (dx, dy) = (bx - ax, by - ay);
        let length = (dx * dx + dy * dy).sqrt();
        let mut worst = (0.0, a);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let (px, py) = (p.0 as f64 - ax, p.1 as f64 - ay);
            let d = if length == 0.0 {
                (px * px + py * py).sqrt()
            } else {
                (px * dy - py * dx).abs() / length
            };
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(&p, k)| k.then_some(p))
        .collect()
}
