//! The macro behind every enumeration with stable slugs on the wire.

/// Declares an enum whose values travel as ASCII slugs, with names in both
/// languages, `ALL`, `slug`, `from_slug`, and (with the `openapi` feature)
/// an OpenAPI schema listing the slugs.
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
    };
}
