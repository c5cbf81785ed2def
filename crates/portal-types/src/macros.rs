//! The macro behind every enumeration with stable slugs on the wire.

/// Declares an enum whose values travel as ASCII slugs, with names in both
/// languages, `ALL`, `slug`, `from_slug`, (with the `openapi` feature) an
/// OpenAPI schema listing the slugs, and (with the `sqlx` feature) a
/// database type stored as its slug, for any database that stores text.
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($slug:literal, $zh:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant ),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];
            /// The identifier on the wire.
            pub fn slug(self) -> &'static str { match self { $( $name::$variant => $slug ),+ } }
            /// The name in Simplified Chinese.
            pub fn name_zh(self) -> &'static str { match self { $( $name::$variant => $zh ),+ } }
            /// The name in English.
            pub fn name_en(self) -> &'static str { match self { $( $name::$variant => $en ),+ } }
            /// The value with this slug.
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $( $slug => Some($name::$variant), )+ _ => None }
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([$($slug),+]))
                    .description(Some(concat!($($zh, " ", $slug, "; "),+)))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        slug_sqlx!($name);
    };
}

/// Stores an enum that has `slug` and `from_slug` as its slug (with the
/// `sqlx` feature), for any database that stores text: written as the slug,
/// read back by `from_slug`, and a slug it does not know is a decoding error.
macro_rules! slug_sqlx {
    ($name:ident) => {
        #[cfg(feature = "sqlx")]
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                let slug: &'q str = self.slug();
                <&'q str as sqlx::Encode<'q, DB>>::encode(slug, buf)
            }
        }

        #[cfg(feature = "sqlx")]
        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(
                value: <DB as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let slug = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                $name::from_slug(slug).ok_or_else(|| {
                    format!(concat!("{:?} is not a ", stringify!($name), " slug"), slug).into()
                })
            }
        }
    };
}
