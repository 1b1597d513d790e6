//! Tests of `node`.

use super::*;
use crate::path;

fn tree(text: &str) -> Tree {
    read(text).unwrap()
}

#[test]
fn scalars_yaml_reads_as_numbers_or_booleans_keep_their_text() {
    let t = tree("a: 1.10\nb: 0x1F\nc: 1e3\nd: .inf\ne: True\nf: 99999999999999999999\ng: [2.0, -0]\nh: &x 1.50\ni: *x\n0x10: k\n");
    let text = |key: &str| {
        t.node
            .entries()
            .unwrap()
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(text("a").text(), Some("1.10"));
    assert_eq!(text("b").text(), Some("0x1F"));
    assert_eq!(text("c").text(), Some("1e3"));
    assert_eq!(text("d").text(), Some(".inf"));
    assert_eq!(text("e"), Node::Bool(true, "True".into()));
    assert_eq!(text("f"), Node::BigInt("99999999999999999999".into()));
    assert_eq!(
        text("g")
            .items()
            .unwrap()
            .iter()
            .map(|n| n.text().unwrap())
            .collect::<Vec<_>>(),
        ["2.0", "-0"]
    );
    assert_eq!(text("i").text(), Some("1.50"));
    assert_eq!(text("0x10").text(), Some("k"));
}

#[test]
fn a_whole_number_of_any_size_is_text_when_too_large() {
    let big = "9".repeat(60);
    let hex = format!("0x{}", "F".repeat(40));
    let t = tree(&format!("a: {big}\nb: -{big}\nc: {hex}\n"));
    let values: Vec<&Node> = t.node.entries().unwrap().iter().map(|(_, v)| v).collect();
    assert_eq!(values[0], &Node::BigInt(big.clone()));
    assert_eq!(values[1], &Node::BigInt(format!("-{big}")));
    // Past u128, YAML reads a hexadecimal number as a string.
    assert_eq!(values[2].text(), Some(hex.as_str()));
}

#[test]
fn repeated_keys_keep_the_first_and_are_listed() {
    let t = tree("a: 1\nb: {c: 1, c: 2}\na: 3\nl:\n  - {x: 1, x: 1}\n");
    assert_eq!(
        t.repeated,
        [path!["a"], path!["b", "c"], path!["l", 0, "x"]]
    );
    let a = &t.node.entries().unwrap()[0].1;
    assert_eq!(a.text(), Some("1"));
}

#[derive(serde::Deserialize, Debug)]
struct Sample {
    title: String,
    value: Option<f64>,
    draft: bool,
    extra: Option<serde_yaml::Value>,
}

#[test]
fn text_fields_get_the_text_numbers_and_extra_get_data() {
    let t = tree("title: 1.10\nvalue: 0x1F\ndraft: True\nextra: {a: 1.10, b: 15000, c: 2.5, d: 2.0, e: False, f: 1e3, g: ~, h: [0x1]}\n");
    let s: Sample = Sample::deserialize(NodeDe::new(&t.node)).unwrap();
    assert_eq!(s.title, "1.10");
    assert_eq!(s.value, Some(31.0));
    assert!(s.draft);
    let extra = s.extra.unwrap();
    assert_eq!(extra["a"], serde_yaml::Value::String("1.10".into()));
    assert_eq!(extra["b"], serde_yaml::Value::Number(15000.into()));
    assert_eq!(extra["c"], serde_yaml::Value::Number(2.5.into()));
    assert_eq!(extra["d"], serde_yaml::Value::Number(2.0.into()));
    assert_eq!(extra["e"], serde_yaml::Value::Bool(false));
    assert_eq!(extra["f"], serde_yaml::Value::String("1e3".into()));
    assert_eq!(extra["g"], serde_yaml::Value::Null);
    assert_eq!(extra["h"][0], serde_yaml::Value::String("0x1".into()));
}

#[test]
fn a_number_field_refuses_a_whole_number_too_large() {
    let t = tree("title: x\nvalue: 99999999999999999999\ndraft: false\n");
    let error = Sample::deserialize(NodeDe::new(&t.node)).unwrap_err();
    assert!(error.to_string().contains(TOO_LARGE), "{error}");
}

#[test]
fn values_of_the_wrong_type_say_what_they_are_as_serde_yaml_did() {
    let t = tree("title: [a]\nvalue: x\ndraft: maybe\n");
    let error = Sample::deserialize(NodeDe::new(&t.node)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid type: sequence, expected a string"
    );
    let t = tree("title: a\nvalue: about 5\ndraft: false\n");
    let error = Sample::deserialize(NodeDe::new(&t.node)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid type: string \"about 5\", expected f64"
    );
}
