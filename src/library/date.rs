//! ISO dates (`YYYY-MM-DD`) to and from the index's date values (days on the UTC calendar).
use tantivy::DateTime;

/// `YYYY-MM-DD` → midnight UTC of that day.
pub fn to_index(date: &str) -> Option<DateTime> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    Some(DateTime::from_timestamp_secs(
        days_from_civil(year, month, day) * 86_400,
    ))
}

/// Midnight UTC of a day → `YYYY-MM-DD`.
pub fn from_index(value: DateTime) -> String {
    let (y, m, d) = civil_from_days(value.into_timestamp_secs().div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for date in ["1970-01-01", "1987-02-26", "2000-02-29", "2025-10-30"] {
            assert_eq!(from_index(to_index(date).unwrap()), date);
        }
        assert_eq!(days_from_civil(1970, 1, 2), 1);
    }
}
