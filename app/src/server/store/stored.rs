//! Stored states as text columns: each enum is read and written through its one
//! conversion (`as_str` / `parse`), so a row never carries a bare string, and an unknown
//! stored value is an error rather than a silent fallback. The database refuses unknown
//! values too (`CHECK` constraints).

use crate::domain::{
    drafting::{Knowledge, Visibility},
    response::Outcome,
};
use sqlx::{Any, Database, Decode, Encode, Type, encode::IsNull, error::BoxDynError};

macro_rules! stored_as_text {
    ($($state:ty),* $(,)?) => {$(
        impl Type<Any> for $state {
            fn type_info() -> <Any as Database>::TypeInfo {
                <str as Type<Any>>::type_info()
            }
        }

        impl<'r> Decode<'r, Any> for $state {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let raw = <&str as Decode<Any>>::decode(value)?;
                <$state>::parse(raw).map_err(|_| {
                    format!("unknown {} stored: {raw:?}", stringify!($state)).into()
                })
            }
        }

        impl Encode<'_, Any> for $state {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer,
            ) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Any>>::encode(self.as_str(), buf)
            }
        }
    )*};
}

stored_as_text!(Knowledge, Visibility, Outcome);
