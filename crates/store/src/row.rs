//! The database edge for nullable typed columns. sqlx's `#[sqlx(try_from = "String")]` turns a
//! text column into a typed id or state, but a nullable column has no such door: `Option<FileId>`
//! cannot implement `TryFrom<Option<String>>` (both are foreign). [`Nullable`] is the local text
//! value a nullable column is read as, so row structs can say
//! `#[sqlx(try_from = "crate::row::Nullable")] pub announcement_id: Option<AnnouncementId>`
//! and a stored value that does not parse is an error, never a silent `None`.

use caigou_domain::ids::{AnnouncementId, BudgetLineId, FileId, IntentionId, LotId, OrgId, PlanId, ProjectId, RegionId, UserId};
use caigou_domain::planning::Method;
use caigou_domain::tender::ProjectStatus;
use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Decode, Type, ValueRef};

/// A nullable text column as read, before it becomes an `Option` of a domain type.
pub struct Nullable(Option<String>);

impl Type<Any> for Nullable {
    fn type_info() -> AnyTypeInfo {
        <String as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <String as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Nullable {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.is_null() {
            return Ok(Nullable(None));
        }
        Ok(Nullable(Some(<String as Decode<'r, Any>>::decode(value)?)))
    }
}

macro_rules! nullable_into {
    ($($t:ty),*) => {$(
        impl TryFrom<Nullable> for Option<$t> {
            type Error = String;
            fn try_from(v: Nullable) -> Result<Self, Self::Error> {
                v.0.map(|s| <$t>::try_from(s).map_err(|e| format!("bad stored {}: {e}", stringify!($t)))).transpose()
            }
        }
    )*};
}

nullable_into!(AnnouncementId, BudgetLineId, FileId, IntentionId, LotId, OrgId, PlanId, ProjectId, RegionId, UserId, Method, ProjectStatus);
