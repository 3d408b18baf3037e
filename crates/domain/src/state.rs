//! States of the platform's state machines as enums (状态). Each state has one stable string,
//! the same in the database and in the JSON API; shells turn that string into the enum at their
//! edge (`TryFrom<String>`, `FromStr`) and never compare strings themselves.

/// A stored or submitted state string that names no state of its machine: a damaged row, or a
/// row written by a newer version. An error for the caller, never a default.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {machine} state {value:?}")]
pub struct UnknownState {
    pub machine: &'static str,
    pub value: String,
}

/// Declares a state enum: its variants with their stable strings, `as_str`, `ALL`, `Display`,
/// `FromStr` / `TryFrom<String>` / `TryFrom<&str>` (refusing unknown strings with
/// [`UnknownState`]) and serde with the same strings.
macro_rules! state_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident ($machine:literal) {
            $( $(#[$vdoc:meta])* $variant:ident = $s:literal, )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $s)] $variant, )+
        }

        impl $name {
            /// Every state, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable string: the database value and the JSON value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::state::UnknownState;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($name::$variant),)+
                    _ => Err($crate::state::UnknownState { machine: $machine, value: s.to_string() }),
                }
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::state::UnknownState;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::state::UnknownState;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
    };
}

pub(crate) use state_enum;

#[cfg(test)]
pub(crate) mod tests {
    /// Every state survives its string, the string is what serde writes, and an unknown string
    /// is refused, for any state enum.
    macro_rules! assert_state_strings {
        ($name:ty, [$($s:literal),+ $(,)?]) => {{
            let expected: &[&str] = &[$($s),+];
            let all: Vec<&str> = <$name>::ALL.iter().map(|s| s.as_str()).collect();
            assert_eq!(all, expected, "the stable strings of {}", stringify!($name));
            for s in <$name>::ALL {
                assert_eq!(s.as_str().parse::<$name>().unwrap(), *s);
                assert_eq!(<$name>::try_from(s.as_str().to_string()).unwrap(), *s);
                assert_eq!(serde_json::to_value(s).unwrap(), serde_json::Value::String(s.as_str().into()));
                assert_eq!(serde_json::from_value::<$name>(serde_json::Value::String(s.as_str().into())).unwrap(), *s);
                assert_eq!(s.to_string(), s.as_str());
            }
            let bad = <$name>::try_from("no_such_state".to_string()).unwrap_err();
            assert_eq!(bad.value, "no_such_state");
            assert!("".parse::<$name>().is_err());
            assert!(serde_json::from_value::<$name>(serde_json::Value::String("no_such_state".into())).is_err());
        }};
    }

    pub(crate) use assert_state_strings;
}
