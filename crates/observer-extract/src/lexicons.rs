//! Builds the engine's matchers from the data tables once, at start-up.

use crate::DataError;
use crate::data::{DataSource, Table};
use crate::lexicon::{PhraseMatcher, Vocabulary, match_key};
use observer_model::{CasualtyGroup, CasualtyKind, EventType};
use observer_text::Token;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TriggerEntry {
    pub id: String,
    pub event_type: EventType,
    pub mode: Option<String>,
    pub cameo: String,
    pub needs: Needs,
}

/// A condition the sentence must meet for a trigger to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Needs {
    Nothing,
    /// A truce word in the same clause as the agreeing verb ("a truce agreed on Saturday").
    TruceVerb,
    /// A truce word anywhere in the sentence.
    Truce,
    /// A person-group word shortly after ("detained three protesters").
    Person,
    /// A preposition of direction shortly after ("fired rockets at the town").
    At,
    /// A weapon word shortly before ("a drone hit an apartment block").
    Weapon,
    /// A captive word shortly after ("freed 18 hostages", "exchanged 75 prisoners").
    Captive,
    /// A verb of onset or end shortly after ("the war began", "fighting erupted"): a war named
    /// in passing ("displaced by the war") is no report of fighting.
    Onset,
    /// A cooperative act shortly after, in the same clause ("pledged to deliver aid", "promised
    /// to withdraw"): a commitment to cooperate is an agreement (PLOVER AGREE, CAMEO 03x).
    Cooperation,
    /// A truce word shortly after ("respect the truce", "abide by the ceasefire"): keeping a
    /// truce is an event only as a commitment ("said its troops would respect the truce").
    KeptTruce,
    /// No attack word shortly after ("repelled the rebels"): in "repelled an RSF attack" the
    /// attack named is the event.
    NoAttackAfter,
    /// A determiner then a hostile act named by an event noun ("called the strike a gross
    /// violation", "called the detention an abduction"): calling such an act names it, and
    /// names it as wrong.
    HostileNoun,
    /// A hostile act (an ASSAULT, COERCE, SANCTION or THREATEN trigger or event noun) later in
    /// the sentence, or a named party's coming act ("warned that Iran would close the strait"):
    /// "warned that it would strike back" is a threat, "warned that famine had spread" is not.
    HostileAfter,
}

/// A family of single words that rules test one token against (`lexicon/words.tsv`): the rule
/// is code, the words are data an analyst can extend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// "the town of X", "the X district": the name beside it is a place.
    PlaceHead,
    /// "the Krasnodar region": the name before it is a first-level division.
    Division,
    /// "the north of Syria", "parts of Ukraine".
    CountryPart,
    /// "in southern Lebanon".
    Direction,
    /// "flew to Doha": the place after it is where people go or come from.
    Motion,
    /// "Nasser Hospital": the name before it is a building or a street.
    Building,
    /// "the Litani river": the name before it is a river, sea or range.
    Landform,
    /// Capitalised at times without being a place name.
    NotPlace,
    /// "40 km", "three days": the number before it is a measure, not people.
    Unit,
    /// "bodies", "deaths": an outcome that names the dead or hurt.
    OutcomeNoun,
    /// "supplying drones": a weapon after it is handed over, not used.
    Transfer,
    /// "a stampede killed 30": a toll it takes is no attack.
    Accident,
    /// "hit a water station": aimed at the other side's civilians.
    CivilianSite,
    /// "the Israeli town of Sderot": civilians when a party qualifies it.
    Populated,
    /// "Palestinian prisoners": held or harmed, not fighters.
    CivilianPeople,
    /// "government positions", "Turkish troops": the armed forces.
    MilitaryHead,
    /// "an army camp": a military site, not a civilian one.
    MilitaryMarker,
    /// "a police checkpoint", "the army base": a site held, attacked rather than attacking.
    Facility,
    /// "the mayor's office", "the state governor": an authority of a town or region, whose acts
    /// are local, not national.
    LocalAuthority,
    /// "told reporters in Doha", "said at a news conference in Kyiv": the words between a speech
    /// verb and the place where it was spoken.
    SpeechOccasion,
    /// "the Saltivka district", "the neighbourhood of X": part of a city.
    UrbanPart,
    /// "the Saudi city of Jeddah": the demonym before it describes a place.
    PlaceNoun,
    /// "fired rockets at Israel": its "at"/"to" object is acted on, not where.
    AimedVerb,
    /// "the health ministry": a health speaker of the state.
    HealthState,
    /// "a doctors' union": a health speaker that is an association.
    HealthAssociation,
    /// "the holy month of Ramadan": a time of year, neither person nor place.
    Feast,
    /// "aid agencies", "foreign media": a voice foreign to the conflict.
    ForeignVoice,
    /// "the agency": how a body speaks of itself.
    BodyNoun,
}

impl WordClass {
    /// Each class by its name in the data file.
    const NAMED: [(&'static str, WordClass); 28] = [
        ("place_head", WordClass::PlaceHead),
        ("division", WordClass::Division),
        ("country_part", WordClass::CountryPart),
        ("direction", WordClass::Direction),
        ("motion", WordClass::Motion),
        ("building", WordClass::Building),
        ("landform", WordClass::Landform),
        ("not_place", WordClass::NotPlace),
        ("unit", WordClass::Unit),
        ("outcome_noun", WordClass::OutcomeNoun),
        ("transfer", WordClass::Transfer),
        ("accident", WordClass::Accident),
        ("civilian_site", WordClass::CivilianSite),
        ("populated", WordClass::Populated),
        ("civilian_people", WordClass::CivilianPeople),
        ("military_head", WordClass::MilitaryHead),
        ("military_marker", WordClass::MilitaryMarker),
        ("facility", WordClass::Facility),
        ("local_authority", WordClass::LocalAuthority),
        ("speech_occasion", WordClass::SpeechOccasion),
        ("urban_part", WordClass::UrbanPart),
        ("place_noun", WordClass::PlaceNoun),
        ("aimed_verb", WordClass::AimedVerb),
        ("health_state", WordClass::HealthState),
        ("health_association", WordClass::HealthAssociation),
        ("feast", WordClass::Feast),
        ("foreign_voice", WordClass::ForeignVoice),
        ("body_noun", WordClass::BodyNoun),
    ];

    #[inline]
    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// The [`WordClass`] bits of each word of `lexicon/words.tsv`, by its vocabulary id: a token is
/// tested with its key (an array look-up), no string hashed or compared.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct WordClasses(Vec<u32>);

impl WordClasses {
    fn add(&mut self, id: u32, class: WordClass) {
        let id = id as usize;
        if self.0.len() <= id {
            self.0.resize(id + 1, 0);
        }
        self.0[id] |= class.bit();
    }

    #[inline]
    fn of_key(&self, key: u32) -> u32 {
        self.0.get(key as usize).copied().unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeechKind {
    Say,
    Claim,
    Deny,
    Confirm,
    According,
    Report,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cue {
    Negation,
    Modal,
    Background,
    Cumulative,
    Disclaimer,
    Confirmation,
    PlaceAnaphor,
    PlaceRegion,
    ClauseBreak,
    Truce,
    Halt,
    /// People held captive ("prisoners", "hostages"): what a release or an exchange frees.
    Captive,
    /// Verbs of onset or end ("began", "erupted", "ended").
    Onset,
    /// A weapon word, with the index of the ASSAULT mode it implies in `Lexicons::weapon_modes`.
    Weapon(usize),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleEntry {
    pub role: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TitleEntry {
    pub role: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgEntry {
    pub code: String,
    pub name: String,
    pub country: Option<String>,
    pub role: String,
}

/// A well-known office holder from `people.tsv`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonEntry {
    pub name: String,
    pub country: Option<String>,
    pub role: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CountryEntry {
    pub iso3: String,
    pub name: String,
    /// The first demonym ("Armenian"), for peoples rather than states ("ethnic Armenian forces").
    pub demonym: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A number word, scale or bound from `quantities.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Quant {
    Number(u64),
    Scale(u64),
    Vague(u64, u64),
    Min,
    Above,
    Max,
    Below,
    Approx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceKind {
    City,
    Admin1,
    Region,
}

/// The strings of a place are borrowed from the lexicons built at compile time (there are tens of
/// thousands of places: decoding them into strings of their own was most of the start-up).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceEntry {
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    #[serde(borrow)]
    pub name: Cow<'static, str>,
    #[serde(borrow, deserialize_with = "borrowed_or_none")]
    pub country: Option<Cow<'static, str>>,
    #[serde(borrow, deserialize_with = "borrowed_or_none")]
    pub admin1: Option<Cow<'static, str>>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: u64,
    pub kind: PlaceKind,
    /// From our own alias table, which knows conflict regions better than the gazetteer.
    pub curated: bool,
}

/// An optional string borrowed from the data decoded (serde borrows a `Cow` only outside an
/// `Option`).
fn borrowed_or_none<'de: 'static, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'static, str>>, D::Error> {
    Ok(Option::<&'de str>::deserialize(deserializer)?.map(Cow::Borrowed))
}

/// Every lexicon, gazetteer and table the layers consult.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Lexicons {
    /// Every word of every phrase below; text is tokenised with [`Vocabulary::tokens`].
    pub vocab: Vocabulary,
    pub triggers: PhraseMatcher<usize>,
    pub trigger_entries: Vec<TriggerEntry>,
    pub speech: PhraseMatcher<SpeechKind>,
    pub cues: PhraseMatcher<Cue>,
    /// ASSAULT modes implied by weapon words ("" for none).
    pub weapon_modes: Vec<String>,
    pub roles: PhraseMatcher<usize>,
    pub role_entries: Vec<RoleEntry>,
    pub titles: PhraseMatcher<usize>,
    pub title_entries: Vec<TitleEntry>,
    pub orgs: PhraseMatcher<usize>,
    pub org_entries: Vec<OrgEntry>,
    pub people: PhraseMatcher<usize>,
    pub person_entries: Vec<PersonEntry>,
    /// Country index, and whether the phrase is a demonym or adjective ("Azeri", "Russian").
    pub countries: PhraseMatcher<(usize, bool)>,
    pub capitals: PhraseMatcher<usize>,
    /// A country's people by a plural demonym ("Russians", "Palestinians", "Serbs"): its index.
    pub peoples: PhraseMatcher<usize>,
    pub country_entries: Vec<CountryEntry>,
    pub quantities: PhraseMatcher<Quant>,
    pub victims: PhraseMatcher<CasualtyGroup>,
    pub outcomes: PhraseMatcher<CasualtyKind>,
    pub places: PhraseMatcher<usize>,
    /// Nouns referring back to an event of a type ("the attack", "the sanctions").
    pub event_nouns: PhraseMatcher<EventType>,
    pub place_entries: Vec<PlaceEntry>,
    pub words: WordClasses,
    /// The words a phrase of an actor lexicon starts with, as a bitset by word id: made on first
    /// use by the actor layer, which turns away most tokens with it.
    #[serde(skip)]
    pub actor_first_words: std::sync::OnceLock<Vec<u64>>,
}

fn parse_f64(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A part of `gazetteer/cities.tsv`: its rows and their places, read on the second thread at
/// start-up, so that the first thread only adds their names to the places matcher.
struct CitiesPart {
    table: Table,
    /// The column of the alternate names.
    alt_names: usize,
    /// One per row.
    entries: Vec<PlaceEntry>,
}

impl CitiesPart {
    fn read(table: Table) -> Result<CitiesPart, DataError> {
        let (id, name, alt_names, lat, lon, country, adm, pop) = (
            table.column("geonameid")?,
            table.column("name")?,
            table.column("alt_names")?,
            table.column("lat")?,
            table.column("lon")?,
            table.column("country")?,
            table.column("admin1")?,
            table.column("population")?,
        );
        let entries = (table.rows.iter())
            .map(|row| PlaceEntry {
                id: format!("geonames:{}", row.get(id)).into(),
                name: row.get(name).to_string().into(),
                country: non_empty(row.get(country)).map(Cow::Owned),
                admin1: non_empty(row.get(adm)).map(Cow::Owned),
                lat: parse_f64(row.get(lat)),
                lon: parse_f64(row.get(lon)),
                population: row.get(pop).parse().unwrap_or(0),
                kind: PlaceKind::City,
                curated: false,
            })
            .collect();
        Ok(CitiesPart {
            table,
            alt_names,
            entries,
        })
    }
}

/// Rows of `gazetteer/cities.tsv` parsed and handed over at a time: small enough that adding the
/// first part starts early, large enough that handing parts over costs nothing.
const CITY_ROWS_PER_PART: usize = 2_000;

impl Lexicons {
    /// Whether token `t` is a word of `class` as listed (a possessive "town's" is "town" only
    /// if "town's" is listed too): its key looked up, no string hashed, but for possessives.
    #[inline]
    pub fn token_is(&self, t: &Token, class: WordClass) -> bool {
        let norm = t.norm.as_bytes();
        // The key stands for the word itself unless `match_key` cut a possessive off.
        let possessive = match norm {
            [.., b'\'', b's'] | [.., b's', b'\''] => match_key(&t.norm).len() != norm.len(),
            _ => false,
        };
        let id = if possessive {
            self.vocab.id_of(&t.norm)
        } else {
            t.key
        };
        self.words.of_key(id) & class.bit() != 0
    }

    /// Whether `word` (a lower-case token norm) is a word of `class` as listed.
    pub fn word_is(&self, word: &str, class: WordClass) -> bool {
        self.words.of_key(self.vocab.id_of(word)) & class.bit() != 0
    }

    pub fn load(source: &DataSource) -> Result<Lexicons, DataError> {
        // The gazetteer is the largest data (start-up time is most of the cost of coding one
        // article). Its files are read on a second thread while the lexicons load, the cities
        // in parts that are added to the places as they come, while the next ones are read.
        std::thread::scope(|scope| {
            let (cities_tx, cities_rx) = std::sync::mpsc::sync_channel(2);
            let gazetteer = scope.spawn(move || {
                let mut unreadable = Ok(());
                source.table_in_parts("gazetteer/cities.tsv", CITY_ROWS_PER_PART, |table| {
                    match CitiesPart::read(table) {
                        // A failed send means the loading stopped on an error: stop reading too.
                        Ok(part) => cities_tx.send(part).is_ok(),
                        Err(error) => {
                            unreadable = Err(error);
                            false
                        }
                    }
                })?;
                drop(cities_tx);
                unreadable?;
                Ok::<_, DataError>((
                    source.table("gazetteer/admin1.tsv")?,
                    source.table("gazetteer/aliases.tsv")?,
                ))
            });
            let mut lex = Lexicons::load_lexicons(source)?;
            for cities in cities_rx {
                lex.add_cities(cities);
            }
            let (admin1, aliases) = gazetteer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            lex.add_admin1(&admin1)?;
            lex.add_aliases(&aliases)?;
            lex.finish();
            Ok(lex)
        })
    }

    fn load_lexicons(source: &DataSource) -> Result<Lexicons, DataError> {
        let mut lex = Lexicons::default();
        lex.load_triggers(&source.table("lexicon/triggers.tsv")?)?;
        lex.load_speech(&source.table("lexicon/speech.tsv")?)?;
        lex.load_cues(&source.table("lexicon/cues.tsv")?)?;
        lex.load_roles(&source.table("lexicon/roles.tsv")?)?;
        lex.load_titles(&source.table("lexicon/titles.tsv")?)?;
        lex.load_orgs(&source.table("lexicon/organizations.tsv")?)?;
        lex.load_people(&source.table("lexicon/people.tsv")?)?;
        lex.load_quantities(&source.table("lexicon/quantities.tsv")?)?;
        lex.load_casualties(&source.table("lexicon/casualties.tsv")?)?;
        lex.load_event_nouns(&source.table("lexicon/event_nouns.tsv")?)?;
        lex.load_words(&source.table("lexicon/words.tsv")?)?;
        lex.load_countries(
            &source.table("countries/countries.tsv")?,
            &source.table("countries/aliases.tsv")?,
        )?;
        Ok(lex)
    }

    /// Lays every matcher out for matching once its phrases are added.
    fn finish(&mut self) {
        self.triggers.finish();
        self.speech.finish();
        self.cues.finish();
        self.roles.finish();
        self.titles.finish();
        self.orgs.finish();
        self.people.finish();
        self.peoples.finish();
        self.countries.finish();
        self.capitals.finish();
        self.quantities.finish();
        self.victims.finish();
        self.outcomes.finish();
        self.places.finish();
        self.event_nouns.finish();
    }

    fn load_triggers(&mut self, t: &Table) -> Result<(), DataError> {
        let (id, ty, mode, cameo, needs, phrases) = (
            t.column("id")?,
            t.column("type")?,
            t.column("mode")?,
            t.column("cameo")?,
            t.column("needs")?,
            t.column("phrases")?,
        );
        for row in &t.rows {
            let event_type = EventType::parse(row.get(ty))
                .ok_or_else(|| t.error(row, format!("unknown PLOVER type `{}`", row.get(ty))))?;
            let needs = match row.get(needs) {
                "" => Needs::Nothing,
                "truce-verb" => Needs::TruceVerb,
                "truce" => Needs::Truce,
                "person" => Needs::Person,
                "at" => Needs::At,
                "weapon" => Needs::Weapon,
                "captive" => Needs::Captive,
                "onset" => Needs::Onset,
                "cooperation" => Needs::Cooperation,
                "kept-truce" => Needs::KeptTruce,
                "no-attack-after" => Needs::NoAttackAfter,
                "hostile-noun" => Needs::HostileNoun,
                "hostile-after" => Needs::HostileAfter,
                other => return Err(t.error(row, format!("unknown condition `{other}`"))),
            };
            let index = self.trigger_entries.len();
            self.trigger_entries.push(TriggerEntry {
                id: row.get(id).to_string(),
                event_type,
                mode: non_empty(row.get(mode)),
                cameo: row.get(cameo).to_string(),
                needs,
            });
            for phrase in row.list(phrases) {
                self.triggers.insert(&mut self.vocab, phrase, false, index);
            }
        }
        Ok(())
    }

    fn load_speech(&mut self, t: &Table) -> Result<(), DataError> {
        let (kind, phrases) = (t.column("kind")?, t.column("phrases")?);
        for row in &t.rows {
            let k = match row.get(kind) {
                "say" => SpeechKind::Say,
                "claim" => SpeechKind::Claim,
                "deny" => SpeechKind::Deny,
                "confirm" => SpeechKind::Confirm,
                "according" => SpeechKind::According,
                "report" => SpeechKind::Report,
                other => return Err(t.error(row, format!("unknown speech kind `{other}`"))),
            };
            for phrase in row.list(phrases) {
                self.speech.insert(&mut self.vocab, phrase, false, k);
            }
        }
        Ok(())
    }

    fn load_cues(&mut self, t: &Table) -> Result<(), DataError> {
        let (kind, phrases) = (t.column("kind")?, t.column("phrases")?);
        for row in &t.rows {
            let cue = match row.get(kind) {
                "negation" => Cue::Negation,
                "modal" => Cue::Modal,
                "background" => Cue::Background,
                "cumulative" => Cue::Cumulative,
                "disclaimer" => Cue::Disclaimer,
                "confirmation" => Cue::Confirmation,
                "place_anaphor" => Cue::PlaceAnaphor,
                "place_region" => Cue::PlaceRegion,
                "clause_break" => Cue::ClauseBreak,
                "truce" => Cue::Truce,
                "halt" => Cue::Halt,
                "captive" => Cue::Captive,
                "onset" => Cue::Onset,
                kind if kind.starts_with("weapon:") => {
                    let mode = kind.trim_start_matches("weapon:").to_string();
                    let index = match self.weapon_modes.iter().position(|m| *m == mode) {
                        Some(i) => i,
                        None => {
                            self.weapon_modes.push(mode);
                            self.weapon_modes.len() - 1
                        }
                    };
                    Cue::Weapon(index)
                }
                other => return Err(t.error(row, format!("unknown cue kind `{other}`"))),
            };
            for phrase in row.list(phrases) {
                self.cues.insert(&mut self.vocab, phrase, false, cue);
            }
        }
        Ok(())
    }

    fn load_roles(&mut self, t: &Table) -> Result<(), DataError> {
        let (role, label, phrases) = (t.column("role")?, t.column("label")?, t.column("phrases")?);
        for row in &t.rows {
            let index = self.role_entries.len();
            self.role_entries.push(RoleEntry {
                role: row.get(role).into(),
                label: row.get(label).into(),
            });
            for phrase in row.list(phrases) {
                self.roles.insert(&mut self.vocab, phrase, false, index);
            }
        }
        Ok(())
    }

    fn load_titles(&mut self, t: &Table) -> Result<(), DataError> {
        let (role, title, phrases) = (t.column("role")?, t.column("title")?, t.column("phrases")?);
        for row in &t.rows {
            let index = self.title_entries.len();
            self.title_entries.push(TitleEntry {
                role: row.get(role).into(),
                title: row.get(title).into(),
            });
            for phrase in row.list(phrases) {
                self.titles.insert(&mut self.vocab, phrase, false, index);
            }
        }
        Ok(())
    }

    fn load_orgs(&mut self, t: &Table) -> Result<(), DataError> {
        let (code, name, country, role, phrases) = (
            t.column("code")?,
            t.column("name")?,
            t.column("country")?,
            t.column("role")?,
            t.column("phrases")?,
        );
        for row in &t.rows {
            let index = self.org_entries.len();
            self.org_entries.push(OrgEntry {
                code: row.get(code).into(),
                name: row.get(name).into(),
                country: non_empty(row.get(country)),
                role: row.get(role).into(),
            });
            for phrase in row.list(phrases) {
                self.orgs.insert(&mut self.vocab, phrase, true, index);
            }
        }
        Ok(())
    }

    fn load_people(&mut self, t: &Table) -> Result<(), DataError> {
        let (country, role, title, names) = (
            t.column("country")?,
            t.column("role")?,
            t.column("title")?,
            t.column("names")?,
        );
        for row in &t.rows {
            let Some(name) = row.list(names).next() else {
                return Err(t.error(row, "no name"));
            };
            let index = self.person_entries.len();
            self.person_entries.push(PersonEntry {
                name: name.to_string(),
                country: non_empty(row.get(country)),
                role: row.get(role).to_string(),
                title: row.get(title).to_string(),
            });
            for phrase in row.list(names) {
                self.people.insert(&mut self.vocab, phrase, true, index);
            }
        }
        Ok(())
    }

    fn load_event_nouns(&mut self, t: &Table) -> Result<(), DataError> {
        let (ty, phrases) = (t.column("type")?, t.column("phrases")?);
        for row in &t.rows {
            let event_type = EventType::parse(row.get(ty))
                .ok_or_else(|| t.error(row, format!("unknown PLOVER type `{}`", row.get(ty))))?;
            for phrase in row.list(phrases) {
                self.event_nouns
                    .insert(&mut self.vocab, phrase, false, event_type);
            }
        }
        Ok(())
    }

    fn load_words(&mut self, t: &Table) -> Result<(), DataError> {
        let (class, words) = (t.column("class")?, t.column("words")?);
        for row in &t.rows {
            let (_, word_class) = WordClass::NAMED
                .into_iter()
                .find(|(name, _)| *name == row.get(class))
                .ok_or_else(|| t.error(row, format!("unknown word class `{}`", row.get(class))))?;
            for word in row.list(words) {
                let id = self.vocab.intern(&word.to_lowercase());
                self.words.add(id, word_class);
            }
        }
        Ok(())
    }

    fn load_quantities(&mut self, t: &Table) -> Result<(), DataError> {
        let (kind, value, phrases) = (t.column("kind")?, t.column("value")?, t.column("phrases")?);
        for row in &t.rows {
            let v = row.get(value);
            let number = || {
                v.parse::<u64>()
                    .map_err(|_| t.error(row, format!("bad value `{v}`")))
            };
            let quant = match row.get(kind) {
                "number" => Quant::Number(number()?),
                "scale" => Quant::Scale(number()?),
                "vague" => {
                    let (lo, hi) = v
                        .split_once('-')
                        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                        .ok_or_else(|| t.error(row, format!("bad range `{v}`")))?;
                    Quant::Vague(lo, hi)
                }
                "min" => Quant::Min,
                "above" => Quant::Above,
                "max" => Quant::Max,
                "below" => Quant::Below,
                "approx" => Quant::Approx,
                other => return Err(t.error(row, format!("unknown quantity kind `{other}`"))),
            };
            for phrase in row.list(phrases) {
                self.quantities
                    .insert(&mut self.vocab, phrase, false, quant);
            }
        }
        Ok(())
    }

    fn load_casualties(&mut self, t: &Table) -> Result<(), DataError> {
        let (kind, value, phrases) = (t.column("kind")?, t.column("value")?, t.column("phrases")?);
        for row in &t.rows {
            match (row.get(kind), row.get(value)) {
                ("victim", group) => {
                    let g = match group {
                        "military" => CasualtyGroup::Military,
                        "civilian" => CasualtyGroup::Civilian,
                        "unknown" => CasualtyGroup::Unknown,
                        other => return Err(t.error(row, format!("unknown group `{other}`"))),
                    };
                    for phrase in row.list(phrases) {
                        self.victims.insert(&mut self.vocab, phrase, false, g);
                    }
                }
                ("outcome", outcome) => {
                    let k = match outcome {
                        "killed" => CasualtyKind::Killed,
                        "injured" => CasualtyKind::Injured,
                        "missing" => CasualtyKind::Missing,
                        "captured" => CasualtyKind::Captured,
                        other => return Err(t.error(row, format!("unknown outcome `{other}`"))),
                    };
                    for phrase in row.list(phrases) {
                        self.outcomes.insert(&mut self.vocab, phrase, false, k);
                    }
                }
                (other, _) => return Err(t.error(row, format!("unknown kind `{other}`"))),
            }
        }
        Ok(())
    }

    fn load_countries(&mut self, t: &Table, aliases: &Table) -> Result<(), DataError> {
        let (iso3, name, official, alts, demonyms, capital, lat, lon) = (
            t.column("iso3")?,
            t.column("name")?,
            t.column("official")?,
            t.column("alt_names")?,
            t.column("demonyms")?,
            t.column("capital")?,
            t.column("lat")?,
            t.column("lon")?,
        );
        let (a_iso3, a_alias) = (aliases.column("iso3")?, aliases.column("alias")?);
        let a_kind = aliases.column("kind").ok();
        let is_demonym_alias =
            |row: &crate::data::Row| a_kind.is_some_and(|k| row.get(k) == "demonym");
        // A demonym the curated aliases give a country is that country's alone: "French" is
        // France's, not also the French Southern Territories', "American" the United States'.
        let curated_demonyms: std::collections::HashSet<String> = aliases
            .rows
            .iter()
            .filter(|row| is_demonym_alias(row))
            .flat_map(|row| row.list(a_alias).map(str::to_lowercase).collect::<Vec<_>>())
            .collect();
        for row in &t.rows {
            let index = self.country_entries.len();
            self.country_entries.push(CountryEntry {
                iso3: row.get(iso3).to_string(),
                name: row.get(name).to_string(),
                demonym: row
                    .list(demonyms)
                    .next()
                    .unwrap_or(row.get(name))
                    .to_string(),
                lat: parse_f64(row.get(lat)),
                lon: parse_f64(row.get(lon)),
            });
            let names = std::iter::once(row.get(name))
                .chain(std::iter::once(row.get(official)))
                .chain(row.list(alts));
            for phrase in names.filter(|p| !p.is_empty()) {
                self.countries
                    .insert(&mut self.vocab, phrase, true, (index, false));
            }
            for phrase in row
                .list(demonyms)
                .filter(|p| !curated_demonyms.contains(&p.to_lowercase()))
            {
                self.countries
                    .insert(&mut self.vocab, phrase, true, (index, true));
                self.add_people(phrase, index);
            }
            for cap in row.list(capital) {
                self.capitals.insert(&mut self.vocab, cap, true, index);
                // "Washington D.C." is "Washington" in copy.
                if let Some(short) = cap.strip_suffix(" D.C.").or_else(|| cap.split(',').next()) {
                    self.capitals.insert(&mut self.vocab, short, true, index);
                }
            }
        }
        for row in &aliases.rows {
            let code = row.get(a_iso3);
            let index = self
                .country_entries
                .iter()
                .position(|c| c.iso3 == code)
                .ok_or_else(|| aliases.error(row, format!("unknown country `{code}`")))?;
            let adjectival = is_demonym_alias(row);
            for alias in row.list(a_alias) {
                self.countries
                    .insert(&mut self.vocab, alias, true, (index, adjectival));
                if adjectival {
                    self.add_people(alias, index);
                }
            }
        }
        Ok(())
    }

    /// Adds the plural of a demonym naming a people ("Russian" -> "Russians", "Serb" -> "Serbs");
    /// demonyms whose plural is the word itself ("Sudanese", "French", "Swiss") name none.
    fn add_people(&mut self, demonym: &str, country: usize) {
        const SAME_IN_PLURAL: &[&str] = &["ese", "sh", "ch", "s", "x", "z"];
        let one_word = !demonym.contains([' ', '-']);
        if one_word && !SAME_IN_PLURAL.iter().any(|end| demonym.ends_with(end)) {
            let plural = format!("{demonym}s");
            self.peoples.insert(&mut self.vocab, &plural, true, country);
        }
    }

    /// Adds a part of the cities, read by [`CitiesPart::read`], to the places.
    fn add_cities(&mut self, part: CitiesPart) {
        // About two names a row, of one or two words each.
        self.places.reserve(3 * part.entries.len());
        for (entry, row) in part.entries.into_iter().zip(&part.table.rows) {
            self.add_place(entry, row.list(part.alt_names));
        }
    }

    /// Adds the first-level administrative divisions of `gazetteer/admin1.tsv` to the places.
    fn add_admin1(&mut self, admin1: &Table) -> Result<(), DataError> {
        let (country, code, name, alts, lat, lon) = (
            admin1.column("country")?,
            admin1.column("code")?,
            admin1.column("name")?,
            admin1.column("alt_names")?,
            admin1.column("lat")?,
            admin1.column("lon")?,
        );
        for row in &admin1.rows {
            // ISO 3166-2 puts a division's kind after a comma ("Dagestan, Respublika", "Murcia,
            // Región de"): news copy uses the name before it.
            let short = row.get(name).split_once(", ").map(|(head, _)| head);
            let entry = PlaceEntry {
                id: format!("admin1:{}.{}", row.get(country), row.get(code)).into(),
                name: row.get(name).to_string().into(),
                country: non_empty(row.get(country)).map(Cow::Owned),
                admin1: non_empty(row.get(name)).map(Cow::Owned),
                lat: parse_f64(row.get(lat)),
                lon: parse_f64(row.get(lon)),
                population: 0,
                kind: PlaceKind::Admin1,
                curated: false,
            };
            self.add_place(entry, row.list(alts).chain(short));
        }
        Ok(())
    }

    /// Adds the curated names of `gazetteer/aliases.tsv` to the places.
    fn add_aliases(&mut self, aliases: &Table) -> Result<(), DataError> {
        let (key, name, alts, kind, country, adm, lat, lon) = (
            aliases.column("key")?,
            aliases.column("name")?,
            aliases.column("alt_names")?,
            aliases.column("kind")?,
            aliases.column("country")?,
            aliases.column("admin1")?,
            aliases.column("lat")?,
            aliases.column("lon")?,
        );
        for row in &aliases.rows {
            let kind = match row.get(kind) {
                "city" => PlaceKind::City,
                "region" | "area" => PlaceKind::Region,
                "admin1" => PlaceKind::Admin1,
                other => return Err(aliases.error(row, format!("unknown place kind `{other}`"))),
            };
            let entry = PlaceEntry {
                id: format!("alias:{}", row.get(key)).into(),
                name: row.get(name).to_string().into(),
                country: non_empty(row.get(country)).map(Cow::Owned),
                admin1: non_empty(row.get(adm)).map(Cow::Owned),
                lat: parse_f64(row.get(lat)),
                lon: parse_f64(row.get(lon)),
                population: 0,
                kind,
                curated: true,
            };
            self.add_place(entry, row.list(alts));
        }
        Ok(())
    }

    fn add_place<'a>(&mut self, entry: PlaceEntry, alts: impl Iterator<Item = &'a str>) {
        let index = self.place_entries.len();
        let curated = entry.curated;
        // Place names are proper nouns: require their capitals in the text. Our own table may
        // also name a region by a direction and a proper noun ("southern Lebanon").
        let mut add = |name: &str| {
            let proper = name.chars().next().is_some_and(char::is_uppercase)
                || (curated && name.chars().any(char::is_uppercase));
            if proper {
                self.places.insert(&mut self.vocab, name, true, index);
                // English news mostly drops the marks ("Zvecan", "Badghis province").
                if let Some(plain) = without_diacritics(name) {
                    self.places.insert(&mut self.vocab, &plain, true, index);
                }
            }
        };
        add(&entry.name);
        alts.for_each(add);
        self.place_entries.push(entry);
    }
}

/// A Latin-script name with diacritics written without them ("Zvečan" -> "Zvecan", "Bādghīs" ->
/// "Badghis"); none for a plain ASCII name or one in another script, whose transliteration is
/// no spelling a reporter would use.
fn without_diacritics(name: &str) -> Option<String> {
    let latin = |c: char| {
        c.is_ascii()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0300}'..='\u{036F}' | '\u{1E00}'..='\u{1EFF}')
            || matches!(c, '\u{02BB}' | '\u{02BC}' | '\u{2018}' | '\u{2019}')
    };
    if name.is_ascii() || !name.chars().all(latin) {
        return None;
    }
    let plain = deunicode::deunicode(name);
    (plain != name).then_some(plain)
}
