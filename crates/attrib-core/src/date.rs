//! Dates with a precision, and durations.
//!
//! A case file writes a date as precisely as its source allows: a year
//! (`2013`), a month (`2022-07`), a day (`2022-07-15`), approximately
//! (`~2021-05`), or as a range (`2021-10 to 2022-01`). Each of these stands
//! for an interval of days; two dates are ordered only when their intervals
//! do not overlap. `2022-07` is therefore neither before nor after
//! `2022-07-15`.

use std::cmp::Ordering;
use std::fmt;

/// How precisely a calendar date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// One calendar date as written: `2022`, `2022-07`, `2022-07-15`, with an
/// optional `~` for "approximately".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatePoint {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub approx: bool,
}

/// A date as written in a case file: one point, or a range of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub from: DatePoint,
    pub to: Option<DatePoint>,
}

/// What is wrong with a date that has the right shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Month(u32),
    Day { year: i32, month: u32, day: u32 },
    Reversed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Month(m) => write!(f, "there is no month {m:02}"),
            DateError::Day { year, month, day } => {
                write!(
                    f,
                    "{year:04}-{month:02} has {} days, not {day}",
                    days_in_month(*year, *month)
                )
            }
            DateError::Reversed => write!(f, "the range ends before it starts"),
        }
    }
}

/// How two dates relate once their precision is taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Every day the first may mean lies before every day the second may mean.
    Before,
    /// Every day the first may mean lies after every day the second may mean.
    After,
    /// The two intervals share at least one day: no order can be claimed.
    Overlaps,
}

impl DatePoint {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    pub fn validate(&self) -> Result<(), DateError> {
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
            if let Some(d) = self.day
                && (d == 0 || d > days_in_month(self.year, m))
            {
                return Err(DateError::Day {
                    year: self.year,
                    month: m,
                    day: d,
                });
            }
        }
        Ok(())
    }

    /// The first and last day (as day numbers) this point may mean.
    ///
    /// `~` widens the interval by one unit of its precision on each side:
    /// a year for `~2013`, a month for `~2021-05`, seven days for
    /// `~2022-07-15`.
    pub fn interval(&self) -> (i64, i64) {
        let (y, approx) = (self.year, self.approx);
        match (self.month, self.day) {
            (None, _) => {
                let w = i32::from(approx);
                (days_from_civil(y - w, 1, 1), days_from_civil(y + w, 12, 31))
            }
            (Some(m), None) => {
                let (sy, sm) = if approx { add_months(y, m, -1) } else { (y, m) };
                let (ey, em) = if approx { add_months(y, m, 1) } else { (y, m) };
                (
                    days_from_civil(sy, sm, 1),
                    days_from_civil(ey, em, days_in_month(ey, em)),
                )
            }
            (Some(m), Some(d)) => {
                let n = days_from_civil(y, m, d);
                let w = if approx { 7 } else { 0 };
                (n - w, n + w)
            }
        }
    }
}

impl Date {
    pub fn day(year: i32, month: u32, day: u32) -> Date {
        Date {
            from: DatePoint {
                year,
                month: Some(month),
                day: Some(day),
                approx: false,
            },
            to: None,
        }
    }

    pub fn validate(&self) -> Result<(), DateError> {
        self.from.validate()?;
        if let Some(to) = &self.to {
            to.validate()?;
            if to.interval().1 < self.from.interval().0 {
                return Err(DateError::Reversed);
            }
        }
        Ok(())
    }

    /// The first and last day this date may mean.
    pub fn interval(&self) -> (i64, i64) {
        let (start, end) = self.from.interval();
        match &self.to {
            // From the first day the start may mean to the last day the end
            // may mean: `2021 to 2021-03-02` ends on 2 March, not with its
            // start's year.
            Some(to) => (start, to.interval().1),
            None => (start, end),
        }
    }

    /// Compare, respecting precision: see [`Order`].
    pub fn order(&self, other: &Date) -> Order {
        let (a0, a1) = self.interval();
        let (b0, b1) = other.interval();
        if a1 < b0 {
            Order::Before
        } else if b1 < a0 {
            Order::After
        } else {
            Order::Overlaps
        }
    }

    /// A total order for sorting (earliest day first, then latest): never
    /// used to claim that one date is before another.
    pub fn sort_key(&self) -> (i64, i64) {
        self.interval()
    }

    /// The first day of the date as written, ignoring `~`: the anchor used
    /// to count days between dates (`2022-07` → 1 July 2022).
    pub fn anchor(&self) -> i64 {
        let p = &self.from;
        days_from_civil(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1))
    }

    /// Whole days from the anchor of `self` to the anchor of `later`.
    pub fn days_until(&self, later: &Date) -> i64 {
        later.anchor() - self.anchor()
    }
}

impl PartialOrd for Order {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let rank = |o: &Order| match o {
            Order::Before => 0,
            Order::Overlaps => 1,
            Order::After => 2,
        };
        rank(self).partial_cmp(&rank(other))
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approx {
            f.write_str("~")?;
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.from)?;
        if let Some(to) = &self.to {
            write!(f, " to {to}")?;
        }
        Ok(())
    }
}

/// A unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub const ALL: [Unit; 5] = [Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year];

    pub fn parse(word: &str) -> Option<Unit> {
        Some(match word.trim_end_matches('s') {
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return None,
        })
    }

    /// The unit in the singular; the plural adds `s`.
    pub fn word(self) -> &'static str {
        match self {
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// A length of time as written: `24 hours`, `~14 months`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub count: u32,
    pub unit: Unit,
    pub approx: bool,
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approx {
            f.write_str("~")?;
        }
        let plural = if self.count == 1 { "" } else { "s" };
        write!(f, "{} {}{}", self.count, self.unit.word(), plural)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + delta;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; the
/// day may exceed the month's length only by callers that validated it).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

pub fn iso_from_days(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Date {
        let (approx, s) = match s.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut parts = s.split('-').map(|x| x.parse::<u32>().unwrap());
        let year = parts.next().unwrap() as i32;
        Date {
            from: DatePoint {
                year,
                month: parts.next(),
                day: parts.next(),
                approx,
            },
            to: None,
        }
    }

    fn range(a: &str, b: &str) -> Date {
        Date {
            from: p(a).from,
            to: Some(p(b).from),
        }
    }

    #[test]
    fn a_month_is_not_before_a_day_inside_it() {
        assert_eq!(p("2022-07").order(&p("2022-07-15")), Order::Overlaps);
        assert_eq!(p("2022-07-15").order(&p("2022-07")), Order::Overlaps);
    }

    #[test]
    fn a_year_is_not_before_a_day_inside_it() {
        assert_eq!(p("2013").order(&p("2013-01-01")), Order::Overlaps);
        assert_eq!(p("2013").order(&p("2013-12-31")), Order::Overlaps);
        assert_eq!(p("2013").order(&p("2014-01-01")), Order::Before);
    }

    #[test]
    fn days_order_when_distinct() {
        assert_eq!(p("2022-07-15").order(&p("2022-09-07")), Order::Before);
        assert_eq!(p("2022-09-07").order(&p("2022-07-15")), Order::After);
        assert_eq!(p("2022-09-07").order(&p("2022-09-07")), Order::Overlaps);
    }

    #[test]
    fn months_order_when_distinct() {
        assert_eq!(p("2022-06").order(&p("2022-07-01")), Order::Before);
        assert_eq!(p("2022-08").order(&p("2022-07-31")), Order::After);
    }

    #[test]
    fn approximate_dates_widen() {
        // ~2021-05 may mean April to June 2021.
        assert_eq!(p("~2021-05").order(&p("2021-06-30")), Order::Overlaps);
        assert_eq!(p("~2021-05").order(&p("2021-07-01")), Order::Before);
        assert_eq!(p("~2022-07-15").order(&p("2022-07-21")), Order::Overlaps);
        assert_eq!(p("~2022-07-15").order(&p("2022-07-23")), Order::Before);
        assert_eq!(p("~2013").order(&p("2014-06")), Order::Overlaps);
        assert_eq!(p("~2021-01").order(&p("2020-12-01")), Order::Overlaps);
    }

    #[test]
    fn ranges_cover_both_ends() {
        let r = range("2021-10", "2022-01");
        assert_eq!(r.order(&p("2021-09-30")), Order::After);
        assert_eq!(r.order(&p("2021-12-25")), Order::Overlaps);
        assert_eq!(r.order(&p("2022-01-31")), Order::Overlaps);
        assert_eq!(r.order(&p("2022-02-01")), Order::Before);
        assert_eq!(
            range("2022-09-09", "2022-09-10").order(&p("2022-09-08")),
            Order::After
        );
    }

    #[test]
    fn a_range_ends_where_its_end_does() {
        // A bare year's start does not stretch the range to the year's end.
        let r = range("2021", "2021-03-02");
        assert_eq!(
            r.interval(),
            (p("2021-01-01").anchor(), p("2021-03-02").anchor())
        );
        assert_eq!(r.order(&p("2021-03-03")), Order::Before);
        let r = range("2016", "2016-06-14");
        assert_eq!(r.interval().1, p("2016-06-14").anchor());
        // A start of day precision and an end of month precision.
        assert_eq!(
            range("2021-10-05", "2022-01").interval().1,
            p("2022-01-31").anchor()
        );
    }

    #[test]
    fn validation() {
        assert!(p("2022-02-29").validate().is_err());
        assert!(p("2024-02-29").validate().is_ok());
        assert!(p("2022-13").validate().is_err());
        assert!(p("2022-04-31").validate().is_err());
        assert_eq!(
            range("2022-09-10", "2022-09-09").validate(),
            Err(DateError::Reversed)
        );
        assert!(range("2022-09", "2022-09-10").validate().is_ok());
    }

    #[test]
    fn civil_round_trip() {
        for z in -800_000..800_000 {
            if z % 997 != 0 {
                continue;
            }
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso_from_days(days_from_civil(2022, 7, 15)), "2022-07-15");
    }

    #[test]
    fn days_between() {
        assert_eq!(p("2022-07-15").days_until(&p("2022-09-07")), 54);
    }

    #[test]
    fn durations_display() {
        let d = Duration {
            count: 24,
            unit: Unit::Hour,
            approx: false,
        };
        assert_eq!(d.to_string(), "24 hours");
        assert_eq!(Unit::parse("months"), Some(Unit::Month));
    }
}
