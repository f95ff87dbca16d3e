// newsgraph web page: a SPARQL editor with the named queries, and an entity
// page. Plain JS, no build step, no external resources.
"use strict";

const NG = "https://w3id.org/newsgraph/ont#";
const PREFIXES = [
  ["ng:", NG],
  ["id:", "https://w3id.org/newsgraph/id/"],
  ["schema:", "http://schema.org/"],
  ["nif:", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"],
  ["itsrdf:", "http://www.w3.org/2005/11/its/rdf#"],
  ["prov:", "http://www.w3.org/ns/prov#"],
  ["owl:", "http://www.w3.org/2002/07/owl#"],
  ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ["unit:", "http://qudt.org/vocab/unit/"],
  ["dct:", "http://purl.org/dc/terms/"],
  ["wd:", "http://www.wikidata.org/entity/"],
];
const SPARQL_PREFIXES = PREFIXES.filter(([p]) => p !== "id:" && p !== "wd:")
  .map(([p, ns]) => `PREFIX ${p} <${ns}>`).join("\n") + "\n";
const NUMERIC = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger)$/;

const $ = (id) => document.getElementById(id);

/** Builds an element; children may be strings, nodes, null or arrays. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function shorten(iri) {
  for (const [p, ns] of PREFIXES) if (iri.startsWith(ns) && iri.length > ns.length) return p + iri.slice(ns.length);
  return iri;
}

function entityHref(iri) { return "#/entity?iri=" + encodeURIComponent(iri); }

/** An RDF term of a SPARQL JSON result as a DOM node; IRIs open the entity page. */
function termNode(t, label) {
  if (!t) return "";
  if (t.type === "uri") {
    return el("a", { class: "iri", href: entityHref(t.value), title: t.value }, label || shorten(t.value));
  }
  if (t.type === "bnode") return el("span", { class: "iri" }, "_:" + t.value);
  const dt = t.datatype && !t.datatype.endsWith("#string") ? shorten(t.datatype) : (t["xml:lang"] ? "@" + t["xml:lang"] : "");
  return el("span", {}, t.value, dt ? el("span", { class: "dt" }, dt) : null);
}

/** Runs a query on the endpoint; resolves to {json} or {text, type}; rejects with the server's message. */
async function sparql(query, accept) {
  const resp = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", "Accept": accept || "application/sparql-results+json, text/turtle;q=0.9" },
    body: query,
  });
  const type = resp.headers.get("Content-Type") || "";
  const text = await resp.text();
  if (!resp.ok) throw new Error(`${resp.status} ${resp.statusText}: ${text.trim()}`);
  if (type.includes("json")) return { json: JSON.parse(text), type };
  return { text, type };
}

async function select(query) {
  const r = await sparql(SPARQL_PREFIXES + query, "application/sparql-results+json");
  return r.json.results.bindings;
}

// ---------------------------------------------------------------- query view

let namedQueries = [];

async function loadNamedQueries() {
  try {
    const resp = await fetch("/queries");
    namedQueries = await resp.json();
  } catch (e) {
    showError("cannot load the named queries: " + e.message);
    return;
  }
  const sel = $("named");
  for (const q of namedQueries) sel.append(el("option", { value: q.name, title: q.description }, `${q.name} — ${q.title}`));
  sel.addEventListener("change", () => {
    const q = namedQueries.find((x) => x.name === sel.value);
    if (!q) return;
    $("sparql").value = q.query;
    $("named-about").textContent = "";
    run();
  });
  if (!$("sparql").value) {
    $("sparql").value = SPARQL_PREFIXES + "SELECT ?company ?name WHERE {\n  ?company a ng:Company ; schema:name ?name .\n}\nORDER BY ?name\nLIMIT 50\n";
  }
}

function showError(msg) {
  const e = $("error");
  e.textContent = msg;
  e.hidden = !msg;
}

function downloadLink(id, format) {
  const a = $(id);
  a.href = "/sparql?format=" + format + "&query=" + encodeURIComponent($("sparql").value);
  a.hidden = false;
}

async function run() {
  const query = $("sparql").value;
  const table = $("results");
  const graph = $("graph-results");
  showError("");
  table.replaceChildren();
  graph.hidden = true;
  $("run").disabled = true;
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const r = await sparql(query);
    const ms = Math.round(performance.now() - started);
    if (r.json && "boolean" in r.json) {
      $("status").textContent = `answer: ${r.json.boolean} (${ms} ms)`;
      table.append(el("tr", {}, el("td", {}, String(r.json.boolean))));
    } else if (r.json && r.json.results) {
      const vars = r.json.head.vars;
      const rows = r.json.results.bindings;
      table.append(el("thead", {}, el("tr", {}, vars.map((v) => el("th", {}, "?" + v)))));
      const body = el("tbody");
      for (const b of rows) {
        body.append(el("tr", {}, vars.map((v) => {
          const t = b[v];
          const numeric = t && t.datatype && NUMERIC.test(t.datatype);
          return el("td", { class: numeric ? "num" : null }, termNode(t));
        })));
      }
      table.append(body);
      $("status").textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} (${ms} ms)`;
      downloadLink("download-csv", "csv");
      downloadLink("download-json", "json");
    } else {
      graph.textContent = r.text;
      graph.hidden = false;
      $("status").textContent = `graph (${ms} ms)`;
    }
  } catch (e) {
    $("status").textContent = "";
    showError(e.message);
  } finally {
    $("run").disabled = false;
  }
}

// ---------------------------------------------------------------- entity view

const IDENTIFIERS = {
  [NG + "gazetteerId"]: "Gazetteer id",
  "http://schema.org/tickerSymbol": "Ticker",
  [NG + "exchange"]: "Exchange (MIC)",
  "http://schema.org/leiCode": "LEI",
  [NG + "linkStatus"]: "Link status",
  "http://schema.org/url": "URL",
};
const NAME = "http://schema.org/name";
const ALT = "http://schema.org/alternateName";
const TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const SAME_AS = "http://www.w3.org/2002/07/owl#sameAs";
const HEADLINE = "http://schema.org/headline";

/** Refuses strings that cannot be written as <IRI> in a query. */
function safeIri(iri) {
  return iri && !/[\s<>"{}|^`\\]/.test(iri);
}

function card(title, ...content) {
  return el("div", { class: "card" }, el("h2", {}, title), content);
}

function evidenceNode(row) {
  if (!row.sentence) return null;
  const article = row.article ? el("a", { href: entityHref(row.article.value) }, row.headline ? row.headline.value : shorten(row.article.value)) : null;
  return el("div", {},
    el("blockquote", { class: "evidence" }, row.sentence.value),
    el("div", { class: "source" }, "— ", article || "unknown article",
      row.publisher ? ", " + row.publisher.value : "",
      row.published ? ", " + row.published.value : "",
      row.url ? [" · ", el("a", { href: row.url.value, rel: "noopener" }, "original")] : null));
}

/** Groups rows by the value of a key variable, keeping first-seen order. */
function groupBy(rows, key) {
  const m = new Map();
  for (const r of rows) {
    const k = r[key] ? r[key].value : "";
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(r);
  }
  return m;
}

function uniqueEvidence(rows) {
  const seen = new Set();
  return rows.filter((r) => {
    if (!r.sentence) return false;
    const k = r.sentence.value + "|" + (r.article ? r.article.value : "");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const SOURCE = `OPTIONAL { ?m nif:anchorOf ?sentence ; nif:referenceContext ?article .
    OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article schema:publisher ?publisher } OPTIONAL { ?article schema:datePublished ?published } }`;

async function showEntity(iri) {
  const box = $("entity");
  box.replaceChildren(el("p", { class: "muted" }, "loading…"));
  if (!safeIri(iri)) {
    box.replaceChildren(el("div", { class: "error" }, "not an IRI: " + iri));
    return;
  }
  const I = `<${iri}>`;
  try {
    const [props, evidence, roles, events, figures, articles, incoming] = await Promise.all([
      select(`SELECT DISTINCT ?p ?o ?label WHERE { ${I} ?p ?o . OPTIONAL { ?o schema:name|schema:headline ?label } }`),
      select(`SELECT DISTINCT ?sentence ?article ?headline ?url ?publisher ?published ?begin WHERE {
        ${I} ng:evidence ?m . OPTIONAL { ?m nif:beginIndex ?begin } ${SOURCE} } ORDER BY ?article ?begin`),
      select(`SELECT DISTINCT ?role ?person ?personName ?org ?orgName ?jobTitle ?roleName ?date ?sentence ?article ?headline ?url ?publisher ?published WHERE {
        { ${I} ng:holdsRole ?role . BIND(${I} AS ?person) } UNION { ?role ng:ofOrganization ${I} . ?person ng:holdsRole ?role }
        OPTIONAL { ?person schema:name ?personName }
        OPTIONAL { ?role ng:ofOrganization ?org . OPTIONAL { ?org schema:name ?orgName } }
        OPTIONAL { ?role schema:jobTitle ?jobTitle } OPTIONAL { ?role schema:roleName ?roleName }
        OPTIONAL { ?role ng:reportedDate ?date }
        OPTIONAL { ?role ng:evidence ?m } ${SOURCE} } ORDER BY ?personName ?role`),
      select(`SELECT DISTINCT ?event ?type ?subtype ?rel ?date ?status ?sentence ?article ?headline ?url ?publisher ?published WHERE {
        ?event ?rel ${I} ; a ng:Event .
        OPTIONAL { ?event a ?type . FILTER(?type != ng:Event && STRSTARTS(STR(?type), STR(ng:))) }
        OPTIONAL { ?event ng:eventSubtype ?subtype } OPTIONAL { ?event ng:eventDate ?date } OPTIONAL { ?event ng:status ?status }
        OPTIONAL { ?event ng:evidence ?m } ${SOURCE} } ORDER BY ?date ?event`),
      select(`SELECT DISTINCT ?event ?frole ?value ?currency ?unit WHERE {
        ?event ?rel ${I} ; a ng:Event ; ?frole ?fig . ?fig a ng:Figure ; schema:value ?value .
        OPTIONAL { ?fig schema:currency ?currency } OPTIONAL { ?fig ng:unit ?unit } }`),
      select(`SELECT ?article ?headline ?publisher ?published (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
        ?m itsrdf:taIdentRef ${I} ; nif:referenceContext ?article .
        OPTIONAL { ?article schema:headline ?headline } OPTIONAL { ?article schema:publisher ?publisher }
        OPTIONAL { ?article schema:datePublished ?published } }
        GROUP BY ?article ?headline ?publisher ?published ORDER BY DESC(?mentions)`),
      select(`SELECT DISTINCT ?s ?p ?label WHERE { ?s ?p ${I} .
        FILTER(?p != itsrdf:taIdentRef) FILTER NOT EXISTS { ?s a ng:Event }
        OPTIONAL { ?s schema:name|schema:headline ?label } } LIMIT 200`),
    ]);
    box.replaceChildren(renderEntity(iri, props, evidence, roles, events, figures, articles, incoming));
  } catch (e) {
    box.replaceChildren(el("div", { class: "error" }, e.message));
  }
}

function renderEntity(iri, props, evidence, roles, events, figures, articles, incoming) {
  const values = (p) => props.filter((r) => r.p.value === p).map((r) => r.o.value);
  const names = [...new Set(values(NAME))];
  const title = names[0] || values(HEADLINE)[0] || shorten(iri);
  const types = [...new Set(values(TYPE))].map(shorten);
  const head = el("div", { class: "entity-head" },
    el("h1", {}, title),
    el("div", { class: "iri" }, iri),
    types.map((t) => el("span", { class: "badge" }, t)));

  const cards = [];
  // names and identifiers
  const alt = [...new Set(values(ALT))];
  const idRows = [];
  for (const o of values(SAME_AS)) {
    const qid = o.match(/wikidata\.org\/entity\/(Q\d+)$/);
    idRows.push([qid ? "Wikidata" : "Same as", el("a", { href: o, rel: "noopener" }, qid ? qid[1] : o)]);
  }
  for (const [p, label] of Object.entries(IDENTIFIERS)) {
    const vs = [...new Set(values(p))];
    if (vs.length) idRows.push([label, vs.join(", ")]);
  }
  if (names.length || alt.length || idRows.length) {
    cards.push(card("Names and identifiers", el("dl", { class: "kv" },
      names.length ? [el("dt", {}, "Name"), el("dd", {}, names.join(", "))] : null,
      alt.length ? [el("dt", {}, "Also called"), el("dd", {}, alt.join(", "))] : null,
      idRows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]))));
  }

  // the remaining statements about it
  const shown = new Set([NAME, ALT, TYPE, SAME_AS, ...Object.keys(IDENTIFIERS)]);
  const other = props.filter((r) => !shown.has(r.p.value) && r.p.value !== NG + "evidence");
  if (other.length) {
    const byP = groupBy(other, "p");
    cards.push(card("Facts", el("dl", { class: "kv" }, [...byP].map(([p, rows]) => {
      const seen = new Set();
      const objs = rows.filter((r) => !seen.has(r.o.value) && seen.add(r.o.value));
      return [el("dt", { title: p }, shorten(p)),
        el("dd", {}, objs.slice(0, 30).map((r, i) => [i ? ", " : "", termNode(r.o, r.label ? r.label.value : null)]),
          objs.length > 30 ? ` … (${objs.length} in all)` : "")];
    }))));
  }

  const ev = uniqueEvidence(evidence);
  if (ev.length) cards.push(wide(card("Source sentences", ev.map((r) => el("div", { class: "fact" }, evidenceNode(r))))));

  if (roles.length) {
    const items = [...groupBy(roles, "role")].map(([, rows]) => {
      const r = rows[0];
      const who = r.person ? termNode(r.person, r.personName ? r.personName.value : null) : "someone";
      const org = r.org ? termNode(r.org, r.orgName ? r.orgName.value : null) : null;
      const title = (r.jobTitle || r.roleName || { value: "role" }).value;
      return el("div", { class: "fact" },
        el("span", { class: "what" }, who, ` — ${title}`, org ? [" at ", org] : null),
        r.date ? el("span", { class: "when" }, "reported " + r.date.value) : null,
        uniqueEvidence(rows).map(evidenceNode));
    });
    cards.push(wide(card(`Roles (${items.length})`, items)));
  }

  if (events.length) {
    const figs = groupBy(figures, "event");
    const items = [...groupBy(events, "event")].map(([eventIri, rows]) => {
      const r = rows[0];
      const type = [...new Set(rows.filter((x) => x.type).map((x) => shorten(x.type.value).replace("ng:", "")))].join(", ") || "Event";
      const rels = [...new Set(rows.map((x) => shorten(x.rel.value).replace("ng:", "")))].join(", ");
      const fs = (figs.get(eventIri) || []).map((f) => `${shorten(f.frole.value).replace("ng:", "")}: ${f.value.value}` +
        (f.currency ? " " + f.currency.value : "") + (f.unit ? " " + shorten(f.unit.value).replace(/^(unit:|ng:)/, "") : ""));
      return el("div", { class: "fact" },
        el("a", { class: "what", href: entityHref(eventIri), title: eventIri }, type + (r.subtype ? ` (${r.subtype.value})` : "")),
        el("span", { class: "when" }, [r.date ? r.date.value : (rows.find((x) => x.published) ? "no date in the text; reported " + rows.find((x) => x.published).published.value : "no date in the text"), r.status ? r.status.value : null, "as " + rels].filter(Boolean).join(" · ")),
        fs.length ? el("div", { class: "figures" }, [...new Set(fs)].join(" · ")) : null,
        uniqueEvidence(rows).map(evidenceNode));
    });
    cards.push(wide(card(`Events (${items.length})`, items)));
  }

  if (articles.length) {
    cards.push(card("Mentioned in", el("table", { class: "facts" },
      el("tr", {}, el("th", {}, "Article"), el("th", {}, "Mentions")),
      articles.map((a) => el("tr", {},
        el("td", {}, termNode(a.article, a.headline ? a.headline.value : null),
          a.publisher ? el("span", { class: "dt" }, a.publisher.value) : null),
        el("td", { class: "num" }, a.mentions.value))))));
  }

  if (incoming.length) {
    cards.push(card("Referenced by", el("dl", { class: "kv" }, incoming.map((r) =>
      [el("dt", {}, shorten(r.p.value)), el("dd", {}, termNode(r.s, r.label ? r.label.value : null))]))));
  }
  if (!cards.length) cards.push(card("Nothing known", el("p", { class: "muted" }, "The store has no statement about this IRI.")));
  return el("div", {}, head, el("div", { class: "grid" }, cards));
}

function wide(c) { c.classList.add("wide"); return c; }

// ---------------------------------------------------------------- routing

function route() {
  const hash = location.hash || "#/";
  const m = hash.match(/^#\/entity\?iri=(.*)$/);
  $("view-query").hidden = !!m;
  $("view-entity").hidden = !m;
  if (m) {
    let iri;
    try { iri = decodeURIComponent(m[1]); } catch (e) { iri = m[1]; }
    showEntity(iri);
    window.scrollTo(0, 0);
  }
}

window.addEventListener("hashchange", route);
$("run").addEventListener("click", run);
$("sparql").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
loadNamedQueries();
route();
