//! What a base URL adds: Atom feeds, sitemap.xml, robots.txt, canonical
//! and Open Graph links — and that nothing needing an absolute URL exists
//! without one.

use crate::fixtures::{dossier, repository, Site};
use dossier::serve::session::Session;
use dossier::BuildOptions;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const BASE: &str = "https://example.org/desk";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn html_pages(out: &Path) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.insert(
                    path.strip_prefix(out)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    pages
}

/// The output file an absolute URL of the site names.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .expect("an absolute URL under the base")
        .trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((ATOM, name)))
}

/// Checks an Atom feed's required elements (RFC 4287) and returns its entries' URLs.
fn check_feed(out: &Path, rel: &str) -> Vec<String> {
    let text = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "{rel}: the root is not an Atom feed"
    );
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "{rel}: no <{required}>");
    }
    assert!(
        is_rfc3339(child(feed, "updated").unwrap().text().unwrap()),
        "{rel}: updated is not RFC 3339"
    );
    let mut urls = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        for required in ["id", "title", "updated", "link"] {
            assert!(
                child(entry, required).is_some(),
                "{rel}: an entry has no <{required}>"
            );
        }
        assert!(is_rfc3339(child(entry, "updated").unwrap().text().unwrap()));
        let href = child(entry, "link")
            .unwrap()
            .attribute("href")
            .unwrap()
            .to_string();
        assert!(
            out.join(file_of(&href)).is_file(),
            "{rel}: entry link {href} names no page"
        );
        assert_eq!(child(entry, "id").unwrap().text(), Some(href.as_str()));
        urls.push(href);
    }
    urls
}

#[test]
fn without_a_base_url_nothing_needs_an_absolute_url() {
    let site = Site::from_fixture("small-site");
    site.build(&[]).expect_success();
    let out = site.out();
    for file in [
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "actors/nis/feed.xml",
    ] {
        assert!(
            !out.join(file).exists(),
            "{file} was written without a base URL"
        );
    }
    let brief = fs::read_to_string(out.join("briefs/first-brief/index.html")).unwrap();
    assert!(
        !brief.contains("rel=\"canonical\"")
            && !brief.contains("application/atom+xml")
            && !brief.contains("og:url")
    );
    // Without a base URL, print names the page by its site path, labelled
    // as one (under the text and at the foot of every sheet).
    assert!(brief.contains(
        "<p class=\"print-only\">This page: Small Desk, site path /briefs/first-brief/</p>"
    ));
    assert!(brief
        .contains("@bottom-left { content: \"Small Desk · site path /briefs/first-brief/\"; }"));
}

#[test]
fn the_feeds_are_atom_with_absolute_links_to_real_pages() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();
    let entries = check_feed(&out, "feed.xml");
    assert!(
        entries.contains(&format!("{BASE}/briefs/first-brief/")),
        "{entries:?}"
    );
    assert!(
        !entries.iter().any(|u| u.contains("draft-brief")),
        "a draft is in the feed"
    );
    // Every actor has a feed; the claimant's lists its claims.
    for page in html_pages(&out)
        .iter()
        .filter(|p| p.starts_with("actors/") && p.matches('/').count() == 2)
    {
        let id = page.split('/').nth(1).unwrap();
        check_feed(&out, &format!("actors/{id}/feed.xml"));
    }
    let nis = check_feed(&out, "actors/nis/feed.xml");
    assert!(
        nis.iter().any(|u| u.contains("/claims/")),
        "the NIS feed has no claim: {nis:?}"
    );
}

#[test]
fn incidents_are_in_the_feeds_at_the_moment_they_began() {
    let site = Site::from_fixture("small-site");
    // 23:00 two hours behind UTC: 1 May, 01:00 UTC.
    site.write(
        "content/incidents/late-april.md",
        "---\ntitle: Shelling <at> the border\nwhen: 2025-04-30T23:00-02:00\nwhere: {place: Sudzha & environs}\nkind: shelling\nactors: [kpa]\n---\n",
    );
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();
    let entries = check_feed(&out, "feed.xml");
    let url = format!("{BASE}/incidents/late-april/");
    assert!(entries.contains(&url), "{entries:?}");
    assert!(entries.contains(&format!("{BASE}/incidents/estlink-2-cut/")));
    assert!(
        !entries.iter().any(|u| u.contains("draft-incident")),
        "a draft incident is in the feed"
    );
    let text = fs::read_to_string(out.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let entry = doc
        .root_element()
        .children()
        .find(|e| child(*e, "id").and_then(|i| i.text()) == Some(url.as_str()))
        .unwrap();
    assert_eq!(
        child(entry, "title").unwrap().text(),
        Some("Shelling <at> the border")
    );
    assert_eq!(
        child(entry, "published").unwrap().text(),
        Some("2025-05-01T01:00:00Z")
    );
    assert_eq!(
        child(entry, "summary").unwrap().text(),
        Some("Incident (shelling) at Sudzha & environs.")
    );
    let category = child(entry, "category").unwrap();
    assert_eq!(category.attribute("term"), Some("Incident"));
    // Pages name the feed for what it holds.
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("title=\"Small Desk: latest briefs and incidents\""),
        "{home}"
    );
    // Newest first, briefs and incidents together.
    let published: Vec<&str> = doc
        .root_element()
        .children()
        .filter_map(|e| child(e, "published").and_then(|p| p.text()))
        .collect();
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted);
    // The actor's feed has the incidents naming it, and only those.
    let kpa = check_feed(&out, "actors/kpa/feed.xml");
    assert!(kpa.contains(&url), "{kpa:?}");
    let nis = check_feed(&out, "actors/nis/feed.xml");
    assert!(!nis.contains(&url), "{nis:?}");
}

#[test]
fn the_sitemap_lists_every_page_once_and_robots_names_it() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", &format!("{BASE}/")])
        .expect_success();
    let out = site.out();
    let text = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name(("http://www.sitemaps.org/schemas/sitemap/0.9", "urlset")));
    let listed: Vec<String> = urlset
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| file_of(n.text().unwrap()))
        .collect();
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(listed.len(), unique.len(), "a page is listed twice");
    // Every page but 404.html and the redirect pages.
    let redirect = |p: &String| {
        fs::read_to_string(out.join(p))
            .unwrap()
            .contains("http-equiv=\"refresh\"")
    };
    let expected: BTreeSet<String> = html_pages(&out)
        .into_iter()
        .filter(|p| p != "404.html" && !redirect(p))
        .collect();
    assert_eq!(unique, expected);
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn pages_carry_canonical_and_open_graph_links_but_404_does_not() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();
    let html = fs::read_to_string(out.join("actors/nis/index.html")).unwrap();
    assert!(
        html.contains(&format!(
            "<link rel=\"canonical\" href=\"{BASE}/actors/nis/\">"
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<meta property=\"og:url\" content=\"{BASE}/actors/nis/\">"
    )));
    assert!(
        html.contains("href=\"../../feed.xml\""),
        "no link to the site's feed"
    );
    assert!(
        html.contains("href=\"../../actors/nis/feed.xml\""),
        "no link to the actor's feed"
    );
    // On paper, the page says where it lives.
    assert!(
        html.contains(&format!(
            "<p class=\"print-only\">This page: {BASE}/actors/nis/</p>"
        )),
        "no address for print"
    );
    assert!(
        html.contains(&format!(
            "@bottom-left {{ content: \"{BASE}/actors/nis/\"; }}"
        )),
        "printed sheets do not carry the address"
    );
    let not_found = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(!not_found.contains("rel=\"canonical\""));
}

#[test]
fn a_session_keeps_feeds_and_sitemap_current() {
    let site = Site::from_fixture("small-site");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        base_url: Some(BASE.into()),
        ..BuildOptions::default()
    };
    let mut session = Session::open(options.clone()).unwrap();
    assert!(!session.build().failed());
    let root = site.root().canonicalize().unwrap();
    type Step = (&'static str, fn(&Site) -> &'static str);
    let steps: [Step; 5] = [
        ("a body edit", |s| {
            s.replace(
                "content/briefs/2025/first-brief.md",
                "briefed lawmakers;",
                "briefed the committee;",
            );
            "content/briefs/2025/first-brief.md"
        }),
        ("a title edit", |s| {
            s.replace(
                "content/briefs/2025/first-brief.md",
                "title: Troops in Kursk\n",
                "title: Troops near Kursk\n",
            );
            "content/briefs/2025/first-brief.md"
        }),
        ("a new actor", |s| {
            s.write(
                "content/actors/zed.md",
                "---\nname: Zed\nkind: person\n---\n",
            );
            "content/actors/zed.md"
        }),
        ("an incident's date", |s| {
            s.replace(
                "content/incidents/estlink-2-cut.md",
                "when: 2024-12-25\n",
                "when: 2025-06-02T04:10+03:00\n",
            );
            "content/incidents/estlink-2-cut.md"
        }),
        ("a new incident", |s| {
            s.write(
                "content/incidents/zed-raid.md",
                "---\ntitle: Zed raid\nwhen: 2025-07-01\nwhere: {place: Kursk}\nactors: [zed]\n---\n",
            );
            "content/incidents/zed-raid.md"
        }),
    ];
    for (step, edit) in steps {
        let changed = root.join(edit(&site));
        assert!(!session.update(&[changed]).failed(), "{step} failed");
        let (fresh, _) = dossier::render_site(&options).unwrap();
        assert_eq!(session.output().len(), fresh.len(), "{step}: file count");
        for file in &fresh {
            let written = fs::read(session.out().join(&file.path)).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&file.bytes),
                "{step}: {} differs",
                file.path
            );
        }
    }
    let read = |path: &str| {
        String::from_utf8_lossy(&fs::read(session.out().join(path)).unwrap()).into_owned()
    };
    assert!(read("feed.xml").contains("Troops near Kursk"));
    assert!(session.output().contains_key("actors/zed/feed.xml"));
    let feed = read("feed.xml");
    assert!(
        feed.contains("<published>2025-06-02T01:10:00Z</published>"),
        "{feed}"
    );
    assert!(read("actors/zed/feed.xml").contains("Zed raid"));
}

/// The JSON-LD of a page, parsed.
fn json_ld(out: &Path, page: &str) -> serde_json::Value {
    let html = fs::read_to_string(out.join(page)).unwrap();
    let document = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let script = document
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("{page} has no JSON-LD"));
    serde_json::from_str(&script.inner_html())
        .unwrap_or_else(|e| panic!("{page}: the JSON-LD is not JSON: {e}"))
}

#[test]
fn structured_data_describes_briefs_claims_and_actors() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();

    let brief = json_ld(&out, "briefs/first-brief/index.html");
    assert_eq!(brief["@type"], "Report");
    assert_eq!(brief["url"], format!("{BASE}/briefs/first-brief/"));
    assert!(brief["datePublished"].is_string() && brief["author"]["name"].is_string());
    assert!(brief["about"].as_array().is_some_and(|a| !a.is_empty()));

    // A confirmed claim: reviewed, rated 5.
    let confirmed = json_ld(&out, "claims/kim-acknowledges/index.html");
    let review = &confirmed["@graph"][0];
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["reviewRating"]["ratingValue"], 5);
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert_eq!(review["itemReviewed"]["author"]["@type"], "Person");
    assert!(review["itemReviewed"]["appearance"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));

    // A claim the desk found false: rated 1, dated by the last change of
    // the brief that declares it.
    let false_claim = json_ld(&out, "claims/kcna-denies-losses/index.html");
    let review = &false_claim["@graph"][0];
    assert_eq!(review["reviewRating"]["ratingValue"], 1);
    assert_eq!(review["reviewRating"]["alternateName"], "False");
    assert_eq!(review["datePublished"], "2025-05-14");
    // A confirmed claim in a brief without changes: the brief's date.
    assert_eq!(confirmed["@graph"][0]["datePublished"], "2025-04-30");
    // Not yet assessed, however others respond: a plain Claim.
    let reported = json_ld(&out, "claims/nis-killed-600/index.html");
    assert_eq!(reported["@type"], "Claim");
    // A claim cites its sources; an anonymous one names no author.
    let cited = json_ld(&out, "claims/nis-troops-15000/index.html");
    let citations = cited["citation"].as_array().expect("citations");
    assert_eq!(citations[0]["name"], "NIS closed-door briefing");
    assert_eq!(citations[0]["genre"], "Official statement");
    assert_eq!(citations[1]["inLanguage"], "ko");
    assert!(citations[1].get("author").is_none() && citations[1].get("publisher").is_none());
    // A vessel's identifiers, as schema.org PropertyValues.
    let ship = json_ld(&out, "actors/eagle-s/index.html");
    assert_eq!(ship["@type"], "Vehicle");
    assert_eq!(
        ship["identifier"][0],
        serde_json::json!({"@type": "PropertyValue", "propertyID": "IMO number", "value": "9329760"})
    );
    assert!(reported.get("@graph").is_none());

    let actor = json_ld(&out, "actors/kim-jong-un/index.html");
    assert_eq!(actor["@type"], "Person");
    assert!(actor["alternateName"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
}

#[test]
fn claim_reviews_rate_each_verdict_and_never_a_stance() {
    const FIRST: &str = "content/briefs/2025/first-brief.md";
    for (status, rating) in [
        ("confirmed", Some((5, "Confirmed"))),
        ("corroborated", Some((4, "Corroborated"))),
        ("disputed", Some((3, "Disputed"))),
        ("misleading", Some((2, "Misleading"))),
        ("false", Some((1, "False"))),
        ("retracted", Some((1, "Retracted"))),
        ("reported", None),
        ("superseded", None),
    ] {
        let site = Site::from_fixture("small-site");
        site.replace(
            FIRST,
            "    status: confirmed\n",
            &format!("    status: {status}\n"),
        );
        site.build(&["--base-url", BASE]).expect_success();
        let data = json_ld(&site.out(), "claims/kim-acknowledges/index.html");
        match rating {
            Some((value, name)) => {
                let review = &data["@graph"][0];
                assert_eq!(review["@type"], "ClaimReview", "{status}");
                assert_eq!(review["reviewRating"]["ratingValue"], value, "{status}");
                assert_eq!(review["reviewRating"]["alternateName"], name, "{status}");
                assert_eq!(review["datePublished"], "2025-04-30", "{status}");
            }
            None => {
                assert_eq!(data["@type"], "Claim", "{status}");
                assert!(data.get("@graph").is_none(), "{status}");
            }
        }
    }
    // A claim file's verdict is dated by the newest brief citing it.
    let site = Site::from_fixture("small-site");
    site.replace(
        "content/claims/nis-killed-600.md",
        "credibility: 3\n",
        "credibility: 3\nstatus: corroborated\n",
    );
    site.build(&["--base-url", BASE]).expect_success();
    let data = json_ld(&site.out(), "claims/nis-killed-600/index.html");
    assert_eq!(data["@graph"][0]["datePublished"], "2025-05-14");
}

#[test]
fn a_changed_brief_is_modified_and_corrected_in_its_data_and_feed() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();
    let second = json_ld(&out, "briefs/second-brief/index.html");
    assert_eq!(second["datePublished"], "2025-05-10");
    assert_eq!(second["dateModified"], "2025-05-14");
    assert_eq!(
        second["correction"],
        serde_json::json!([{
            "@type": "CorrectionComment",
            "datePublished": "2025-05-14",
            "text": "Corrected the date of the NIS briefing.",
        }])
    );
    // An update alone is no correction.
    let first = json_ld(&out, "briefs/first-brief/index.html");
    assert_eq!(first["dateModified"], first["datePublished"]);
    assert!(first.get("correction").is_none());
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("/briefs/second-brief/"))
        .expect("the brief's feed entry");
    assert!(
        entry.contains("<updated>2025-05-14T00:00:00Z</updated>"),
        "{entry}"
    );
    assert!(
        entry.contains("<published>2025-05-10T00:00:00Z</published>"),
        "{entry}"
    );
}

#[test]
fn structured_data_cannot_be_broken_out_of() {
    let site = Site::from_fixture("small-site");
    let hostile = "</script><script>alert(1)</script>";
    site.replace(
        "content/briefs/2025/first-brief.md",
        "text: North Korean troops fought for Russia.",
        &format!("text: \"North Korean troops fought {hostile} for Russia.\""),
    );
    site.build(&["--base-url", BASE]).expect_success();
    let out = site.out();
    let html = fs::read_to_string(out.join("claims/kim-acknowledges/index.html")).unwrap();
    assert!(
        !html.contains("<script>alert(1)"),
        "the claim text escaped its script element"
    );
    let data = json_ld(&out, "claims/kim-acknowledges/index.html");
    assert!(
        data["@graph"][0]["claimReviewed"]
            .as_str()
            .unwrap()
            .contains(hostile),
        "the text should survive as data"
    );
}

/// A static host serving `out` under `prefix` on 127.0.0.1, as GitHub
/// Pages serves a project site: folders give their `index.html`, a missing
/// path the site's `404.html` with status 404. Returns its port.
fn static_host(out: std::path::PathBuf, prefix: &'static str) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Drain the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let target = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let path = target.split(['?', '#']).next().unwrap_or("");
            let file = path
                .strip_prefix(prefix)
                .filter(|rest| !rest.split('/').any(|s| s == ".."))
                .map(|rest| {
                    if rest.is_empty() || rest.ends_with('/') {
                        out.join(rest).join("index.html")
                    } else {
                        out.join(rest)
                    }
                });
            let (status, body) = match file.filter(|f| f.is_file()) {
                Some(f) => ("200 OK", fs::read(f).unwrap()),
                None => ("404 Not Found", fs::read(out.join("404.html")).unwrap()),
            };
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    port
}

/// `href` resolved against the page at `page` (both absolute paths).
fn resolve_href(page: &str, href: &str) -> String {
    let href = href.split(['#', '?']).next().unwrap_or("");
    if href.is_empty() {
        return page.to_string();
    }
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        page.rsplit_once('/')
            .map_or("", |(dir, _)| dir)
            .split('/')
            .filter(|s| !s.is_empty())
            .collect()
    };
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut resolved = format!("/{}", parts.join("/"));
    if href.ends_with('/') && !resolved.ends_with('/') {
        resolved.push('/');
    }
    resolved
}

/// Crawls `out`, served under `prefix`, over HTTP from its home page and
/// from a missing URL (the host's 404.html): every link must answer 200
/// and none may leave the sub-path. Returns how many URLs it fetched.
fn crawl_under_sub_path(out: std::path::PathBuf) -> usize {
    const PREFIX: &str = "/some/sub/path/";
    let port = static_host(out, PREFIX);
    let selector = scraper::Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = vec![PREFIX.to_string(), format!("{PREFIX}no/such/page/")];
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let response = crate::live::http(port, "GET", &path);
        let expected = if path.contains("no/such/page") {
            404
        } else {
            200
        };
        assert_eq!(response.status, expected, "GET {path}");
        if !(path.ends_with('/') || path.ends_with(".html")) {
            continue;
        }
        let html = String::from_utf8_lossy(&response.body).into_owned();
        let document = scraper::Html::parse_document(&html);
        for element in document.select(&selector) {
            let value = element.value();
            let target = value.attr("href").or_else(|| value.attr("src")).unwrap();
            if target.starts_with("http:")
                || target.starts_with("https:")
                || target.starts_with("mailto:")
                || target.starts_with("data:")
                || target.starts_with('#')
            {
                continue;
            }
            let resolved = resolve_href(&path, target);
            assert!(
                resolved.starts_with(PREFIX),
                "{path}: `{target}` leaves the sub-path ({resolved})"
            );
            queue.push(resolved);
        }
    }
    seen.len()
}

#[test]
fn the_site_works_served_under_a_sub_path() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", "https://example.org/some/sub/path/"])
        .expect_success();
    assert!(crawl_under_sub_path(site.out()) > 20);
    // The repository's own example site.
    let example = tempfile::tempdir().unwrap();
    let out = example.path().join("public");
    dossier(&[
        "build".as_ref(),
        "--base-url".as_ref(),
        "https://example.org/some/sub/path/".as_ref(),
        "--root".as_ref(),
        repository().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .expect_success();
    assert!(crawl_under_sub_path(out) > 50);
}

/// Every internal `href`, `src` and form `action` of a portable build names
/// a file (never a folder), so each opens from disk (file://), where no
/// server turns a folder into its index.html. 404.html is the exception
/// FORMAT makes: a host serves it at missing URLs, so its links are
/// absolute; from disk it is never shown.
fn assert_opens_from_disk(out: &Path) {
    let broken = crate::links::broken_links(out);
    assert!(
        broken.is_empty(),
        "broken links in a portable build:\n  {}",
        broken.join("\n  ")
    );
    let attributes = scraper::Selector::parse("[href], [src], form[action]").unwrap();
    for page in html_pages(out).into_iter().filter(|p| p != "404.html") {
        let html = fs::read_to_string(out.join(&page)).unwrap();
        let document = scraper::Html::parse_document(&html);
        for element in document.select(&attributes) {
            for attribute in ["href", "src", "action"] {
                let Some(url) = element.value().attr(attribute) else {
                    continue;
                };
                let path = url.split(['#', '?']).next().unwrap_or("");
                let external = url.contains("://") || url.starts_with("mailto:");
                if external || path.is_empty() {
                    continue;
                }
                assert!(
                    !path.ends_with('/'),
                    "{page}: {attribute}=\"{url}\" names a folder, which does not open from disk"
                );
            }
        }
    }
}

#[test]
fn a_portable_build_opens_from_disk() {
    let site = Site::from_fixture("small-site");
    site.build(&["--portable", "--drafts"]).expect_success();
    assert_opens_from_disk(&site.out());
    // The repository's own example site, search page included.
    let example = tempfile::tempdir().unwrap();
    let out = example.path().join("briefing");
    dossier(&[
        "build".as_ref(),
        "--portable".as_ref(),
        "--root".as_ref(),
        repository().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .expect_success();
    assert_opens_from_disk(&out);
}

// The base URL is printed into feeds, the sitemap, robots.txt and every
// page: it is parsed as a browser parses it, written normalized, and
// refused when it would break what it is printed into.

/// robots.txt as a build with base URL `base` (normalized) writes it.
fn robots_for(base: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n")
}

/// Checks that every absolute URL of the output is under `base`:
/// robots.txt, both feeds, the sitemap, canonical links, JSON-LD and the
/// links of 404.html (absolute from the base's `path`).
fn assert_written_under(out: &Path, base: &str, path: &str) {
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        robots_for(base)
    );
    for feed in ["feed.xml", "actors/nis/feed.xml"] {
        let text = fs::read_to_string(out.join(feed)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let id = child(doc.root_element(), "id").unwrap().text().unwrap();
        assert_eq!(id, format!("{base}/{feed}"));
        for entry in doc.descendants().filter(|n| n.has_tag_name((ATOM, "id"))) {
            assert!(entry.text().unwrap().starts_with(&format!("{base}/")));
        }
    }
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap())
        .collect();
    assert!(locs.contains(&format!("{base}/").as_str()), "{locs:?}");
    assert!(locs.iter().all(|l| l.starts_with(&format!("{base}/"))));
    let html = fs::read_to_string(out.join("actors/nis/index.html")).unwrap();
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{base}/actors/nis/\">"
    )));
    assert_eq!(
        json_ld(out, "briefs/first-brief/index.html")["url"],
        format!("{base}/briefs/first-brief/")
    );
    let not_found = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        not_found.contains(&format!("href=\"{path}style.css\"")),
        "404.html does not link from {path}"
    );
}

#[test]
fn a_base_url_is_written_normalized_everywhere() {
    let site = Site::from_fixture("small-site");
    site.build(&["--base-url", "HTTPS://X.ORG/sub"])
        .expect_success();
    assert_written_under(&site.out(), "https://x.org/sub", "/sub/");
    // The same from site.yaml, with the default port spelled out.
    site.append("site.yaml", "base_url: HTTPS://X.ORG:443/sub/\n");
    site.build(&[]).expect_success();
    assert_written_under(&site.out(), "https://x.org/sub", "/sub/");
}

#[test]
fn an_international_host_is_written_in_punycode() {
    let site = Site::from_fixture("small-site");
    site.append("site.yaml", "base_url: https://bücher.example/déjà/\n");
    site.build(&[]).expect_success();
    assert_written_under(
        &site.out(),
        "https://xn--bcher-kva.example/d%C3%A9j%C3%A0",
        "/d%C3%A9j%C3%A0/",
    );
}

#[test]
fn a_bad_base_url_on_the_command_line_is_refused_with_a_hint() {
    let site = Site::from_fixture("small-site");
    for (value, hint) in [
        ("https://x.org/?a=1#f", "remove the `?…` part"),
        ("https://x.org/#f", "remove the `#…` part"),
        ("https://", "write the host"),
        ("https://x.org:99999/", "from 1 to 65535"),
        ("https://x.org/my desk/", "`%20`"),
        ("https://x.org/\nDisallow: /", "one address without spaces"),
        ("https://user:secret@x.org/", "would be published"),
        ("ftp://x.org/", "http or https"),
        ("x.org", "write the full address"),
        ("", "write the full address"),
    ] {
        let run = site.build(&["--base-url", value]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("--base-url") && run.stderr.contains(hint),
            "--base-url {value:?}: {}",
            run.stderr
        );
        assert!(
            !site.out().exists(),
            "--base-url {value:?} wrote the output"
        );
    }
}

/// A base URL made of the characters that break URLs, lines and XML.
fn hostile_base_url() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let scheme = prop_oneof![
        4 => Just("https://"),
        2 => Just("HTTP://"),
        1 => Just("https:"),
        1 => Just("ftp://"),
        1 => Just("//"),
        1 => Just(""),
    ];
    let host = prop_oneof![
        4 => "[a-zA-Z0-9.üß-]{1,10}",
        1 => "[a-z0-9\"'&<>{}|^`$*+,;=!~%_]{1,6}",
        1 => "\\[[0-9a-f:]{0,8}\\]?",
        1 => "[0-9.]{0,15}",
    ];
    let port = prop_oneof![
        3 => Just(String::new()),
        1 => "[0-9]{0,6}".prop_map(|p| format!(":{p}")),
    ];
    let rest = prop_oneof![
        3 => "(/[a-zA-Z0-9._~%'&()é-]{0,6}){0,3}/?",
        2 => "[a-z/?#@:%.<>\"'& \n\r\t\u{0}\u{7f}\u{85}\u{a0}\u{2028}é\\[\\]\\\\]{0,16}",
    ];
    (scheme, host, port, rest).prop_map(|(s, h, p, r)| format!("{s}{h}{p}{r}"))
}

/// A one-brief site in a temporary folder.
fn tiny_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.yaml"), "title: Desk\n").unwrap();
    fs::create_dir_all(dir.path().join("content/briefs")).unwrap();
    fs::write(
        dir.path().join("content/briefs/b.md"),
        "---\ntitle: B\ndate: 2025-01-02\n---\nText.\n",
    )
    .unwrap();
    dir
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 64,
        failure_persistence: None,
        ..Default::default()
    })]

    /// Whatever the base URL, it is refused (one error, at `--base-url`),
    /// or robots.txt is exactly its four lines with a normalized URL, and
    /// the feed and sitemap are well-formed XML under that URL.
    #[test]
    fn any_base_url_is_refused_or_makes_well_formed_output(text in hostile_base_url()) {
        let site = tiny_site();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            base_url: Some(text.clone()),
            ..BuildOptions::default()
        };
        let (files, diagnostics) = dossier::render_site(&options).unwrap();
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
        if !errors.is_empty() {
            proptest::prop_assert_eq!(errors.len(), 1);
            proptest::prop_assert_eq!(&errors[0].file, "--base-url");
            return Ok(());
        }
        let file = |path: &str| {
            let bytes = &files.iter().find(|f| f.path == path).unwrap().bytes;
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        let robots = file("robots.txt");
        let lines: Vec<&str> = robots.split('\n').collect();
        proptest::prop_assert_eq!(lines.len(), 5, "{:?}", robots);
        proptest::prop_assert_eq!(&lines[..3], &["User-agent: *", "Allow: /", ""]);
        proptest::prop_assert_eq!(lines[4], "");
        let sitemap_url = lines[3].strip_prefix("Sitemap: ").unwrap();
        let base = sitemap_url.strip_suffix("/sitemap.xml").unwrap();
        // Normalized: what a URL parser reads back unchanged, nothing but
        // an http(s) host and path.
        let parsed = url::Url::parse(sitemap_url).unwrap();
        proptest::prop_assert_eq!(parsed.as_str(), sitemap_url);
        proptest::prop_assert!(["http", "https"].contains(&parsed.scheme()));
        proptest::prop_assert!(parsed.username().is_empty() && parsed.password().is_none());
        proptest::prop_assert!(parsed.query().is_none() && parsed.fragment().is_none());
        proptest::prop_assert!(sitemap_url.bytes().all(|b| b.is_ascii_graphic()));
        let feed = file("feed.xml");
        let doc = roxmltree::Document::parse(&feed);
        proptest::prop_assert!(doc.is_ok(), "feed.xml: {:?}", doc.err());
        let doc = doc.unwrap();
        let id = child(doc.root_element(), "id").unwrap().text().unwrap().to_string();
        proptest::prop_assert_eq!(id, format!("{base}/feed.xml"));
        let sitemap = file("sitemap.xml");
        let doc = roxmltree::Document::parse(&sitemap);
        proptest::prop_assert!(doc.is_ok(), "sitemap.xml: {:?}", doc.err());
        let under = format!("{base}/");
        for loc in doc.unwrap().descendants().filter(|n| n.has_tag_name("loc")) {
            proptest::prop_assert!(loc.text().unwrap().starts_with(&under));
        }
    }
}
