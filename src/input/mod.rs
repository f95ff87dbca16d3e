//! Reading articles: files, directories, stdin; headers and publication dates.
//!
//! A bad file never stops a run: every input yields either an article or an
//! [`InputError`] that names the file (and line) and says what to do.
//!
//! Formats, by extension (case-insensitive):
//!
//! * `.jsonl`/`.ndjson`: one article per line ([`read_jsonl`]).
//! * `.html`/`.htm`/`.xhtml`: the main article text and `<meta>`/JSON-LD
//!   metadata (see [`html`]); the article text is the *extracted* text.
//!   Input without an extension (stdin) that starts with `<!DOCTYPE html` or
//!   `<html` is read as HTML too, and one whose first line is a JSON object
//!   as JSON Lines (so `newsgraph extract -` works in a pipe).
//! * `.gz` after any of these (`a.txt.gz`, `feed.jsonl.gz`, `page.html.gz`), or
//!   any input starting with the gzip magic bytes: decompressed, then read by
//!   the inner extension. A truncated or corrupt stream is an
//!   [`InputError::Gzip`]; for JSON Lines the complete lines before the damage
//!   are still returned.
//! * anything else: plain text ([`parse_text`]).
//!
//! Limits: one article's text may be at most [`MAX_ARTICLE_BYTES`] (a JSON
//! Lines record line at most twice that, an HTML page [`MAX_HTML_BYTES`]);
//! larger inputs are refused with [`InputError::TooLarge`] rather than fed to
//! the extractors. All reading is linear in the input size.
//!
//! Dates: a record or page date in a format [`parse_any_date`] does not know
//! is not an error: the article is read without that date (no warning), and
//! `--date` can supply one.

use crate::document::Meta;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::io::{BufRead, Read};

mod html;
mod record;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Why an input could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}; check the path and permissions")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8 text (invalid byte at line {line}, byte offset {offset}); convert it with e.g. `iconv -f latin1 -t utf-8`")]
    NotUtf8 {
        path: String,
        line: usize,
        offset: usize,
    },
    #[error(
        "{path}: looks like a binary file (NUL bytes); pass text, HTML or JSON Lines articles"
    )]
    Binary { path: String },
    #[error("{path}: empty file (no text); nothing to extract")]
    Empty { path: String },
    #[error("{path}: truncated or corrupt gzip: {detail}; re-download or recompress the file")]
    Gzip { path: String, detail: String },
    #[error("{path}: {what} is {size}, too large for one article (limit {limit}); split it into articles, e.g. JSON Lines with one article per line")]
    TooLarge {
        path: String,
        what: String,
        size: String,
        limit: String,
    },
    #[error("{path}: no article text in the HTML (nothing in <article>, <p> or other body text outside navigation, headers, footers and adverts); nothing to extract")]
    NoHtmlText { path: String },
    #[error("{path}: HTML nested about {depth} elements deep (limit {limit}); not a news page, or a broken one: check the file")]
    HtmlTooDeep {
        path: String,
        depth: usize,
        limit: usize,
    },
    #[error("{path}:{line}: {message}")]
    Record {
        path: String,
        line: usize,
        message: String,
    },
}

/// One article as read: text exactly as in the input, plus metadata.
#[derive(Debug, Clone)]
pub struct SourceArticle {
    pub text: String,
    pub meta: Meta,
}

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--date`: overrides any date found in the input.
    pub date: Option<NaiveDate>,
    /// `--field ROLE=NAME`: JSON Lines field names of a user's news API,
    /// tried before the usual ones (`body`/`text`/`content`, `title`, ...).
    pub fields: Vec<(FieldRole, String)>,
}

/// What a JSON Lines field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    Id,
    Url,
    Title,
    Date,
    Body,
    Publisher,
}

impl FieldRole {
    const ALL: [FieldRole; 6] = [
        FieldRole::Id,
        FieldRole::Url,
        FieldRole::Title,
        FieldRole::Date,
        FieldRole::Body,
        FieldRole::Publisher,
    ];

    /// The usual field names, tried after the configured ones.
    fn defaults(self) -> &'static [&'static str] {
        match self {
            FieldRole::Id => &["id", "guid", "uuid"],
            FieldRole::Url => &["url", "link"],
            FieldRole::Title => &["title", "headline"],
            FieldRole::Date => &["date", "published", "datePublished", "published_at"],
            FieldRole::Body => &["body", "text", "content"],
            FieldRole::Publisher => &["publisher", "source"],
        }
    }
}

/// Parses `ROLE=NAME` (`body=article_text`), for `--field`.
pub fn parse_field(s: &str) -> Result<(FieldRole, String), String> {
    let (role, name) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: write ROLE=NAME, e.g. body=article_text"))?;
    let role = match role.trim() {
        "id" => FieldRole::Id,
        "url" => FieldRole::Url,
        "title" => FieldRole::Title,
        "date" => FieldRole::Date,
        "body" | "text" => FieldRole::Body,
        "publisher" => FieldRole::Publisher,
        other => {
            return Err(format!(
                "`{other}` is not a field role; use id, url, title, date, body or publisher"
            ))
        }
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("`{s}`: the field name is empty"));
    }
    Ok((role, name.to_string()))
}

/// Expands paths (directories recursively, sorted) into input files; `-` is stdin.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(InputError::Io {
                path: p.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, InputError>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(InputError::Io {
                path: dir.display().to_string(),
                source: e,
            }));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Largest article text read (plain text, HTML extract, JSON Lines body): 8 MiB.
pub const MAX_ARTICLE_BYTES: usize = 8 << 20;
/// Largest HTML page parsed: 64 MiB (pages carry scripts and styles).
pub const MAX_HTML_BYTES: usize = 64 << 20;
/// Largest JSON Lines line parsed.
const MAX_RECORD_BYTES: usize = 2 * MAX_ARTICLE_BYTES;

/// What an input is, from its name (after any `.gz`) and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    JsonLines,
}

impl Format {
    fn from_ext(ext: &str) -> Self {
        match ext {
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => Format::Text,
        }
    }
    /// Largest input of this format read into memory (None: unbounded, one record at a time).
    fn limit(self) -> Option<usize> {
        match self {
            Format::Text => Some(MAX_ARTICLE_BYTES),
            Format::Html => Some(MAX_HTML_BYTES),
            Format::JsonLines => None,
        }
    }
}

/// Lower-case extension of a file name, if any.
fn ext_of(name: &Path) -> String {
    name.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// "20.0 MB" for sizes in messages.
fn human(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} kB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

fn too_large(name: &str, what: &str, size: usize, limit: usize) -> InputError {
    InputError::TooLarge {
        path: name.into(),
        what: what.into(),
        size: human(size),
        limit: human(limit),
    }
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A boxed byte source: a file or stdin, maybe behind a gzip decoder.
type Source = Box<dyn BufRead + Send>;

/// Why a read from a (possibly compressed) source failed, as an [`InputError`].
fn read_error(name: &str, gz: bool, e: std::io::Error, done: u64) -> InputError {
    if gz {
        let what = match e.kind() {
            std::io::ErrorKind::UnexpectedEof => "the stream ends early".to_string(),
            _ => e.to_string(),
        };
        InputError::Gzip {
            path: name.into(),
            detail: format!("{what} after {} of data", human(done as usize)),
        }
    } else {
        InputError::Io {
            path: name.into(),
            source: e,
        }
    }
}

/// Reads one input path into zero or more articles (JSON Lines hold many).
///
/// Collects [`read_path_stream`]; callers that may see large JSON Lines
/// archives should iterate the stream instead.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Vec<Result<SourceArticle, InputError>> {
    read_path_stream(path, opts).collect()
}

/// Reads one input path lazily: JSON Lines (plain, gzip or stdin) one record
/// at a time, so an archive of any size is read in constant memory; other
/// formats hold one article.
pub fn read_path_stream(
    path: &Path,
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<SourceArticle, InputError>> + Send> {
    let one = |r: Result<SourceArticle, InputError>| -> Box<dyn Iterator<Item = _> + Send> {
        Box::new(std::iter::once(r))
    };
    let name = path.display().to_string();
    let mut ext = ext_of(path);
    let gz_name = ext == "gz";
    if gz_name {
        ext = path
            .file_stem()
            .map(|s| ext_of(Path::new(s)))
            .unwrap_or_default();
    }
    let mut format = Format::from_ext(&ext);
    let raw: Source = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        // Refuse oversized plain inputs before reading them.
        if let (false, Some(limit), Ok(md)) = (gz_name, format.limit(), std::fs::metadata(path)) {
            if md.len() > limit as u64 {
                return one(Err(too_large(&name, "the file", md.len() as usize, limit)));
            }
        }
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                return one(Err(InputError::Io {
                    path: name,
                    source: e,
                }))
            }
        }
    };
    let mut raw = raw;
    let magic = match raw.fill_buf() {
        Ok(b) => b.starts_with(&GZIP_MAGIC),
        Err(e) => return one(Err(read_error(&name, false, e, 0))),
    };
    let gz = gz_name || magic;
    let mut src: Source = if gz {
        Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(raw),
        ))
    } else {
        raw
    };
    if ext.is_empty() {
        // stdin or a file without extension: sniff the (decompressed) start
        match src.fill_buf() {
            Ok(head) if looks_like_html(head) => format = Format::Html,
            Ok(head) if looks_like_jsonl(head) => format = Format::JsonLines,
            Ok(_) => {}
            Err(e) => return one(Err(read_error(&name, gz, e, 0))),
        }
    }
    if format == Format::JsonLines {
        return Box::new(JsonlStream::new(name, src, gz, opts.clone()));
    }
    let limit = format.limit().unwrap_or(usize::MAX);
    let mut bytes = Vec::new();
    if let Err(e) = src.by_ref().take(limit as u64 + 1).read_to_end(&mut bytes) {
        return one(Err(read_error(&name, gz, e, bytes.len() as u64)));
    }
    if bytes.len() > limit {
        let what = if gz {
            "the decompressed file"
        } else {
            "the file"
        };
        return one(Err(too_large(&name, what, bytes.len(), limit)));
    }
    Box::new(read_bytes(&name, bytes, format, opts).into_iter())
}

/// `<!DOCTYPE html` or `<html` at the start (after whitespace and a BOM).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// A JSON object at the start: how a JSON Lines feed on stdin (`RDD.pipe`,
/// Hadoop Streaming) is told from a text article, which never starts with `{"`.
fn looks_like_jsonl(bytes: &[u8]) -> bool {
    let head = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut it = head.iter().filter(|b| !b.is_ascii_whitespace());
    it.next() == Some(&b'{') && it.next() == Some(&b'"')
}

fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<SourceArticle, InputError>> {
    if let Some(limit) = format.limit().filter(|l| bytes.len() > *l) {
        return vec![Err(too_large(name, "the file", bytes.len(), limit))];
    }
    match format {
        Format::JsonLines => read_jsonl(name, &bytes, opts),
        Format::Text => vec![decode(name, bytes).map(|text| parse_text(text, name, opts))],
        Format::Html => {
            vec![decode(name, bytes).and_then(|text| {
                let depth = html::nesting_estimate(&text);
                if depth > html::MAX_NESTING {
                    return Err(InputError::HtmlTooDeep {
                        path: name.into(),
                        depth,
                        limit: html::MAX_NESTING,
                    });
                }
                match html::parse_html(&text, name, opts) {
                    html::Extracted::Article(a) if a.text.len() > MAX_ARTICLE_BYTES => Err(
                        too_large(name, "the article text", a.text.len(), MAX_ARTICLE_BYTES),
                    ),
                    html::Extracted::Article(a) => Ok(*a),
                    html::Extracted::NoText => Err(InputError::NoHtmlText { path: name.into() }),
                }
            })]
        }
    }
}

/// Bytes to text, refusing binary, empty and non-UTF-8 input with a precise message.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(InputError::Binary { path: name.into() });
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(InputError::NotUtf8 {
                path: name.into(),
                line,
                offset,
            });
        }
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty { path: name.into() });
    }
    Ok(text)
}

/// JSON Lines held in memory: one article per line; each bad line is its own
/// error, with its line number.
fn read_jsonl(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<SourceArticle, InputError>> {
    let src: Source = Box::new(std::io::Cursor::new(bytes.to_vec()));
    JsonlStream::new(name.to_string(), src, false, opts.clone()).collect()
}

/// JSON Lines read one line at a time, each line capped at
/// `MAX_RECORD_BYTES` (the rest of an oversized line is skipped, not kept).
/// A damaged gzip stream ends the file with one error after the complete
/// lines before the damage.
struct JsonlStream {
    name: String,
    src: Source,
    gz: bool,
    opts: ReadOptions,
    lineno: usize,
    consumed: u64,
    produced: bool,
    started: bool,
    done: bool,
    line: Vec<u8>,
    /// Every field name a role may read ([`field_names`]), once per stream.
    names: Vec<String>,
}

/// The field names a record is read for: the configured ones, then the
/// usual ones of every role.
fn field_names(opts: &ReadOptions) -> Vec<String> {
    opts.fields
        .iter()
        .map(|(_, n)| n.clone())
        .chain(
            FieldRole::ALL
                .iter()
                .flat_map(|r| r.defaults().iter().map(|n| n.to_string())),
        )
        .collect()
}

impl JsonlStream {
    fn new(name: String, src: Source, gz: bool, opts: ReadOptions) -> Self {
        let names = field_names(&opts);
        JsonlStream {
            name,
            src,
            gz,
            opts,
            lineno: 0,
            consumed: 0,
            produced: false,
            started: false,
            done: false,
            line: Vec::new(),
            names,
        }
    }

    /// The next line into `self.line` (at most `MAX_RECORD_BYTES + 1` bytes
    /// kept); returns its full length, or None at the end of input.
    fn next_line(&mut self) -> std::io::Result<Option<usize>> {
        self.line.clear();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let buf = self.src.fill_buf()?;
            if buf.is_empty() {
                return Ok(any.then_some(len));
            }
            any = true;
            let (chunk, found) = match memchr_nl(buf) {
                Some(i) => (&buf[..i], i + 1),
                None => (buf, 0),
            };
            let room = (MAX_RECORD_BYTES + 1).saturating_sub(self.line.len());
            self.line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            len += chunk.len();
            let used = if found > 0 { found } else { buf.len() };
            self.src.consume(used);
            self.consumed += used as u64;
            if found > 0 {
                return Ok(Some(len));
            }
        }
    }
}

/// The first `\n` in `buf`, eight bytes at a time (every byte of every line
/// passes through here; a byte-by-byte `position` cost more than the rest of
/// the line reading).
fn memchr_nl(buf: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const NL: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = buf.chunks_exact(8);
    let mut at = 0;
    for c in chunks.by_ref() {
        let x = u64::from_ne_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) ^ NL;
        // a zero byte of `x` (a newline) sets its high bit here; no false
        // negatives, and a false positive only sends us to the exact scan
        if x.wrapping_sub(ONES) & !x & HIGH != 0 {
            break;
        }
        at += 8;
    }
    buf[at..].iter().position(|&b| b == b'\n').map(|i| at + i)
}

impl Iterator for JsonlStream {
    type Item = Result<SourceArticle, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if !self.started {
                self.started = true;
                match self.src.fill_buf() {
                    Ok(head) if head.iter().take(8192).any(|&b| b == 0) => {
                        self.done = true;
                        return Some(Err(InputError::Binary {
                            path: self.name.clone(),
                        }));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.done = true;
                        return Some(Err(read_error(&self.name, self.gz, e, 0)));
                    }
                }
            }
            let len = match self.next_line() {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    if !self.produced {
                        return Some(Err(InputError::Empty {
                            path: self.name.clone(),
                        }));
                    }
                    return None;
                }
                Err(e) => {
                    // the partial line before the damage is dropped
                    self.done = true;
                    self.produced = true;
                    return Some(Err(read_error(&self.name, self.gz, e, self.consumed)));
                }
            };
            self.lineno += 1;
            if let Some(r) = jsonl_record(
                &self.name,
                self.lineno,
                &self.line,
                len,
                &self.opts,
                &self.names,
            ) {
                self.produced = true;
                return Some(r);
            }
        }
        None
    }
}

/// One JSON Lines record (`None` for a blank line); `len` is the line's full
/// length, which may exceed what was kept in `line`.
fn jsonl_record(
    name: &str,
    lineno: usize,
    line: &[u8],
    len: usize,
    opts: &ReadOptions,
    names: &[String],
) -> Option<Result<SourceArticle, InputError>> {
    let record = |message: String| InputError::Record {
        path: name.into(),
        line: lineno,
        message,
    };
    if len > MAX_RECORD_BYTES {
        return Some(Err(record(format!(
            "line is {}, too large for one article record (limit {}); split or remove it",
            human(len),
            human(MAX_RECORD_BYTES)
        ))));
    }
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let mut rec = match record::Record::parse(line, names) {
        Ok(v) => v,
        Err(e) => {
            return Some(Err(record(format!(
                "malformed JSON at column {} ({}); fix or remove this line",
                e.column(),
                e.to_string()
                    .split(" at line")
                    .next()
                    .unwrap_or("invalid JSON")
            ))));
        }
    };
    // the field a role reads: the first of its names the record has
    let key = |role: FieldRole| -> Option<&str> {
        let configured = opts
            .fields
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, n)| n.as_str());
        configured
            .chain(role.defaults().iter().copied())
            .find(|k| rec.get(k).is_some())
    };
    let text = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let field = |role: FieldRole| key(role).and_then(|k| rec.get(k)).and_then(text);
    // the body is checked in place and moved out after the other fields
    let body_key = key(FieldRole::Body);
    let body_len = match body_key.and_then(|k| rec.get(k)) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.len(),
        // a number's text is never blank
        Some(serde_json::Value::Number(n)) => n.to_string().len(),
        _ => {
            return Some(Err(record(
                "no `body` or `text` field with text (name yours with --field body=NAME); nothing to extract".to_string(),
            )));
        }
    };
    if body_len > MAX_ARTICLE_BYTES {
        return Some(Err(record(format!(
            "article text is {}, too large for one article (limit {}); split it",
            human(body_len),
            human(MAX_ARTICLE_BYTES)
        ))));
    }
    let mut meta = Meta {
        source_path: format!("{name}:{lineno}"),
        ..Default::default()
    };
    // a record's id is its identity whatever file (shard, copy, stdin) holds it
    meta.id = field(FieldRole::Id);
    meta.url = field(FieldRole::Url);
    meta.headline = field(FieldRole::Title);
    meta.publisher = field(FieldRole::Publisher);
    if let Some(d) = field(FieldRole::Date) {
        if let Some(d) = parse_any_date(&d) {
            meta.date = Some(d);
            meta.date_source = Some("record".into());
        }
    }
    if let Some(d) = opts.date {
        meta.date = Some(d);
        meta.date_source = Some("option".into());
    }
    let body = match body_key.and_then(|k| rec.take(k)) {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => unreachable!("checked above"),
    };
    Some(Ok(SourceArticle { text: body, meta }))
}

static MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Month number of an English month name or abbreviation.
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == l).map(|(_, m)| *m)
}

const MONTH_RE: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// A line that is only a date, optionally with a time and zone: a dateline.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<mon>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?(?:\s*(?:at\s+)?\d{{1,2}}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{{2,4}})?(?:\s*\(\d{{1,2}}:\d\d\s+[A-Z]{{2,4}}\))?)?\s*$"
    ))
    .unwrap()
});
static DATELINE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<day>\d{{1,2}})\s+(?P<mon>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\s*$"
    ))
    .unwrap()
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)").unwrap());
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(date|source|url|publisher|author|by|published))\s*:\s*(.*?)\s*$").unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)\b").unwrap());
static SOURCE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:来源|來源|Source)[:：]?\s+(\S.*?)\s*$").unwrap());
static CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(([A-Z][A-Za-z&.' ]{1,40})\)\s*[—–-]").unwrap());
static END_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(END\)\s+(\S.*?)\s*$").unwrap());
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*By\s+((?:[A-Z][\w'’.-]+\s?){1,4}(?:(?:,\s*|\s+and\s+)(?:[A-Z][\w'’.-]+\s?){1,4})*)\s*$").unwrap()
});

/// Parses ISO `YYYY-MM-DD` (with any time after it), "Sep 17, 2025", "17 September 2025",
/// RFC 2822; `DD/MM/YYYY` is ambiguous and refused.
pub fn parse_any_date(s: &str) -> Option<NaiveDate> {
    if let Some((y, m, d)) = ascii_iso_prefix(s) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let (digit_led, name_led) = date_lead(s);
    if let Some(c) = digit_led.then(|| ISO_DATE.captures(s)).flatten() {
        return NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = name_led.then(|| DATELINE.captures(s)).flatten() {
        let y = c.name("year")?.as_str().parse().ok()?;
        return NaiveDate::from_ymd_opt(y, month_number(&c["mon"])?, c["day"].parse().ok()?);
    }
    if let Some(c) = digit_led.then(|| DATELINE_DMY.captures(s)).flatten() {
        return NaiveDate::from_ymd_opt(
            c["year"].parse().ok()?,
            month_number(&c["mon"])?,
            c["day"].parse().ok()?,
        );
    }
    // RSS/e-mail style: "Wed, 17 Sep 2025 05:36:00 +0000" (the date where published).
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s.trim()) {
        return Some(dt.date_naive());
    }
    None
}

/// Whether [`ISO_DATE`] and [`DATELINE_DMY`] (first) and [`DATELINE`]
/// (second) may match `s`, from its first character after `^\s*`: the former
/// need a digit there, the latter the capital of a weekday or month name. A
/// non-ASCII first character is left to the regexes (`\s` and `\d` are
/// Unicode); a string of ASCII spaces matches none.
fn date_lead(s: &str) -> (bool, bool) {
    match s.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        Some(b) if b.is_ascii() => (b.is_ascii_digit(), b"MTWFSJAOND".contains(&b)),
        Some(_) => (true, true),
        None => (false, false),
    }
}

/// [`ISO_DATE`]'s groups read by hand when `s` opens with ASCII `YYYY-MM-DD`
/// (19xx or 20xx), the form of record dates in JSON Lines. A leading digit
/// leaves `^\s*` nothing to take, so the regex matches there with these very
/// groups; any other string (leading space, non-ASCII digits) goes to the regex.
fn ascii_iso_prefix(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes().get(..10)?;
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32)
        })
    };
    if !matches!(&b[..2], b"19" | b"20") || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
}

/// The year most often written in a text (ties: the later), for "Sep 25" datelines.
fn dominant_year(text: &str) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for c in YEAR.captures_iter(text) {
        if let Ok(y) = c[1].parse::<i32>() {
            *counts.entry(y).or_default() += 1;
        }
    }
    let this_year = chrono::Utc::now().year();
    counts
        .into_iter()
        .filter(|(y, _)| *y <= this_year + 1)
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Reads a plain-text article: headline, header lines, dateline, publisher.
pub fn parse_text(text: String, name: &str, opts: &ReadOptions) -> SourceArticle {
    let mut meta = Meta {
        source_path: name.to_string(),
        ..Default::default()
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i < lines.len() {
        meta.headline = Some(lines[i].trim().to_string());
        i += 1;
    }
    // Explicit header block: `Key: value` lines right after the headline.
    let mut explicit = false;
    while i < lines.len() {
        let Some(c) = HEADER.captures(lines[i].trim()) else {
            break;
        };
        explicit = true;
        let v = c[2].to_string();
        match c[1].to_ascii_lowercase().as_str() {
            "date" | "published" => {
                if let Some(d) = parse_any_date(&v) {
                    meta.date = Some(d);
                    meta.date_source = Some("header".into());
                }
            }
            "source" | "publisher" => meta.publisher = Some(v),
            "url" => meta.url = Some(v),
            _ => meta.authors.extend(split_names(&v)),
        }
        i += 1;
    }
    // Header area of scraped pages: short lines before the first real paragraph.
    let mut pending_md: Option<(u32, u32)> = None;
    if !explicit {
        while i < lines.len() {
            let l = lines[i].trim();
            if word_count(l) >= 8 && !CREDIT.is_match(l) {
                break;
            }
            if let Some(c) = CREDIT.captures(l) {
                meta.publisher
                    .get_or_insert_with(|| c[1].trim().to_string());
                break;
            }
            if l.is_empty() {
                i += 1;
                continue;
            }
            if let Some(c) = SOURCE_LABEL.captures(l) {
                meta.publisher.get_or_insert_with(|| c[1].to_string());
            } else if let Some(c) = BYLINE.captures(l) {
                meta.authors.extend(split_names(&c[1]));
            } else if let Some(c) = DATELINE.captures(l) {
                let (m, d) = (month_number(&c["mon"]), c["day"].parse().ok());
                match (c.name("year").and_then(|y| y.as_str().parse().ok()), m, d) {
                    (Some(y), Some(m), Some(d)) if meta.date.is_none() => {
                        meta.date = NaiveDate::from_ymd_opt(y, m, d);
                        meta.date_source = Some("dateline".into());
                    }
                    (None, Some(m), Some(d)) => pending_md = Some((m, d)),
                    _ => {}
                }
            } else if let Some(d) = DATELINE_DMY.captures(l).and_then(|_| parse_any_date(l)) {
                meta.date.get_or_insert(d);
                meta.date_source.get_or_insert_with(|| "dateline".into());
            } else if meta.publisher.is_none() && looks_like_publisher(l) {
                meta.publisher = Some(l.to_string());
            }
            i += 1;
        }
    }
    // Datelines and end credits elsewhere: a line that is only a date (+ time).
    for l in &lines {
        let t = l.trim();
        if meta.date.is_none() {
            if let Some(c) = DATELINE.captures(t) {
                if let (Some(y), Some(m), Ok(d)) = (
                    c.name("year").and_then(|y| y.as_str().parse().ok()),
                    month_number(&c["mon"]),
                    c["day"].parse(),
                ) {
                    meta.date = NaiveDate::from_ymd_opt(y, m, d);
                    meta.date_source = Some("dateline".into());
                }
            }
        }
        if let Some(c) = END_CREDIT.captures(t) {
            meta.publisher.get_or_insert_with(|| c[1].to_string());
        }
    }
    if meta.date.is_none() {
        if let Some((m, d)) = pending_md {
            if let Some(y) = dominant_year(&text) {
                meta.date = NaiveDate::from_ymd_opt(y, m, d);
                meta.date_source = Some("dateline, year inferred from text".into());
            }
        }
    }
    if let Some(d) = opts.date {
        meta.date = Some(d);
        meta.date_source = Some("option".into());
    }
    SourceArticle { text, meta }
}

/// A short title-case line of letters: a source label such as "Deep News".
fn looks_like_publisher(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && l.chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '&' || c == '.')
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn split_names(s: &str) -> Vec<String> {
    s.split(" and ")
        .flat_map(|p| p.split(','))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(t: &str) -> Meta {
        parse_text(t.to_string(), "t.txt", &ReadOptions::default()).meta
    }

    #[test]
    fn explicit_headers_are_read() {
        let m = meta(
            "Title here\nDate: 2025-09-17\nSource: Reuters\nURL: https://x.test/a\n\nBody text.",
        );
        assert_eq!(m.headline.as_deref(), Some("Title here"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 9, 17));
        assert_eq!(m.publisher.as_deref(), Some("Reuters"));
        assert_eq!(m.url.as_deref(), Some("https://x.test/a"));
    }

    #[test]
    fn iso_prefix_by_hand_reads_what_the_regex_reads() {
        let mut rng = crate::text::XorShift(0x510e_527f_ade6_82d1);
        // a year, separator, month, separator, day and tail, each maybe odd
        let slots: [&[&str]; 6] = [
            &[
                "1987",
                "2025",
                "2125",
                "198",
                "19\u{0663}7",
                " 1987",
                "\u{a0}2001",
                "1999",
            ],
            &["-", "/", "", "--"],
            &["02", "2", "13", "00", "\u{0660}2", "1x", "12"],
            &["-", ".", ""],
            &["26", "3", "31", "30", "\u{0663}1", "29", "1"],
            &["", "T15:01:01", " ", "x", "5"],
        ];
        let mut lines: Vec<String> = vec!["1987-02-26T15:01:01".into(), "".into(), "2".into()];
        for _ in 0..30_000 {
            lines.push(slots.iter().map(|p| p[rng.below(p.len())]).collect());
        }
        let mut hits = 0;
        for l in &lines {
            let by_regex = ISO_DATE.captures(l).map(|c| {
                (
                    c[1].parse::<i32>().ok(),
                    c[2].parse::<u32>().ok(),
                    c[3].parse::<u32>().ok(),
                )
            });
            // where the hand reading gives up, parse_any_date asks the regex
            if let Some((y, m, d)) = ascii_iso_prefix(l) {
                assert_eq!(by_regex, Some((Some(y), Some(m), Some(d))), "{l:?}");
                hits += 1;
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn date_lead_never_rules_out_a_date_regex() {
        let mut rng = crate::text::XorShift(0x1f83_d9ab_fb41_bd6b);
        let pieces = [
            " ",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "Wed, ",
            "Wednesday ",
            "Thursday, ",
            "Sep ",
            "Sept. ",
            "September ",
            "sep ",
            "May ",
            "17",
            "3rd",
            " 2025",
            ", 1987",
            "1987-02-26",
            "2025-9-1",
            "17 Sep 2025",
            " 05:36:00 +0000",
            " 10:30 AM EST",
            "x",
            "\u{0663}",
            "T",
            "(",
            "Jan",
            "Dec ",
            "Fri",
            "Sun ",
        ];
        let mut hits = [0; 3];
        for _ in 0..30_000 {
            let l: String = (0..rng.below(6))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let (digit_led, name_led) = date_lead(&l);
            for (k, (re, may)) in [
                (&*ISO_DATE, digit_led),
                (&*DATELINE, name_led),
                (&*DATELINE_DMY, digit_led),
            ]
            .into_iter()
            .enumerate()
            {
                if re.is_match(&l) {
                    assert!(may, "{l:?}");
                    hits[k] += 1;
                }
            }
        }
        assert!(hits.iter().all(|&h| h >= 30), "{hits:?}");
    }

    #[test]
    fn month_day_dateline_takes_year_from_body() {
        let m = meta("Big rally\n\nDeep News\nSep 25\n\nMarkets rose on the morning of September 25th as the 2025 conference opened, and 2025 looks strong; 2032 plans remain.");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 9, 25));
        assert_eq!(m.publisher.as_deref(), Some("Deep News"));
    }

    #[test]
    fn full_dateline_with_time_anywhere() {
        let m = meta("Headline\n\nBy Sherry Qin and Tracy Qu\n\nShares in China rose strongly on Wednesday in a broad rally.\n\n(END) Dow Jones Newswires\n\nSeptember 17, 2025 05:36 ET (09:36 GMT)\n");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 9, 17));
        assert_eq!(m.publisher.as_deref(), Some("Dow Jones Newswires"));
        assert_eq!(m.authors, vec!["Sherry Qin", "Tracy Qu"]);
    }

    #[test]
    fn dates_inside_paragraphs_are_not_datelines() {
        let m = meta("Headline\n\n(Bloomberg) — Chinese tech stocks extended their rally Thursday, fueled by enthusiasm.\n\nPosted by X. Last updated: September 25, 2025 Market data platform launched.");
        assert_eq!(m.date, None);
        assert_eq!(m.publisher.as_deref(), Some("Bloomberg"));
    }

    #[test]
    fn option_overrides_date() {
        let a = parse_text(
            "H\nDate: 2025-01-01\n\nText".into(),
            "x",
            &ReadOptions {
                date: NaiveDate::from_ymd_opt(2024, 2, 2),
                ..Default::default()
            },
        );
        assert_eq!(a.meta.date, NaiveDate::from_ymd_opt(2024, 2, 2));
    }

    #[test]
    fn bad_bytes_are_refused_with_line_numbers() {
        assert!(matches!(
            decode("b", vec![0, 1, 2]),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(
            decode("e", b"  \n".to_vec()),
            Err(InputError::Empty { .. })
        ));
        match decode("u", b"ok\nline two \xff\n".to_vec()) {
            Err(InputError::NotUtf8 { line, offset, .. }) => {
                assert_eq!(line, 2);
                assert_eq!(offset, 12);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn newline_search_finds_the_first_newline() {
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = rng.below(70);
            let buf: Vec<u8> = (0..len)
                .map(|_| match rng.below(6) {
                    0 => b'\n',
                    1 => 0x8a,
                    2 => 0x0b,
                    _ => rng.below(256) as u8,
                })
                .collect();
            let nl = rng.below(3) == 0;
            let buf: Vec<u8> = if nl {
                buf
            } else {
                buf.into_iter().filter(|&b| b != b'\n').collect()
            };
            assert_eq!(
                memchr_nl(&buf),
                buf.iter().position(|&b| b == b'\n'),
                "{buf:?}"
            );
        }
    }

    #[test]
    fn jsonl_records_and_bad_lines() {
        let data = b"{\"id\":\"1\",\"title\":\"T\",\"date\":\"1987-02-26\",\"body\":\"Text one.\"}\nnot json\n{\"id\":\"2\"}\n";
        let r = read_jsonl("c.jsonl", data, &ReadOptions::default());
        assert_eq!(r.len(), 3);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.meta.date, NaiveDate::from_ymd_opt(1987, 2, 26));
        assert!(matches!(r[1], Err(InputError::Record { line: 2, .. })));
        assert!(matches!(r[2], Err(InputError::Record { line: 3, .. })));
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_file(dir: &Path, file: &str, bytes: &[u8]) -> Vec<Result<SourceArticle, InputError>> {
        let p = dir.join(file);
        std::fs::write(&p, bytes).unwrap();
        read_path(&p, &ReadOptions::default())
    }

    const PAGE: &str = "<!DOCTYPE html><html><head><meta property=\"og:title\" content=\"Headline\"></head><body><article><p>Body paragraph.</p></article></body></html>";

    #[test]
    fn gzip_is_read_by_inner_extension() {
        let d = tempfile::tempdir().unwrap();
        let txt = read_file(
            d.path(),
            "a.txt.gz",
            &gz(b"Title\nDate: 2025-09-17\n\nBody."),
        );
        let a = txt[0].as_ref().unwrap();
        assert_eq!(a.text, "Title\nDate: 2025-09-17\n\nBody.");
        assert_eq!(a.meta.date, NaiveDate::from_ymd_opt(2025, 9, 17));
        let html = read_file(d.path(), "p.HTML.gz", &gz(PAGE.as_bytes()));
        assert_eq!(
            html[0].as_ref().unwrap().text,
            "Headline\n\nBody paragraph.\n"
        );
        let jl = read_file(
            d.path(),
            "f.jsonl.gz",
            &gz(b"{\"body\":\"One.\"}\n{\"body\":\"Two.\"}\n"),
        );
        assert_eq!(jl.len(), 2);
        assert!(jl.iter().all(|r| r.is_ok()));
        // gzip bytes under any name are recognised by their magic number
        let magic = read_file(d.path(), "noext", &gz(b"Title\n\nBody."));
        assert_eq!(magic[0].as_ref().unwrap().text, "Title\n\nBody.");
    }

    #[test]
    fn truncated_gzip_is_an_error_and_keeps_complete_jsonl_lines() {
        let d = tempfile::tempdir().unwrap();
        let mut lines = String::new();
        for i in 0..2000 {
            lines.push_str(&format!(
                "{{\"id\":\"{i}\",\"body\":\"Article {i} about shares {}.\"}}\n",
                i * 7919 % 1000
            ));
        }
        let full = gz(lines.as_bytes());
        let cut = &full[..full.len() / 2];
        let r = read_file(d.path(), "f.jsonl.gz", cut);
        let (ok, err): (Vec<_>, Vec<_>) = r.iter().partition(|r| r.is_ok());
        assert!(!ok.is_empty() && ok.len() < 2000, "{}", ok.len());
        assert_eq!(err.len(), 1);
        let msg = err[0].as_ref().unwrap_err().to_string();
        assert!(
            msg.contains("f.jsonl.gz: truncated or corrupt gzip"),
            "{msg}"
        );
        assert!(msg.contains("re-download or recompress"), "{msg}");
        for (name, bytes) in [
            ("a.txt.gz", cut),
            ("b.html.gz", &full[..10]),
            ("c.gz", b"plain text, not gzip".as_slice()),
        ] {
            let r = read_file(d.path(), name, bytes);
            assert_eq!(r.len(), 1);
            assert!(
                matches!(&r[0], Err(InputError::Gzip { path, .. }) if path.ends_with(name)),
                "{name}: {:?}",
                r[0]
            );
        }
    }

    #[test]
    fn oversized_inputs_are_refused_quickly() {
        let d = tempfile::tempdir().unwrap();
        let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
        let r = read_file(d.path(), "big.txt", &big);
        assert!(
            matches!(&r[0], Err(InputError::TooLarge { .. })),
            "{:?}",
            r[0]
        );
        let r = read_file(d.path(), "big.txt.gz", &gz(&big));
        assert!(
            matches!(&r[0], Err(InputError::TooLarge { .. })),
            "{:?}",
            r[0]
        );
        let mut jl = b"{\"body\":\"ok\"}\n".to_vec();
        jl.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 1));
        jl.extend(b"\n{\"body\":\"fine\"}\n");
        let r = read_file(d.path(), "big.jsonl", &jl);
        assert_eq!(r.len(), 3);
        assert!(
            matches!(&r[1], Err(InputError::Record { line: 2, message, .. }) if message.contains("too large"))
        );
        assert!(r[0].is_ok() && r[2].is_ok());
    }

    #[test]
    fn extensionless_json_lines_are_sniffed_and_ids_do_not_depend_on_the_file() {
        let d = tempfile::tempdir().unwrap();
        let jl = b"{\"id\": \"r-1\", \"body\": \"Shares rose.\"}\n{\"id\": \"r-2\", \"body\": \"Bonds fell.\"}\n";
        let r = read_file(d.path(), "piped", jl);
        assert_eq!(r.len(), 2, "{r:?}");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.text, "Shares rose.");
        assert_eq!(a.meta.id.as_deref(), Some("r-1"));
        let other = read_file(d.path(), "shard-07.jsonl", jl);
        assert_eq!(other[1].as_ref().unwrap().meta.id.as_deref(), Some("r-2"));
        // text that merely starts with a brace stays text
        let r = read_file(d.path(), "note", b"{draft} Shares rose.\n\nMore text.");
        assert_eq!(r.len(), 1);
        assert!(r[0].as_ref().unwrap().text.starts_with("{draft}"));
    }

    #[test]
    fn html_by_extension_or_doctype_and_errors() {
        let d = tempfile::tempdir().unwrap();
        let r = read_file(d.path(), "p.htm", PAGE.as_bytes());
        assert_eq!(
            r[0].as_ref().unwrap().meta.headline.as_deref(),
            Some("Headline")
        );
        let r = read_file(d.path(), "stdin-like", PAGE.as_bytes());
        assert_eq!(r[0].as_ref().unwrap().text, "Headline\n\nBody paragraph.\n");
        let r = read_file(
            d.path(),
            "empty.html",
            b"<html><body><nav>Home</nav></body></html>",
        );
        assert!(matches!(&r[0], Err(InputError::NoHtmlText { .. })));
        let r = read_file(
            d.path(),
            "deep.html",
            "<div>".repeat(html::MAX_NESTING + 10).as_bytes(),
        );
        assert!(matches!(&r[0], Err(InputError::HtmlTooDeep { .. })));
        let r = read_file(d.path(), "bin.html", &[0u8, 1, 2, 3]);
        assert!(matches!(&r[0], Err(InputError::Binary { .. })));
        // a .txt stays plain text even when it holds markup
        let r = read_file(d.path(), "p.txt", PAGE.as_bytes());
        assert_eq!(r[0].as_ref().unwrap().text, PAGE);
    }

    #[test]
    fn unknown_record_date_reads_the_article_without_a_date() {
        let r = read_jsonl(
            "d.jsonl",
            b"{\"date\":\"next Tuesday-ish\",\"body\":\"Text.\"}\n{\"date\":\"Wed, 17 Sep 2025 05:36:00 +0800\",\"body\":\"T.\"}\n",
            &ReadOptions::default(),
        );
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.meta.date, None);
        assert_eq!(a.meta.date_source, None);
        assert_eq!(
            r[1].as_ref().unwrap().meta.date,
            NaiveDate::from_ymd_opt(2025, 9, 17)
        );
    }

    #[test]
    fn jsonl_without_extension_is_sniffed_and_streamed() {
        let d = tempfile::tempdir().unwrap();
        let r = read_file(
            d.path(),
            "feed",
            b"{\"id\":\"a\",\"body\":\"One.\"}\n\n{\"id\":\"b\",\"body\":\"Two.\"}",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[1].as_ref().unwrap().meta.source_path,
            format!("{}:3", d.path().join("feed").display())
        );
        // a text article is not mistaken for JSON Lines
        let r = read_file(d.path(), "note", b"{Draft} Acme Corp rose.");
        assert_eq!(r[0].as_ref().unwrap().text, "{Draft} Acme Corp rose.");
        // lazily: the stream hands out records one at a time
        let p = d.path().join("many.jsonl");
        let mut data = String::new();
        for i in 0..1000 {
            data.push_str(&format!("{{\"id\":\"{i}\",\"body\":\"Body {i}.\"}}\n"));
        }
        std::fs::write(&p, data).unwrap();
        let mut it = read_path_stream(&p, &ReadOptions::default());
        assert!(it.next().unwrap().is_ok());
        assert_eq!(it.count(), 999);
        // only blank lines: empty
        let r = read_file(d.path(), "blank.jsonl", b"\n  \n");
        assert!(matches!(&r[0], Err(InputError::Empty { .. })));
    }

    #[test]
    fn configured_jsonl_field_names_come_first() {
        let fields = vec![
            parse_field("body=article_text").unwrap(),
            parse_field("date = pubDate").unwrap(),
        ];
        let opts = ReadOptions {
            fields,
            ..Default::default()
        };
        let r = read_jsonl(
            "api.jsonl",
            b"{\"article_text\":\"Acme rose.\",\"text\":\"teaser\",\"pubDate\":\"2025-09-17\"}\n",
            &opts,
        );
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.text, "Acme rose.");
        assert_eq!(a.meta.date, NaiveDate::from_ymd_opt(2025, 9, 17));
        assert!(parse_field("bodytext").unwrap_err().contains("ROLE=NAME"));
        assert!(parse_field("author=x")
            .unwrap_err()
            .contains("not a field role"));
    }

    #[test]
    fn binary_jsonl_is_one_error() {
        let r = read_jsonl("b.jsonl", b"\x00\x01\n\x00\n", &ReadOptions::default());
        assert_eq!(r.len(), 1);
        assert!(matches!(r[0], Err(InputError::Binary { .. })));
    }
}
