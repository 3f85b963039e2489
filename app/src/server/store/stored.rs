//! Stored states as text columns: each enum is read and written through its one
//! spelling (`ALL` and `as_str`), so a row never carries a bare string, and an unknown
//! stored value is an error rather than a silent fallback. The database refuses unknown
//! values too (`CHECK` constraints, migration 0006).

use crate::domain::{
    drafting::{Knowledge, Visibility},
    easy_read::TextKind,
    events::{HearBack, Way},
    response::Outcome,
};

/// A stored word that no variant spells: the database holds something this code did not
/// write. Reading it is an error, so it surfaces instead of being miscounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub column: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?} stored", self.column, self.value)
    }
}

impl std::error::Error for UnknownValue {}

/// `TryFrom<&str>`, `TryFrom<String>`, `FromStr`, `Display`, and sqlx's text encoding
/// and decoding, all by way of `ALL` and `as_str`, so there is one spelling each way.
///
/// Decoding is written out rather than left to `#[sqlx(try_from = "String")]`: in sqlx
/// 0.9.0 that attribute reports any conversion error as "unprintable error", losing the
/// word that was not understood; through `Decode` the error keeps its message.
macro_rules! stored_word {
    ($type:ty, $column:literal) => {
        impl TryFrom<&str> for $type {
            type Error = $crate::server::store::stored::UnknownValue;

            fn try_from(raw: &str) -> Result<Self, $crate::server::store::stored::UnknownValue> {
                Self::ALL
                    .into_iter()
                    .find(|v| v.as_str() == raw)
                    .ok_or_else(|| $crate::server::store::stored::UnknownValue {
                        column: $column,
                        value: raw.to_owned(),
                    })
            }
        }

        impl TryFrom<String> for $type {
            type Error = $crate::server::store::stored::UnknownValue;

            fn try_from(raw: String) -> Result<Self, $crate::server::store::stored::UnknownValue> {
                Self::try_from(raw.as_str())
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::server::store::stored::UnknownValue;

            fn from_str(raw: &str) -> Result<Self, $crate::server::store::stored::UnknownValue> {
                Self::try_from(raw)
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl sqlx::Type<sqlx::Any> for $type {
            fn type_info() -> <sqlx::Any as sqlx::Database>::TypeInfo {
                <str as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $type {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let raw = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok(Self::try_from(raw)?)
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Any> for $type {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }
    };
}

pub(crate) use stored_word;

stored_word!(Knowledge, "comment knowledge");
stored_word!(Visibility, "comment visibility");
stored_word!(Outcome, "response outcome");
stored_word!(TextKind, "revision text kind");
stored_word!(Way, "event way");
stored_word!(HearBack, "participant hear back");
stored_word!(crate::domain::proposals::Status, "proposal status");
stored_word!(crate::domain::moderation::ReportKind, "comment report kind");
stored_word!(
    crate::domain::moderation::ModerationReason,
    "moderation reason"
);
stored_word!(crate::domain::moderation::Moderation, "comment moderation");
stored_word!(
    crate::domain::moderation::ModerationAction,
    "moderation action"
);
