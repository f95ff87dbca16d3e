//! HTML news pages: main article text plus metadata from `<meta>`, JSON-LD and markup.
//!
//! The text handed on is *extracted* text — the headline, a blank line, then
//! one paragraph per block element (p, h1–h6, li, blockquote, …) separated by
//! blank lines — so every offset downstream refers to the extracted text, not
//! to the HTML source.
//!
//! Rules, in order of preference:
//!
//! * **main text**: `[itemprop=articleBody]`, else the `<article>` with the most
//!   `<p>` text, else the element whose `<p>` children hold the most text, else
//!   `<body>`; inside it, script/style/nav/header/footer/aside/form/noscript,
//!   figures, hidden elements, landmark roles other than main, and blocks whose
//!   class or id is an advert/share/newsletter/related token are dropped.
//!   When nothing is left, JSON-LD `articleBody` is used.
//! * **title**: `og:title`, JSON-LD `headline`, first `<h1>`, `<title>` (minus a
//!   ` | Site` suffix naming the publisher).
//! * **date**: `article:published_time` (or `datePublished`/`date` meta), JSON-LD
//!   `datePublished`, `<time datetime>` inside the main text, then anywhere;
//!   last, a dateline in the extracted text.
//! * **authors**: `author` meta, else JSON-LD `author` name(s), else a
//!   "By …" line in the extracted text.
//! * **publisher**: `og:site_name`, JSON-LD `publisher.name`.
//! * **URL** (also the article id): `og:url`, `<link rel=canonical>`, JSON-LD
//!   `url`/`mainEntityOfPage`; only absolute http(s) URLs are kept.

use super::{parse_any_date, parse_text, split_names, ReadOptions, SourceArticle};
use crate::document::Meta;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Elements whose whole subtree is never article text.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "template",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "figure",
    "figcaption",
    "dialog",
    "menu",
    "head",
    "title",
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "br",
    "hr",
    "address",
    "center",
    "details",
    "summary",
];

/// Inline elements after which a space keeps words apart (table cells).
const SPACED_TAGS: &[&str] = &["td", "th"];

/// Class/id tokens of non-article blocks (matched as whole `-`/`_`/space separated tokens).
const JUNK_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "related",
    "share",
    "sharing",
    "social",
    "comments",
    "cookie",
    "cookies",
    "subscribe",
    "paywall",
    "outbrain",
    "taboola",
    "recommended",
    "trending",
    "breadcrumb",
    "breadcrumbs",
];

/// ARIA landmark roles that are never the article.
const JUNK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
];

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "BlogPosting",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel]"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel("script[type]"));
static ARTICLE_BODY: LazyLock<Selector> = LazyLock::new(|| sel("[itemprop=articleBody]"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| sel("article"));
static P: LazyLock<Selector> = LazyLock::new(|| sel("p"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));

/// What an HTML page yields: an article, or no text at all.
pub(super) enum Extracted {
    Article(Box<SourceArticle>),
    NoText,
}

/// Metadata from `<meta>`/`<link>` tags, keyed by lower-case name/property.
struct MetaTags(HashMap<String, String>);

impl MetaTags {
    fn read(doc: &Html) -> Self {
        let mut m = HashMap::new();
        for el in doc.select(&META) {
            let v = el.value();
            let Some(content) = v.attr("content").map(clean).filter(|c| !c.is_empty()) else {
                continue;
            };
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = v.attr(key) {
                    m.entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        for el in doc.select(&CANONICAL) {
            let v = el.value();
            let canonical = v.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if let (true, Some(href)) = (canonical, v.attr("href")) {
                m.entry("link:canonical".into())
                    .or_insert_with(|| clean(href));
            }
        }
        MetaTags(m)
    }
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.0.get(*k).cloned())
    }
}

/// Fields of the first JSON-LD article object on the page.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    body: Option<String>,
}

impl JsonLd {
    fn read(doc: &Html) -> Self {
        for el in doc.select(&LD_JSON) {
            let is_ld = el
                .value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if !is_ld {
                continue;
            }
            let src: String = el.text().collect();
            // Bad JSON-LD is common in the wild; it only means less metadata.
            let Ok(v) = serde_json::from_str::<Value>(src.trim()) else {
                continue;
            };
            if let Some(a) = find_article(&v, 0) {
                return JsonLd::from_object(a);
            }
        }
        JsonLd::default()
    }

    fn from_object(a: &Value) -> Self {
        let s = |k: &str| {
            a.get(k)
                .and_then(Value::as_str)
                .map(clean)
                .filter(|s| !s.is_empty())
        };
        let mut authors = Vec::new();
        if let Some(v) = a.get("author") {
            names(v, &mut authors);
        }
        let mut publishers = Vec::new();
        if let Some(v) = a.get("publisher") {
            names(v, &mut publishers);
        }
        let url = s("url").or_else(|| match a.get("mainEntityOfPage") {
            Some(Value::String(u)) => Some(clean(u)),
            Some(o @ Value::Object(_)) => o
                .get("@id")
                .or_else(|| o.get("url"))
                .and_then(Value::as_str)
                .map(clean),
            _ => None,
        });
        JsonLd {
            headline: s("headline").or_else(|| s("name")),
            date: s("datePublished").or_else(|| s("dateCreated")),
            authors,
            publisher: publishers.into_iter().next(),
            url,
            body: a
                .get("articleBody")
                .and_then(Value::as_str)
                .map(str::to_string),
        }
    }
}

/// Depth-limited search for an object whose `@type` is an article type.
fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if is_article {
                return Some(v);
            }
            o.get("@graph")
                .and_then(|g| find_article(g, depth + 1))
                .or_else(|| o.get("mainEntity").and_then(|g| find_article(g, depth + 1)))
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    ARTICLE_TYPES.contains(&t)
}

/// Names from a JSON-LD person/organisation value: string, `{name}`, or an array of those.
fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let s = clean(s);
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str).map(clean) {
                if !n.is_empty() {
                    out.push(n);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| names(i, out)),
        _ => {}
    }
}

/// Collapses runs of whitespace to one space and trims.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_junk_element(el: &scraper::node::Element, tags_only: bool) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| JUNK_ROLES.iter().any(|j| r.eq_ignore_ascii_case(j)))
    {
        return true;
    }
    if tags_only {
        return false;
    }
    ["class", "id"].iter().any(|a| {
        el.attr(a).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|t| JUNK_TOKENS.iter().any(|j| t.eq_ignore_ascii_case(j)))
        })
    })
}

/// Every node inside a dropped element (by tag/role/hidden only), found in one pass
/// so that "is this paragraph inside navigation?" costs O(1), not O(depth).
struct Dropped(HashSet<NodeId>);

impl Dropped {
    fn find(doc: &Html) -> Self {
        let mut set = HashSet::new();
        let mut inside: Option<NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(n) => {
                    if inside.is_none()
                        && n.value()
                            .as_element()
                            .is_some_and(|e| is_junk_element(e, true))
                    {
                        inside = Some(n.id());
                    }
                    if inside.is_some() {
                        set.insert(n.id());
                    }
                }
                Edge::Close(n) => {
                    if inside == Some(n.id()) {
                        inside = None;
                    }
                }
            }
        }
        Dropped(set)
    }
    fn has(&self, el: ElementRef) -> bool {
        self.0.contains(&el.id())
    }
}

/// Length of the visible text of an element (whitespace collapsed).
fn text_len(el: ElementRef) -> usize {
    el.text()
        .map(|t| t.split_whitespace().map(str::len).sum::<usize>())
        .sum()
}

/// The element holding the article text.
fn main_container<'a>(doc: &'a Html, dropped: &Dropped) -> Option<ElementRef<'a>> {
    if let Some(b) = doc
        .select(&ARTICLE_BODY)
        .filter(|e| !dropped.has(*e))
        .max_by_key(|e| text_len(*e))
    {
        if text_len(b) > 0 {
            return Some(b);
        }
    }
    let p_text = |a: ElementRef| -> usize {
        a.select(&P)
            .filter(|p| !dropped.has(*p))
            .map(text_len)
            .sum()
    };
    if let Some((a, n)) = doc
        .select(&ARTICLE)
        .filter(|e| !dropped.has(*e))
        .map(|a| (a, p_text(a)))
        .max_by_key(|(_, n)| *n)
    {
        if n > 0 {
            return Some(a);
        }
    }
    // The element whose own <p> children hold the most text.
    let mut scores: HashMap<NodeId, usize> = HashMap::new();
    for p in doc.select(&P).filter(|p| !dropped.has(*p)) {
        if let Some(parent) = p.parent() {
            *scores.entry(parent.id()).or_default() += text_len(p);
        }
    }
    let best = scores
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id)));
    if let Some(el) = best
        .and_then(|(id, _)| doc.tree.get(id))
        .and_then(ElementRef::wrap)
    {
        return Some(el);
    }
    doc.select(&BODY).next()
}

/// Paragraphs of the container, in document order, without junk subtrees.
fn paragraphs(root: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let p = clean(buf);
        if !p.is_empty() {
            out.push(p);
        }
        buf.clear();
    };
    // Iterative traversal: deeply nested markup cannot overflow the stack.
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => buf.push_str(&t.text),
                    Node::Element(e) => {
                        if n.id() != root.id() && is_junk_element(e, false) {
                            skipping = Some(n.id());
                        } else if BLOCK_TAGS.contains(&e.name()) {
                            flush(&mut buf, &mut out);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(s) = skipping {
                    if s == n.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(e) = n.value() {
                    if BLOCK_TAGS.contains(&e.name()) {
                        flush(&mut buf, &mut out);
                    } else if SPACED_TAGS.contains(&e.name()) {
                        buf.push(' ');
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut out);
    out
}

fn absolute_url(u: Option<String>) -> Option<String> {
    u.filter(|u| {
        let l = u.to_ascii_lowercase();
        (l.starts_with("http://") || l.starts_with("https://")) && !u.contains(char::is_whitespace)
    })
}

/// Deepest element nesting accepted. Real pages nest a few dozen levels; HTML5
/// tree building costs O(depth) per start tag, so absurd nesting is refused
/// before parsing instead of taking minutes.
pub(super) const MAX_NESTING: usize = 5_000;

/// Elements that never count towards nesting: void elements and those whose
/// end tag may be omitted (an unclosed `<p>` or `<li>` does not nest).
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
    "!doctype",
];

/// An upper estimate of the element nesting depth, by a linear scan of the tags.
pub(super) fn nesting_estimate(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'!' && *c != b'-')
            .map_or(b.len(), |n| start + n);
        let tag = html[start..end].to_ascii_lowercase();
        if tag.is_empty()
            || !tag.as_bytes()[0].is_ascii_alphabetic()
            || UNNESTED.contains(&tag.as_str())
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let gt = b[end..].iter().position(|&c| c == b'>').map(|n| end + n);
            if gt.is_some_and(|g| g > end && b[g - 1] == b'/') {
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Reads an HTML page (already decoded text) into an article.
pub(super) fn parse_html(html: &str, name: &str, opts: &ReadOptions) -> Extracted {
    let doc = Html::parse_document(html);
    let tags = MetaTags::read(&doc);
    let ld = JsonLd::read(&doc);
    let dropped = Dropped::find(&doc);
    let container = main_container(&doc, &dropped);
    let mut paras = container.map(paragraphs).unwrap_or_default();
    if paras.is_empty() {
        if let Some(body) = &ld.body {
            paras = body
                .split("\n\n")
                .map(clean)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    if paras.is_empty() {
        return Extracted::NoText;
    }

    let publisher = tags
        .get(&["og:site_name", "application-name"])
        .or(ld.publisher.clone());
    let first_h1 = || {
        container
            .and_then(|c| c.select(&H1).find(|h| !dropped.has(*h)))
            .or_else(|| doc.select(&H1).next())
            .map(|h| clean(&h.text().collect::<String>()))
            .filter(|h| !h.is_empty())
    };
    let page_title = || {
        doc.select(&TITLE)
            .next()
            .map(|t| clean(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty())
            .map(|t| strip_site_suffix(t, publisher.as_deref()))
    };
    let headline = tags
        .get(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or_else(first_h1)
        .or_else(page_title);

    let mut meta = Meta {
        source_path: name.to_string(),
        headline: headline.clone(),
        publisher,
        ..Default::default()
    };
    let dated = |v: Option<String>, src: &str| {
        v.and_then(|d| parse_any_date(&d))
            .map(|d| (d, src.to_string()))
    };
    let time_in = |root: Option<ElementRef>| {
        root.and_then(|r| {
            r.select(&TIME)
                .find_map(|t| t.value().attr("datetime").and_then(parse_any_date))
        })
    };
    let date = dated(
        tags.get(&[
            "article:published_time",
            "datepublished",
            "date",
            "dc.date",
            "pubdate",
        ]),
        "html meta",
    )
    .or_else(|| dated(ld.date.clone(), "json-ld"))
    .or_else(|| time_in(container).map(|d| (d, "html time".to_string())))
    .or_else(|| time_in(doc.select(&BODY).next()).map(|d| (d, "html time".to_string())));
    if let Some((d, src)) = date {
        meta.date = Some(d);
        meta.date_source = Some(src);
    }
    meta.authors = tags
        .get(&["author", "article:author", "byl"])
        .filter(|a| !a.starts_with("http"))
        .map(|a| split_names(a.trim_start_matches("By ").trim_start_matches("by ")))
        .unwrap_or_else(|| ld.authors.clone());
    meta.url = absolute_url(tags.get(&["og:url"]))
        .or_else(|| absolute_url(tags.get(&["link:canonical"])))
        .or_else(|| absolute_url(ld.url.clone()));
    meta.id = meta.url.clone();

    // Headline first, blank line, then paragraphs (without repeating the headline).
    let mut text = String::new();
    if let Some(h) = &headline {
        text.push_str(h);
        if paras.first().is_some_and(|p| p == h) {
            paras.remove(0);
        }
    }
    for p in &paras {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    text.push('\n');

    // Datelines and "By …" lines in the text fill what the markup left out.
    let from_text = parse_text(text.clone(), name, &ReadOptions::default()).meta;
    if meta.date.is_none() && from_text.date.is_some() {
        meta.date = from_text.date;
        meta.date_source = from_text.date_source;
    }
    if meta.authors.is_empty() {
        meta.authors = from_text.authors;
    }
    if let Some(d) = opts.date {
        meta.date = Some(d);
        meta.date_source = Some("option".into());
    }
    Extracted::Article(Box::new(SourceArticle { text, meta }))
}

/// "Headline | Site" or "Headline - Site" → "Headline" when Site is the publisher.
fn strip_site_suffix(title: String, publisher: Option<&str>) -> String {
    let Some(p) = publisher else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(p.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn read(html: &str) -> SourceArticle {
        match parse_html(html, "t.html", &ReadOptions::default()) {
            Extracted::Article(a) => *a,
            Extracted::NoText => panic!("no text"),
        }
    }

    #[test]
    fn article_text_skips_nav_footer_ads_and_scripts() {
        let a = read(
            r#"<html><head><title>T</title><script>var x = "Apple";</script></head><body>
            <nav><a href="/">Home</a> <a>Markets</a></nav>
            <header><p>Site header with Microsoft promo</p></header>
            <article><h1>Tencent rises</h1>
              <p>Shares of   Tencent rose
                 on Monday.</p>
              <div class="ad-slot"><p>Buy Nokia phones now</p></div>
              <p>Analysts said <b>gains</b> would continue.</p>
              <ul><li>First point</li><li>Second point</li></ul>
              <blockquote><p>We are pleased, said the CEO.</p></blockquote>
              <aside><p>Related: Alibaba falls</p></aside>
            </article>
            <footer><p>Copyright Example Media</p></footer></body></html>"#,
        );
        assert_eq!(
            a.text,
            "Tencent rises\n\nShares of Tencent rose on Monday.\n\nAnalysts said gains would continue.\n\nFirst point\n\nSecond point\n\nWe are pleased, said the CEO.\n"
        );
        assert_eq!(a.meta.headline.as_deref(), Some("Tencent rises"));
    }

    #[test]
    fn without_article_the_densest_paragraph_parent_wins() {
        let a = read(
            r#"<body><div id="menu"><p>Home</p><p>About</p></div>
            <div class="story"><p>The first long paragraph of the story is here.</p>
            <p>The second long paragraph of the story follows.</p></div>
            <div><p>Short teaser</p></div></body>"#,
        );
        assert!(a.text.contains("The first long paragraph"));
        assert!(a.text.contains("The second long paragraph"));
        assert!(!a.text.contains("Home"));
        assert!(!a.text.contains("teaser"));
    }

    #[test]
    fn meta_tags_give_title_date_author_publisher_url() {
        let a = read(
            r#"<html><head>
            <title>Page title | Example News</title>
            <meta property="og:title" content="OG headline">
            <meta property="og:site_name" content="Example News">
            <meta property="og:url" content="https://news.example/a/1">
            <meta property="article:published_time" content="2025-09-17T08:30:00+08:00">
            <meta name="author" content="Jane Doe and John Roe">
            </head><body><article><h1>H1 headline</h1><p>Body text here.</p></article></body></html>"#,
        );
        let m = &a.meta;
        assert_eq!(m.headline.as_deref(), Some("OG headline"));
        assert_eq!(m.publisher.as_deref(), Some("Example News"));
        assert_eq!(m.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(m.id.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 9, 17));
        assert_eq!(m.date_source.as_deref(), Some("html meta"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert!(a
            .text
            .starts_with("OG headline\n\nH1 headline\n\nBody text here."));
    }

    #[test]
    fn json_ld_graph_and_arrays_are_read() {
        let a = read(
            r#"<html><head>
            <script type="application/ld+json">{ not json </script>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["ReportageNewsArticle"],"headline":"LD headline",
               "datePublished":"2024-03-05T10:00:00Z",
               "author":[{"@type":"Person","name":"Ann Lee"},"Bo Chen"],
               "publisher":{"@type":"Organization","name":"LD Publisher"},
               "mainEntityOfPage":{"@id":"https://ld.example/x"}}]}</script>
            <link rel="canonical" href="/relative/only">
            </head><body><p>Only paragraph of text.</p></body></html>"#,
        );
        let m = &a.meta;
        assert_eq!(m.headline.as_deref(), Some("LD headline"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(m.date_source.as_deref(), Some("json-ld"));
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chen"]);
        assert_eq!(m.publisher.as_deref(), Some("LD Publisher"));
        assert_eq!(m.url.as_deref(), Some("https://ld.example/x"));
    }

    #[test]
    fn fallbacks_h1_title_time_and_canonical() {
        let a = read(
            r#"<html><head><title>Title tag</title>
            <link rel="canonical" href="https://c.example/p"></head>
            <body><article><time datetime="2023-01-02">Jan 2</time><p>Text.</p></article></body></html>"#,
        );
        assert_eq!(a.meta.headline.as_deref(), Some("Title tag"));
        assert_eq!(a.meta.date, NaiveDate::from_ymd_opt(2023, 1, 2));
        assert_eq!(a.meta.url.as_deref(), Some("https://c.example/p"));
        let b = read("<body><h1>Big H1</h1><p>Words.</p></body>");
        assert_eq!(b.meta.headline.as_deref(), Some("Big H1"));
        assert_eq!(b.text, "Big H1\n\nWords.\n");
    }

    #[test]
    fn page_without_body_text_is_no_text() {
        for html in [
            "<html><head><title>Empty</title></head><body></body></html>",
            "<html><body><nav><p>Home</p></nav><footer><p>(c) 2025</p></footer><script>x()</script></body></html>",
        ] {
            assert!(matches!(
                parse_html(html, "e.html", &ReadOptions::default()),
                Extracted::NoText
            ));
        }
    }

    #[test]
    fn json_ld_article_body_is_the_last_resort() {
        let a = read(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"One.\n\nTwo."}</script>"#,
        );
        assert_eq!(a.text, "H\n\nOne.\n\nTwo.\n");
    }

    #[test]
    fn nesting_estimate_counts_real_nesting_only() {
        assert_eq!(
            nesting_estimate("<html><body><div><div><p>x<p>y</div></div><br><img/>"),
            2
        );
        assert_eq!(
            nesting_estimate("<ul><li>a<li>b</ul><div/><span>x</span>"),
            1
        );
        assert_eq!(nesting_estimate(&"<div>".repeat(9000)), 9000);
        assert_eq!(nesting_estimate("a < b and <3 <"), 0);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>Deep text.</p>", "<div>".repeat(MAX_NESTING));
        let a = read(&html);
        assert!(a.text.contains("Deep text."));
    }

    #[test]
    fn site_suffix_is_stripped_only_for_the_publisher() {
        assert_eq!(strip_site_suffix("A | Site".into(), Some("Site")), "A");
        assert_eq!(strip_site_suffix("A - B".into(), Some("Site")), "A - B");
    }
}
