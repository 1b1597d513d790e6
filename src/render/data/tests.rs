//! Tests of the data files.

use super::*;

#[test]
fn numbers_read_back_as_the_same_number() {
    for n in [
        0.0,
        15000.0,
        4.5,
        -3.25,
        1e300,
        -1e300,
        5e-324,
        1e-7,
        0.1,
        123456789012345.0,
        f64::MAX,
        1e16,
    ] {
        let text = number(Some(n));
        assert_eq!(text.parse::<f64>().unwrap(), n, "{text}");
    }
    assert_eq!(number(Some(15000.0)), "15000");
    assert_eq!(number(Some(1e300)), "1e300");
    assert_eq!(number(None), "");
}

#[test]
fn areas_are_closed_counterclockwise_rings_in_lon_lat() {
    let clockwise = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)];
    let Some(Geometry::Polygon { coordinates }) = Geometry::area(&clockwise) else {
        panic!("an area");
    };
    let ring = &coordinates[0];
    assert_eq!(ring.len(), 4);
    assert_eq!(ring.first(), ring.last());
    let twice: f64 = ring
        .windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum();
    assert!(twice > 0.0, "counterclockwise: {ring:?}");
    assert_eq!(Geometry::area(&[(0.0, 0.0), (1.0, 1.0), (0.0, 0.0)]), None);
    assert_eq!(Geometry::track(&[(1.0, 2.0)]), None);
    assert_eq!(
        Geometry::point(59.4, 24.7),
        Geometry::Point {
            coordinates: [24.7, 59.4]
        }
    );
}
