//! Generates a large, realistic dossier site for benchmarks and load tests,
//! and optionally the same corpus as a Hugo site, so the two generators can
//! be timed on comparable work.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --briefs 10000 --out /tmp/corpus
//! cargo run --release --example gen_corpus -- --briefs 2000 --out /tmp/corpus \
//!     --seed 7 --hugo /tmp/corpus-hugo
//! cargo run --release -- build --root /tmp/corpus
//! hugo --source /tmp/corpus-hugo --destination /tmp/corpus-hugo-public
//! ```
//!
//! The dossier site follows the content contract: `site.yaml`, briefs of
//! about 600 words (headings, lists, a table, a block quote, a footnote,
//! outside links and `[[id]]` links) with a bottom line, key judgements,
//! sources, tags drawn with a skewed frequency from a pool of 200, and about
//! five inline claims each (figures, statuses, grades, relay chains,
//! supports/contradicts links to earlier claims, `supersedes` links to the
//! same claimant's earlier claims, which are then marked `superseded`); a
//! fifth of the briefs also cite earlier claims, some of them claim files of
//! their own. Content format v1.2 throughout: claims carry other actors'
//! `responses`, some briefs `changes` (updates and corrections), some
//! judgements claims `against` them, figures the claimant's `wording`,
//! forecasts (an `as_of` after `said`) and figures whose unit is left to
//! their declared measure; the corpus builds without an error or a warning.
//! Actors number a fifth of the briefs (at least ten), in `part_of` chains
//! up to four long, with aliases in Latin, Hangul, Cyrillic, Arabic, Chinese and
//! Japanese script; three dozen measures are estimated by the claims.
//! Content format v1.3 too: every source says its `type` and `access`
//! (closed briefings without a publisher are `anonymous`), spokespersons
//! speak for their bodies (`spokesperson-for`), and every other company
//! `owns` a vessel with an IMO number, an MMSI, a flag and a call sign;
//! one incident for every five briefs at sea (the Baltic, the Gulf of
//! Finland, the Black Sea, the Red Sea, the Yellow Sea), half of them with
//! a ship's track, every fifth with an area, dated with times of day and
//! zones, each named by the first claim of a brief.
//!
//! The Hugo site carries the same briefs, with actors, claims and tags as
//! taxonomies (their term pages get the actors' profiles and the claims'
//! records), `[[id]]` links rewritten to ordinary links, and minimal layouts.
//!
//! The output depends only on the arguments: the same `--briefs` and
//! `--seed` give byte-identical files. `--out` (and `--hugo`) must be absent
//! or empty.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_corpus --briefs N --out DIR [--seed N] [--hugo DIR]\n  writes a dossier site of N briefs into DIR (absent or empty), and with --hugo the same corpus as a Hugo site";

pub const DEFAULT_SEED: u64 = 0x5EED_D055_1E57_2025;

fn main() -> ExitCode {
    let arguments = match Arguments::parse(std::env::args().skip(1)) {
        Ok(Some(arguments)) => arguments,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let folders = std::iter::once(&arguments.out).chain(arguments.hugo.as_ref());
    for folder in folders {
        if let Err(message) = check_empty(folder) {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    match write_corpus(
        arguments.briefs,
        arguments.seed,
        &arguments.out,
        arguments.hugo.as_deref(),
    ) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Generates a corpus of `briefs` briefs from `seed` and writes it as a
/// dossier site into `out`, and as a Hugo site into `hugo` if given;
/// returns the summary line. (The rebuild benchmark includes this file and
/// calls this function.)
pub fn write_corpus(
    briefs: usize,
    seed: u64,
    out: &Path,
    hugo: Option<&Path>,
) -> Result<String, String> {
    let corpus = Generator::new(seed).generate(briefs);
    let mut dossier = Output::new(out);
    write_dossier_site(&corpus, &mut dossier)?;
    let mut summary = format!(
        "gen_corpus: {} briefs, {} actors, {} claims ({} in files), {} measures, {} tags used; dossier site: {} files, {} bytes in {}",
        corpus.briefs.len(),
        corpus.actors.len(),
        corpus.claim_count(),
        corpus.claim_files.len(),
        corpus.measures.len(),
        corpus.tags_used(),
        dossier.files,
        dossier.bytes,
        out.display()
    );
    if let Some(folder) = hugo {
        let mut hugo = Output::new(folder);
        write_hugo_site(&corpus, &mut hugo)?;
        write!(
            summary,
            "; Hugo site: {} files, {} bytes in {}",
            hugo.files,
            hugo.bytes,
            folder.display()
        )
        .unwrap();
    }
    Ok(summary)
}

// ---------------------------------------------------------------------------
// Arguments

struct Arguments {
    briefs: usize,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

impl Arguments {
    /// `Ok(None)` when help was asked for.
    fn parse(mut words: impl Iterator<Item = String>) -> Result<Option<Arguments>, String> {
        let (mut briefs, mut out, mut seed, mut hugo) = (None, None, DEFAULT_SEED, None);
        while let Some(word) = words.next() {
            if word == "-h" || word == "--help" {
                return Ok(None);
            }
            let mut value = || words.next().ok_or(format!("`{word}` needs a value"));
            match word.as_str() {
                "--briefs" => briefs = Some(parse_number(&word, &value()?)?),
                "--seed" => seed = parse_number(&word, &value()?)?,
                "--out" => out = Some(PathBuf::from(value()?)),
                "--hugo" => hugo = Some(PathBuf::from(value()?)),
                _ => return Err(format!("unknown argument `{word}`")),
            }
        }
        let briefs: usize = briefs.ok_or("`--briefs N` is required")?;
        if briefs == 0 {
            return Err("`--briefs` must be at least 1".into());
        }
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Some(Arguments {
            briefs,
            out,
            seed,
            hugo,
        }))
    }
}

fn parse_number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("`{flag}` wants a whole number, not `{value}`"))
}

/// Refuses a folder that exists and is not empty (or is not a folder).
fn check_empty(folder: &Path) -> Result<(), String> {
    if !folder.exists() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(folder)
        .map_err(|e| format!("{} is not a readable folder: {e}", folder.display()))?;
    if entries.next().is_some() {
        return Err(format!(
            "{} is not empty: give a new or empty folder",
            folder.display()
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Random numbers

/// SplitMix64: small, fast and the same on every platform.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One word of a word list.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// An index drawn with the given cumulative weights.
    fn weighted(&mut self, cumulative: &[f64]) -> usize {
        let target = self.unit() * cumulative.last().copied().unwrap_or(0.0);
        cumulative
            .partition_point(|&w| w <= target)
            .min(cumulative.len() - 1)
    }
}

/// Cumulative Zipf weights (1/rank) for `n` items.
fn zipf_weights(n: usize) -> Vec<f64> {
    let mut total = 0.0;
    (0..n)
        .map(|rank| {
            total += 1.0 / (rank as f64 + 1.0);
            total
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Vocabulary

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "deployment", "convoy", "battalion", "shipment", "ministry", "border", "corridor", "pipeline",
    "refinery", "port", "airfield", "embargo", "tariff", "ceasefire", "offensive", "withdrawal",
    "negotiation", "delegation", "summit", "treaty", "agreement", "exercise", "drill",
    "missile programme", "drone fleet", "satellite launch", "warship", "submarine",
    "artillery stock", "supply line", "stockpile", "reserve", "budget", "revenue stream", "loan",
    "debt", "currency", "grain market", "harvest", "fuel supply", "power grid", "cable network",
    "election", "parliament", "coalition", "opposition", "protest", "militia", "insurgency",
    "garrison", "checkpoint", "frontier", "province", "capital", "coastline", "strait",
    "island chain", "enclave", "refugee flow", "aid convoy", "field hospital", "prisoner exchange",
    "mediator", "envoy", "spokesman", "statement", "briefing", "leak", "report", "estimate",
    "assessment", "forecast", "indicator", "signal", "pattern", "trend", "risk", "threat",
    "capability", "posture", "doctrine", "alliance", "partnership", "rivalry", "dispute",
    "incident", "clash", "strike", "raid", "blockade", "patrol", "inspection", "audit",
    "investigation", "tribunal", "verdict", "decree", "directive", "reform", "purge", "reshuffle",
    "succession", "rotation", "recruitment drive", "training mission", "arms transfer",
    "export licence", "shipping lane", "tanker fleet", "sanctions regime", "customs regime",
    "smuggling route", "procurement plan",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "sustained", "limited", "growing", "uncertain", "fragile", "covert", "unverified", "credible",
    "doubtful", "rapid", "gradual", "significant", "marginal", "regional", "coastal", "northern",
    "southern", "eastern", "western", "central", "strategic", "tactical", "economic", "political",
    "military", "diplomatic", "informal", "official", "unofficial", "renewed", "delayed", "partial",
    "provisional", "contested", "coordinated", "parallel", "recent", "earlier", "quiet", "public",
    "private", "hidden", "visible", "unusual", "routine", "costly", "large", "small", "new",
    "domestic", "foreign", "joint", "separate", "temporary", "permanent", "cautious", "aggressive",
    "stalled", "expanded", "reduced", "second", "final", "opening", "seasonal",
];

/// Verbs as (base, third person, past).
const VERBS: &[(&str, &str, &str)] = &[
    ("suggest", "suggests", "suggested"),
    ("indicate", "indicates", "indicated"),
    ("confirm", "confirms", "confirmed"),
    ("undermine", "undermines", "undermined"),
    ("reinforce", "reinforces", "reinforced"),
    ("signal", "signals", "signalled"),
    ("reflect", "reflects", "reflected"),
    ("complicate", "complicates", "complicated"),
    ("accelerate", "accelerates", "accelerated"),
    ("delay", "delays", "delayed"),
    ("threaten", "threatens", "threatened"),
    ("sustain", "sustains", "sustained"),
    ("expand", "expands", "expanded"),
    ("narrow", "narrows", "narrowed"),
    ("reduce", "reduces", "reduced"),
    ("raise", "raises", "raised"),
    ("limit", "limits", "limited"),
    ("shape", "shapes", "shaped"),
    ("expose", "exposes", "exposed"),
    ("obscure", "obscures", "obscured"),
    ("test", "tests", "tested"),
    ("strain", "strains", "strained"),
    ("ease", "eases", "eased"),
    ("deepen", "deepens", "deepened"),
    ("weaken", "weakens", "weakened"),
    ("strengthen", "strengthens", "strengthened"),
    ("revive", "revives", "revived"),
    ("replace", "replaces", "replaced"),
    ("mirror", "mirrors", "mirrored"),
    ("echo", "echoes", "echoed"),
    ("overstate", "overstates", "overstated"),
    ("understate", "understates", "understated"),
    ("clarify", "clarifies", "clarified"),
    ("challenge", "challenges", "challenged"),
    ("track", "tracks", "tracked"),
    ("anticipate", "anticipates", "anticipated"),
    ("offset", "offsets", "offset"),
    ("mask", "masks", "masked"),
    ("announce", "announces", "announced"),
    ("deny", "denies", "denied"),
    ("finance", "finances", "financed"),
    ("restrict", "restricts", "restricted"),
    ("resume", "resumes", "resumed"),
    ("suspend", "suspends", "suspended"),
    ("inspect", "inspects", "inspected"),
    ("secure", "secures", "secured"),
];

#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "probably", "clearly", "apparently", "reportedly", "quietly", "steadily", "sharply", "slowly",
    "increasingly", "largely", "partly", "openly", "already", "still", "now", "again", "gradually",
    "directly", "indirectly", "visibly",
];

#[rustfmt::skip]
const MODALS: &[&str] = &[
    "will", "could", "may", "is unlikely to", "is likely to", "would", "might",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "several", "many",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Chen", "Daniel", "Elena", "Farid", "Grace", "Hyun", "Ivan", "Jae", "Karim",
    "Lena", "Marta", "Nadia", "Omar", "Pavel", "Qing", "Rosa", "Sergei", "Tomas", "Yuki", "Zara",
    "Min", "Sung", "Aisha", "Dmitri", "Hana", "Lucas", "Mei", "Nikolai", "Amir", "Soo", "Olga",
    "Hiro", "Layla", "Viktor",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Kim", "Lee", "Park", "Petrov", "Ivanova", "Haddad", "Nasser", "Wang", "Zhang", "Novak",
    "Kowalski", "Silva", "Mendes", "Okafor", "Mensah", "Tanaka", "Sato", "Jung", "Choi", "Volkov",
    "Sokolov", "Rahman", "Khalil", "Fischer", "Bauer", "Moreau", "Laurent", "Rossi", "Costa",
    "Lindqvist", "Yamamoto", "Orlov", "Farouk", "Han", "Liu", "Demir",
];

#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ka", "ve", "lor", "mi", "tan", "sor", "bel", "dra", "na", "ri", "ost", "vel", "um", "ar",
    "zen", "to", "li", "gra", "mor", "de", "kes", "sel", "var", "no", "sha", "tur", "qa", "im",
    "ber", "lan",
];

#[rustfmt::skip]
const STATE_ENDINGS: &[&str] = &[
    "ia", "ar", "stan", "land", "ova", "ea", "is", "ania",
];

#[rustfmt::skip]
const REGION_KINDS: &[&str] = &[
    "Basin", "Strait", "Province", "Valley", "Coast", "Islands", "Corridor", "Highlands", "Delta",
    "Gap", "Plateau", "Gulf",
];

#[rustfmt::skip]
const TOPIC_TAGS: &[&str] = &[
    "Sanctions", "Arms trade", "Missile tests", "Red Sea", "Black Sea", "Arctic", "Cyber",
    "Elections", "Energy", "Shipping", "Drones", "Nuclear programme", "Humanitarian aid",
    "Refugees", "Border security", "Disinformation", "Espionage", "Space", "Food security",
    "Critical minerals", "Ceasefire talks", "Türkiye", "Côte d'Ivoire", "São Tomé",
    "Korean Peninsula", "Casualty estimates", "Troop deployments", "Naval activity", "Air defence",
    "Artillery", "Logistics", "Mercenaries", "Private military companies", "Oil and gas",
    "Grain corridor", "Ports", "Pipelines", "Undersea cables", "Satellite imagery", "State media",
    "Propaganda", "Succession", "Coups", "Protests", "Human rights", "War crimes",
    "Prisoners of war", "Peacekeeping", "Arms control", "Export controls", "Dual-use goods",
    "Smuggling", "Money laundering", "Crypto", "Debt", "Inflation", "Trade", "Tariffs", "Migration",
    "Labour exports", "Diplomacy", "Summits", "Treaties", "Alliances", "Military exercises",
    "Intelligence", "Leaks", "Defence industry", "Shipbuilding", "Munitions", "Recruitment",
];

#[rustfmt::skip]
const AUTHORS: &[&str] = &[
    "Northern Desk", "Maritime Desk", "Sanctions Team", "A. Reyes", "J. Park", "M. Okonkwo",
    "L. Fischer", "S. Haddad", "K. Tanaka", "R. Novak",
];

#[rustfmt::skip]
const LIKELIHOODS: &[&str] = &[
    "almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
    "almost certain",
];

#[rustfmt::skip]
const CONFIDENCES: &[&str] = &[
    "low", "moderate", "high",
];

/// Statuses (the desk's verdicts) with their weights. `superseded` is
/// given only to claims a later one supersedes.
const STATUSES: &[(&str, usize)] = &[
    ("reported", 45),
    ("corroborated", 15),
    ("confirmed", 10),
    ("disputed", 12),
    ("misleading", 5),
    ("false", 5),
    ("retracted", 4),
];

/// Other actors' stances on a claim, with their weights.
const STANCES: &[(&str, usize)] = &[
    ("denies", 35),
    ("confirms", 20),
    ("disputes", 20),
    ("acknowledges", 15),
    ("declines-to-comment", 10),
];

/// Statuses of claims that no longer stand.
const SET_APART: &[&str] = &["false", "retracted", "superseded"];

#[rustfmt::skip]
const RELIABILITIES: &[&str] = &[
    "A", "B", "B", "C", "C", "C", "D", "E", "F",
];

#[rustfmt::skip]
const URL_HOSTS: &[&str] = &[
    "https://www.example.org", "https://news.example.com", "https://archive.example.net",
    "https://wire.example.org", "https://data.example.com",
];

/// A tracked quantity, as (id word, name, unit, base value, phrase for a
/// claim); `{S}` is the state's name.
#[rustfmt::skip]
const SUBJECTS: &[(&str, &str, &str, f64, &str)] = &[
    ("troops-abroad", "Troops deployed abroad by {S}", "troops", 15_000.0,
        "the number of troops {S} has deployed abroad"),
    ("casualties", "Military casualties of {S}", "casualties", 4_000.0,
        "military casualties suffered by {S}"),
    ("shells-delivered", "Artillery shells delivered by {S}", "shells", 2_000_000.0,
        "the number of artillery shells {S} has shipped to partners"),
    ("arms-revenue", "Arms export revenue of {S}", "billion USD", 2.4,
        "the revenue {S} earns from arms exports"),
    ("displaced", "People displaced in {S}", "people", 250_000.0,
        "the number of people displaced inside {S}"),
    ("missile-launches", "Missile launches by {S}", "launches", 40.0,
        "the number of ballistic missile launches by {S} this year"),
    ("drone-strikes", "Drone strikes on {S}", "strikes", 600.0,
        "the number of drone strikes recorded on the territory of {S}"),
    ("oil-exports", "Oil exports of {S}", "barrels per day", 900_000.0,
        "the oil {S} exports each day"),
    ("sanctioned-imports", "Sanctioned goods shipped to {S}", "million USD", 300.0,
        "the value of sanctioned goods shipped to {S}"),
    ("workers-abroad", "Workers from {S} abroad", "workers", 20_000.0,
        "the number of workers from {S} employed abroad"),
    ("tanker-transits", "Tanker transits near {S}", "transits", 150.0,
        "the monthly number of tanker transits through waters near {S}"),
    ("detentions", "Political detentions in {S}", "detainees", 1_200.0,
        "the number of people held for political reasons in {S}"),
];

/// Quotes in other languages, as (language tag, words).
const NATIVE_QUOTES: &[(&str, &str)] = &[
    ("ko", "우리는 어떠한 압력에도 굴복하지 않을 것이다"),
    ("ko", "이 협력은 지역 안정에 기여한다"),
    ("ko", "병력 배치 보도는 사실이 아니다"),
    ("ru", "Мы не отступим от наших обязательств"),
    ("ru", "Эти сообщения не соответствуют действительности"),
    ("ru", "Сотрудничество будет продолжено"),
    ("ar", "لن نتراجع عن التزاماتنا"),
    ("ar", "هذه التقارير لا أساس لها من الصحة"),
    ("zh", "我们不会在任何压力下让步"),
    ("zh", "合作将继续进行"),
    ("ja", "状況は管理下にある"),
    ("ja", "その報道は事実ではない"),
];

#[rustfmt::skip]
const HANGUL: &[char] = &[
    '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류',
    '홍', '전', '고', '문', '손', '양', '배', '백', '허', '남', '심', '노', '하', '성', '차', '주', '우', '구', '민',
    '나', '진', '지', '원', '천', '방', '현',
];

#[rustfmt::skip]
const HANZI: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗',
    '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '国', '部', '军', '队', '局', '社', '会', '联',
    '合', '安', '全', '委', '员', '政', '府',
];

#[rustfmt::skip]
const KATAKANA: &[char] = &[
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ',
    'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ラ', 'リ', 'ル',
    'レ', 'ロ', 'ン',
];

/// The scripts an actor's native aliases are written in, by language tag.
#[rustfmt::skip]
const SCRIPTS: &[&str] = &[
    "ko", "ru", "ar", "zh", "ja",
];

/// Offices of a government.
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "Ministry of Defence", "Ministry of Foreign Affairs", "Ministry of Finance",
    "Office of the President", "Ministry of Energy", "Ministry of the Interior",
    "Ministry of Trade", "Cabinet Office", "Ministry of Transport", "State Security Council",
    "Ministry of Justice", "Prime Minister's Office",
];

/// Departments within an office of government.
#[rustfmt::skip]
const DEPARTMENTS: &[&str] = &[
    "Planning", "Procurement", "Legal Affairs", "International Cooperation", "Budget", "Personnel",
    "Sanctions Policy", "Press and Information",
];

/// Formations of an armed force.
#[rustfmt::skip]
const MILITARY_UNITS: &[&str] = &[
    "Motor Rifle Brigade", "Army Corps", "Fleet", "Air Wing", "Marine Brigade",
    "Artillery Division", "Special Operations Regiment", "Air Defence Regiment",
];

/// Agencies of a state.
#[rustfmt::skip]
const AGENCIES: &[&str] = &[
    "Intelligence Service", "Customs Service", "Statistics Bureau", "Border Guard", "Coast Guard",
    "Export Control Agency", "Space Agency", "Atomic Energy Agency",
    "Counter-Intelligence Directorate", "Signals Directorate", "Financial Monitoring Unit",
    "Migration Service",
];

/// News outlets.
#[rustfmt::skip]
const OUTLETS: &[&str] = &[
    "State News Agency", "Broadcasting Corporation", "Herald", "Courier", "Observer", "Daily",
    "Television", "Radio",
];

/// What a company does.
#[rustfmt::skip]
const TRADES: &[&str] = &[
    "Shipping", "Energy", "Aerospace", "Munitions", "Logistics", "Mining", "Telecom", "Trading",
];

/// How a company calls itself.
#[rustfmt::skip]
const COMPANY_FORMS: &[&str] = &[
    "Company", "Holdings", "Group", "Corporation",
];

/// What an armed or political group calls itself.
#[rustfmt::skip]
const GROUP_BODIES: &[&str] = &[
    "Front", "Movement", "Brigade", "Network", "Alliance", "Legion",
];

/// What a research or advocacy body calls itself.
#[rustfmt::skip]
const ORGANIZATION_BODIES: &[&str] = &[
    "Institute", "Centre", "Council", "Foundation", "Observatory",
];

/// Unnamed sources, as the press names them.
#[rustfmt::skip]
const UNNAMED_SOURCES: &[&str] = &[
    "Unnamed officials", "Opposition sources", "Satellite imagery analysts", "Local residents",
    "Diplomatic sources", "Shipping trackers",
];

/// Names of ships.
#[rustfmt::skip]
const VESSEL_NAMES: &[&str] = &[
    "Eagle", "Jin Hui", "Fitburg", "Vezhen", "Newnew Polar Bear", "Silver Dania", "Kiwala",
    "Sun Ocean",
];

/// Flag states: ISO 3166 code and maritime identification digits.
const FLAGS: &[(&str, &str)] = &[
    ("CK", "518"),
    ("PA", "351"),
    ("LR", "636"),
    ("MH", "538"),
    ("MT", "215"),
    ("HK", "477"),
];

/// Posts a person holds.
#[rustfmt::skip]
const POSTS: &[&str] = &[
    "Director", "Deputy director", "Spokesperson", "Commander", "Chief of staff", "Senior adviser",
    "Head of the press office",
];

// ---------------------------------------------------------------------------
// The corpus

struct Corpus {
    title: String,
    actors: Vec<Actor>,
    measures: Vec<Measure>,
    briefs: Vec<Brief>,
    claim_files: Vec<ClaimFile>,
    pages: Vec<Page>,
    incidents: Vec<Incident>,
}

/// An event at sea (FORMAT §14).
struct Incident {
    id: String,
    title: String,
    /// `when` as written: a date, or a date and time with its zone.
    when: String,
    place: &'static str,
    lat: f64,
    lon: f64,
    precision: &'static str,
    /// `[lat, lon, time]` points.
    track: Vec<(f64, f64, Option<String>)>,
    area: Vec<(f64, f64)>,
    kind: &'static str,
    actors: Vec<usize>,
    body: String,
}

/// Seas the incidents happen in: name, south, west, north, east.
const SEAS: &[(&str, f64, f64, f64, f64)] = &[
    ("Baltic Sea", 54.5, 14.0, 58.5, 20.5),
    ("Gulf of Finland", 59.6, 23.0, 60.2, 28.0),
    ("Black Sea", 42.2, 29.5, 45.5, 39.5),
    ("Red Sea", 14.0, 35.0, 26.0, 40.0),
    ("Yellow Sea", 33.5, 120.5, 38.5, 125.0),
];

const INCIDENT_KINDS: &[&str] = &[
    "cable damage",
    "pipeline damage",
    "vessel seizure",
    "drone strike",
    "collision",
    "boarding",
];

const PRECISIONS: &[&str] = &["exact", "approximate", "approximate", "area"];

struct Actor {
    id: String,
    name: String,
    kind: &'static str,
    role: String,
    part_of: Option<usize>,
    /// Native-script aliases with their language tags; Latin ones have none.
    aliases: Vec<(String, Option<&'static str>)>,
    reliability: Option<&'static str>,
    same_as: Vec<String>,
    links: Vec<(String, String)>,
    /// (scheme, value): a vessel's IMO number, MMSI, flag and call sign.
    identifiers: Vec<(&'static str, String)>,
    /// (type, other actor): a company owns its ships, a spokesperson
    /// speaks for its body.
    relations: Vec<(&'static str, usize)>,
    body: String,
}

struct Measure {
    id: String,
    name: String,
    unit: &'static str,
    /// The state it is measured for, and how its true value moves.
    state: usize,
    base: f64,
    growth: f64,
    phrase: String,
    body: String,
}

struct Source {
    id: String,
    title: String,
    publisher: Option<usize>,
    url: Option<String>,
    date: Option<String>,
    reliability: Option<&'static str>,
    /// What kind of source it is, and how it knows (FORMAT §6).
    kind: &'static str,
    access: &'static str,
    /// A closed briefing without a publisher: an anonymous source.
    anonymous: bool,
}

enum Amount {
    Point(f64),
    Range(f64, f64),
}

struct Figure {
    amount: Amount,
    unit: &'static str,
    /// Whether the unit is written (else the measure's stands).
    unit_written: bool,
    qualifier: Option<&'static str>,
    as_of: Option<String>,
    /// The claimant's own words for the quantity.
    wording: Option<String>,
    /// `as_of` comes after the claim was made.
    forecast: bool,
}

/// Another actor's stance on a claim.
struct Response {
    by: usize,
    stance: &'static str,
    said: Option<String>,
    source: Option<String>,
    text: Option<String>,
}

/// An entry of a brief's `changes`.
struct Change {
    date: String,
    note: String,
    correction: bool,
}

enum When {
    On(String),
    Span(String, String),
}

struct Claim {
    id: String,
    text: String,
    by: Vec<usize>,
    via: Vec<usize>,
    about: Vec<usize>,
    said: Option<String>,
    when: Option<When>,
    source: Option<String>,
    status: &'static str,
    credibility: Option<usize>,
    confidence: Option<&'static str>,
    quote: Option<(String, Option<&'static str>)>,
    /// The incident it is about (`incident:`).
    incident: Option<String>,
    figure: Option<Figure>,
    measure: Option<usize>,
    supports: Vec<String>,
    contradicts: Vec<String>,
    supersedes: Vec<String>,
    responses: Vec<Response>,
}

struct ClaimFile {
    claim: Claim,
    sources: Vec<Source>,
    body: String,
}

enum ClaimItem {
    Declared(Box<Claim>),
    Cited(String),
}

struct Judgement {
    text: String,
    likelihood: &'static str,
    confidence: &'static str,
    claims: Vec<String>,
    against: Vec<String>,
}

struct Brief {
    id: String,
    title: String,
    date: String,
    updated: Option<String>,
    changes: Vec<Change>,
    as_of: Option<String>,
    summary: String,
    judgements: Vec<Judgement>,
    tags: Vec<String>,
    authors: Vec<&'static str>,
    actors: Vec<usize>,
    sources: Vec<Source>,
    claims: Vec<ClaimItem>,
    redirect_from: Option<String>,
    body: String,
}

struct Page {
    id: &'static str,
    title: &'static str,
    body: String,
}

impl Corpus {
    fn claim_count(&self) -> usize {
        self.claims().count()
    }

    fn tags_used(&self) -> usize {
        let tags: BTreeSet<String> = self
            .briefs
            .iter()
            .flat_map(|brief| &brief.tags)
            .map(|tag| tag.to_lowercase())
            .collect();
        tags.len()
    }

    /// The claims declared inline in briefs.
    fn inline_claims(&self) -> impl Iterator<Item = &Claim> {
        self.briefs.iter().flat_map(|brief| {
            brief.claims.iter().filter_map(|item| match item {
                ClaimItem::Declared(claim) => Some(claim.as_ref()),
                ClaimItem::Cited(_) => None,
            })
        })
    }

    /// Every declared claim: inline ones, then claim files.
    fn claims(&self) -> impl Iterator<Item = &Claim> {
        let files = self.claim_files.iter().map(|file| &file.claim);
        self.inline_claims().chain(files)
    }
}

// ---------------------------------------------------------------------------
// Generation

/// First brief date, 2019-01-01, in days since 1970-01-01; the briefs are
/// spread over six years from it, oldest first.
const START_DAY: i64 = 17_897;
const SPAN_DAYS: i64 = 6 * 365;

/// What one brief is about: the actors and places its prose mentions.
struct Scene {
    actors: Vec<usize>,
    places: Vec<String>,
    claims: Vec<Mention>,
    earlier_brief: Option<String>,
    day: i64,
}

/// A claim as the prose of its brief refers to it.
struct Mention {
    id: String,
    claimant: usize,
    figure: Option<String>,
    status: &'static str,
}

struct Generator {
    random: Random,
    ids: HashSet<String>,
    names: HashSet<String>,
    actors: Vec<Actor>,
    /// For each actor, the state (or independent actor) at the top of its chain.
    roots: Vec<usize>,
    states: Vec<usize>,
    /// For each state, the actors below it.
    members: HashMap<usize, Vec<usize>>,
    measures: Vec<Measure>,
    regions: Vec<String>,
    tags: Vec<String>,
    tag_weights: Vec<f64>,
    /// Ids of claims declared so far, in order, by measure and by first
    /// claimant.
    declared: Vec<String>,
    declared_by_measure: Vec<Vec<String>>,
    declared_by_claimant: HashMap<usize, Vec<String>>,
    /// Claims a later claim supersedes: marked `superseded` at the end.
    superseded: HashSet<String>,
    briefs: Vec<Brief>,
    claim_files: Vec<ClaimFile>,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        let mut ids = HashSet::new();
        ids.extend(["about", "methodology"].map(String::from));
        Generator {
            random: Random(seed),
            ids,
            names: HashSet::new(),
            actors: Vec::new(),
            roots: Vec::new(),
            states: Vec::new(),
            members: HashMap::new(),
            measures: Vec::new(),
            regions: Vec::new(),
            tags: Vec::new(),
            tag_weights: Vec::new(),
            declared: Vec::new(),
            declared_by_measure: Vec::new(),
            declared_by_claimant: HashMap::new(),
            superseded: HashSet::new(),
            briefs: Vec::new(),
            claim_files: Vec::new(),
        }
    }

    fn generate(mut self, briefs: usize) -> Corpus {
        self.generate_actors((briefs / 5).max(10));
        self.generate_regions_and_tags();
        self.generate_measures(36);
        self.declared_by_measure = vec![Vec::new(); self.measures.len()];
        for index in 0..briefs {
            let day = START_DAY + (index as i64 * SPAN_DAYS) / briefs as i64;
            let brief = self.brief(day);
            self.briefs.push(brief);
        }
        self.settle_statuses();
        // Added last, so the briefs above are what they were before ships.
        self.generate_vessels();
        let incidents = self.generate_incidents();
        Corpus {
            title: "Synthetic Briefing Desk".into(),
            actors: self.actors,
            measures: self.measures,
            briefs: self.briefs,
            claim_files: self.claim_files,
            pages: vec![about_page(), methodology_page()],
            incidents,
        }
    }

    /// One incident for every five briefs, a few days before the brief
    /// whose first claim it names. Drawn without the random source (from
    /// its number alone), so the rest of the corpus stays as it was.
    fn generate_incidents(&mut self) -> Vec<Incident> {
        let vessels: Vec<usize> = (0..self.actors.len())
            .filter(|&i| self.actors[i].kind == "vessel")
            .collect();
        let states: Vec<usize> = (0..self.actors.len())
            .filter(|&i| self.actors[i].kind == "state")
            .collect();
        let mut incidents = Vec::new();
        for n in 0..self.briefs.len() / 5 {
            // A fixed, well-spread sequence in [0, 1) per use.
            let mix = |k: u64| {
                let x = (n as u64)
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    .wrapping_add(k.wrapping_mul(0xBF58_476D_1CE4_E5B9));
                let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (x >> 11) as f64 / (1u64 << 53) as f64
            };
            let (sea, south, west, north, east) = SEAS[n % SEAS.len()];
            let lat = south + (north - south) * mix(1);
            let lon = west + (east - west) * mix(2);
            let round = |v: f64| (v * 1000.0).round() / 1000.0;
            let (lat, lon) = (round(lat), round(lon));
            let brief = n * 5;
            let day =
                START_DAY + (brief as i64 * SPAN_DAYS) / self.briefs.len() as i64 - (n % 6) as i64;
            let date = format_day(day);
            let hour = n % 24;
            let when = match n % 3 {
                0 => date.clone(),
                1 => format!("{date}T{hour:02}:{:02}Z", (n * 7) % 60),
                _ => format!("{date}T{hour:02}:{:02}+02:00", (n * 11) % 60),
            };
            let track = if n % 2 == 0 {
                let points = 6 + n % 5;
                let (dlat, dlon) = (0.01 + 0.03 * mix(3), -0.04 + 0.08 * mix(4));
                (0..points)
                    .map(|i| {
                        let time = (i % 2 == 0).then(|| {
                            format!("{date}T{:02}:{:02}Z", (hour + i / 2) % 24, (i * 10) % 60)
                        });
                        (
                            round(lat + dlat * i as f64),
                            round(lon + dlon * i as f64),
                            time,
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let area = if n % 5 == 0 {
                let r = 0.1 + 0.2 * mix(5);
                vec![
                    (round(lat + r), round(lon - r)),
                    (round(lat + r), round(lon + r)),
                    (round(lat - r), round(lon + r * 1.5)),
                    (round(lat - r), round(lon - r)),
                ]
            } else {
                Vec::new()
            };
            let kind = INCIDENT_KINDS[n % INCIDENT_KINDS.len()];
            let mut actors = Vec::new();
            if !vessels.is_empty() {
                actors.push(vessels[n % vessels.len()]);
            }
            if !states.is_empty() {
                actors.push(states[(n * 7) % states.len()]);
            }
            let id = self.unique_id(&format!("{kind} {sea} {}", n + 1));
            let title = format!("{} in the {sea}, number {}", capitalize(kind), n + 1);
            let mut body = format!(
                "A {kind} reported in the {sea}. The desk places it from ship-tracking data and the statements of the parties; the claims below say who said what.\n"
            );
            if let Some(&vessel) = actors.first() {
                writeln!(
                    body,
                    "\nThe [[{}]] was in the area at the time.",
                    self.actors[vessel].id
                )
                .unwrap();
            }
            // The brief's first declared claim is about it.
            if let Some(claim) = self.briefs[brief].claims.iter_mut().find_map(|c| match c {
                ClaimItem::Declared(claim) => Some(claim),
                ClaimItem::Cited(_) => None,
            }) {
                claim.incident = Some(id.clone());
            }
            incidents.push(Incident {
                id,
                title,
                when,
                place: sea,
                lat,
                lon,
                precision: PRECISIONS[n % PRECISIONS.len()],
                track,
                area,
                kind,
                actors,
                body,
            });
        }
        incidents
    }

    /// `base` made into a valid id used by nothing else.
    fn unique_id(&mut self, base: &str) -> String {
        let mut base = slug(base);
        if base.len() > 80 {
            base.truncate(80);
            base = base.trim_end_matches('-').to_string();
        }
        if self.ids.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.ids.insert(candidate.clone()))
            .unwrap()
    }

    /// A proper name of two or three syllables.
    fn proper_name(&mut self) -> String {
        let count = self.random.between(2, 3);
        let word: String = (0..count).map(|_| self.random.word(SYLLABLES)).collect();
        capitalize(&word)
    }

    // --- Actors ---

    fn generate_actors(&mut self, count: usize) {
        let states = (count / 12).clamp(3, count);
        for index in 0..count {
            let parent = if index < states {
                None
            } else {
                self.choose_parent()
            };
            let kind = self.choose_kind(index < states, parent);
            self.push_actor(kind, parent);
        }
        for index in 0..count {
            self.actors[index].body = self.actor_body(index);
        }
    }

    /// A parent for a new actor: one in six stands alone.
    fn choose_parent(&mut self) -> Option<usize> {
        if self.random.chance(16) {
            return None;
        }
        let eligible: Vec<usize> = (0..self.actors.len())
            .filter(|&i| self.actors[i].kind != "person" && self.depth(i) < 3)
            .collect();
        // Recent actors are more likely parents, so chains grow deep.
        let from = eligible.len().saturating_sub(40);
        let choice = if self.random.chance(50) {
            self.random.between(from, eligible.len() - 1)
        } else {
            self.random.below(eligible.len())
        };
        Some(eligible[choice])
    }

    fn depth(&self, actor: usize) -> usize {
        let mut depth = 0;
        let mut current = actor;
        while let Some(parent) = self.actors[current].part_of {
            depth += 1;
            current = parent;
        }
        depth
    }

    /// One ship for every other company, owned by it: a vessel with a
    /// valid IMO number (its check digit computed), an MMSI, a flag and a
    /// call sign. Drawn without the random source, so that adding ships
    /// changes nothing else in the corpus.
    fn generate_vessels(&mut self) {
        let companies: Vec<usize> = (0..self.actors.len())
            .filter(|&i| self.actors[i].kind == "company")
            .step_by(2)
            .collect();
        for (n, owner) in companies.into_iter().enumerate() {
            let name = format!(
                "{} {}",
                VESSEL_NAMES[n % VESSEL_NAMES.len()],
                n / VESSEL_NAMES.len() + 1
            );
            let id = self.unique_id(&name);
            let (flag, mid) = FLAGS[n % FLAGS.len()];
            let first_six = 900_000 + (n * 7_919) % 100_000;
            let digits: Vec<usize> = first_six
                .to_string()
                .bytes()
                .map(|b| (b - b'0') as usize)
                .collect();
            let check = (0..6).map(|i| digits[i] * (7 - i)).sum::<usize>() % 10;
            let owner_name = self.actors[owner].name.clone();
            let index = self.actors.len();
            self.actors.push(Actor {
                id,
                name: name.clone(),
                kind: "vessel",
                role: format!("Tanker owned by {owner_name}"),
                part_of: None,
                aliases: Vec::new(),
                reliability: None,
                same_as: Vec::new(),
                links: Vec::new(),
                identifiers: vec![
                    ("imo", format!("{first_six}{check}")),
                    ("mmsi", format!("{mid}{:06}", n % 1_000_000)),
                    ("flag", flag.to_string()),
                    ("callsign", format!("V7{:04}", n % 10_000)),
                ],
                relations: Vec::new(),
                body: format!(
                    "The {name} is a tanker. Its owner is [[{}]].\n",
                    self.actors[owner].id
                ),
            });
            self.actors[owner].relations.push(("owns", index));
        }
    }

    /// The kind of a new actor, fitting the body it belongs to.
    fn choose_kind(&mut self, state: bool, parent: Option<usize>) -> &'static str {
        let kinds: &[&'static str] = match (state, parent.map(|p| self.actors[p].kind)) {
            (true, _) => &["state"],
            (false, None) => &["organization", "company", "media", "group", "other"],
            (false, Some("state")) => &[
                "government",
                "military",
                "agency",
                "media",
                "company",
                "person",
                "government",
            ],
            (false, Some("government")) => &["agency", "military", "person", "government"],
            (false, Some("military")) => &["military", "person", "military"],
            (false, Some("agency")) => &["agency", "person", "person"],
            (false, Some("group")) => &["group", "person"],
            (false, Some(_)) => &["person"],
        };
        self.random.word(kinds)
    }

    fn push_actor(&mut self, kind: &'static str, parent: Option<usize>) {
        let index = self.actors.len();
        let root = parent.map_or(index, |p| self.roots[p]);
        let state_name = if self.actors.get(root).is_some_and(|a| a.kind == "state") {
            self.actors[root].name.clone()
        } else if kind == "state" {
            String::new()
        } else {
            self.actors[*self.random.pick(&self.states)].name.clone()
        };
        let name = self.actor_name(kind, &state_name, parent);
        let id = self.unique_id(&name);
        let role = self.actor_role(kind, &state_name, parent);
        let script = SCRIPTS[root % SCRIPTS.len()];
        let aliases = self.actor_aliases(&name, kind, script);
        let reliability = self
            .random
            .chance(70)
            .then(|| self.random.word(RELIABILITIES));
        let same_as = self.random.chance(40).then(|| {
            format!(
                "https://www.wikidata.org/wiki/Q{}",
                1000 + self.random.below(9_000_000)
            )
        });
        let links = self.random.chance(20).then(|| {
            let url = format!("{}/{}/", self.random.word(URL_HOSTS), id);
            ("Official website".to_string(), url)
        });
        // A spokesperson speaks for the body it belongs to.
        let relations = match parent {
            Some(parent) if role.starts_with("Spokesperson") => vec![("spokesperson-for", parent)],
            _ => Vec::new(),
        };
        self.actors.push(Actor {
            id,
            name,
            kind,
            role,
            part_of: parent,
            aliases,
            reliability,
            same_as: same_as.into_iter().collect(),
            links: links.into_iter().collect(),
            identifiers: Vec::new(),
            relations,
            body: String::new(),
        });
        self.roots.push(root);
        if kind == "state" {
            self.states.push(index);
        }
        if parent.is_some() {
            self.members.entry(root).or_default().push(index);
        }
    }

    /// A name no other actor has.
    fn actor_name(&mut self, kind: &str, state: &str, parent: Option<usize>) -> String {
        for attempt in 0.. {
            let mut name = self.candidate_name(kind, state, parent);
            if attempt > 8 {
                write!(name, " {attempt}").unwrap();
            }
            if self.names.insert(name.clone()) {
                return name;
            }
        }
        unreachable!()
    }

    fn candidate_name(&mut self, kind: &str, state: &str, parent: Option<usize>) -> String {
        let r = &mut self.random;
        match kind {
            "state" => {
                let stem = self.proper_name();
                format!("{stem}{}", self.random.word(STATE_ENDINGS))
            }
            "person" => format!(
                "{} {}. {}",
                r.word(FIRST_NAMES),
                (b'A' + r.below(26) as u8) as char,
                r.word(LAST_NAMES)
            ),
            "government" => {
                let office = r.word(OFFICES);
                match parent {
                    Some(p) if self.actors[p].kind == "government" => {
                        let department = r.word(DEPARTMENTS);
                        format!("Department of {department}, {}", self.actors[p].name)
                    }
                    _ => format!("{office} of {state}"),
                }
            }
            "military" => {
                let unit = r.word(MILITARY_UNITS);
                format!("{} {unit} of {state}", ordinal(r.between(1, 60)))
            }
            "agency" => {
                let agency = r.word(AGENCIES);
                match parent {
                    Some(p) if self.actors[p].kind == "agency" => {
                        format!(
                            "{} Directorate, {}",
                            ordinal(r.between(1, 12)),
                            self.actors[p].name
                        )
                    }
                    _ => format!("{state} {agency}"),
                }
            }
            "media" => {
                let outlet = r.word(OUTLETS);
                format!("{state} {outlet}")
            }
            "company" => {
                let owner = if r.chance(50) {
                    state
                } else {
                    r.word(LAST_NAMES)
                };
                let trade = r.word(TRADES);
                let form = r.word(COMPANY_FORMS);
                format!("{owner} {trade} {form}")
            }
            "group" => {
                let adjective = capitalize(r.word(ADJECTIVES));
                let body = r.word(GROUP_BODIES);
                format!("{adjective} {state} {body}")
            }
            "organization" => {
                let body = r.word(ORGANIZATION_BODIES);
                let topic = capitalize(r.word(NOUNS));
                format!("{body} for {topic} Studies")
            }
            _ => {
                let who = r.word(UNNAMED_SOURCES);
                format!("{who} in {state}")
            }
        }
    }

    fn actor_role(&mut self, kind: &str, state: &str, parent: Option<usize>) -> String {
        let parent_name = parent.map(|p| self.actors[p].name.clone());
        match (kind, parent_name) {
            ("person", Some(parent)) => {
                let post = self.random.word(POSTS);
                format!("{post}, {parent}")
            }
            ("state", _) => "Sovereign state".to_string(),
            (kind, Some(parent)) => format!("{} within {parent}", capitalize(kind)),
            (kind, None) => format!("Independent {kind} reporting on {state}"),
        }
    }

    fn actor_aliases(
        &mut self,
        name: &str,
        kind: &str,
        script: &'static str,
    ) -> Vec<(String, Option<&'static str>)> {
        let mut aliases = Vec::new();
        let latin = latin_alias(name, kind);
        if let Some(latin) = latin.filter(|_| self.random.chance(70)) {
            aliases.push((latin, None));
        }
        if self.random.chance(70) {
            aliases.push((transliterate(name, script), Some(script)));
        }
        if self.random.chance(25) {
            let other = self.random.word(SCRIPTS);
            if other != script {
                aliases.push((transliterate(name, other), Some(other)));
            }
        }
        aliases
    }

    fn actor_body(&mut self, index: usize) -> String {
        let actor = &self.actors[index];
        let (name, kind) = (actor.name.clone(), actor.kind);
        let within = actor
            .part_of
            .map(|p| format!(" within [[{}]]", self.actors[p].id))
            .unwrap_or_default();
        let other = self.actors[self.random.below(self.actors.len())].id.clone();
        let sentences = [
            self.sentence_plain(),
            self.sentence_plain(),
            self.sentence_plain(),
        ];
        format!(
            "{name} is a {kind}{within}. {}\n\nIts statements are often read beside those of [[{other}]]. {} {}\n",
            sentences[0], sentences[1], sentences[2]
        )
    }

    // --- Places, tags, measures ---

    fn generate_regions_and_tags(&mut self) {
        let mut seen: HashSet<String> = TOPIC_TAGS.iter().map(|t| slug(t)).collect();
        self.tags = TOPIC_TAGS.iter().map(|t| t.to_string()).collect();
        while self.regions.len() < 40 || self.tags.len() < 200 {
            let region = format!("{} {}", self.proper_name(), self.random.word(REGION_KINDS));
            if !seen.insert(slug(&region)) {
                continue;
            }
            if self.regions.len() < 40 {
                self.regions.push(region.clone());
            }
            if self.tags.len() < 200 {
                self.tags.push(region);
            }
        }
        // Shuffle, so the busiest tags are a mix of topics and regions.
        for i in (1..self.tags.len()).rev() {
            let j = self.random.below(i + 1);
            self.tags.swap(i, j);
        }
        self.tag_weights = zipf_weights(self.tags.len());
    }

    fn generate_measures(&mut self, count: usize) {
        for index in 0..count {
            let (word, name, unit, base, phrase) = SUBJECTS[index % SUBJECTS.len()];
            let state = self.states[(index / SUBJECTS.len()) % self.states.len()];
            let state_name = self.actors[state].name.clone();
            let id = self.unique_id(&format!("{state_name} {word}"));
            let growth = 0.2 + self.random.unit() * 1.8;
            let caveats = [self.sentence_plain(), self.sentence_plain()];
            let body = format!(
                "How many {unit} the desk tracks for [[{}]]: {}.\n\n## Caveats\n\n{} {}\n",
                self.actors[state].id,
                phrase.replace("{S}", &state_name),
                caveats[0],
                caveats[1]
            );
            self.measures.push(Measure {
                id,
                name: name.replace("{S}", &state_name),
                unit,
                state,
                base: base * (0.5 + self.random.unit()),
                growth,
                phrase: phrase.replace("{S}", &state_name),
                body,
            });
        }
    }

    // --- Briefs ---

    fn brief(&mut self, day: i64) -> Brief {
        let (focus, scene_actors) = self.scene_actors();
        let mut scene = Scene {
            places: self.scene_places(focus),
            actors: scene_actors,
            claims: Vec::new(),
            earlier_brief: self.earlier_brief(),
            day,
        };
        let sources = self.sources(&scene, day);
        let mut claims = Vec::new();
        for _ in 0..self.random.between(3, 7) {
            let claim = self.claim(&scene, &sources, day, focus);
            scene.claims.push(self.mention(&claim));
            claims.push(ClaimItem::Declared(Box::new(claim)));
        }
        self.cite_earlier_claims(&mut claims, &mut scene, day, focus);
        for item in &claims {
            if let ClaimItem::Declared(claim) = item {
                self.record_declared(claim);
            }
        }
        let title = self.title(&scene);
        let id = self.unique_id(&title.split(' ').take(7).collect::<Vec<_>>().join(" "));
        let redirect_from = self
            .random
            .chance(2)
            .then(|| self.unique_id(&format!("{id} old")));
        let changes = self.changes(&scene, day);
        Brief {
            id,
            title,
            date: format_day(day),
            // A brief with changes is dated by its last one.
            updated: (changes.is_empty() && self.random.chance(20))
                .then(|| format_day(day + self.random.between(1, 30) as i64)),
            changes,
            as_of: self
                .random
                .chance(50)
                .then(|| format_day(day - self.random.below(4) as i64)),
            summary: self.summary(&scene),
            judgements: self.judgements(&scene),
            tags: self.brief_tags(),
            authors: self.brief_authors(),
            actors: scene.actors.iter().take(3).copied().collect(),
            sources,
            claims,
            redirect_from,
            body: self.body(&scene),
        }
    }

    /// A state and five to seven actors, most from its chain.
    fn scene_actors(&mut self) -> (usize, Vec<usize>) {
        let state = *self.random.pick(&self.states);
        let members = self.members.get(&state).cloned().unwrap_or_default();
        let mut actors = vec![state];
        let count = self.random.between(5, 7);
        while actors.len() < count {
            let actor = if !members.is_empty() && self.random.chance(60) {
                *self.random.pick(&members)
            } else {
                self.random.below(self.actors.len())
            };
            if !actors.contains(&actor) {
                actors.push(actor);
            }
        }
        // The state is not always the first actor mentioned.
        let first = self.random.below(actors.len());
        actors.swap(0, first);
        (state, actors)
    }

    fn scene_places(&mut self, focus: usize) -> Vec<String> {
        let other = *self.random.pick(&self.states);
        vec![
            self.actors[focus].name.clone(),
            self.random.pick(&self.regions).clone(),
            self.actors[other].name.clone(),
            self.random.pick(&self.regions).clone(),
        ]
    }

    fn earlier_brief(&mut self) -> Option<String> {
        if self.briefs.is_empty() {
            return None;
        }
        let from = self.briefs.len().saturating_sub(200);
        let index = self.random.between(from, self.briefs.len() - 1);
        Some(self.briefs[index].id.clone())
    }

    fn sources(&mut self, scene: &Scene, day: i64) -> Vec<Source> {
        let kinds = [
            "statement",
            "wire",
            "briefing",
            "imagery",
            "transcript",
            "report",
        ];
        (0..self.random.between(2, 4))
            .map(|n| {
                let kind = self.random.word(&kinds);
                let publisher = *self.random.pick(&scene.actors);
                let title = self.source_title(kind, publisher, scene);
                let url = self.random.chance(70).then(|| self.url(day, &title));
                let date = self.random.chance(80).then(|| {
                    let day = day - self.random.below(10) as i64;
                    partial_date(day, self.random.chance(80))
                });
                let publisher = self.random.chance(70).then_some(publisher);
                Source {
                    id: format!("{kind}-{}", n + 1),
                    title,
                    publisher,
                    url,
                    date,
                    reliability: self
                        .random
                        .chance(30)
                        .then(|| self.random.word(RELIABILITIES)),
                    kind: match kind {
                        "statement" | "briefing" => "official-statement",
                        "wire" => "media-report",
                        "imagery" => "imagery",
                        "transcript" => "press-conference",
                        _ => "document",
                    },
                    access: match kind {
                        "briefing" | "wire" => "indirect",
                        _ => "direct",
                    },
                    anonymous: kind == "briefing" && publisher.is_none(),
                }
            })
            .collect()
    }

    fn source_title(&mut self, kind: &str, publisher: usize, scene: &Scene) -> String {
        let name = &self.actors[publisher].name;
        let noun = self.random.word(NOUNS);
        let place = self.random.pick(&scene.places);
        match kind {
            "statement" => format!("Statement by {name} on the {noun}"),
            "wire" => format!("Wire report on the {noun} in {place}"),
            "briefing" => format!("Closed briefing on the {noun}, as relayed to reporters"),
            "imagery" => format!("Commercial satellite imagery of the {noun} near {place}"),
            "transcript" => format!("Transcript of remarks by {name}"),
            _ => format!("{name}: annual report on the {noun}"),
        }
    }

    fn url(&mut self, day: i64, title: &str) -> String {
        let (year, month, _) = civil(day);
        let words: Vec<&str> = title.split(' ').take(6).collect();
        format!(
            "{}/{year}/{month:02}/{}",
            self.random.word(URL_HOSTS),
            slug(&words.join(" "))
        )
    }

    // --- Claims ---

    fn claim(&mut self, scene: &Scene, sources: &[Source], day: i64, focus: usize) -> Claim {
        let by = self.claimants(scene);
        let measure = self.random.chance(60).then(|| self.choose_measure(focus));
        let said_day = day - self.random.below(20) as i64;
        let said = match self.random.below(10) {
            0..=5 => None,
            6..=8 => Some(format_day(said_day)),
            _ => Some(partial_date(said_day, false)),
        };
        let mut figure = measure.map(|m| self.figure(m, said_day));
        let text = self.claim_text(scene, measure, figure.as_ref());
        let id = self.claim_id(by[0], scene);
        let mut claim = self.claim_record(id, text, by, scene, said_day);
        claim.said = said;
        claim.source = self.random.chance(90).then(|| {
            let source = self.random.pick(sources);
            source.id.clone()
        });
        // One figure in ten estimates nothing tracked; a figure of a
        // measure leaves its unit to it three times in ten.
        claim.measure = measure.filter(|_| self.random.chance(90));
        if let (Some(figure), true) = (figure.as_mut(), claim.measure.is_some()) {
            figure.unit_written = !self.random.chance(30);
        }
        claim.figure = figure;
        claim.responses = self.responses(scene, sources, &claim.by, said_day, day);
        self.relate(&mut claim);
        claim
    }

    /// Other actors' stances on a claim, for one claim in six: said
    /// between the claim and the brief.
    fn responses(
        &mut self,
        scene: &Scene,
        sources: &[Source],
        by: &[usize],
        said_day: i64,
        day: i64,
    ) -> Vec<Response> {
        if !self.random.chance(16) {
            return Vec::new();
        }
        let mut responses: Vec<Response> = Vec::new();
        for _ in 0..self.random.between(1, 2) {
            let actor = *self.random.pick(&scene.actors);
            if by.contains(&actor) || responses.iter().any(|r| r.by == actor) {
                continue;
            }
            let stance = self.weighted_word(STANCES);
            let said = self.random.chance(60).then(|| {
                let span = (day - said_day).max(0) as usize;
                format_day(said_day + self.random.below(span + 1) as i64)
            });
            let source = self
                .random
                .chance(50)
                .then(|| self.random.pick(sources).id.clone());
            let text = self.random.chance(40).then(|| self.sentence_plain());
            responses.push(Response {
                by: actor,
                stance,
                said,
                source,
                text,
            });
        }
        responses
    }

    /// One of `words`, by weight.
    fn weighted_word(&mut self, words: &[(&'static str, usize)]) -> &'static str {
        let total: usize = words.iter().map(|(_, w)| w).sum();
        let mut target = self.random.below(total);
        for (word, weight) in words {
            if target < *weight {
                return word;
            }
            target -= weight;
        }
        unreachable!()
    }

    /// The fields every claim has, declared inline or in a file of its own.
    fn claim_record(
        &mut self,
        id: String,
        text: String,
        by: Vec<usize>,
        scene: &Scene,
        said_day: i64,
    ) -> Claim {
        let via = self.relays(scene, &by);
        let about_count = self.random.between(1, 3);
        let mut about: Vec<usize> = Vec::new();
        for _ in 0..about_count {
            let actor = *self.random.pick(&scene.actors);
            if !about.contains(&actor) {
                about.push(actor);
            }
        }
        let status = self.status();
        // A claim confirmed or corroborated is not graded improbable.
        let worst = if matches!(status, "confirmed" | "corroborated") {
            3
        } else {
            6
        };
        Claim {
            id,
            text,
            by,
            via,
            about,
            said: None,
            when: self.random.chance(30).then(|| self.when(said_day)),
            source: None,
            status,
            credibility: self
                .random
                .chance(80)
                .then(|| self.random.between(1, worst)),
            confidence: self
                .random
                .chance(80)
                .then(|| self.random.word(CONFIDENCES)),
            quote: self.random.chance(25).then(|| self.quote()),
            incident: None,
            figure: None,
            measure: None,
            supports: Vec::new(),
            contradicts: Vec::new(),
            supersedes: Vec::new(),
            responses: Vec::new(),
        }
    }

    fn claimants(&mut self, scene: &Scene) -> Vec<usize> {
        let first = *self.random.pick(&scene.actors);
        let second = *self.random.pick(&scene.actors);
        if second != first && self.random.chance(10) {
            vec![first, second]
        } else {
            vec![first]
        }
    }

    /// Nobody, one relay, or a chain of two (a lawmaker, then an agency).
    fn relays(&mut self, scene: &Scene, by: &[usize]) -> Vec<usize> {
        let count = match self.random.below(100) {
            0..=59 => 0,
            60..=89 => 1,
            _ => 2,
        };
        let mut via = Vec::new();
        for _ in 0..count {
            let actor = if self.random.chance(50) {
                *self.random.pick(&scene.actors)
            } else {
                self.random.below(self.actors.len())
            };
            if !by.contains(&actor) && !via.contains(&actor) {
                via.push(actor);
            }
        }
        via
    }

    fn when(&mut self, said_day: i64) -> When {
        let end = said_day - self.random.below(30) as i64;
        if self.random.chance(50) {
            When::On(partial_date(end, self.random.chance(50)))
        } else {
            let start = end - self.random.between(30, 300) as i64;
            When::Span(partial_date(start, false), partial_date(end, false))
        }
    }

    fn status(&mut self) -> &'static str {
        self.weighted_word(STATUSES)
    }

    fn quote(&mut self) -> (String, Option<&'static str>) {
        if self.random.chance(40) {
            let (lang, words) = self.random.pick(NATIVE_QUOTES);
            return (words.to_string(), Some(*lang));
        }
        let (base, _, _) = self.random.pick(VERBS);
        let noun = self.random.word(NOUNS);
        let adjective = self.random.word(ADJECTIVES);
        (
            format!("We will not {base} the {adjective} {noun} under any pressure"),
            None,
        )
    }

    fn choose_measure(&mut self, focus: usize) -> usize {
        let own: Vec<usize> = (0..self.measures.len())
            .filter(|&m| self.measures[m].state == focus)
            .collect();
        if !own.is_empty() && self.random.chance(70) {
            *self.random.pick(&own)
        } else {
            self.random.below(self.measures.len())
        }
    }

    /// A figure near the measure's true value at `day`, rounded as people do.
    fn figure(&mut self, measure: usize, day: i64) -> Figure {
        let measure_ref = &self.measures[measure];
        let progress = (day - START_DAY) as f64 / SPAN_DAYS as f64;
        let truth = measure_ref.base * (1.0 + measure_ref.growth * progress);
        let unit = measure_ref.unit;
        let estimate = truth * (0.7 + 0.6 * self.random.unit());
        let amount = if self.random.chance(25) {
            let spread = 0.1 + 0.2 * self.random.unit();
            Amount::Range(
                round_figure(estimate * (1.0 - spread)),
                round_figure(estimate * (1.0 + spread)),
            )
        } else {
            Amount::Point(round_figure(estimate))
        };
        let qualifier = match amount {
            Amount::Range(..) => self.random.chance(50).then_some("range"),
            Amount::Point(_) => self.random.chance(80).then(|| {
                self.random
                    .word(&["about", "about", "at-least", "at-most", "exactly"])
            }),
        };
        // One figure in twelve is a forecast: it describes a month at
        // least two after the claim.
        let forecast = self.random.chance(8);
        let as_of = if forecast {
            Some(partial_date(
                day + self.random.between(60, 400) as i64,
                false,
            ))
        } else {
            self.random
                .chance(50)
                .then(|| partial_date(day - self.random.below(45) as i64, false))
        };
        let wording = self.random.chance(20).then(|| match (&amount, qualifier) {
            (Amount::Range(low, high), _) => {
                format!("{} to {} {unit}", prose_number(*low), prose_number(*high))
            }
            (Amount::Point(value), Some("at-least")) => {
                format!("no fewer than {} {unit}", prose_number(*value))
            }
            (Amount::Point(value), Some("at-most")) => {
                format!("up to {} {unit}", prose_number(*value))
            }
            (Amount::Point(value), Some("about")) => {
                format!("roughly {} {unit}", prose_number(*value))
            }
            (Amount::Point(value), _) => format!("{} {unit} or so", prose_number(*value)),
        });
        Figure {
            amount,
            unit,
            unit_written: true,
            qualifier,
            as_of,
            wording,
            forecast,
        }
    }

    fn claim_text(
        &mut self,
        scene: &Scene,
        measure: Option<usize>,
        figure: Option<&Figure>,
    ) -> String {
        if let (Some(measure), Some(figure)) = (measure, figure) {
            let phrase = capitalize(&self.measures[measure].phrase);
            if let (true, Some(as_of)) = (figure.forecast, &figure.as_of) {
                return format!("{phrase} will reach {} by {as_of}.", figure_text(figure));
            }
            let verb = self
                .random
                .word(&["has reached", "totals", "is", "now runs to"]);
            return format!("{phrase} {verb} {}.", figure_text(figure));
        }
        let (actor, other) = self.two_actors(scene);
        let (actor, other) = (&self.actors[actor].id, &self.actors[other].id);
        let (base, _, past) = self.random.pick(VERBS);
        let noun = self.random.word(NOUNS);
        let noun2 = self.random.word(NOUNS);
        let adjective = self.random.word(ADJECTIVES);
        let place = self.random.pick(&scene.places);
        let (year, month, _) = civil(scene.day);
        let month = MONTHS[month as usize - 1];
        let text = match self.random.below(4) {
            0 => format!("[[{actor}]] {past} a {adjective} {noun} near {place} in {month} {year}."),
            1 => format!(
                "The {noun} between [[{actor}]] and [[{other}]] includes a {adjective} {noun2}."
            ),
            2 => format!("[[{actor}]] plans to {base} the {noun} before the {noun2} in {place}."),
            _ => format!(
                "Officials of [[{actor}]] met {} times to discuss the {adjective} {noun}.",
                self.random.word(NUMBER_WORDS)
            ),
        };
        with_articles(&text)
    }

    fn claim_id(&mut self, claimant: usize, scene: &Scene) -> String {
        let head: Vec<&str> = self.actors[claimant].id.split('-').take(2).collect();
        let noun = self.random.word(NOUNS);
        let place = self.random.pick(&scene.places).clone();
        let place = place.split(' ').next().unwrap_or_default();
        self.unique_id(&format!("{} {noun} {place}", head.join(" ")))
    }

    /// Links the claim to earlier ones: those of the same measure first.
    fn relate(&mut self, claim: &mut Claim) {
        if self.declared.is_empty() {
            return;
        }
        let same_measure = claim
            .measure
            .map(|m| self.declared_by_measure[m].clone())
            .unwrap_or_default();
        if self.random.chance(30) {
            claim.supports.push(self.earlier_claim(&same_measure));
        }
        if self.random.chance(15) {
            claim.contradicts.push(self.earlier_claim(&same_measure));
        }
        // Superseding is a claimant replacing its own statement.
        let own = self
            .declared_by_claimant
            .get(&claim.by[0])
            .cloned()
            .unwrap_or_default();
        if !own.is_empty() && self.random.chance(15) {
            let from = own.len().saturating_sub(20);
            let old = own[self.random.between(from, own.len() - 1)].clone();
            self.superseded.insert(old.clone());
            claim.supersedes.push(old);
        }
        claim.supports.dedup();
        claim.contradicts.retain(|id| !claim.supports.contains(id));
        claim.supports.retain(|id| !claim.supersedes.contains(id));
        claim
            .contradicts
            .retain(|id| !claim.supersedes.contains(id));
    }

    /// Marks every superseded claim `superseded`, and gives each judgement
    /// resting only on claims that no longer stand one of its brief's
    /// standing claims instead (those move to `against`).
    fn settle_statuses(&mut self) {
        let superseded = std::mem::take(&mut self.superseded);
        let mark = |claim: &mut Claim| {
            if superseded.contains(&claim.id) {
                claim.status = "superseded";
            }
        };
        for brief in &mut self.briefs {
            for item in &mut brief.claims {
                if let ClaimItem::Declared(claim) = item {
                    mark(claim);
                }
            }
        }
        for file in &mut self.claim_files {
            mark(&mut file.claim);
        }
        let mut status: HashMap<String, &'static str> = HashMap::new();
        for brief in &self.briefs {
            for item in &brief.claims {
                if let ClaimItem::Declared(claim) = item {
                    status.insert(claim.id.clone(), claim.status);
                }
            }
        }
        for file in &self.claim_files {
            status.insert(file.claim.id.clone(), file.claim.status);
        }
        let stands = |id: &String| !SET_APART.contains(&status[id]);
        for brief in &mut self.briefs {
            let standing: Vec<String> = brief
                .claims
                .iter()
                .map(|item| match item {
                    ClaimItem::Declared(claim) => &claim.id,
                    ClaimItem::Cited(id) => id,
                })
                .filter(|id| stands(id))
                .cloned()
                .collect();
            for judgement in &mut brief.judgements {
                if judgement.claims.is_empty() || judgement.claims.iter().any(stands) {
                    continue;
                }
                let fallen = std::mem::take(&mut judgement.claims);
                judgement.against.extend(fallen);
                judgement.claims.extend(standing.first().cloned());
                judgement
                    .against
                    .retain(|id| !judgement.claims.contains(id));
                judgement.against.sort();
                judgement.against.dedup();
            }
        }
    }

    fn earlier_claim(&mut self, preferred: &[String]) -> String {
        if !preferred.is_empty() && self.random.chance(70) {
            let from = preferred.len().saturating_sub(20);
            return preferred[self.random.between(from, preferred.len() - 1)].clone();
        }
        let from = self.declared.len().saturating_sub(500);
        self.declared[self.random.between(from, self.declared.len() - 1)].clone()
    }

    fn record_declared(&mut self, claim: &Claim) {
        self.declared.push(claim.id.clone());
        self.declared_by_claimant
            .entry(claim.by[0])
            .or_default()
            .push(claim.id.clone());
        if let Some(m) = claim.measure {
            self.declared_by_measure[m].push(claim.id.clone());
        }
    }

    fn mention(&self, claim: &Claim) -> Mention {
        Mention {
            id: claim.id.clone(),
            claimant: claim.by[0],
            figure: claim.figure.as_ref().map(figure_text),
            status: claim.status,
        }
    }

    /// A fifth of the briefs cite one or two earlier claims; one in
    /// twenty-five also cites a new claim file.
    fn cite_earlier_claims(
        &mut self,
        claims: &mut Vec<ClaimItem>,
        scene: &mut Scene,
        day: i64,
        focus: usize,
    ) {
        if !self.declared.is_empty() && self.random.chance(20) {
            for _ in 0..self.random.between(1, 2) {
                let id = self.earlier_claim(&[]);
                if claims
                    .iter()
                    .all(|item| !matches!(item, ClaimItem::Cited(c) if *c == id))
                {
                    claims.insert(0, ClaimItem::Cited(id));
                }
            }
        }
        if self.briefs.len() % 25 == 12 {
            let file = self.claim_file(scene, day, focus);
            scene.claims.push(self.mention(&file.claim));
            claims.push(ClaimItem::Cited(file.claim.id.clone()));
            self.record_declared(&file.claim);
            self.claim_files.push(file);
        }
    }

    fn claim_file(&mut self, scene: &Scene, day: i64, focus: usize) -> ClaimFile {
        let sources = self.sources(scene, day);
        let mut claim = self.claim(scene, &sources, day, focus);
        claim.said = self
            .random
            .chance(70)
            .then(|| format_day(day - self.random.below(5) as i64));
        let body = format!(
            "{} {}\n\n## How the claim reached us\n\n{} {}\n\n## Desk view\n\n{} {}\n",
            self.sentence(scene),
            self.sentence(scene),
            self.sentence(scene),
            self.sentence_plain(),
            self.sentence(scene),
            self.sentence_plain()
        );
        ClaimFile {
            claim,
            sources,
            body,
        }
    }

    // --- Brief front matter ---

    fn title(&mut self, scene: &Scene) -> String {
        let place = scene.places[0].clone();
        let other = scene.places[2].clone();
        let adjective = self.random.word(ADJECTIVES);
        let noun = self.random.word(NOUNS);
        let noun2 = self.random.word(NOUNS);
        let (_, third, _) = self.random.pick(VERBS);
        let title = match self.random.below(5) {
            0 => format!("{place}: {adjective} {noun} {third} the {noun2}"),
            1 => format!(
                "{} {noun} in {place} {third} the {noun2}",
                capitalize(adjective)
            ),
            2 => format!("What the {adjective} {noun} means for {place}"),
            3 => format!("{place} and {other}: the {noun} after the {noun2}"),
            _ => format!(
                "{}: a {adjective} {noun} in the {}",
                self.actors[scene.actors[0]].name, scene.places[1]
            ),
        };
        with_articles(&title)
    }

    fn summary(&mut self, scene: &Scene) -> String {
        let (_, third, _) = self.random.pick(VERBS);
        let noun = self.random.word(NOUNS);
        let second = self.sentence_plain();
        let mut summary = format!(
            "[[{}]] {third} the {noun} in {}. {second}",
            self.actors[scene.actors[0]].id, scene.places[1],
        );
        if let Some(mention) = scene.claims.iter().find(|m| m.figure.is_some()) {
            write!(
                summary,
                " The [[{}|latest estimate]] is {}.",
                mention.id,
                mention.figure.as_deref().unwrap_or_default()
            )
            .unwrap();
        }
        summary
    }

    /// Updates and corrections for one brief in seven, after its date.
    fn changes(&mut self, scene: &Scene, day: i64) -> Vec<Change> {
        if !self.random.chance(14) {
            return Vec::new();
        }
        let mut date = day;
        (0..self.random.between(1, 3))
            .map(|_| {
                date += self.random.between(1, 40) as i64;
                let correction = self.random.chance(30);
                let noun = self.random.word(NOUNS);
                let note = if correction {
                    format!("Corrected the date of the {noun} and the figure quoted for it.")
                } else {
                    let actor = &self.actors[*self.random.pick(&scene.actors)].id;
                    format!("Added the response of [[{actor}]] on the {noun}.")
                };
                Change {
                    date: format_day(date),
                    note,
                    correction,
                }
            })
            .collect()
    }

    fn judgements(&mut self, scene: &Scene) -> Vec<Judgement> {
        (0..self.random.between(2, 4))
            .map(|_| {
                let count = self.random.between(1, 3).min(scene.claims.len());
                let mut claims: Vec<String> = (0..count)
                    .map(|_| self.random.pick(&scene.claims).id.clone())
                    .collect();
                claims.sort();
                claims.dedup();
                // One judgement in four names a claim that cuts against it.
                let mut against = Vec::new();
                if self.random.chance(25) {
                    let other = self.random.pick(&scene.claims).id.clone();
                    if !claims.contains(&other) {
                        against.push(other);
                    }
                }
                Judgement {
                    text: self.judgement_text(scene),
                    likelihood: self.random.word(LIKELIHOODS),
                    confidence: self.random.word(CONFIDENCES),
                    claims,
                    against,
                }
            })
            .collect()
    }

    fn judgement_text(&mut self, scene: &Scene) -> String {
        let actor = &self.actors[*self.random.pick(&scene.actors)].id;
        let (base, _, _) = self.random.pick(VERBS);
        let adjective = self.random.word(ADJECTIVES);
        let noun = self.random.word(NOUNS);
        let (year, _, _) = civil(scene.day);
        format!(
            "[[{actor}]] will {base} the {adjective} {noun} in {} before the end of {}.",
            self.random.pick(&scene.places),
            year + 1
        )
    }

    fn brief_tags(&mut self) -> Vec<String> {
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..self.random.between(2, 6) {
            let tag = self.random.weighted(&self.tag_weights);
            if !chosen.contains(&tag) {
                chosen.push(tag);
            }
        }
        // One spelling in ten is lower case: the same tag by its slug.
        chosen
            .into_iter()
            .map(|tag| {
                let tag = &self.tags[tag];
                if self.random.chance(10) {
                    tag.to_lowercase()
                } else {
                    tag.clone()
                }
            })
            .collect()
    }

    fn brief_authors(&mut self) -> Vec<&'static str> {
        let first = self.random.word(AUTHORS);
        let second = self.random.word(AUTHORS);
        if second != first && self.random.chance(30) {
            vec![first, second]
        } else {
            vec![first]
        }
    }

    // --- Prose ---

    /// Two different actors of the scene.
    fn two_actors(&mut self, scene: &Scene) -> (usize, usize) {
        let first = self.random.below(scene.actors.len());
        let second = (first + self.random.between(1, scene.actors.len() - 1)) % scene.actors.len();
        (scene.actors[first], scene.actors[second])
    }

    /// An actor as prose names it: a link, a labelled link or a plain name.
    fn actor_mention(&mut self, actor: usize) -> String {
        let actor = &self.actors[actor];
        match self.random.below(10) {
            0..=4 => format!("[[{}]]", actor.id),
            5..=6 => {
                let short = actor.name.split(' ').next().unwrap_or_default();
                format!("[[{}|{short}]]", actor.id)
            }
            _ => actor.name.clone(),
        }
    }

    /// A sentence with no links.
    fn sentence_plain(&mut self) -> String {
        with_articles(&self.plain_words())
    }

    fn plain_words(&mut self) -> String {
        let r = &mut self.random;
        let (adjective, adjective2) = (r.word(ADJECTIVES), r.word(ADJECTIVES));
        let (noun, noun2) = (r.word(NOUNS), r.word(NOUNS));
        let (base, third, _) = r.pick(VERBS);
        match r.below(5) {
            0 => format!(
                "The {adjective} {noun} {} {third} the {adjective2} {noun2}.",
                r.word(ADVERBS)
            ),
            1 => format!(
                "Reporting from {} separate channels {third} a {adjective} {noun}, but the {noun2} remains {adjective2}.",
                r.word(NUMBER_WORDS)
            ),
            2 => format!(
                "A {adjective} {noun} would {base} the {noun2} and leave the {} {adjective2}.",
                r.word(NOUNS)
            ),
            3 => format!(
                "This {third} an earlier pattern: each {noun} has been followed by a {adjective} {noun2} within {} weeks.",
                r.between(2, 9)
            ),
            _ => format!(
                "Much depends on whether the {noun} {third} the {adjective} {noun2} or merely {} it.",
                r.pick(VERBS).1
            ),
        }
    }

    /// A sentence that may name actors and places of the scene.
    fn sentence(&mut self, scene: &Scene) -> String {
        with_articles(&self.scene_words(scene))
    }

    fn scene_words(&mut self, scene: &Scene) -> String {
        let (actor, other) = self.two_actors(scene);
        let (actor, other) = (self.actor_mention(actor), self.actor_mention(other));
        let place = self.random.pick(&scene.places).clone();
        let r = &mut self.random;
        let (adjective, adjective2) = (r.word(ADJECTIVES), r.word(ADJECTIVES));
        let (noun, noun2) = (r.word(NOUNS), r.word(NOUNS));
        let (base, third, past) = r.pick(VERBS);
        let (year, month, _) = civil(scene.day - r.below(120) as i64);
        let month = MONTHS[month as usize - 1];
        match r.below(7) {
            0 => format!(
                "{actor} {} {past} the {adjective} {noun} in {place} in {month} {year}.",
                r.word(ADVERBS)
            ),
            1 => format!(
                "We assess that the {noun} {} {base} the {adjective} {noun2} of {place}.",
                r.word(MODALS)
            ),
            2 => format!(
                "Neither {actor} nor {other} has commented on the {noun}, which {third} the {adjective} {noun2}."
            ),
            3 => format!(
                "The {noun} is {} {adjective} than the {noun2} reported in {month} {year}, and the difference matters for {place}.",
                r.word(&["more", "less", "far more", "somewhat less"])
            ),
            4 => format!(
                "According to {actor}, the {adjective} {noun} near {place} {third} the {adjective2} {noun2}."
            ),
            5 => self.plain_words(),
            _ => format!(
                "If the {noun} holds, {other} {} {base} the {adjective} {noun2} by {month} {}.",
                r.word(MODALS),
                year + 1
            ),
        }
    }

    fn paragraph(&mut self, scene: &Scene, sentences: usize) -> String {
        let mut sentences: Vec<String> = (0..sentences).map(|_| self.sentence(scene)).collect();
        if self.random.chance(40) {
            let index = self.random.below(sentences.len());
            let link = self.outside_link(scene);
            sentences.insert(index, link);
        }
        if let Some(mention) = scene
            .claims
            .get(self.random.below(scene.claims.len().max(1)))
        {
            if self.random.chance(50) {
                sentences.push(format!("See [[{}|the claim]].", mention.id));
            }
        }
        sentences.join(" ")
    }

    fn outside_link(&mut self, scene: &Scene) -> String {
        let noun = self.random.word(NOUNS);
        let place = self.random.pick(&scene.places);
        let url = self.url(scene.day, &format!("{noun} {place}"));
        format!(
            "The [published account of the {noun}]({url}) {} {}.",
            self.random.pick(VERBS).1,
            self.random
                .word(&["this reading", "little", "the timeline", "the estimate"])
        )
    }

    fn body(&mut self, scene: &Scene) -> String {
        let mut body = String::new();
        let assessment = [self.paragraph(scene, 6), self.paragraph(scene, 5)];
        write!(
            body,
            "## Assessment\n\n{}\n\n{}\n\n",
            assessment[0], assessment[1]
        )
        .unwrap();
        write!(body, "## Background\n\n{}\n\n", self.background(scene)).unwrap();
        write!(
            body,
            "## Key developments\n\n{}\n",
            self.developments(scene)
        )
        .unwrap();
        write!(body, "## Figures\n\n{}\n", self.figures_table(scene)).unwrap();
        write!(body, "## Voices\n\n{}\n", self.voices(scene)).unwrap();
        let outlook = self.paragraph(scene, 5);
        write!(body, "## Outlook\n\n{outlook}[^caveat]\n\n").unwrap();
        write!(
            body,
            "### Indicators to watch\n\n{}\n",
            self.indicators(scene)
        )
        .unwrap();
        writeln!(
            body,
            "[^caveat]: {} Our grading is explained in [[methodology#grades]].",
            self.sentence_plain()
        )
        .unwrap();
        body
    }

    fn background(&mut self, scene: &Scene) -> String {
        let mut text = self.paragraph(scene, 5);
        if let Some(earlier) = &scene.earlier_brief {
            let link = if self.random.chance(50) {
                format!("[[{earlier}]]")
            } else {
                format!("[[{earlier}#outlook|our earlier outlook]]")
            };
            write!(text, " We covered the run-up in {link}.").unwrap();
        }
        text
    }

    fn developments(&mut self, scene: &Scene) -> String {
        let mut list = String::new();
        for mention in scene.claims.iter().take(6) {
            let (_, _, past) = self.random.pick(VERBS);
            let noun = self.random.word(NOUNS);
            writeln!(
                list,
                "- **{}.** [[{}]] {past} the {noun} ([[{}|{}]]).",
                capitalize(self.random.word(ADJECTIVES)),
                self.actors[mention.claimant].id,
                mention.id,
                mention.status
            )
            .unwrap();
        }
        for _ in 0..self.random.between(1, 2) {
            writeln!(list, "- {}", self.sentence(scene)).unwrap();
        }
        list
    }

    fn figures_table(&mut self, scene: &Scene) -> String {
        let mut table =
            String::from("| Figure | Estimate | Claimant | Status |\n|---|---|---|---|\n");
        let mut rows = 0;
        for mention in &scene.claims {
            if let Some(figure) = &mention.figure {
                let noun = capitalize(self.random.word(NOUNS));
                writeln!(
                    table,
                    "| {noun} | {figure} | [[{}]] | {} |",
                    self.actors[mention.claimant].id, mention.status
                )
                .unwrap();
                rows += 1;
            }
        }
        if rows == 0 {
            let noun = capitalize(self.random.word(NOUNS));
            writeln!(table, "| {noun} | not given | none | reported |").unwrap();
        }
        table
    }

    fn voices(&mut self, scene: &Scene) -> String {
        let (quote, _) = self.quote();
        let speaker = *self.random.pick(&scene.actors);
        let speaker = self.actor_mention(speaker);
        format!(
            "> {quote}.\n\nThe words are those of {speaker}. {}\n",
            self.paragraph(scene, 3)
        )
    }

    fn indicators(&mut self, scene: &Scene) -> String {
        let mut list = String::new();
        for number in 1..=self.random.between(3, 5) {
            let noun = self.random.word(NOUNS);
            let adjective = self.random.word(ADJECTIVES);
            let place = self.random.pick(&scene.places);
            let item = with_articles(&format!("Signs of a {adjective} {noun} in {place}."));
            writeln!(list, "{number}. {item}").unwrap();
        }
        list
    }
}

fn about_page() -> Page {
    Page {
        id: "about",
        title: "About the desk",
        body: "This site is a generated corpus for load tests. Its actors, places and claims are invented.\n\n## What we publish\n\n- Briefs, each with a bottom line and key judgements.\n- Claims, each with its claimant, channel, status and grade.\n\nSee [[methodology]] for how claims are graded.\n".into(),
    }
}

fn methodology_page() -> Page {
    Page {
        id: "methodology",
        title: "Methodology",
        body: "## Likelihood\n\nWe use the seven ICD 203 terms.\n\n## Confidence\n\nLow, moderate or high.\n\n## Grades\n\nAn Admiralty grade: source reliability A to F, information credibility 1 to 6.\n".into(),
    }
}

// ---------------------------------------------------------------------------
// Text

fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// `text` with "a" before a vowel made "an".
fn with_articles(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        let vowel_next = words
            .peek()
            .and_then(|next| next.chars().next())
            .is_some_and(|c| "aeiouAEIOU".contains(c));
        match word {
            "a" if vowel_next => out.push_str("an"),
            "A" if vowel_next => out.push_str("An"),
            _ => out.push_str(word),
        }
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A string in double quotes, valid in YAML and TOML alike.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// An acronym for an organisation, an initial and surname for a person.
fn latin_alias(name: &str, kind: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if kind == "person" {
        let first = words.first()?.chars().next()?;
        return Some(format!("{first}. {}", words.last()?));
    }
    let acronym: String = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    (acronym.chars().count() >= 2).then_some(acronym)
}

/// A rendering of a Latin name in another script: letter by letter for
/// Cyrillic and Arabic, a character per syllable for Hangul, Chinese and
/// Japanese. Invented, like the names, but in the right script.
fn transliterate(name: &str, script: &str) -> String {
    let words = name
        .split(' ')
        .filter(|word| word.chars().any(char::is_alphabetic));
    let words: Vec<String> = words
        .map(|word| match script {
            "ru" => capitalize(&word.chars().map(cyrillic).collect::<String>()),
            "ar" => word.chars().map(arabic).collect(),
            "ko" => syllables(word, HANGUL),
            "zh" => syllables(word, HANZI),
            _ => syllables(word, KATAKANA),
        })
        .collect();
    let separator = if matches!(script, "zh" | "ja") {
        ""
    } else {
        " "
    };
    words.join(separator)
}

fn cyrillic(c: char) -> String {
    let latin = "abcdefghijklmnopqrstuvwxyz";
    let cyrillic = [
        "а", "б", "к", "д", "е", "ф", "г", "х", "и", "дж", "к", "л", "м", "н", "о", "п", "к", "р",
        "с", "т", "у", "в", "в", "кс", "й", "з",
    ];
    let lower = c.to_ascii_lowercase();
    latin
        .find(lower)
        .map_or(String::new(), |i| cyrillic[i].to_string())
}

fn arabic(c: char) -> String {
    let latin = "abcdefghijklmnopqrstuvwxyz";
    let arabic = [
        "ا", "ب", "ك", "د", "ي", "ف", "غ", "ه", "ي", "ج", "ك", "ل", "م", "ن", "و", "ب", "ق", "ر",
        "س", "ت", "و", "ف", "و", "كس", "ي", "ز",
    ];
    let lower = c.to_ascii_lowercase();
    latin
        .find(lower)
        .map_or(String::new(), |i| arabic[i].to_string())
}

/// One character of `pool` for every two or three letters of `word`.
fn syllables(word: &str, pool: &[char]) -> String {
    let letters: Vec<u8> = word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    letters
        .chunks(3)
        .map(|chunk| {
            let hash = chunk.iter().fold(2_166_136_261u32, |h, &b| {
                (h ^ b as u32).wrapping_mul(16_777_619)
            });
            pool[hash as usize % pool.len()]
        })
        .collect()
}

/// Two significant figures (one decimal below 10).
fn round_figure(value: f64) -> f64 {
    if value < 10.0 {
        return (value * 10.0).round() / 10.0;
    }
    let magnitude = 10f64.powi(value.log10().floor() as i32 - 1);
    (value / magnitude).round() * magnitude
}

/// A number for YAML: whole numbers without a decimal point.
fn yaml_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as u64)
    } else {
        format!("{value}")
    }
}

/// A number for prose: 15,000 or 2.4.
fn prose_number(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value}");
    }
    let digits = (value as u64).to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn figure_text(figure: &Figure) -> String {
    let unit = figure.unit;
    match (&figure.amount, figure.qualifier) {
        (Amount::Range(low, high), _) => format!(
            "between {} and {} {unit}",
            prose_number(*low),
            prose_number(*high)
        ),
        (Amount::Point(value), Some(qualifier)) if qualifier != "exactly" => format!(
            "{} {} {unit}",
            qualifier.replace('-', " "),
            prose_number(*value)
        ),
        (Amount::Point(value), _) => format!("{} {unit}", prose_number(*value)),
    }
}

// ---------------------------------------------------------------------------
// Dates

/// (year, month, day) of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn format_day(days: i64) -> String {
    let (year, month, day) = civil(days);
    format!("{year}-{month:02}-{day:02}")
}

/// `YYYY-MM-DD` when `full`, else `YYYY-MM`.
fn partial_date(days: i64, full: bool) -> String {
    let (year, month, day) = civil(days);
    if full {
        format!("{year}-{month:02}-{day:02}")
    } else {
        format!("{year}-{month:02}")
    }
}

// ---------------------------------------------------------------------------
// Writing files

/// A folder being written, counting files and bytes.
struct Output {
    root: PathBuf,
    files: usize,
    bytes: usize,
}

impl Output {
    fn new(root: &Path) -> Output {
        Output {
            root: root.to_path_buf(),
            files: 0,
            bytes: 0,
        }
    }

    fn write(&mut self, relative: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The dossier site

fn write_dossier_site(corpus: &Corpus, out: &mut Output) -> Result<(), String> {
    out.write(
        "site.yaml",
        &format!(
            "title: {}\ndescription: A generated corpus of briefs, actors and claims for load tests.\nlanguage: en\nauthor: Synthetic desk\n",
            quoted(&corpus.title)
        ),
    )?;
    for actor in &corpus.actors {
        out.write(
            &format!("content/actors/{}.md", actor.id),
            &actor_file(corpus, actor),
        )?;
    }
    for measure in &corpus.measures {
        let text = format!(
            "---\nname: {}\nunit: {}\n---\n{}",
            quoted(&measure.name),
            quoted(measure.unit),
            measure.body
        );
        out.write(&format!("content/measures/{}.md", measure.id), &text)?;
    }
    for file in &corpus.claim_files {
        out.write(
            &format!("content/claims/{}.md", file.claim.id),
            &claim_file(corpus, file),
        )?;
    }
    for brief in &corpus.briefs {
        out.write(
            &format!("content/briefs/{}.md", brief.id),
            &brief_file(corpus, brief),
        )?;
    }
    for page in &corpus.pages {
        let text = format!("---\ntitle: {}\n---\n{}", quoted(page.title), page.body);
        out.write(&format!("content/pages/{}.md", page.id), &text)?;
    }
    for incident in &corpus.incidents {
        out.write(
            &format!("content/incidents/{}.md", incident.id),
            &incident_file(corpus, incident),
        )?;
    }
    Ok(())
}

fn incident_file(corpus: &Corpus, i: &Incident) -> String {
    let mut text = format!(
        "---\ntitle: {}\nwhen: {}\nwhere:\n  place: {}\n  lat: {}\n  lon: {}\n  precision: {}\n",
        quoted(&i.title),
        i.when,
        quoted(i.place),
        i.lat,
        i.lon,
        i.precision
    );
    if !i.track.is_empty() {
        text.push_str("  track:\n");
        for (lat, lon, time) in &i.track {
            match time {
                Some(time) => writeln!(text, "    - [{lat}, {lon}, \"{time}\"]").unwrap(),
                None => writeln!(text, "    - [{lat}, {lon}]").unwrap(),
            }
        }
    }
    if !i.area.is_empty() {
        text.push_str("  area:\n");
        for (lat, lon) in &i.area {
            writeln!(text, "    - [{lat}, {lon}]").unwrap();
        }
    }
    writeln!(text, "kind: {}", i.kind).unwrap();
    if !i.actors.is_empty() {
        writeln!(text, "actors: [{}]", actor_ids(corpus, &i.actors)).unwrap();
    }
    text.push_str("---\n");
    text.push_str(&i.body);
    text
}

fn actor_file(corpus: &Corpus, actor: &Actor) -> String {
    let mut text = format!(
        "---\nname: {}\nkind: {}\nrole: {}\n",
        quoted(&actor.name),
        actor.kind,
        quoted(&actor.role)
    );
    if let Some(parent) = actor.part_of {
        writeln!(text, "part_of: {}", corpus.actors[parent].id).unwrap();
    }
    if let Some(reliability) = actor.reliability {
        writeln!(text, "reliability: {reliability}").unwrap();
    }
    if !actor.identifiers.is_empty() {
        text.push_str("identifiers:\n");
        for (scheme, value) in &actor.identifiers {
            writeln!(text, "  {scheme}: {}", quoted(value)).unwrap();
        }
    }
    if !actor.relations.is_empty() {
        text.push_str("relations:\n");
        for (kind, to) in &actor.relations {
            writeln!(text, "  - {{type: {kind}, to: {}}}", corpus.actors[*to].id).unwrap();
        }
    }
    if !actor.aliases.is_empty() {
        text.push_str("aliases:\n");
        for (name, lang) in &actor.aliases {
            match lang {
                Some(lang) => writeln!(text, "  - {{name: {}, lang: {lang}}}", quoted(name)),
                None => writeln!(text, "  - {}", quoted(name)),
            }
            .unwrap();
        }
    }
    if !actor.same_as.is_empty() {
        text.push_str("same_as:\n");
        for url in &actor.same_as {
            writeln!(text, "  - {url}").unwrap();
        }
    }
    if !actor.links.is_empty() {
        text.push_str("links:\n");
        for (title, url) in &actor.links {
            writeln!(
                text,
                "  - {{title: {}, url: {}}}",
                quoted(title),
                quoted(url)
            )
            .unwrap();
        }
    }
    text.push_str("---\n");
    text.push_str(&actor.body);
    text
}

fn claim_file(corpus: &Corpus, file: &ClaimFile) -> String {
    let mut text = String::from("---\n");
    for line in claim_lines(corpus, &file.claim, false) {
        writeln!(text, "{line}").unwrap();
    }
    text.push_str("sources:\n");
    text.push_str(&source_lines(corpus, &file.sources));
    text.push_str("---\n");
    text.push_str(&file.body);
    text
}

fn brief_file(corpus: &Corpus, brief: &Brief) -> String {
    let mut text = format!(
        "---\ntitle: {}\ndate: {}\n",
        quoted(&brief.title),
        brief.date
    );
    if let Some(updated) = &brief.updated {
        writeln!(text, "updated: {updated}").unwrap();
    }
    if !brief.changes.is_empty() {
        text.push_str("changes:\n");
        for change in &brief.changes {
            write!(
                text,
                "  - {{date: {}, note: {}",
                change.date,
                quoted(&change.note)
            )
            .unwrap();
            if change.correction {
                text.push_str(", kind: correction");
            }
            text.push_str("}\n");
        }
    }
    if let Some(as_of) = &brief.as_of {
        writeln!(text, "as_of: {as_of}").unwrap();
    }
    writeln!(text, "summary: {}", quoted(&brief.summary)).unwrap();
    text.push_str("judgements:\n");
    for judgement in &brief.judgements {
        write!(
            text,
            "  - text: {}\n    likelihood: {}\n    confidence: {}\n    claims: [{}]\n",
            quoted(&judgement.text),
            judgement.likelihood,
            judgement.confidence,
            judgement.claims.join(", ")
        )
        .unwrap();
        if !judgement.against.is_empty() {
            writeln!(text, "    against: [{}]", judgement.against.join(", ")).unwrap();
        }
    }
    let tags: Vec<String> = brief.tags.iter().map(|t| quoted(t)).collect();
    writeln!(text, "tags: [{}]", tags.join(", ")).unwrap();
    let authors: Vec<String> = brief.authors.iter().map(|a| quoted(a)).collect();
    writeln!(text, "authors: [{}]", authors.join(", ")).unwrap();
    writeln!(text, "actors: [{}]", actor_ids(corpus, &brief.actors)).unwrap();
    if let Some(old) = &brief.redirect_from {
        writeln!(text, "redirect_from: [{old}]").unwrap();
    }
    text.push_str("sources:\n");
    text.push_str(&source_lines(corpus, &brief.sources));
    text.push_str("claims:\n");
    for item in &brief.claims {
        match item {
            ClaimItem::Cited(id) => writeln!(text, "  - {id}").unwrap(),
            ClaimItem::Declared(claim) => {
                for (n, line) in claim_lines(corpus, claim, true).iter().enumerate() {
                    let indent = if n == 0 { "  - " } else { "    " };
                    writeln!(text, "{indent}{line}").unwrap();
                }
            }
        }
    }
    text.push_str("---\n");
    text.push_str(&brief.body);
    text
}

fn actor_ids(corpus: &Corpus, actors: &[usize]) -> String {
    let ids: Vec<&str> = actors
        .iter()
        .map(|&a| corpus.actors[a].id.as_str())
        .collect();
    ids.join(", ")
}

/// A single id, or a flow list of several.
fn one_or_list(corpus: &Corpus, actors: &[usize]) -> String {
    match actors {
        [one] => corpus.actors[*one].id.clone(),
        _ => format!("[{}]", actor_ids(corpus, actors)),
    }
}

fn source_lines(corpus: &Corpus, sources: &[Source]) -> String {
    let mut text = String::new();
    for source in sources {
        write!(
            text,
            "  - id: {}\n    title: {}\n",
            source.id,
            quoted(&source.title)
        )
        .unwrap();
        if let Some(publisher) = source.publisher {
            writeln!(text, "    publisher: {}", corpus.actors[publisher].id).unwrap();
        }
        if let Some(url) = &source.url {
            writeln!(text, "    url: {url}").unwrap();
        }
        if let Some(date) = &source.date {
            writeln!(text, "    date: {date}").unwrap();
        }
        if let Some(reliability) = source.reliability {
            writeln!(text, "    reliability: {reliability}").unwrap();
        }
        writeln!(
            text,
            "    type: {}\n    access: {}",
            source.kind, source.access
        )
        .unwrap();
        if source.anonymous {
            writeln!(text, "    anonymous: true").unwrap();
        }
    }
    text
}

/// A claim's fields as `key: value` lines, without indentation.
fn claim_lines(corpus: &Corpus, claim: &Claim, with_id: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if with_id {
        lines.push(format!("id: {}", claim.id));
    }
    lines.push(format!("text: {}", quoted(&claim.text)));
    lines.push(format!("by: {}", one_or_list(corpus, &claim.by)));
    if !claim.via.is_empty() {
        lines.push(format!("via: {}", one_or_list(corpus, &claim.via)));
    }
    lines.push(format!("about: [{}]", actor_ids(corpus, &claim.about)));
    if let Some(incident) = &claim.incident {
        lines.push(format!("incident: {incident}"));
    }
    if let Some(said) = &claim.said {
        lines.push(format!("said: {said}"));
    }
    match &claim.when {
        Some(When::On(date)) => lines.push(format!("when: {date}")),
        Some(When::Span(from, to)) => lines.push(format!("when: {{from: {from}, to: {to}}}")),
        None => {}
    }
    if let Some(source) = &claim.source {
        lines.push(format!("source: {source}"));
    }
    lines.push(format!("status: {}", claim.status));
    if let Some(credibility) = claim.credibility {
        lines.push(format!("credibility: {credibility}"));
    }
    if let Some(confidence) = claim.confidence {
        lines.push(format!("confidence: {confidence}"));
    }
    if let Some((quote, lang)) = &claim.quote {
        lines.push(format!("quote: {}", quoted(quote)));
        if let Some(lang) = lang {
            lines.push(format!("quote_lang: {lang}"));
        }
    }
    if let Some(figure) = &claim.figure {
        lines.push(format!("figure: {}", figure_yaml(figure)));
    }
    if let Some(measure) = claim.measure {
        lines.push(format!("measure: {}", corpus.measures[measure].id));
    }
    for (key, ids) in [
        ("supports", &claim.supports),
        ("contradicts", &claim.contradicts),
        ("supersedes", &claim.supersedes),
    ] {
        if !ids.is_empty() {
            lines.push(format!("{key}: [{}]", ids.join(", ")));
        }
    }
    if !claim.responses.is_empty() {
        lines.push("responses:".to_string());
        for response in &claim.responses {
            let mut fields = format!(
                "by: {}, stance: {}",
                corpus.actors[response.by].id, response.stance
            );
            if let Some(said) = &response.said {
                write!(fields, ", said: {said}").unwrap();
            }
            if let Some(source) = &response.source {
                write!(fields, ", source: {source}").unwrap();
            }
            if let Some(text) = &response.text {
                write!(fields, ", text: {}", quoted(text)).unwrap();
            }
            lines.push(format!("  - {{{fields}}}"));
        }
    }
    lines
}

fn figure_yaml(figure: &Figure) -> String {
    let mut fields = match figure.amount {
        Amount::Point(value) => format!("value: {}", yaml_number(value)),
        Amount::Range(low, high) => {
            format!("low: {}, high: {}", yaml_number(low), yaml_number(high))
        }
    };
    if figure.unit_written {
        write!(fields, ", unit: {}", quoted(figure.unit)).unwrap();
    }
    if let Some(qualifier) = figure.qualifier {
        write!(fields, ", qualifier: {qualifier}").unwrap();
    }
    if let Some(as_of) = &figure.as_of {
        write!(fields, ", as_of: {as_of}").unwrap();
    }
    if let Some(wording) = &figure.wording {
        write!(fields, ", wording: {}", quoted(wording)).unwrap();
    }
    format!("{{{fields}}}")
}

// ---------------------------------------------------------------------------
// The Hugo site

/// Where an id leads on the Hugo site, and the text a bare `[[id]]` shows.
struct Target {
    path: String,
    text: String,
    is_actor: bool,
}

fn hugo_targets(corpus: &Corpus) -> HashMap<String, Target> {
    let mut targets = HashMap::new();
    let mut add = |id: &str, path: String, text: String, is_actor: bool| {
        let target = Target {
            path,
            text,
            is_actor,
        };
        targets.insert(id.to_string(), target);
    };
    for actor in &corpus.actors {
        add(
            &actor.id,
            format!("/actors/{}/", actor.id),
            actor.name.clone(),
            true,
        );
    }
    for measure in &corpus.measures {
        let path = format!("/measures/{}/", measure.id);
        add(&measure.id, path, measure.name.clone(), false);
    }
    for brief in &corpus.briefs {
        add(
            &brief.id,
            format!("/briefs/{}/", brief.id),
            brief.title.clone(),
            false,
        );
    }
    for page in &corpus.pages {
        add(
            page.id,
            format!("/{}/", page.id),
            page.title.to_string(),
            false,
        );
    }
    // Claim texts link only actors, whose names are known by now.
    let claim_targets: Vec<(String, String)> = corpus
        .claims()
        .map(|claim| (claim.id.clone(), plain_text(&claim.text, &targets)))
        .collect();
    for (id, text) in claim_targets {
        let path = format!("/claims/{id}/");
        targets.insert(
            id,
            Target {
                path,
                text,
                is_actor: false,
            },
        );
    }
    targets
}

/// One `[[id#anchor|label]]` in a text, at `start..end`.
struct WikiLink<'a> {
    start: usize,
    end: usize,
    id: &'a str,
    anchor: Option<&'a str>,
    label: Option<&'a str>,
}

/// Each `[[id…]]` in `text`, in order.
fn wiki_links(text: &str) -> Vec<WikiLink<'_>> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("[[").map(|i| i + from) {
        let Some(end) = text[start..].find("]]").map(|i| i + start + 2) else {
            break;
        };
        let inner = &text[start + 2..end - 2];
        let (target, label) = match inner.split_once('|') {
            Some((target, label)) => (target, Some(label)),
            None => (inner, None),
        };
        let (id, anchor) = match target.split_once('#') {
            Some((id, anchor)) => (id, Some(anchor)),
            None => (target, None),
        };
        links.push(WikiLink {
            start,
            end,
            id,
            anchor,
            label,
        });
        from = end;
    }
    links
}

/// `text` with `[[id]]` links as ordinary Markdown links.
fn hugo_markdown(text: &str, targets: &HashMap<String, Target>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut from = 0;
    for link in wiki_links(text) {
        out.push_str(&text[from..link.start]);
        let target = &targets[link.id];
        let anchor = link.anchor.map(|a| format!("#{a}")).unwrap_or_default();
        let label = link.label.unwrap_or(&target.text);
        write!(out, "[{label}]({}{anchor})", target.path).unwrap();
        from = link.end;
    }
    out.push_str(&text[from..]);
    out
}

/// `text` with `[[id]]` links as their display text.
fn plain_text(text: &str, targets: &HashMap<String, Target>) -> String {
    let mut out = String::new();
    let mut from = 0;
    for link in wiki_links(text) {
        out.push_str(&text[from..link.start]);
        out.push_str(link.label.unwrap_or(&targets[link.id].text));
        from = link.end;
    }
    out.push_str(&text[from..]);
    out
}

fn write_hugo_site(corpus: &Corpus, out: &mut Output) -> Result<(), String> {
    let targets = hugo_targets(corpus);
    out.write(
        "hugo.toml",
        &format!(
            "baseURL = \"/\"\ntitle = {}\nlanguageCode = \"en\"\npaginate = 25\n\n[taxonomies]\n  actor = \"actors\"\n  claim = \"claims\"\n  tag = \"tags\"\n",
            quoted(&corpus.title)
        ),
    )?;
    for (path, text) in HUGO_LAYOUTS {
        out.write(path, text)?;
    }
    for actor in &corpus.actors {
        let text = format!(
            "+++\ntitle = {}\n+++\n*{}*\n\n{}",
            quoted(&actor.name),
            actor.role,
            hugo_markdown(&actor.body, &targets)
        );
        out.write(&format!("content/actors/{}/_index.md", actor.id), &text)?;
    }
    for measure in &corpus.measures {
        let text = format!(
            "+++\ntitle = {}\n+++\n{}",
            quoted(&measure.name),
            hugo_markdown(&measure.body, &targets)
        );
        out.write(&format!("content/measures/{}.md", measure.id), &text)?;
    }
    for file in &corpus.claim_files {
        // The claim file's discussion follows its record.
        let path = format!("content/claims/{}/_index.md", file.claim.id);
        let discussion = hugo_markdown(&file.body, &targets);
        let text = hugo_claim(corpus, &file.claim, &targets) + "\n" + &discussion;
        out.write(&path, &text)?;
    }
    for claim in corpus.inline_claims() {
        let text = hugo_claim(corpus, claim, &targets);
        out.write(&format!("content/claims/{}/_index.md", claim.id), &text)?;
    }
    for brief in &corpus.briefs {
        let text = hugo_brief(corpus, brief, &targets);
        out.write(&format!("content/briefs/{}.md", brief.id), &text)?;
    }
    for page in &corpus.pages {
        let text = format!(
            "+++\ntitle = {}\n+++\n{}",
            quoted(page.title),
            hugo_markdown(&page.body, &targets)
        );
        out.write(&format!("content/{}.md", page.id), &text)?;
    }
    Ok(())
}

fn hugo_claim(corpus: &Corpus, claim: &Claim, targets: &HashMap<String, Target>) -> String {
    let link = |id: &str| format!("[{}]({})", targets[id].text, targets[id].path);
    let actors = |list: &[usize]| -> String {
        let links: Vec<String> = list.iter().map(|&a| link(&corpus.actors[a].id)).collect();
        links.join(", ")
    };
    let mut text = format!(
        "+++\ntitle = {}\n+++\n- **By:** {}\n",
        quoted(&targets[&claim.id].text),
        actors(&claim.by)
    );
    if !claim.via.is_empty() {
        writeln!(text, "- **Via:** {}", actors(&claim.via)).unwrap();
    }
    writeln!(text, "- **About:** {}", actors(&claim.about)).unwrap();
    writeln!(text, "- **Status:** {}", claim.status).unwrap();
    if let Some(credibility) = claim.credibility {
        writeln!(text, "- **Credibility:** {credibility}").unwrap();
    }
    if let Some(figure) = &claim.figure {
        writeln!(text, "- **Figure:** {}", figure_text(figure)).unwrap();
    }
    if let Some(measure) = claim.measure {
        writeln!(
            text,
            "- **Measure:** {}",
            link(&corpus.measures[measure].id)
        )
        .unwrap();
    }
    for (label, ids) in [
        ("Supports", &claim.supports),
        ("Contradicts", &claim.contradicts),
        ("Supersedes", &claim.supersedes),
    ] {
        if !ids.is_empty() {
            let links: Vec<String> = ids.iter().map(|id| link(id)).collect();
            writeln!(text, "- **{label}:** {}", links.join(", ")).unwrap();
        }
    }
    if let Some((quote, _)) = &claim.quote {
        write!(text, "\n> {quote}\n").unwrap();
    }
    text
}

fn hugo_brief(corpus: &Corpus, brief: &Brief, targets: &HashMap<String, Target>) -> String {
    let claim_ids: Vec<&str> = brief
        .claims
        .iter()
        .map(|item| match item {
            ClaimItem::Declared(claim) => claim.id.as_str(),
            ClaimItem::Cited(id) => id.as_str(),
        })
        .collect();
    let list = |items: &[&str]| -> String {
        let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
        format!("[{}]", items.join(", "))
    };
    let actors: Vec<&str> = brief_actor_ids(corpus, brief, targets)
        .into_iter()
        .collect();
    let tags: Vec<&str> = brief.tags.iter().map(String::as_str).collect();
    let mut text = format!(
        "+++\ntitle = {}\ndate = {}\ntags = {}\nactors = {}\nclaims = {}\n",
        quoted(&brief.title),
        brief.date,
        list(&tags),
        list(&actors),
        list(&claim_ids)
    );
    if let Some(old) = &brief.redirect_from {
        writeln!(text, "aliases = [\"/briefs/{old}/\"]").unwrap();
    }
    write!(
        text,
        "+++\n**Bottom line.** {}\n\n",
        hugo_markdown(&brief.summary, targets)
    )
    .unwrap();
    for judgement in &brief.judgements {
        writeln!(
            text,
            "- {} (*{}*, {} confidence)",
            hugo_markdown(&judgement.text, targets),
            judgement.likelihood,
            judgement.confidence
        )
        .unwrap();
    }
    text.push('\n');
    text.push_str(&hugo_markdown(&brief.body, targets));
    text.push_str("\n## Sources\n\n");
    for source in &brief.sources {
        match &source.url {
            Some(url) => writeln!(text, "- [{}]({url})", source.title),
            None => writeln!(text, "- {}", source.title),
        }
        .unwrap();
    }
    text
}

/// The brief's actors as dossier counts them: its `actors`, those of its
/// claims, and those it links.
fn brief_actor_ids<'a>(
    corpus: &'a Corpus,
    brief: &'a Brief,
    targets: &HashMap<String, Target>,
) -> BTreeSet<&'a str> {
    let mut ids: BTreeSet<&str> = brief
        .actors
        .iter()
        .map(|&a| corpus.actors[a].id.as_str())
        .collect();
    let mut texts: Vec<&str> = vec![brief.summary.as_str(), brief.body.as_str()];
    texts.extend(brief.judgements.iter().map(|j| j.text.as_str()));
    for item in &brief.claims {
        if let ClaimItem::Declared(claim) = item {
            let involved = claim.by.iter().chain(&claim.via).chain(&claim.about);
            ids.extend(involved.map(|&a| corpus.actors[a].id.as_str()));
            texts.push(&claim.text);
        }
    }
    for text in texts {
        for link in wiki_links(text) {
            if targets[link.id].is_actor {
                ids.insert(link.id);
            }
        }
    }
    ids
}

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
</head>
<body>
<header>
<a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/briefs/" | relURL }}">Briefs</a> <a href="{{ "/actors/" | relURL }}">Actors</a> <a href="{{ "/claims/" | relURL }}">Claims</a> <a href="{{ "/measures/" | relURL }}">Measures</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Date }}<p><time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2 January 2006" }}</time></p>{{ end }}
{{ .Content }}
{{ range $taxonomy, $_ := site.Taxonomies }}
{{ with $.GetTerms $taxonomy }}
<h2>{{ $taxonomy | title }}</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Date }} <time>{{ .Format "2006-01-02" }}</time>{{ end }}</li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "layouts/_default/taxonomy.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "layouts/_default/term.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Briefs</h2>
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "layouts/index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range first 10 (where site.RegularPages "Section" "briefs") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
"#,
    ),
];
