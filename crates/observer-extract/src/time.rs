//! Time layer: absolute and relative date expressions, anchored to the publication date.
//!
//! "on Tuesday" is the last Tuesday on or before publication, or the first on or after it when a
//! plan's words stand before it ("will meet on Tuesday", "is due to sail on Tuesday", "next
//! Tuesday"); "at the weekend" the last Saturday and Sunday; "a week earlier" counts back from
//! the date the article last spoke of; "on September 27" takes the publication year unless that
//! would put it well after publication.

use crate::lexicons::{Lexicons, WordClass};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use observer_model::{DatePrecision, EventDate};
use observer_text::{Token, TokenKind};

/// A date expression in a sentence: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct DateSpan {
    pub start: usize,
    pub end: usize,
    pub date: EventDate,
    pub rule: String,
}

/// What relative expressions are anchored to.
#[derive(Debug, Clone, Default)]
pub struct TimeContext {
    pub published: Option<NaiveDate>,
    /// The last date the article spoke of, for "a week earlier", "the next day".
    last: Option<(NaiveDate, NaiveDate)>,
    /// Whether the sentence being read has already given a date.
    dated_in_sentence: bool,
}

impl TimeContext {
    pub fn new(published: Option<NaiveDate>) -> Self {
        TimeContext {
            published,
            last: None,
            dated_in_sentence: false,
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(norm: &str) -> Option<u32> {
    let n = norm.trim_end_matches('.');
    // "mar" and "may" are words of their own, so only these spellings take them; any other
    // beginning of three letters or more stands for the first month it begins.
    match n {
        "mar" => return Some(3),
        "may" => return Some(5),
        _ if n.len() < 3 || !n.starts_with(['j', 'f', 'm', 'a', 's', 'o', 'n', 'd']) => {
            return None;
        }
        _ => {}
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(n))
        .map(|p| p as u32 + 1)
}

/// Day, month and feast names: capitalised, yet neither people nor places.
pub fn is_calendar_word(lex: &Lexicons, norm: &str) -> bool {
    weekday_of(norm).is_some() || MONTHS.contains(&norm) || lex.word_is(norm, WordClass::Feast)
}

fn weekday_of(norm: &str) -> Option<Weekday> {
    Some(match norm {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn unit_days(norm: &str) -> Option<(u32, DatePrecision)> {
    match norm {
        "day" | "days" => Some((1, DatePrecision::Day)),
        "week" | "weeks" => Some((7, DatePrecision::Week)),
        "month" | "months" => Some((30, DatePrecision::Month)),
        "year" | "years" => Some((365, DatePrecision::Year)),
        _ => None,
    }
}

fn small_number(norm: &str) -> Option<u32> {
    match norm {
        "a" | "an" | "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        "eight" => Some(8),
        "nine" => Some(9),
        "ten" => Some(10),
        n => n.parse().ok().filter(|v| *v > 0 && *v < 1000),
    }
}

/// Words that put a following day in the future.
const FUTURE: &[&str] = &[
    "will",
    "would",
    "'ll",
    "due",
    "scheduled",
    "expected",
    "planned",
    "plans",
    "shall",
    "upcoming",
];

/// Words that end the stretch of a sentence a future word can reach back over: a comma, or a
/// speech verb in the past ("said on Monday" dates the statement, whatever follows).
const FUTURE_BARRIERS: &[&str] = &[
    ",",
    ";",
    "said",
    "says",
    "told",
    "added",
    "announced",
    "reported",
    "ago",
];

/// Whether a time expression at `i` is in the future: "will host the talks in Brussels on
/// Thursday", "is due to sail at the weekend", "said its observers would visit on Wednesday".
fn is_future(toks: &[Token], i: usize) -> bool {
    // "next Tuesday", but not "the depot next to the market on Tuesday".
    let next = i > 0 && toks[i - 1].norm == "next";
    let from = i.saturating_sub(15);
    next || (from..i)
        .rev()
        .take_while(|&k| !FUTURE_BARRIERS.contains(&toks[k].norm.as_str()))
        .any(|k| {
            let w = toks[k].norm.as_str();
            // "is due to sail", but not "died due to his wounds".
            let scheduled = w != "due"
                || k.checked_sub(1).is_some_and(|b| {
                    matches!(toks[b].norm.as_str(), "is" | "are" | "was" | "were" | "be")
                });
            FUTURE.contains(&w) && scheduled
        })
}

/// The first such weekday on or after `anchor`: a truce "due to take effect on Monday" in a
/// Monday article takes effect that day.
fn next_weekday(anchor: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (wd.num_days_from_monday() + 7 - anchor.weekday().num_days_from_monday()) % 7;
    anchor
        .checked_add_days(Days::new(ahead as u64))
        .unwrap_or(anchor)
}

fn last_weekday(anchor: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    anchor
        .checked_sub_days(Days::new(back as u64))
        .unwrap_or(anchor)
}

fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((start, end))
}

/// A date of the publication year, or the year before when it would fall more than a week after
/// publication ("on December 30" in a January article).
fn year_for(published: Option<NaiveDate>, month: u32, day: u32) -> Option<i32> {
    let p = published?;
    let this_year = NaiveDate::from_ymd_opt(p.year(), month, day.min(28))?;
    let week_after = p.checked_add_days(Days::new(7))?;
    Some(if this_year > week_after {
        p.year() - 1
    } else {
        p.year()
    })
}

struct Found {
    end: usize,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    precision: DatePrecision,
    relative: bool,
    rule: &'static str,
}

impl Found {
    fn day(end: usize, d: Option<NaiveDate>, relative: bool, rule: &'static str) -> Found {
        Found {
            end,
            start_date: d,
            end_date: d,
            precision: DatePrecision::Day,
            relative,
            rule,
        }
    }
}

/// Finds and resolves the date expressions of one sentence, updating `ctx` as it goes.
pub fn find_dates(text: &str, toks: &[Token], ctx: &mut TimeContext) -> Vec<DateSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    ctx.dated_in_sentence = false;
    while i < toks.len() {
        // Tested here, before the call: most tokens start no date.
        if !may_start_date(&toks[i]) {
            i += 1;
            continue;
        }
        match date_at(text, toks, i, ctx) {
            Some(found) => {
                ctx.dated_in_sentence = true;
                let unresolved = found.relative && ctx.published.is_none();
                // Plans ("next week") are not what "hours later" or "the strike" refer back to.
                if let (Some(s), Some(e)) = (found.start_date, found.end_date)
                    && ctx.published.is_none_or(|p| s <= p)
                {
                    ctx.last = Some((s, e));
                }
                out.push(DateSpan {
                    start: i,
                    end: found.end,
                    date: EventDate {
                        start: found.start_date,
                        end: found.end_date,
                        precision: found.precision,
                        unresolved,
                    },
                    rule: format!("date:{}", found.rule),
                });
                i = found.end;
            }
            None => i += 1,
        }
    }
    out
}

/// "since then" (from the date last spoken of), "since the start of the year" (from January 1):
/// periods that run to publication.
fn since_period(toks: &[Token], i: usize, ctx: &TimeContext) -> Option<Found> {
    let p = ctx.published;
    let (start, end, precision, rule) = match norm_at(toks, i + 1) {
        "then" => (ctx.last?.0, i + 2, DatePrecision::Day, "since-then"),
        "the"
            if matches!(norm_at(toks, i + 2), "start" | "beginning")
                && norm_at(toks, i + 3) == "of"
                && matches!(norm_at(toks, i + 4), "the" | "this") =>
        {
            let p = p?;
            let start = match norm_at(toks, i + 5) {
                "year" => NaiveDate::from_ymd_opt(p.year(), 1, 1)?,
                "month" => NaiveDate::from_ymd_opt(p.year(), p.month(), 1)?,
                _ => return None,
            };
            (start, i + 6, DatePrecision::Day, "since-start-of")
        }
        _ => return None,
    };
    Some(Found {
        end,
        start_date: Some(start),
        end_date: p.or(Some(start)),
        precision,
        relative: true,
        rule,
    })
}

/// The normalised word at `i`, or "" past the end of the sentence.
pub(crate) fn norm_at(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
}

/// Whether a date expression can start at a token: a number, a capitalised day or month name, or
/// one of the few words the rules of [`date_at`] begin with. Most tokens are turned away here
/// before any rule compares them with names.
fn may_start_date(tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Number => true,
        TokenKind::Punct => false,
        TokenKind::Word => {
            let n0 = crate::lexicon::match_key(&tok.norm);
            matches!(
                n0,
                "today"
                    | "tonight"
                    | "overnight"
                    | "hours"
                    | "minutes"
                    | "yesterday"
                    | "since"
                    | "last"
                    | "this"
                    | "earlier"
                    | "the"
                    | "next"
                    | "past"
                    | "late"
                    | "early"
                    | "mid"
                    | "a"
                    | "an"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
            ) || n0.starts_with("mid-")
                || (tok.capitalized && (weekday_of(n0).is_some() || month_of(n0).is_some()))
        }
    }
}

fn date_at(text: &str, toks: &[Token], i: usize, ctx: &TimeContext) -> Option<Found> {
    let pubd = ctx.published;
    let n0 = crate::lexicon::match_key(norm_at(toks, i));
    // Weekdays: "Tuesday", "on Tuesday night", "last Tuesday".
    if let Some(wd) = weekday_of(n0).filter(|_| toks[i].capitalized) {
        let mut end = i + 1;
        if matches!(
            norm_at(toks, end),
            "night" | "morning" | "evening" | "afternoon"
        ) {
            end += 1;
        }
        // "on Monday and Tuesday": both days.
        if norm_at(toks, end) == "and"
            && let Some(wd2) = weekday_of(norm_at(toks, end + 1))
        {
            let first = pubd.map(|p| last_weekday(p, wd));
            let second = first.map(|f| {
                let ahead = (wd2.num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                f.checked_add_days(Days::new(ahead as u64)).unwrap_or(f)
            });
            return Some(Found {
                end: end + 2,
                start_date: first,
                end_date: second,
                precision: DatePrecision::Day,
                relative: true,
                rule: "weekday-pair",
            });
        }
        // "on Tuesday last week": that day of the week before publication's.
        if norm_at(toks, end) == "last" && norm_at(toks, end + 1) == "week" {
            let d = pubd
                .map(|p| last_weekday(p, Weekday::Mon))
                .and_then(|m| m.pred_opt())
                .map(|sun| last_weekday(sun, wd));
            return Some(Found::day(end + 2, d, true, "weekday-last-week"));
        }
        // "due in Beirut on Thursday", "will meet on Friday", "called a strike for Sunday": the
        // next such day, not the last ("blamed for Sunday's attack" looks back).
        let set_for = i > 0 && toks[i - 1].norm == "for" && !toks[i].norm.ends_with("'s");
        let d = if set_for || is_future(toks, i) {
            pubd.map(|p| next_weekday(p, wd))
        } else {
            pubd.map(|p| last_weekday(p, wd))
        };
        return Some(Found::day(end, d, true, "weekday"));
    }
    match n0 {
        "today" | "tonight" => return Some(Found::day(i + 1, pubd, true, "today")),
        // "overnight" is the night before publication; "overnight into Tuesday" the night before Tuesday.
        "overnight" => {
            let into = matches!(norm_at(toks, i + 1), "into" | "to");
            let day = into.then(|| weekday_of(norm_at(toks, i + 2))).flatten();
            let (end_day, end) = match day {
                Some(wd) => (pubd.map(|p| last_weekday(p, wd)), i + 3),
                None => (pubd, i + 1),
            };
            return Some(Found {
                end,
                start_date: end_day.and_then(|d| d.pred_opt()),
                end_date: end_day,
                precision: DatePrecision::Day,
                relative: true,
                rule: "overnight",
            });
        }
        // "Hours later", "later that day": the day last spoken of.
        "hours" | "minutes"
            if matches!(
                norm_at(toks, i + 1),
                "later" | "earlier" | "before" | "after"
            ) =>
        {
            let (s, e) = ctx
                .last
                .or(pubd.map(|p| (p, p)))
                .map_or((None, None), |(s, e)| (Some(s), Some(e)));
            return Some(Found {
                end: i + 2,
                start_date: s,
                end_date: e,
                precision: DatePrecision::Day,
                relative: true,
                rule: "same-day",
            });
        }
        "yesterday" => {
            return Some(Found::day(
                i + 1,
                pubd.and_then(|p| p.pred_opt()),
                true,
                "yesterday",
            ));
        }
        _ => {}
    }
    let n1 = norm_at(toks, i + 1);
    let n2 = norm_at(toks, i + 2);
    if n0 == "since"
        && let Some(found) = since_period(toks, i, ctx)
    {
        return Some(found);
    }
    if matches!(n0, "last" | "this" | "earlier" | "the" | "next" | "past") {
        // "last week", "this month", "the weekend", "earlier this week", "last night"
        let (unit, mut end) = if n0 == "earlier" && n1 == "this" {
            (n2, i + 3)
        } else {
            (n1, i + 2)
        };
        // "last week's operation", "the weekend's clashes": the possessive dates the same span.
        let unit = unit.strip_suffix("'s").unwrap_or(unit);
        let this = n0 != "last";
        // "next week", "this week" in a sentence about plans, "due ... at the weekend".
        // Asked only where the unit needs it: "the" and "this" are common, and the test reads back.
        let ahead = || n0 == "next" || (matches!(n0, "this" | "the") && is_future(toks, i));
        // Without a publication date the expression is still recognised, but left unresolved.
        let known = pubd.is_some();
        let placeholder = NaiveDate::from_ymd_opt(2000, 1, 5);
        if let Some(p) = pubd
            .or(placeholder)
            .filter(|_| n0 != "the" || unit == "weekend")
            .filter(|_| n0 != "past" || matches!(unit, "24" | "week"))
        {
            let found = match unit {
                // "over the past week": the seven days up to publication, a period like "since".
                "week" if n0 == "past" => Some((
                    p.checked_sub_days(Days::new(7)),
                    Some(p),
                    DatePrecision::Day,
                    "since-past-week",
                )),
                // "over the past 24 hours": the day before publication and publication day.
                "24" if norm_at(toks, end) == "hours" => {
                    end += 1;
                    Some((p.pred_opt(), Some(p), DatePrecision::Day, "past-24-hours"))
                }
                "weekend" => {
                    let sun = if ahead() {
                        next_weekday(p, Weekday::Sun)
                    } else if p.weekday() == Weekday::Sat {
                        p.succ_opt().unwrap_or(p)
                    } else {
                        last_weekday(p, Weekday::Sun)
                    };
                    let sat = sun.pred_opt();
                    Some((sat, Some(sun), DatePrecision::Week, "weekend"))
                }
                "night" if n0 == "last" => {
                    Some((p.pred_opt(), p.pred_opt(), DatePrecision::Day, "last-night"))
                }
                "week" => {
                    let monday = last_weekday(p, Weekday::Mon);
                    let sunday = monday.checked_add_days(Days::new(6));
                    let (s, e) = if n0 == "next" {
                        (
                            monday.checked_add_days(Days::new(7)),
                            monday.checked_add_days(Days::new(13)),
                        )
                    } else if ahead() {
                        (Some(monday), sunday)
                    } else if this {
                        (Some(monday), Some(p))
                    } else {
                        (monday.checked_sub_days(Days::new(7)), monday.pred_opt())
                    };
                    Some((s, e, DatePrecision::Week, "week"))
                }
                "month" => {
                    let base = match n0 {
                        "next" => p.checked_add_months(Months::new(1)),
                        "last" => p.checked_sub_months(Months::new(1)),
                        _ => Some(p),
                    };
                    base.and_then(|b| month_range(b.year(), b.month()))
                        .map(|(s, e)| {
                            (
                                Some(s),
                                Some(if this && !ahead() { p.min(e) } else { e }),
                                DatePrecision::Month,
                                "month",
                            )
                        })
                }
                "year" => {
                    let y = match n0 {
                        "next" => p.year() + 1,
                        "last" => p.year() - 1,
                        _ => p.year(),
                    };
                    let s = NaiveDate::from_ymd_opt(y, 1, 1);
                    let e = NaiveDate::from_ymd_opt(y, 12, 31)
                        .map(|e| if this && !ahead() { p.min(e) } else { e });
                    Some((s, e, DatePrecision::Year, "year"))
                }
                _ => None,
            };
            if let Some((s, e, precision, rule)) = found {
                let (s, e) = if known { (s, e) } else { (None, None) };
                return Some(Found {
                    end,
                    start_date: s,
                    end_date: e,
                    precision,
                    relative: true,
                    rule,
                });
            }
        }
    }
    // "a week earlier", "two days ago", "three days later", "a day before"
    if let (Some(n), Some((days, precision))) = (small_number(n0), unit_days(n1)) {
        let dir = n2;
        let total = Days::new((n * days) as u64);
        let anchor = match dir {
            "ago" => pubd.map(|p| (p, p)),
            "earlier" | "before" | "later" | "after" => ctx.last.or(pubd.map(|p| (p, p))),
            _ => None,
        };
        if matches!(dir, "ago" | "earlier" | "before" | "later" | "after") {
            // "curfew on Wednesday, a day after jihadists shelled a camp": what follows "after"
            // happened a day before the date just given, not a day after it.
            let leads_a_clause = matches!(dir, "after" | "before")
                && ctx.dated_in_sentence
                && toks.get(i + 3).is_some_and(|t| t.kind == TokenKind::Word);
            let forward = matches!(dir, "later" | "after") != leads_a_clause;
            let shift = |d: NaiveDate| {
                if forward {
                    d.checked_add_days(total)
                } else {
                    d.checked_sub_days(total)
                }
            };
            let (s, e) = anchor.map_or((None, None), |(s, e)| (shift(s), shift(e)));
            let rule = if dir == "ago" {
                "ago"
            } else {
                "relative-to-previous"
            };
            return Some(Found {
                end: i + 3,
                start_date: s,
                end_date: e,
                precision,
                relative: true,
                rule,
            });
        }
    }
    // ISO dates: 2020-10-20
    if toks[i].kind == TokenKind::Number && n0.len() == 4 && n1 == "-" {
        let raw = &text[toks[i].start..toks.get(i + 4).map_or(toks[i].end, |t| t.end)];
        if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Some(Found::day(i + 5, Some(d), false, "iso"));
        }
    }
    // "late September", "early October", "mid-October"
    let (part, m_at) = match n0 {
        "late" | "early" | "mid" | "mid-" => (Some(n0), i + 1),
        _ if n0.starts_with("mid-") => (Some("mid"), i),
        _ => (None, i),
    };
    let month_tok = if n0.starts_with("mid-") {
        n0.trim_start_matches("mid-")
    } else {
        norm_at(toks, m_at)
    };
    if let Some(month) = month_of(month_tok)
        .filter(|_| toks.get(m_at).is_some_and(|t| t.capitalized) || n0.starts_with("mid-"))
    {
        let mut end = m_at + 1;
        if norm_at(toks, end) == "." && month_tok.len() <= 4 {
            end += 1; // "Oct. 3"
        }
        // "September 27", "September 27, 2020", "Sept. 27"
        let day_after = toks
            .get(end)
            .filter(|t| t.kind == TokenKind::Number)
            .and_then(|t| t.norm.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        // "27 September"
        let explicit_year = |at: usize| -> Option<(i32, usize)> {
            let mut k = at;
            if norm_at(toks, k) == "," {
                k += 1;
            }
            // "in November last year", "on October 7 this year"
            if let (Some(p), "last" | "this", "year") =
                (pubd, norm_at(toks, k), norm_at(toks, k + 1))
            {
                let y = if norm_at(toks, k) == "last" {
                    p.year() - 1
                } else {
                    p.year()
                };
                return Some((y, k + 2));
            }
            let y: i32 = norm_at(toks, k).parse().ok()?;
            (1900..=2100).contains(&y).then_some((y, k + 1))
        };
        if let Some(day) = day_after.filter(|_| part.is_none()) {
            end += 1;
            let (year, e) = match explicit_year(end) {
                Some((y, e)) => (Some(y), e),
                None => (year_for(pubd, month, day), end),
            };
            let d = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
            return Some(Found {
                end: e,
                start_date: d,
                end_date: d,
                precision: DatePrecision::Day,
                relative: year.is_none(),
                rule: "month-day",
            });
        }
        // "in July and August 2014": two months sharing the year after the second.
        let second_month = (norm_at(toks, end) == "and")
            .then(|| {
                month_of(norm_at(toks, end + 1))
                    .filter(|_| toks.get(end + 1).is_some_and(|t| t.capitalized))
            })
            .flatten();
        let (last_month, year_at) = match second_month {
            Some(m) if explicit_year(end + 2).is_some() => (m, end + 2),
            _ => (month, end),
        };
        let (year, e) = match explicit_year(year_at) {
            Some((y, e)) => (Some(y), e),
            None => (year_for(pubd, month, 1), end),
        };
        let range = year.and_then(|y| {
            let (s, _) = month_range(y, month)?;
            let (_, e) = month_range(y, last_month)?;
            Some((s, e))
        });
        let (s, e_date) = match (range, part) {
            (Some((s, e)), Some("early")) => (
                Some(s),
                NaiveDate::from_ymd_opt(s.year(), month, 10).or(Some(e)),
            ),
            (Some((s, e)), Some("mid")) => (
                NaiveDate::from_ymd_opt(s.year(), month, 11),
                NaiveDate::from_ymd_opt(s.year(), month, 20).or(Some(e)),
            ),
            (Some((s, e)), Some(_)) => (NaiveDate::from_ymd_opt(s.year(), month, 21), Some(e)),
            (Some((s, e)), None) => (Some(s), Some(e)),
            (None, _) => (None, None),
        };
        // A bare month name that is also a word ("may", "march") needs a preposition before it.
        let needs_context = matches!(month, 3 | 5) && part.is_none() && e == end;
        let has_context = i > 0
            && matches!(
                toks[i - 1].norm.as_str(),
                "in" | "since" | "until" | "by" | "of" | "early" | "late"
            );
        if !needs_context || has_context {
            return Some(Found {
                end: e,
                start_date: s,
                end_date: e_date,
                precision: DatePrecision::Month,
                relative: year.is_none(),
                rule: "month",
            });
        }
    }
    // "27 September (2020)"
    if toks[i].kind == TokenKind::Number {
        if let (Ok(day), Some(month)) = (
            n0.parse::<u32>(),
            month_of(n1).filter(|_| toks.get(i + 1).is_some_and(|t| t.capitalized)),
        ) && (1..=31).contains(&day)
        {
            let explicit: Option<i32> = norm_at(toks, i + 2)
                .parse()
                .ok()
                .filter(|y| (1900..=2100).contains(y));
            let (year, end) = match explicit {
                Some(y) => (Some(y), i + 3),
                None => (year_for(pubd, month, day), i + 2),
            };
            let d = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
            return Some(Found {
                end,
                start_date: d,
                end_date: d,
                precision: DatePrecision::Day,
                relative: explicit.is_none(),
                rule: "day-month",
            });
        }
        // "in 2019", "since 2014", "the 1990s"
        let prev = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
        // "from 2008 to 2014"
        if prev == "from" && norm_at(toks, i + 1) == "to" {
            let (a, b) = (
                n0.parse::<i32>().ok(),
                norm_at(toks, i + 2).parse::<i32>().ok(),
            );
            if let (Some(a), Some(b)) = (a, b)
                && (1900..=2100).contains(&a)
                && (a..=2100).contains(&b)
            {
                return Some(Found {
                    end: i + 3,
                    start_date: NaiveDate::from_ymd_opt(a, 1, 1),
                    end_date: NaiveDate::from_ymd_opt(b, 12, 31),
                    precision: DatePrecision::Year,
                    relative: false,
                    rule: "year-range",
                });
            }
        }
        if matches!(prev, "in" | "since" | "during" | "until" | "of" | "the") {
            let decade = n0.strip_suffix('s').filter(|d| d.ends_with('0'));
            if let Ok(y) = decade.unwrap_or(n0).parse::<i32>()
                && (1900..=2100).contains(&y)
            {
                let last = if decade.is_some() { y + 9 } else { y };
                return Some(Found {
                    end: i + 1,
                    start_date: NaiveDate::from_ymd_opt(y, 1, 1),
                    end_date: NaiveDate::from_ymd_opt(last, 12, 31),
                    precision: DatePrecision::Year,
                    relative: false,
                    rule: if decade.is_some() { "decade" } else { "year" },
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(
        text: &str,
        published: Option<&str>,
    ) -> Vec<(String, Option<String>, Option<String>, DatePrecision)> {
        let toks = observer_text::tokens(text, 0, text.len());
        let mut ctx = TimeContext::new(published.map(|p| p.parse().unwrap()));
        find_dates(text, &toks, &mut ctx)
            .into_iter()
            .map(|d| {
                (
                    text[toks[d.start].start..toks[d.end - 1].end].to_string(),
                    d.date.start.map(|s| s.to_string()),
                    d.date.end.map(|s| s.to_string()),
                    d.date.precision,
                )
            })
            .collect()
    }

    fn one(text: &str, published: &str) -> (String, String, DatePrecision) {
        let d = dates(text, Some(published));
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        (d[0].1.clone().unwrap(), d[0].2.clone().unwrap(), d[0].3)
    }

    #[test]
    fn weekdays_resolve_to_the_last_such_day() {
        // 2020-10-20 was a Tuesday.
        assert_eq!(one("clashes on Tuesday", "2020-10-20").0, "2020-10-20");
        assert_eq!(one("said on Monday", "2020-10-20").0, "2020-10-19");
        assert_eq!(one("agreed on Saturday", "2020-10-20").0, "2020-10-17");
        assert_eq!(one("late on Wednesday night", "2020-10-20").0, "2020-10-14");
    }

    #[test]
    fn weekends_weeks_and_relative_shifts() {
        let d = dates(
            "The truce took effect at the weekend and followed a deal a week earlier.",
            Some("2020-10-20"),
        );
        assert_eq!(d[0].1.as_deref(), Some("2020-10-17"));
        assert_eq!(d[0].2.as_deref(), Some("2020-10-18"));
        assert_eq!(d[1].1.as_deref(), Some("2020-10-10"));
        assert_eq!(d[1].2.as_deref(), Some("2020-10-11"));
        assert_eq!(
            one("fighting last week", "2020-10-20"),
            (
                "2020-10-12".into(),
                "2020-10-18".into(),
                DatePrecision::Week
            )
        );
        // A possessive dates the same span: "last week's raid".
        assert_eq!(
            one("during last week's raid on the camp", "2020-10-20"),
            (
                "2020-10-12".into(),
                "2020-10-18".into(),
                DatePrecision::Week
            )
        );
        assert_eq!(one("last month's protests", "2020-10-20").0, "2020-09-01");
        assert_eq!(one("two days ago", "2021-03-03").0, "2021-03-01");
        assert_eq!(one("yesterday", "2021-03-01").0, "2021-02-28");
    }

    #[test]
    fn calendar_dates_take_the_right_year() {
        assert_eq!(one("began on September 27", "2020-10-20").0, "2020-09-27");
        assert_eq!(one("on 27 September 2019", "2020-10-20").0, "2019-09-27");
        assert_eq!(one("on December 30", "2021-01-04").0, "2020-12-30");
        assert_eq!(one("on Oct. 3, 2018", "2020-10-20").0, "2018-10-03");
        let m = one("since late September", "2020-10-20");
        assert_eq!(
            (m.0.as_str(), m.1.as_str(), m.2),
            ("2020-09-21", "2020-09-30", DatePrecision::Month)
        );
        assert_eq!(
            one("in 2019", "2020-10-20"),
            (
                "2019-01-01".into(),
                "2019-12-31".into(),
                DatePrecision::Year
            )
        );
        assert_eq!(one("since the 1990s", "2020-10-20").1, "1999-12-31");
    }

    #[test]
    fn words_that_look_like_dates_are_left_alone() {
        assert!(
            dates(
                "Officials may meet. The march went ahead.",
                Some("2020-10-20")
            )
            .is_empty()
        );
        assert!(dates("He said 27 people died.", Some("2020-10-20")).is_empty());
    }

    #[test]
    fn month_names_abbreviations_and_look_alikes() {
        for (norm, month) in [
            ("january", Some(1)),
            ("jan.", Some(1)),
            ("mar", Some(3)),
            ("may", Some(5)),
            ("jun", Some(6)),
            ("sept.", Some(9)),
            ("sep", Some(9)),
            ("dec", Some(12)),
            ("ma", None),
            ("ju", None),
            ("mayor", None),
            ("octopus", None),
            ("the", None),
            ("", None),
        ] {
            assert_eq!(month_of(norm), month, "{norm}");
        }
    }

    #[test]
    fn every_date_starts_at_a_token_the_first_test_lets_through() {
        let published = NaiveDate::from_ymd_opt(2021, 3, 3);
        for text in [
            "Talks in Geneva resumed on Monday and Tuesday, a week after the clashes of late February.",
            "Overnight into Sunday, drones struck the depot; hours later the governor said 14 were hurt.",
            "The ministry said on 27 September 2020 that since the start of the year 300 had fled.",
            "Protesters will march in Dhaka next week, two days before the vote due at the weekend.",
            "Since then, from 2014 to 2019 and in the 1990s, mid-October has brought storms, yesterday too.",
            "Today the envoy, who met rebels last night and earlier this month, flies home tonight.",
            "On Oct. 3, 2018 and in July and August 2014 the UN said it may act; three years ago it did.",
        ] {
            let toks = observer_text::tokens(text, 0, text.len());
            let ctx = TimeContext::new(published);
            let mut dated = 0;
            for i in 0..toks.len() {
                if date_at(text, &toks, i, &ctx).is_some() {
                    dated += 1;
                    assert!(may_start_date(&toks[i]), "{text}: {}", toks[i].norm);
                }
            }
            assert!(dated >= 2, "{text}");
        }
    }

    #[test]
    fn without_a_publication_date_relative_dates_stay_unresolved() {
        let toks = observer_text::tokens("on Tuesday", 0, 10);
        let mut ctx = TimeContext::new(None);
        let d = find_dates("on Tuesday", &toks, &mut ctx);
        assert!(d[0].date.unresolved && d[0].date.start.is_none());
        let text = "on September 27, 2020";
        let toks = observer_text::tokens(text, 0, text.len());
        let d = find_dates(text, &toks, &mut ctx);
        assert!(!d[0].date.unresolved);
        assert_eq!(d[0].date.start.unwrap().to_string(), "2020-09-27");
    }
}
