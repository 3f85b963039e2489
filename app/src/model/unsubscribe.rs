use serde::{Deserialize, Serialize};

/// What an unsubscribe link's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsubscribe {
    /// Emails about new versions still come.
    pub receiving: bool,
    /// The link is a signed-in person's, whose account page holds the same choice (the
    /// other kind: someone recorded at an event, who has no account).
    pub has_account: bool,
}
