//! Sending graphs to a remote SPARQL 1.1 Graph Store HTTP Protocol endpoint
//! (`newsgraph push`).
//!
//! Each graph goes with `PUT BASE?graph=IRI`, which replaces the remote graph:
//! pushing twice leaves the remote store as after one push, so an interrupted
//! push is fixed by running it again. Transient failures (no connection,
//! 5xx) are retried with exponential backoff; 4xx answers are not, since
//! repeating a refused request (bad token, wrong URL) cannot help.

use std::time::Duration;

/// Why a push could not even start.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("endpoint `{0}` is not an http://HOST[:PORT]/PATH URL; give the Graph Store base, e.g. http://127.0.0.1:7878/store (for https, put a TLS-terminating proxy in front)")]
    Endpoint(String),
    #[error("the token contains a line break; pass the bare token")]
    Token,
}

/// How often and how patiently to retry one request.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in total (at least 1).
    pub attempts: u32,
    /// Wait before the second attempt; doubled before each further one.
    pub first_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            first_delay: Duration::from_millis(500),
        }
    }
}

/// What one attempt got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The server answered: status and body text.
    Response(u16, String),
    /// No HTTP answer (refused, reset, timeout): the message.
    Transport(String),
}

impl Attempt {
    fn retryable(&self) -> bool {
        match self {
            Attempt::Response(s, _) => *s >= 500,
            Attempt::Transport(_) => true,
        }
    }
    fn success(&self) -> bool {
        matches!(self, Attempt::Response(s, _) if (200..300).contains(s))
    }
}

/// The final result for one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub last: Attempt,
    pub attempts: u32,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.last.success()
    }

    /// One line for the failure summary: the HTTP status (or "no response")
    /// and the first line of what the server said.
    pub fn describe(&self) -> String {
        match &self.last {
            Attempt::Response(s, body) => {
                let first = body.lines().map(str::trim).find(|l| !l.is_empty());
                match first {
                    Some(l) => format!("HTTP {s}: {}", truncate(l, 200)),
                    None => format!("HTTP {s}"),
                }
            }
            Attempt::Transport(e) => format!("no response: {}", truncate(e, 200)),
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

/// Runs `attempt` until it succeeds, fails for good, or the policy is used up;
/// `sleep` is injected so the schedule can be tested without waiting.
pub fn with_retries(
    policy: RetryPolicy,
    mut attempt: impl FnMut() -> Attempt,
    mut sleep: impl FnMut(Duration),
) -> Outcome {
    let mut delay = policy.first_delay;
    let mut n = 0;
    loop {
        n += 1;
        let a = attempt();
        if a.success() || !a.retryable() || n >= policy.attempts.max(1) {
            return Outcome {
                last: a,
                attempts: n,
            };
        }
        sleep(delay);
        delay = delay.saturating_mul(2);
    }
}

/// `BASE?graph=IRI` (or `&graph=` when the base already has a query), the IRI percent-encoded.
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let mut enc = String::with_capacity(graph.len() * 3 / 2);
    for b in graph.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{sep}graph={enc}")
}

/// A Graph Store client for one endpoint.
///
/// Plain HTTP/1.1 over `std::net`: one `PUT` with `Content-Length` and
/// `Connection: close` per request, so no HTTP crate (and no second build of
/// the dependency tree) is needed for what is a single request shape. HTTPS
/// endpoints are refused with a message; put a TLS-terminating proxy in front.
pub struct GraphStoreClient {
    host: String,
    port: u16,
    path: String,
    token: Option<String>,
    timeout: Duration,
}

impl GraphStoreClient {
    pub fn new(endpoint: &str, token: Option<&str>, timeout: Duration) -> Result<Self, PushError> {
        let bad = || PushError::Endpoint(endpoint.to_string());
        let rest = endpoint.strip_prefix("http://").ok_or_else(bad)?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => {
                (h, p.parse::<u16>().map_err(|_| bad())?)
            }
            _ => (authority, 80),
        };
        if host.is_empty() || authority.contains('@') {
            return Err(bad());
        }
        if token.is_some_and(|t| t.contains(['\r', '\n'])) {
            return Err(PushError::Token);
        }
        Ok(GraphStoreClient {
            host: host.to_string(),
            port,
            path: path.to_string(),
            token: token.map(str::to_string),
            timeout,
        })
    }

    /// One `PUT` of an N-Triples body into a graph.
    pub fn put_once(&self, graph: &str, ntriples: &[u8]) -> Attempt {
        match self.exchange(graph, ntriples) {
            Ok((status, body)) => Attempt::Response(status, body),
            Err(e) => Attempt::Transport(e.to_string()),
        }
    }

    fn exchange(&self, graph: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
        use std::io::{Read, Write};
        use std::net::{TcpStream, ToSocketAddrs};
        let addrs: Vec<_> = (self.host.trim_matches(['[', ']']), self.port)
            .to_socket_addrs()?
            .collect();
        let mut last = std::io::Error::other(format!("{} resolves to no address", self.host));
        let mut stream = None;
        for a in addrs {
            match TcpStream::connect_timeout(&a, self.timeout) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last = e,
            }
        }
        let mut stream = stream.ok_or(last)?;
        stream.set_read_timeout(Some(self.timeout))?;
        stream.set_write_timeout(Some(self.timeout))?;
        let target = graph_url(&self.path, graph);
        let mut head = format!(
            "PUT {target} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: newsgraph/{}\r\nContent-Type: application/n-triples\r\nContent-Length: {}\r\nConnection: close\r\n",
            self.host,
            self.port,
            env!("CARGO_PKG_VERSION"),
            body.len()
        );
        if let Some(t) = &self.token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        stream.flush()?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        parse_response(&raw)
    }

    /// `PUT` with retries.
    pub fn put(&self, graph: &str, ntriples: &[u8], policy: RetryPolicy) -> Outcome {
        with_retries(
            policy,
            || self.put_once(graph, ntriples),
            std::thread::sleep,
        )
    }
}

/// Status and body text of a complete HTTP/1.x response (the connection was
/// closed by the server, so the body is everything after the headers, with
/// chunked transfer coding removed when announced).
fn parse_response(raw: &[u8]) -> std::io::Result<(u16, String)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("incomplete HTTP response (no end of headers)"))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/1.") => code
            .parse::<u16>()
            .map_err(|_| bad("malformed HTTP status line"))?,
        _ => return Err(bad("not an HTTP/1.x response")),
    };
    let chunked = lines.any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    let mut body = raw[split + 4..].to_vec();
    if chunked {
        body = dechunk(&body);
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// Removes chunked transfer coding; stops at the last chunk or at malformed input.
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&b[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        let start = eol + 2;
        if size == 0 || start + size > b.len() {
            break;
        }
        out.extend_from_slice(&b[start..start + size]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(answers: Vec<Attempt>, attempts: u32) -> (Outcome, Vec<Duration>, usize) {
        let mut it = answers.into_iter();
        let mut calls = 0;
        let mut slept = Vec::new();
        let policy = RetryPolicy {
            attempts,
            first_delay: Duration::from_millis(100),
        };
        let o = with_retries(
            policy,
            || {
                calls += 1;
                it.next().expect("no more answers")
            },
            |d| slept.push(d),
        );
        (o, slept, calls)
    }

    #[test]
    fn server_errors_and_dropped_connections_are_retried_with_backoff() {
        let (o, slept, calls) = run(
            vec![
                Attempt::Transport("connection refused".into()),
                Attempt::Response(503, "busy".into()),
                Attempt::Response(204, String::new()),
            ],
            4,
        );
        assert!(o.ok());
        assert_eq!(calls, 3);
        assert_eq!(o.attempts, 3);
        assert_eq!(
            slept,
            vec![Duration::from_millis(100), Duration::from_millis(200)]
        );
    }

    #[test]
    fn client_errors_are_not_retried() {
        let (o, slept, calls) = run(
            vec![Attempt::Response(
                401,
                "\nUnauthorized: bad token\nmore".into(),
            )],
            4,
        );
        assert!(!o.ok());
        assert_eq!(calls, 1);
        assert!(slept.is_empty());
        assert_eq!(o.describe(), "HTTP 401: Unauthorized: bad token");
    }

    #[test]
    fn retries_stop_after_the_last_attempt() {
        let (o, slept, calls) = run(vec![Attempt::Response(500, "boom".into()); 3], 3);
        assert!(!o.ok());
        assert_eq!(calls, 3);
        assert_eq!(slept.len(), 2);
        assert_eq!(o.describe(), "HTTP 500: boom");
    }

    #[test]
    fn graph_iris_are_percent_encoded() {
        assert_eq!(
            graph_url("http://h:1/store", "https://w3id.org/x/graph/a#b"),
            "http://h:1/store?graph=https%3A%2F%2Fw3id.org%2Fx%2Fgraph%2Fa%23b"
        );
        assert!(graph_url("http://h/gsp?x=1", "urn:a").starts_with("http://h/gsp?x=1&graph="));
    }

    #[test]
    fn responses_are_parsed_with_and_without_chunking() {
        let plain = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 9\r\n\r\nbad input";
        assert_eq!(parse_response(plain).unwrap(), (400, "bad input".into()));
        let chunked = b"HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nboom\r\n3;x=y\r\n!!!\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap(), (500, "boom!!!".into()));
        assert_eq!(
            parse_response(b"HTTP/1.1 204 No Content\r\n\r\n")
                .unwrap()
                .0,
            204
        );
        assert!(parse_response(b"SSH-2.0-OpenSSH\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\n").is_err());
    }

    /// The real client against a one-shot local listener: request line,
    /// headers and body as sent, and the answer as parsed.
    #[test]
    fn put_sends_graph_token_and_body() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut req = Vec::new();
            let mut buf = [0u8; 4096];
            while !req.ends_with(b"<a> <b> <c> .\n") {
                let n = conn.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                req.extend_from_slice(&buf[..n]);
            }
            conn.write_all(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
                .unwrap();
            String::from_utf8(req).unwrap()
        });
        let c = GraphStoreClient::new(
            &format!("http://127.0.0.1:{port}/store"),
            Some("t0k"),
            Duration::from_secs(10),
        )
        .unwrap();
        let a = c.put_once("urn:g", b"<a> <b> <c> .\n");
        assert_eq!(a, Attempt::Response(201, String::new()));
        let req = server.join().unwrap();
        assert!(
            req.starts_with("PUT /store?graph=urn%3Ag HTTP/1.1\r\n"),
            "{req}"
        );
        assert!(req.contains("\r\nAuthorization: Bearer t0k\r\n"), "{req}");
        assert!(
            req.contains("\r\nContent-Type: application/n-triples\r\n"),
            "{req}"
        );
        assert!(req.contains("\r\nContent-Length: 14\r\n"), "{req}");
    }

    #[test]
    fn only_http_endpoints_are_accepted() {
        let t = Duration::from_secs(1);
        assert!(GraphStoreClient::new("http://127.0.0.1:1/store", None, t).is_ok());
        assert!(GraphStoreClient::new("ftp://x", None, t).is_err());
        assert!(GraphStoreClient::new("http://", None, t).is_err());
        assert!(GraphStoreClient::new("https://example.org/store", None, t).is_err());
        assert!(GraphStoreClient::new("http://h:notaport/store", None, t).is_err());
        let c = GraphStoreClient::new("http://example.org", None, t).unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.path.as_str()),
            ("example.org", 80, "/")
        );
        assert!(GraphStoreClient::new("http://h/s", Some("a\nb"), t).is_err());
    }
}
