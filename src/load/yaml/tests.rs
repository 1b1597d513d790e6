//! Tests of YAML parsing, decoding and placing.

use super::*;
use crate::path;

const TEXT: &str = "title: A brief\nclaims:\n  - id: one\n    by: [kim, putin]\n  - id: two\n    by: nobody\nwhen: {from: 2025-01, to: 2025-03}\n";

#[test]
fn index_finds_keys_and_values_in_block_and_flow_style() {
    let index = YamlIndex::build(TEXT);
    assert_eq!(index.locate(&path!["title"]), Some(Pos::new(1, 8, 7)));
    assert_eq!(
        index
            .locate(&path!["claims", 1, "by"])
            .map(|p| (p.line, p.col)),
        Some((6, 9))
    );
    assert_eq!(
        index
            .locate(&path!["claims", 0, "by", 1])
            .map(|p| (p.line, p.col)),
        Some((4, 15))
    );
    assert_eq!(index.locate(&path!["claims"]).map(|p| p.line), Some(2));
    assert_eq!(
        index.locate(&path!["when", "to"]).map(|p| (p.line, p.col)),
        Some((7, 27))
    );
    assert_eq!(
        index
            .locate_key(&path!["claims", 1, "id"])
            .map(|p| (p.line, p.col)),
        Some((5, 5))
    );
}

#[test]
fn missing_paths_fall_back_to_the_nearest_ancestor() {
    let index = YamlIndex::build(TEXT);
    assert_eq!(
        index.locate(&path!["claims", 1, "status"]).map(|p| p.line),
        Some(5)
    );
}

#[test]
fn syntax_errors_carry_their_position() {
    let error = parse("title: A\nby: [kim,\n").unwrap_err().remove(0);
    assert!(
        error.message.starts_with("invalid YAML"),
        "{}",
        error.message
    );
    assert!(error.pos.is_some());
}

static INNER: Schema = Schema {
    keys: &["id", "by"],
    nested: &[],
};
static OUTER: Schema = Schema {
    keys: &["title", "claims"],
    nested: &[("claims", Nest::ListOf(&INNER))],
};

#[test]
fn a_number_written_with_words_is_taken_apart_in_the_hint() {
    for (text, hint) in [
        ("about 6", "`value: 6` and `qualifier: about`"),
        (
            "About 15,000 troops",
            "`value: 15000`, `qualifier: about` and `unit: troops`",
        ),
        ("at least 300", "`value: 300` and `qualifier: at-least`"),
        ("more than 300", "`value: 300` and `qualifier: at-least`"),
        ("~600", "`value: 600` and `qualifier: about`"),
        ("15,000", "without separators: `value: 15000`"),
        ("15 000", "without separators: `value: 15000`"),
        ("600 soldiers", "`value: 600` and `unit: soldiers`"),
        ("1.5 million people", "`value: 1500000` and `unit: people`"),
        ("12k", "`value: 12000`"),
        ("5%", "`value: 5` and `unit: percent`"),
        (
            "500-600",
            "`low: 500` and `high: 600`, with `qualifier: range`",
        ),
        ("500 to 600", "`low: 500` and `high: 600`"),
        ("six", "write a number such as `15000`"),
        ("claimed 600", "the words `claimed` elsewhere"),
    ] {
        let written = number_hint("value", Some(text));
        assert!(written.contains(hint), "{text}: {written}");
    }
}

#[test]
fn a_value_cut_at_a_comma_gets_a_quoting_hint() {
    let value = parse("claims:\n  - {id: a, text: About 11,000 troops., by: b}\n")
        .unwrap()
        .node;
    let errors = unknown_keys(&value, &OUTER);
    let split = errors
        .iter()
        .find(|e| e.message == "unknown key `000 troops.`")
        .expect("the split value is reported");
    let hint = split.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("quote values that contain commas"), "{hint}");
}

#[test]
fn every_unknown_key_is_reported_with_a_suggestion() {
    let value = parse("titel: x\nclaims:\n  - id: a\n    bye: b\n  - id: c\n    zzzzzz: 1\n")
        .unwrap()
        .node;
    let errors = unknown_keys(&value, &OUTER);
    assert_eq!(errors.len(), 3);
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("did you mean `title`? (free fields go under `extra:`)")
    );
    assert_eq!(errors[1].path, Some(path!["claims", 0, "bye"]));
    assert!(errors[2]
        .hint
        .as_deref()
        .unwrap()
        .starts_with("allowed keys here"));
}
