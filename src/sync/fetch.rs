//! Fetching one feed over HTTP(S): a time limit for the whole exchange, a cap on the body,
//! a bounded number of redirects, and a conditional GET so an unchanged feed costs one
//! short answer.
use std::time::Duration;

use ureq::Agent;

/// Bounds on one fetch.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        crate::config::SyncConfig::default().limits()
    }
}

/// What the server answered.
#[derive(Debug)]
pub enum Fetched {
    /// 304: nothing new since the ETag or date we sent.
    NotModified,
    Body(Page),
}

/// A fetched document and the headers that matter for reading and refetching it.
#[derive(Debug)]
pub struct Page {
    pub bytes: Vec<u8>,
    pub charset: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// An HTTP client with these limits.
pub fn agent(limits: Limits) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("tidings/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Fetches `url`, sending the validators of the last fetch when there are some.
pub fn fetch(
    agent: &Agent,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
    limits: Limits,
) -> Result<Fetched, String> {
    let mut request = agent.get(url);
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(describe)?;
    let status = response.status();
    if status == 304 {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let charset = response.body().charset().map(str::to_string);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(describe)?;
    Ok(Fetched::Body(Page {
        bytes,
        charset,
        etag,
        last_modified,
    }))
}

/// ureq's errors, said the way a user would want to read them.
fn describe(error: ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::BodyExceedsLimit(limit) => format!("larger than {limit} bytes"),
        ureq::Error::TooManyRedirects => "too many redirects".to_string(),
        other => other.to_string(),
    }
}
