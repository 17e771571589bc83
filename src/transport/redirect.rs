//! The redirect policy, the same on every wire (node:http, the platform `fetch`, a custom
//! `fetch`, reqwest): the wires never follow a redirect themselves; this module decides.
//!
//! A redirect is followed only to the same origin (scheme, host and port), keeping the method,
//! the body and the credential headers, for at most [`MAX_HOPS`] hops: 307 and 308 always,
//! 301, 302 and 303 only for GET and HEAD (for any other method they would turn the call into a
//! GET and drop its body). Anything else — another host or port, https to http, a relative
//! location the SDK cannot place — is [`Error::Redirect`]: no credential, no body and no money
//! movement ever reaches a location the caller did not configure.

use super::{HttpRequest, HttpResponse};
use crate::core::error::Error;

/// Redirects followed within one attempt before giving up.
pub const MAX_HOPS: u32 = 5;

/// Whether `status` asks the client to go elsewhere.
pub fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The request to send after the redirect `res` to `req`, or why it is refused.
pub fn next(mut req: HttpRequest, res: &HttpResponse, hops: u32) -> Result<HttpRequest, Error> {
    let location = res.header("location").map(str::trim).unwrap_or_default();
    let refuse = |shown: Option<String>| Error::Redirect {
        status: res.status,
        location: shown,
    };
    let Some(target) = resolve(&req.url, location) else {
        // Not shown: the SDK cannot say where it points.
        return Err(refuse(None));
    };
    let shown = Some(shown(&target));
    let keeps_method = matches!(res.status, 307 | 308) || matches!(req.method, "GET" | "HEAD");
    if hops >= MAX_HOPS || !keeps_method || origin(&target) != origin(&req.url) {
        return Err(refuse(shown));
    }
    req.url = target;
    Ok(req)
}

/// `location` against `base`: an absolute http(s) URL or an absolute path. Protocol-relative
/// and dot-relative references are not resolved (the API never sends them).
fn resolve(base: &str, location: &str) -> Option<String> {
    if origin(location).is_some() {
        return Some(location.to_owned());
    }
    if location.starts_with('/') && !location.starts_with("//") {
        let (scheme, host) = origin(base)?;
        return Some(format!("{scheme}://{host}{location}"));
    }
    None
}

/// `(scheme, host[:port])` in lower case with the default port dropped, for http(s) URLs
/// without credentials; `None` for anything else.
fn origin(url: &str) -> Option<(&'static str, String)> {
    let (scheme, rest, default_port) = if let Some(r) = strip_prefix_ci(url, "https://") {
        ("https", r, ":443")
    } else if let Some(r) = strip_prefix_ci(url, "http://") {
        ("http", r, ":80")
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    let host = authority.to_ascii_lowercase();
    let host = host
        .strip_suffix(default_port)
        .map_or(host.clone(), str::to_owned);
    Some((scheme, host))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A location as an error may show it: without query or fragment (they may carry tokens or
/// personal data), clipped.
pub fn shown(url: &str) -> String {
    let bare = url.split(['?', '#']).next().unwrap_or_default();
    bare.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &'static str, url: &str) -> HttpRequest {
        HttpRequest {
            method,
            url: url.to_owned(),
            headers: vec![("API-KEY", "secret".into())],
            body: Some("{}".into()),
        }
    }

    fn res(status: u16, location: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("location", location.to_owned())],
            body: String::new(),
            js_body: Default::default(),
        }
    }

    #[test]
    fn same_origin_307_keeps_method_body_and_headers() {
        let out = next(
            req("POST", "https://api.x.com/v1/a"),
            &res(307, "/v1/b?x=1"),
            0,
        );
        let Ok(out) = out else {
            panic!("a same-origin 307 is followed")
        };
        assert_eq!(out.url, "https://api.x.com/v1/b?x=1");
        assert_eq!(out.method, "POST");
        assert_eq!(out.body.as_deref(), Some("{}"));
        let abs = next(
            req("GET", "https://api.x.com/a"),
            &res(302, "HTTPS://API.X.COM:443/b"),
            0,
        );
        assert!(
            abs.is_ok(),
            "case and default port do not change the origin"
        );
    }

    #[test]
    fn other_origins_downgrades_and_method_changes_are_refused() {
        for (method, status, location) in [
            ("POST", 307, "https://evil.example/steal"),
            ("GET", 302, "http://api.x.com/a"),
            ("GET", 301, "https://api.x.com:8443/a"),
            ("POST", 302, "/v1/b"),
            ("POST", 303, "https://api.x.com/v1/b"),
            ("GET", 307, "https://user:pw@api.x.com/a"),
            ("GET", 307, "//evil.example/a"),
        ] {
            let out = next(
                req(method, "https://api.x.com/v1/a"),
                &res(status, location),
                0,
            );
            match out {
                Err(Error::Redirect {
                    status: s,
                    location: shown,
                }) => {
                    assert_eq!(s, status);
                    assert!(!shown.unwrap_or_default().contains("pw"));
                }
                other => panic!("{method} {status} {location}: {other:?}"),
            }
        }
        let far = next(req("GET", "https://api.x.com/a"), &res(307, "/b"), MAX_HOPS);
        assert!(matches!(far, Err(Error::Redirect { .. })), "too many hops");
    }

    #[test]
    fn the_shown_location_drops_query_and_fragment() {
        let out = next(
            req("GET", "https://api.x.com/a"),
            &res(307, "https://evil.example/p?token=abc#f"),
            0,
        );
        match out {
            Err(Error::Redirect { location, .. }) => {
                assert_eq!(location.as_deref(), Some("https://evil.example/p"));
            }
            other => panic!("{other:?}"),
        }
    }
}
