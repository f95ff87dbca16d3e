//! One JSON Lines record read for the few fields an article needs.
//!
//! A record was parsed whole into a `serde_json::Value`: every field of a
//! news feed (topic lists, places, splits...) became a heap string, array or
//! map node, to be read for at most a dozen names and dropped. Here the same
//! parser walks the same record through serde's visitor interface, which is
//! also how `Value` is built: the values of the named fields are built as
//! `Value`s, and every other value goes to [`Discard`], which asks the parser
//! for exactly what `Value` asks for (`deserialize_any` on every value, keys
//! as `str`) and keeps nothing. The parser therefore accepts and refuses the
//! same lines, with the same errors at the same columns (checked against
//! `serde_json::from_slice::<Value>` in the tests below).

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// The values of the fields named in `names` (the last of a repeated key,
/// as in a `Value` map), in the order of `names`.
pub(super) struct Record<'n> {
    names: &'n [String],
    values: Vec<Option<Value>>,
}

impl<'n> Record<'n> {
    /// Parses a line as `serde_json::from_slice::<Value>` does, keeping the
    /// fields named in `names`.
    pub(super) fn parse(line: &[u8], names: &'n [String]) -> serde_json::Result<Self> {
        let mut de = serde_json::Deserializer::from_slice(line);
        let mut rec = Record {
            names,
            values: vec![None; names.len()],
        };
        (&mut rec).deserialize(&mut de)?;
        // as `from_slice`: only whitespace may follow the value
        de.end()?;
        Ok(rec)
    }

    /// The slot of `name` in `names` (its first place if listed twice).
    fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// `Value::get(name)` on the whole record: the field's value if the
    /// record is an object holding it.
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        self.slot(name).and_then(|i| self.values[i].as_ref())
    }

    /// Moves the value of `name` out (for the body, read last).
    pub(super) fn take(&mut self, name: &str) -> Option<Value> {
        self.slot(name).and_then(|i| self.values[i].take())
    }
}

impl<'de> DeserializeSeed<'de> for &mut Record<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// The visits of every value but a map or a sequence, for a visitor that
/// keeps nothing: each is accepted as `Value` accepts it (an `Option`'s
/// content is read through like any other value).
macro_rules! accept_scalars {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_i128<E>(self, _: i128) -> Result<(), E> {
            Ok(())
        }
        fn visit_u128<E>(self, _: u128) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_none<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            Discard.deserialize(d)
        }
    };
}

impl<'de> Visitor<'de> for &mut Record<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(KeySlot(self.names))? {
            match slot {
                // a repeated key: the last value stands, as in a `Value` map
                Some(i) => self.values[i] = Some(map.next_value()?),
                None => map.next_value_seed(Discard)?,
            }
        }
        Ok(())
    }

    // any other JSON value holds no field: read through like `Value` does
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Discard.visit_seq(seq)
    }
    accept_scalars!();
}

/// A key, read as `Value` reads keys (`deserialize_str`): its slot among
/// the wanted names, if it is one.
struct KeySlot<'a>(&'a [String]);

impl<'de> DeserializeSeed<'de> for KeySlot<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySlot<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|n| n == key))
    }
}

/// A value read through and dropped: every kind of value `Value` accepts is
/// accepted (its visitor never refuses one), nested values are read with
/// `deserialize_any` as `Value` reads them, so the parser's checks (string
/// escapes and UTF-8, number range, nesting depth) are the same.
#[derive(Clone, Copy)]
struct Discard;

impl<'de> DeserializeSeed<'de> for Discard {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Discard {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(KeySlot(&[]))?.is_some() {
            map.next_value_seed(Discard)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Discard)?.is_some() {}
        Ok(())
    }
    accept_scalars!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::XorShift;

    const NAMES: &[&str] = &["id", "title", "body", "text", "date", "k", "id"];

    fn names() -> Vec<String> {
        NAMES.iter().map(|n| n.to_string()).collect()
    }

    /// The record's answer and the whole `Value`'s agree: the same error
    /// (message and column) or the same named fields.
    fn same_as_value(line: &[u8]) -> bool {
        let whole = serde_json::from_slice::<Value>(line);
        let names = names();
        let picked = Record::parse(line, &names);
        match (whole, picked) {
            (Ok(v), Ok(r)) => {
                for n in NAMES {
                    assert_eq!(
                        v.get(n),
                        r.get(n),
                        "{n} in {:?}",
                        String::from_utf8_lossy(line)
                    );
                }
                true
            }
            (Err(a), Err(b)) => {
                assert_eq!(
                    (a.to_string(), a.column(), a.line()),
                    (b.to_string(), b.column(), b.line()),
                    "{:?}",
                    String::from_utf8_lossy(line)
                );
                false
            }
            (a, b) => panic!(
                "{:?}: Value {:?}, record {:?}",
                String::from_utf8_lossy(line),
                a.map(|_| ()),
                b.map(|_| ())
            ),
        }
    }

    #[test]
    fn fields_and_errors_are_those_of_a_value() {
        let fixed: &[&[u8]] = &[
            br#"{"id":"1","title":"T","body":"Text.","topics":["a","b"],"n":1}"#,
            br#"{"body":"a","body":"b","id":"x","id":7}"#,
            br#"{"body":{"x":[1,2,{"y":null}]},"text":"t"}"#,
            br#"{"x":1e400,"body":"b"}"#,
            br#"{"body":"b","x":1e400}"#,
            br#"{"body":"b","x":"\ud800"}"#,
            br#"{"body":"b","x":"\uDC00\u0041"}"#,
            br#"{"body":"b","x":"\q"}"#,
            b"{\"body\":\"b\",\"x\":\"\xff\"}",
            b"{\"body\":\"b\",\"\xff\":1}",
            b"{\"body\":\"b\",\"x\":\"a\tb\"}",
            br#"{"body":"b",}"#,
            br#"{"body":"b"} x"#,
            br#"{"body":"b"}   "#,
            br#"{"body" "b"}"#,
            br#"{1:2}"#,
            br#"["body","b"]"#,
            br#""body""#,
            br#"null"#,
            br#"-0.0"#,
            br#"18446744073709551616"#,
            br#"{"k":18446744073709551616,"id":-9223372036854775809,"date":1.5e3}"#,
            br#"{"k":01}"#,
            br#"{"k":1.}"#,
            br#"{"k":tru}"#,
            br#"{"k":[1,]}"#,
            br#"{"z":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
            b"",
            b"{",
            b"{\"body\":\"unterminated",
        ];
        for line in fixed {
            same_as_value(line);
        }
        // deep nesting past the parser's limit, in and out of a named field
        for name in ["k", "z"] {
            let deep = format!("{{\"{name}\":{}1{}}}", "[".repeat(200), "]".repeat(200));
            assert!(!same_as_value(deep.as_bytes()));
        }
        // generated lines: pieces of JSON run together, mostly well-formed
        let pieces: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"id\"",
            "\"body\"",
            "\"text\"",
            "\"k\"",
            "\"x\"",
            "\"title\"",
            "\"v\\n\\u00e9\"",
            "\"é\"",
            "1",
            "-2.5e3",
            "1e999",
            "true",
            "null",
            " ",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "0x",
            "\"a\\\"b\"",
        ];
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        let mut ok = 0;
        for _ in 0..40_000 {
            let mut t = String::new();
            if rng.below(2) == 0 {
                // a well-formed object of named and other fields
                t.push('{');
                for j in 0..rng.below(6) {
                    if j > 0 {
                        t.push(',');
                    }
                    let key = ["\"id\"", "\"body\"", "\"k\"", "\"x\"", "\"date\""][rng.below(5)];
                    t.push_str(key);
                    t.push(':');
                    let n = 1 + rng.below(4);
                    for _ in 0..n {
                        t.push_str(pieces[rng.below(pieces.len())]);
                    }
                }
                t.push('}');
            } else {
                for _ in 0..rng.below(14) {
                    t.push_str(pieces[rng.below(pieces.len())]);
                }
            }
            ok += usize::from(same_as_value(t.as_bytes()));
        }
        assert!(ok > 2_000, "{ok}");
    }
}
