//! Identifiers of actors: the schemes dossier knows, each with its
//! check (a ship's IMO number and its check digit, an MMSI, a flag as an
//! ISO 3166 code, an aircraft's ICAO 24-bit address, a Wikidata item),
//! and the value normalised as it is shown and searched. Any other
//! scheme is free text.

use super::countries;

/// The schemes with a check, in the order the format lists them.
pub const KNOWN: &[&str] = &["imo", "mmsi", "callsign", "flag", "icao24", "wikidata"];

/// Why a value is not an identifier of its scheme, and what to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

fn problem(message: String, hint: impl Into<String>) -> Problem {
    Problem {
        message,
        hint: hint.into(),
    }
}

/// The scheme as stored: a known one in lowercase (`IMO` → `imo`),
/// another as written.
pub fn scheme(written: &str) -> String {
    let lower = written.trim().to_ascii_lowercase();
    if KNOWN.contains(&lower.as_str()) {
        lower
    } else {
        written.trim().to_string()
    }
}

/// Checks `value` under `scheme` (as [`scheme`] returns it): the value
/// as shown and searched, or what is wrong with it.
pub fn check(scheme: &str, value: &str) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(problem(
            format!("identifier `{scheme}` is empty"),
            format!("write the value after `{scheme}:`, or remove the line"),
        ));
    }
    match scheme {
        "imo" => imo(value),
        "mmsi" => digits(value, value, "an MMSI", 9)
            .map_err(|message| problem(message, "an MMSI (Maritime Mobile Service Identity) is the 9 digits a ship's radio and AIS transponder send, e.g. `518998000`")),
        "flag" => flag(value),
        "icao24" => icao24(value),
        "wikidata" => wikidata(value),
        "callsign" => Ok(value.to_ascii_uppercase()),
        _ => Ok(value.to_string()),
    }
}

/// The first character of `text` that `ok` refuses, with its place
/// (1-based, in characters).
fn first_bad(text: &str, ok: impl Fn(char) -> bool) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| !ok(*c))
        .map(|(i, c)| (i + 1, c))
}

/// `text` must be `len` ASCII digits; the message names the first other
/// character, or the count.
fn digits(text: &str, written: &str, what: &str, len: usize) -> Result<String, String> {
    if let Some((at, c)) = first_bad(text, |c| c.is_ascii_digit()) {
        return Err(format!(
            "`{written}` is not {what}: `{}` (character {at}) is not a digit",
            c.escape_debug()
        ));
    }
    if text.len() != len {
        return Err(format!(
            "`{written}` is not {what}: it has {} digits, not {len}",
            text.len()
        ));
    }
    Ok(text.to_string())
}

/// A ship's IMO number: seven digits, the last a check digit (the sum of
/// the first six times 7, 6, 5, 4, 3 and 2, modulo 10). `IMO 9329760`
/// and `IMO9329760` are read as `9329760`.
fn imo(value: &str) -> Result<String, Problem> {
    let hint = "a ship's IMO number is 7 digits, e.g. `9329760`, with or without `IMO ` before them; a company's IMO number goes under another scheme (`imo-company`)";
    let bare = match value.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("imo") => value[3..].trim_start(),
        _ => value,
    };
    let number = digits(bare, value, "an IMO number", 7).map_err(|m| problem(m, hint))?;
    let d: Vec<u32> = number.bytes().map(|b| u32::from(b - b'0')).collect();
    let expected = (0..6).map(|i| d[i] * (7 - i as u32)).sum::<u32>() % 10;
    if d[6] != expected {
        return Err(problem(
            format!(
                "IMO number `{number}` fails its check digit: the last digit is `{}`, but the first six digits give `{expected}`",
                d[6]
            ),
            format!(
                "a digit is mistyped: check the number against the ship's registry (if only the last digit is wrong, the number is `{}{expected}`)",
                &number[..6]
            ),
        ));
    }
    Ok(number)
}

/// A flag: the ISO 3166 alpha-2 code of the flag state (`FI`, `CK`).
fn flag(value: &str) -> Result<String, Problem> {
    if let Some((code, _)) = countries::by_alpha2(value) {
        return Ok(code.to_string());
    }
    let hint = match countries::meant(value) {
        Some((code, name)) => format!("did you mean `{code}` ({name})? a flag is the two-letter ISO 3166 code of the flag state"),
        None => "write the two-letter ISO 3166 code of the flag state, e.g. `FI` for Finland or `CK` for the Cook Islands".to_string(),
    };
    Err(problem(
        format!("`{value}` is not an ISO 3166 country code"),
        hint,
    ))
}

/// An aircraft's ICAO 24-bit address: six hexadecimal digits, shown in
/// lowercase as tracking sites write it.
fn icao24(value: &str) -> Result<String, Problem> {
    let hint = "an ICAO 24-bit address is 6 hexadecimal digits (0–9, a–f), e.g. `4b1814`";
    if let Some((at, c)) = first_bad(value, |c| c.is_ascii_hexdigit()) {
        return Err(problem(
            format!(
                "`{value}` is not an ICAO 24-bit address: `{}` (character {at}) is not a hexadecimal digit",
                c.escape_debug()
            ),
            hint,
        ));
    }
    if value.len() != 6 {
        return Err(problem(
            format!(
                "`{value}` is not an ICAO 24-bit address: it has {} digits, not 6",
                value.len()
            ),
            hint,
        ));
    }
    Ok(value.to_ascii_lowercase())
}

/// A Wikidata item: `Q` and digits.
fn wikidata(value: &str) -> Result<String, Problem> {
    let item = value.rsplit('/').next().unwrap_or(value);
    let ok = item.len() > 1
        && item.starts_with(['Q', 'q'])
        && item[1..].bytes().all(|b| b.is_ascii_digit());
    if ok && item.len() == value.len() {
        return Ok(item.to_ascii_uppercase());
    }
    let hint = if ok {
        format!("write the item alone: `{}`", item.to_ascii_uppercase())
    } else {
        "a Wikidata item is `Q` and digits, e.g. `Q423`".to_string()
    };
    Err(problem(format!("`{value}` is not a Wikidata item"), hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imo_numbers_are_checked_by_their_check_digit() {
        assert_eq!(check("imo", "9329760").unwrap(), "9329760");
        assert_eq!(check("imo", "IMO 9329760").unwrap(), "9329760");
        assert_eq!(check("imo", "imo9074729").unwrap(), "9074729");
        let wrong = check("imo", "9329761").unwrap_err();
        assert!(wrong.message.contains("last digit is `1`"), "{wrong:?}");
        assert!(wrong.message.contains("give `0`"), "{wrong:?}");
        assert!(wrong.hint.contains("`9329760`"), "{wrong:?}");
        let letter = check("imo", "93297O0").unwrap_err();
        assert!(letter.message.contains("`O` (character 6)"), "{letter:?}");
        let short = check("imo", "932976").unwrap_err();
        assert!(short.message.contains("6 digits, not 7"), "{short:?}");
    }

    #[test]
    fn mmsi_icao24_wikidata_and_flags_are_checked() {
        assert_eq!(check("mmsi", "518998000").unwrap(), "518998000");
        assert!(check("mmsi", "51899800")
            .unwrap_err()
            .message
            .contains("8 digits, not 9"));
        assert!(check("mmsi", "5189-8000")
            .unwrap_err()
            .message
            .contains("`-` (character 5)"));
        assert_eq!(check("icao24", "4B1814").unwrap(), "4b1814");
        assert!(check("icao24", "4b18g4")
            .unwrap_err()
            .message
            .contains("`g` (character 5)"));
        assert_eq!(check("wikidata", "q423").unwrap(), "Q423");
        let url = check("wikidata", "https://www.wikidata.org/wiki/Q423").unwrap_err();
        assert!(url.hint.contains("`Q423`"), "{url:?}");
        assert_eq!(check("flag", "ck").unwrap(), "CK");
        let name = check("flag", "Russia").unwrap_err();
        assert!(name.hint.contains("`RU` (Russia)"), "{name:?}");
        assert!(check("flag", "RUS").unwrap_err().hint.contains("`RU`"));
        assert_eq!(check("lloyds", " 1234 ").unwrap(), "1234");
        assert!(check("imo", " ").is_err());
        assert_eq!(scheme("IMO"), "imo");
        assert_eq!(scheme("Lloyds"), "Lloyds");
    }
}
