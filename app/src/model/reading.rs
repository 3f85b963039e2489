//! What pages show about the reader's choice of text: standard or easy read.

use crate::domain::easy_read::TextKind;

/// Said to a reader who chose easy read where a statement has no easy read text.
pub const NO_EASY_READ_YET: &str = "There is no easy read version of this statement yet. \
     This is the standard text.";

/// Said to a reader who chose easy read where its easy read text needs updating.
pub const EASY_READ_FOR_EARLIER_DRAFT: &str = "This easy read version was written for an \
     earlier draft of the statement. The standard text has changed since.";

/// The query parameter of the reading switch (see the server's reading middleware).
pub const READING_PARAMETER: &str = "reading";

/// The query a page takes to show one text whatever the reader's choice (the comment
/// form and the history page): `text=easy-read`.
pub fn text_query(kind: TextKind) -> &'static str {
    match kind {
        TextKind::Standard => "",
        TextKind::EasyRead => "?text=easy-read",
    }
}
