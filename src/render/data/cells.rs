//! Values as CSV cells (dates, numbers) and the CSV files themselves.

use super::*;

pub(super) fn iso(date: Option<PartialDate>) -> String {
    date.map(|d| d.iso()).unwrap_or_default()
}

/// A number as a CSV cell: the shortest text that reads back as the same
/// number (`15000`, `4.5`), in exponent form when very large or small
/// (`1e300`); empty when there is none.
pub fn number(n: Option<f64>) -> String {
    match n {
        None => String::new(),
        Some(0.0) => "0".into(),
        Some(n) if (1e-6..1e16).contains(&n.abs()) => format!("{n}"),
        Some(n) => format!("{n:e}"),
    }
}

/// A CSV file: the header, then the rows (RFC 4180).
pub(super) fn csv_file<'r>(header: &[&str], rows: impl Iterator<Item = Vec<&'r str>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}

pub(super) fn figures_csv(rows: &[FigureRow]) -> Vec<u8> {
    csv_file(
        FIGURE_COLUMNS,
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect()),
    )
}

pub(super) fn claims_csv(records: &[ClaimRecord]) -> Vec<u8> {
    let cells: Vec<[String; 15]> = records
        .par_iter()
        .map(|c| {
            let ids = |list: &[ActorName]| {
                list.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
            };
            [
                c.id.clone(),
                c.text.clone(),
                ids(&c.by),
                ids(&c.via),
                ids(&c.about),
                c.said.clone().unwrap_or_default(),
                c.when
                    .as_ref()
                    .map(|w| match &w.to {
                        Some(to) => format!("{}/{to}", w.from),
                        None => w.from.clone(),
                    })
                    .unwrap_or_default(),
                c.status.to_string(),
                c.grade.clone().unwrap_or_default(),
                c.confidence.unwrap_or("").to_string(),
                c.responses
                    .iter()
                    .map(|r| {
                        let by: Vec<&str> = r.by.iter().map(|a| a.id.as_str()).collect();
                        match &r.said {
                            Some(said) => format!("{}: {} ({said})", r.stance, by.join(", ")),
                            None => format!("{}: {}", r.stance, by.join(", ")),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
                c.sources
                    .iter()
                    .map(|s| {
                        let mut item = s.title.clone();
                        if let Some(url) = &s.url {
                            item.push_str(&format!(" <{url}>"));
                        }
                        if let Some(archive) = &s.archive {
                            item.push_str(&format!(" (archived <{archive}>)"));
                        }
                        item
                    })
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR),
                c.cited_in.join(LIST_SEPARATOR),
                c.url.clone(),
                c.incident.join(LIST_SEPARATOR),
            ]
        })
        .collect();
    csv_file(
        CLAIM_COLUMNS,
        cells.iter().map(|r| r.iter().map(String::as_str).collect()),
    )
}
