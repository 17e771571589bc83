//! The body of a rule's answer: generated on the fly and streamed in
//! 64 KiB chunks, so even a 512 MiB answer costs one chunk of memory, and
//! accounted for as it is yielded.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};

use super::record::Progress;

/// Size of the chunks a rule body is streamed in.
const CHUNK: usize = 64 * 1024;
/// Start and end of a `bodyBytes` filler, which is valid JSON from 10
/// bytes on (`{"pad":"aaa…"}`).
const FILLER_PREFIX: &[u8] = b"{\"pad\":\"";
/// See [`FILLER_PREFIX`].
const FILLER_SUFFIX: &[u8] = b"\"}";
/// Length of the JSON frame around the filler's `a`s.
const FILLER_FRAME: u64 = (FILLER_PREFIX.len() + FILLER_SUFFIX.len()) as u64;
/// The middle of every filler chunk, shared instead of allocated per chunk.
static FILLER: [u8; CHUNK] = [b'a'; CHUNK];

/// A rule's body, generated on the fly so a 512 MiB answer costs no more
/// memory than one chunk.
#[derive(Debug, Clone)]
pub(super) enum Content {
    /// The rule's `body` text.
    Text(Bytes),
    /// `bodyBytes` of filler (see [`filler_byte`]).
    Filler(u64),
}

impl Content {
    /// Total length in bytes.
    pub(super) fn len(&self) -> u64 {
        match self {
            Self::Text(text) => u64::try_from(text.len()).unwrap_or(u64::MAX),
            Self::Filler(total) => *total,
        }
    }

    /// The `len` bytes from `offset` (both within the body).
    fn chunk(&self, offset: u64, len: usize) -> Bytes {
        match self {
            Self::Text(text) => {
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(text.len());
                let end = start.saturating_add(len).min(text.len());
                text.slice(start..end)
            }
            Self::Filler(total) => {
                let end = offset.saturating_add(u64::try_from(len).unwrap_or(u64::MAX));
                let plain = *total >= FILLER_FRAME
                    && offset >= FILLER_PREFIX.len() as u64
                    && end <= total - FILLER_SUFFIX.len() as u64;
                match FILLER.get(..len) {
                    // All chunks but the first and the last: no copy.
                    Some(middle) if plain => Bytes::from_static(middle),
                    _ => (offset..end).map(|at| filler_byte(*total, at)).collect(),
                }
            }
        }
    }
}

/// Byte `at` of a filler of `total` bytes: `{"pad":"` + `a`… + `"}`, or
/// only `a`s when `total` is too short for the JSON frame.
fn filler_byte(total: u64, at: u64) -> u8 {
    let suffix_start = total.saturating_sub(FILLER_SUFFIX.len() as u64);
    let from_frame = if total < FILLER_FRAME {
        None
    } else if at < FILLER_PREFIX.len() as u64 {
        usize::try_from(at)
            .ok()
            .and_then(|at| FILLER_PREFIX.get(at))
    } else if at >= suffix_start {
        usize::try_from(at - suffix_start)
            .ok()
            .and_then(|at| FILLER_SUFFIX.get(at))
    } else {
        None
    };
    from_frame.copied().unwrap_or(b'a')
}

/// A body streaming `content` in [`CHUNK`]s, `chunk_delay` apart. The
/// stream reports every chunk to `progress` as it yields it, so a client
/// hanging up (which drops the stream) leaves an honest account.
pub(super) fn stream(content: Content, chunk_delay: Duration, progress: Arc<Progress>) -> Body {
    let total = content.len();
    let chunks = futures_util::stream::unfold(0u64, move |offset| {
        let content = content.clone();
        let progress = Arc::clone(&progress);
        async move {
            if offset >= total {
                return None;
            }
            if offset > 0 && !chunk_delay.is_zero() {
                tokio::time::sleep(chunk_delay).await;
            }
            let len = usize::try_from(total - offset).map_or(CHUNK, |left| left.min(CHUNK));
            let chunk = content.chunk(offset, len);
            let sent = offset + len as u64;
            progress.advance(sent, sent >= total);
            Some((Ok::<_, Infallible>(chunk), sent))
        }
    });
    Body::from_stream(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole body of `content`, chunk by chunk as the stream cuts it.
    fn collect(content: &Content) -> Vec<u8> {
        let total = content.len();
        let mut out = Vec::new();
        let mut offset = 0;
        while offset < total {
            let len = usize::try_from(total - offset).map_or(CHUNK, |left| left.min(CHUNK));
            out.extend_from_slice(&content.chunk(offset, len));
            offset += len as u64;
        }
        out
    }

    #[test]
    fn filler_has_the_exact_length_and_frame() {
        for total in [
            0,
            3,
            10,
            11,
            CHUNK as u64 - 1,
            CHUNK as u64 + 9,
            3 * CHUNK as u64,
        ] {
            let body = collect(&Content::Filler(total));
            assert_eq!(body.len() as u64, total);
            if total >= FILLER_FRAME {
                assert!(body.starts_with(FILLER_PREFIX));
                assert!(body.ends_with(FILLER_SUFFIX));
                let middle = &body[FILLER_PREFIX.len()..body.len() - FILLER_SUFFIX.len()];
                assert!(middle.iter().all(|byte| *byte == b'a'));
            } else {
                assert!(body.iter().all(|byte| *byte == b'a'));
            }
        }
        let text = Content::Text(Bytes::from(vec![b'x'; CHUNK + 5]));
        assert_eq!(collect(&text).len(), CHUNK + 5);
    }
}
