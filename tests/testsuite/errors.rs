//! Bad input, one class per test. Each test copies the small-site fixture,
//! builds it once (that output must survive), applies one mutation, builds
//! again and checks, through [`check`], the exit status, every diagnostic
//! (file, exact line — and column in bodies —, message, hint, quoted line
//! with a caret), the counts of the summary line, and that the previous
//! output is byte for byte and time for time what it was. Warnings go
//! through [`check_warns`]: the build succeeds with them, and fails on
//! them under `--deny-warnings` or `strict: true`.

use crate::diagnostics::{assert_reported, error, warning, Expect};
use crate::fixtures::{assert_same_snapshot, snapshot, Site};

const FIRST: &str = "content/briefs/2025/first-brief.md";
const SECOND: &str = "content/briefs/second-brief.md";
const THIRD: &str = "content/briefs/third-brief.md";
const CLAIM_FILE: &str = "content/claims/nis-killed-600.md";
const ESTLINK: &str = "content/incidents/estlink-2-cut.md";
const DRAFT_INCIDENT: &str = "content/incidents/draft-incident.md";

/// Builds the small site, applies `mutation`, builds again: the second
/// build must fail (exit 1) with exactly the `expected` errors and leave
/// the first build's output untouched.
fn check(mutation: impl FnOnce(&Site), expected: &[Expect]) {
    check_with(&[], mutation, expected);
}

/// [`check`], building with extra arguments (e.g. `--drafts`).
fn check_with(args: &[&str], mutation: impl FnOnce(&Site), expected: &[Expect]) -> Site {
    let site = Site::from_fixture("small-site");
    site.build(args).expect_success();
    let before = snapshot(&site.out());
    assert!(!before.is_empty());
    mutation(&site);
    let run = site.build(args);
    run.expect_code(1);
    assert_reported(&site, &run, expected);
    assert_same_snapshot(
        &before,
        &snapshot(&site.out()),
        "a failed build changed the previous output",
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("dossier") || name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a failed build left files beside the output: {leftovers:?}"
    );
    site
}

/// Applies `mutation` to the small site: `build` and `check` succeed
/// (exit 0) reporting exactly the `expected` warnings (and no error),
/// counted in the summary line. With `--deny-warnings`, or `strict: true`
/// in site.yaml, both fail (exit 1) with the same diagnostics, the summary
/// line saying why, and the build leaves the output as it was.
fn check_warns(mutation: impl FnOnce(&Site), expected: &[Expect]) -> Site {
    let site = Site::from_fixture("small-site");
    mutation(&site);
    let run = site.build(&[]);
    run.expect_success();
    assert_reported(&site, &run, expected);
    let run = site.check(&[]);
    run.expect_success();
    assert_reported(&site, &run, expected);
    let before = snapshot(&site.out());
    let denied = |site: &Site, args: &[&str], why: &str| {
        for run in [site.build(args), site.check(args)] {
            run.expect_code(1);
            assert_reported(site, &run, expected);
            assert!(
                run.summary()
                    .starts_with("error: built nothing: no errors, ")
                    || run
                        .summary()
                        .starts_with("error: checked nothing: no errors, "),
                "{}",
                run.summary()
            );
            assert!(
                run.summary().ends_with(&format!(", denied by {why}")),
                "the summary must say why the warnings failed the run: {}",
                run.summary()
            );
        }
        assert_same_snapshot(
            &before,
            &snapshot(&site.out()),
            "a build that failed on warnings changed the previous output",
        );
    };
    denied(&site, &["--deny-warnings"], "--deny-warnings");
    let config = site.read("site.yaml");
    site.append("site.yaml", "strict: true\n");
    denied(&site, &[], "`strict: true` in site.yaml");
    // The flag is named first when both deny warnings.
    denied(&site, &["--deny-warnings"], "--deny-warnings");
    site.write("site.yaml", config);
    site
}

/// Every summary line names both counts; a clean site has none.
#[test]
fn the_summary_line_counts_errors_and_warnings() {
    let site = Site::from_fixture("small-site");
    for run in [
        site.build(&[]),
        site.check(&[]),
        site.build(&["--deny-warnings"]),
    ] {
        run.expect_success();
        assert!(
            run.summary().ends_with(": no errors, no warnings"),
            "{}",
            run.summary()
        );
    }
    site.replace(CLAIM_FILE, "by: nis\n", "by: niss\n");
    site.replace(
        "content/actors/kim-jong-un.md",
        "kind: person\n",
        "kind: person\nlinks:\n  - {title: P, url: \"javascript:x\"}\n",
    );
    for (run, verb) in [(site.build(&[]), "built"), (site.check(&[]), "checked")] {
        run.expect_code(1);
        assert_eq!(
            run.summary(),
            format!("error: {verb} nothing: 1 error, 1 warning")
        );
    }
}

/// Thousands of warnings do not bury the rest: `build` prints the first
/// 20 and says how many more there are and where to see them, counting
/// all in the summary; every error is printed, even after them; `check`,
/// the full report, prints every one.
#[test]
fn thousands_of_warnings_show_the_first_and_count_all() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    let site = Site::from_fixture("small-site");
    let links: String = (0..2000)
        .map(|i| format!("  - {{title: L{i}, url: \"javascript:x{i}\"}}\n"))
        .collect();
    site.replace(
        KIM,
        "kind: person\n",
        &format!("kind: person\nlinks:\n{links}"),
    );
    let warnings = |run: &crate::fixtures::Run| {
        crate::diagnostics::parse(&run.stderr)
            .iter()
            .filter(|d| d.severity == "warning")
            .count()
    };
    let note = "note: 1980 more warnings not shown (the first 20 are above); `dossier check` lists every one";
    let run = site.build(&[]);
    run.expect_success();
    assert_eq!(warnings(&run), 20, "{}", run.stderr);
    assert!(run.stderr.contains(note), "{}", run.stderr);
    assert!(
        run.summary().ends_with(": no errors, 2000 warnings"),
        "{}",
        run.summary()
    );
    let run = site.check(&[]);
    run.expect_success();
    assert_eq!(warnings(&run), 2000);
    assert!(!run.stderr.contains("not shown"));
    // An error in a file after them (briefs sort after actors) is shown.
    site.replace(CLAIM_FILE, "by: nis\n", "by: niss\n");
    let run = site.build(&["--deny-warnings"]);
    run.expect_code(1);
    assert_eq!(warnings(&run), 20);
    assert!(run.stderr.contains(note), "{}", run.stderr);
    let errors = crate::diagnostics::parse(&run.stderr);
    assert!(
        errors
            .iter()
            .any(|d| d.severity == "error" && d.message.contains("`niss`")),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.summary(),
        "error: built nothing: 1 error, 2000 warnings"
    );
}

// Unknown ids in reference fields.

#[test]
fn unknown_actor_in_by() {
    check(
        |site| site.replace(CLAIM_FILE, "by: nis\n", "by: niss\n"),
        &[error(CLAIM_FILE)
            .on("by: niss")
            .message("`niss`")
            .hint("did you mean `nis`?")],
    );
}

#[test]
fn unknown_actor_in_via() {
    check(
        |site| site.replace(FIRST, "    via: kcna\n", "    via: kcnaa\n"),
        &[error(FIRST)
            .on("via: kcnaa")
            .message("`kcnaa`")
            .hint("did you mean `kcna`?")],
    );
}

#[test]
fn unknown_actor_in_about() {
    check(
        |site| {
            site.replace(
                SECOND,
                "    about: [kpa]\n",
                "    about: [kpa, nort-korea]\n",
            )
        },
        &[error(SECOND)
            .on("about: [kpa, nort-korea]")
            .message("`nort-korea`")
            .hint("did you mean `north-korea`?")],
    );
}

#[test]
fn unknown_actor_in_part_of() {
    let kpa = "content/actors/kpa.md";
    check(
        |site| site.replace(kpa, "part_of: north-korea\n", "part_of: north-koreaa\n"),
        &[error(kpa)
            .on("part_of: north-koreaa")
            .message("`north-koreaa`")
            .hint("did you mean `north-korea`?")],
    );
}

#[test]
fn unknown_actor_as_source_publisher() {
    check(
        |site| site.replace(FIRST, "    publisher: kcna\n", "    publisher: kcan\n"),
        &[error(FIRST)
            .on("publisher: kcan")
            .message("`kcan`")
            .hint("did you mean `kcna`?")],
    );
}

#[test]
fn unknown_claim_cited_by_id() {
    check(
        |site| site.replace(SECOND, "  - nis-killed-600\n", "  - nis-killed-60\n"),
        &[error(SECOND)
            .on("- nis-killed-60")
            .message("`nis-killed-60`")
            .hint("did you mean `nis-killed-600`?")],
    );
}

#[test]
fn unknown_claim_in_supports() {
    check(
        |site| {
            site.replace(
                FIRST,
                "supports: [nis-troops-15000]",
                "supports: [nis-troops-1500]",
            )
        },
        &[error(FIRST)
            .on("supports: [nis-troops-1500]")
            .message("`nis-troops-1500`")
            .hint("did you mean `nis-troops-15000`?")],
    );
}

#[test]
fn unknown_claim_in_contradicts() {
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "contradicts: [kcna-denies-losses]",
                "contradicts: [kcna-denies-loss]",
            )
        },
        &[error(CLAIM_FILE)
            .on("contradicts: [kcna-denies-loss]")
            .message("`kcna-denies-loss`")
            .hint("did you mean `kcna-denies-losses`?")],
    );
}

#[test]
fn unknown_claim_in_supersedes() {
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "contradicts: [kcna-denies-losses]\n",
                "contradicts: [kcna-denies-losses]\nsupersedes: [kcna-denies-losse]\n",
            )
        },
        &[error(CLAIM_FILE)
            .on("supersedes: [kcna-denies-losse]")
            .message("`kcna-denies-losse`")
            .hint("did you mean `kcna-denies-losses`?")],
    );
}

#[test]
fn measure_id_taken_by_another_kind() {
    check(
        |site| site.replace(CLAIM_FILE, "measure: dprk-killed\n", "measure: kpa\n"),
        &[error(CLAIM_FILE)
            .on("measure: kpa")
            .message("`kpa`")
            .message("not a measure")],
    );
}

#[test]
fn unknown_claim_in_judgement() {
    check(
        |site| {
            site.replace(
                FIRST,
                "claims: [nis-troops-15000, kim-acknowledges]",
                "claims: [nis-troops-15000, kim-acknowledge]",
            )
        },
        &[error(FIRST)
            .on("claims: [nis-troops-15000, kim-acknowledge]")
            .message("`kim-acknowledge`")
            .hint("did you mean `kim-acknowledges`?")],
    );
}

#[test]
fn unknown_actor_in_brief_actors() {
    check(
        |site| site.replace(FIRST, "actors: [north-korea]", "actors: [north-corea]"),
        &[error(FIRST)
            .on("actors: [north-corea]")
            .message("`north-corea`")
            .hint("did you mean `north-korea`?")],
    );
}

// Links.

#[test]
fn unknown_id_in_body_link() {
    check(
        |site| {
            site.replace(
                FIRST,
                "confirmed it.",
                "confirmed it, as did [[kim-jong-uu]].",
            )
        },
        &[error(FIRST)
            .at("[[kim-jong-uu]]")
            .message("`kim-jong-uu`")
            .hint("did you mean `[[kim-jong-un]]`?")],
    );
}

#[test]
fn unknown_id_in_body_link_after_non_ascii_text() {
    // Columns count characters, not bytes.
    check(
        |site| {
            site.replace(
                FIRST,
                "confirmed it.",
                "confirmed it (김정은, Ким Чен Ын) [[kim-jong-uu]].",
            )
        },
        &[error(FIRST)
            .at("[[kim-jong-uu]]")
            .message("`kim-jong-uu`")
            .hint("did you mean `[[kim-jong-un]]`?")],
    );
}

#[test]
fn unknown_id_in_front_matter_link() {
    check(
        |site| {
            site.replace(
                FIRST,
                "summary: The [[nis]] counts",
                "summary: The [[nsi]] counts",
            )
        },
        &[error(FIRST)
            .on("summary: The [[nsi]]")
            .message("`nsi`")
            .hint("did you mean `[[nis]]`?")],
    );
}

#[test]
fn unknown_id_in_claim_text_link() {
    check(
        |site| {
            site.replace(
                SECOND,
                "text: No North Korean soldier",
                "text: No [[kpaa]] soldier",
            )
        },
        &[error(SECOND)
            .on("text: No [[kpaa]] soldier")
            .message("`kpaa`")
            .hint("did you mean `[[kpa]]`?")],
    );
}

#[test]
fn unknown_anchor_in_link() {
    check(
        |site| site.replace(FIRST, "[[methodology#grading]]", "[[methodology#gradin]]"),
        &[error(FIRST)
            .at("[[methodology#gradin]]")
            .message("`#gradin`")
            .hint("did you mean `#grading`?")],
    );
}

#[test]
fn embeds_are_not_supported() {
    check(
        |site| {
            site.replace(
                FIRST,
                "## Background\n",
                "## Background\n\n![[kim-jong-un]]\n",
            )
        },
        &[error(FIRST)
            .at("![[kim-jong-un]]")
            .message("embed")
            .hint("![")],
    );
}

// Ids.

#[test]
fn duplicate_id_across_kinds() {
    let page = "content/pages/kpa.md";
    check(
        |site| site.write(page, "---\ntitle: The KPA\n---\nA page.\n"),
        &[error(page)
            .line(1)
            .message("duplicate id `kpa`")
            .message("content/actors/kpa.md")],
    );
}

/// A claim declared again with the same text is the same claim: the hint
/// says to cite it by id. Another text keeps the usual hint.
#[test]
fn a_claim_declared_twice_with_the_same_text_is_to_be_cited() {
    let copy = "content/claims/kim-acknowledges.md";
    check(
        |site| {
            site.replace(
                THIRD,
                "tags: [Red Sea]\n",
                "tags: [Red Sea]\nclaims:\n  - id: nis-troops-15000\n    text: North Korea has sent about  15,000 troops\n      to Russia.\n    by: nis\n  - id: kcna-denies-losses\n    text: Something else.\n    by: kcna\n",
            );
            site.write(copy, "---\ntext: North Korean troops fought for Russia.\nby: kim-jong-un\n---\n");
        },
        &[
            error(THIRD)
                .on("- id: nis-troops-15000")
                .message("duplicate id `nis-troops-15000`: already used by the claim in content/briefs/2025/first-brief.md:")
                .hint("with the same text: cite it by its id instead, as an item of `claims:` (`- nis-troops-15000`)"),
            error(THIRD)
                .on("- id: kcna-denies-losses")
                .message("duplicate id `kcna-denies-losses`")
                .hint("rename one of them"),
            error(copy)
                .line(1)
                .message("duplicate id `kim-acknowledges`")
                .hint("with the same text: remove this file, and cite the claim by its id (`claims: [kim-acknowledges]`)"),
        ],
    );
}

#[test]
fn invalid_file_name_id() {
    let bad = "content/actors/Bad Name.md";
    check(
        |site| site.write(bad, "---\nname: Bad\nkind: person\n---\n"),
        &[error(bad).message("`Bad Name`").hint("bad-name")],
    );
}

#[test]
fn part_of_cycle() {
    let north_korea = "content/actors/north-korea.md";
    check(
        |site| site.replace(north_korea, "kind: state\n", "kind: state\npart_of: kpa\n"),
        // Reported once, at the `part_of` of either member.
        &[error(north_korea)
            .on("part_of: kpa")
            .message("cycle")
            .message("kpa")
            .message("north-korea")
            .or(error("content/actors/kpa.md")
                .on("part_of: north-korea")
                .message("cycle")
                .message("kpa")
                .message("north-korea"))],
    );
}

#[test]
fn unknown_source() {
    check(
        |site| site.replace(CLAIM_FILE, "source: nis-briefing\n", "source: nis-brief\n"),
        &[error(CLAIM_FILE)
            .on("source: nis-brief")
            .message("`nis-brief`")
            .hint("did you mean `nis-briefing`?")],
    );
}

#[test]
fn figure_values_that_are_not_finite() {
    // YAML's `.nan` and `.inf` are numbers to serde; a chart cannot place them.
    for value in [".nan", ".inf", "-.inf"] {
        check(
            |site| {
                site.replace(
                    CLAIM_FILE,
                    "figure: {value: 600,",
                    &format!("figure: {{value: {value},"),
                )
            },
            &[error(CLAIM_FILE)
                .on(&format!("figure: {{value: {value},"))
                .message("`figure.value` is not a finite number")
                .hint("write a plain number such as `15000`")],
        );
    }
}

// The shape of files.

#[test]
fn yaml_syntax_error() {
    let lee = "content/actors/lee-seong-kweun.md";
    check(
        |site| site.replace(lee, "role: Lawmaker\n", "role: Lawmaker: elected\n"),
        &[error(lee)
            .at(": elected")
            .message("invalid YAML")
            .hint("quote")],
    );
}

#[test]
fn yaml_unclosed_bracket_points_at_its_line() {
    // The problem is on the line of the `[`, not on the closing `---`.
    let kpa = "content/actors/kpa.md";
    check(
        |site| site.replace(kpa, "aliases: [KPA]\n", "aliases: [KPA\n"),
        &[error(kpa).on("aliases: [KPA").message("invalid YAML")],
    );
}

/// The line of the fixture's `rel` holding `text`: a line a hint names.
fn fixture_line(rel: &str, text: &str) -> usize {
    let path = crate::fixtures::fixture_dir("small-site").join(rel);
    let contents = std::fs::read_to_string(path).unwrap();
    1 + contents
        .lines()
        .position(|line| line.contains(text))
        .unwrap_or_else(|| panic!("test bug: `{text}` is not in {rel}"))
}

const LEE: &str = "content/actors/lee-seong-kweun.md";
const KPA: &str = "content/actors/kpa.md";

/// Every control character of the front matter is reported at its own
/// line and column, named, in a value or a comment; also the characters
/// YAML reads as line breaks where editors show none.
#[test]
fn control_characters_in_front_matter_are_each_reported_at_their_place() {
    check(
        |site| {
            site.replace(
                LEE,
                "role: Lawmaker\n",
                "role: Law\u{7}maker # a\u{1b} comment\n",
            );
            site.replace(
                CLAIM_FILE,
                "said: 2025-04-30\n",
                "said: 2025-04-30\u{2028}\n",
            );
            site.replace(
                THIRD,
                "tags: [Red Sea]",
                "tags: [\"Red\rSea\", Port\u{85}Sudan]",
            );
            site.replace("site.yaml", "language: en", "language: e\u{7f}n");
        },
        &[
            error(LEE)
                .at("\u{7}")
                .message("the control character U+0007 (bell) is not allowed")
                .hint("remove it"),
            error(LEE)
                .at("\u{1b}")
                .message("the control character U+001B (escape) is not allowed")
                .hint("remove it"),
            error(CLAIM_FILE)
                .at("\u{2028}")
                .message("a line separator (U+2028) is not allowed")
                .hint("line break"),
            error(THIRD)
                .at("\r")
                .message("a carriage return (U+000D) without a line feed")
                .hint("LF or CRLF"),
            error(THIRD)
                .at("\u{85}")
                .message("U+0085 (next line)")
                .hint("line break"),
            error("site.yaml")
                .at("\u{7f}")
                .message("U+007F (delete)")
                .hint("remove it"),
        ],
    );
}

/// In a file with CRLF line ends and a BOM, places are still the file's.
#[test]
fn a_control_character_in_a_crlf_file_with_a_bom_is_at_its_place() {
    check(
        |site| {
            let text = site
                .read(KPA)
                .replace("kind: military", "kind: mili\u{0}tary")
                .replace('\n', "\r\n");
            site.write(KPA, format!("\u{feff}{text}"));
        },
        &[error(KPA)
            .at("\u{0}")
            .message("the control character U+0000 (null) is not allowed")],
    );
}

/// A key written twice, at any depth, block or flow: reported at the
/// second writing, naming the line of the first; the first is kept.
#[test]
fn a_key_written_twice_is_reported_at_the_second_naming_the_first() {
    check(
        |site| {
            site.replace(LEE, "role: Lawmaker\n", "role: Lawmaker\nname: Lee S.K.\n");
            site.replace(
                FIRST,
                "    status: confirmed\n",
                "    status: confirmed\n    status: disputed\n",
            );
            site.replace(
                CLAIM_FILE,
                "figure: {value: 600, unit: soldiers, qualifier: about}",
                "figure: {value: 600, unit: soldiers, qualifier: about, unit: men}",
            );
        },
        &[
            error(LEE)
                .at("name: Lee S.K.")
                .message("duplicate key `name`")
                .hint(&format!(
                    "`name` is already given on line {}",
                    fixture_line(LEE, "name: Lee Seong Kweun")
                )),
            error(FIRST)
                .at("status: disputed")
                .message("duplicate key `claims[1].status`")
                .hint(&format!(
                    "`status` is already given on line {}",
                    fixture_line(FIRST, "status: confirmed")
                )),
            error(CLAIM_FILE)
                .at("unit: men")
                .message("duplicate key `figure.unit`")
                .hint(&format!(
                    "`unit` is already given on line {}",
                    fixture_line(CLAIM_FILE, "unit: soldiers")
                )),
        ],
    );
}

/// YAML syntax errors in the author's words, each at the place to fix:
/// an unclosed quote or bracket at its opening, a tab, a line indented
/// wrong, a value starting with a character YAML reserves, a `...` line.
#[test]
fn yaml_syntax_errors_point_at_what_to_fix() {
    let nis = "content/actors/nis.md";
    let kcna = "content/actors/kcna.md";
    let north_korea = "content/actors/north-korea.md";
    let kim = "content/actors/kim-jong-un.md";
    let methodology = "content/pages/methodology.md";
    let measure = "content/measures/dprk-troops.md";
    check(
        |site| {
            site.replace(LEE, "role: Lawmaker\n", "role: \"Lawmaker\n");
            site.replace(
                KPA,
                "part_of: north-korea\n",
                "part_of: north-korea\n\tx: y\n",
            );
            site.replace(nis, "kind: agency\n", "kind: agency\n  reliability: B\n");
            site.replace(kcna, "kind: media\n", "kind: media\nrole: *state* media\n");
            site.replace(
                north_korea,
                "  - DPRK\n",
                "  - DPRK\n  - [North Korea, DPRK\n",
            );
            site.replace(kim, "role: Leader of North Korea\n", "role: @kimjongun\n");
            site.replace(
                methodology,
                "title: Methodology\n",
                "title: Methodology\n...\nx: y\n",
            );
            site.replace(measure, "unit: troops\n", "unit: \"troops \\q\"\n");
            site.replace(THIRD, "tags: [Red Sea]\n", "tags: - Red Sea\n");
        },
        &[
            error(LEE)
                .at("\"Lawmaker")
                .message("invalid YAML: this quote is never closed")
                .hint("quote"),
            error(KPA)
                .at("\tx: y")
                .message("invalid YAML: a tab indents this line")
                .hint("YAML indents with spaces, not tabs"),
            error(nis)
                .at("reliability: B\n".trim_end())
                .message("invalid YAML: this line is indented further than the key above it")
                .hint("same column"),
            error(kcna)
                .at("*state*")
                .message("invalid YAML: a value cannot start with `*`")
                .hint("'*state* media'"),
            error(north_korea)
                .at("[North Korea")
                .message("invalid YAML: this `[` is never closed")
                .hint("`]`"),
            error(kim)
                .at("@kimjongun")
                .message("invalid YAML: a value cannot start with `@`")
                .hint("'@kimjongun'"),
            error(methodology)
                .at("...")
                .message("invalid YAML: the YAML ends early")
                .hint("remove the line `...`"),
            error(measure)
                .at("\\q")
                .message("invalid YAML: unknown escape `\\q`")
                .hint("single quotes"),
            error(THIRD)
                .at("- Red Sea")
                .message("invalid YAML: a list cannot start on the line of its key")
                .hint("`tags: [a, b]`"),
        ],
    );
}

/// Places are the file's in a file with CRLF line ends and a BOM.
#[test]
fn a_yaml_syntax_error_in_a_crlf_file_with_a_bom_is_at_its_place() {
    check(
        |site| {
            let text = site
                .read(THIRD)
                .replace(
                    "title: Shipping in the Red Sea",
                    "title: Shipping: in the Red Sea",
                )
                .replace('\n', "\r\n");
            site.write(THIRD, format!("\u{feff}{text}"));
        },
        &[error(THIRD)
            .at(": in the")
            .message("invalid YAML: a value cannot contain `: `")
            .hint("quoted")],
    );
}

/// A whole number too large to read exactly, in a number field: an error
/// at its line saying what the field must be, not a file that fails to
/// load (in a text field it is text: see malformed.rs).
#[test]
fn a_whole_number_too_large_for_a_number_field() {
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "figure: {value: 600,",
                "figure: {value: 99999999999999999999,",
            )
        },
        &[error(CLAIM_FILE)
            .at("99999999999999999999")
            .message("`figure.value` must be a number: `99999999999999999999` is too large")
            .hint("exponent")],
    );
}

#[test]
fn missing_brief_title() {
    check(
        |site| site.replace(THIRD, "title: Shipping in the Red Sea\n", ""),
        &[error(THIRD).message("`title`").hint("title:")],
    );
}

#[test]
fn missing_actor_kind() {
    let nis = "content/actors/nis.md";
    check(
        |site| site.replace(nis, "kind: agency\n", ""),
        &[error(nis).message("`kind`").hint("person")],
    );
}

#[test]
fn missing_claimant() {
    check(
        |site| site.replace(SECOND, "    by: kcna\n", ""),
        &[error(SECOND)
            .on("- id: kcna-denies-losses")
            .message("kcna-denies-losses")
            .hint("by:")],
    );
}

#[test]
fn unknown_key_suggests_the_closest() {
    let methodology = "content/pages/methodology.md";
    check(
        |site| site.replace(methodology, "title: Methodology\n", "titel: Methodology\n"),
        &[
            error(methodology)
                .at("titel")
                .message("unknown key `titel`")
                .hint("did you mean `title`?"),
            // The page has no title now: also reported.
            error(methodology).message("`title`"),
        ],
    );
}

#[test]
fn unknown_key_in_nested_claim() {
    check(
        |site| site.replace(FIRST, "    status: confirmed\n", "    stauts: confirmed\n"),
        &[error(FIRST)
            .at("stauts")
            .message("unknown key `stauts`")
            .hint("did you mean `status`?")],
    );
}

#[test]
fn invalid_date() {
    check(
        |site| site.replace(THIRD, "date: 2025-05-20\n", "date: 2025-02-30\n"),
        &[error(THIRD)
            .on("date: 2025-02-30")
            .message("2025-02-30")
            .hint("YYYY-MM-DD")],
    );
}

/// FORMAT v1.3: a time of day after a full date, with its zone.
#[test]
fn times_of_day_without_a_zone_a_full_date_or_a_valid_clock() {
    let when = |site: &Site, value: &str| {
        site.replace(
            CLAIM_FILE,
            "said: 2025-04-30\n",
            &format!("said: 2025-04-30\nwhen: {value}\n"),
        )
    };
    check(
        |site| when(site, "2024-12-25T12:26"),
        &[error(CLAIM_FILE)
            .on("when: 2024-12-25T12:26")
            .message("a time of day needs its zone in `when`")
            .hint("`2024-12-25T12:26Z` or `2024-12-25T12:26+02:00`")],
    );
    check(
        |site| when(site, "{from: 2024-12T10:00Z, to: 2024-12-25T24:10+02:00}"),
        &[
            error(CLAIM_FILE)
                .on("when: {from: 2024-12T10:00Z")
                .message("a time of day needs a full date in `when.from`")
                .hint("write the day too"),
            error(CLAIM_FILE)
                .on("when: {from: 2024-12T10:00Z")
                .message("invalid time of day `2024-12-25T24:10+02:00` in `when.to`")
                .hint("00:00 to 23:59"),
        ],
    );
    // Ends compared in UTC: 10:00 UTC+02:00 is 08:00 UTC, after 07:30 UTC.
    check(
        |site| {
            when(
                site,
                "{from: 2024-12-25T10:00+02:00, to: 2024-12-25T07:30Z}",
            )
        },
        &[error(CLAIM_FILE)
            .on("when: {from: 2024-12-25T10:00+02:00")
            .message("`when` ends (2024-12-25T07:30Z) before it starts (2024-12-25T10:00+02:00)")
            .hint("swap `from` and `to`")],
    );
}

#[test]
fn invalid_status() {
    check(
        |site| site.replace(SECOND, "status: false\n", "status: flase\n"),
        &[error(SECOND)
            .on("status: flase")
            .message("`flase`")
            .hint("`misleading`, `false`")],
    );
}

#[test]
fn invalid_likelihood() {
    check(
        |site| site.replace(FIRST, "likelihood: likely\n", "likelihood: probable\n"),
        &[error(FIRST)
            .on("likelihood: probable")
            .message("`probable`")
            .hint("`roughly even chance`")],
    );
}

#[test]
fn invalid_actor_kind() {
    let kim = "content/actors/kim-jong-un.md";
    check(
        |site| site.replace(kim, "kind: person\n", "kind: human\n"),
        &[error(kim)
            .on("kind: human")
            .message("`human`")
            .hint("`person`")],
    );
}

/// Every fixed list: the hint names the value meant (a typo, another
/// case or spacing, a word of ICD 203 or of everyday speech), then the
/// allowed values.
#[test]
fn values_outside_a_fixed_list_get_the_value_meant() {
    let kim = "content/actors/kim-jong-un.md";
    let nis = "content/actors/nis.md";
    let kpa = "content/actors/kpa.md";
    check(
        |site| {
            site.replace(FIRST, "    status: confirmed\n", "    status: confimed\n");
            site.replace(FIRST, "likelihood: likely\n", "likelihood: highly likely\n");
            site.replace(FIRST, "confidence: moderate\n", "confidence: Medium\n");
            site.replace(
                FIRST,
                "qualifier: about, as_of",
                "qualifier: at least, as_of",
            );
            site.replace(CLAIM_FILE, "qualifier: about}", "qualifier: approximately}");
            site.replace(
                CLAIM_FILE,
                "credibility: 3\n",
                "credibility: 3\nstatus: unconfirmed\n",
            );
            site.replace(kim, "kind: person\n", "kind: Persn\n");
            site.replace(nis, "kind: agency\n", "kind: intelligence agency\n");
            site.replace(kpa, "kind: military\n", "kind: armed_forces\n");
        },
        &[
            error(FIRST)
                .on("status: confimed")
                .message("invalid value `confimed` for `status`")
                .hint("did you mean `confirmed`? allowed values: `confirmed`, "),
            error(FIRST)
                .on("likelihood: highly likely")
                .hint("did you mean `very likely`? allowed values: `almost no chance`"),
            error(FIRST)
                .on("confidence: Medium")
                .hint("did you mean `moderate`?"),
            error(FIRST)
                .on("qualifier: at least")
                .message("`at least`")
                .hint("did you mean `at-least`?"),
            error(CLAIM_FILE)
                .on("qualifier: approximately")
                .hint("did you mean `about`?"),
            error(CLAIM_FILE)
                .on("status: unconfirmed")
                .hint("did you mean `reported`?"),
            error(kim).on("kind: Persn").hint("did you mean `person`?"),
            error(nis)
                .on("kind: intelligence agency")
                .hint("did you mean `agency`?"),
            error(kpa)
                .on("kind: armed_forces")
                .hint("did you mean `military`?"),
        ],
    );
}

/// Reliability (a letter, for a source or an actor) and credibility (a
/// number, for a claim) written in each other's place, or together.
#[test]
fn reliability_and_credibility_in_each_others_place() {
    let nis = "content/actors/nis.md";
    let kcna = "content/actors/kcna.md";
    check(
        |site| {
            site.replace(FIRST, "    credibility: 2\n", "    credibility: B\n");
            site.replace(CLAIM_FILE, "credibility: 3\n", "credibility: B3\n");
            site.replace(nis, "reliability: B\n", "reliability: 2\n");
            site.replace(kcna, "reliability: D\n", "reliability: d4\n");
            site.replace(FIRST, "    publisher: kcna\n", "    publisher: kcna\n    reliability: 7\n");
        },
        &[
            error(FIRST)
                .on("credibility: B")
                .message("`B` is a reliability, not a credibility")
                .hint("letters `A`–`F` are the reliability of a source, written on the source or its publisher (the actor): `reliability: B`"),
            error(CLAIM_FILE)
                .on("credibility: B3")
                .message("`B3` is a whole grade: reliability `B` and credibility `3`")
                .hint("write `credibility: 3` here, and `reliability: B` on the claim's source"),
            error(nis)
                .on("reliability: 2")
                .message("`2` is a credibility, not a reliability")
                .hint("goes on the claim: `credibility: 2`"),
            error(kcna)
                .on("reliability: d4")
                .message("reliability `D` and credibility `4`")
                .hint("write `reliability: D` here, and `credibility: 4` on the claim"),
            error(FIRST)
                .on("reliability: 7")
                .message("invalid reliability `7`")
                .hint("`A` (completely reliable) to `F`"),
        ],
    );
}

#[test]
fn unclosed_front_matter() {
    let actor = "content/actors/unclosed.md";
    check(
        |site| {
            site.write(
                actor,
                "---\nname: Unclosed\nkind: state\n\nNo closing line.\n",
            )
        },
        &[error(actor).line(1).message("not closed").hint("---")],
    );
}

#[test]
fn missing_front_matter() {
    let actor = "content/actors/no-front-matter.md";
    check(
        |site| site.write(actor, "name: Nobody\nkind: state\n"),
        &[error(actor).line(1).message("front matter").hint("---")],
    );
}

#[test]
fn empty_file() {
    let actor = "content/actors/empty.md";
    check(
        |site| site.write(actor, ""),
        &[error(actor).message("empty")],
    );
}

#[test]
fn invalid_utf8() {
    check(
        |site| {
            let mut bytes = site.read(THIRD).into_bytes();
            bytes.extend_from_slice(b"\nSome text \xFF\xFE here.\n");
            site.write(THIRD, bytes);
        },
        &[error(THIRD).on("Some text").message("UTF-8").hint("UTF-8")],
    );
}

/// A brief skipped for YAML that does not parse (or bytes that are not
/// UTF-8) is one error: its id and the ids of the claims it declares stay
/// known, so the briefs citing or linking them (the second brief cites and
/// links `nis-troops-15000` and links `first-brief`; the claim file and
/// judgements point at its claims) raise no "unknown id" error.
#[test]
fn a_brief_that_cannot_be_read_is_one_error_not_one_per_reference() {
    check(
        |site| {
            site.replace(
                FIRST,
                "title: Troops in Kursk\n",
                "title: Troops: in Kursk\n",
            )
        },
        &[error(FIRST).at(": in Kursk").message("invalid YAML")],
    );
    check(
        |site| {
            let text = site
                .read(FIRST)
                .replace("about 15,000 troops", "about 15,000 troops \u{1}");
            let mut bytes = text.into_bytes();
            let at = bytes.iter().position(|b| *b == 1).unwrap();
            bytes[at] = 0xFF;
            site.write(FIRST, bytes);
        },
        &[error(FIRST).on("about 15,000 troops").message("UTF-8")],
    );
    // Front matter that cannot be split from the body: not closed, or
    // not opened.
    check(
        |site| {
            let text = site.read(FIRST).replacen("---\nThe [[nis", "The [[nis", 1);
            site.write(FIRST, text);
        },
        &[error(FIRST).line(1).message("front matter is not closed")],
    );
    check(
        |site| {
            let text = site.read(FIRST);
            site.write(FIRST, &text[4..]);
        },
        &[error(FIRST).line(1).message("missing front matter")],
    );
    // A claim the broken brief does not declare is still unknown.
    check(
        |site| {
            site.replace(
                FIRST,
                "title: Troops in Kursk\n",
                "title: Troops: in Kursk\n",
            );
            site.replace(SECOND, "  - nis-troops-15000\n", "  - nis-troops-1500\n");
        },
        &[
            error(FIRST).at(": in Kursk").message("invalid YAML"),
            error(SECOND)
                .on("- nis-troops-1500")
                .message("unknown claim `nis-troops-1500`")
                .hint("did you mean `nis-troops-15000`?"),
        ],
    );
}

// Templates.

#[test]
fn template_with_undefined_variable() {
    let template = "templates/brief.html";
    check(
        |site| {
            site.write(template, "{% extends \"builtin/brief.html\" %}\n{% block content %}\n<p>{{ nosuch }}</p>\n{% endblock content %}\n")
        },
        &[error(template).on("{{ nosuch }}").message("nosuch")],
    );
}

#[test]
fn template_with_unclosed_tag() {
    let template = "templates/brief.html";
    check(
        |site| {
            site.write(
                template,
                "{% extends \"builtin/brief.html\" %}\n{% block content %}\n{% if brief.title %}\n<p>x</p>\n{% endblock content %}\n",
            )
        },
        // At the unclosed tag, or where the parser noticed it.
        &[error(template)
            .on("{% if brief.title %}")
            .message("template")
            .or(error(template)
                .on("{% endblock content %}")
                .message("template"))],
    );
}

// Templates that would run a build out of memory or time: each stops at
// a limit (docs/templates.md, "Limits"), as an error at the tag or
// expression responsible. `templates/page.html` renders one page of the
// small site, `methodology/`.

const PAGE_TEMPLATE: &str = "templates/page.html";

/// `templates/page.html` extending the built-in one, its `content` block
/// holding `body` (one statement a line, so that each quoted line is whole).
fn page_template(site: &Site, body: &str) {
    site.write(
        PAGE_TEMPLATE,
        format!("{{% extends \"builtin/page.html\" %}}\n{{% block content %}}\n{body}\n{{% endblock content %}}\n"),
    );
}

#[test]
fn template_doubling_a_string_in_a_loop() {
    check(
        |site| {
            page_template(
                site,
                "{% set x = \"ab\" %}\n{% for i in range(end=64) %}\n{% set_global x = x ~ x %}\n{% endfor %}\n{{ x | length }}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("x ~ x")
            .message("the value set to `x` is over the limit of 16 MB")
            .message("rendering methodology/index.html")
            .hint("Limits")],
    );
}

#[test]
fn template_doubling_a_captured_block_in_a_loop() {
    check(
        |site| {
            page_template(
                site,
                "{% set_global x = \"ab\" %}\n{% for i in range(end=64) %}\n{% set_global x %}{{ x }}{{ x }}{% endset %}\n{% endfor %}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .on("{% set_global x %}")
            .message("the value set to `x` is over the limit of 16 MB")
            .hint("Limits")],
    );
}

#[test]
fn template_multiplying_a_string_with_replace() {
    check(
        |site| {
            page_template(
                site,
                "{% set x = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" %}\n{% for i in range(end=8) %}\n{% set_global x = x | replace(from=\"a\", to=x) %}\n{% endfor %}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .on("replace(from=")
            .message("`replace` would make a value over the limit of 16 MB")
            .hint("Limits")],
    );
}

#[test]
fn template_looping_too_many_times() {
    check(
        |site| {
            page_template(
                site,
                "{% for i in range(end=100000) %}\n{% for j in range(end=99999) %}.{% endfor %}\n{% endfor %}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("range(end=99999)")
            .message("loops are over the limit of 1000000 iterations")
            .hint("Limits")],
    );
}

#[test]
fn template_with_a_range_of_a_hundred_million() {
    check(
        |site| page_template(site, "{% for i in range(end=100000000) %}.{% endfor %}"),
        &[error(PAGE_TEMPLATE)
            .at("range(end=100000000)")
            .message("exceeds the limit of 100000")],
    );
}

#[test]
fn template_nesting_list_comprehensions() {
    check(
        |site| {
            page_template(
                site,
                "{{ [[x for x in range(end=100000)] for y in range(end=99999)] | length }}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("range(end=100000)")
            .message("over the limit of")
            .hint("Limits")],
    );
}

#[test]
fn template_writing_a_page_over_64_mb() {
    check(
        |site| {
            page_template(
                site,
                "{% set x = \"0123456789\" %}\n{% for i in range(end=20) %}\n{% set_global x = x ~ x %}\n{% endfor %}\n{% for i in range(end=100) %}\n{{ x | safe }}\n{% endfor %}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("x | safe }}")
            .message("this output takes the page over the limit of 64 MB")
            .hint("Limits")],
    );
}

#[test]
fn template_capturing_too_much_text() {
    check(
        |site| {
            page_template(
                site,
                "{% set x = \"0123456789\" %}\n{% for i in range(end=20) %}\n{% set_global x = x ~ x %}\n{% endfor %}\n{% set y %}\n{% for i in range(end=100) %}\n{{ x | safe }}\n{% endfor %}\n{% endset %}",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("x | safe }}")
            .message("the text made for this page is over the limit of 256 MB")
            .hint("Limits")],
    );
}

#[test]
fn template_component_recursing_with_a_growing_argument() {
    check(
        |site| {
            site.write(
                PAGE_TEMPLATE,
                "{% extends \"builtin/page.html\" %}\n{% component grow(x, n) %}\n{% if n > 0 %}{{ <grow x={x ~ x ~ x ~ x} n={n - 1} /> }}{% endif %}\n{% endcomponent grow %}\n{% block content %}\n{{ <grow x=\"0123456789\" n={19} /> }}\n{% endblock content %}\n",
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("{% component grow(x, n) %}")
            .message("the arguments of this component are over the limit of 16 MB")
            .hint("Limits")],
    );
}

#[test]
fn template_joining_too_many_pieces() {
    // 40 `~`, ten a line.
    let line = ["~ a"; 10].join(" ");
    let joined = [line.as_str(); 4].join("\n");
    check(
        |site| {
            page_template(
                site,
                &format!("{{% set a = \"x\" %}}\n{{{{ a\n{joined}\n}}}}"),
            )
        },
        &[error(PAGE_TEMPLATE)
            .at("~ a")
            .message("joins 40 pieces with `~`; at most 32")
            .hint("{% set %}")],
    );
}

// Template names: an unknown or circular `include` or `extends` is
// reported at the name in the tag that uses it.

#[test]
fn template_including_an_unknown_template() {
    check(
        |site| page_template(site, "  {% include \"partials/nope.html\" %}"),
        &[error(PAGE_TEMPLATE)
            .at("\"partials/nope.html\"")
            .message("Unknown template `partials/nope.html`")
            .hint("builtin/<name>")],
    );
}

#[test]
fn templates_including_each_other() {
    const A: &str = "templates/partials/a.html";
    check(
        |site| {
            page_template(site, "{% include \"partials/a.html\" %}");
            site.write(A, "<p>a</p>\n  {% include \"partials/b.html\" %}\n");
            site.write(
                "templates/partials/b.html",
                "<p>b</p>{% include \"partials/a.html\" %}\n",
            );
        },
        &[error(A)
            .at("\"partials/b.html\"")
            .message("circular include: partials/a.html → partials/b.html → partials/a.html")
            .hint("remove one of these includes")],
    );
}

#[test]
fn template_extending_an_unknown_or_itself() {
    check(
        |site| site.write(PAGE_TEMPLATE, "{% extends \"nope.html\" %}\n"),
        &[error(PAGE_TEMPLATE)
            .at("\"nope.html\"")
            .message("`page.html` extends `nope.html`, which does not exist")
            .hint("builtin/<name>")],
    );
    check(
        |site| site.write(PAGE_TEMPLATE, "\n{% extends \"page.html\" %}\n"),
        &[error(PAGE_TEMPLATE)
            .at("\"page.html\"")
            .message("circular extends: page.html → page.html")
            .hint("builtin/<name>")],
    );
}

#[test]
fn template_with_unknown_filters_each_at_its_place() {
    check(
        |site| page_template(site, "{{ site.title | nofilter }}\n{{ nofunction() }}"),
        &[
            error(PAGE_TEMPLATE)
                .at("nofilter")
                .message("Unknown filter `nofilter`"),
            error(PAGE_TEMPLATE)
                .at("nofunction")
                .message("Unknown function `nofunction`"),
        ],
    );
}

// Warnings (FORMAT §13): the build goes on; `check_warns` also checks
// that --deny-warnings and `strict: true` fail on them.

/// Applies `mutation`: the site builds, and checks, with no warning at all,
/// even with --deny-warnings.
fn check_clean(mutation: impl FnOnce(&Site)) {
    let site = Site::from_fixture("small-site");
    mutation(&site);
    for run in [
        site.build(&["--deny-warnings"]),
        site.check(&["--deny-warnings"]),
    ] {
        run.expect_success();
        assert_reported(&site, &run, &[]);
    }
}

#[test]
fn updated_before_the_briefs_date() {
    check_warns(
        |site| {
            site.replace(
                FIRST,
                "date: 2025-04-30\nsummary",
                "date: 2025-04-30\nupdated: 2025-04-01\nsummary",
            )
        },
        &[warning(FIRST)
            .on("updated: 2025-04-01")
            .message("`updated` (2025-04-01) is before the brief's `date` (2025-04-30)")
            .hint("on or after its `date`")],
    );
    check_clean(|site| {
        site.replace(
            FIRST,
            "date: 2025-04-30\nsummary",
            "date: 2025-04-30\nupdated: 2025-04-30\nsummary",
        )
    });
}

#[test]
fn a_claim_said_after_the_brief_that_declares_it() {
    let said = |site: &Site, date: &str| {
        site.replace(
            FIRST,
            "    source: [nis-briefing, official]\n",
            &format!("    source: [nis-briefing, official]\n    said: {date}\n"),
        )
    };
    check_warns(
        |site| said(site, "2025-05-02"),
        &[warning(FIRST)
            .on("said: 2025-05-02")
            .message("claim `nis-troops-15000` was said on 2025-05-02, after this brief's `date` (2025-04-30)")
            .hint("`updated:` with a date on or after 2025-05-02")],
    );
    // A month or a year after: the month's first day is after the date.
    check_warns(
        |site| said(site, "2025-05"),
        &[warning(FIRST)
            .on("said: 2025-05")
            .message("said on 2025-05,")],
    );
    // Said in the brief's month or year, or on its day: it may be before.
    for date in ["2025-04", "2025", "2025-04-30", "2025-01-02"] {
        check_clean(|site| said(site, date));
    }
    // An `updated` on or after the claim's date covers it.
    for updated in ["2025-05-02", "2025-06-01"] {
        check_clean(|site| {
            said(site, "2025-05-02");
            site.replace(
                FIRST,
                "date: 2025-04-30\nsummary",
                &format!("date: 2025-04-30\nupdated: {updated}\nsummary"),
            );
        });
    }
    check_warns(
        |site| {
            said(site, "2025-05-02");
            site.replace(
                FIRST,
                "date: 2025-04-30\nsummary",
                "date: 2025-04-30\nupdated: 2025-05-01\nsummary",
            );
        },
        &[warning(FIRST)
            .on("said: 2025-05-02")
            .message("after this brief's `date`")],
    );
}

#[test]
fn a_brief_citing_a_claim_said_after_it() {
    // The second brief (10 May) cites the claim file's claim.
    // Its last change (14 May) is its `updated`: a claim said after that.
    check_warns(
        |site| site.replace(CLAIM_FILE, "said: 2025-04-30\n", "said: 2025-05-20\n"),
        &[warning(SECOND)
            .on("  - nis-killed-600")
            .message("this brief, dated 2025-05-10, cites `nis-killed-600`, which was said on 2025-05-20, after it")
            .hint("`updated:` with a date on or after 2025-05-20")],
    );
    check_clean(|site| {
        site.replace(CLAIM_FILE, "said: 2025-04-30\n", "said: 2025-05-20\n");
        site.replace(
            SECOND,
            "date: 2025-05-10\n",
            "date: 2025-05-10\nupdated: 2025-05-20\n",
        );
    });
    // Said before the last change: covered by it.
    check_clean(|site| site.replace(CLAIM_FILE, "said: 2025-04-30\n", "said: 2025-05-12\n"));
    // The second brief also cites the first's claim, said on the first
    // brief's date by default.
    check_warns(
        |site| site.replace(FIRST, "\ndate: 2025-04-30\n", "\ndate: 2025-05-20\n"),
        &[warning(SECOND)
            .on("  - nis-troops-15000")
            .message("cites `nis-troops-15000`, which was said on 2025-05-20")],
    );
}

#[test]
fn a_confirmed_or_corroborated_claim_graded_improbable() {
    check_warns(
        |site| {
            site.replace(FIRST, "    status: confirmed\n", "    status: confirmed\n    credibility: 5\n");
            site.replace(CLAIM_FILE, "credibility: 3\n", "credibility: 6\nstatus: corroborated\n");
        },
        &[
            warning(FIRST)
                .on("credibility: 5")
                .message("claim `kim-acknowledges` is `confirmed` but its credibility is 5 (improbable)")
                .hint("lower its `status` or raise its `credibility`"),
            warning(CLAIM_FILE)
                .on("credibility: 6")
                .message("claim `nis-killed-600` is `corroborated` but its credibility is 6 (truth cannot be judged)")
                .hint("credibility 1"),
        ],
    );
    check_clean(|site| {
        site.replace(
            FIRST,
            "    status: confirmed\n",
            "    status: confirmed\n    credibility: 2\n",
        );
        site.replace(
            CLAIM_FILE,
            "credibility: 3\n",
            "credibility: 6\nstatus: reported\n",
        );
    });
}

/// What `dossier new` writes for the author to replace, left in a
/// published file: a warning at the field, or at its words in a body.
#[test]
fn placeholders_of_dossier_new_left_in_published_files() {
    let kim = "content/actors/kim-jong-un.md";
    let methodology = "content/pages/methodology.md";
    check_warns(
        |site| {
            site.replace(THIRD, "title: Shipping in the Red Sea\n", "title: A title that says what happened\n");
            site.replace(FIRST, "text: North Korea has sent", "text: One sentence, the claim, without a verdict. North Korea has sent");
            site.replace(
                FIRST,
                "  - text: North Korea will likely",
                "  - text: \"...\"\n    likelihood: likely\n  - text: North Korea will likely",
            );
            site.replace(kim, "North Korea's leader.", "North Korea's leader.\n\nA short profile of\nthis actor, in Markdown.");
            site.replace(methodology, "## Grading\n", "## Grading\n\nSee: the PAGE, in Markdown!\n");
            site.replace(ESTLINK, "  place: Gulf of Finland\n", "  place: A short description\n");
            // A draft incident may keep them until it is published.
            site.replace(DRAFT_INCIDENT, "Not yet published.", "The desk's account of the incident, in Markdown.");
        },
        &[
            warning(THIRD)
                .on("title: A title")
                .message("placeholder text of `dossier new` left in `title`: “A title that says what happened”")
                .hint("keep the file a draft"),
            warning(FIRST)
                .on("text: One sentence")
                .message("left in `claims[0].text`: “One sentence, the claim, without a verdict.”")
                .hint("write your own text"),
            warning(FIRST).on("text: \"...\"").message("left in `judgements[0].text`"),
            warning(ESTLINK)
                .at("A short description")
                .message("left in `where.place`: “A short description”")
                .hint("keep the file a draft"),
            warning(kim)
                .at("A short profile of")
                .message("left in the body: “A short profile of this actor, in Markdown.”"),
            warning(methodology)
                .at("the PAGE, in Markdown!")
                .message("left in the body: “The page, in Markdown.”"),
        ],
    );
    // A draft may hold them, until it is published.
    let draft = "content/briefs/draft-brief.md";
    let placeholder = |site: &Site| {
        site.replace(
            draft,
            "Builds on [[first-brief]].",
            "The analysis, in Markdown. Builds on [[first-brief]].",
        )
    };
    check_clean(placeholder);
    let site = Site::from_fixture("small-site");
    placeholder(&site);
    let run = site.build(&["--drafts"]);
    run.expect_success();
    assert_reported(
        &site,
        &run,
        &[warning(draft)
            .at("The analysis")
            .message("“The analysis, in Markdown.”")],
    );
}

// Drafts.

#[test]
fn published_brief_linking_to_a_draft() {
    let mutation = |site: &Site| site.append(THIRD, "\nSee [[draft-brief]].\n");
    check(
        mutation,
        &[error(THIRD).at("[[draft-brief]]").message("draft")],
    );
    // With --drafts the draft is published and the link is fine.
    let site = Site::from_fixture("small-site");
    mutation(&site);
    site.build(&["--drafts"]).expect_success();
    let page = crate::links::Page::open(&site.out(), "briefs/third-brief/index.html");
    assert!(
        page.targets().contains("briefs/draft-brief/"),
        "{:?}",
        page.targets()
    );
}

#[test]
fn published_brief_citing_a_claim_of_a_draft() {
    let mutation = |site: &Site| {
        site.replace(
            SECOND,
            "  - nis-killed-600\n",
            "  - nis-killed-600\n  - draft-claim\n",
        )
    };
    check(
        mutation,
        &[error(SECOND)
            .on("- draft-claim")
            .message("draft-claim")
            .message("draft")],
    );
    let site = Site::from_fixture("small-site");
    mutation(&site);
    site.build(&["--drafts"]).expect_success();
}

// Many at once.

#[test]
fn every_error_of_every_file_is_reported() {
    check(
        |site| {
            site.replace(CLAIM_FILE, "by: nis\n", "by: niss\n");
            site.replace(FIRST, "confirmed it.", "confirmed [[kim-jong-uu]] it.");
            site.replace(FIRST, "likelihood: likely\n", "likelihood: probable\n");
            site.replace(
                "content/actors/kim-jong-un.md",
                "kind: person\n",
                "kind: human\n",
            );
            site.replace(THIRD, "date: 2025-05-20\n", "date: 2025-02-30\n");
        },
        &[
            error(CLAIM_FILE).on("by: niss").message("`niss`"),
            error(FIRST).at("[[kim-jong-uu]]").message("`kim-jong-uu`"),
            error(FIRST)
                .on("likelihood: probable")
                .message("`probable`"),
            error("content/actors/kim-jong-un.md")
                .on("kind: human")
                .message("`human`"),
            error(THIRD).on("date: 2025-02-30").message("2025-02-30"),
        ],
    );
}

/// A value of the wrong type is reported at its line, once: it is not
/// also called missing, and it hides no other mistake of its file.
#[test]
fn values_of_the_wrong_type_are_each_reported_and_hide_nothing() {
    check(
        |site| {
            site.replace(
                FIRST,
                "title: Troops in Kursk\n",
                "title: [Troops, Kursk]\ndraft: maybe\n",
            );
            site.replace(FIRST, "value: 15000,", "value: about 15000,");
            // A list item of the wrong type, before a judgement with a mistake
            // of its own: the items after it are still checked, at their lines.
            site.replace(
                FIRST,
                "judgements:\n",
                "judgements:\n  - [not, a, judgement]\n",
            );
            site.replace(FIRST, "likelihood: likely\n", "likelihood: probable\n");
            site.replace(FIRST, "    by: kim-jong-un\n", "    by: kim-jong-uu\n");
            site.replace(
                "content/actors/nis.md",
                "kind: agency\n",
                "kind: {agency: yes}\n",
            );
        },
        &[
            error(FIRST)
                .on("title: [Troops")
                .message("`title` must be text, not a list")
                .hint("quote a value that starts with `[`"),
            error(FIRST)
                .on("draft: maybe")
                .message("`draft` must be `true` or `false`")
                .hint("without quotes"),
            error(FIRST)
                .on("value: about 15000")
                .message("`claims[0].figure.value` must be a number, not the text `about 15000`")
                .hint("`value: 15000` and `qualifier: about`"),
            error(FIRST).on("by: kim-jong-uu").message("`kim-jong-uu`"),
            error(FIRST)
                .on("- [not, a, judgement]")
                .message("`judgements[0]` must be a mapping")
                .hint("`key: value`"),
            error(FIRST)
                .on("likelihood: probable")
                .message("`probable`"),
            error("content/actors/nis.md")
                .on("kind: {agency")
                .message("`kind` must be text"),
        ],
    );
}

/// Type errors in the author's words, never the parser's ("expected
/// f64", "invalid type: string, expected a sequence": `assert_reported`
/// refuses those everywhere): what the field must be, what it is, and
/// an example made of the author's own value.
#[test]
fn type_errors_speak_the_authors_words() {
    let kim = "content/actors/kim-jong-un.md";
    let kpa = "content/actors/kpa.md";
    let measure = "content/measures/dprk-troops.md";
    check(
        |site| {
            site.replace(FIRST, "tags: [RED SEA, Kursk]\n", "tags: Estlink 2\n");
            site.replace(FIRST, "value: 15000,", "value: \"about 6\",");
            site.replace(CLAIM_FILE, "said: 2025-04-30\n", "said: [2025-04-30]\n");
            site.replace(
                CLAIM_FILE,
                "figure: {value: 600, unit: soldiers, qualifier: about}",
                "figure: 600",
            );
            site.replace(SECOND, "    by: kcna\n", "    by: {name: kcna}\n");
            site.replace(
                kim,
                "aliases:\n  - Kim Jong-un\n  - {name: 김정은, lang: ko}\n  - كيم جونغ أون\n",
                "aliases: Kim Jong-un\n",
            );
            site.replace(kpa, "part_of: north-korea\n", "part_of: [north-korea]\n");
            site.replace(measure, "unit: troops\n", "unit: {troops: 1}\n");
            site.append("site.yaml", "portable: yes\n");
            // A grade or a value of a fixed list is named as what it is.
            site.replace(FIRST, "    credibility: 2\n", "    credibility: [2]\n");
            site.replace(FIRST, "    status: confirmed\n", "    status: {confirmed: yes}\n");
            site.replace(FIRST, "    likelihood: likely\n", "    likelihood: [likely]\n");
        },
        &[
            error(FIRST)
                .on("tags: Estlink 2")
                .message("`tags` must be a list, not the text `Estlink 2`")
                .hint("write a list in brackets, even of one item: `tags: [Estlink 2]`"),
            error(FIRST)
                .on("value: \"about 6\"")
                .message("`claims[0].figure.value` must be a number, not the text `about 6`")
                .hint("`value: 6` and `qualifier: about`"),
            error(CLAIM_FILE)
                .on("said: [2025-04-30]")
                .message("`said` must be a date like `2025-04-30`, not a list (`[2025-04-30]`)")
                .hint("without brackets: `said: 2025-04-30`"),
            error(CLAIM_FILE)
                .on("figure: 600")
                .message("`figure` must be a mapping with `value`, `low`, `high`, `unit`, `qualifier`, `as_of`, `wording`, not the number `600`")
                .hint("`figure: {value: 600, unit: soldiers, qualifier: about}`"),
            error(SECOND)
                .on("by: {name: kcna}")
                .message("`claims[2].by` must be an id or a list of ids, not a mapping")
                .hint("`by: nis`"),
            error(kim)
                .on("aliases: Kim Jong-un")
                .message("`aliases` must be a list, not the text `Kim Jong-un`")
                .hint("`aliases: [Kim Jong-un]`"),
            error(kpa)
                .on("part_of: [north-korea]")
                .message("`part_of` must be an id, not a list (`[north-korea]`)")
                .hint("`part_of: north-korea`"),
            error(measure)
                .on("unit: {troops: 1}")
                .message("`unit` must be text, not a mapping")
                .hint("quote a value that starts with `{`"),
            error("site.yaml")
                .on("portable: yes")
                .message("`portable` must be `true` or `false`, not the text `yes`")
                .hint("did you mean `true`? write `portable: true`, without quotes"),
            error(FIRST)
                .on("credibility: [2]")
                .message("`claims[0].credibility` must be a credibility from `1` to `6`, not a list (`[2]`)")
                .hint("without brackets: `credibility: 2`"),
            error(FIRST)
                .on("status: {confirmed")
                .message("`claims[1].status` must be one of `confirmed`, ")
                .hint("e.g. `status: reported`"),
            error(FIRST)
                .on("likelihood: [likely]")
                .message("`judgements[0].likelihood` must be one of `almost no chance`, ")
                .hint("without brackets: `likelihood: likely`"),
        ],
    );
}

#[test]
fn check_reports_the_same_errors_and_writes_nothing() {
    let site = Site::from_fixture("small-site");
    site.replace(CLAIM_FILE, "by: nis\n", "by: niss\n");
    let run = site.check(&[]);
    run.expect_code(1);
    assert_reported(
        &site,
        &run,
        &[error(CLAIM_FILE)
            .on("by: niss")
            .message("`niss`")
            .hint("did you mean `nis`?")],
    );
    assert!(
        !site.out().exists(),
        "dossier check created {}",
        site.out().display()
    );
}

// Language tags end up in `lang` attributes: anything but the shape of
// BCP 47 is an error, wherever it is written.

#[test]
fn hostile_or_malformed_language_tags() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    check(
        |site| {
            site.replace(
                "site.yaml",
                "language: en",
                "language: \"en\\\" onload=\\\"x\"",
            );
            site.replace(KIM, "lang: ko", "lang: \"ko><script>\"");
            site.replace(
                KIM,
                "name: Kim Jong Un\n",
                "name: Kim Jong Un\nname_lang: \"en\\\" dir=\\\"rtl\"\n",
            );
        },
        &[
            error("site.yaml")
                .on("language:")
                .message("invalid language tag")
                .hint("BCP 47"),
            error(KIM)
                .on("lang: \"ko><script>\"")
                .message("invalid language tag `ko><script>`")
                .hint("BCP 47"),
            error(KIM)
                .on("name_lang:")
                .message("invalid language tag `en\" dir=\"rtl`")
                .hint("BCP 47"),
        ],
    );
}

// A tag of the right shape must still name a language of the IANA
// registry (FORMAT §13); the hint is the tag meant.

#[test]
fn language_tags_outside_the_iana_registry() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    const NK: &str = "content/actors/north-korea.md";
    check(
        |site| {
            site.replace("site.yaml", "language: en", "language: English");
            site.replace(KIM, "lang: ko", "lang: Korean");
            site.replace(NK, "lang: ko", "lang: kor-KP");
            site.replace(
                SECOND,
                "    by: kcna\n",
                "    by: kcna\n    quote: Words\n    quote_lang: jp\n",
            );
            site.replace(
                CLAIM_FILE,
                "by: nis\n",
                "by: nis\nquote: Words\nquote_lang: ger-CH\n",
            );
        },
        &[
            error("site.yaml")
                .on("language: English")
                .message("unknown language `English`: not a language subtag of the IANA registry")
                .hint("did you mean `en` (English)?"),
            error(KIM)
                .on("lang: Korean")
                .message("unknown language `Korean`")
                .hint("did you mean `ko` (Korean)?"),
            error(NK)
                .on("lang: kor-KP")
                .message("unknown language `kor` in the tag `kor-KP`")
                .hint("did you mean `ko-KP` (Korean)?"),
            error(SECOND)
                .on("quote_lang: jp")
                .message("unknown language `jp`")
                .hint("did you mean `ja` (Japanese)?"),
            error(CLAIM_FILE)
                .on("quote_lang: ger-CH")
                .message("unknown language `ger` in the tag `ger-CH`")
                .hint("did you mean `de-CH` (German)?"),
        ],
    );
}

#[test]
fn an_unsafe_link_url_is_one_warning_and_no_error() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    let site = check_warns(
        |site| {
            site.replace(
                KIM,
                "kind: person\n",
                "kind: person\nlinks:\n  - {title: Profile, url: \"javascript:alert(1)\"}\n",
            )
        },
        &[warning(KIM)
            .on("url: \"javascript:alert(1)\"")
            .message("unsafe URL removed")],
    );
    assert!(!site
        .read("public/actors/kim-jong-un/index.html")
        .contains("javascript:"));
}

// A base URL is printed into feeds, the sitemap, robots.txt and pages: a
// value that would build silently and break them is an error at the value.

#[test]
fn base_urls_that_would_break_the_output() {
    for (value, message, hint) in [
        (
            "\"https://x.org/?a=1#f\"",
            "has a query",
            "remove the `?…` part",
        ),
        ("https://x.org/#f", "has a fragment", "remove the `#…` part"),
        ("https://", "has no host", "write the host"),
        (
            "https://x.org:99999/",
            "has an invalid port",
            "from 1 to 65535",
        ),
        ("\"https://x.org/my desk/\"", "contains a space", "`%20`"),
        (
            "\"https://x.org/\\nDisallow: /\"",
            "contains a line break",
            "one address without spaces",
        ),
        (
            "\"https://x.org/\\u0007\"",
            "control character (U+0007)",
            "remove it",
        ),
        (
            "https://user:secret@x.org/",
            "user name or password",
            "would be published",
        ),
        ("ftp://x.org/", "scheme is `ftp`", "http or https"),
        (
            "example.org/desk",
            "is not an absolute URL",
            "write the full address",
        ),
        ("\"https://x<y.org/\"", "has an invalid host", "domain name"),
    ] {
        check(
            |site| site.append("site.yaml", &format!("base_url: {value}\n")),
            &[error("site.yaml")
                .at(value)
                .message("base_url `")
                .message(message)
                .hint(hint)],
        );
    }
}

// Static files where the output has something else: each an error at the
// static file, in `check` as in `build` (which used to fail writing, with
// "Is a directory" and no name).

/// [`check`], then `dossier check` on the same mutation: the same errors.
fn check_and_build(mutation: impl Fn(&Site), expected: &[Expect]) {
    let site = check_with(&[], &mutation, expected);
    let run = site.check(&[]);
    run.expect_code(1);
    assert_reported(&site, &run, expected);
}

#[test]
fn static_file_where_the_site_makes_a_folder() {
    check_and_build(
        |site| {
            site.write("static/briefs", "a file named like a folder of pages\n");
            site.write("static/search", "x\n");
        },
        &[
            error("static/briefs")
                .message("where the output needs the folder `briefs/`")
                .message("`briefs/index.html`")
                .hint("rename `static/briefs`"),
            error("static/search")
                .message("the folder `search/` (for `search/index.html`)")
                .hint("rename"),
        ],
    );
}

#[test]
fn static_folder_where_the_site_makes_a_file() {
    check_and_build(
        |site| {
            site.write("static/index.html/x.txt", "x\n");
            site.write("static/style.css/print.css", "x\n");
            site.write("static/briefs/third-brief/index.html/a", "x\n");
        },
        &[
            error("static/index.html/x.txt")
                .message("needs a folder `index.html/`, where the output has the generated page `index.html`")
                .hint("move the static file out of `static/index.html/`"),
            error("static/style.css/print.css")
                .message("the theme's file `style.css`")
                .hint("move"),
            error("static/briefs/third-brief/index.html/a")
                .message("the generated page `briefs/third-brief/index.html`")
                .hint("move"),
        ],
    );
}

#[test]
fn static_file_at_the_path_of_a_generated_page() {
    check_and_build(
        |site| {
            site.write("static/briefs/index.html", "<p>mine</p>\n");
            site.write("static/search/index.html", "<p>mine</p>\n");
            site.write("static/404.html", "<p>mine</p>\n");
            site.write("static/data/claims.csv", "id\n");
            site.write("static/measures/dprk-killed/figures.csv", "x\n");
        },
        &[
            error("static/briefs/index.html")
                .message("collides with the generated page `briefs/index.html`")
                .hint("rename or move"),
            error("static/search/index.html")
                .message("the generated page `search/index.html`")
                .hint("rename or move"),
            error("static/404.html")
                .message("the generated page `404.html`")
                .hint("rename or move"),
            error("static/data/claims.csv")
                .message("collides with the generated file `data/claims.csv`")
                .hint("rename or move"),
            error("static/measures/dprk-killed/figures.csv")
                .message("the generated file `measures/dprk-killed/figures.csv`")
                .hint("rename or move"),
        ],
    );
}

#[test]
fn static_files_posing_as_dossiers_own() {
    check_and_build(
        |site| {
            site.write("static/.dossier", "not a marker\n");
            site.write("static/briefs/.index.html.dossier-4242", "x\n");
            site.write("static/.public.dossier-staging-4242/x", "x\n");
        },
        &[
            error("static/.dossier")
                .message("a name dossier keeps for itself")
                .hint("rename it"),
            error("static/briefs/.index.html.dossier-4242")
                .message("a name dossier keeps for itself")
                .hint("rename it"),
            error("static/.public.dossier-staging-4242/x")
                .message("a name dossier keeps for itself")
                .hint("rename it"),
        ],
    );
}

// Content format v1.2: the desk's verdict apart from actors' stances,
// corrections, evidence, declared measures. A v1.1 site gets, for each
// rule that changed, an error whose hint says what to write instead.

/// The fixture is clean: it builds and checks with `--deny-warnings`.
#[test]
fn the_fixture_builds_without_a_warning() {
    check_clean(|_| {});
}

#[test]
fn denied_is_no_status_but_a_response() {
    check(
        |site| site.replace(SECOND, "status: false\n", "status: denied\n"),
        &[error(SECOND)
            .on("status: denied")
            .message("`denied` is not a status")
            .hint("`responses: [{by: kpa, stance: denies}]`")
            .hint("`status: reported`")],
    );
    // Written in capitals, on a claim file without `about`: the same.
    check(
        |site| site.replace(CLAIM_FILE, "about: [kpa]\n", "status: Denied\n"),
        &[error(CLAIM_FILE)
            .on("status: Denied")
            .message("`denied` is not a status")
            .hint("`responses: [{by: an-actor-id, stance: denies}]`")],
    );
}

/// Content written for v1.1, where each of these was valid: every rule
/// v1.2 removed or changed is an error or a warning whose hint says what
/// to write instead, and nothing else is reported (no second, clashing
/// hint for the same mistake).
#[test]
fn a_v1_1_site_is_told_what_to_write_instead() {
    const V11: &str = "content/briefs/v11.md";
    const WOUNDED: &str = "content/measures/dprk-wounded.md";
    let site = check_with(
        &[],
        |site| {
            site.write(
                WOUNDED,
                "---\nname: North Korean soldiers wounded\n---\nNo unit: optional in v1.1.\n",
            );
            site.write(
                V11,
                "---\ntitle: Written for v1.1\ndate: 2025-06-01\nclaims:\n  - id: kcna-denied\n    text: The NIS count is a fabrication.\n    by: nis\n    about: [kcna]\n    status: denied\n  - id: wounded\n    text: About 1,000 North Korean soldiers have been wounded.\n    by: nis\n    figure: {value: 1000, unit: soldiers}\n    measure: dprk-wounded\n  - id: captured\n    text: Two North Korean soldiers were captured.\n    by: nis\n    figure: {value: 2, unit: soldiers}\n    measure: dprk-captured\n  - id: in-soldiers\n    text: 12,000 soldiers were sent.\n    by: nis\n    figure: {value: 12000, unit: soldiers}\n    measure: dprk-troops\n  - id: kcna-corrects\n    text: KCNA says the count is wrong.\n    by: kcna\n    supersedes: [wounded]\n  - id: old-count\n    text: An older count.\n    by: nis\n    status: superseded\n---\n",
            );
        },
        &[
            error(V11)
                .on("status: denied")
                .message("`denied` is not a status")
                .hint("`status: reported`")
                .hint("`responses: [{by: kcna, stance: denies}]`"),
            // Measures were implicit, their fields optional.
            error(V11)
                .on("measure: dprk-captured")
                .message("unknown measure `dprk-captured`: no file declares it")
                .hint("create content/measures/dprk-captured.md holding `---`, `name: …`, `unit: soldiers`, `---`"),
            error(WOUNDED)
                .on("name: North Korean soldiers wounded")
                .message("missing required field `unit`")
                .hint("add `unit: soldiers`"),
            // Units were not compared.
            error(V11)
                .on("value: 12000, unit: soldiers")
                .message("the figure is in `soldiers`, but the measure `dprk-troops` counts `troops`")
                .hint("convert the figure to troops and write `unit: troops` (or leave `unit` out)"),
            // `supersedes` across claimants: `contradicts`, and no second
            // warning telling `wounded` to take the status `superseded`.
            warning(V11)
                .on("supersedes: [wounded]")
                .message("a claim of another claimant")
                .hint("write `contradicts: [wounded]`"),
            warning(V11)
                .on("status: superseded")
                .message("claim `old-count` is marked `superseded`, but no claim supersedes it")
                .hint("add `supersedes: [old-count]` to the claim that replaces it"),
        ],
    );
    let stderr = site.build(&[]).stderr;
    let warnings = crate::diagnostics::parse(&stderr)
        .into_iter()
        .filter(|r| r.severity == "warning")
        .count();
    assert_eq!(warnings, 2, "{stderr}");
}

#[test]
fn undeclared_measures_are_errors_with_the_file_to_write() {
    // A typo: the closest declared measure.
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "measure: dprk-killed\n",
                "measure: dprk-kiled\n",
            )
        },
        &[error(CLAIM_FILE)
            .on("measure: dprk-kiled")
            .message("unknown measure `dprk-kiled`")
            .hint("did you mean `dprk-killed`?")],
    );
    // A measure never declared: the file to create, with the figure's unit.
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "measure: dprk-killed\n",
                "measure: north-korean-wounded\n",
            )
        },
        &[error(CLAIM_FILE)
            .on("measure: north-korean-wounded")
            .message("no file declares it")
            .hint("create content/measures/north-korean-wounded.md")
            .hint("`name: …`, `unit: soldiers`")],
    );
    // Its file removed: every claim of it is reported.
    check(
        |site| site.remove("content/measures/dprk-troops.md"),
        &[
            error(FIRST)
                .on("measure: dprk-troops")
                .message("unknown measure `dprk-troops`"),
            error(SECOND)
                .on("measure: dprk-troops")
                .message("unknown measure `dprk-troops`"),
            error(SECOND)
                .at("[[dprk-troops]]")
                .message("unknown id `dprk-troops`"),
        ],
    );
}

#[test]
fn a_measure_file_needs_a_name_and_a_unit() {
    // Both were optional in v1.1: the hint gives what pages showed or
    // what the figures say.
    const MEASURE: &str = "content/measures/dprk-killed.md";
    check(
        |site| site.replace(MEASURE, "unit: soldiers\n", ""),
        &[error(MEASURE)
            .on("name: North Korean soldiers killed")
            .message("missing required field `unit`")
            .hint("add `unit: soldiers`")],
    );
    check(
        |site| {
            site.replace(
                MEASURE,
                "name: North Korean soldiers killed\n",
                "name: \"\"\n",
            )
        },
        &[error(MEASURE)
            .on("name:")
            .message("`name` is empty")
            .hint("add `name: Dprk killed`")],
    );
    // A unit YAML would not read back as written is quoted in the hint.
    check(
        |site| {
            site.replace(MEASURE, "unit: soldiers\n", "");
            site.replace(CLAIM_FILE, "unit: soldiers,", "unit: \"soldiers: dead\",");
        },
        &[error(MEASURE)
            .on("name: North Korean soldiers killed")
            .hint("add `unit: \"soldiers: dead\"`")],
    );
}

#[test]
fn a_measure_is_named_by_its_id() {
    check(
        |site| site.replace(CLAIM_FILE, "measure: dprk-killed\n", "measure: \" \"\n"),
        &[error(CLAIM_FILE)
            .on("measure: \" \"")
            .message("`measure` is empty")
            .hint("leave `measure` out")],
    );
    // Written as a name: the id it would have.
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "measure: dprk-killed\n",
                "measure: DPRK Killed\n",
            )
        },
        &[error(CLAIM_FILE)
            .on("measure: DPRK Killed")
            .message("unknown measure `DPRK Killed`")
            .hint("did you mean `dprk-killed`? Ids are lowercase")],
    );
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "measure: dprk-killed\n",
                "measure: North Korean Wounded\n",
            )
        },
        &[error(CLAIM_FILE)
            .on("measure: North Korean Wounded")
            .message("unknown measure `North Korean Wounded`")
            .hint("write `measure: north-korean-wounded`")
            .hint("create content/measures/north-korean-wounded.md")
            .hint("`unit: soldiers`")],
    );
}

#[test]
fn a_figure_unit_must_be_its_measures() {
    check(
        |site| {
            site.replace(
                FIRST,
                "{value: 15000, unit: troops,",
                "{value: 15000, unit: soldiers,",
            )
        },
        &[error(FIRST)
            .on("unit: soldiers")
            .message("the figure is in `soldiers`, but the measure `dprk-troops` counts `troops`")
            .hint("convert the figure to troops")
            .hint("`dprk-killed`")],
    );
}

#[test]
fn supersedes_cycles_are_errors() {
    check(
        |site| {
            site.replace(
                CLAIM_FILE,
                "contradicts: [kcna-denies-losses]\n",
                "contradicts: [kcna-denies-losses]\nsupersedes: [nis-troops-15000]\n",
            );
            site.replace(
                FIRST,
                "    measure: dprk-troops\n",
                "    measure: dprk-troops\n    supersedes: [nis-troops-forecast, nis-killed-600]\n",
            );
        },
        &[
            error(CLAIM_FILE)
                .on("supersedes: [nis-troops-15000]")
                .message("`supersedes` cycle: nis-killed-600 → nis-troops-15000 → nis-killed-600")
                .hint("remove one `supersedes`"),
            // Each claim superseded is told to say so (warnings).
            warning(CLAIM_FILE)
                .on("text: About 600")
                .message("superseded by `nis-troops-15000`"),
            warning(FIRST)
                .on("- id: nis-troops-15000")
                .message("superseded by `nis-killed-600`"),
            warning(SECOND)
                .on("- id: nis-troops-forecast")
                .hint("`status: superseded`"),
        ],
    );
}

#[test]
fn supersedes_cycles_of_any_length_are_errors_once_each() {
    // A claim superseding itself; a cycle of three beside a cycle of two
    // that it leads into (two groups: two errors); a chain into a cycle
    // (the chain is not in it); a cycle through a claim file.
    const CYCLES: &str = "content/briefs/cycles.md";
    let claim = |id: &str, supersedes: &str| {
        format!("  - id: {id}\n    text: {id}.\n    by: nis\n    status: superseded\n    supersedes: [{supersedes}]\n")
    };
    check(
        |site| {
            let claims: String = [
                claim("self", "self"),
                claim("three-a", "three-b"),
                claim("three-b", "three-c"),
                claim("three-c", "three-a, two-a"),
                claim("two-a", "two-b"),
                claim("two-b", "two-a"),
                claim("chain", "two-a"),
                claim("via-file", "nis-killed-600"),
            ]
            .concat();
            site.write(
                CYCLES,
                format!("---\ntitle: Cycles\ndate: 2025-06-01\nclaims:\n{claims}  - id: top\n    text: Top.\n    by: nis\n    supersedes: [chain]\n---\n"),
            );
            site.replace(
                CLAIM_FILE,
                "contradicts: [kcna-denies-losses]\n",
                "contradicts: [kcna-denies-losses]\nstatus: superseded\nsupersedes: [via-file]\n",
            );
        },
        &[
            error(CYCLES)
                .on("supersedes: [self]")
                .message("a claim cannot name itself in `supersedes`"),
            error(CYCLES)
                .on("supersedes: [three-b]")
                .message("`supersedes` cycle: three-a → three-b → three-c → three-a")
                .hint("remove one `supersedes`"),
            error(CYCLES)
                .on("supersedes: [two-b]")
                .message("`supersedes` cycle: two-a → two-b → two-a"),
            error(CLAIM_FILE)
                .on("supersedes: [via-file]")
                .message("`supersedes` cycle: nis-killed-600 → via-file → nis-killed-600"),
            // Superseded by nothing (its only `supersedes` is itself).
            warning(CYCLES)
                .line(8)
                .message("marked `superseded`, but no claim supersedes it"),
            // The second brief's judgement rests on the superseded claim
            // file alone (every warning is counted).
            warning(SECOND).on("    claims: [nis-killed-600]").message(
                "rests only on claims that no longer stand (`nis-killed-600` is superseded)",
            ),
        ],
    );
}

#[test]
fn supersedes_warnings_keep_statuses_and_claimants_consistent() {
    // Another claimant's claim: that is `contradicts`.
    check_warns(
        |site| {
            site.replace(
                SECOND,
                "    status: false\n",
                "    status: false\n    supersedes: [nis-killed-600]\n",
            );
            site.replace(
                CLAIM_FILE,
                "credibility: 3\n",
                "credibility: 3\nstatus: superseded\n",
            );
        },
        &[
            warning(SECOND)
                .on("supersedes: [nis-killed-600]")
                .message(
                    "`kcna-denies-losses` supersedes `nis-killed-600`, a claim of another claimant",
                )
                .hint("`contradicts: [nis-killed-600]`"),
            // The judgement resting on it now rests on nothing standing.
            warning(SECOND)
                .on("claims: [nis-killed-600]")
                .message("`nis-killed-600` is superseded"),
        ],
    );
    // Marked superseded, superseded by nothing.
    check_warns(
        |site| site.replace(SECOND, "status: false\n", "status: superseded\n"),
        &[warning(SECOND)
            .on("status: superseded")
            .message("marked `superseded`, but no claim supersedes it")
            .hint("`supersedes: [kcna-denies-losses]`")],
    );
}

#[test]
fn responses_name_actors_stances_and_sources_of_their_file() {
    check(
        |site| {
            site.replace(CLAIM_FILE, "  - by: kcna\n", "  - by: kcnaa\n");
            site.replace(CLAIM_FILE, "    stance: denies\n", "    stance: denied\n");
            site.replace(
                CLAIM_FILE,
                "    source: kcna-statement\n",
                "    source: kcna-statment\n",
            );
            site.replace(
                FIRST,
                "{by: north-korea, stance: declines-to-comment}",
                "{by: north-korea, stance: no-comment}\n      - {stance: denies}\n      - {by: kpa}\n      - {by: [nis, KCNA, Kcna-Agency], stance: denies}",
            );
        },
        &[
            error(CLAIM_FILE)
                .on("by: kcnaa")
                .message("unknown actor `kcnaa` in `responses[0].by`")
                .hint("did you mean `kcna`?"),
            error(CLAIM_FILE)
                .on("stance: denied")
                .message("invalid value `denied` for `responses[0].stance`")
                .hint("`denies`"),
            error(CLAIM_FILE)
                .on("source: kcna-statment")
                .message("unknown source `kcna-statment`")
                .hint("did you mean `kcna-statement`?"),
            error(FIRST)
                .on("stance: no-comment")
                .message("`no-comment`")
                .hint("`declines-to-comment`"),
            error(FIRST)
                .on("- {stance: denies}")
                .message("response without `by`"),
            error(FIRST)
                .on("- {by: kpa}")
                .message("response without `stance`")
                .hint("`confirms`"),
            // In a list: at the entry, with the closest id.
            error(FIRST)
                .at("KCNA, Kcna-Agency")
                .message("unknown actor `KCNA` in `responses[3].by[1]`")
                .hint("did you mean `kcna`?"),
            error(FIRST)
                .at("Kcna-Agency]")
                .message("unknown actor `Kcna-Agency` in `responses[3].by[2]`")
                .hint("write `kcna-agency`, and create content/actors/kcna-agency.md"),
        ],
    );
}

#[test]
fn changes_need_a_date_and_a_note_and_a_known_kind() {
    check(
        |site| {
            site.replace(
                SECOND,
                "  - {date: 2025-05-14, note: Corrected the date of the NIS briefing., kind: correction}\n",
                "  - {date: 2025-05-14, note: Corrected., kind: corection}\n  - {note: Undated.}\n  - {date: 2025-05-15}\n  - {date: 2025-05-32, note: No such day.}\n",
            );
        },
        &[
            error(SECOND)
                .on("kind: corection")
                .message("invalid value `corection` for `changes[1].kind`")
                .hint("`correction`"),
            error(SECOND)
                .on("- {note: Undated.}")
                .message("change without `date`"),
            error(SECOND)
                .on("- {date: 2025-05-15}")
                .message("change without `note`"),
            error(SECOND)
                .on("2025-05-32")
                .message("invalid date `2025-05-32` in `changes[4].date`"),
        ],
    );
}

#[test]
fn changes_and_updated_must_come_after_publication() {
    check_warns(
        |site| {
            site.replace(
                SECOND,
                "{date: 2025-05-12, note:",
                "{date: 2025-05-01, note:",
            );
            site.replace(
                SECOND,
                "date: 2025-05-10\n",
                "date: 2025-05-10\nupdated: 2025-05-13\n",
            );
        },
        &[
            warning(SECOND)
                .on("{date: 2025-05-01, note:")
                .message("change dated 2025-05-01, before the brief's `date` (2025-05-10)"),
            warning(SECOND)
                .on("updated: 2025-05-13")
                .message("`updated` (2025-05-13) is before the last change (2025-05-14)")
                .hint("write `updated: 2025-05-14`"),
        ],
    );
}

#[test]
fn judgements_name_claims_against_them_and_rest_on_standing_ones() {
    check(
        |site| {
            site.replace(
                SECOND,
                "against: [kcna-denies-losses]",
                "against: [kcna-denies-loses, nis-killed-600]",
            )
        },
        &[
            error(SECOND)
                .on("kcna-denies-loses")
                .message("unknown claim `kcna-denies-loses` in `judgements[0].against[0]`")
                .hint("did you mean `kcna-denies-losses`?"),
            error(SECOND)
                .on("kcna-denies-loses")
                .message("`nis-killed-600` is both in `claims` and in `against`"),
        ],
    );
    check_warns(
        |site| {
            site.replace(
                SECOND,
                "    claims: [nis-killed-600]\n    against: [kcna-denies-losses]\n",
                "    claims: [kcna-denies-losses]\n",
            )
        },
        &[warning(SECOND)
            .on("claims: [kcna-denies-losses]")
            .message("rests only on claims that no longer stand (`kcna-denies-losses` is false)")],
    );
}

// FORMAT v1.3: sources as ICD 206 asks (§6), identifiers and typed
// relations (§5). Every new field's bad value is an error at its line.

const CARAVELLA: &str = "content/actors/caravella.md";
const EAGLE: &str = "content/actors/eagle-s.md";

#[test]
fn a_source_says_what_it_is_and_how_it_knows_in_known_words() {
    check(
        |site| {
            site.replace(
                FIRST,
                "    type: official-statement\n    access: indirect\n",
                "    type: press conferense\n    access: indrect\n    archive: \"mailto:archive@example.org\"\n    retrieved: 2025-13-01\n    language: en_US\n    anonymous: maybe\n",
            )
        },
        &[
            error(FIRST)
                .on("type: press conferense")
                .message("invalid value `press conferense` for `sources[0].type`")
                .hint("did you mean `press-conference`?"),
            error(FIRST)
                .on("access: indrect")
                .message("invalid value `indrect` for `sources[0].access`")
                .hint("did you mean `indirect`?"),
            error(FIRST)
                .on("archive: \"mailto:")
                .message("`archive` must be an http(s) address")
                .hint("https://web.archive.org/"),
            error(FIRST)
                .on("retrieved: 2025-13-01")
                .message("invalid date `2025-13-01` in `sources[0].retrieved`"),
            error(FIRST)
                .on("language: en_US")
                .message("invalid language tag `en_US`")
                .hint("`en-US`"),
            error(FIRST)
                .on("anonymous: maybe")
                .message("`sources[0].anonymous`"),
        ],
    );
}

#[test]
fn an_archive_with_a_script_url_is_removed_like_any_url() {
    check_warns(
        |site| {
            site.replace(
                CARAVELLA,
                "archive: https://web.archive.org/web/2025/https://www.equasis.org/",
                "archive: \"javascript:alert(1)\"",
            )
        },
        &[warning(CARAVELLA)
            .on("archive: \"javascript:")
            .message("unsafe URL removed")],
    );
}

#[test]
fn identifiers_are_checked_digit_by_digit() {
    check(
        |site| {
            site.replace(
                EAGLE,
                "  imo: 9329760\n  mmsi: 518998000\n  flag: CK\n",
                "  imo: 9329761\n  mmsi: 51899800\n  flag: Russia\n  icao24: 4b18g4\n  wikidata: https://www.wikidata.org/wiki/Q423\n  Lloyds: 12345\n  MMSI: 518998000\n",
            )
        },
        &[
            error(EAGLE)
                .on("imo: 9329761")
                .message("IMO number `9329761` fails its check digit: the last digit is `1`, but the first six digits give `0`")
                .hint("`9329760`"),
            error(EAGLE)
                .on("mmsi: 51899800")
                .message("`51899800` is not an MMSI: it has 8 digits, not 9"),
            error(EAGLE)
                .on("flag: Russia")
                .message("`Russia` is not an ISO 3166 country code")
                .hint("did you mean `RU` (Russia)?"),
            error(EAGLE)
                .on("icao24: 4b18g4")
                .message("`g` (character 5) is not a hexadecimal digit"),
            error(EAGLE)
                .on("wikidata: https:")
                .message("is not a Wikidata item")
                .hint("`Q423`"),
            error(EAGLE)
                .on("MMSI: 518998000")
                .message("identifier `mmsi` written twice"),
        ],
    );
    check(
        |site| site.replace(EAGLE, "  imo: 9329760\n", "  imo: 93297O0\n"),
        &[error(EAGLE)
            .on("imo: 93297O0")
            .message("`93297O0` is not an IMO number: `O` (character 6) is not a digit")],
    );
}

#[test]
fn vessels_aircraft_and_infrastructure_are_kinds() {
    check(
        |site| site.replace(EAGLE, "kind: vessel\n", "kind: vesel\n"),
        &[error(EAGLE)
            .on("kind: vesel")
            .message("invalid value `vesel` for `kind`")
            .hint("did you mean `vessel`?")],
    );
}

#[test]
fn relations_name_a_known_type_an_actor_dates_in_order_and_a_source() {
    check(
        |site| {
            site.replace(
                CARAVELLA,
                "  - {type: owns, to: eagle-s, from: 2023-06, source: registry}\n",
                "  - {type: own, to: eagle-s}\n  - {type: operates, to: eagle}\n  - {type: owns, to: eagle-s, from: 2024, until: 2023}\n  - {type: funds, to: eagle-s, source: registy}\n  - {type: commands, to: eagle-s, source: registry}\n  - {type: employs, to: caravella}\n  - {to: eagle-s}\n",
            )
        },
        &[
            error(CARAVELLA)
                .on("type: own,")
                .message("invalid value `own` for `relations[0].type`")
                .hint("did you mean `owns`?"),
            error(CARAVELLA)
                .on("to: eagle}")
                .message("unknown actor `eagle` in `relations[1].to`")
                .hint("did you mean `eagle-s`?"),
            error(CARAVELLA)
                .on("until: 2023")
                .message("`until` (2023) is before `from` (2024)"),
            error(CARAVELLA)
                .on("source: registy")
                .message("unknown source `registy`")
                .hint("did you mean `registry`?"),
            error(CARAVELLA)
                .on("to: caravella")
                .message("`caravella` cannot be related to itself"),
            error(CARAVELLA)
                .on("- {to: eagle-s}")
                .message("relation without `type`"),
        ],
    );
    check(
        |site| {
            site.replace(
                CARAVELLA,
                "  - {type: owns, to: eagle-s, from: 2023-06, source: registry}\n",
                "  - {type: owns, to: eagle-s, from: 2023-06, source: registry}\n  - {type: owns, to: eagle-s, from: 2023-06}\n",
            )
        },
        &[error(CARAVELLA)
            .on("  - {type: owns, to: eagle-s, from: 2023-06}")
            .message("relation `owns` to `eagle-s` written twice")],
    );
}

#[test]
fn member_of_is_part_of_and_its_cycles_are_errors() {
    const KCNA: &str = "content/actors/kcna.md";
    const NORTH_KOREA: &str = "content/actors/north-korea.md";
    check(
        |site| {
            site.replace(
                NORTH_KOREA,
                "kind: state\n",
                "kind: state\nrelations:\n  - {type: member-of, to: kcna}\n",
            )
        },
        &[error(KCNA)
            .on("part_of: north-korea")
            .message("`part_of` cycle: kcna → north-korea → kcna")
            .or(error(NORTH_KOREA)
                .on("member-of, to: kcna")
                .message("`member-of` cycle"))],
    );
}
