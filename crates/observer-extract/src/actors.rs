//! Actor layer: countries, demonyms and capitals, armed forces and ministries, named officials with
//! their titles, organisations and armed groups, generic groups ("rebels", "civilians"), and light
//! coreference within an article ("the ministry", "Aliyev", "he", "his country").

use crate::lexicon::{Found, has_word, match_key};
use crate::lexicons::{Lexicons, OrgEntry, WordClass};
use observer_model::Actor;
use observer_text::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Country,
    Capital,
    Org,
    Person,
    Group,
    Pronoun,
}

/// An actor found in a sentence: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct ActorSpan {
    pub start: usize,
    pub end: usize,
    pub actor: Actor,
    pub kind: ActorKind,
    pub rule: String,
    /// Index of the first actor of a coordination ("Armenia and Azerbaijan") this one belongs to.
    pub group: usize,
    /// Written as a demonym or possessive ("Azeri", "Russia's"): it can modify an event noun
    /// ("Azeri attacks") and then names who did it.
    pub adjectival: bool,
}

/// What the actor layer remembers across the sentences of one article.
#[derive(Debug, Default)]
pub struct ActorMemory {
    persons: Vec<(String, Actor)>,
    last_person: Option<Actor>,
    by_role: Vec<Actor>,
    /// The last organisation, or country with a role, named: what "It said" refers to.
    last_institution: Option<Actor>,
    /// Sentences left in which "them" can still mean the pair last named ("both countries"):
    /// that sentence and the next.
    pair_recent: u8,
}

impl ActorMemory {
    fn remember(&mut self, span: &ActorSpan) {
        if span.actor.role.as_deref() == Some(SIDES) {
            self.pair_recent = 2;
        }
        match span.kind {
            ActorKind::Person => {
                if let Some(surname) = span.actor.name.split_whitespace().last() {
                    let key = surname.to_lowercase();
                    self.persons.retain(|(k, _)| *k != key);
                    self.persons.push((key, span.actor.clone()));
                }
                self.last_person = Some(span.actor.clone());
            }
            ActorKind::Country | ActorKind::Org | ActorKind::Capital
                if span.actor.role.is_some() =>
            {
                if span.actor.country.is_some() {
                    self.by_role.push(span.actor.clone());
                }
                if span.actor.role.as_deref() != Some("MED") {
                    self.last_institution = Some(span.actor.clone());
                }
                // "Ukraine's human rights commissioner said ... He urged": an official named by
                // country and title is who "he" is.
                if span.kind == ActorKind::Country && span.actor.title.is_some() {
                    self.last_person = Some(span.actor.clone());
                }
            }
            // "the regional governor said ... he said": an unnamed official is who "he" is.
            ActorKind::Group if span.actor.title.is_some() => {
                self.last_person = Some(span.actor.clone());
            }
            _ => {}
        }
    }

    fn recent_with_role(&self, role: &str) -> Option<&Actor> {
        self.by_role
            .iter()
            .rev()
            .find(|a| a.role.as_deref() == Some(role))
    }

    /// What "the army" or "the coalition" refers to: for a role's plain noun ("the ministry"), the
    /// last actor of that role; for a distinctive one ("coalition"), the last named with it ("the
    /// Saudi-led coalition").
    fn recall(&self, role: &str, label: &str, plain: bool) -> Option<&Actor> {
        if plain {
            return self.recent_with_role(role);
        }
        self.by_role
            .iter()
            .rev()
            .find(|a| a.role.as_deref() == Some(role) && a.name.ends_with(label))
    }
}

/// "Hamas fighters", "Wagner mercenaries", "IDF troops": an armed group's members are the group.
/// Returns the end of the role noun after an armed group's name, else `at`.
fn armed_members_end(s: &Sentence, at: usize, role: &str) -> usize {
    let lex = s.lex;
    let armed = |r: &str| matches!(r, "REB" | "MIL");
    s.roles(at)
        .filter(|f| armed(role) && armed(&lex.role_entries[f.values[0]].role))
        .filter(|f| lex.role_entries[f.values[0]].label != SITES)
        .map_or(at, |f| f.end)
}

/// The label of the role nouns that name an army's sites ("positions", "border posts"): an actor
/// only with the army named before them.
const SITES: &str = "positions";

/// Prepositions after which a country or city name is a place, not an actor.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "inside",
    "across",
    "throughout",
    "from",
    "to",
    "towards",
    "toward",
    "outside",
    "within",
    "around",
    "via",
    "through",
    "over",
    "visit",
    "visited",
    "visiting",
];

/// Capitalised words that start sentences or names but are never part of a person's name (a
/// `match`, not a list searched word by word: every capitalised token of an article is asked).
fn never_a_name(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "on"
            | "in"
            | "at"
            | "and"
            | "but"
            | "or"
            | "of"
            | "for"
            | "said"
            | "says"
            | "told"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "also"
            | "however"
            | "meanwhile"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "his"
            | "her"
            | "their"
            | "who"
    )
}

pub fn is_locative(toks: &[Token], i: usize) -> bool {
    let according_to = i >= 2 && toks[i - 2].norm == "according";
    i > 0 && LOCATIVE.contains(&toks[i - 1].norm.as_str()) && !according_to
}

/// A country or capital named as a place rather than a party: after a locative preposition, as
/// a neighbour ("the border with Somalia"), or as where a venue is ("in Samarkand, Uzbekistan").
/// The place layer keeps its own reading: the neighbour is not where the event happened.
fn names_place(toks: &[Token], i: usize) -> bool {
    is_locative(toks, i) || bordering(toks, i) || venue_country(toks, i)
}

/// "near the border with Somalia", "the frontier with Iran": the neighbour names where, not who.
fn bordering(toks: &[Token], i: usize) -> bool {
    i >= 2
        && toks[i - 1].norm == "with"
        && matches!(
            toks[i - 2].norm.as_str(),
            "border" | "borders" | "frontier" | "boundary"
        )
}

/// "met in Samarkand, Uzbekistan, and agreed": the country after a place named after a locative
/// preposition says where that place is; it is no party (unless it speaks or acts next: "in
/// Gaza, Israel said").
fn venue_country(toks: &[Token], i: usize) -> bool {
    let closes = toks.get(i + 1).is_none_or(|t| {
        matches!(
            t.norm.as_str(),
            "," | "." | ";" | "on" | "last" | "this" | "in" | "for" | "to" | "and" | "earlier"
        )
    });
    if i < 2 || toks[i - 1].norm != "," || !closes {
        return false;
    }
    // The place's name: up to three capitalised words before the comma.
    let mut k = i - 1;
    while k > 0 && i - 1 - k < 3 && toks[k - 1].capitalized && toks[k - 1].kind == TokenKind::Word {
        k -= 1;
    }
    k < i - 1 && k > 0 && LOCATIVE.contains(&toks[k - 1].norm.as_str())
}

/// A country after "at" or "to" that a verb of firing or giving, up to five words back, aims at.
pub fn is_recipient(lex: &Lexicons, toks: &[Token], i: usize) -> bool {
    let prep = toks[i - 1].norm.as_str();
    matches!(prep, "at" | "to")
        && toks[i.saturating_sub(6)..i - 1]
            .iter()
            .any(|t| lex.token_is(t, WordClass::AimedVerb))
}

/// "urged Moscow on Thursday to", "accused Kyiv again of": a capital that a day or an adverb
/// keeps from the "to" or "of" after it is still the object of an appeal or a charge.
fn object_past_adjunct(lex: &Lexicons, toks: &[Token], end: usize) -> bool {
    let word = |k: usize| toks.get(k).map_or("", |t| t.norm.as_str());
    let skip = match word(end) {
        "on" if crate::time::is_calendar_word(lex, word(end + 1)) => 2,
        "this" | "last" if matches!(word(end + 1), "week" | "month" | "year") => 2,
        "again" | "repeatedly" | "publicly" | "today" | "yesterday" => 1,
        _ => return false,
    };
    matches!(word(end + skip), "to" | "of" | "for")
}

/// A country after "from" right after a verb of firing ("rockets were fired from Lebanon",
/// "drones launched from Russia"): the side that fired, not merely a place.
pub fn is_launch_origin(toks: &[Token], i: usize) -> bool {
    i >= 2
        && toks[i - 1].norm == "from"
        && matches!(
            toks[i - 2].norm.as_str(),
            "fired" | "launched" | "shot" | "shelled"
        )
}

// Inlined: most tokens are turned away by the first two tests, asked once per token of an article.
#[inline]
fn is_name_token(lex: &Lexicons, text: &str, tok: &Token) -> bool {
    tok.kind == TokenKind::Word
        && tok.capitalized
        && !never_a_name(match_key(&tok.norm))
        && !crate::time::is_calendar_word(lex, match_key(&tok.norm))
        && text[tok.start..tok.end].chars().any(char::is_lowercase)
}

/// A possessive token ("Russia's", "the rebels'"). Token norms fold typographic apostrophes to '.
pub(crate) fn is_possessive(norm: &str) -> bool {
    norm.ends_with("'s") || norm.ends_with('\'')
}

pub(crate) fn actor_code(country: Option<&str>, role: Option<&str>) -> String {
    [country.unwrap_or("---"), role.unwrap_or("")].concat()
}

fn surface(text: &str, toks: &[Token], start: usize, end: usize) -> String {
    text[toks[start].start..toks[end - 1].end].to_string()
}

/// The longest phrase of each actor lexicon that starts at one token, where one does.
struct Starts<'l> {
    titles: Option<Found<'l, usize>>,
    roles: Option<Found<'l, usize>>,
    orgs: Option<Found<'l, usize>>,
    people: Option<Found<'l, usize>>,
    countries: Option<Found<'l, (usize, bool)>>,
    capitals: Option<Found<'l, usize>>,
    peoples: Option<Found<'l, usize>>,
}

impl Starts<'_> {
    fn any(&self) -> bool {
        self.titles.is_some()
            || self.roles.is_some()
            || self.orgs.is_some()
            || self.people.is_some()
            || self.countries.is_some()
            || self.capitals.is_some()
            || self.peoples.is_some()
    }
}

/// The words some phrase of the actor lexicons starts with (a bitset by word id, see
/// [`has_word`]): one bit test turns away a token that starts none, where each lexicon would
/// need its own.
fn actor_first_words(lex: &Lexicons) -> &[u64] {
    lex.actor_first_words.get_or_init(|| {
        let lexicons = [
            lex.titles.first_words(),
            lex.roles.first_words(),
            lex.orgs.first_words(),
            lex.people.first_words(),
            lex.countries.first_words(),
            lex.capitals.first_words(),
            lex.peoples.first_words(),
        ];
        let len = lexicons.iter().map(|bits| bits.len()).max().unwrap_or(0);
        (0..len)
            .map(|w| {
                lexicons
                    .iter()
                    .fold(0, |all, bits| all | bits.get(w).copied().unwrap_or(0))
            })
            .collect()
    })
}

/// A sentence with the phrases of the actor lexicons found at each of its tokens, looked up once:
/// the actor rules ask about the same token and the few after it again and again ("the" is asked
/// whether it starts a title or a role noun by four rules).
struct Sentence<'a> {
    lex: &'a Lexicons,
    text: &'a str,
    toks: &'a [Token],
    /// For each token, the index in `phrases` of the phrases starting at it, [`Sentence::NONE`]
    /// for the many tokens at which none starts.
    phrases_at: Vec<u32>,
    phrases: Vec<Starts<'a>>,
    /// For each token, whether it can be part of a person's name ([`is_name_token`]).
    names: Vec<bool>,
}

impl<'a> Sentence<'a> {
    /// The index of no phrases.
    const NONE: u32 = u32::MAX;

    fn new(lex: &'a Lexicons, text: &'a str, toks: &'a [Token]) -> Self {
        let first_words = actor_first_words(lex);
        let mut phrases = Vec::new();
        let phrases_at = (toks.iter().enumerate())
            .map(|(i, tok)| {
                if !has_word(first_words, tok.key) {
                    return Self::NONE;
                }
                let starts = Starts {
                    titles: lex.titles.longest_at(text, toks, i),
                    roles: lex.roles.longest_at(text, toks, i),
                    orgs: lex.orgs.longest_at(text, toks, i),
                    people: lex.people.longest_at(text, toks, i),
                    countries: lex.countries.longest_at(text, toks, i),
                    capitals: lex.capitals.longest_at(text, toks, i),
                    peoples: lex.peoples.longest_at(text, toks, i),
                };
                if !starts.any() {
                    return Self::NONE;
                }
                phrases.push(starts);
                u32::try_from(phrases.len() - 1).expect("fewer than 2^32 tokens in a sentence")
            })
            .collect();
        Sentence {
            lex,
            text,
            toks,
            phrases_at,
            phrases,
            names: toks
                .iter()
                .map(|tok| is_name_token(lex, text, tok))
                .collect(),
        }
    }

    /// The phrases starting at token `at`, if any.
    fn at(&self, at: usize) -> Option<&Starts<'a>> {
        self.phrases.get(*self.phrases_at.get(at)? as usize)
    }

    /// The longest title ("foreign minister") starting at token `at`.
    fn titles(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.titles
    }

    /// The longest role noun ("troops", "the ministry") starting at token `at`.
    fn roles(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.roles
    }

    /// The longest organisation's name starting at token `at`.
    fn orgs(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.orgs
    }

    /// The longest known office holder's name starting at token `at`.
    fn people(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.people
    }

    /// The longest country name or demonym starting at token `at`.
    fn countries(&self, at: usize) -> Option<Found<'a, (usize, bool)>> {
        self.at(at)?.countries
    }

    /// The longest capital's name starting at token `at`.
    fn capitals(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.capitals
    }

    /// The longest plural demonym ("Palestinians") starting at token `at`.
    fn peoples(&self, at: usize) -> Option<Found<'a, usize>> {
        self.at(at)?.peoples
    }

    /// Whether token `at` can be part of a person's name.
    fn is_name(&self, at: usize) -> bool {
        self.names.get(at).is_some_and(|&name| name)
    }

    /// Whether some rule of [`actor_at`] can find an actor at token `i`: most tokens start none,
    /// and are passed over without trying the rules. Each rule needs one of these at `i`: a phrase
    /// of a lexicon, a name, one of the words [`pronoun_at`], [`appealed_pronoun`] and "ethnic"
    /// (for [`countries_at`] and [`people_at`]) read, a "-led" compound ([`led_by_at`]), or the
    /// adjective of "senior officials from both sides" ([`pair_head`]) before a title or role noun.
    fn may_start_actor(&self, i: usize) -> bool {
        let tok = &self.toks[i];
        self.at(i).is_some()
            || self.names[i]
            || matches!(
                tok.norm.as_str(),
                "them" | "ethnic" | "it" | "group" | "movement" | "he" | "she" | "his" | "her"
            )
            || tok.norm.ends_with("-led")
            || (!tok.capitalized
                && tok.kind == TokenKind::Word
                && (self.titles(i + 1).is_some() || self.roles(i + 1).is_some()))
    }
}

/// Finds the actors of one sentence. `memory` carries names and roles across sentences.
pub fn find_actors(
    lex: &Lexicons,
    text: &str,
    toks: &[Token],
    memory: &mut ActorMemory,
) -> Vec<ActorSpan> {
    let s = &Sentence::new(lex, text, toks);
    let mut spans: Vec<ActorSpan> = Vec::new();
    memory.pair_recent = memory.pair_recent.saturating_sub(1);
    let mut i = 0;
    while i < toks.len() {
        if !s.may_start_actor(i) {
            i += 1;
            continue;
        }
        let before = spans.len();
        let next = actor_at(s, i, memory, &mut spans);
        let next = official_of_group(s, next, &mut spans[before..]).unwrap_or(next);
        for span in &spans[before..] {
            memory.remember(span);
        }
        i = next.max(i + 1);
    }
    spans
}

/// Tries every actor pattern at token `i`; pushes what it finds and returns the next token to look at.
fn actor_at(s: &Sentence, i: usize, memory: &ActorMemory, spans: &mut Vec<ActorSpan>) -> usize {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let group = spans.len();
    if let Some(end) = pair_at(s, i, spans) {
        return end;
    }
    if memory.pair_recent > 0 && appealed_pronoun(toks, i) {
        push_pair(text, toks, i, i + 1, String::new(), "pronoun", spans);
        return i + 1;
    }
    if let Some(found) = s.orgs(i) {
        let org = &lex.org_entries[found.values[0]];
        if let Some(end) = ruling_movement(toks, found.end, org) {
            let country = org.country.clone();
            spans.push(ActorSpan {
                start: i,
                end,
                actor: Actor {
                    text: surface(text, toks, i, end),
                    name: format!("{} government", org.name),
                    code: actor_code(country.as_deref(), Some("GOV")),
                    country,
                    role: Some("GOV".into()),
                    title: None,
                },
                kind: ActorKind::Org,
                rule: format!("organization:{}+government", org.code),
                group,
                adjectival: false,
            });
            return end;
        }
        let end = armed_members_end(s, found.end, &org.role);
        spans.push(ActorSpan {
            start: i,
            end,
            actor: Actor {
                text: surface(text, toks, i, end),
                name: org.name.clone(),
                country: org.country.clone(),
                role: Some(org.role.clone()),
                code: org.code.clone(),
                title: None,
            },
            kind: ActorKind::Org,
            rule: format!("organization:{}", org.code),
            group,
            adjectival: false,
        });
        return end;
    }
    if let Some(found) = s.people(i) {
        let person = &lex.person_entries[found.values[0]];
        spans.push(ActorSpan {
            start: i,
            end: found.end,
            actor: Actor {
                text: surface(text, toks, i, found.end),
                name: person.name.clone(),
                country: person.country.clone(),
                role: Some(person.role.clone()),
                code: actor_code(person.country.as_deref(), Some(&person.role)),
                title: Some(person.title.clone()),
            },
            kind: ActorKind::Person,
            rule: format!("person:{}", person.name),
            group,
            adjectival: false,
        });
        return found.end;
    }
    if let Some(end) = led_by_at(s, i, spans) {
        return end;
    }
    if let Some(end) = countries_at(s, i, spans) {
        return end;
    }
    if let Some(end) = people_at(s, i, spans) {
        return end;
    }
    if let Some(end) = titled_person_at(s, i, i, None, spans, group) {
        return end;
    }
    // "the regional governor", "a military spokesman": an unnamed official.
    if let Some(found) = s.titles(i) {
        let entry = &lex.title_entries[found.values[0]];
        if let Some(end) = official_of(s, i, found.end, memory, spans) {
            return end;
        }
        let head = (entry.title.as_str(), true);
        if let Some(end) = members_of_countries(s, i, found.end, &entry.role, head, spans) {
            return end;
        }
        spans.push(ActorSpan {
            start: i,
            end: found.end,
            actor: Actor {
                text: surface(text, toks, i, found.end),
                name: entry.title.to_lowercase(),
                country: None,
                role: Some(entry.role.clone()),
                code: actor_code(None, Some(&entry.role)),
                title: Some(entry.title.clone()),
            },
            kind: ActorKind::Group,
            rule: format!("title:{}", entry.title),
            group,
            adjectival: false,
        });
        return found.end;
    }
    if let Some(found) = s.capitals(i) {
        let speaks = toks.get(found.end).is_some_and(|t| {
            lex.speech.longest_at(text, toks, found.end).is_some()
                || lex.triggers.longest_at(text, toks, found.end).is_some()
                || matches!(
                    t.norm.as_str(),
                    "has" | "have" | "had" | "is" | "was" | "wants" | "will" | "would"
                )
        });
        // A capital is its government ("Baku said", "accused Moscow of", "urged Manila to")
        // except where it is a place: after "in", "to", "from", "of", or before a comma list of places.
        let prev = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
        let placed = names_place(toks, i) || matches!(prev, "of" | "near" | "outside" | "around");
        let object = toks.get(found.end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "of" | "to" | "for" | "and" | "over" | "," | "."
            )
        }) && i > 0
            && !toks[i - 1].capitalized;
        let object = object
            || (i > 0 && !toks[i - 1].capitalized && object_past_adjunct(lex, toks, found.end));
        if (speaks || object) && !placed {
            let country = &lex.country_entries[found.values[0]];
            spans.push(ActorSpan {
                start: i,
                end: found.end,
                actor: Actor {
                    text: surface(text, toks, i, found.end),
                    name: format!("{} government", country.name),
                    country: Some(country.iso3.clone()),
                    role: Some("GOV".into()),
                    code: actor_code(Some(&country.iso3), Some("GOV")),
                    title: None,
                },
                kind: ActorKind::Capital,
                rule: format!("capital:{}", country.iso3),
                group,
                adjectival: false,
            });
            return found.end;
        }
    }
    if let Some(end) = named_person_at(s, i, memory, spans, group) {
        return end;
    }
    if let Some(end) = pronoun_at(lex, toks, i, memory, spans, group) {
        return end;
    }
    if let Some(found) = s.roles(i).filter(|f| s.orgs(f.end).is_none()) {
        let entry = &lex.role_entries[found.values[0]];
        let state_role = matches!(entry.role.as_str(), "GOV" | "MIL" | "COP");
        let head = (entry.label.as_str(), false);
        if let Some(end) = state_role
            .then(|| members_of_countries(s, i, found.end, &entry.role, head, spans))
            .flatten()
        {
            return end;
        }
        let definite = i > 0 && matches!(toks[i - 1].norm.as_str(), "the" | "its");
        // "Armenian positions", "its positions" are an army's; "positions near the town" name no one.
        let site = entry.label == SITES;
        if site && !(i > 0 && matches!(toks[i - 1].norm.as_str(), "its" | "their")) {
            return i + 1;
        }
        let plain = site
            || lex
                .role_entries
                .iter()
                .find(|r| r.role == entry.role)
                .is_some_and(|r| r.label == entry.label);
        // "the ministry" needs its article; "coalition jets" is the coalition named before.
        let recalled = (definite || !plain)
            .then(|| memory.recall(&entry.role, &entry.label, plain))
            .flatten()
            .filter(|_| matches!(entry.role.as_str(), "GOV" | "MIL"));
        // "Azerbaijan said several of its servicemen had died": "its" is a party named before in
        // the sentence, not the army the article last named.
        let possessor = (i > 0
            && matches!(toks[i - 1].norm.as_str(), "its" | "their")
            && matches!(entry.role.as_str(), "GOV" | "MIL" | "COP"))
        .then(|| {
            spans
                .iter()
                .rev()
                .find(|s| s.actor.country.is_some() && s.actor.role.as_deref() != Some(SIDES))
        })
        .flatten();
        let (actor, rule) = match (possessor, recalled) {
            (Some(owner), _) => {
                let country = owner.actor.country.clone().unwrap_or_default();
                (
                    Actor {
                        text: surface(text, toks, i, found.end),
                        name: format!("{country} {}", entry.label),
                        code: actor_code(Some(&country), Some(&entry.role)),
                        country: Some(country),
                        role: Some(entry.role.clone()),
                        title: None,
                    },
                    format!("coref:its:{}", entry.role),
                )
            }
            (None, Some(prev)) => (
                Actor {
                    text: surface(text, toks, i, found.end),
                    ..prev.clone()
                },
                format!("coref:role:{}", entry.role),
            ),
            (None, None) => (
                Actor {
                    text: surface(text, toks, i, found.end),
                    name: entry.label.clone(),
                    country: None,
                    role: Some(entry.role.clone()),
                    code: actor_code(None, Some(&entry.role)),
                    title: None,
                },
                format!("role:{}", entry.role),
            ),
        };
        // "jihadist fighters", "rebel militiamen": one armed group, not two.
        let end = armed_members_end(s, found.end, &entry.role);
        spans.push(ActorSpan {
            start: i,
            end,
            actor: Actor {
                text: surface(text, toks, i, end),
                ..actor
            },
            kind: ActorKind::Group,
            rule,
            group,
            adjectival: false,
        });
        return end;
    }
    i + 1
}

/// The role code of phrases naming the article's two parties together ("both sides", "the two
/// leaders"); frame building replaces such an actor by the article's pair.
pub const SIDES: &str = "SIDES";

/// The head noun a pair is named by, with the role its members act in: a title ("presidents",
/// "chief negotiators") or a role noun ("officials", "delegations") at `at`, after at most one
/// lower-case adjective.
fn pair_head(s: &Sentence, at: usize) -> Option<(usize, String)> {
    let (lex, toks) = (s.lex, s.toks);
    let noun = |at: usize| {
        if let Some(f) = s.titles(at) {
            return Some((f.end, lex.title_entries[f.values[0]].role.clone()));
        }
        let f = s.roles(at)?;
        let role = &lex.role_entries[f.values[0]].role;
        matches!(role.as_str(), "GOV" | "MIL").then(|| (f.end, role.clone()))
    };
    noun(at).or_else(|| {
        let adjective = toks
            .get(at)
            .is_some_and(|t| !t.capitalized && t.kind == TokenKind::Word);
        adjective.then(|| noun(at + 1)).flatten()
    })
}

/// "Both sides", "the two leaders", "the two countries' presidents", "officials from the two
/// sides": the article's two parties named together. The span's role is [`SIDES`]; its code
/// carries the role of the noun naming them ("---SIDESGOV" for "the two sides' negotiators"), if any.
fn pair_at(s: &Sentence, i: usize, spans: &mut Vec<ActorSpan>) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let sides_at = |at: usize| {
        s.roles(at)
            .filter(|f| lex.role_entries[f.values[0]].role == SIDES)
    };
    // "officials from the two sides", "the foreign ministers of both countries".
    let members = pair_head(s, i).and_then(|(end, role)| {
        let linked = toks
            .get(end)
            .is_some_and(|t| matches!(t.norm.as_str(), "from" | "of"));
        let sides = sides_at(end + 1).filter(|_| linked)?;
        Some((sides.end, role, "members-of"))
    });
    let (end, head, rule) = match members {
        Some(found) => found,
        None => {
            let sides = sides_at(i)?;
            let label = &lex.role_entries[sides.values[0]].label;
            // "the two countries' presidents": the pair's officials.
            let possessive = is_possessive(&toks[sides.end - 1].norm);
            match pair_head(s, sides.end).filter(|_| possessive) {
                Some((end, role)) => (end, role, "possessive"),
                None => (sides.end, label.clone(), "phrase"),
            }
        }
    };
    // The generic row's label ("both sides") names no role.
    let head = if lex.role_entries.iter().any(|r| r.role == head) {
        head
    } else {
        String::new()
    };
    push_pair(text, toks, i, end, head, rule, spans);
    Some(end)
}

/// "The Taliban government in Kabul", "the Taliban administration": a movement that rules its
/// country speaks as that country's government. Returns the end of the phrase.
fn ruling_movement(toks: &[Token], end: usize, org: &OrgEntry) -> Option<usize> {
    (org.role == "REB"
        && org.country.is_some()
        && toks.get(end).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "government" | "administration" | "authorities"
            )
        }))
    .then_some(end + 1)
}

/// "Russia, which has bases in both countries, called on them to settle the dispute": "them"
/// as the object of an appeal, with a pair named in this sentence or the one before, is that pair.
fn appealed_pronoun(toks: &[Token], i: usize) -> bool {
    let word = |k: usize| toks.get(k).map_or("", |t| t.norm.as_str());
    word(i) == "them"
        && i > 0
        && (matches!(
            word(i - 1),
            "urged" | "urging" | "urges" | "pressed" | "implored"
        ) || (i > 1
            && word(i - 1) == "on"
            && matches!(word(i - 2), "called" | "calling" | "calls"))
            || (i > 1 && word(i - 1) == "to" && matches!(word(i - 2), "appealed" | "appealing")))
}

/// Pushes the span of a pair of parties ([`SIDES`]) over tokens `[start, end)`; `head` is the
/// role of the noun naming them, if any.
fn push_pair(
    text: &str,
    toks: &[Token],
    i: usize,
    end: usize,
    head: String,
    rule: &str,
    spans: &mut Vec<ActorSpan>,
) {
    spans.push(ActorSpan {
        start: i,
        end,
        actor: Actor {
            text: surface(text, toks, i, end),
            name: "both sides".into(),
            country: None,
            role: Some(SIDES.into()),
            code: format!("{}{head}", actor_code(None, Some(SIDES))),
            title: None,
        },
        kind: ActorKind::Group,
        rule: format!(
            "pair:{rule}{}",
            if head.is_empty() {
                String::new()
            } else {
                format!(":{head}")
            }
        ),
        group: spans.len(),
        adjectival: false,
    });
}

/// "The Saudi-led coalition", "US-led forces", "Hamas-led fighters", "the NATO-led mission": a force
/// led by a state or group acts for it (its country, and the role of the noun it leads, else of the
/// group). Other compounds ("Iranian-backed militias", "Russian-allied") name a patron, not the
/// actor, and give no actor here.
fn led_by_at(s: &Sentence, i: usize, spans: &mut Vec<ActorSpan>) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let tok = &toks[i];
    let leader_text = tok.norm.strip_suffix("-led")?;
    let leader_end = tok.start + leader_text.len();
    let inner = lex.vocab.tokens(text, tok.start, leader_end);
    let whole = |end: usize| end == inner.len();
    let (name, country, leader_role, rule) = if let Some(f) = lex
        .countries
        .longest_at(text, &inner, 0)
        .filter(|f| whole(f.end))
    {
        let c = &lex.country_entries[f.values[0].0];
        (
            c.name.clone(),
            Some(c.iso3.clone()),
            None,
            format!("led-by:{}", c.iso3),
        )
    } else {
        let f = lex
            .orgs
            .longest_at(text, &inner, 0)
            .filter(|f| whole(f.end))?;
        let org = &lex.org_entries[f.values[0]];
        let rule = format!("led-by:organization:{}", org.code);
        (org.name.clone(), org.country.clone(), Some(org), rule)
    };
    let led = s
        .roles(i + 1)
        .map(|f| (&lex.role_entries[f.values[0]], f.end));
    let (role, label, end) = match (led, leader_role) {
        // "the NATO-led KFOR mission", "Hamas-led fighters": the group itself.
        (_, Some(org)) => (org.role.clone(), None, led.map_or(i + 1, |(_, end)| end)),
        (Some((entry, end)), None) => (entry.role.clone(), Some(entry.label.clone()), end),
        (None, None) => return None,
    };
    let code = match leader_role {
        Some(org) => org.code.clone(),
        None => actor_code(country.as_deref(), Some(&role)),
    };
    spans.push(ActorSpan {
        start: i,
        end,
        actor: Actor {
            text: surface(text, toks, i, end),
            name: label.map_or(name.clone(), |l| format!("{name} {l}")),
            country,
            role: Some(role),
            code,
            title: None,
        },
        kind: ActorKind::Org,
        rule,
        group: spans.len(),
        adjectival: false,
    });
    Some(end)
}

/// "A Houthi spokesman", "a coalition spokesman", "a senior Hezbollah official", "Hamas leader
/// Ismail Haniyeh": an official named after a group speaks for the group, so the group's span takes
/// in the title (and the name after it).
fn official_of_group(s: &Sentence, at: usize, found: &mut [ActorSpan]) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let [body] = found else {
        return None;
    };
    let speaks_for_group = matches!(body.kind, ActorKind::Org | ActorKind::Group)
        && body.actor.title.is_none()
        && body.end == at;
    let title = s.titles(at).filter(|_| speaks_for_group)?;
    let entry = &lex.title_entries[title.values[0]];
    let end = name_end(s, title.end);
    body.end = end;
    body.actor.text = surface(text, toks, body.start, end);
    body.actor.title = Some(entry.title.clone());
    if end > title.end {
        body.actor.name = surface(text, toks, title.end, end);
        body.kind = ActorKind::Person;
    }
    body.rule = format!("{}+title:{}", body.rule, entry.title);
    Some(end)
}

/// "A spokesman for the UN secretary-general", "a spokesman of the army": an unnamed official
/// speaks for the body named after "for" or "of", and is coded as that body, with the title kept.
fn official_of(
    s: &Sentence,
    i: usize,
    title_end: usize,
    memory: &ActorMemory,
    spans: &mut Vec<ActorSpan>,
) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let entry = &lex.title_entries[s.titles(i)?.values[0]];
    // "a spokesman for the army"; "a commander of Hezbollah's rocket unit", "the head of the
    // IAEA": any official of an organisation speaks and acts for it.
    let link = toks.get(title_end)?.norm.as_str();
    let spokesperson = entry.title == "Spokesperson";
    if !(link == "of" || (spokesperson && link == "for")) {
        return None;
    }
    let mut at = title_end + 1;
    if toks.get(at).is_some_and(|t| t.norm == "the") {
        at += 1;
    }
    let mut body = Vec::new();
    let end = actor_at(s, at, memory, &mut body);
    // Any official of a body with a role; other titles only of a named organisation (a country
    // is read by [`members_of_countries`]).
    let first = body.first().filter(|b| {
        b.start == at
            && b.actor.role.is_some()
            && (spokesperson || matches!(b.kind, ActorKind::Org))
    })?;
    spans.push(ActorSpan {
        start: i,
        end: first.end,
        actor: Actor {
            text: surface(text, toks, i, first.end),
            title: Some(entry.title.clone()),
            ..first.actor.clone()
        },
        kind: first.kind,
        rule: format!("title:{}+for:{}", entry.title, first.rule),
        group: spans.len(),
        adjectival: false,
    });
    Some(end.max(first.end))
}

/// "Azerbaijani forces", "Armenia's Foreign Minister Zohrab Mnatsakanyan", "ethnic Armenian
/// officials", "the Armenian and Azeri foreign ministers", or a bare country used as an actor.
fn countries_at(s: &Sentence, i: usize, spans: &mut Vec<ActorSpan>) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    // "ethnic Armenian": the country of the people, not of the state.
    let country_at = |at: usize| -> Option<(bool, usize, (usize, bool))> {
        let ethnic = toks.get(at).is_some_and(|t| t.norm == "ethnic");
        let from = if ethnic { at + 1 } else { at };
        let found = s.countries(from)?;
        let possessive = is_possessive(&toks[found.end - 1].norm);
        let (index, demonym) = found.values[0];
        Some((ethnic, found.end, (index, demonym || possessive)))
    };
    let (ethnic, first_end, first) = country_at(i)?;
    // "the Saudi city of Jeddah", "Syrian territory": a place, not an actor ("Turkish border
    // guards" are still guards).
    let place_noun = toks
        .get(first_end)
        .is_some_and(|t| lex.token_is(t, WordClass::PlaceNoun))
        && s.roles(first_end).is_none();
    // "Port Sudan", "South Sudan" as part of a longer place name.
    let inside_place = i > 0
        && toks[i - 1].capitalized
        && lex
            .places
            .longest_at(text, toks, i - 1)
            .is_some_and(|p| p.end >= first_end);
    if place_noun || inside_place {
        return None;
    }
    // "in Armenia" is a place; "in Israeli shelling" still names who shelled, and "fired at
    // Russia", "supply arms to Israel" whom it was done to.
    if names_place(toks, i) && !first.1 && !is_recipient(lex, toks, i) && !is_launch_origin(toks, i)
    {
        return None;
    }
    // "Azerbaijan's ally Turkey": the actor is the ally.
    let relation = toks.get(first_end).is_some_and(|t| {
        matches!(
            t.norm.as_str(),
            "ally" | "allies" | "neighbour" | "neighbor" | "partner" | "rival"
        )
    });
    if first.1 && relation && country_at(first_end + 1).is_some() {
        return None;
    }
    // "Russia's TASS news agency", "Yemen's Houthi movement", "the Pakistani Taliban": the outlet or
    // group, of the country named with it.
    if let Some(found) = s.orgs(first_end) {
        let org = &lex.org_entries[found.values[0]];
        let iso3 = &lex.country_entries[first.0].iso3;
        let country = org.country.as_ref().map(|_| iso3.clone());
        let code = if org.country.as_ref() == country.as_ref() {
            org.code.clone()
        } else {
            actor_code(country.as_deref(), Some(&org.role))
        };
        spans.push(ActorSpan {
            start: i,
            end: found.end,
            actor: Actor {
                text: surface(text, toks, i, found.end),
                name: org.name.clone(),
                country,
                role: Some(org.role.clone()),
                code,
                title: None,
            },
            kind: ActorKind::Org,
            rule: format!("country:{iso3}+organization:{}", org.code),
            group: spans.len(),
            adjectival: false,
        });
        return Some(found.end);
    }
    let mut countries = vec![(ethnic, first)];
    let mut end = first_end;
    // Coordinated countries sharing one head noun: "Armenian and Azeri foreign ministers",
    // "Azeri and ethnic Armenian forces".
    while let Some(tok) = toks.get(end) {
        if !matches!(tok.norm.as_str(), "and" | "," | "or") {
            break;
        }
        let Some((ethnic, next_end, next)) = country_at(end + 1) else {
            break;
        };
        countries.push((ethnic, next));
        end = next_end;
    }
    let group = spans.len();
    let span_start = i;
    if let Some(title_end) = s.titles(end).map(|f| f.end) {
        let name_end = name_end(s, title_end);
        if countries.len() == 1 && name_end > title_end {
            let country = &lex.country_entries[countries[0].1.0];
            return titled_person_at(s, end, span_start, Some(country.iso3.clone()), spans, group);
        }
        // A title without a name: one official per country ("the Armenian and Azeri foreign ministers").
        let entry = &lex.title_entries[s.titles(end)?.values[0]];
        for (ethnic, (c, _)) in &countries {
            let country = &lex.country_entries[*c];
            let people = if *ethnic {
                format!("ethnic {}", country.demonym)
            } else {
                country.name.clone()
            };
            spans.push(ActorSpan {
                start: span_start,
                end: title_end,
                actor: Actor {
                    text: surface(text, toks, span_start, title_end),
                    name: format!("{people} {}", entry.title.to_lowercase()),
                    country: Some(country.iso3.clone()),
                    role: Some(entry.role.clone()),
                    code: actor_code(Some(&country.iso3), Some(&entry.role)),
                    title: Some(entry.title.clone()),
                },
                kind: ActorKind::Country,
                rule: format!("country:{}+title:{}", country.iso3, entry.title),
                group,
                adjectival: false,
            });
        }
        return Some(title_end);
    }
    // "the Emirates' foreign ministry", "Ukraine's southern military command": a lone apostrophe or
    // one lower-case adjective may stand between the country and its role noun.
    let mut role_at = end;
    if toks.get(role_at).is_some_and(|t| t.norm == "'") {
        role_at += 1;
    }
    let role = s
        .roles(role_at)
        .or_else(|| {
            let adjective = toks.get(role_at).is_some_and(|t| {
                !t.capitalized
                    && t.kind == observer_text::TokenKind::Word
                    && !matches!(t.norm.as_str(), "and" | "or" | "of" | "to")
            });
            adjective.then(|| s.roles(role_at + 1)).flatten()
        })
        .map(|f| (f.end, &lex.role_entries[f.values[0]]));
    let span_end = role.map_or(end, |(e, _)| e);
    for (ethnic, (c, adjectival)) in &countries {
        let country = &lex.country_entries[*c];
        let people = if *ethnic {
            format!("ethnic {}", country.demonym)
        } else {
            country.name.clone()
        };
        let (name, role_code, rule) = match role {
            Some((_, r)) => (
                format!("{people} {}", r.label),
                Some(r.role.clone()),
                format!("country:{}+role:{}", country.iso3, r.role),
            ),
            None => (people.clone(), None, format!("country:{}", country.iso3)),
        };
        spans.push(ActorSpan {
            start: span_start,
            end: span_end,
            actor: Actor {
                text: surface(text, toks, span_start, span_end),
                name,
                code: actor_code(Some(&country.iso3), role_code.as_deref()),
                country: Some(country.iso3.clone()),
                role: role_code,
                title: None,
            },
            kind: ActorKind::Country,
            rule,
            group,
            adjectival: *adjectival && role.is_none(),
        });
    }
    Some(span_end)
}

/// "called on Russians to refuse", "ethnic Serbs protested", "three Palestinians were killed": a
/// people named by a plural demonym is that country's civilians.
fn people_at(s: &Sentence, i: usize, spans: &mut Vec<ActorSpan>) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let ethnic = toks[i].norm == "ethnic";
    let found = s.peoples(i + usize::from(ethnic))?;
    let country = &lex.country_entries[found.values[0]];
    let name = format!("{} civilians", country.demonym);
    spans.push(ActorSpan {
        start: i,
        end: found.end,
        actor: Actor {
            text: surface(text, toks, i, found.end),
            name,
            country: Some(country.iso3.clone()),
            role: Some("CVL".into()),
            code: actor_code(Some(&country.iso3), Some("CVL")),
            title: None,
        },
        kind: ActorKind::Group,
        rule: format!("people:{}", country.iso3),
        group: spans.len(),
        adjectival: false,
    });
    Some(found.end)
}

/// "The foreign ministers of Armenia and Azerbaijan", "the president of Colombia", "officials of
/// Iran's oil company": an official or a role noun, then "of" and a country, is that country's (one
/// per country named). `head` is the title, or the role noun's label, of the words `[i, head_end)`.
#[allow(clippy::too_many_arguments)]
fn members_of_countries(
    s: &Sentence,
    i: usize,
    head_end: usize,
    role: &str,
    head: (&str, bool),
    spans: &mut Vec<ActorSpan>,
) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let (label, is_title) = head;
    if toks.get(head_end)?.norm != "of" {
        return None;
    }
    // A country by its name ("of Armenia", "of Iran's oil company"), not a demonym.
    let country_at = |at: usize| {
        s.countries(at)
            .filter(|f| !f.values[0].1 || is_possessive(&toks[f.end - 1].norm))
    };
    let mut found = vec![country_at(head_end + 1)?];
    while let Some(next) = toks
        .get(found[found.len() - 1].end)
        .filter(|t| matches!(t.norm.as_str(), "and" | ","))
        .and_then(|_| country_at(found[found.len() - 1].end + 1))
    {
        found.push(next);
    }
    let end = found[found.len() - 1].end;
    let group = spans.len();
    let kind = if is_title { "title" } else { "role" };
    for f in &found {
        let country = &lex.country_entries[f.values[0].0];
        spans.push(ActorSpan {
            start: i,
            end,
            actor: Actor {
                text: surface(text, toks, i, end),
                name: format!("{} {}", country.name, label.to_lowercase()),
                country: Some(country.iso3.clone()),
                role: Some(role.to_string()),
                code: actor_code(Some(&country.iso3), Some(role)),
                title: is_title.then(|| label.to_string()),
            },
            kind: ActorKind::Country,
            rule: format!("{kind}:{label}+of-country:{}", country.iso3),
            group,
            adjectival: false,
        });
    }
    Some(end)
}

/// The end of a run of up to three name tokens starting at `i` (equal to `i` when there is none).
fn name_end(s: &Sentence, i: usize) -> usize {
    let mut end = i;
    while end < i + 3 && s.is_name(end) {
        end += 1;
    }
    end
}

/// "President Ilham Aliyev", "Secretary of State Mike Pompeo" (the title starting at `i`).
#[allow(clippy::too_many_arguments)]
fn titled_person_at(
    s: &Sentence,
    i: usize,
    span_start: usize,
    country: Option<String>,
    spans: &mut Vec<ActorSpan>,
    group: usize,
) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let found = s.titles(i)?;
    let entry = &lex.title_entries[found.values[0]];
    let end = name_end(s, found.end);
    if end == found.end {
        return None;
    }
    let name = surface(text, toks, found.end, end);
    // A known office holder named with a title but no country: "President Putin".
    let known = s.people(found.end).filter(|p| p.end == end);
    let country =
        country.or_else(|| known.and_then(|p| lex.person_entries[p.values[0]].country.clone()));
    let rule = match &country {
        Some(c) => format!("country:{c}+title:{}+name", entry.title),
        None => format!("title:{}+name", entry.title),
    };
    spans.push(ActorSpan {
        start: span_start,
        end,
        actor: Actor {
            text: surface(text, toks, span_start, end),
            name,
            code: actor_code(country.as_deref(), Some(&entry.role)),
            country,
            role: Some(entry.role.clone()),
            title: Some(entry.title.clone()),
        },
        kind: ActorKind::Person,
        rule,
        group,
        adjectival: false,
    });
    Some(end)
}

/// A person named earlier in the article ("Aliyev"), or a new name followed by an appositive title
/// ("Vasily Nebenzya, Russia's permanent representative").
fn named_person_at(
    s: &Sentence,
    i: usize,
    memory: &ActorMemory,
    spans: &mut Vec<ActorSpan>,
    group: usize,
) -> Option<usize> {
    let (lex, text, toks) = (s.lex, s.text, s.toks);
    let end = name_end(s, i);
    if end == i {
        return None;
    }
    let last = match_key(&toks[end - 1].norm);
    if let Some((_, known)) = memory.persons.iter().rev().find(|(k, _)| k == last) {
        spans.push(ActorSpan {
            start: i,
            end,
            actor: Actor {
                text: surface(text, toks, i, end),
                ..known.clone()
            },
            kind: ActorKind::Person,
            rule: "coref:name".into(),
            group,
            adjectival: false,
        });
        return Some(end);
    }
    // Appositive: NAME , [COUNTRY] TITLE
    if end - i < 2 || toks.get(end).map(|t| t.norm.as_str()) != Some(",") {
        return None;
    }
    let mut j = end + 1;
    if toks.get(j).is_some_and(|t| t.norm == "the") {
        j += 1;
    }
    let country = s.countries(j).map(|f| {
        j = f.end;
        lex.country_entries[f.values[0].0].iso3.clone()
    });
    let title = s.titles(j)?;
    let entry = &lex.title_entries[title.values[0]];
    spans.push(ActorSpan {
        start: i,
        end,
        actor: Actor {
            text: surface(text, toks, i, end),
            name: surface(text, toks, i, end),
            code: actor_code(country.as_deref(), Some(&entry.role)),
            country,
            role: Some(entry.role.clone()),
            title: Some(entry.title.clone()),
        },
        kind: ActorKind::Person,
        rule: format!("name+appositive-title:{}", entry.title),
        group,
        adjectival: false,
    });
    Some(title.end)
}

/// "he"/"she" for the last person named; "his country" for that person's country.
fn pronoun_at(
    lex: &Lexicons,
    toks: &[Token],
    i: usize,
    memory: &ActorMemory,
    spans: &mut Vec<ActorSpan>,
    group: usize,
) -> Option<usize> {
    let tok = &toks[i];
    // "It said", "It added": the institution last named.
    if tok.norm == "it" && i == 0 {
        let speaks = toks.get(i + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "said"
                    | "says"
                    | "added"
                    | "claimed"
                    | "denied"
                    | "accused"
                    | "reported"
                    | "announced"
            )
        });
        if let Some(institution) = memory.last_institution.as_ref().filter(|_| speaks) {
            spans.push(ActorSpan {
                start: i,
                end: i + 1,
                actor: Actor {
                    text: toks[i].norm.to_string(),
                    ..institution.clone()
                },
                kind: ActorKind::Pronoun,
                rule: "coref:it-said".into(),
                group,
                adjectival: false,
            });
            return Some(i + 1);
        }
    }
    // "the group said", "the movement claimed": the armed group last named.
    if matches!(tok.norm.as_str(), "group" | "movement")
        && i > 0
        && toks[i - 1].norm == "the"
        && let Some(armed) = memory.recent_with_role("REB")
    {
        spans.push(ActorSpan {
            start: i - 1,
            end: i + 1,
            actor: Actor {
                text: format!("the {}", tok.norm),
                ..armed.clone()
            },
            kind: ActorKind::Pronoun,
            rule: "coref:the-group".into(),
            group,
            adjectival: false,
        });
        return Some(i + 1);
    }
    let person = memory.last_person.as_ref()?;
    match tok.norm.as_str() {
        "he" | "she" => {
            spans.push(ActorSpan {
                start: i,
                end: i + 1,
                actor: Actor {
                    text: tok.norm.to_string(),
                    ..person.clone()
                },
                kind: ActorKind::Pronoun,
                rule: "coref:pronoun".into(),
                group,
                adjectival: false,
            });
            Some(i + 1)
        }
        "his" | "her" if toks.get(i + 1).is_some_and(|t| t.norm == "country") => {
            let country = person.country.clone()?;
            spans.push(ActorSpan {
                start: i,
                end: i + 2,
                actor: Actor {
                    text: format!("{} country", tok.norm),
                    name: lex
                        .country_entries
                        .iter()
                        .find(|c| c.iso3 == country)
                        .map_or(country.clone(), |c| c.name.clone()),
                    code: country.clone(),
                    country: Some(country),
                    role: None,
                    title: None,
                },
                kind: ActorKind::Pronoun,
                rule: "coref:his-country".into(),
                group,
                adjectival: false,
            });
            Some(i + 2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles whose sentences use every rule of [`actor_at`]: pairs, appeals to "them",
    /// organisations, office holders, "-led" forces, countries and demonyms, peoples, titles,
    /// capitals, names, pronouns and role nouns.
    const ARTICLES: &[&str] = &[
        "Senior officials from both sides met in Geneva on Monday. Russia, which has troops in \
         both countries, called on them to return to talks. Foreign Minister Sergei Lavrov said \
         the ceasefire must hold. He added that his country would send observers. Lavrov later \
         flew to Baku.",
        "The Saudi-led coalition struck a Houthi base near Hodeidah, a coalition spokesman said. \
         The group said three fighters were killed. It said the strikes hit a school. Ethnic \
         Armenian forces and Azeri troops exchanged fire, and three Palestinians were wounded.",
        "Moscow said it had not been consulted. Maria Okonjo, the regional governor, said \
         protesters had blocked the road. She urged them to disperse. The army said its \
         positions were shelled, and the ministry denied it.",
    ];

    /// The test that lets most tokens pass without trying the rules turns away no token at
    /// which a rule finds an actor.
    #[test]
    fn tokens_passed_over_start_no_actor() {
        let lex = crate::built_lexicons();
        let (mut tried, mut passed_over) = (0, 0);
        for text in ARTICLES {
            let mut memory = ActorMemory::default();
            for sentence in observer_text::sentences(text) {
                let toks = lex.vocab.tokens(text, sentence.start, sentence.end);
                let s = Sentence::new(&lex, text, &toks);
                for (i, tok) in toks.iter().enumerate() {
                    tried += 1;
                    if s.may_start_actor(i) {
                        continue;
                    }
                    passed_over += 1;
                    let mut spans = Vec::new();
                    let next = actor_at(&s, i, &memory, &mut spans);
                    assert!(
                        spans.is_empty() && next == i + 1,
                        "{:?} in {:?} was passed over but starts {spans:?}",
                        tok.norm,
                        &text[sentence.start..sentence.end]
                    );
                }
                find_actors(&lex, text, &toks, &mut memory);
            }
        }
        assert!(passed_over > 0 && passed_over < tried);
    }
}
