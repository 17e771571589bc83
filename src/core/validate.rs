//! Argument checks shared by every client, run before anything is sent.

use crate::core::error::Error;

/// A base URL without its trailing slash. HTTPS is required; plain HTTP only for loopback
/// hosts (a local sandbox), because credentials travel in headers.
pub fn base_url(field: &str, url: &str) -> Result<String, Error> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| Error::invalid(field, "must be an absolute http(s) URL"))?;
    let host_port = rest.split('/').next().unwrap_or_default();
    if host_port.is_empty() || rest.contains(['?', '#', ' ']) || host_port.contains('@') {
        return Err(Error::invalid(
            field,
            "must be an absolute http(s) URL without query, fragment or credentials",
        ));
    }
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    let loopback =
        host.eq_ignore_ascii_case("localhost") || host == "::1" || is_ipv4_loopback(host);
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(url.to_owned()),
        "http" if loopback => Ok(url.to_owned()),
        "http" => Err(Error::invalid(
            field,
            "must use https (plain http is allowed only for loopback hosts)",
        )),
        _ => Err(Error::invalid(field, "must be an absolute http(s) URL")),
    }
}

// 127.0.0.0/8 as a dotted quad, without pulling std's address parser into the wasm.
fn is_ipv4_loopback(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// The API origin from exactly one of `base_url` / `environment` (`"sandbox"` or `"production"`).
pub fn origin(
    base_url: Option<&str>,
    environment: Option<&str>,
    sandbox: &str,
    production: &str,
) -> Result<String, Error> {
    match (base_url, environment) {
        (Some(url), None) => base_url_checked(url),
        (None, Some("sandbox")) => Ok(sandbox.to_owned()),
        (None, Some("production")) => Ok(production.to_owned()),
        (None, Some(_)) => Err(Error::invalid(
            "config.environment",
            "must be \"sandbox\" or \"production\"",
        )),
        _ => Err(Error::invalid(
            "config.baseUrl",
            "give exactly one of baseUrl or environment",
        )),
    }
}

fn base_url_checked(url: &str) -> Result<String, Error> {
    base_url("config.baseUrl", url)
}

/// A value that travels in a header: 1..=max visible ASCII characters.
pub fn header_token(field: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.is_empty() || value.len() > max || !value.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(Error::invalid(
            field,
            format!("must be 1 to {max} visible ASCII characters"),
        ));
    }
    Ok(())
}

/// An API path: starts with `/`, unreserved URL characters only.
pub fn api_path(field: &str, path: &str) -> Result<(), Error> {
    let ok = path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b));
    if !ok {
        return Err(Error::invalid(
            field,
            "must start with / and hold only letters, digits and -._~/",
        ));
    }
    Ok(())
}

/// A money amount as a decimal string: positive, at most `max_decimals` fraction digits,
/// no sign, exponent or spaces (money never travels as a float).
pub fn amount(field: &str, value: &str, max_decimals: usize) -> Result<(), Error> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = !int.is_empty()
        && int.len() <= 15
        && digits(int)
        && digits(frac)
        && frac.len() <= max_decimals
        && (frac.is_empty() != value.contains('.'));
    if !well_formed {
        return Err(Error::invalid(
            field,
            format!("must be a decimal string like \"10.50\" with at most {max_decimals} decimals"),
        ));
    }
    if value.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(Error::invalid(field, "must be greater than zero"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_positive_decimal_strings() {
        for ok in ["1", "10.5", "10.50", "0.01", "999999.99"] {
            assert!(amount("a", ok, 2).is_ok(), "{ok}");
        }
        for bad in [
            "", "0", "0.00", "-1", "+1", "1.", ".5", "1.234", "1e3", " 1", "1,00", "NaN",
        ] {
            assert!(amount("a", bad, 2).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_url_requires_https_except_loopback() {
        assert_eq!(
            base_url("u", "https://api.example.com/").ok().as_deref(),
            Some("https://api.example.com")
        );
        assert!(base_url("u", "http://127.0.0.1:8080").is_ok());
        assert!(base_url("u", "http://localhost:1").is_ok());
        assert!(base_url("u", "http://[::1]:9/").is_ok());
        assert!(base_url("u", "http://api.example.com").is_err());
        assert!(base_url("u", "http://127.0.0.1.evil.com").is_err());
        assert!(base_url("u", "ftp://x").is_err());
        assert!(base_url("u", "api.example.com").is_err());
        assert!(base_url("u", "https://user:pw@api.example.com").is_err());
        assert!(base_url("u", "https://api.example.com?x=1").is_err());
    }

    #[test]
    fn header_tokens_and_paths() {
        assert!(header_token("k", "abc-123", 255).is_ok());
        assert!(header_token("k", "", 255).is_err());
        assert!(header_token("k", "a b", 255).is_err());
        assert!(header_token("k", "a\r\nX: 1", 255).is_err());
        assert!(api_path("p", "/cards/create").is_ok());
        assert!(api_path("p", "cards").is_err());
        assert!(api_path("p", "/cards?x=1").is_err());
    }
}
