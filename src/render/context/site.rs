//! Site-wide pages: the network, search, feeds, the sitemap and the
//! reading guide.

use super::*;
use serde::Serialize;

/// `network` on network.html.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkCtx {
    /// The picture (inline SVG with its own title and description; print
    /// with `| safe`): who makes claims about whom and who relays whom,
    /// the strongest links of each; `null` without links.
    pub graph_svg: Option<String>,
    /// The strongest links, both kinds, most claims first.
    pub links: Vec<NetworkLink>,
    /// Links in all: claims about, and relays.
    pub links_total: usize,
    pub claims_about_total: usize,
    pub relays_total: usize,
}

/// A directed link of the network.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkLink {
    /// The claimant, or the relay.
    pub from: ActorRef,
    /// `claims-about` or `relays`.
    pub relation: &'static str,
    /// "claims about" or "relays".
    pub relation_label: &'static str,
    /// The actor the claims are about, or whose claims are relayed.
    pub to: ActorRef,
    /// The published claims the link stands for.
    pub claims: usize,
}

/// `search` on search.html.
#[derive(Debug, Clone, Serialize)]
pub struct SearchCtx {
    /// The search script, then the index's entry, in the order to load
    /// them (`<script src>`, so search works from disk too; the script
    /// loads the rest of the index as queries need it).
    pub scripts: Vec<String>,
    /// The kinds of documents, in order (`url`: the kind's name), with
    /// their labels on results.
    pub kinds: Vec<Link>,
}

/// `feed` on feed.xml: an Atom feed. Every URL is absolute; every date is
/// an RFC 3339 timestamp.
#[derive(Debug, Clone, Serialize)]
pub struct FeedCtx {
    pub title: String,
    pub subtitle: Option<String>,
    /// The feed's own URL (also its Atom id).
    pub url: String,
    /// The page the feed is about.
    pub alternate: String,
    /// The newest entry's date, else the site's newest brief's.
    pub updated: String,
    pub author: String,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// The entry's page URL, also its Atom id.
    pub url: String,
    pub title: String,
    pub published: String,
    pub updated: String,
    /// Plain text.
    pub summary: Option<String>,
    /// "Brief" or "Claim".
    pub category: &'static str,
}

/// A page in sitemap.xml.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// `YYYY-MM-DD`, where the page has a date.
    pub lastmod: Option<String>,
}

/// `guide` on how_to_read.html: the closed vocabularies a reader meets,
/// each value with its label as pages show it, in the format's order.
#[derive(Debug, Clone, Serialize)]
pub struct GuideCtx {
    /// The desk's verdicts on claims (`status`), in the claims list's order.
    pub statuses: Vec<TermCtx>,
    /// Admiralty source reliability, `A` to `F`.
    pub reliability: Vec<TermCtx>,
    /// Admiralty information credibility, `1` to `6`.
    pub credibility: Vec<TermCtx>,
    /// The seven ICD 203 likelihood terms with their ranges.
    pub likelihoods: Vec<LikelihoodCtx>,
    /// The desk's confidence levels: `low`, `moderate`, `high`.
    pub confidence: Vec<TermCtx>,
    /// The stances of other actors' responses to a claim: `confirms`,
    /// `denies`, `disputes`, `acknowledges`, `declines-to-comment`.
    pub stances: Vec<TermCtx>,
}

/// One value of a vocabulary: as written in front matter, and for readers.
#[derive(Debug, Clone, Serialize)]
pub struct TermCtx {
    /// `confirmed`, `B`, `2`, `high`…
    pub value: &'static str,
    /// `Confirmed`, `Usually reliable`, `Probably true`, `High confidence`…
    pub label: &'static str,
}
