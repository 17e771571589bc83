//! Reading a JWT's `exp` without verifying it: the browser only needs to know when to fetch a
//! fresh widget token; the widget's server verifies the signature.

use crate::core::json::Json;

/// The `exp` claim (Unix seconds) of a compact JWT, if it has one.
pub fn expiry_seconds(token: &str) -> Option<i64> {
    let mut parts = token.split('.');
    let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let mut b64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while b64.len() % 4 != 0 {
        b64.push('=');
    }
    let bytes = crate::core::encoding::base64_decode(&b64)?;
    let claims = Json::parse(std::str::from_utf8(&bytes).ok()?)?;
    match claims.get("exp")? {
        Json::Number(n) => n.split('.').next()?.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exp_from_a_compact_jwt() {
        // {"alg":"HS256"} . {"sub":"card_1","exp":1800000300} . sig
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXJkXzEiLCJleHAiOjE4MDAwMDAzMDB9.c2ln";
        assert_eq!(expiry_seconds(token), Some(1_800_000_300));
        assert_eq!(expiry_seconds("a.b"), None);
        assert_eq!(
            expiry_seconds("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"),
            None,
            "no exp"
        );
        assert_eq!(expiry_seconds("x.%%%.y"), None);
    }
}
