//! Tests of the Markdown renderer.

use super::*;

const DEEP: Place = Place {
    root: "../../",
    portable: false,
};

fn lookup(id: &str) -> Option<LinkTarget> {
    match id {
        "kim" => Some(LinkTarget {
            path: "/actors/kim/".into(),
            text: "Kim Jong Un".into(),
        }),
        "about" => Some(LinkTarget {
            path: "/about/".into(),
            text: "About <us>".into(),
        }),
        _ => None,
    }
}

#[test]
fn blocks_written_mostly_right_to_left_are_marked_so() {
    let source = "An English paragraph naming \u{0643}\u{064A}\u{0645}.\n\n\
        > \u{0644}\u{0646} \u{0646}\u{062A}\u{0631}\u{0627}\u{062C}\u{0639}.\n\n\
        - \u{05E9}\u{05DC}\u{05D5}\u{05DD} [[kim|\u{05E7}\u{05D9}\u{05DD}]] (KJU)\n\
        - English item\n\n\
        ## \u{0639}\u{0646}\u{0648}\u{0627}\u{0646}\n\n\
        1. \u{0623}\u{0648}\u{0644}\n\n   \u{062B}\u{0627}\u{0646}\u{064A} is more\n";
    let html = render_body(source, &lookup, DEEP).html;
    // A paragraph mostly in English keeps the page's direction.
    assert!(html.starts_with("<p>An English paragraph"), "{html}");
    // A quotation in Arabic, a list item in Hebrew (its link's text
    // counted), a heading in Arabic.
    assert!(
        html.contains("<blockquote>\n<p dir=\"rtl\">\u{0644}\u{0646}"),
        "{html}"
    );
    assert!(html.contains("<li dir=\"rtl\">\u{05E9}"), "{html}");
    assert!(html.contains("<li>English item</li>"), "{html}");
    assert!(html.contains("<h2 id="), "{html}");
    assert!(html.contains("dir=\"rtl\">\u{0639}\u{0646}"), "{html}");
    // A loose item: its letters are those of its paragraphs together.
    assert!(
        html.contains("<li dir=\"rtl\"><p dir=\"rtl\">\u{0623}"),
        "{html}"
    );
    assert!(
        html.contains("<p>\u{062B}\u{0627}\u{0646}\u{064A} is more</p>"),
        "{html}"
    );
    // Fields rendered inline are never marked.
    let inline = render_inline("\u{0644}\u{0646}", &lookup, DEEP).html;
    assert!(!inline.contains("dir="), "{inline}");
    // Deep nesting stays linear and well formed.
    let deep = "- ".repeat(2_000) + "\u{0644}\u{0646}";
    let html = render_body(&deep, &lookup, DEEP).html;
    assert_eq!(html.matches("<li dir=\"rtl\">").count(), 2_000);
}

#[test]
fn wiki_links_take_the_target_text_or_the_label() {
    let r = render_body("See [[kim]] and [[kim|the leader]].", &lookup, DEEP);
    assert_eq!(r.html, "<p>See <a href=\"../../actors/kim/\">Kim Jong Un</a> and <a href=\"../../actors/kim/\">the leader</a>.</p>\n");
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.plain, "See Kim Jong Un and the leader.");
}

#[test]
fn headings_and_labels_are_checked_and_sanitized_like_any_text() {
    // Found by properties.rs: these skipped the sanitizer and the
    // link checks.
    let r = render_body("## <img src=\"//x/\" onerror=alert(1)>", &lookup, DEEP);
    assert!(!r.html.contains("onerror"), "{}", r.html);
    let r = render_body("## A <script>alert(1)</script>", &lookup, DEEP);
    assert!(!r.html.contains("<script"), "{}", r.html);
    let r = render_body("See [[kim|<img src=x onerror=alert(1)>]].", &lookup, DEEP);
    assert!(!r.html.contains("onerror"), "{}", r.html);
    let r = render_body("[a <script>x</script>](javascript:x)", &lookup, DEEP);
    assert!(!r.html.contains("<script"), "{}", r.html);
    let r = render_body("## See [[nobody]] and [[kim]]", &lookup, DEEP);
    assert_eq!(r.problems[0].kind, ProblemKind::UnknownId("nobody".into()));
    assert!(
        r.html.contains("<h2 id=\"see-nobody-and-kim-jong-un\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"../../actors/kim/\""));
    let r = render_body(
        "## ![x](javascript:alert(1)) ![m](/img/a.png)",
        &lookup,
        DEEP,
    );
    assert!(!r.html.contains("javascript:") && r.html.contains("src=\"../../img/a.png\""));
    // Fields are inline: no heading, the markup shown as text.
    let r = render_inline("## S <script>alert(2)</script>", &lookup, DEEP);
    assert_eq!(r.html, "S &lt;script&gt;alert(2)&lt;/script&gt;");
}

#[test]
fn footnotes_link_back_to_every_reference() {
    let md = "One.[^a] Two.[^b] Three.[^a]\n\n[^b]: Bee.\n\n[^a]: Ay <b>x</b>.\n";
    let html = render_body(md, &|_| None, DEEP).html;
    // Numbered in the order first met; each reference has its own id.
    assert!(
        html.contains(
            r##"<sup class="footnote-reference" id="ref-fn:a-1"><a href="#fn:a">1</a></sup>"##
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r##"<sup class="footnote-reference" id="ref-fn:b-1"><a href="#fn:b">2</a></sup>"##
        ),
        "{html}"
    );
    assert!(
        html.contains(r##"id="ref-fn:a-2"><a href="#fn:a">1</a>"##),
        "{html}"
    );
    // Each note links back, inside its paragraph, to each reference.
    assert!(html.contains(r##"<div class="footnote-definition" id="fn:b"><sup class="footnote-definition-label">2</sup>
<p>Bee. <a class="footnote-backref" href="#ref-fn:b-1">↩<span class="vh"> back to reference</span></a></p>"##), "{html}");
    assert!(
        html.contains(r##"href="#ref-fn:a-1">↩<sup>1</sup>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"href="#ref-fn:a-2">↩<sup>2</sup>"##),
        "{html}"
    );
    // A label is escaped where it becomes an id.
    let odd = render_body("X[^\"q]\n\n[^\"q]: Y\n", &|_| None, DEEP).html;
    assert!(!odd.contains("id=\"ref-fn:\"q"), "{odd}");
}

#[test]
fn display_texts_are_escaped() {
    let r = render_inline("[[about]]", &lookup, DEEP);
    assert_eq!(r.html, "<a href=\"../../about/\">About &lt;us&gt;</a>");
}

#[test]
fn unknown_ids_and_embeds_are_problems_at_their_offset() {
    let source = "Intro\n\nA [[nobody]] here. ![[map.png]]";
    let r = render_body(source, &lookup, DEEP);
    assert_eq!(r.problems[0].kind, ProblemKind::UnknownId("nobody".into()));
    assert_eq!(
        &source[r.problems[0].offset..r.problems[0].offset + r.problems[0].len],
        "[[nobody]]"
    );
    assert_eq!(r.problems[1].kind, ProblemKind::Embed);
    assert!(!r.html.contains("<a"));
}

#[test]
fn anchors_are_kept_and_reported() {
    let r = render_body("[[kim#early-life]]", &lookup, DEEP);
    assert!(r.html.contains("href=\"../../actors/kim/#early-life\""));
    assert_eq!(r.links[0].anchor.as_deref(), Some("early-life"));
}

#[test]
fn headings_get_unique_ids_that_avoid_reserved_and_footnote_ids() {
    let r = render_body(
        "## Main\n\n## Casualties\n\n## Casualties\n\nText[^1]\n\n[^1]: A note.\n",
        &lookup,
        DEEP,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["main-2", "casualties", "casualties-2"]);
    assert!(r.html.contains("href=\"#fn:1\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn:1\""), "{}", r.html);
}

#[test]
fn raw_html_is_sanitized_in_bodies_and_escaped_inline() {
    let body = render_body("<details><summary>More</summary>ok</details>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>", &lookup, DEEP);
    assert!(body.html.contains("<details>"));
    assert!(!body.html.contains("<script"));
    assert!(!body.html.contains("onerror"));
    let inline = render_inline("<b>bold</b> claim", &lookup, DEEP);
    assert_eq!(inline.html, "&lt;b&gt;bold&lt;/b&gt; claim");
    assert_eq!(inline.plain, "<b>bold</b> claim");
}

#[test]
fn unsafe_urls_are_dropped() {
    let r = render_body(
        "[click](javascript:alert(1)) and [x]( JaVaScRiPt:alert(1)) ![i](data:image/png;base64,AA)",
        &lookup,
        DEEP,
    );
    assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
    assert!(!r.html.contains("data:"));
    assert_eq!(r.problems.len(), 3);
}

#[test]
fn root_relative_urls_are_rebased_per_page() {
    let source =
        "[About](/about/) ![map](/img/map.svg) [ext](https://x.org/) [proto](//cdn.x/y) [top](/#a)";
    let html = render_body(source, &lookup, DEEP).html;
    assert!(html.contains("href=\"../../about/\""), "{html}");
    assert!(html.contains("src=\"../../img/map.svg\""), "{html}");
    assert!(html.contains("href=\"https://x.org/\""), "{html}");
    assert!(html.contains("href=\"//cdn.x/y\""), "{html}");
    assert!(html.contains("href=\"../../#a\""), "{html}");
    let home = render_body(
        source,
        &lookup,
        Place {
            root: "",
            portable: true,
        },
    )
    .html;
    assert!(home.contains("href=\"about/index.html\""), "{home}");
    assert!(home.contains("href=\"index.html#a\""), "{home}");
}

#[test]
fn portable_links_to_folders_spell_out_index_html() {
    let place = Place {
        root: "../",
        portable: true,
    };
    assert_eq!(
        rebase_authored("../about/#team", place).as_deref(),
        Some("../about/index.html#team")
    );
    assert_eq!(
        rebase_authored("/about/", place).as_deref(),
        Some("../about/index.html")
    );
    assert_eq!(rebase_authored("https://x.org/a/", place), None);
    assert_eq!(rebase_authored("map.svg", place), None);
    assert_eq!(rebase_authored("#notes", place), None);
    assert_eq!(
        rebase_authored(
            "../about/",
            Place {
                root: "../",
                portable: false
            }
        ),
        None
    );
}

#[test]
fn root_relative_urls_in_raw_html_are_rebased_too() {
    let html = render_body(
        "<a href=\"/about/\">About</a> <img src=\"/m.png\" alt=\"m\">",
        &lookup,
        DEEP,
    )
    .html;
    assert!(html.contains("href=\"../../about/\""), "{html}");
    assert!(html.contains("src=\"../../m.png\""), "{html}");
}

/// The values of the URL attributes of `html` as this module writes
/// them (double-quoted), entities decoded as a browser would.
fn urls_in(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for name in [" href=\"", " src=\"", " srcset=\"", " cite=\""] {
        for (at, _) in html.match_indices(name) {
            let value = &html[at + name.len()..];
            let value = &value[..value.find('"').unwrap()];
            urls.push(
                value
                    .replace("&amp;", "&")
                    .replace("&#9;", "\t")
                    .replace("&#x9;", "\t"),
            );
        }
    }
    urls
}

const HOME: Place = Place {
    root: "",
    portable: false,
};

#[test]
fn heading_attributes_keep_only_a_valid_id() {
    // Issue 11: `{…}` reached the page as written when the body had no
    // raw HTML, and the handler fired on load.
    let source = "## Assessment {#a tabindex=1 autofocus onfocus=alert(document.domain)}\n";
    let r = render_body(source, &lookup, DEEP);
    assert_eq!(r.html, "<h2 id=\"a\">Assessment</h2>\n");
    assert_eq!(
        r.problems[0].kind,
        ProblemKind::HeadingAttributes(
            "tabindex=1 autofocus onfocus=alert(document.domain)".into()
        )
    );
    let p = &r.problems[0];
    assert!(source[p.offset..p.offset + p.len].starts_with("{#a tabindex"));
    assert!(source[p.offset..p.offset + p.len].ends_with(")}"));
    for source in [
        "# T {.x style=color:red}",
        "# T {class=x}",
        "# T {#t .a onmouseover=\"alert(1)\"}",
        "T {style=x onclick=y}\n===",
    ] {
        let r = render_body(source, &lookup, DEEP);
        assert!(
            !r.html.contains("class") && !r.html.contains("style") && !r.html.contains("on"),
            "{source}: {}",
            r.html
        );
        assert!(matches!(
            r.problems[0].kind,
            ProblemKind::HeadingAttributes(_)
        ));
    }
}

#[test]
fn explicit_heading_ids_are_valid_and_unique_or_dropped() {
    let r = render_body(
        "## One {#Bad_Id}\n\n## Two {#fn:1}\n\n## Three {#main}\n\n## Four {#x}\n\n## Five {#x}\n\n## Six {#a\"b}\n",
        &lookup,
        DEEP,
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["one", "two", "main-2", "x", "x-2", "six"]);
    let kinds: Vec<_> = r.problems.iter().map(|p| &p.kind).collect();
    assert_eq!(
        kinds,
        [
            &ProblemKind::HeadingId {
                written: "Bad_Id".into(),
                used: "one".into()
            },
            &ProblemKind::HeadingId {
                written: "fn:1".into(),
                used: "two".into()
            },
            &ProblemKind::HeadingId {
                written: "a\"b".into(),
                used: "six".into()
            },
        ]
    );
    assert!(
        !r.html.contains("Bad_Id") && !r.html.contains("a\"b"),
        "{}",
        r.html
    );
}

#[test]
fn table_alignment_is_an_align_attribute_not_a_style() {
    let r = render_body(
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
        &lookup,
        DEEP,
    );
    assert!(!r.html.contains("style"), "{}", r.html);
    assert!(
        r.html.contains(
            "<th align=\"left\">a</th><th align=\"center\">b</th><th align=\"right\">c</th>"
        ),
        "{}",
        r.html
    );
    assert!(r.html.contains("<td align=\"left\">1</td>"), "{}", r.html);
    // The same with raw HTML in the body, which goes through the
    // sanitizer: the alignment is kept.
    let r = render_body("| a |\n|--:|\n| <b>1</b> |\n", &lookup, DEEP);
    assert!(
        r.html.contains("<td align=\"right\"><b>1</b></td>"),
        "{}",
        r.html
    );
}

#[test]
fn schemes_are_found_as_browsers_find_them() {
    for url in [
        "javascript:x",
        " JavaScript:x",
        "\tjava\nscript:x",
        "java\rscript:x",
        "\u{0}javascript:x",
        "java\u{0}script:x",
        "vbscript:x",
        "data:text/html,x",
        "DATA:x",
        "file:///etc/passwd",
        "x-custom+a.b:y",
    ] {
        assert!(is_unsafe_url(url), "{url:?}");
    }
    for url in [
        "https://x.org/a:b",
        "HTTP://x",
        "mailto:a@b.org",
        "tel:+1",
        "/javascript:x",
        "./javascript:x",
        "%6Aavascript:x",
        "&#106;avascript:x",
        "#javascript:x",
        "?javascript:x",
        "a/b:c",
        "//javascript:x",
        "",
    ] {
        assert!(is_safe_url(url), "{url:?}");
    }
    assert_eq!(scheme(" JaVa\tScript:x").as_deref(), Some("javascript"));
}

#[test]
fn root_relative_urls_never_become_script_urls_once_rebased() {
    // Issue 11: on the home page the prefix is empty, and
    // `/javascript:alert(1)` was written `javascript:alert(1)`.
    for url in [
        "/javascript:alert(1)",
        "/JavaScript:alert(1)",
        "/data:text/html,x",
        "/vbscript:x",
        "/%6Aavascript:alert(1)",
        "/\tjavascript:alert(1)",
        "/ javascript:alert(1)",
        "/\\evil.org/x",
        "/ /evil.org/x",
    ] {
        for portable in [false, true] {
            for root in ["", "../", "../../", "/sub/"] {
                let place = Place { root, portable };
                let written = written_url(url, place).unwrap_or_default();
                assert!(is_safe_url(&written), "{url:?} at {root:?}: {written:?}");
                let start =
                    written.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
                assert!(
                    !start.starts_with("//")
                        && !start.starts_with("/\\")
                        && !start.starts_with('\\'),
                    "{url:?} at {root:?} leaves the site: {written:?}"
                );
            }
        }
    }
    assert_eq!(
        rebase("/javascript:alert(1)", "", false),
        "./javascript:alert(1)"
    );
    assert_eq!(
        rebase("/javascript:alert(1)", "../", false),
        "../javascript:alert(1)"
    );
    assert_eq!(rebase("/a:b/", "", true), "./a:b/index.html");
    // In fields (rendered inline) and bodies, Markdown and raw HTML.
    for source in [
        "[click](/javascript:alert(1))",
        "[click](</javascript:alert(1)>)",
        "[click](/&#106;avascript:alert(1))",
        "![i](/data:image/svg+xml,x)",
        "<a href=\"/javascript:alert(1)\">raw</a>",
        "<a href=\"/&#106;avascript:alert(1)\">raw</a>",
        "<a href=\"/&#x09;javascript:alert(1)\">raw</a>",
        "<a href=\"/ javascript:alert(1)\">raw</a>",
        "<img src=\"/javascript:alert(1)\" alt=\"x\">",
        "<img srcset=\"/javascript:alert(1) 2x\" src=\"/a.png\" alt=\"x\">",
        "<blockquote cite=\"/javascript:alert(1)\">q</blockquote>",
    ] {
        for portable in [false, true] {
            let place = Place { root: "", portable };
            // Fields show raw HTML as text, which `urls_in` would read.
            let inline = (!source.starts_with('<')).then(|| render_inline(source, &lookup, place));
            for r in [render_body(source, &lookup, place)]
                .into_iter()
                .chain(inline)
            {
                for url in urls_in(&r.html) {
                    assert!(is_safe_url(&url), "{source}: {}", r.html);
                    assert!(!url.starts_with(['/', '\\', ' ']), "{source}: {}", r.html);
                }
            }
        }
    }
    let r = render_inline("[click](/javascript:alert(1))", &lookup, HOME);
    assert_eq!(r.html, "<a href=\"./javascript:alert(1)\">click</a>");
}

#[test]
fn fields_said_to_read_the_same_at_every_depth_do() {
    // Every pair of pieces, so that constructs meet (a link's text next
    // to a URL, an entity inside a destination…).
    let pieces = [
        "plain words",
        "*em*",
        "`code`",
        "[a](x)",
        "[a](#f)",
        "[a](x:y)",
        "<x:y>",
        "<a href=\"x\">r</a>",
        "<img src=x>",
        "[a][r]\n\n[r]: x",
        "![i](x)",
        "\\",
        "[[",
        "]]",
        "kim",
        "[[kim]]",
        "/",
        "&#47;",
        "&sol;",
        "&amp;",
        "[a](/x)",
        "[a](&#47;x)",
        "[a](&sol;x)",
        "[a][r]\n\n[r]: &#x2F;x",
        "<a href=\"/x\">r</a>",
        "[a](<\\x>)",
        "\u{0}",
        "\u{FFFF}",
        "![i](/x)",
        "<",
    ];
    for a in pieces {
        for b in pieces {
            let source = format!("{a}{b}");
            for portable in [false, true] {
                let at = |root| render_inline(&source, &lookup, Place { root, portable }).html;
                let (home, one, two) = (at(""), at("../"), at("../../"));
                if same_at_every_depth(&source) {
                    assert!(
                        home == one && one == two,
                        "{source:?}: {home} / {one} / {two}"
                    );
                }
            }
        }
    }
    assert!(!same_at_every_depth("see [[kim]]"));
    assert!(!same_at_every_depth("[a](&#47;about/)"));
    assert!(same_at_every_depth("Pyongyang said it *would* respond."));
}

#[test]
fn urls_are_checked_as_written_in_every_construct() {
    for source in [
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,x>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](javascript:alert(1) \"t\")",
        "[x](file:///etc/passwd)",
        "[x](javascript:alert(1)/)",
        "![x](vbscript:x)",
        "## A [x](javascript:alert(1))",
    ] {
        for portable in [false, true] {
            let r = render_body(source, &lookup, Place { root: "", portable });
            assert!(
                !r.html.contains("href") && !r.html.contains(" src="),
                "{source}: {}",
                r.html
            );
            assert!(
                r.problems
                    .iter()
                    .all(|p| matches!(p.kind, ProblemKind::UnsafeUrl(_))),
                "{source}: {:?}",
                r.problems
            );
        }
    }
    let r = render_body("[[kim|![i](javascript:x)]]", &lookup, DEEP);
    assert_eq!(r.html, "<p><a href=\"../../actors/kim/\">i</a></p>\n");
    let r = render_body("<a@b.org> <https://x.org/>", &lookup, DEEP);
    assert!(r.html.contains("href=\"mailto:a@b.org\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://x.org/\""), "{}", r.html);
    // Titles, code info strings and footnote labels are escaped into
    // attributes the allow-list keeps.
    let r = render_body(
        "[x](/a \"t\\\" onclick=\\\"y\")\n\n```js\" onclick=\"x\nc\n```\n\nA[^a\"b]\n\n[^a\"b]: n\n",
        &lookup,
        DEEP,
    );
    assert!(!r.html.contains("\" onclick"), "{}", r.html);
}

#[test]
fn text_that_looks_like_a_link_is_left_alone() {
    let source = "Write ` href=\"/x\"` in code and \" href=\"/y in text.";
    let html = render_body(source, &lookup, DEEP).html;
    assert!(html.contains(" href=\"/x\""), "{html}");
}
