//! The synthetic news generator: each article is drawn from its own random stream, seeded by the
//! corpus seed and the article's index, so article `i` is the same whatever else is generated.

use crate::templates::*;
use crate::vocab::*;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// One generated article, in the field order of a JSON Lines record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeneratedArticle {
    pub id: String,
    pub url: String,
    pub source: String,
    /// ISO date, `YYYY-MM-DD`.
    pub published: String,
    pub title: String,
    pub text: String,
}

/// What an article is about, which sets how its sentences are mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    Conflict,
    Diplomacy,
    General,
}

/// The kinds of sentence, each with its own templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Conflict,
    Casualty,
    Claim,
    Quote,
    Diplomacy,
    Background,
    Filler,
}

impl Kind {
    /// Clauses that may lengthen a sentence of this kind (none for quotes, which end in one).
    fn tails(self) -> &'static [&'static str] {
        match self {
            Kind::Quote => &[],
            Kind::Filler => FILLER_TAILS,
            _ => CONFLICT_TAILS,
        }
    }

    fn templates(self) -> &'static [&'static str] {
        match self {
            Kind::Conflict => CONFLICT,
            Kind::Casualty => CASUALTY,
            Kind::Claim => CLAIM,
            Kind::Quote => QUOTE,
            Kind::Diplomacy => DIPLOMACY,
            Kind::Background => BACKGROUND,
            Kind::Filler => FILLER,
        }
    }
}

impl Topic {
    /// Relative weights of the sentence kinds in an article on this topic.
    fn mix(self) -> &'static [(Kind, u32)] {
        match self {
            Topic::Conflict => &[
                (Kind::Conflict, 28),
                (Kind::Casualty, 15),
                (Kind::Claim, 14),
                (Kind::Quote, 10),
                (Kind::Diplomacy, 8),
                (Kind::Background, 9),
                (Kind::Filler, 16),
            ],
            Topic::Diplomacy => &[
                (Kind::Diplomacy, 38),
                (Kind::Quote, 14),
                (Kind::Claim, 10),
                (Kind::Conflict, 10),
                (Kind::Background, 10),
                (Kind::Filler, 18),
            ],
            Topic::General => &[
                (Kind::Filler, 86),
                (Kind::Quote, 4),
                (Kind::Conflict, 5),
                (Kind::Diplomacy, 5),
            ],
        }
    }

    fn headlines(self) -> &'static [&'static str] {
        match self {
            Topic::Conflict => HEADLINES_CONFLICT,
            Topic::Diplomacy => HEADLINES_DIPLOMACY,
            Topic::General => HEADLINES_GENERAL,
        }
    }
}

/// Generates the articles of a corpus: the same `seed` gives the same articles.
#[derive(Debug, Clone, Copy)]
pub struct Generator {
    seed: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator { seed }
    }

    /// Article number `index` of this corpus.
    pub fn article(&self, index: u64) -> GeneratedArticle {
        let mut rng = fastrand::Rng::with_seed(mix_seed(self.seed, index));
        let theatre = &THEATRES[rng.usize(..THEATRES.len())];
        let opponent = theatre.opponents[rng.usize(..theatre.opponents.len())];
        let topic = match rng.u32(..100) {
            0..60 => Topic::Conflict,
            60..75 => Topic::Diplomacy,
            _ => Topic::General,
        };
        let mut writer = Writer {
            rng,
            theatre,
            opponent,
            outlet: OUTLETS[0],
            state_attacks: true,
        };
        writer.outlet = writer.pick(OUTLETS);
        writer.article(self.seed, index, topic)
    }

    /// The first `count` articles.
    pub fn articles(self, count: u64) -> impl Iterator<Item = GeneratedArticle> {
        (0..count).map(move |i| self.article(i))
    }
}

/// A seed for article `index` that differs in many bits from its neighbours' (SplitMix64 finaliser).
fn mix_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index.wrapping_add(1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Writes one article: its random stream and the setting every sentence draws on.
struct Writer {
    rng: fastrand::Rng,
    theatre: &'static Theatre,
    /// The ways news names the side fighting the state.
    opponent: &'static [&'static str],
    outlet: &'static str,
    /// Whether `{a}` is the state in the sentence being written (else the opponent is).
    state_attacks: bool,
}

impl Writer {
    fn article(&mut self, seed: u64, index: u64, topic: Topic) -> GeneratedArticle {
        let first_day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
        let published = first_day
            .checked_add_days(Days::new(self.rng.u64(..730)))
            .unwrap_or(first_day);
        let title = self.sentence(topic.headlines());

        let sentence_count = 10 + self.rng.usize(..22) + self.rng.usize(..22);
        let mut text = String::with_capacity(sentence_count * 180);
        // The lead sentence is on the topic; the rest follows the topic's mix.
        let lead = match topic {
            Topic::Conflict => Kind::Conflict,
            Topic::Diplomacy => Kind::Diplomacy,
            Topic::General => Kind::Filler,
        };
        let mut in_paragraph = 0;
        for n in 0..sentence_count {
            let kind = if n == 0 { lead } else { self.kind(topic.mix()) };
            if n > 0 {
                // Wire copy: paragraphs of one to three sentences.
                if in_paragraph > self.rng.usize(..3) {
                    text.push_str("\n\n");
                    in_paragraph = 0;
                } else {
                    text.push(' ');
                }
            }
            let mut sentence = self.sentence(kind.templates());
            if !kind.tails().is_empty() && self.rng.u32(..10) < 6 {
                self.lengthen(&mut sentence, kind.tails());
            }
            text.push_str(&sentence);
            in_paragraph += 1;
        }
        // Most outlets print typographic quotes and apostrophes; some keep them plain.
        let (title, text) = if self.rng.u32(..10) < 7 {
            (typographic(&title), typographic(&text))
        } else {
            (title, text)
        };

        let section = self.pick(SECTIONS);
        GeneratedArticle {
            id: format!("gen-{seed}-{index}"),
            url: format!(
                "https://example.org/{section}/{}/{}-{index}",
                published.format("%Y/%m/%d"),
                slug(&title)
            ),
            source: self.outlet.to_string(),
            published: published.format("%Y-%m-%d").to_string(),
            title,
            text,
        }
    }

    fn kind(&mut self, mix: &[(Kind, u32)]) -> Kind {
        let total: u32 = mix.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.u32(..total.max(1));
        for &(kind, weight) in mix {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        mix.first().map_or(Kind::Filler, |(kind, _)| *kind)
    }

    /// One sentence from `templates`, starting with a capital.
    fn sentence(&mut self, templates: &'static [&'static str]) -> String {
        self.state_attacks = self.rng.bool();
        let mut out = String::with_capacity(200);
        let template = self.pick(templates);
        self.expand(template, &mut out);
        capitalise_first(&mut out);
        out
    }

    /// Puts a clause from `tails` before the sentence's final full stop.
    fn lengthen(&mut self, sentence: &mut String, tails: &'static [&'static str]) {
        if sentence.ends_with('.') {
            sentence.pop();
            let tail = self.pick(tails);
            self.expand(tail, sentence);
            sentence.push('.');
        }
    }

    fn pick(&mut self, list: &'static [&'static str]) -> &'static str {
        list.get(self.rng.usize(..list.len().max(1)))
            .copied()
            .unwrap_or("")
    }

    /// Appends `template` to `out` with every `{slot}` filled.
    fn expand(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            self.slot(&after[..close], out);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    /// Fills one slot. An unknown slot is written back as it was, which the tests catch.
    fn slot(&mut self, name: &str, out: &mut String) {
        let list: &'static [&'static str] = match name {
            "a" if self.state_attacks => STATE_FORCES,
            "a" => self.opponent,
            "b" if self.state_attacks => self.opponent,
            "b" => STATE_FORCES,
            "group" => return out.push_str(self.opponent.first().copied().unwrap_or("rebels")),
            "place" | "place2" => return self.place(out),
            "village" => return self.village(out),
            "region" => self.theatre.regions,
            "capital" => return out.push_str(self.theatre.capital),
            "country" => return out.push_str(self.theatre.country),
            "demonym" => return out.push_str(self.theatre.demonym),
            "world" | "world2" => {
                let (name, _) = WORLD[self.rng.usize(..WORLD.len())];
                return out.push_str(name);
            }
            "world_demonym" => {
                let (_, demonym) = WORLD[self.rng.usize(..WORLD.len())];
                return out.push_str(demonym);
            }
            "city" | "city2" => WORLD_CITIES,
            "when" => WHEN,
            "weekday" => WEEKDAYS,
            "month" => MONTHS,
            "count" => COUNTS,
            "victims" => VICTIMS,
            "killed" => KILLED,
            "attack" => ATTACKS,
            "attack_verb" => ATTACK_VERBS,
            "attack_h" => ATTACK_HEADLINE,
            "site" => SITES,
            "official" => OFFICIALS,
            "title" => TITLES,
            "ministry" => MINISTRIES,
            "source" => SOURCES,
            "igo" => IGOS,
            "ngo" => NGOS,
            "quote" => QUOTES,
            "said" => SAID,
            "outlet" => return out.push_str(self.outlet),
            "person" => {
                let first = self.pick(FIRST_NAMES);
                let family = self.pick(FAMILY_NAMES);
                out.push_str(first);
                out.push(' ');
                return out.push_str(family);
            }
            "company" => COMPANIES,
            "team" | "team2" => TEAMS,
            "subject" => SUBJECTS,
            "n_word" => NUMBER_WORDS,
            "ordinal" => &["second", "third", "fourth", "fifth", "sixth"],
            "bp" => &["25", "50", "75"],
            "n" => return self.number(out, 1, 60),
            "n_big" => return self.number(out, 100, 50_000),
            "dayofmonth" => return self.plain_number(out, 1, 28),
            "year" => return self.plain_number(out, 2011, 2022),
            "year2" => return self.plain_number(out, 2025, 2030),
            "temp" => return self.plain_number(out, 25, 45),
            "price" => return self.plain_number(out, 60, 95),
            "age" => return self.plain_number(out, 19, 80),
            "percent" => return self.percent(out),
            "money" => return self.money(out),
            _ => {
                out.push('{');
                out.push_str(name);
                return out.push('}');
            }
        };
        let value = self.pick(list);
        self.expand(value, out);
    }

    /// A place of the theatre: mostly a known town, sometimes its capital, sometimes a village
    /// no gazetteer knows.
    fn place(&mut self, out: &mut String) {
        match self.rng.u32(..10) {
            0 => out.push_str(self.theatre.capital),
            1 => {
                out.push_str("the village of ");
                self.village(out);
            }
            _ => out.push_str(self.pick(self.theatre.places)),
        }
    }

    /// An invented village name: two or three syllables.
    fn village(&mut self, out: &mut String) {
        const SYLLABLES: &[&str] = &[
            "ka", "ro", "mal", "den", "ba", "sha", "tir", "ou", "len", "go", "zar", "mi", "dou",
            "kar", "na", "vil", "bek", "sa",
        ];
        let start = out.len();
        for _ in 0..2 + self.rng.usize(..2) {
            out.push_str(self.pick(SYLLABLES));
        }
        capitalise_at(out, start);
    }

    /// A number in `[low, high]`, skewed to small values, with thousands separators.
    fn number(&mut self, out: &mut String, low: u64, high: u64) {
        let span = high.saturating_sub(low) + 1;
        let value = low + self.rng.u64(..span).min(self.rng.u64(..span));
        out.push_str(&thousands(value));
    }

    /// A number in `[low, high]`, evenly drawn, as digits alone (a day, a year, an age).
    fn plain_number(&mut self, out: &mut String, low: u64, high: u64) {
        out.push_str(&self.rng.u64(low..=high).to_string());
    }

    fn percent(&mut self, out: &mut String) {
        let value = self.rng.u32(1..300);
        let text = if self.rng.bool() {
            format!("{}.{} percent", value / 10, value % 10)
        } else {
            format!("{}%", value / 10 + 1)
        };
        out.push_str(&text);
    }

    fn money(&mut self, out: &mut String) {
        let value = self.rng.u32(1..900);
        let text = match self.rng.u32(..3) {
            0 => format!("${}.{}bn", value / 100 + 1, value % 10),
            1 => format!("{value} million euros"),
            _ => format!("${value} million"),
        };
        out.push_str(&text);
    }
}

/// `12345` as `12,345`.
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Upper-cases the first letter of `text`, looking past an opening quote.
fn capitalise_first(text: &mut String) {
    let start = text.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    capitalise_at(text, start);
}

fn capitalise_at(text: &mut String, at: usize) {
    if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
        && c.is_lowercase()
    {
        let upper: String = c.to_uppercase().collect();
        text.replace_range(at..at + c.len_utf8(), &upper);
    }
}

/// Straight quotes and apostrophes as printed: “ ” and ’.
fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut open = true;
    for c in text.chars() {
        match c {
            '"' => {
                out.push(if open { '\u{201c}' } else { '\u{201d}' });
                open = !open;
            }
            '\'' => out.push('\u{2019}'),
            other => out.push(other),
        }
    }
    out
}

/// The title as a URL path segment: lower-case words joined by hyphens.
fn slug(title: &str) -> String {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_fills_every_slot() {
        let lists: &[&[&str]] = &[
            CONFLICT,
            CASUALTY,
            CLAIM,
            QUOTE,
            DIPLOMACY,
            BACKGROUND,
            FILLER,
            CONFLICT_TAILS,
            FILLER_TAILS,
            HEADLINES_CONFLICT,
            HEADLINES_DIPLOMACY,
            HEADLINES_GENERAL,
        ];
        for seed in 0..20 {
            let mut writer = Writer {
                rng: fastrand::Rng::with_seed(seed),
                theatre: &THEATRES[seed as usize % THEATRES.len()],
                opponent: THEATRES[0].opponents[0],
                outlet: OUTLETS[0],
                state_attacks: seed % 2 == 0,
            };
            for list in lists {
                for template in *list {
                    let mut out = String::new();
                    writer.expand(template, &mut out);
                    assert!(!out.contains(['{', '}']), "{template} -> {out}");
                }
            }
        }
    }

    #[test]
    fn helpers_format_as_news_does() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1200), "1,200");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let mut s = "\"we will\" go".to_string();
        capitalise_first(&mut s);
        assert_eq!(s, "\"We will\" go");
        assert_eq!(
            typographic("\"It's over,\" he said."),
            "\u{201c}It\u{2019}s over,\u{201d} he said."
        );
        assert_eq!(
            slug("Drone attack kills 12 in Kharkiv"),
            "drone-attack-kills-12-in-kharkiv"
        );
    }

    #[test]
    fn seeds_of_neighbouring_articles_differ() {
        assert_ne!(mix_seed(1, 0), mix_seed(1, 1));
        assert_ne!(mix_seed(1, 0), mix_seed(2, 0));
    }
}
