//! HTTP for `observer watch`: one client that names Observer in its User-Agent, gives up on a
//! slow server after a timeout, waits a polite delay between two requests to the same host,
//! retries failed requests with exponential backoff, and makes conditional requests for feeds.

use observer_store::FeedValidators;
use std::collections::HashMap;
use std::thread::sleep;
use std::time::{Duration, Instant};
use ureq::Agent;
use ureq::http::{StatusCode, Uri};

/// How Observer introduces itself to the servers it polls.
pub const USER_AGENT: &str = concat!(
    "Observer/",
    env!("CARGO_PKG_VERSION"),
    " (news event coder; polls feeds politely; +https://example.invalid/observer)"
);

/// The largest feed or page read, in bytes.
const MAX_BODY_BYTES: u64 = observer_ingest::DEFAULT_MAX_BYTES as u64;

/// How requests are made.
#[derive(Debug, Clone, Copy)]
pub struct Politeness {
    /// Longest wait for a whole response.
    pub timeout: Duration,
    /// Least time between two requests to the same host.
    pub host_delay: Duration,
    /// Further attempts after a failed one (connection error, timeout, 429 or 5xx).
    pub retries: u32,
    /// Wait before the first retry; doubled before each further one.
    pub backoff: Duration,
}

/// What a request for a feed or page gave.
pub enum Fetched {
    /// The content, with the validators to send next time.
    Body {
        bytes: Vec<u8>,
        validators: FeedValidators,
        content_type: Option<String>,
    },
    /// 304: unchanged since the validators sent.
    NotModified,
}

pub struct Fetcher {
    agent: Agent,
    politeness: Politeness,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(politeness: Politeness) -> Fetcher {
        let agent = Agent::config_builder()
            .timeout_global(Some(politeness.timeout))
            .user_agent(USER_AGENT)
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            politeness,
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, conditionally when `validators` are given, retrying transient failures.
    /// The error says what went wrong on the last attempt.
    pub fn get(
        &mut self,
        url: &str,
        validators: Option<&FeedValidators>,
    ) -> Result<Fetched, String> {
        let host = url
            .parse::<Uri>()
            .map_err(|error| format!("not a valid URL: {error}"))?
            .host()
            .map(str::to_ascii_lowercase)
            .ok_or("not a valid URL: it has no host")?;
        let mut attempt = 0;
        loop {
            self.wait_for(&host);
            match self.attempt(url, validators) {
                Ok(fetched) => return Ok(fetched),
                Err(Failure::Permanent(reason)) => return Err(reason),
                Err(Failure::Transient(reason)) if attempt >= self.politeness.retries => {
                    let tries = attempt + 1;
                    return Err(format!("{reason} (after {tries} attempts)"));
                }
                Err(Failure::Transient(_)) => {
                    sleep(self.politeness.backoff.saturating_mul(1 << attempt.min(16)));
                    attempt += 1;
                }
            }
        }
    }

    /// Sleeps until `host` may be asked again, and notes the request about to be made.
    fn wait_for(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let ready = *last + self.politeness.host_delay;
            let now = Instant::now();
            if ready > now {
                sleep(ready - now);
            }
        }
        self.last_request.insert(host.to_string(), Instant::now());
    }

    fn attempt(&self, url: &str, validators: Option<&FeedValidators>) -> Result<Fetched, Failure> {
        let mut request = self.agent.get(url);
        if let Some(validators) = validators {
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &validators.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
        }
        let mut response = request.call().map_err(|error| match error {
            ureq::Error::BadUri(_) | ureq::Error::RequireHttpsOnly(_) => {
                Failure::Permanent(error.to_string())
            }
            _ => Failure::Transient(error.to_string()),
        })?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            let reason = format!("HTTP status {status}");
            return Err(
                if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                    Failure::Transient(reason)
                } else {
                    Failure::Permanent(reason)
                },
            );
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let validators = FeedValidators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|error| Failure::Transient(format!("reading the response: {error}")))?;
        Ok(Fetched::Body {
            bytes,
            validators,
            content_type,
        })
    }
}

enum Failure {
    /// Worth trying again: the network, a timeout, an overloaded server.
    Transient(String),
    /// Would fail again: a bad URL, 404, 403.
    Permanent(String),
}
