//! `application/x-www-form-urlencoded` decoding, for URL query strings and
//! POSTed forms (the SPARQL protocol uses the same encoding for both).

/// A parameter that is not valid UTF-8 once decoded.
#[derive(Debug, thiserror::Error)]
#[error("the parameter `{0}` is not valid UTF-8 once percent-decoded")]
pub struct FormError(pub String);

/// The name/value pairs of a form, in order; repeated names are kept
/// (`default-graph-uri` and `named-graph-uri` may repeat).
pub fn parse(input: &str) -> Result<Vec<(String, String)>, FormError> {
    let mut pairs = Vec::new();
    for part in input.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = decode(name).ok_or_else(|| FormError(name.to_string()))?;
        let value = decode(value).ok_or_else(|| FormError(name.clone()))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Percent-decodes one component; `+` is a space. A `%` not followed by two
/// hex digits is kept as it is, as browsers do.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match hex_pair(&bytes[i + 1..]) {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn hex_pair(b: &[u8]) -> Option<u8> {
    let hi = (*b.first()? as char).to_digit(16)?;
    let lo = (*b.get(1)? as char).to_digit(16)?;
    u8::try_from(hi * 16 + lo).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs_plus_and_percent() {
        let p =
            parse("query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D&default&x=a%3Db&e=%C3%A9").unwrap();
        assert_eq!(p[0], ("query".into(), "SELECT * WHERE {?s ?p ?o}".into()));
        assert_eq!(p[1], ("default".into(), "".into()));
        assert_eq!(p[2], ("x".into(), "a=b".into()));
        assert_eq!(p[3], ("e".into(), "\u{e9}".into()));
    }

    #[test]
    fn keeps_stray_percent_and_rejects_bad_utf8() {
        assert_eq!(parse("a=100%").unwrap()[0].1, "100%");
        assert_eq!(parse("a=%zz%4").unwrap()[0].1, "%zz%4");
        assert!(parse("a=%ff").is_err());
        assert!(parse("").unwrap().is_empty());
    }
}
