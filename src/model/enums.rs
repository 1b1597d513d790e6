//! The closed vocabularies of the format: statuses, kinds, likelihoods,
//! grades, and partial dates. Each parses from its written form and lists
//! its allowed values for hints.

use std::fmt;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in front matter.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The value for readers.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            /// The values as written, for [`meant`].
            pub fn values() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }

            /// "`a`, `b`, `c`": for hints.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The desk's verdict on a claim (what other actors say of it are
    /// its responses, [`Stance`]). The order is the order of the claims
    /// list.
    Status {
        Confirmed => "confirmed", "Confirmed";
        Corroborated => "corroborated", "Corroborated";
        Reported => "reported", "Reported";
        Disputed => "disputed", "Disputed";
        Misleading => "misleading", "Misleading";
        False => "false", "False";
        Retracted => "retracted", "Retracted";
        Superseded => "superseded", "Superseded";
    }
}

impl Status {
    /// A claim that no longer stands: its figures are drawn set apart and
    /// never count as a claimant's latest.
    pub fn is_set_apart(self) -> bool {
        matches!(self, Status::False | Status::Retracted | Status::Superseded)
    }
}

vocabulary! {
    /// What an actor said about a claim: a response, apart from the
    /// desk's verdict.
    Stance {
        Confirms => "confirms", "Confirms";
        Denies => "denies", "Denies";
        Disputes => "disputes", "Disputes";
        Acknowledges => "acknowledges", "Acknowledges";
        DeclinesToComment => "declines-to-comment", "Declines to comment";
    }
}

impl Stance {
    /// The words before the responders' names: "Denied by Kremlin".
    pub fn by_phrase(self) -> &'static str {
        match self {
            Stance::Confirms => "Confirmed by",
            Stance::Denies => "Denied by",
            Stance::Disputes => "Disputed by",
            Stance::Acknowledges => "Acknowledged by",
            Stance::DeclinesToComment => "No comment from",
        }
    }
}

vocabulary! {
    /// What a brief's change was.
    ChangeKind {
        Update => "update", "Update";
        Correction => "correction", "Correction";
    }
}

vocabulary! {
    ActorKind {
        Person => "person", "Person";
        State => "state", "State";
        Government => "government", "Government body";
        Agency => "agency", "Agency";
        Military => "military", "Military";
        Group => "group", "Group";
        Organization => "organization", "Organization";
        Company => "company", "Company";
        Media => "media", "Media outlet";
        Vessel => "vessel", "Vessel";
        Aircraft => "aircraft", "Aircraft";
        Infrastructure => "infrastructure", "Infrastructure";
        Other => "other", "Other";
    }
}

impl ActorKind {
    /// Heading for a group of actors of this kind.
    pub fn plural(self) -> &'static str {
        match self {
            ActorKind::Person => "People",
            ActorKind::State => "States",
            ActorKind::Government => "Government bodies",
            ActorKind::Agency => "Agencies",
            ActorKind::Military => "Military",
            ActorKind::Group => "Groups",
            ActorKind::Organization => "Organizations",
            ActorKind::Company => "Companies",
            ActorKind::Media => "Media",
            ActorKind::Vessel => "Vessels",
            ActorKind::Aircraft => "Aircraft",
            ActorKind::Infrastructure => "Infrastructure",
            ActorKind::Other => "Other",
        }
    }
}

vocabulary! {
    /// What kind of source it is (ICD 206).
    SourceType {
        OfficialStatement => "official-statement", "Official statement";
        PressConference => "press-conference", "Press conference";
        Document => "document", "Document";
        CourtRecord => "court-record", "Court record";
        MediaReport => "media-report", "Media report";
        SocialMedia => "social-media", "Social media post";
        Interview => "interview", "Interview";
        Imagery => "imagery", "Imagery";
        TrackingData => "tracking-data", "Tracking data";
        SensorData => "sensor-data", "Sensor data";
        Other => "other", "Other source";
    }
}

impl SourceType {
    /// `n` sources of this type in words: "1 press conference", "2
    /// media reports", "3 items of imagery".
    pub fn counted(self, n: usize) -> String {
        let (one, many) = match self {
            SourceType::OfficialStatement => ("official statement", "official statements"),
            SourceType::PressConference => ("press conference", "press conferences"),
            SourceType::Document => ("document", "documents"),
            SourceType::CourtRecord => ("court record", "court records"),
            SourceType::MediaReport => ("media report", "media reports"),
            SourceType::SocialMedia => ("social media post", "social media posts"),
            SourceType::Interview => ("interview", "interviews"),
            SourceType::Imagery => ("item of imagery", "items of imagery"),
            SourceType::TrackingData => ("set of tracking data", "sets of tracking data"),
            SourceType::SensorData => ("set of sensor data", "sets of sensor data"),
            SourceType::Other => ("other source", "other sources"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

vocabulary! {
    /// How the source knows what it says (ICD 206).
    Access {
        Direct => "direct", "direct access";
        Indirect => "indirect", "indirect access";
        Unknown => "unknown", "access unknown";
    }
}

vocabulary! {
    /// A typed relation from one actor to another.
    RelationType {
        Owns => "owns", "Owns";
        Operates => "operates", "Operates";
        FlagState => "flag-state", "Flag state";
        SpokespersonFor => "spokesperson-for", "Spokesperson for";
        MemberOf => "member-of", "Member of";
        Commands => "commands", "Commands";
        Funds => "funds", "Funds";
        Employs => "employs", "Employs";
        SubsidiaryOf => "subsidiary-of", "Subsidiary of";
    }
}

impl RelationType {
    /// The relation in its own words, read from the other actor's page
    /// ("Owned by", "Spokesperson"): `label` reads from the actor that
    /// declares it.
    pub fn inverse_label(self) -> &'static str {
        match self {
            RelationType::Owns => "Owned by",
            RelationType::Operates => "Operated by",
            RelationType::FlagState => "Flag state of",
            RelationType::SpokespersonFor => "Spokesperson",
            RelationType::MemberOf => "Members",
            RelationType::Commands => "Commanded by",
            RelationType::Funds => "Funded by",
            RelationType::Employs => "Employed by",
            RelationType::SubsidiaryOf => "Subsidiaries",
        }
    }
}

vocabulary! {
    Confidence {
        Low => "low", "Low confidence";
        Moderate => "moderate", "Moderate confidence";
        High => "high", "High confidence";
    }
}

vocabulary! {
    /// ICD 203 expressions of likelihood.
    Likelihood {
        AlmostNoChance => "almost no chance", "Almost no chance";
        VeryUnlikely => "very unlikely", "Very unlikely";
        Unlikely => "unlikely", "Unlikely";
        RoughlyEvenChance => "roughly even chance", "Roughly even chance";
        Likely => "likely", "Likely";
        VeryLikely => "very likely", "Very likely";
        AlmostCertain => "almost certain", "Almost certain";
    }
}

impl Likelihood {
    /// The probability range ICD 203 gives the term.
    pub fn range(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "1–5 %",
            Likelihood::VeryUnlikely => "5–20 %",
            Likelihood::Unlikely => "20–45 %",
            Likelihood::RoughlyEvenChance => "45–55 %",
            Likelihood::Likely => "55–80 %",
            Likelihood::VeryLikely => "80–95 %",
            Likelihood::AlmostCertain => "95–99 %",
        }
    }
}

vocabulary! {
    Qualifier {
        About => "about", "about";
        Nearly => "nearly", "nearly";
        AtLeast => "at-least", "at least";
        AtMost => "at-most", "at most";
        Exactly => "exactly", "exactly";
        Range => "range", "between";
    }
}

vocabulary! {
    /// Admiralty source reliability.
    Reliability {
        A => "A", "Completely reliable";
        B => "B", "Usually reliable";
        C => "C", "Fairly reliable";
        D => "D", "Not usually reliable";
        E => "E", "Unreliable";
        F => "F", "Reliability cannot be judged";
    }
}

vocabulary! {
    /// Admiralty information credibility.
    Credibility {
        One => "1", "Confirmed by other sources";
        Two => "2", "Probably true";
        Three => "3", "Possibly true";
        Four => "4", "Doubtful";
        Five => "5", "Improbable";
        Six => "6", "Truth cannot be judged";
    }
}

/// Words authors write for a value of a fixed list, and the value they
/// mean: ICD 203's own alternative terms for its likelihoods, everyday
/// words for qualifiers, kinds and statuses. Written forms are compared
/// normalized (see [`crate::diagnostics::normalize_value`]); a pair
/// counts only where its value is allowed, so one table serves every
/// list.
const MEANT: &[(&str, &str)] = &[
    // ICD 203: each likelihood term has an alternative "probability" term.
    ("remote", "almost no chance"),
    ("remote chance", "almost no chance"),
    ("no chance", "almost no chance"),
    ("highly improbable", "very unlikely"),
    ("highly unlikely", "very unlikely"),
    ("very improbable", "very unlikely"),
    ("improbable", "unlikely"),
    ("improbably", "unlikely"),
    ("probably not", "unlikely"),
    ("roughly even odds", "roughly even chance"),
    ("even odds", "roughly even chance"),
    ("even chance", "roughly even chance"),
    ("fifty fifty", "roughly even chance"),
    ("50/50", "roughly even chance"),
    ("toss up", "roughly even chance"),
    ("probable", "likely"),
    ("probably", "likely"),
    ("highly probable", "very likely"),
    ("highly likely", "very likely"),
    ("very probable", "very likely"),
    ("nearly certain", "almost certain"),
    ("almost certainly", "almost certain"),
    ("nearly certainly", "almost certain"),
    ("virtually certain", "almost certain"),
    ("certain", "almost certain"),
    ("certainly", "almost certain"),
    // Confidence.
    ("medium", "moderate"),
    ("mid", "moderate"),
    // Qualifiers.
    ("approximately", "about"),
    ("approx", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("circa", "about"),
    ("ca.", "about"),
    ("some", "about"),
    ("~", "about"),
    ("almost", "nearly"),
    ("just under", "nearly"),
    ("more than", "at-least"),
    ("over", "at-least"),
    ("minimum", "at-least"),
    ("min", "at-least"),
    ("no fewer than", "at-least"),
    ("no less than", "at-least"),
    (">=", "at-least"),
    ("≥", "at-least"),
    ("less than", "at-most"),
    ("fewer than", "at-most"),
    ("under", "at-most"),
    ("up to", "at-most"),
    ("maximum", "at-most"),
    ("max", "at-most"),
    ("no more than", "at-most"),
    ("<=", "at-most"),
    ("≤", "at-most"),
    ("exact", "exactly"),
    ("precisely", "exactly"),
    ("between", "range"),
    // Statuses.
    ("verified", "confirmed"),
    ("unverified", "reported"),
    ("unconfirmed", "reported"),
    ("claimed", "reported"),
    ("alleged", "reported"),
    ("contested", "disputed"),
    ("withdrawn", "retracted"),
    ("replaced", "superseded"),
    ("outdated", "superseded"),
    ("debunked", "false"),
    ("untrue", "false"),
    // Actor kinds.
    ("country", "state"),
    ("nation", "state"),
    ("army", "military"),
    ("navy", "military"),
    ("air force", "military"),
    ("armed forces", "military"),
    ("ministry", "government"),
    ("govt", "government"),
    ("gov", "government"),
    ("department", "government"),
    ("cabinet", "government"),
    ("news", "media"),
    ("press", "media"),
    ("newspaper", "media"),
    ("news agency", "media"),
    ("outlet", "media"),
    ("broadcaster", "media"),
    ("individual", "person"),
    ("human", "person"),
    ("people", "person"),
    ("firm", "company"),
    ("corporation", "company"),
    ("business", "company"),
    ("intelligence", "agency"),
    ("intelligence agency", "agency"),
    ("service", "agency"),
    ("ngo", "organization"),
    ("organisation", "organization"),
    ("institution", "organization"),
    ("party", "group"),
    ("militia", "group"),
    ("movement", "group"),
    ("armed group", "group"),
    ("ship", "vessel"),
    ("boat", "vessel"),
    ("tanker", "vessel"),
    ("plane", "aircraft"),
    ("drone", "aircraft"),
    ("cable", "infrastructure"),
    ("pipeline", "infrastructure"),
    // Source types.
    ("statement", "official-statement"),
    ("press release", "official-statement"),
    ("communique", "official-statement"),
    ("press briefing", "press-conference"),
    ("briefing", "press-conference"),
    ("news", "media-report"),
    ("news report", "media-report"),
    ("article", "media-report"),
    ("press report", "media-report"),
    ("wire", "media-report"),
    ("tweet", "social-media"),
    ("post", "social-media"),
    ("x post", "social-media"),
    ("social", "social-media"),
    ("court", "court-record"),
    ("court filing", "court-record"),
    ("indictment", "court-record"),
    ("satellite imagery", "imagery"),
    ("photo", "imagery"),
    ("video", "imagery"),
    ("ais", "tracking-data"),
    ("tracking", "tracking-data"),
    ("sensor", "sensor-data"),
    ("leak", "document"),
    // How a source knows.
    ("first hand", "direct"),
    ("firsthand", "direct"),
    ("second hand", "indirect"),
    ("secondhand", "indirect"),
    ("hearsay", "indirect"),
    ("relayed", "indirect"),
    ("unclear", "unknown"),
    // Relation types.
    ("part of", "member-of"),
    ("member", "member-of"),
    ("spokesperson", "spokesperson-for"),
    ("spokesman", "spokesperson-for"),
    ("spokeswoman", "spokesperson-for"),
    ("flag", "flag-state"),
    ("subsidiary", "subsidiary-of"),
];

/// The value of `allowed` (a fixed list, as written in front matter) an
/// author most likely meant by `written`: a word of `MEANT` for it
/// (`highly likely` → `very likely`), else the closest value
/// ([`crate::diagnostics::closest_value`]: `confimed` → `confirmed`,
/// `at least` → `at-least`).
pub fn meant<'a>(written: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let key = crate::diagnostics::normalize_value(written);
    let key = key.trim_end_matches('.');
    MEANT
        .iter()
        .filter(|(word, _)| crate::diagnostics::normalize_value(word).trim_end_matches('.') == key)
        .find_map(|(_, value)| allowed.iter().find(|a| *a == value).copied())
        .or_else(|| crate::diagnostics::closest_value(written, allowed.iter().copied()))
}

/// A date that may name only a year or a month: `2025`, `2025-04`, `2025-04-30`.
/// Orders by year, then month, then day (a year sorts before its months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year = parts
            .next()
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
        let year: u16 = year.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?)
            }
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) => {
                let d: u8 = d.parse().ok()?;
                if d == 0 || d > days_in_month(year, month?) {
                    return None;
                }
                Some(d)
            }
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// The first day the date covers: `2025-04` → 1 April 2025.
    pub fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date covers: `2025-04` → 30 April 2025.
    pub fn last_day(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Whether the whole of this date comes after the whole of `other`
    /// (`2025-05` is after `2025-04-30`; `2025-04-30` is not after `2025-04`,
    /// which may mean the same day).
    pub fn wholly_after(&self, other: &PartialDate) -> bool {
        self.first_day() > other.last_day()
    }

    /// As written: `2025-04-30`, `2025-04`, `2025`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// In words: `30 April 2025`, `April 2025`, `2025`.
    pub fn text(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

/// A time of day with its zone, written after a full date (FORMAT §4):
/// `2024-12-25T14:26+02:00`, `2024-12-25T12:26Z`, seconds optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
    /// The zone's offset east of UTC, in minutes (`Z`: 0).
    pub offset: i16,
}

/// Why a date with a time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentProblem {
    /// The date before `T` is not a valid date.
    Date,
    /// A time after a date that lacks its month or day.
    NotFullDate,
    /// The time has no zone (`14:26` without `Z` or `+02:00`).
    NoZone,
    /// The time or the zone is not `HH:MM[:SS]` and `Z` or `±HH:MM`.
    Time,
}

impl TimeOfDay {
    /// A date, or a full date with its time of day and zone.
    pub fn parse_moment(text: &str) -> Result<(PartialDate, Option<TimeOfDay>), MomentProblem> {
        let text = text.trim();
        let Some((date, time)) = text.split_once(['T', 't']) else {
            return PartialDate::parse(text)
                .map(|d| (d, None))
                .ok_or(MomentProblem::Date);
        };
        let date = PartialDate::parse(date).ok_or(MomentProblem::Date)?;
        if !date.is_full() {
            return Err(MomentProblem::NotFullDate);
        }
        Ok((date, Some(TimeOfDay::parse(time)?)))
    }

    /// `HH:MM[:SS]` then `Z` or `±HH:MM`.
    fn parse(text: &str) -> Result<TimeOfDay, MomentProblem> {
        let zone_at = text.find(['Z', 'z', '+', '-']);
        let (clock, zone) = match zone_at {
            Some(i) => (&text[..i], &text[i..]),
            None => (text, ""),
        };
        let two = |s: &str, max: u8| -> Option<u8> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
                .filter(|v| *v <= max)
        };
        let parts: Vec<&str> = clock.split(':').collect();
        let (hour, minute, second) = match parts.as_slice() {
            [h, m] => (two(h, 23), two(m, 59), None),
            [h, m, s] => (two(h, 23), two(m, 59), Some(two(s, 59))),
            _ => return Err(MomentProblem::Time),
        };
        let (Some(hour), Some(minute)) = (hour, minute) else {
            return Err(MomentProblem::Time);
        };
        let second = match second {
            Some(Some(s)) => Some(s),
            Some(None) => return Err(MomentProblem::Time),
            None => None,
        };
        let offset = match zone {
            "" => return Err(MomentProblem::NoZone),
            "Z" | "z" => 0,
            _ => {
                let sign: i16 = if zone.starts_with('-') { -1 } else { 1 };
                let (h, m) = zone[1..].split_once(':').ok_or(MomentProblem::Time)?;
                let (Some(h), Some(m)) = (two(h, 14), two(m, 59)) else {
                    return Err(MomentProblem::Time);
                };
                sign * (i16::from(h) * 60 + i16::from(m))
            }
        };
        Ok(TimeOfDay {
            hour,
            minute,
            second,
            offset,
        })
    }

    fn clock(&self) -> String {
        match self.second {
            Some(s) => format!("{:02}:{:02}:{s:02}", self.hour, self.minute),
            None => format!("{:02}:{:02}", self.hour, self.minute),
        }
    }

    /// The zone as written: `Z`, `+02:00`.
    fn zone(&self) -> String {
        if self.offset == 0 {
            return "Z".to_string();
        }
        let sign = if self.offset < 0 { '-' } else { '+' };
        let o = self.offset.unsigned_abs();
        format!("{sign}{:02}:{:02}", o / 60, o % 60)
    }

    /// `14:26+02:00`, `12:26Z`: as written (for `<time datetime>`, after the date and `T`).
    pub fn iso(&self) -> String {
        format!("{}{}", self.clock(), self.zone())
    }

    /// `14:26 UTC+02:00`, `12:26 UTC`: in words.
    pub fn text(&self) -> String {
        if self.offset == 0 {
            format!("{} UTC", self.clock())
        } else {
            format!("{} UTC{}", self.clock(), self.zone())
        }
    }

    /// The same moment in UTC: its date (a day before or after `date`
    /// when the zone moves it past midnight) and time. Outside the years
    /// 0000 to 9999 the date stays `date`'s and only the clock moves.
    pub fn utc(&self, date: &PartialDate) -> (PartialDate, TimeOfDay) {
        let (year, month, day) = date.first_day();
        let local = jiff::civil::DateTime::new(
            year as i16,
            month as i8,
            day as i8,
            self.hour as i8,
            self.minute as i8,
            0,
            0,
        );
        let utc = local
            .and_then(|local| local.checked_sub(jiff::Span::new().minutes(self.offset)))
            .ok()
            .filter(|utc| (0..=9999).contains(&utc.year()));
        let (date, hour, minute) = match utc {
            Some(utc) => (
                PartialDate {
                    year: utc.year() as u16,
                    month: Some(utc.month() as u8),
                    day: Some(utc.day() as u8),
                },
                utc.hour() as u8,
                utc.minute() as u8,
            ),
            None => {
                let minutes = (i32::from(self.hour) * 60 + i32::from(self.minute)
                    - i32::from(self.offset))
                .rem_euclid(24 * 60);
                let full = PartialDate {
                    year,
                    month: Some(month),
                    day: Some(day),
                };
                (full, (minutes / 60) as u8, (minutes % 60) as u8)
            }
        };
        (
            date,
            TimeOfDay {
                hour,
                minute,
                second: self.second,
                offset: 0,
            },
        )
    }
}

/// Days in `month` of `year` (proleptic Gregorian, as jiff counts them).
fn days_in_month(year: u16, month: u8) -> u8 {
    jiff::civil::Date::new(year as i16, month as i8, 1).map_or(31, |d| d.days_in_month() as u8)
}

vocabulary! {
    /// How exact an incident's coordinates are (FORMAT §14).
    Precision {
        Exact => "exact", "exact position";
        Approximate => "approximate", "approximate position";
        Area => "area", "somewhere in the area";
        Region => "region", "somewhere in the region";
        Country => "country", "somewhere in the country";
    }
}

#[cfg(test)]
mod tests;
