//! Bad input, one class per test. Each test copies the small-site fixture,
//! builds it once (that output must survive), applies one mutation, builds
//! again and checks, through [`check`], the exit status, every diagnostic
//! (file, exact line — and column in bodies —, message, hint, quoted line
//! with a caret) and that the previous output is byte for byte and time for
//! time what it was.

use crate::diagnostics::{assert_reported, error, Expect};
use crate::fixtures::{assert_same_snapshot, snapshot, Site};

const FIRST: &str = "content/briefs/2025/first-brief.md";
const SECOND: &str = "content/briefs/second-brief.md";
const THIRD: &str = "content/briefs/third-brief.md";
const CLAIM_FILE: &str = "content/claims/nis-killed-600.md";

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

#[test]
fn invalid_status() {
    check(
        |site| site.replace(SECOND, "status: denied\n", "status: denyed\n"),
        &[error(SECOND)
            .on("status: denyed")
            .message("`denyed`")
            .hint("`denied`")],
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
                .message("`title` must be text")
                .hint("quote it"),
            error(FIRST)
                .on("draft: maybe")
                .message("`draft` must be `true` or `false`")
                .hint("without quotes"),
            error(FIRST)
                .on("value: about 15000")
                .message("`claims[0].figure.value` must be a number")
                .hint("without separators"),
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
        ],
    );
}

#[test]
fn an_unsafe_link_url_is_one_warning_and_no_error() {
    const KIM: &str = "content/actors/kim-jong-un.md";
    let site = crate::fixtures::Site::from_fixture("small-site");
    site.replace(
        KIM,
        "kind: person\n",
        "kind: person\nlinks:\n  - {title: Profile, url: \"javascript:alert(1)\"}\n",
    );
    let run = site.build(&[]);
    run.expect_success();
    crate::diagnostics::assert_reported(
        &site,
        &run,
        &[crate::diagnostics::warning(KIM)
            .on("url: \"javascript:alert(1)\"")
            .message("unsafe URL removed")],
    );
    assert!(!site
        .read("public/actors/kim-jong-un/index.html")
        .contains("javascript:"));
}
