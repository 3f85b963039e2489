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
        Ok(at) => {
            let (hour, suffix) = match at.hour() {
                0 => (12, "am"),
                h @ 1..=11 => (h, "am"),
                12 => (12, "pm"),
                h => (h - 12, "pm"),
            };
            format!(
                "{} at {hour}:{:02}{suffix} (UTC)",
                format_date(unix_seconds),
                at.minute()
            )
        }
        Err(_) => "an unknown time".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
