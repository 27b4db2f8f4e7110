//! Publication dates: parsing the many ways inputs write them, and rejecting the implausible.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime};

/// Date-and-time layouts without a zone; the date is taken as written.
const NAIVE_DATETIME_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Dates written with month names ("October 20, 2020", "20 Oct 2020").
const MONTH_NAME_FORMATS: [&str; 4] = ["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y"];

/// Parses a publication date: "2020-10-20", RFC 3339 ("2020-10-20T08:30:00Z"; with an offset, the
/// date in that offset), an ISO date-time without zone, RFC 2822 ("Tue, 20 Oct 2020 08:30:00 GMT"),
/// "20201020", "October 20, 2020", "Oct 20, 2020", "20 October 2020". Surrounding space is ignored.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(date);
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(s) {
        return Some(moment.date_naive());
    }
    if let Some(moment) = NAIVE_DATETIME_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(s, format).ok())
    {
        return Some(moment.date());
    }
    if let Ok(moment) = DateTime::parse_from_rfc2822(s) {
        return Some(moment.date_naive());
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    // chrono's %B accepts both full and abbreviated month names; a trailing dot ("Oct.") is not.
    let without_dots = s.replace('.', "");
    MONTH_NAME_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&without_dots, format).ok())
}

/// Reads a publication date from an input: the date when it is usable, else `None` and a warning
/// saying why it was dropped. Dates after `today` + 1 day (room for time zones) are dropped.
pub(crate) fn checked_date(raw: &str, today: NaiveDate) -> (Option<NaiveDate>, Option<String>) {
    let Some(date) = parse_date(raw) else {
        return (None, Some(format!("unparseable publication date {raw:?}")));
    };
    if date > latest_publication_date_on(today) {
        let warning = format!("publication date {date} is in the future");
        return (None, Some(warning));
    }
    (Some(date), None)
}

/// The latest publication date accepted: tomorrow in UTC, room for time zones. A later date is in
/// the future, a mistake that would place every relative date ("on Tuesday") in it too.
pub fn latest_publication_date() -> NaiveDate {
    latest_publication_date_on(today())
}

fn latest_publication_date_on(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(Days::new(1)).unwrap_or(today)
}

/// Today's date in UTC, against which future publication dates are judged.
pub(crate) fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_every_documented_format() {
        let expected = ymd(2020, 10, 20);
        for input in [
            "2020-10-20",
            "  2020-10-20\n",
            "2020-10-20T08:30:00Z",
            "2020-10-20T08:30:00.123+04:00",
            "2020-10-20T08:30:00",
            "2020-10-20 08:30:00",
            "2020-10-20 08:30",
            "Tue, 20 Oct 2020 08:30:00 GMT",
            "Tue, 20 Oct 2020 08:30:00 +0300",
            "20201020",
            "October 20, 2020",
            "October 20 2020",
            "Oct 20, 2020",
            "Oct. 20, 2020",
            "20 October 2020",
            "20 Oct 2020",
        ] {
            assert_eq!(parse_date(input), Some(expected), "{input:?}");
        }
    }

    #[test]
    fn offsets_give_the_date_in_that_offset() {
        assert_eq!(
            parse_date("2020-10-20T23:30:00-05:00"),
            Some(ymd(2020, 10, 20))
        );
        assert_eq!(
            parse_date("2020-10-21T01:30:00+09:00"),
            Some(ymd(2020, 10, 21))
        );
        assert_eq!(
            parse_date("Wed, 21 Oct 2020 01:30:00 +0900"),
            Some(ymd(2020, 10, 21))
        );
    }

    #[test]
    fn rejects_garbage_and_impossible_dates() {
        for input in [
            "",
            "   ",
            "yesterday",
            "2020-13-01",
            "2020-02-30",
            "20201320",
            "2020102",
            "October 32, 2020",
            "2020-10-20T25:00:00Z",
            "99999999999999999999",
            "\u{0}\u{ffff}",
        ] {
            assert_eq!(parse_date(input), None, "{input:?}");
        }
    }

    #[test]
    fn future_dates_beyond_tomorrow_are_dropped_with_a_warning() {
        let today = ymd(2024, 5, 1);
        assert_eq!(checked_date("2024-05-01", today), (Some(today), None));
        assert_eq!(
            checked_date("2024-05-02", today),
            (Some(ymd(2024, 5, 2)), None)
        );
        assert_eq!(
            checked_date("2024-05-03", today),
            (
                None,
                Some("publication date 2024-05-03 is in the future".into())
            )
        );
        assert_eq!(
            checked_date("next week", today),
            (
                None,
                Some("unparseable publication date \"next week\"".into())
            )
        );
    }
}
