//! The measures list, each measure's page with its chart and its figures.

use super::*;

/// The measures list, and each measure with the pages of its figures.
pub(super) fn specs(specs: &mut Specs) {
    let site = specs.site;
    specs.list(
        urls::MEASURES,
        site.measures.len(),
        MEASURES_PER_PAGE,
        What::Measures,
    );
    for (i, m) in site.measures.iter().enumerate() {
        specs.add(urls::measure(&m.id), What::Measure(MeasureIx(i)));
        let figures = m.claims.len();
        if figures > MEASURE_FIGURES_SHOWN {
            for n in 1..=figures.div_ceil(FIGURES_PER_PAGE) {
                specs.add(
                    urls::measure_figures(&m.id, n),
                    What::MeasureFigures(MeasureIx(i), n),
                );
            }
        }
    }
}

pub(super) fn measures(j: &Job, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::MeasureOrder);
    let all: Vec<MeasureIx> = (0..site.measures.len()).map(MeasureIx).collect();
    let (shown, total) = page_of(&all, n, MEASURES_PER_PAGE);
    let measures = shown
        .iter()
        .map(|&mi| {
            let (i, m) = (mi.0, site.measure(mi));
            ctx.note(Dep::Full(Entity::Measure(MeasureIx(i))));
            // The latest dated figure: every claim looked at
            // is read (one after it may get a date).
            MeasureListItem {
                measure: ctx.measure_ref(MeasureIx(i)),
                figures: m.claims.len(),
                latest: m
                    .claims
                    .iter()
                    // Never a figure that no longer stands.
                    .rfind(|c| {
                        ctx.note(Dep::Full(Entity::Claim(**c)));
                        let c = site.claim(**c);
                        c.figure_date().is_some() && !c.status.is_set_apart()
                    })
                    .and_then(|&c| ctx.figure_row(c)),
            }
        })
        .collect();
    let description = Some(format!("Quantities {} tracks across claimants", site.title));
    let title = if n == 1 {
        "Measures".to_string()
    } else {
        format!("Measures, page {n}")
    };
    let pagination = pagination(&ctx.link, urls::MEASURES, n, total);
    j.page(
        title,
        description,
        vec![],
        "measures",
        Body::Measures {
            measures,
            pagination,
        },
    )
}

pub(super) fn measure(j: &Job, mi: MeasureIx) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Measure(mi)));
    let m = site.measure(mi);
    let rows: Vec<(ClaimIx, FigureRow)> = m
        .claims
        .iter()
        .filter_map(|&c| Some((c, ctx.figure_row(c)?)))
        .collect();
    // Grouped by claimant set, in a map: a busy measure has
    // thousands of figures from hundreds of claimants.
    let mut by_claimant: Vec<ClaimantSeries> = Vec::new();
    let mut series_of: std::collections::HashMap<&[ActorIx], usize> =
        std::collections::HashMap::new();
    for (c, row) in &rows {
        let c = *c;
        let next = by_claimant.len();
        let i = *series_of.entry(site.claim(c).by.as_slice()).or_insert(next);
        if i == next {
            by_claimant.push(ClaimantSeries {
                by: row.by.clone(),
                figures: Vec::new(),
            });
        }
        by_claimant[i].figures.push(row.clone());
    }
    by_claimant.sort_by(|a, b| {
        a.by.iter()
            .map(|x| &x.name)
            .cmp(b.by.iter().map(|x| &x.name))
    });
    let series = chart_series(&by_claimant);
    let figures: Vec<FigureRow> = rows.into_iter().map(|(_, row)| row).collect();
    let unit = m
        .unit
        .clone()
        .or_else(|| figures.iter().find_map(|f| f.figure.unit.clone()));
    let desk = site.author.as_deref().unwrap_or(&site.title);
    let chart_svg = crate::render::charts::measure_chart(
        &m.name,
        unit.as_deref(),
        &series,
        by_claimant.len(),
        desk,
    );
    let figures_total = figures.len();
    let (figures, by_claimant, all_figures) = if figures_total > MEASURE_FIGURES_SHOWN {
        let latest = figures[figures_total - MEASURE_FIGURES_SHOWN..].to_vec();
        let all = ctx.link.to(&urls::measure_figures(&m.id, 1));
        (latest, Vec::new(), Some(all))
    } else {
        (figures, by_claimant, None)
    };
    let measure = MeasureCtx {
        id: m.id.clone(),
        url: ctx.link.to(&j.spec.path),
        name: m.name.clone(),
        unit: m.unit.clone(),
        body_html: m.body.to_string(),
        toc: toc(&m.toc),
        figures,
        figures_total,
        all_figures,
        data: ctx.link.to(&urls::measure_data(&m.id)),
        by_claimant,
        chart_svg,
        extra: m.extra.clone(),
    };
    let description = Some(format!("Every figure claimed for {}, over time", m.name));
    j.page(
        m.name.clone(),
        description,
        crumb("Measures", urls::MEASURES),
        "measures",
        Body::Measure {
            measure: Box::new(measure),
        },
    )
}

pub(super) fn measure_figures(j: &Job, mi: MeasureIx, n: usize) -> PageJob {
    let ctx = &j.ctx;
    let site = j.ctx.site;
    ctx.note(Dep::Full(Entity::Measure(mi)));
    let m = site.measure(mi);
    // Every claim of a measure has a figure (`Measure::claims`).
    let all = &m.claims;
    let (shown, total) = page_of(all, n, FIGURES_PER_PAGE);
    let figures = shown.iter().filter_map(|&c| ctx.figure_row(c)).collect();
    let pagination = paginate(&ctx.link, |n| urls::measure_figures(&m.id, n), n, total);
    let mut crumbs = crumb("Measures", urls::MEASURES);
    crumbs.push((m.name.clone(), urls::measure(&m.id)));
    j.page(
        format!("Figures: {}", m.name),
        Some(format!("Every figure claimed for {}, by date", m.name)),
        crumbs,
        "measures",
        Body::MeasureFigures {
            measure: ctx.measure_ref(mi),
            total: all.len(),
            figures,
            pagination,
        },
    )
}

/// A measure chart's series: the claimants with most figures (in name
/// order) each on its own, the rest as "Other claimants".
pub(super) fn chart_series(by_claimant: &[ClaimantSeries]) -> Vec<(String, Vec<&FigureRow>)> {
    let name = |s: &ClaimantSeries| {
        let names =
            s.by.iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
        match s.figures.first().map_or(0, |f| f.by_more) {
            0 => names,
            more => format!("{names} and {more} more"),
        }
    };
    if by_claimant.len() <= CHART_SERIES + 1 {
        return by_claimant
            .iter()
            .map(|s| (name(s), s.figures.iter().collect()))
            .collect();
    }
    let mut order: Vec<usize> = (0..by_claimant.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(by_claimant[i].figures.len()));
    let mut own: Vec<usize> = order[..CHART_SERIES].to_vec();
    own.sort_unstable();
    let mut series: Vec<(String, Vec<&FigureRow>)> = own
        .iter()
        .map(|&i| {
            (
                name(&by_claimant[i]),
                by_claimant[i].figures.iter().collect(),
            )
        })
        .collect();
    let others: Vec<&FigureRow> = order[CHART_SERIES..]
        .iter()
        .flat_map(|&i| &by_claimant[i].figures)
        .collect();
    let label = format!("{} other claimants", by_claimant.len() - CHART_SERIES);
    series.push((label, others));
    series
}
