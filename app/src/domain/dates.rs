use time::OffsetDateTime;

/// A date as people write it in the UK: "22 November 2026". Times are stored in UTC.
pub fn format_date(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(at) => format!("{} {} {}", at.day(), at.month(), at.year()),
        Err(_) => "an unknown date".to_owned(),
    }
}

/// "22 November 2026 at 5:07am (UTC)", for moments where the time matters.
pub fn format_date_time(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(_) => format!(
            "{} at {} (UTC)",
            format_date(unix_seconds),
            format_time(unix_seconds)
        ),
        Err(_) => "an unknown time".to_owned(),
    }
}

/// "2026-12-02T09:05:00Z": a moment for files a computer reads (spreadsheets, logs).
pub fn format_iso_utc(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Err(_) => String::new(),
    }
}

/// "5:07am": the time of day alone (UTC), on a twelve-hour clock.
pub fn format_time(unix_seconds: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix_seconds) {
        Ok(at) => {
            let (hour, suffix) = match at.hour() {
                0 => (12, "am"),
                h @ 1..=11 => (h, "am"),
                12 => (12, "pm"),
                h => (h - 12, "pm"),
            };
            format!("{hour}:{:02}{suffix}", at.minute())
        }
        Err(_) => "an unknown time".to_owned(),
    }
}

const DAY: i64 = 24 * 60 * 60;

/// A round's dates: "1 March 2027 to 14 March 2027" for one that runs whole days, with
/// the time where it opened or closed part way through a day (opened the moment the
/// last round closed, or closed early): "1 March 2027 to 3 March 2027 at 2:15pm (UTC)".
pub fn round_dates(opens_at: i64, closes_at: i64) -> String {
    let opens = if opens_at % DAY == 0 {
        format_date(opens_at)
    } else {
        format_date_time(opens_at)
    };
    // A round that closes at midnight closes at the end of the day before.
    let closes = if closes_at % DAY == 0 {
        format_date(closes_at - 1)
    } else {
        format_date_time(closes_at)
    };
    format!("{opens} to {closes}")
}

/// Two moments, the second said briefly when it is on the same day as the first:
/// "22 November 2026 at 3:05pm to 3:58pm (UTC)".
pub fn format_span(from: i64, to: i64) -> String {
    if format_date(from) == format_date(to) {
        format!(
            "{} at {} to {} (UTC)",
            format_date(from),
            format_time(from),
            format_time(to)
        )
    } else {
        format!("{} to {}", format_date_time(from), format_date_time(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_get_times_a_computer_reads() {
        assert_eq!(
            format_iso_utc(1_795_305_600 + 9 * 3600 + 5 * 60 + 7),
            "2026-11-22T09:05:07Z"
        );
    }

    #[test]
    fn dates_read_the_way_people_write_them() {
        assert_eq!(format_date(1_795_305_600), "22 November 2026");
    }

    #[test]
    fn times_use_a_twelve_hour_clock() {
        assert_eq!(
            format_date_time(1_795_305_600 + 5 * 3600 + 7 * 60),
            "22 November 2026 at 5:07am (UTC)"
        );
        assert_eq!(
            format_date_time(1_795_305_600),
            "22 November 2026 at 12:00am (UTC)"
        );
        assert_eq!(
            format_date_time(1_795_305_600 + 13 * 3600),
            "22 November 2026 at 1:00pm (UTC)"
        );
    }

    const NOV_22: i64 = 1_795_305_600;

    #[test]
    fn a_round_of_whole_days_shows_dates_and_one_closed_early_shows_the_time() {
        assert_eq!(
            round_dates(NOV_22, NOV_22 + 3 * DAY),
            "22 November 2026 to 24 November 2026"
        );
        assert_eq!(
            round_dates(NOV_22, NOV_22 + DAY + 14 * 3600 + 15 * 60),
            "22 November 2026 to 23 November 2026 at 2:15pm (UTC)"
        );
        assert_eq!(
            round_dates(NOV_22 + 9 * 3600 + 30 * 60, NOV_22 + 2 * DAY),
            "22 November 2026 at 9:30am (UTC) to 23 November 2026"
        );
    }

    #[test]
    fn a_span_within_one_day_names_the_day_once() {
        assert_eq!(
            format_span(NOV_22 + 15 * 3600 + 5 * 60, NOV_22 + 15 * 3600 + 58 * 60),
            "22 November 2026 at 3:05pm to 3:58pm (UTC)"
        );
        assert_eq!(
            format_span(NOV_22 + 23 * 3600 + 50 * 60, NOV_22 + DAY + 10 * 60),
            "22 November 2026 at 11:50pm (UTC) to 23 November 2026 at 12:10am (UTC)"
        );
    }
}
