//! `newsgraph serve`: a SPARQL 1.1 Protocol endpoint, the Graph Store HTTP
//! Protocol and a small web page, over the same store the CLI writes.
//!
//! Routes: `/` (web page), `/sparql` (query, update, service description),
//! `/query/NAME` (a named query of `queries/`), `/queries` (their list as
//! JSON), `/store` (Graph Store Protocol). Queries see the union of the
//! named graphs, as `newsgraph query` does, so both give the same rows.
//!
//! Why a worker thread per query: a query that runs past the time limit must
//! not hold the answer back; the client gets a 503 at the limit and the
//! query is cancelled through Oxigraph's cancellation token, which the
//! evaluator checks as it reads the store.

mod form;
pub mod negotiate;

use crate::rdf::vocab;
use crate::store::{named_queries, sort_quads, write_quads, ExportFormat};
use negotiate::{Answer, Format, NegotiationError};
use oxhttp::model::header::{self, HeaderName, HeaderValue};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, Variable,
};
use oxigraph::store::Store;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

const INDEX_HTML: &str = include_str!("index.html");
const APP_JS: &str = include_str!("app.js");
const STYLE_CSS: &str = include_str!("style.css");

/// How the endpoint behaves; the CLI fills it from its flags.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub bind: SocketAddr,
    /// Longest a query may run before it is cancelled and answered with 503.
    pub timeout: Duration,
    /// Most solutions (or triples) one answer may hold: a runaway query
    /// fails with a message instead of filling memory.
    pub max_rows: usize,
    /// Largest request body accepted (queries, updates, uploaded graphs).
    pub max_body_bytes: usize,
    /// Bearer token that enables SPARQL Update and Graph Store writes; with
    /// `None` the endpoint is read-only.
    pub update_token: Option<String>,
    /// Connections served at once (one thread each); more wait in line.
    pub max_connections: usize,
    /// Query evaluations running at once. A query cancelled at the time limit
    /// stops only when the evaluator next reads the store, which may take
    /// seconds (a big join in memory): counting it until it really stops keeps
    /// slow queries from piling up on the CPU.
    pub max_running_queries: usize,
    /// No request log on stderr.
    pub quiet: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(10),
            max_rows: 100_000,
            max_body_bytes: 10 * 1024 * 1024,
            update_token: None,
            max_connections: 64,
            max_running_queries: 4,
            quiet: false,
        }
    }
}

/// Failures to start serving.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {addr}: {source}; is another server using that port? choose another with --bind")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// An HTTP error answer: status, plain-text message, extra headers.
#[derive(Debug)]
struct HttpError {
    status: StatusCode,
    message: String,
    headers: Vec<(HeaderName, String)>,
}

impl HttpError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        HttpError {
            status,
            message: message.into(),
            headers: Vec::new(),
        }
    }
    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
    fn into_response(self) -> Response<Body> {
        let mut r = text_response(
            self.status,
            "text/plain; charset=utf-8",
            self.message + "\n",
        );
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                r.headers_mut().insert(name, v);
            }
        }
        r
    }
}

impl From<NegotiationError> for HttpError {
    fn from(e: NegotiationError) -> Self {
        let status = match e {
            NegotiationError::UnknownFormat { .. } => StatusCode::BAD_REQUEST,
            NegotiationError::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
        };
        HttpError::new(status, e.to_string())
    }
}

type HttpResult<T> = Result<T, HttpError>;

/// A query answer held in memory, so it can be counted against the row
/// limit and written in any format after the evaluation thread is done.
enum Answered {
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<QuerySolution>,
    },
    Boolean(bool),
    Triples(Vec<Triple>),
}

/// The endpoint: cheap to clone, shared by every connection thread.
#[derive(Clone)]
pub struct Endpoint {
    shared: Arc<Shared>,
}

struct Shared {
    store: Store,
    config: ServerConfig,
    in_flight: AtomicUsize,
    stopping: AtomicBool,
    slots: Arc<QuerySlots>,
}

/// Places for running query evaluations; a place is held by the evaluating
/// thread until it ends, even after its client got the time-limit answer.
struct QuerySlots {
    running: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
    limit: usize,
}

/// A held place, given back when dropped.
struct QuerySlot(Arc<QuerySlots>);

impl QuerySlots {
    fn new(limit: usize) -> Arc<Self> {
        Arc::new(QuerySlots {
            running: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
            limit: limit.max(1),
        })
    }

    /// Waits at most `wait` for a place.
    fn acquire(self: &Arc<Self>, wait: Duration) -> Option<QuerySlot> {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        let (mut running, _) = self
            .freed
            .wait_timeout_while(running, wait, |n| *n >= self.limit)
            .unwrap_or_else(|e| e.into_inner());
        if *running >= self.limit {
            return None;
        }
        *running += 1;
        Some(QuerySlot(Arc::clone(self)))
    }
}

impl Drop for QuerySlot {
    fn drop(&mut self) {
        let mut running = self.0.running.lock().unwrap_or_else(|e| e.into_inner());
        *running = running.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

/// Counts a request as in flight until dropped, for the graceful shutdown.
struct InFlight<'a>(&'a AtomicUsize);

impl<'a> InFlight<'a> {
    fn new(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        InFlight(counter)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Endpoint {
    /// The store should be opened read-write when an update token is set,
    /// read-only otherwise (so `newsgraph ingest` can still open it).
    pub fn new(store: Store, config: ServerConfig) -> Self {
        let slots = QuerySlots::new(config.max_running_queries);
        Endpoint {
            shared: Arc::new(Shared {
                store,
                config,
                in_flight: AtomicUsize::new(0),
                stopping: AtomicBool::new(false),
                slots,
            }),
        }
    }

    /// Serves until `stop` becomes true, then refuses new requests, lets the
    /// ones in flight finish (at most the query time limit plus 5 s) and
    /// returns.
    pub fn serve(&self, stop: &AtomicBool) -> Result<(), ServerError> {
        let config = &self.shared.config;
        let endpoint = self.clone();
        let server = oxhttp::Server::new(move |request| endpoint.handle(request))
            .bind(config.bind)
            // a client that stops sending or reading does not hold a thread forever
            .with_global_timeout(config.timeout.max(Duration::from_secs(60)))
            .with_max_concurrent_connections(config.max_connections.max(1));
        let _listening = server.spawn().map_err(|source| ServerError::Bind {
            addr: config.bind,
            source,
        })?;
        while !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.shared.stopping.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + config.timeout + Duration::from_secs(5);
        while self.shared.in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        // the last answers are built; give their threads a moment to write them
        std::thread::sleep(Duration::from_millis(200));
        Ok(())
    }

    /// Answers one request; never panics (a bug becomes a 500 answer).
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        let _in_flight = InFlight::new(&self.shared.in_flight);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if self.shared.stopping.load(Ordering::SeqCst) {
                return Err(HttpError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is shutting down",
                ));
            }
            self.route(request)
        }));
        let mut response = match outcome {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => e.into_response(),
            Err(_) => HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while answering this request; please report it with the request",
            )
            .into_response(),
        };
        let h = response.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Content-Type, WWW-Authenticate"),
        );
        if !self.shared.config.quiet {
            eprintln!(
                "{} {} {} {} ms",
                request.method(),
                request.uri().path(),
                response.status().as_u16(),
                started.elapsed().as_millis()
            );
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> HttpResult<Response<Body>> {
        let path = request.uri().path().to_string();
        let method = request.method().clone();
        if method == Method::OPTIONS {
            return Ok(preflight());
        }
        match path.as_str() {
            "/" | "/index.html" => {
                only(&method, &[Method::GET])?;
                Ok(text_response(
                    StatusCode::OK,
                    "text/html; charset=utf-8",
                    INDEX_HTML,
                ))
            }
            "/app.js" => {
                only(&method, &[Method::GET])?;
                Ok(text_response(
                    StatusCode::OK,
                    "text/javascript; charset=utf-8",
                    APP_JS,
                ))
            }
            "/style.css" => {
                only(&method, &[Method::GET])?;
                Ok(text_response(
                    StatusCode::OK,
                    "text/css; charset=utf-8",
                    STYLE_CSS,
                ))
            }
            "/queries" => {
                only(&method, &[Method::GET])?;
                Ok(queries_json())
            }
            "/sparql" => self.sparql(request),
            "/store" => self.graph_store(request),
            p if p.starts_with("/query/") => {
                only(&method, &[Method::GET, Method::POST])?;
                let name = p.trim_start_matches("/query/");
                let Some((_, text)) = named_queries().iter().find(|(n, _)| *n == name) else {
                    let names: Vec<&str> = named_queries().iter().map(|(n, _)| *n).collect();
                    return Err(HttpError::new(
                        StatusCode::NOT_FOUND,
                        format!("no named query `{name}`; known names: {}", names.join(", ")),
                    ));
                };
                let params = url_params(request)?;
                self.query(text, &params, request)
            }
            _ => Err(HttpError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "nothing at {path}; the SPARQL endpoint is /sparql, the web page is /, \
                     named queries are /query/NAME (list at /queries), graphs are /store?graph=IRI"
                ),
            )),
        }
    }

    /// `/sparql`: SPARQL 1.1 Protocol query and update operations, and the
    /// service description when a GET carries no query.
    fn sparql(&self, request: &mut Request<Body>) -> HttpResult<Response<Body>> {
        let method = request.method().clone();
        let mut params = url_params(request)?;
        if method == Method::GET {
            if params.iter().any(|(k, _)| k == "update") {
                return Err(HttpError::new(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "SPARQL Update must be sent with POST (form field `update` or Content-Type application/sparql-update)",
                )
                .with_header(header::ALLOW, "GET, POST, OPTIONS"));
            }
            return match single(&params, "query")? {
                Some(q) => self.query(&q, &params, request),
                None => self.service_description(request, &params),
            };
        }
        only(&method, &[Method::GET, Method::POST])?;
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(negotiate::essence)
            .unwrap_or_default();
        match content_type.as_str() {
            "application/x-www-form-urlencoded" => {
                let body = self.read_body_text(request)?;
                params.extend(form::parse(&body).map_err(|e| HttpError::bad_request(e.to_string()))?);
                let query = single(&params, "query")?;
                let update = single(&params, "update")?;
                match (query, update) {
                    (Some(q), None) => self.query(&q, &params, request),
                    (None, Some(u)) => self.update(&u, &params, request),
                    (Some(_), Some(_)) => Err(HttpError::bad_request(
                        "give either `query` or `update`, not both",
                    )),
                    (None, None) => Err(HttpError::bad_request(
                        "the form has no `query` nor `update` field",
                    )),
                }
            }
            "application/sparql-query" => {
                let body = self.read_body_text(request)?;
                self.query(&body, &params, request)
            }
            "application/sparql-update" => {
                let body = self.read_body_text(request)?;
                self.update(&body, &params, request)
            }
            "" => Err(HttpError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "a POST to /sparql needs a Content-Type: application/sparql-query, application/sparql-update or application/x-www-form-urlencoded",
            )),
            other => Err(HttpError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("unsupported Content-Type `{other}`; use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"),
            )),
        }
    }

    /// Runs a query on a worker thread within the time limit, then writes
    /// the answer in the negotiated format.
    fn query(
        &self,
        text: &str,
        params: &[(String, String)],
        request: &Request<Body>,
    ) -> HttpResult<Response<Body>> {
        let default_graphs = iris(params, "default-graph-uri")?;
        let named_graphs = iris(params, "named-graph-uri")?;
        let token = CancellationToken::new();
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .parse_query(text)
            .map_err(|e| HttpError::bad_request(format!("SPARQL syntax error: {e}")))?;
        if !default_graphs.is_empty() || !named_graphs.is_empty() {
            // the protocol's dataset replaces the query's FROM / FROM NAMED
            let ds = prepared.dataset_mut();
            ds.set_default_graph(default_graphs.into_iter().map(GraphName::from).collect());
            ds.set_available_named_graphs(
                named_graphs
                    .into_iter()
                    .map(NamedOrBlankNode::from)
                    .collect(),
            );
        } else if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        let timeout = self.shared.config.timeout;
        let started = Instant::now();
        let Some(slot) = self.shared.slots.acquire(timeout) else {
            return Err(HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "{} queries are already running (the server's --max-running-queries); try again shortly",
                    self.shared.config.max_running_queries
                ),
            )
            .with_header(header::RETRY_AFTER, "2"));
        };
        let store = self.shared.store.clone();
        let max_rows = self.shared.config.max_rows;
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("newsgraph query".into())
            .spawn(move || {
                let _slot = slot;
                let answer = prepared
                    .on_store(&store)
                    .execute()
                    .map_err(evaluation_error)
                    .and_then(|r| collect(r, max_rows));
                // the receiver is gone when the query timed out; nothing to do then
                let _ = sender.send(answer);
            })
            .map_err(|e| {
                HttpError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("cannot start a query thread: {e}"),
                )
            })?;
        let answer = match receiver.recv_timeout(timeout.saturating_sub(started.elapsed())) {
            Ok(answer) => answer?,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                token.cancel();
                return Err(HttpError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "the query ran longer than {} ms (the server's --timeout-ms) and was cancelled; narrow it or add a LIMIT",
                        timeout.as_millis()
                    ),
                ));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(HttpError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the query stopped unexpectedly; please report it with the query",
                ))
            }
        };
        let format_param = single(params, "format")?;
        let accept = header_str(request, header::ACCEPT);
        write_answer(answer, format_param.as_deref(), accept)
    }

    fn update(
        &self,
        text: &str,
        params: &[(String, String)],
        request: &Request<Body>,
    ) -> HttpResult<Response<Body>> {
        self.authorize(request)?;
        if params
            .iter()
            .any(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri")
        {
            return Err(HttpError::bad_request(
                "using-graph-uri and using-named-graph-uri are not supported; write USING / USING NAMED or GRAPH in the update itself",
            ));
        }
        let prepared = SparqlEvaluator::new()
            .parse_update(text)
            .map_err(|e| HttpError::bad_request(format!("SPARQL syntax error: {e}")))?;
        prepared
            .on_store(&self.shared.store)
            .execute()
            .map_err(|e| {
                HttpError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("update failed: {e}"),
                )
            })?;
        Ok(empty_response(StatusCode::NO_CONTENT))
    }

    /// Lets a write through only with the configured bearer token.
    fn authorize(&self, request: &Request<Body>) -> HttpResult<()> {
        let Some(expected) = &self.shared.config.update_token else {
            return Err(HttpError::new(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only; start it with `newsgraph serve --update-token TOKEN` \
                 (or NEWSGRAPH_UPDATE_TOKEN) and send `Authorization: Bearer TOKEN` to write",
            ));
        };
        let Some(given) = header_str(request, header::AUTHORIZATION) else {
            return Err(HttpError::new(
                StatusCode::UNAUTHORIZED,
                "writing needs `Authorization: Bearer TOKEN` with the server's update token",
            )
            .with_header(header::WWW_AUTHENTICATE, "Bearer realm=\"newsgraph\""));
        };
        let given = given
            .strip_prefix("Bearer ")
            .or_else(|| given.strip_prefix("bearer "))
            .unwrap_or("")
            .trim();
        if constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            Ok(())
        } else {
            Err(HttpError::new(
                StatusCode::FORBIDDEN,
                "the bearer token is not the server's update token",
            ))
        }
    }

    /// `/store`: the Graph Store HTTP Protocol on `?graph=IRI` or `?default`.
    /// Reading is open to all; writing needs the update token.
    fn graph_store(&self, request: &mut Request<Body>) -> HttpResult<Response<Body>> {
        let method = request.method().clone();
        only(
            &method,
            &[Method::GET, Method::PUT, Method::POST, Method::DELETE],
        )?;
        let params = url_params(request)?;
        let graph = target_graph(&params)?;
        let store = &self.shared.store;
        let exists = match &graph {
            GraphName::NamedNode(g) => store.contains_named_graph(g).map_err(storage_error)?,
            _ => true,
        };
        if method == Method::GET {
            if !exists {
                return Err(HttpError::new(
                    StatusCode::NOT_FOUND,
                    format!("no graph {graph} in the store"),
                ));
            }
            let mut quads = Vec::new();
            for q in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
                let q = q.map_err(storage_error)?;
                quads.push(Quad::new(
                    q.subject,
                    q.predicate,
                    q.object,
                    GraphName::DefaultGraph,
                ));
            }
            let format_param = single(&params, "format")?;
            let format = negotiate::choose(
                Answer::Graph,
                format_param.as_deref(),
                header_str(request, header::ACCEPT),
            )?;
            return write_graph(quads, format);
        }
        self.authorize(request)?;
        if method == Method::DELETE {
            match &graph {
                GraphName::NamedNode(g) if exists => {
                    store.remove_named_graph(g).map_err(storage_error)?
                }
                GraphName::NamedNode(_) => {
                    return Err(HttpError::new(
                        StatusCode::NOT_FOUND,
                        format!("no graph {graph} in the store"),
                    ))
                }
                _ => store
                    .clear_graph(GraphNameRef::DefaultGraph)
                    .map_err(storage_error)?,
            }
            return Ok(empty_response(StatusCode::NO_CONTENT));
        }
        let content_type = header_str(request, header::CONTENT_TYPE).unwrap_or("");
        let format = RdfFormat::from_media_type(content_type)
            .filter(|f| !f.supports_datasets() || matches!(f, RdfFormat::JsonLd { .. }))
            .ok_or_else(|| {
                HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("cannot read a graph from Content-Type `{content_type}`; send text/turtle, application/n-triples, application/rdf+xml or application/ld+json"),
                )
            })?;
        let body = self.read_body(request)?;
        let mut parser = RdfParser::from_format(format)
            .without_named_graphs()
            .with_default_graph(graph.clone());
        if let GraphName::NamedNode(g) = &graph {
            parser = parser
                .with_base_iri(g.as_str())
                .map_err(|e| HttpError::bad_request(e.to_string()))?;
        }
        let mut tx = store.start_transaction().map_err(storage_error)?;
        if method == Method::PUT && exists {
            tx.clear_graph(graph.as_ref()).map_err(storage_error)?;
        }
        if let GraphName::NamedNode(g) = &graph {
            tx.insert_named_graph(g);
        }
        tx.load_from_slice(parser, &body)
            .map_err(|e| HttpError::bad_request(format!("cannot parse the {format} body: {e}")))?;
        tx.commit().map_err(storage_error)?;
        Ok(empty_response(if exists {
            StatusCode::NO_CONTENT
        } else {
            StatusCode::CREATED
        }))
    }

    /// What the endpoint offers, in the SPARQL 1.1 Service Description
    /// vocabulary, so generic clients can discover it.
    fn service_description(
        &self,
        request: &Request<Body>,
        params: &[(String, String)],
    ) -> HttpResult<Response<Body>> {
        const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
        const FORMATS: &str = "http://www.w3.org/ns/formats/";
        let host = header_str(request, header::HOST)
            .map(str::to_string)
            .unwrap_or_else(|| self.shared.config.bind.to_string());
        let endpoint = NamedNode::new(format!("http://{host}/sparql"))
            .map_err(|e| HttpError::bad_request(format!("bad Host header: {e}")))?;
        let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
        let service = BlankNode::default();
        let dataset = BlankNode::default();
        let default_graph = BlankNode::default();
        let mut quads = Vec::new();
        let mut add = |s: NamedOrBlankNode, p: NamedNode, o: Term| {
            quads.push(Quad::new(s, p, o, GraphName::DefaultGraph));
        };
        add(
            service.clone().into(),
            vocab::w3c::RDF_TYPE.into_owned(),
            sd("Service").into(),
        );
        add(
            service.clone().into(),
            sd("endpoint"),
            endpoint.clone().into(),
        );
        add(
            service.clone().into(),
            sd("supportedLanguage"),
            sd("SPARQL11Query").into(),
        );
        if self.shared.config.update_token.is_some() {
            add(
                service.clone().into(),
                sd("supportedLanguage"),
                sd("SPARQL11Update").into(),
            );
        }
        add(
            service.clone().into(),
            sd("feature"),
            sd("UnionDefaultGraph").into(),
        );
        for f in [
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        ] {
            add(
                service.clone().into(),
                sd("resultFormat"),
                NamedNode::new_unchecked(format!("{FORMATS}{f}")).into(),
            );
        }
        add(
            service.clone().into(),
            sd("defaultDataset"),
            dataset.clone().into(),
        );
        add(
            dataset.clone().into(),
            vocab::w3c::RDF_TYPE.into_owned(),
            sd("Dataset").into(),
        );
        add(
            dataset.into(),
            sd("defaultGraph"),
            default_graph.clone().into(),
        );
        add(
            default_graph.clone().into(),
            vocab::w3c::RDF_TYPE.into_owned(),
            sd("Graph").into(),
        );
        add(
            default_graph.into(),
            NamedNode::new_unchecked(format!("{}comment", vocab::RDFS_NS)),
            Literal::new_simple_literal(
                "The union of all named graphs: one graph per article, plus the shared entity descriptions",
            )
            .into(),
        );
        let format_param = single(params, "format")?;
        let format = negotiate::choose(
            Answer::Graph,
            format_param.as_deref(),
            header_str(request, header::ACCEPT),
        )?;
        write_graph(quads, format)
    }

    fn read_body(&self, request: &mut Request<Body>) -> HttpResult<Vec<u8>> {
        let limit = self.shared.config.max_body_bytes;
        let too_big = || {
            HttpError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request body is larger than {limit} bytes (the server's --max-body-bytes)"
                ),
            )
        };
        if request
            .body()
            .len()
            .is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX))
        {
            return Err(too_big());
        }
        let mut body = Vec::new();
        request
            .body_mut()
            .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| HttpError::bad_request(format!("cannot read the request body: {e}")))?;
        if body.len() > limit {
            return Err(too_big());
        }
        Ok(body)
    }

    fn read_body_text(&self, request: &mut Request<Body>) -> HttpResult<String> {
        String::from_utf8(self.read_body(request)?)
            .map_err(|_| HttpError::bad_request("the request body is not valid UTF-8"))
    }
}

/// Reads a whole answer, failing as soon as it passes the row limit.
fn collect(results: QueryResults<'static>, max_rows: usize) -> HttpResult<Answered> {
    let too_many = || {
        HttpError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the answer has more than {max_rows} rows (the server's --max-rows); add a LIMIT or narrow the query"),
        )
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                rows.push(s.map_err(evaluation_error)?);
                if rows.len() > max_rows {
                    return Err(too_many());
                }
            }
            Ok(Answered::Solutions { variables, rows })
        }
        QueryResults::Boolean(b) => Ok(Answered::Boolean(b)),
        QueryResults::Graph(triples) => {
            let mut out = Vec::new();
            for t in triples {
                out.push(t.map_err(evaluation_error)?);
                if out.len() > max_rows {
                    return Err(too_many());
                }
            }
            Ok(Answered::Triples(out))
        }
    }
}

fn write_answer(
    answer: Answered,
    format_param: Option<&str>,
    accept: Option<&str>,
) -> HttpResult<Response<Body>> {
    match answer {
        Answered::Triples(triples) => {
            let format = negotiate::choose(Answer::Graph, format_param, accept)?;
            let quads = triples
                .into_iter()
                .map(|t| Quad::new(t.subject, t.predicate, t.object, GraphName::DefaultGraph))
                .collect();
            write_graph(quads, format)
        }
        Answered::Boolean(b) => {
            let format = negotiate::choose(Answer::Solutions, format_param, accept)?;
            let Format::Results(f) = format else {
                return Err(internal("negotiated a graph format for a boolean"));
            };
            let out = QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(Vec::new(), b)
                .map_err(|e| internal(&e.to_string()))?;
            Ok(bytes_response(StatusCode::OK, format.media_type(), out))
        }
        Answered::Solutions { variables, rows } => {
            let format = negotiate::choose(Answer::Solutions, format_param, accept)?;
            let Format::Results(f) = format else {
                return Err(internal("negotiated a graph format for solutions"));
            };
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(Vec::new(), variables)
                .map_err(|e| internal(&e.to_string()))?;
            for row in &rows {
                ser.serialize(row).map_err(|e| internal(&e.to_string()))?;
            }
            let out = ser.finish().map_err(|e| internal(&e.to_string()))?;
            Ok(bytes_response(StatusCode::OK, format.media_type(), out))
        }
    }
}

/// Writes triples sorted, with the project's prefixes, like `newsgraph export`.
fn write_graph(mut quads: Vec<Quad>, format: Format) -> HttpResult<Response<Body>> {
    let export = match format {
        Format::Rdf(RdfFormat::Turtle) => ExportFormat::Turtle,
        Format::Rdf(RdfFormat::NTriples) => ExportFormat::Ntriples,
        Format::Rdf(RdfFormat::RdfXml) => ExportFormat::Rdfxml,
        Format::Rdf(RdfFormat::JsonLd { .. }) => ExportFormat::Jsonld,
        _ => return Err(internal("negotiated a results format for a graph")),
    };
    sort_quads(&mut quads);
    let mut out = Vec::new();
    write_quads(&quads, export, &mut out).map_err(|e| internal(&e.to_string()))?;
    Ok(bytes_response(StatusCode::OK, format.media_type(), out))
}

fn queries_json() -> Response<Body> {
    let list: Vec<serde_json::Value> = named_queries()
        .iter()
        .map(|(name, text)| {
            let description: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim())
                .collect();
            serde_json::json!({
                "name": name,
                "title": description.first().copied().unwrap_or(""),
                "description": description.join(" "),
                "query": text,
            })
        })
        .collect();
    let body = serde_json::to_vec_pretty(&list).unwrap_or_default();
    bytes_response(StatusCode::OK, "application/json", body)
}

fn evaluation_error(e: QueryEvaluationError) -> HttpError {
    match e {
        QueryEvaluationError::Cancelled => HttpError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the query was cancelled (time limit)",
        ),
        e => HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query failed: {e}"),
        ),
    }
}

fn storage_error(e: impl std::fmt::Display) -> HttpError {
    HttpError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("store error: {e}"),
    )
}

fn internal(what: &str) -> HttpError {
    HttpError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("internal error: {what}"),
    )
}

fn url_params(request: &Request<Body>) -> HttpResult<Vec<(String, String)>> {
    form::parse(request.uri().query().unwrap_or(""))
        .map_err(|e| HttpError::bad_request(e.to_string()))
}

/// The value of a parameter that may appear at most once.
fn single(params: &[(String, String)], name: &str) -> HttpResult<Option<String>> {
    let mut values = params.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
    let first = values.next().cloned();
    if values.next().is_some() {
        return Err(HttpError::bad_request(format!(
            "the parameter `{name}` is given more than once"
        )));
    }
    Ok(first)
}

fn iris(params: &[(String, String)], name: &str) -> HttpResult<Vec<NamedNode>> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| {
            NamedNode::new(v.as_str())
                .map_err(|e| HttpError::bad_request(format!("`{name}` is not an IRI: {v}: {e}")))
        })
        .collect()
}

/// The graph a Graph Store request is about.
fn target_graph(params: &[(String, String)]) -> HttpResult<GraphName> {
    let graph = single(params, "graph")?;
    let default = params.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(_), true) => Err(HttpError::bad_request(
            "give either ?graph=IRI or ?default, not both",
        )),
        (Some(g), false) => NamedNode::new(g.as_str())
            .map(GraphName::NamedNode)
            .map_err(|e| HttpError::bad_request(format!("`graph` is not an IRI: {g}: {e}"))),
        (None, true) => Ok(GraphName::DefaultGraph),
        (None, false) => Err(HttpError::bad_request(
            "say which graph: /store?graph=IRI or /store?default",
        )),
    }
}

fn header_str(request: &Request<Body>, name: HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

fn only(method: &Method, allowed: &[Method]) -> HttpResult<()> {
    if allowed.contains(method) {
        return Ok(());
    }
    let list: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    Err(HttpError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed here; use {}", list.join(" or ")),
    )
    .with_header(header::ALLOW, format!("{}, OPTIONS", list.join(", "))))
}

/// Answers a CORS preflight. GET and POST (with `Content-Type`,
/// `Authorization`, `Accept`) pass; oxhttp 0.3 drops an
/// `Access-Control-Allow-Methods` header, so browsers on other origins
/// cannot preflight PUT or DELETE (Graph Store writes); other clients can.
fn preflight() -> Response<Body> {
    let mut r = empty_response(StatusCode::NO_CONTENT);
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Accept, Authorization, Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    r
}

fn empty_response(status: StatusCode) -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    r
}

fn text_response(
    status: StatusCode,
    content_type: &'static str,
    text: impl Into<String>,
) -> Response<Body> {
    bytes_response(status, content_type, text.into().into_bytes())
}

fn bytes_response(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// Compares secrets without an early exit, so timing does not tell how
/// much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNodeRef;

    fn endpoint(token: Option<&str>) -> Endpoint {
        let store = Store::new().unwrap();
        store
            .insert(oxigraph::model::QuadRef::new(
                NamedNodeRef::new_unchecked("http://example.com/s"),
                NamedNodeRef::new_unchecked("http://example.com/p"),
                NamedNodeRef::new_unchecked("http://example.com/o"),
                NamedNodeRef::new_unchecked("http://example.com/g"),
            ))
            .unwrap();
        Endpoint::new(
            store,
            ServerConfig {
                update_token: token.map(str::to_string),
                quiet: true,
                ..ServerConfig::default()
            },
        )
    }

    fn call(
        e: &Endpoint,
        method: &str,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        let mut b = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let mut req = b.body(Body::from(body.to_string())).unwrap();
        let resp = e.handle(&mut req);
        let status = resp.status().as_u16();
        (status, resp.into_body().to_string().unwrap())
    }

    #[test]
    fn queries_see_the_union_of_named_graphs() {
        let e = endpoint(None);
        let (s, body) = call(
            &e,
            "GET",
            "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D",
            &[],
            "",
        );
        assert_eq!(s, 200);
        assert!(body.contains("http://example.com/s"), "{body}");
        // an explicit empty default graph hides it
        let (s, body) = call(
            &e,
            "GET",
            "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D&default-graph-uri=http%3A%2F%2Fexample.com%2Fother",
            &[("Accept", "application/sparql-results+json")],
            "",
        );
        assert_eq!(s, 200);
        assert!(body.contains("false"), "{body}");
    }

    #[test]
    fn bad_requests_get_clear_errors() {
        let e = endpoint(None);
        let (s, body) = call(&e, "GET", "/sparql?query=SELEKT", &[], "");
        assert_eq!(s, 400);
        assert!(body.contains("syntax error"), "{body}");
        let (s, _) = call(
            &e,
            "GET",
            "/sparql?query=ASK%7B%7D",
            &[("Accept", "image/png")],
            "",
        );
        assert_eq!(s, 406);
        let (s, _) = call(
            &e,
            "POST",
            "/sparql",
            &[("Content-Type", "text/plain")],
            "ASK{}",
        );
        assert_eq!(s, 415);
        let (s, _) = call(&e, "GET", "/nowhere", &[], "");
        assert_eq!(s, 404);
        let (s, _) = call(&e, "DELETE", "/sparql", &[], "");
        assert_eq!(s, 405);
    }

    #[test]
    fn writes_need_the_token() {
        let ro = endpoint(None);
        let upd = [("Content-Type", "application/sparql-update")];
        let (s, body) = call(&ro, "POST", "/sparql", &upd, "CLEAR ALL");
        assert_eq!(s, 403);
        assert!(body.contains("--update-token"), "{body}");
        let rw = endpoint(Some("sesame"));
        assert_eq!(call(&rw, "POST", "/sparql", &upd, "CLEAR ALL").0, 401);
        let wrong = [upd[0], ("Authorization", "Bearer nope")];
        assert_eq!(call(&rw, "POST", "/sparql", &wrong, "CLEAR ALL").0, 403);
        let right = [upd[0], ("Authorization", "Bearer sesame")];
        assert_eq!(call(&rw, "POST", "/sparql", &right, "CLEAR ALL").0, 204);
        let (_, body) = call(
            &rw,
            "GET",
            "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
            &[],
            "",
        );
        assert!(body.contains("false"), "{body}");
    }

    #[test]
    fn query_slots_are_limited_and_given_back() {
        let slots = QuerySlots::new(1);
        let first = slots.acquire(Duration::ZERO).expect("a free place");
        assert!(slots.acquire(Duration::from_millis(20)).is_none());
        let waiter = {
            let slots = Arc::clone(&slots);
            std::thread::spawn(move || slots.acquire(Duration::from_secs(10)).is_some())
        };
        std::thread::sleep(Duration::from_millis(50));
        drop(first);
        assert!(
            waiter.join().unwrap(),
            "a freed place goes to the one waiting"
        );
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
