//! Tests of the vocabularies and dates.

use super::*;

#[test]
fn times_of_day_need_a_full_date_and_a_zone() {
    let (date, time) = TimeOfDay::parse_moment("2024-12-25T14:26+02:00").unwrap();
    let time = time.unwrap();
    assert_eq!(date.iso(), "2024-12-25");
    assert_eq!(time.iso(), "14:26+02:00");
    assert_eq!(time.text(), "14:26 UTC+02:00");
    let (utc_date, utc) = time.utc(&date);
    assert_eq!(
        (utc_date.iso(), utc.text()),
        ("2024-12-25".into(), "12:26 UTC".into())
    );
    let z = TimeOfDay::parse_moment("2024-12-25T12:26:30Z")
        .unwrap()
        .1
        .unwrap();
    assert_eq!(
        (z.iso(), z.text()),
        ("12:26:30Z".into(), "12:26:30 UTC".into())
    );
    // A zone moves the UTC date across midnight, month and year ends.
    let at = |text: &str| {
        let (d, t) = TimeOfDay::parse_moment(text).unwrap();
        let (d, t) = t.unwrap().utc(&d);
        format!("{}T{}", d.iso(), t.iso())
    };
    assert_eq!(at("2025-01-01T01:00+02:00"), "2024-12-31T23:00Z");
    assert_eq!(at("2024-03-01T00:30+01:00"), "2024-02-29T23:30Z");
    assert_eq!(at("2024-12-31T23:30-05:00"), "2025-01-01T04:30Z");
    assert_eq!(at("2024-04-30T22:00-03:00"), "2024-05-01T01:00Z");
    assert_eq!(at("2023-03-01T00:30+01:00"), "2023-02-28T23:30Z");
    assert_eq!(at("1900-03-01T00:30+01:00"), "1900-02-28T23:30Z");
    assert_eq!(at("2000-03-01T00:30+01:00"), "2000-02-29T23:30Z");
    // Past the years a date can have, only the clock moves.
    assert_eq!(at("9999-12-31T23:00-02:00"), "9999-12-31T01:00Z");
    assert_eq!(at("0000-01-01T00:30+01:00"), "0000-01-01T23:30Z");
    assert_eq!(at("0000-01-01T00:30+14:59"), "0000-01-01T09:31Z");
    // A date alone stays a date.
    assert_eq!(TimeOfDay::parse_moment("2024-12").unwrap().1, None);
    use MomentProblem::*;
    for (bad, problem) in [
        ("2024-12-25T14:26", NoZone),
        ("2024-12T14:26Z", NotFullDate),
        ("2024T14:26Z", NotFullDate),
        ("2024-12-25T24:00Z", Time),
        ("2024-12-25T14:60Z", Time),
        ("2024-12-25T14:26+15:00", Time),
        ("2024-12-25T14Z", Time),
        ("2024-12-25T14:26:61Z", Time),
        ("2024-12-25T14:26+0200", Time),
        ("2024-02-30T14:26Z", Date),
        ("2024-12-25T", Time),
    ] {
        assert_eq!(TimeOfDay::parse_moment(bad), Err(problem), "{bad}");
    }
}

#[test]
fn partial_dates_parse_and_check_the_calendar() {
    assert_eq!(PartialDate::parse("2025").unwrap().iso(), "2025");
    assert_eq!(PartialDate::parse("2025-04").unwrap().text(), "April 2025");
    assert_eq!(
        PartialDate::parse("2024-02-29").unwrap().text(),
        "29 February 2024"
    );
    for bad in [
        "2025-02-29",
        "2025-13",
        "2025-4-1",
        "25-04-01",
        "2025-04-31",
        "2025-04-01x",
        "yesterday",
        "",
    ] {
        assert_eq!(PartialDate::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_year_sorts_before_its_months() {
    let y = PartialDate::parse("2025").unwrap();
    let m = PartialDate::parse("2025-01").unwrap();
    let d = PartialDate::parse("2025-01-05").unwrap();
    assert!(y < m && m < d);
}

#[test]
fn the_value_meant_is_found_for_every_list() {
    let likelihoods = Likelihood::values();
    for (written, value) in [
        ("highly likely", "very likely"),
        ("Highly Probable", "very likely"),
        ("probable", "likely"),
        ("even chance", "roughly even chance"),
        ("roughly_even_chance", "roughly even chance"),
        ("almost certainly", "almost certain"),
        ("remote", "almost no chance"),
        ("very-unlikely", "very unlikely"),
    ] {
        assert_eq!(meant(written, &likelihoods), Some(value), "{written}");
    }
    let qualifiers = Qualifier::values();
    for (written, value) in [
        ("at least", "at-least"),
        ("more than", "at-least"),
        ("approximately", "about"),
        ("up to", "at-most"),
        ("ca.", "about"),
        ("exact", "exactly"),
    ] {
        assert_eq!(meant(written, &qualifiers), Some(value), "{written}");
    }
    assert_eq!(meant("confimed", &Status::values()), Some("confirmed"));
    assert_eq!(meant("verified", &Status::values()), Some("confirmed"));
    assert_eq!(meant("medium", &Confidence::values()), Some("moderate"));
    assert_eq!(meant("country", &ActorKind::values()), Some("state"));
    assert_eq!(
        meant("organisation", &ActorKind::values()),
        Some("organization")
    );
    assert_eq!(meant("persn", &ActorKind::values()), Some("person"));
    assert_eq!(meant("ship", &ActorKind::values()), Some("vessel"));
    // A word meaning two lists' values counts only where its value is.
    assert_eq!(meant("news", &SourceType::values()), Some("media-report"));
    assert_eq!(meant("tweet", &SourceType::values()), Some("social-media"));
    assert_eq!(meant("second-hand", &Access::values()), Some("indirect"));
    assert_eq!(
        meant("spokesman", &RelationType::values()),
        Some("spokesperson-for")
    );
    assert_eq!(meant("part_of", &RelationType::values()), Some("member-of"));
    // A word meant for another list suggests nothing here.
    assert_eq!(meant("medium", &Likelihood::values()), None);
    assert_eq!(meant("zzz", &Status::values()), None);
}

#[test]
fn vocabularies_parse_their_written_form() {
    assert_eq!(
        Likelihood::parse("roughly even chance"),
        Some(Likelihood::RoughlyEvenChance)
    );
    assert_eq!(Status::parse("Confirmed"), None);
    assert!(Status::allowed().contains("`superseded`"));
    assert_eq!(Status::parse("denied"), None, "a denial is a response");
    assert_eq!(
        Stance::parse("declines-to-comment"),
        Some(Stance::DeclinesToComment)
    );
}

#[test]
fn only_a_date_wholly_after_another_is_after_it() {
    let d = |s: &str| PartialDate::parse(s).unwrap();
    assert!(d("2025-05").wholly_after(&d("2025-04-30")));
    assert!(d("2026").wholly_after(&d("2025-12")));
    assert!(!d("2025-04-30").wholly_after(&d("2025-04")));
    assert!(!d("2025-04").wholly_after(&d("2025-04-01")));
    assert!(!d("2025").wholly_after(&d("2025-06")));
    assert_eq!(d("2024-02").last_day(), (2024, 2, 29));
}

#[test]
fn dates_follow_the_gregorian_calendar() {
    for (text, valid) in [
        ("2024-02-29", true),
        ("2023-02-29", false),
        ("1900-02-29", false),
        ("2000-02-29", true),
        ("2025-04-31", false),
        ("2025-04-30", true),
        ("0000-02-29", true),
        ("9999-12-31", true),
        ("2025-13", false),
        ("2025-00", false),
        ("2025-01-00", false),
    ] {
        assert_eq!(PartialDate::parse(text).is_some(), valid, "{text}");
    }
    assert_eq!(
        PartialDate::parse("2024-02").unwrap().last_day(),
        (2024, 2, 29)
    );
    assert_eq!(
        PartialDate::parse("2100-02").unwrap().last_day(),
        (2100, 2, 28)
    );
}
