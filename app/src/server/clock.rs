use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix seconds: the unit every timestamp in the database uses.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
