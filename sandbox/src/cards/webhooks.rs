//! Signed webhooks: registered endpoints, secret rotation, event building
//! and fire-and-forget delivery.
//!
//! Each event is POSTed as `{id, type, createdAt, data}` with
//! `Seismic-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
//! After a rotation the previous secret signs a second `v1` until the next
//! rotation. Events of one program are delivered in order by one tokio task
//! per program.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use crate::common::clock::unix_secs;
use crate::common::random;
use crate::common::signing::hmac_sha256;

/// Name of the signature header.
pub(crate) const SIGNATURE_HEADER: &str = "Seismic-Signature";
/// How long one delivery attempt may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(3);
/// Most recent events kept for `GET /__sandbox/cards/events`.
const KEPT_EVENTS: usize = 200;
/// Most endpoints one program may register.
pub(crate) const MAX_ENDPOINTS: usize = 20;

/// One event ready to send.
#[derive(Debug)]
struct Delivery {
    urls: Vec<String>,
    body: String,
    signature: String,
}

/// Webhook configuration and delivery of one program.
#[derive(Debug)]
pub(crate) struct Webhooks {
    urls: Vec<String>,
    secret: String,
    previous: Option<String>,
    recent: VecDeque<Value>,
    queue: Option<UnboundedSender<Delivery>>,
}

impl Webhooks {
    /// No endpoints, signing with `secret`.
    pub(crate) fn new(secret: String) -> Self {
        Self {
            urls: Vec::new(),
            secret,
            previous: None,
            recent: VecDeque::new(),
            queue: None,
        }
    }

    /// The current signing secret.
    #[cfg(test)]
    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }

    /// Registers an endpoint (a repeat is ignored). `false` when the
    /// endpoint limit is reached.
    pub(crate) fn add_url(&mut self, url: &str) -> bool {
        if self.urls.iter().any(|known| known == url) {
            return true;
        }
        if self.urls.len() >= MAX_ENDPOINTS {
            return false;
        }
        self.urls.push(url.to_owned());
        true
    }

    /// Registered endpoints.
    pub(crate) fn urls(&self) -> &[String] {
        &self.urls
    }

    /// Replaces the secret with a fresh one; the old one keeps signing as
    /// the second `v1` until the next rotation. Returns the new secret.
    pub(crate) fn rotate(&mut self) -> String {
        let fresh = random::id::<24>("whsec_");
        self.previous = Some(std::mem::replace(&mut self.secret, fresh.clone()));
        fresh
    }

    /// `t=<t>,v1=<current>[,v1=<previous>]` for `body`.
    pub(crate) fn signature_header(&self, timestamp: i64, body: &str) -> String {
        let message = format!("{timestamp}.{body}");
        let mut header = format!("t={timestamp}");
        for secret in std::iter::once(&self.secret).chain(self.previous.as_ref()) {
            header.push_str(",v1=");
            header.push_str(&random::hex(&hmac_sha256(
                secret.as_bytes(),
                message.as_bytes(),
            )));
        }
        header
    }

    /// Most recent events, oldest first.
    pub(crate) fn recent(&self) -> impl Iterator<Item = &Value> {
        self.recent.iter()
    }

    /// Builds the event, remembers it and queues it for every endpoint.
    pub(crate) fn emit(&mut self, event_type: &str, data: Value, now: SystemTime) -> Value {
        let created_at = unix_secs(now);
        let event = json!({
            "id": random::id::<12>("evt_"),
            "type": event_type,
            "createdAt": created_at,
            "data": data,
        });
        if self.recent.len() >= KEPT_EVENTS {
            self.recent.pop_front();
        }
        self.recent.push_back(event.clone());
        if !self.urls.is_empty() {
            let body = event.to_string();
            let delivery = Delivery {
                urls: self.urls.clone(),
                signature: self.signature_header(created_at, &body),
                body,
            };
            self.enqueue(delivery);
        }
        event
    }

    /// Hands a delivery to the program's sender task, starting it when
    /// needed. Outside a tokio runtime nothing is sent.
    fn enqueue(&mut self, delivery: Delivery) {
        let delivery = match &self.queue {
            Some(queue) => match queue.send(delivery) {
                Ok(()) => return,
                Err(failed) => failed.0,
            },
            None => delivery,
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let (queue, mut receiver) = unbounded_channel::<Delivery>();
        runtime.spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(DELIVERY_TIMEOUT)
                .build()
                .ok();
            while let Some(delivery) = receiver.recv().await {
                let Some(client) = &client else { continue };
                for url in &delivery.urls {
                    // Fire and forget: the receiver's answer is ignored.
                    let _ = client
                        .post(url)
                        .header("content-type", "application/json")
                        .header(SIGNATURE_HEADER, &delivery.signature)
                        .body(delivery.body.clone())
                        .send()
                        .await;
                }
            }
        });
        // The task was just spawned with the receiver, so this succeeds.
        let _ = queue.send(delivery);
        self.queue = Some(queue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::signing::hmac_sha256_verify;

    /// Splits a signature header into `t` and the `v1` values.
    fn parse(header: &str) -> (String, Vec<String>) {
        let mut t = String::new();
        let mut v1 = Vec::new();
        for part in header.split(',') {
            match part.split_once('=') {
                Some(("t", value)) => t = value.to_owned(),
                Some(("v1", value)) => v1.push(value.to_owned()),
                _ => {}
            }
        }
        (t, v1)
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
            .collect()
    }

    #[test]
    fn signs_with_current_then_previous_secret() {
        let mut hooks = Webhooks::new("whsec_old".into());
        let header = hooks.signature_header(1700, "{}");
        let (t, v1) = parse(&header);
        assert_eq!(t, "1700");
        assert_eq!(v1.len(), 1);
        assert!(hmac_sha256_verify(b"whsec_old", b"1700.{}", &unhex(&v1[0])));

        let fresh = hooks.rotate();
        assert!(fresh.starts_with("whsec_"));
        assert_eq!(hooks.secret(), fresh);
        let (_, v1) = parse(&hooks.signature_header(1700, "{}"));
        assert_eq!(v1.len(), 2);
        assert!(hmac_sha256_verify(
            fresh.as_bytes(),
            b"1700.{}",
            &unhex(&v1[0])
        ));
        assert!(hmac_sha256_verify(b"whsec_old", b"1700.{}", &unhex(&v1[1])));

        // A second rotation drops the oldest secret.
        let newest = hooks.rotate();
        let (_, v1) = parse(&hooks.signature_header(1, "x"));
        assert_eq!(v1.len(), 2);
        assert!(hmac_sha256_verify(
            newest.as_bytes(),
            b"1.x",
            &unhex(&v1[0])
        ));
        assert!(hmac_sha256_verify(fresh.as_bytes(), b"1.x", &unhex(&v1[1])));
    }

    #[test]
    fn events_are_kept_without_endpoints() {
        let mut hooks = Webhooks::new("s".into());
        let event = hooks.emit(
            "KYC.UPDATED",
            json!({ "status": "APPROVED" }),
            SystemTime::now(),
        );
        assert!(event["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("evt_")));
        assert_eq!(event["type"], json!("KYC.UPDATED"));
        assert_eq!(hooks.recent().count(), 1);
        assert!(hooks.add_url("http://127.0.0.1:1/hook"));
        assert!(hooks.add_url("http://127.0.0.1:1/hook"));
        assert_eq!(hooks.urls().len(), 1);
    }
}
