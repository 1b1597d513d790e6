//! Tests of `scaffold`.

use super::*;

#[test]
fn ids_become_titles() {
    assert_eq!(title_of("dprk-troops"), "Dprk troops");
}

#[test]
fn placeholders_are_found_however_they_are_spaced_or_cased() {
    for (text, found) in [
        (
            "A title that says what happened",
            "A title that says what happened",
        ),
        (
            "A title that says what happened in Kursk",
            "A title that says what happened",
        ),
        (
            "Draft: a TITLE  that says\n what happened!",
            "A title that says what happened",
        ),
        (
            "## Assessment\n\nThe analysis, in\nMarkdown. More.",
            "The analysis, in Markdown.",
        ),
        (
            "One sentence, the claim, without a verdict",
            "One sentence, the claim, without a verdict.",
        ),
        // The longest word in capitals (the one-pass search of ASCII
        // text), and text beyond ASCII (lowercased first).
        ("THE ANALYSIS, IN MARKDOWN.", "The analysis, in Markdown."),
        (
            "Kursk — a title that says what happened",
            "A title that says what happened",
        ),
        ("...", "..."),
        (" … ", "..."),
    ] {
        assert_eq!(
            find_placeholder(text).map(|(_, p)| p),
            Some(found),
            "{text}"
        );
    }
    let text = "x\nThe page,  in Markdown.\n";
    let (range, _) = find_placeholder(text).unwrap();
    assert_eq!(&text[range], "The page,  in Markdown.");
    for text in [
        "A title",
        "Troops in Kursk",
        "The page in the Markdown file",
        "A short profile of the agency.",
        "Write the analysis here, in Markdown.",
        "Sources said..., then",
        "",
    ] {
        assert_eq!(find_placeholder(text), None, "{text}");
    }
}

/// What `dossier new` writes is made of the placeholders: each line of
/// prose a reader would see (titles, text, quotes, roles, bodies,
/// whether commented out or not) holds one, so none is missed.
#[test]
fn every_prose_line_dossier_new_writes_is_a_placeholder() {
    for template in [
        NEW_BRIEF,
        NEW_ACTOR,
        NEW_CLAIM,
        NEW_MEASURE,
        NEW_PAGE,
        NEW_INCIDENT,
    ] {
        let (front, body) = template[4..].split_once("\n---\n").unwrap();
        for line in front.lines() {
            let line = line.trim_start_matches([' ', '#']);
            let line = line.split("   #").next().unwrap().trim();
            for key in ["title: ", "text: ", "quote: ", "role: ", "summary: "] {
                if let Some(value) = line
                    .strip_prefix(key)
                    .or_else(|| line.strip_prefix(&format!("- {key}")))
                {
                    if value != ">-" && !value.contains("NAME") {
                        assert!(find_placeholder(value).is_some(), "{line}");
                    }
                }
            }
        }
        for line in body
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            assert!(find_placeholder(line).is_some(), "{line}");
        }
    }
    // `dossier init` writes a site that builds without a warning.
    for text in [FIRST_BRIEF, AGENCY, STATE, CLAIM_FILE] {
        assert_eq!(find_placeholder(text), None);
    }
}
