//! The geometry a map needs in screen space: polygons and lines clipped to
//! the map's frame, simplified to what a pixel can show, and written as
//! short SVG path data.

/// A frame: `(left, top, right, bottom)` in SVG units.
pub type Frame = (f64, f64, f64, f64);

/// A closed ring clipped to `frame` (Sutherland–Hodgman, one edge at a
/// time): what lies outside is replaced by stretches of the frame's edge,
/// so a clipped polygon still fills the right side of each edge.
pub fn clip_ring(ring: &[(f64, f64)], frame: Frame) -> Vec<(f64, f64)> {
    let (left, top, right, bottom) = frame;
    let mut points = ring.to_vec();
    // Each edge: its axis (0: x, 1: y), where it lies, and whether the
    // inside is above (`true`) or below that value.
    let edges = [
        (0, left, true),
        (0, right, false),
        (1, top, true),
        (1, bottom, false),
    ];
    for (axis, at, above) in edges {
        let inside = |p: (f64, f64)| {
            let v = if axis == 0 { p.0 } else { p.1 };
            if above {
                v >= at
            } else {
                v <= at
            }
        };
        if points.is_empty() {
            break;
        }
        let mut out = Vec::with_capacity(points.len());
        let mut prev = points[points.len() - 1];
        for &p in &points {
            match (inside(prev), inside(p)) {
                (true, true) => out.push(p),
                (true, false) => out.push(cross(prev, p, axis, at)),
                (false, true) => {
                    out.push(cross(prev, p, axis, at));
                    out.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
        points = out;
    }
    points
}

/// Where the segment `a`–`b` meets the line `x = at` (axis 0) or `y = at`.
fn cross(a: (f64, f64), b: (f64, f64), axis: u8, at: f64) -> (f64, f64) {
    if axis == 0 {
        let t = (at - a.0) / (b.0 - a.0);
        (at, a.1 + t * (b.1 - a.1))
    } else {
        let t = (at - a.1) / (b.1 - a.1);
        (a.0 + t * (b.0 - a.0), at)
    }
}

/// A line clipped to `frame` (Liang–Barsky per segment): the pieces that
/// lie inside, each a line of its own.
pub fn clip_line(line: &[(f64, f64)], frame: Frame) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in line.windows(2) {
        match clip_segment(pair[0], pair[1], frame) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() > 1 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
                // Leaving the frame ends the piece.
                if b != pair[1] {
                    pieces.push(std::mem::take(&mut current));
                }
            }
            None => {
                if current.len() > 1 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    if line.len() == 1 && inside(line[0], frame) {
        pieces.push(vec![line[0]]);
    }
    pieces
}

/// Whether a point lies in the frame (edges included).
pub fn inside(p: (f64, f64), frame: Frame) -> bool {
    p.0 >= frame.0 && p.0 <= frame.2 && p.1 >= frame.1 && p.1 <= frame.3
}

fn clip_segment(a: (f64, f64), b: (f64, f64), frame: Frame) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - frame.0),
        (dx, frame.2 - a.0),
        (-dy, a.1 - frame.1),
        (dy, frame.3 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

/// Douglas–Peucker: the points that keep the shape within `tolerance`
/// (the ends always; a closed ring is split at its farthest point first).
pub fn simplify(points: &[(f64, f64)], tolerance: f64, closed: bool) -> Vec<(f64, f64)> {
    let n = points.len();
    if n < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = Vec::new();
    if closed {
        let p0 = points[0];
        let far = (1..n)
            .max_by(|&a, &b| dist2(points[a], p0).total_cmp(&dist2(points[b], p0)))
            .unwrap_or(n - 1);
        keep[far] = true;
        stack.push((0, far));
        stack.push((far, n - 1));
    } else {
        stack.push((0, n - 1));
    }
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (pa, pb) = (points[a], points[b]);
        let (dx, dy) = (pb.0 - pa.0, pb.1 - pa.1);
        let length = (dx * dx + dy * dy).sqrt();
        let mut worst = (0.0, a);
        for (i, &p) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = if length == 0.0 {
                dist2(p, pa).sqrt()
            } else {
                ((p.0 - pa.0) * dy - (p.1 - pa.1) * dx).abs() / length
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

fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// Points rounded to whole units, without repeats.
pub fn rounded(points: &[(f64, f64)]) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (x.round() as i32, y.round() as i32);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// Twice the signed area of a ring of whole units.
pub fn area2(ring: &[(i32, i32)]) -> i64 {
    let mut sum = 0i64;
    for (i, &(x0, y0)) in ring.iter().enumerate() {
        let (x1, y1) = ring[(i + 1) % ring.len()];
        sum += i64::from(x0) * i64::from(y1) - i64::from(x1) * i64::from(y0);
    }
    sum
}

/// Appends `M x y l dx dy …` (and `z` when `close`): relative moves keep
/// the numbers short, and a minus sign needs no space before it.
pub fn write_path(out: &mut String, points: &[(i32, i32)], close: bool) {
    use std::fmt::Write;
    let Some(&(x, y)) = points.first() else {
        return;
    };
    let _ = write!(out, "M{x} {y}");
    let mut prev = (x, y);
    if points.len() > 1 {
        out.push('l');
        let mut first = true;
        for &(x, y) in &points[1..] {
            for v in [x - prev.0, y - prev.1] {
                if !first && v >= 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{v}");
                first = false;
            }
            prev = (x, y);
        }
    }
    if close {
        out.push('z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = (0.0, 0.0, 100.0, 100.0);

    #[test]
    fn a_ring_is_cut_at_the_frame() {
        // A square half outside on the right.
        let ring = [(50.0, 20.0), (150.0, 20.0), (150.0, 80.0), (50.0, 80.0)];
        let clipped = clip_ring(&ring, FRAME);
        assert!(clipped.iter().all(|&p| inside(p, FRAME)));
        let whole: Vec<(i32, i32)> = rounded(&clipped);
        assert_eq!(area2(&whole).abs(), 2 * 50 * 60);
        // Wholly outside: nothing.
        assert!(clip_ring(&[(200.0, 0.0), (300.0, 0.0), (300.0, 50.0)], FRAME).is_empty());
    }

    #[test]
    fn a_line_leaving_and_coming_back_makes_two_pieces() {
        let line = [(10.0, 50.0), (150.0, 50.0), (150.0, 60.0), (10.0, 60.0)];
        let pieces = clip_line(&line, FRAME);
        assert_eq!(
            pieces,
            vec![
                vec![(10.0, 50.0), (100.0, 50.0)],
                vec![(100.0, 60.0), (10.0, 60.0)]
            ]
        );
        assert!(clip_line(&[(200.0, 0.0), (300.0, 0.0)], FRAME).is_empty());
    }

    #[test]
    fn simplification_keeps_corners_and_drops_near_straight_points() {
        let line = [(0.0, 0.0), (5.0, 0.1), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(
            simplify(&line, 0.5, false),
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
        );
    }

    #[test]
    fn paths_are_relative_and_compact() {
        let mut d = String::new();
        write_path(&mut d, &[(10, 10), (13, 8), (13, 12)], true);
        assert_eq!(d, "M10 10l3-2 0 4z");
    }
}
