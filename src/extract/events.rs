//! Typed events from trigger words, mentions and figures in one sentence.
//!
//! Each event class has triggers; participants come from the resolved mentions
//! of the sentence in their grammatical position (the mover before its verb,
//! the analyst firm before "upgraded", the issuer before "raised $3.2 billion").
//! A sentence listing several movers gives one event per mover, each with the
//! figure written next to it. Dates come from the time expressions of the
//! sentence; a day-precise expression dates the event, nothing else does.

use crate::document::{
    DatePrecision, Document, EntityKind, Event, EventClass, FigureRole, FigureValue, Span,
};
use crate::extract::pattern::AsciiFast;
use crate::extract::sentence_mentions::mentions_by_sentence;
use crate::gazetteer::Gazetteer;
use crate::pipeline::{layer, Extractor};
use crate::text::{has_ascii_case_fold, is_ascii_word_byte};
use std::sync::LazyLock;
use words::{contains_any_ignore_case, strip_insertions_ascii, Phrases};

pub(crate) mod words;

static GOV_BODY: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)commission|ministry|government|council|regulator|authority|bureau|administration|state|bank|reserve|department|agency|committee",
    )
});

pub struct EventExtractor;

const UP: &str = r"rose|risen|rise|rises|rising|edged\s+(?:up|higher)|climbed|climb|climbs|climbing|gained|gain|gains|gaining|jumped|jump|jumps|jumping|surged|surge|surges|surging|soared|soar|soaring|rallied|rally|rallies|rallying|advanced|advance|advances|advancing|higher|up|(?:led|lead|leads|leading)\s+the\s+(?:advance|gains|charge|rally)|expanded\s+gains|extended\s+(?:its|their)\s+(?:rally|gains)|added|rebounded|spiked|hit\s+(?:a|an)\s+(?:record|all-time|\w+-year)\s+high|approached\s+(?:\w+\s+)?highs?|reach(?:ed|ing)\s+(?:new\s+)?(?:record\s+)?highs?|hit\s+(?:new\s+|record\s+)?highs?";
const DOWN: &str = r"fell|fallen|fall|falls|falling|slipped|slipping|sunk|edged\s+(?:down|lower)|dropped|drop|drops|dropping|slid|slide|slides|sliding|slumped|slump|declined|decline|declines|declining|tumbled|tumble|plunged|plunge|sank|sink|lost|lower|down|retreated|eased|dipped|shed";
const FLAT: &str = r"(?:was|were|remained|stayed|held|ended|closed|traded)\s+(?:nearly\s+|little\s+|mostly\s+|roughly\s+)?(?:flat|unchanged|steady)";

static MOVE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(&format!(
        r"\b(?:(?P<up>{UP})|(?P<down>{DOWN})|(?P<flat>{FLAT}))\b"
    ))
});
static INDEX_ANAPHOR: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:the|that)\s+(?:index|gauge|benchmark|barometer)\b|\b(?:year-to-date|year-on-year)\s+gain",
    )
});
static NOT_PRICE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:revenue|revenues|sales|profit|profits|earnings|income|capex|spending|expenditures?|investment|investments|valuation|valuations|demand|rates?|inflation|tensions|confidence|sentiment|consumption|capacity|output|production|said|says)\b",
    )
});
static ISSUANCE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?P<kind>convertible\s+(?:bonds?|notes?|debt)|dim\s+sum\s+bonds?|bonds?|notes|debt|loans?|share\s+(?:sale|placement|offering)|placement|rights\s+issue|ipo|initial\s+public\s+offering|offering|fundraising|raise[sd]?|raising|collected|tapped)\b",
    )
});
static ISSUE_VERB: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:issu(?:e|ed|es|ing)|sell(?:s|ing)?|sold|rais(?:e|ed|es|ing)|collect(?:ed|s)?|tapp(?:ed|ing)|complet(?:ed|es)|price[sd]|launch(?:ed|es)?|plan(?:s|ned)?\s+to\s+(?:issue|raise|sell)|offering|sale)\b",
    )
});
static INVEST: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:invest(?:ing|ment|ments|s|ed)?|capital\s+expenditures?|capex|spend(?:ing)?|build(?:ing)?\s+out|data\s+cent(?:er|re)\s+capacity|add\s+over|computing\s+infrastructure)\b",
    )
});
static PLAN: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:plans?|planned|planning|will|would|to\s+continue|continue|over\s+the\s+next|commit(?:ted|ment|s)?|pledg(?:ed|es)|expects?|aims?|ramp\s+up|intends?)\b",
    )
});
static ANALYST: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?P<up>upgrad(?:ed|es|ing)|raised\s+(?:its|their)\s+rating|increased\s+(?:its|their)\s+\S+\s+price\s+target|raised\s+(?:its|their)\s+(?:\S+\s+)?price\s+target|lift(?:ed|s)\s+(?:its|their)\s+(?:\S+\s+)?price\s+target)|(?P<down>downgrad(?:ed|es|ing)|cut\s+(?:its|their)\s+rating|lowered\s+(?:its|their)\s+(?:\S+\s+)?(?:rating|price\s+target)|cut\s+(?:its|their)\s+(?:\S+\s+)?price\s+target)|(?P<init>initiat(?:ed|es)\s+coverage)|(?P<moved>moved\s+\S+(?:\s+\S+)?\s+to\s+(?P<to>buy|sell|hold|neutral|overweight|underweight|outperform|underperform|equal-weight)\s+from\s+(?P<from>buy|sell|hold|neutral|overweight|underweight|outperform|underperform|equal-weight))|(?P<to2>upgraded\s+(?:the\s+stock|it|\S+)\s+to\s+(?P<to3>buy|sell|hold|neutral|overweight|underweight|outperform|underperform)(?:\s+from\s+(?P<from3>buy|sell|hold|neutral|overweight|underweight|outperform|underperform))?)",
    )
});
/// "…, Arete Research analysts said as they upgraded the stock to buy from sell."
static UPGRADE_STOCK: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?P<dir>upgraded|downgraded)\s+the\s+(?:stock|shares)\s+to\s+(?P<to>\w+)(?:\s+from\s+(?P<from>\w+))?",
    )
});
static LAUNCH: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s|ing)?|introduc(?:ed|es|ing)|releas(?:ed|es|ing|e)|roll(?:ed|s|ing)?\s+out|rollout|debut(?:ed|s)?|announced\s+a\s+comprehensive\s+upgrade|developed\s+a\s+new)\b",
    )
});
static AGREEMENT: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?P<ma>acquir(?:e|ed|es|ing)|acquisition|merg(?:e|er|ed|ing)|takeover|buyout|buy\s+out)|\b(?P<deal>deal|agreements?|partnership|contract|framework|joint\s+venture|alliance|memorandum|signed|inked|tie-up|team(?:ed)?\s+up)\b",
    )
});
static REGULATORY: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?P<permit>permit|licen[cs]e|approval|approved|granted|authori[sz]ed)|(?P<policy>polic(?:y|ies)|measures|regulations?|rules?|guidelines|solicited\s+opinions|draft|support\s+for\s+the\s+sector|stimulus|crackdowns?)|(?P<probe>probe|investigation|investigat(?:ed|ing)|fine[sd]?|sanction(?:s|ed)?|ban(?:ned|s)?|antitrust|scrutiny)\b",
    )
});
static MEETING: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:conference|summit|forum|meeting|expo|event|earnings\s+call|annual\s+general\s+meeting|agm)\b",
    )
});
static RESULT: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:revenues?|net\s+(?:income|profit|loss)|profits?|earnings|results|trading\s+update|sales|ebitda|operating\s+income)\b",
    )
});
static STATEMENT_VERB: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"\b(?:said|says|stated|states|believes?|noted|notes|predicted|predicts|warned|warns|projected|projects|expects?|revealed|reveals|view(?:s|ed)?|sees|argued|told|estimated|forecast)\b|\baccording\s+to\b",
    )
});
/// Only the tests search it: [`media_verb`] decides it for the verbs found.
#[cfg(test)]
static MEDIA_VERB: LazyLock<AsciiFast> =
    LazyLock::new(|| AsciiFast::new(r"\b(?:reported|reports|said|says|showed|show)\b"));

/// Whether [`MEDIA_VERB`] matches a match of [`STATEMENT_VERB`]: of its
/// words only these two are media verbs (the tests try every alternative).
fn media_verb(statement_verb: &str) -> bool {
    matches!(statement_verb, "said" | "says")
}

/// [`GOV_BODY`]'s words: it has no boundaries, so on ASCII text it is a
/// substring search.
const GOV_BODY_WORDS: &[&str] = &[
    "commission",
    "ministry",
    "government",
    "council",
    "regulator",
    "authority",
    "bureau",
    "administration",
    "state",
    "bank",
    "reserve",
    "department",
    "agency",
    "committee",
];

fn is_gov_body(name: &str) -> bool {
    if name.is_ascii() {
        contains_any_ignore_case(name, GOV_BODY_WORDS)
    } else {
        GOV_BODY.unicode().is_match(name)
    }
}

static CUMULATIVE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:year-to-date|so\s+far|since|straight|consecutive|streak|weekly|monthly|(?:this|past|last)\s+(?:week|month|quarter|year)|over\s+the\s+(?:past|last)|for\s+the\s+(?:week|month|quarter|year))\b",
    )
});
static TAKES_PLACE: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)\b(?:held|hosted|convene[sd]?|will\s+hold|at\s+a|meeting|(?:later|next|this)\s+(?:week|month|quarter|year))\b",
    )
});

// The word-list patterns above spelt out for [`Phrases`] (same order).
static NOT_PRICE_W: Phrases = Phrases::new(
    &NOT_PRICE,
    &[
        "revenue",
        "revenues",
        "sales",
        "profit",
        "profits",
        "earnings",
        "income",
        "capex",
        "spending",
        "expenditures",
        "expenditure",
        "investment",
        "investments",
        "valuation",
        "valuations",
        "demand",
        "rates",
        "rate",
        "inflation",
        "tensions",
        "confidence",
        "sentiment",
        "consumption",
        "capacity",
        "output",
        "production",
        "said",
        "says",
    ],
);
static ISSUE_VERB_W: Phrases = Phrases::new(
    &ISSUE_VERB,
    &[
        "issue",
        "issued",
        "issues",
        "issuing",
        "sells",
        "selling",
        "sell",
        "sold",
        "raise",
        "raised",
        "raises",
        "raising",
        "collected",
        "collects",
        "collect",
        "tapped",
        "tapping",
        "completed",
        "completes",
        "prices",
        "priced",
        "launched",
        "launches",
        "launch",
        "plans to issue",
        "plans to raise",
        "plans to sell",
        "planned to issue",
        "planned to raise",
        "planned to sell",
        "plan to issue",
        "plan to raise",
        "plan to sell",
        "offering",
        "sale",
    ],
);
static INVEST_W: Phrases = Phrases::new(
    &INVEST,
    &[
        "investing",
        "investment",
        "investments",
        "invests",
        "invested",
        "invest",
        "capital expenditures",
        "capital expenditure",
        "capex",
        "spending",
        "spend",
        "building out",
        "build out",
        "data center capacity",
        "data centre capacity",
        "add over",
        "computing infrastructure",
    ],
);
static PLAN_W: Phrases = Phrases::new(
    &PLAN,
    &[
        "plans",
        "plan",
        "planned",
        "planning",
        "will",
        "would",
        "to continue",
        "continue",
        "over the next",
        "committed",
        "commitment",
        "commits",
        "commit",
        "pledged",
        "pledges",
        "expects",
        "expect",
        "aims",
        "aim",
        "ramp up",
        "intends",
        "intend",
    ],
);
static LAUNCH_W: Phrases = Phrases::new(
    &LAUNCH,
    &[
        "launched",
        "launches",
        "launching",
        "launch",
        "unveiled",
        "unveils",
        "unveiling",
        "unveil",
        "introduced",
        "introduces",
        "introducing",
        "released",
        "releases",
        "releasing",
        "release",
        "rolled out",
        "rolls out",
        "rolling out",
        "roll out",
        "rollout",
        "debuted",
        "debuts",
        "debut",
        "announced a comprehensive upgrade",
        "developed a new",
    ],
);
static MEETING_W: Phrases = Phrases::new(
    &MEETING,
    &[
        "conference",
        "summit",
        "forum",
        "meeting",
        "expo",
        "event",
        "earnings call",
        "annual general meeting",
        "agm",
    ],
);
static RESULT_W: Phrases = Phrases::new(
    &RESULT,
    &[
        "revenues",
        "revenue",
        "net income",
        "net profit",
        "net loss",
        "profits",
        "profit",
        "earnings",
        "results",
        "trading update",
        "sales",
        "ebitda",
        "operating income",
    ],
);
static INDEX_ANAPHOR_W: Phrases = Phrases::new(
    &INDEX_ANAPHOR,
    &[
        "the index",
        "the gauge",
        "the benchmark",
        "the barometer",
        "that index",
        "that gauge",
        "that benchmark",
        "that barometer",
        "year-to-date gain*",
        "year-on-year gain*",
    ],
);
static ISSUANCE_W: Phrases = Phrases::new(
    &ISSUANCE,
    &[
        "convertible bonds",
        "convertible bond",
        "convertible notes",
        "convertible note",
        "convertible debt",
        "dim sum bonds",
        "dim sum bond",
        "bonds",
        "bond",
        "notes",
        "debt",
        "loans",
        "loan",
        "share sale",
        "share placement",
        "share offering",
        "placement",
        "rights issue",
        "ipo",
        "initial public offering",
        "offering",
        "fundraising",
        "raises",
        "raised",
        "raise",
        "raising",
        "collected",
        "tapped",
    ],
);
/// [`AGREEMENT`]: the first 12 alternatives are its `ma` group (no closing
/// `\b`), the others its `deal` group.
static AGREEMENT_W: Phrases = Phrases::new(
    &AGREEMENT,
    &[
        "acquire*",
        "acquired*",
        "acquires*",
        "acquiring*",
        "acquisition*",
        "merge*",
        "merger*",
        "merged*",
        "merging*",
        "takeover*",
        "buyout*",
        "buy out*",
        "deal",
        "agreements",
        "agreement",
        "partnership",
        "contract",
        "framework",
        "joint venture",
        "alliance",
        "memorandum",
        "signed",
        "inked",
        "tie-up",
        "teamed up",
        "team up",
    ],
);
const AGREEMENT_MA: usize = 12;

/// Whether [`AGREEMENT`] matches, and then whether its match is an
/// acquisition or merger (its `ma` group).
fn agreement_kind(text: &str) -> Option<bool> {
    if text.is_ascii() {
        return AGREEMENT_W
            .find_ascii(text.as_bytes())
            .map(|(_, k)| k < AGREEMENT_MA);
    }
    let c = AGREEMENT.unicode().captures(text)?;
    Some(c.name("ma").is_some())
}

/// [`REGULATORY`]: its `permit` group opens with `\b`, its `probe` group
/// closes with one, its `policy` group has neither.
static REGULATORY_W: Phrases = Phrases::new(
    &REGULATORY,
    &[
        "permit*",
        "licence*",
        "license*",
        "approval*",
        "approved*",
        "granted*",
        "authorised*",
        "authorized*",
        "~policy*",
        "~policies*",
        "~measures*",
        "~regulations*",
        "~regulation*",
        "~rules*",
        "~rule*",
        "~guidelines*",
        "~solicited opinions*",
        "~draft*",
        "~support for the sector*",
        "~stimulus*",
        "~crackdowns*",
        "~crackdown*",
        "~probe",
        "~investigation",
        "~investigated",
        "~investigating",
        "~fines",
        "~fined",
        "~fine",
        "~sanctions",
        "~sanctioned",
        "~sanction",
        "~banned",
        "~bans",
        "~ban",
        "~antitrust",
        "~scrutiny",
    ],
);
const REGULATORY_POLICY: usize = 8;
const REGULATORY_PROBE: usize = 22;

/// The group of [`REGULATORY`]'s leftmost match.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Regulatory {
    Permit,
    Policy,
    Probe,
}

fn regulatory_kind(text: &str) -> Option<Regulatory> {
    if text.is_ascii() {
        let (_, k) = REGULATORY_W.find_ascii(text.as_bytes())?;
        return Some(if k < REGULATORY_POLICY {
            Regulatory::Permit
        } else if k < REGULATORY_PROBE {
            Regulatory::Policy
        } else {
            Regulatory::Probe
        });
    }
    let c = REGULATORY.unicode().captures(text)?;
    Some(if c.name("permit").is_some() {
        Regulatory::Permit
    } else if c.name("policy").is_some() {
        Regulatory::Policy
    } else {
        Regulatory::Probe
    })
}

static STATEMENT_VERB_W: Phrases = Phrases::exact(
    &STATEMENT_VERB,
    &[
        "said",
        "says",
        "stated",
        "states",
        "believes",
        "believe",
        "noted",
        "notes",
        "predicted",
        "predicts",
        "warned",
        "warns",
        "projected",
        "projects",
        "expects",
        "expect",
        "revealed",
        "reveals",
        "views",
        "viewed",
        "view",
        "sees",
        "argued",
        "told",
        "estimated",
        "forecast",
        "according to",
    ],
);
/// "…, led by gains in …", "shares of …": a cue then the rest of the
/// sentence part before a mention (no `.` or `;` after it).
static LED_BY: LazyLock<AsciiFast> = LazyLock::new(|| {
    AsciiFast::new(
        r"(?i)(?:gains?\s+(?:in|by|for)|led\s+by(?:\s+gains\s+in)?|advance\s+in|rally\s+in|shares\s+of)\s+(?:[^.;]*?)$",
    )
});
/// [`LED_BY`] without its end: on ASCII text a match lies after the last `.`
/// or `;` (neither is in a cue nor in `[^.;]`), where any cue followed by
/// spaces makes one ("led by gains in" is "led by" then more).
static LED_BY_W: Phrases = Phrases::new(
    &LED_BY,
    &[
        "~gains in *",
        "~gains by *",
        "~gains for *",
        "~gain in *",
        "~gain by *",
        "~gain for *",
        "~led by *",
        "~advance in *",
        "~rally in *",
        "~shares of *",
    ],
);

fn led_by(before: &str) -> bool {
    if !before.is_ascii() {
        return LED_BY.unicode().is_match(before);
    }
    let tail = before
        .rfind(['.', ';'])
        .map_or(before, |k| &before[k + 1..]);
    LED_BY_W.is_match(tail)
}

static CUMULATIVE_W: Phrases = Phrases::new(
    &CUMULATIVE,
    &[
        "year-to-date",
        "so far",
        "since",
        "straight",
        "consecutive",
        "streak",
        "weekly",
        "monthly",
        "this week",
        "this month",
        "this quarter",
        "this year",
        "past week",
        "past month",
        "past quarter",
        "past year",
        "last week",
        "last month",
        "last quarter",
        "last year",
        "over the past",
        "over the last",
        "for the week",
        "for the month",
        "for the quarter",
        "for the year",
    ],
);
static TAKES_PLACE_W: Phrases = Phrases::new(
    &TAKES_PLACE,
    &[
        "held",
        "hosted",
        "convenes",
        "convened",
        "convene",
        "will hold",
        "at a",
        "meeting",
        "later week",
        "later month",
        "later quarter",
        "later year",
        "next week",
        "next month",
        "next quarter",
        "next year",
        "this week",
        "this month",
        "this quarter",
        "this year",
    ],
);

// Bits of [`GATE`]: one per trigger regex that a family needs to match.
const G_MOVE: u16 = 1 << 0;
const G_ISSUANCE: u16 = 1 << 1;
const G_ISSUE_VERB: u16 = 1 << 2;
const G_INVEST: u16 = 1 << 3;
const G_PLAN: u16 = 1 << 4;
const G_ANALYST: u16 = 1 << 5;
const G_LAUNCH: u16 = 1 << 6;
const G_AGREEMENT: u16 = 1 << 7;
const G_REGULATORY: u16 = 1 << 8;
const G_MEETING: u16 = 1 << 9;
const G_RESULT: u16 = 1 << 10;
const G_STATEMENT: u16 = 1 << 11;
const G_ALL: u16 = (1 << 12) - 1;

/// For each trigger regex, literals of which every match contains one (the
/// start of each alternative, or a word the alternative requires). A literal
/// must start at a word start unless written `*lit`, and end at a word end if
/// written `lit$`: both are implied by the `\b` or `\s` around it in the
/// pattern. `exact` patterns are case-sensitive. One Aho-Corasick pass over a
/// sentence then tells which families may fire; see [`Gate::open`].
const TRIGGERS: &[(u16, bool, &[&str])] = &[
    (
        G_MOVE,
        true,
        &[
            "rose$",
            "ris",
            "edged",
            "climb",
            "gain",
            "jump",
            "surg",
            "soar",
            "rall",
            "advanc",
            "higher$",
            "up$",
            "led",
            "lead",
            "expanded",
            "extended",
            "added$",
            "rebounded$",
            "spiked$",
            "hit",
            "approached",
            "reach",
            "fell$",
            "fall",
            "slipp",
            "sunk$",
            "drop",
            "slid",
            "slump",
            "declin",
            "tumble",
            "plunge",
            "sank$",
            "sink$",
            "lost$",
            "lower$",
            "down$",
            "retreated$",
            "eased$",
            "dipped$",
            "shed$",
            "flat$",
            "unchanged$",
            "steady$",
        ],
    ),
    (
        G_ISSUANCE,
        false,
        &[
            "convertible",
            "dim",
            "bond",
            "notes$",
            "debt$",
            "loan",
            "share",
            "placement$",
            "rights",
            "ipo$",
            "initial",
            "offering$",
            "fundraising$",
            "rais",
            "collected$",
            "tapped$",
        ],
    ),
    (
        G_ISSUE_VERB,
        false,
        &[
            "issu",
            "sell",
            "sold$",
            "rais",
            "collect",
            "tapp",
            "complet",
            "price",
            "launch",
            "plan",
            "offering$",
            "sale$",
        ],
    ),
    (
        G_INVEST,
        false,
        &[
            "invest",
            "capital",
            "capex$",
            "spend",
            "build",
            "data",
            "add",
            "computing",
        ],
    ),
    (
        G_PLAN,
        false,
        &[
            "plan",
            "will$",
            "would$",
            "continue$",
            "over",
            "commit",
            "pledg",
            "expect",
            "aim",
            "ramp",
            "intend",
        ],
    ),
    (
        G_ANALYST,
        false,
        // only the first alternative of ANALYST follows `\b`
        &[
            "*upgrad",
            "*downgrad",
            "rating",
            "target",
            "coverage",
            "*moved",
        ],
    ),
    (
        G_LAUNCH,
        false,
        &[
            "launch",
            "unveil",
            "introduc",
            "releas",
            "roll",
            "debut",
            "comprehensive",
            "developed",
        ],
    ),
    (
        G_AGREEMENT,
        false,
        &[
            "acqui",
            "merg",
            "takeover",
            "buy",
            "deal",
            "agreement",
            "partnership",
            "contract",
            "framework",
            "joint",
            "alliance",
            "memorandum",
            "signed",
            "inked",
            "tie",
            "team",
        ],
    ),
    (
        G_REGULATORY,
        false,
        &[
            "permit",
            "licen",
            "approv",
            "granted",
            "authori",
            "*polic",
            "*measures",
            "*regulation",
            "*rule",
            "*guidelines",
            "*solicited",
            "*draft",
            "sector",
            "*stimulus",
            "*crackdown",
            "*probe$",
            "*investigat",
            "*fine$",
            "*fines$",
            "*fined$",
            "*sanction",
            "*ban$",
            "*banned$",
            "*bans$",
            "*antitrust$",
            "*scrutiny$",
        ],
    ),
    (
        G_MEETING,
        false,
        &[
            "conference$",
            "summit$",
            "forum$",
            "meeting$",
            "expo$",
            "event$",
            "call$",
            "agm$",
        ],
    ),
    (
        G_RESULT,
        false,
        &[
            "revenue",
            "net$",
            "profit",
            "earnings$",
            "results$",
            "update$",
            "sales$",
            "ebitda$",
            "income$",
        ],
    ),
    (
        G_STATEMENT,
        true,
        &[
            "said$",
            "says$",
            "stated$",
            "states$",
            "believe",
            "noted$",
            "notes$",
            "predict",
            "warn",
            "project",
            "expect",
            "reveal",
            "view",
            "sees$",
            "argued$",
            "told$",
            "estimated$",
            "forecast$",
            "according$",
        ],
    ),
];

/// What a literal of [`TRIGGERS`] opens, by where it was found: indexed by
/// `at_start | at_end << 1 | exact << 2` (word start before it, word end after
/// it, its bytes exactly as written), the union of the bits of the triggers
/// whose conditions hold there.
type Opens = [u16; 8];

struct Gate {
    dfa: aho_corasick::dfa::DFA,
    /// Per pattern of `dfa`: its length and what it opens.
    lens: Vec<usize>,
    opens: Vec<Opens>,
    /// Per pattern: whether any trigger of it is case-sensitive (only then
    /// are its bytes compared).
    exact: Vec<bool>,
    lits: Vec<&'static str>,
}

static GATE: LazyLock<Gate> = LazyLock::new(Gate::new);

impl Gate {
    fn new() -> Self {
        let mut lits: Vec<&'static str> = Vec::new();
        let mut opens: Vec<Opens> = Vec::new();
        let mut exact: Vec<bool> = Vec::new();
        for &(bits, is_exact, ls) in TRIGGERS {
            for &l in ls {
                let word_start = !l.starts_with('*');
                let word_end = l.ends_with('$');
                let l = l.trim_start_matches('*').trim_end_matches('$');
                let i = lits.iter().position(|&x| x == l).unwrap_or_else(|| {
                    lits.push(l);
                    opens.push([0; 8]);
                    exact.push(false);
                    lits.len() - 1
                });
                exact[i] |= is_exact;
                for (k, o) in opens[i].iter_mut().enumerate() {
                    let (at_start, at_end, same) = (k & 1 != 0, k & 2 != 0, k & 4 != 0);
                    if (at_start || !word_start) && (at_end || !word_end) && (same || !is_exact) {
                        *o |= bits;
                    }
                }
            }
        }
        // Our own loop over the DFA's transitions (see [`Gate::open`]) instead
        // of `find_overlapping_iter`, whose per-match machinery cost three
        // times the walk itself.
        let dfa = aho_corasick::dfa::Builder::new()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .build(&lits)
            .unwrap();
        let lens = lits.iter().map(|l| l.len()).collect();
        Gate {
            dfa,
            lens,
            opens,
            exact,
            lits,
        }
    }

    /// The trigger regexes that may match `text`; a clear bit means certainly
    /// not. Word starts and ends are checked on ASCII bytes only (a non-ASCII
    /// neighbour may or may not be a Unicode word character, so it passes).
    ///
    /// Walks the Aho-Corasick DFA byte by byte; a match state lists every
    /// literal ending at that byte (standard semantics copy the matches of
    /// the failure states), so this sees the same (literal, end) pairs as an
    /// overlapping search.
    fn open(&self, text: &str) -> u16 {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        if !text.is_ascii() && has_ascii_case_fold(text) {
            return G_ALL;
        }
        let b = text.as_bytes();
        let dfa = &self.dfa;
        let mut bits = 0u16;
        let mut sid = dfa.start_state(Anchored::No).unwrap();
        for (i, &byte) in b.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, byte);
            if !dfa.is_special(sid) || !dfa.is_match(sid) {
                continue;
            }
            let end = i + 1;
            let at_end = end == b.len() || !is_ascii_word_byte(b[end]);
            for k in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, k).as_usize();
                let start = end - self.lens[p];
                let at_start = start == 0 || !is_ascii_word_byte(b[start - 1]);
                let same = self.exact[p] && &b[start..end] == self.lits[p].as_bytes();
                bits |= self.opens[p]
                    [at_start as usize | (at_end as usize) << 1 | (same as usize) << 2];
            }
            if bits == G_ALL {
                break;
            }
        }
        bits
    }
}

fn is_mover(k: EntityKind) -> bool {
    matches!(k, EntityKind::Company | EntityKind::StockIndex)
}

fn is_org(k: EntityKind) -> bool {
    k.is_org()
}

/// Whether a mention of a kind `want` accepts is among `ms`. Each event
/// family needs a participant of certain kinds; the families check this
/// before their trigger regexes, which cost far more than the look.
fn any_kind(doc: &Document, ms: &[usize], want: impl Fn(EntityKind) -> bool) -> bool {
    ms.iter().any(|&m| want(doc.mentions[m].kind))
}

fn is_company(k: EntityKind) -> bool {
    k == EntityKind::Company
}

impl Extractor for EventExtractor {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [&'static str] {
        &[
            layer::SENTENCES,
            layer::MENTIONS,
            layer::ENTITIES,
            layer::FIGURES,
            layer::TIMES,
        ]
    }
    fn assigns(&self) -> &'static [&'static str] {
        &[layer::EVENTS]
    }
    fn warm_ups(&self) -> &'static [fn()] {
        // what ASCII text uses (the other patterns there are matched by hand)
        &[|| _ = &*GATE, || _ = MOVE.ascii(), || _ = ANALYST.ascii()]
    }
    fn run(&self, doc: &mut Document) {
        run_gated(doc, true);
    }
}

/// The extractor; `gated: false` runs every family on every sentence (the
/// tests compare the two).
fn run_gated(doc: &mut Document, gated: bool) {
    let mut out: Vec<Event> = Vec::new();
    let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    let mut last_index: Option<usize> = None; // mention of the last stock index named
    let by_sentence = mentions_by_sentence(doc, &sentences);
    for (&sent, ms) in sentences.iter().zip(&by_sentence) {
        let text = doc.slice(sent);
        let base = doc.byte(sent.start);
        // families whose trigger regex cannot match this sentence are skipped,
        // and all when none can find its participants
        let g = if !gated {
            G_ALL
        } else if may_have_participants(doc, sent, ms, last_index, &by_sentence) {
            GATE.open(text)
        } else {
            0
        };
        let mut evs: Vec<Event> = Vec::new();
        if g & G_MOVE != 0 {
            price_moves(doc, sent, ms, &mut last_index, &mut evs);
        }
        if g & (G_ISSUANCE | G_ISSUE_VERB) == G_ISSUANCE | G_ISSUE_VERB {
            issuance(doc, sent, ms, &mut evs);
        }
        if g & (G_INVEST | G_PLAN) == G_INVEST | G_PLAN {
            investment(doc, sent, ms, text, &mut evs);
        }
        if g & G_ANALYST != 0 {
            analyst(doc, sent, ms, text, base, &mut evs);
        }
        if g & G_LAUNCH != 0 {
            launch(doc, sent, ms, text, &mut evs);
        }
        if g & G_AGREEMENT != 0 {
            agreement(doc, sent, ms, text, &mut evs);
        }
        if g & G_REGULATORY != 0 {
            regulatory(doc, sent, ms, text, &mut evs);
        }
        if g & G_MEETING != 0 {
            meeting(doc, sent, ms, text, &mut evs);
        }
        if g & G_RESULT != 0 {
            result(doc, sent, ms, &by_sentence, text, &mut evs);
        }
        if g & G_STATEMENT != 0 {
            statement(doc, sent, ms, text, base, &mut evs);
        }
        for m in ms {
            if doc.mentions[*m].kind == EntityKind::StockIndex {
                last_index = Some(*m);
            }
        }
        if evs.is_empty() {
            continue;
        }
        // date each event by the sentence's most precise time expression
        let time = best_time(doc, sent);
        for mut e in evs {
            if e.time.is_none() {
                e.time = time;
            }
            if let Some(t) = e.time {
                let te = &doc.times[t];
                if te.precision == DatePrecision::Day {
                    e.date = te.date;
                }
            }
            out.push(e);
        }
    }
    session_dates(doc, &sentences, &mut out);
    doc.events.extend(out);
}

/// Whether any event family can find its participants in a sentence. Each
/// returns before its trigger regexes without a mention of its kinds: moves
/// need a company or index (or an index named before), results a company
/// (or one in the sentence before), statements a person, company or
/// organisation, the others a company, organisation or place. Only products
/// take part in none.
fn may_have_participants(
    doc: &Document,
    sent: Span,
    ms: &[usize],
    last_index: Option<usize>,
    by_sentence: &[Vec<usize>],
) -> bool {
    last_index.is_some()
        || any_kind(doc, ms, |k| k != EntityKind::Product)
        || doc
            .sentence_of(sent)
            .and_then(|si| by_sentence.get(si.checked_sub(1)?))
            .is_some_and(|prev| any_kind(doc, prev, is_company))
}

/// Market moves stated without a time belong to the trading session the lead
/// paragraph names ("rallied on Wednesday"); a sentence continuing with "also"
/// about the same subject keeps the previous sentence's date.
fn session_dates(doc: &Document, sentences: &[Span], out: &mut [Event]) {
    let lead: Vec<Span> = sentences.iter().take(2).copied().collect();
    let session = doc
        .times
        .iter()
        .filter(|t| t.precision == DatePrecision::Day && t.date.is_some())
        .find(|t| lead.iter().any(|s| s.contains(t.span)))
        .and_then(|t| t.date);
    let has_time = |sent: Span| doc.times.iter().any(|t| sent.contains(t.span));
    let has_day_time = |sent: Span| {
        doc.times
            .iter()
            .any(|t| sent.contains(t.span) && t.precision <= DatePrecision::Week)
    };
    let subject_entity = |e: &Event| {
        e.about
            .first()
            .or(e.agent.first())
            .or(e.speaker.as_ref())
            .and_then(|&m| doc.mentions[m].entity)
    };
    let mut prev: Option<(Span, Option<usize>, chrono::NaiveDate)> = None;
    #[allow(clippy::needless_range_loop)] // out[i] is read and written in the same step
    for i in 0..out.len() {
        let sent = out[i].evidence;
        if out[i].date.is_none() {
            if let Some(d) = session {
                if out[i].class == EventClass::PriceMove
                    && !has_time(sent)
                    && !CUMULATIVE_W.is_match(doc.slice(sent))
                {
                    out[i].date = Some(d);
                }
            }
        }
        if out[i].date.is_none() {
            if let Some((ps, pe, pd)) = prev {
                let continues = doc.slice(sent).split_whitespace().nth(1) == Some("also")
                    && ps.end <= sent.start
                    && doc.sentence_of(ps).map(|x| x + 1) == doc.sentence_of(sent)
                    && pe.is_some()
                    && subject_entity(&out[i]) == pe;
                if continues && !has_day_time(sent) {
                    out[i].date = Some(pd);
                }
            }
        }
        if let Some(d) = out[i].date {
            prev = Some((sent, subject_entity(&out[i]), d));
        }
    }
}

fn best_time(doc: &Document, sent: Span) -> Option<usize> {
    doc.times
        .iter()
        .enumerate()
        .filter(|(_, t)| sent.contains(t.span))
        .min_by_key(|(_, t)| (t.precision, t.span.start))
        .map(|(i, _)| i)
}

fn gap(doc: &Document, a: usize, b: usize) -> &str {
    if a <= b {
        doc.slice(Span::new(a, b))
    } else {
        ""
    }
}

/// Figures (percent) in the sentence, in order.
fn percent_figures(doc: &Document, sent: Span) -> Vec<usize> {
    doc.figures_in(sent)
        .into_iter()
        .filter(|&f| matches!(&doc.figures[f].value, FigureValue::Quantity { unit, .. } if unit == "percent"))
        .collect()
}

fn price_moves(
    doc: &Document,
    sent: Span,
    ms: &[usize],
    last_index: &mut Option<usize>,
    out: &mut Vec<Event>,
) {
    let movers: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&m| is_mover(doc.mentions[m].kind))
        .collect();
    let text = doc.slice(sent);
    let base = doc.byte(sent.start);
    // Without a mover, only "the index rose…" after a named index can make an
    // event: skip the move search when that is impossible.
    if movers.is_empty() && (last_index.is_none() || !INDEX_ANAPHOR_W.is_match(text)) {
        return;
    }
    let verbs: Vec<(usize, usize, i8)> = MOVE
        .get(text)
        .captures_iter(text)
        // "jaw-dropping", "up-and-coming": parts of hyphenated words are not moves
        .filter(|c| {
            let m = c.get(0).unwrap();
            !text[..m.start()].ends_with('-') && !text[m.end()..].starts_with('-')
        })
        .map(|c| {
            let m = c.get(0).unwrap();
            let dir = if c.name("up").is_some() {
                1
            } else if c.name("down").is_some() {
                -1
            } else {
                0
            };
            (doc.cp(base + m.start()), doc.cp(base + m.end()), dir)
        })
        .collect();
    if verbs.is_empty() {
        return;
    }
    let pct = percent_figures(doc, sent);
    let mut subjects: Vec<(usize, usize, i8)> = Vec::new(); // (mention, verb start, direction)
    for (k, &m) in movers.iter().enumerate() {
        let end = doc.mentions[m].span.end;
        // the first move word after the mention, with no other mover in between
        let next_mover = movers
            .get(k + 1)
            .map(|&n| doc.mentions[n].span.start)
            .unwrap_or(sent.end);
        let Some(&(vs, _ve, dir)) = verbs.iter().find(|(vs, _, _)| *vs >= end) else {
            continue;
        };
        let between_raw = gap(doc, end, vs);
        // appositions and relative clauses between commas or brackets do not count:
        // "The Hang Seng Tech Index, where many … are listed, rose 4.2%"
        let between_owned = strip_insertions(between_raw);
        let between = between_owned.as_str();
        let words = between.split_whitespace().count();
        let list_member = vs > next_mover && {
            // "A, B, and C also climbed": only list glue between movers and the verb
            let mut ok = true;
            let mut cur = end;
            for &n in &movers[k + 1..] {
                let s = doc.mentions[n].span.start;
                if s >= vs {
                    break;
                }
                let g = gap(doc, cur, s);
                let g = strip_parens(g);
                if !g
                    .trim_matches([',', ' '])
                    .trim_start_matches("and ")
                    .trim()
                    .is_empty()
                    && g.trim() != "and"
                    && g.trim() != ", and"
                {
                    ok = false;
                    break;
                }
                cur = doc.mentions[n].span.end;
            }
            ok && {
                let tail = strip_parens(gap(doc, cur, vs));
                tail.split_whitespace().count() <= 3 && !NOT_PRICE_W.is_match(&tail)
            }
        };
        let direct = vs <= next_mover
            && words <= 8
            && !NOT_PRICE_W.is_match(between)
            && !between.contains([';', ':'])
            && !between.contains(" while ")
            && !between.contains(" but ")
            && !between.contains(" after ");
        let preceded = {
            let before = gap(doc, sent.start, doc.mentions[m].span.start);
            led_by(before)
                && verbs
                    .iter()
                    .any(|(vs, _, _)| *vs < doc.mentions[m].span.start)
        };
        if direct || list_member || preceded {
            let dir = if preceded && !direct {
                verbs
                    .iter()
                    .find(|(vs, _, _)| *vs < doc.mentions[m].span.start)
                    .map(|v| v.2)
                    .unwrap_or(dir)
            } else {
                dir
            };
            subjects.push((m, vs, dir));
        }
    }
    // "The index rose…", "the gauge has risen 42%"
    if subjects.is_empty() {
        if let Some(c) = INDEX_ANAPHOR_W.find(text) {
            let a = doc.cp(base + c.start);
            if let (Some(idx), Some(&(vs, _, dir))) =
                (*last_index, verbs.iter().find(|(vs, _, _)| *vs >= a))
            {
                if !NOT_PRICE_W.is_match(gap(doc, a, vs)) {
                    subjects.push((idx, vs, dir));
                }
            }
        }
    }
    let mut used_figs = Vec::new();
    for (i, &(m, vs, dir)) in subjects.iter().enumerate() {
        let next_subject = subjects
            .get(i + 1)
            .map(|s| doc.mentions[s.0].span.start)
            .unwrap_or(sent.end);
        let ms = doc.mentions[m].span;
        // the percent figure closest after the mention, before the next subject
        let fig = pct
            .iter()
            .copied()
            .filter(|f| !used_figs.contains(f))
            .find(|&f| {
                doc.figures[f].span.start >= ms.end
                    && doc.figures[f].span.start < next_subject.max(vs + 1)
            });
        let mut ev = Event::new(EventClass::PriceMove, sent, "events");
        ev.about.push(m);
        if let Some(f) = fig {
            used_figs.push(f);
            ev.figures.push((f, FigureRole::Change));
            ev.confidence = 0.85;
        } else {
            ev.confidence = 0.65;
        }
        ev.subtype = Some(match (doc.mentions[m].kind, dir) {
            (EntityKind::StockIndex, _) => "IndexMove".into(),
            (_, 1) => "PriceRise".into(),
            (_, -1) => "PriceFall".into(),
            _ => "PriceMove".into(),
        });
        ev.status = Some("reported");
        out.push(ev);
    }
    if let Some(&(m, _, _)) = subjects
        .iter()
        .rev()
        .find(|s| doc.mentions[s.0].kind == EntityKind::StockIndex)
    {
        *last_index = Some(m);
    }
}

fn strip_insertions(s: &str) -> String {
    static INSERT: LazyLock<AsciiFast> = LazyLock::new(|| {
        AsciiFast::new(r",\s[^,;]{1,120}?,|\([^)]*\)|\s[—–]\s[^—–]{1,120}?\s[—–]")
    });
    if s.is_ascii() {
        return strip_insertions_ascii(s);
    }
    INSERT.unicode().replace_all(s, " ").into_owned()
}

fn strip_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Money figures of a sentence, in order.
fn money(doc: &Document, sent: Span) -> Vec<usize> {
    doc.figures_in(sent)
        .into_iter()
        .filter(|&f| matches!(doc.figures[f].value, FigureValue::Money { .. }))
        .filter(|&f| doc.figures[f].measure.as_deref() != Some("SharePrice"))
        .collect()
}

fn is_media(doc: &Document, m: usize) -> bool {
    let g = Gazetteer::builtin();
    doc.mentions[m]
        .gazetteer
        .as_deref()
        .and_then(|id| g.get(id))
        .is_some_and(|e| e.media)
}

/// Clauses of a sentence joined by "while", "whereas", ";" or ", and" + capital:
/// "Alibaba raised $3.2 billion…, while Tencent tapped the bond market for $1.27 billion."
fn clauses(doc: &Document, sent: Span) -> Vec<Span> {
    let base = doc.byte(sent.start);
    clause_ranges(doc.slice(sent))
        .into_iter()
        .map(|r| doc.span(base + r.start, base + r.end))
        .collect()
}

/// The byte ranges of [`clauses`] in the sentence text.
fn clause_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    static SPLIT: LazyLock<AsciiFast> =
        LazyLock::new(|| AsciiFast::new(r",?\s+(?:while|whereas)\s+|;\s+|,\s+and\s+[A-Z]"));
    let mut out = Vec::new();
    let mut start = 0;
    for m in SPLIT.get(text).find_iter(text) {
        out.push(start..m.start());
        // ", and Tencent": the capital letter opens the next clause
        start = if m.as_str().ends_with(char::is_uppercase) {
            m.end() - 1
        } else {
            m.end()
        };
    }
    out.push(start..text.len());
    out
}

fn issuance(doc: &Document, sent: Span, ms: &[usize], out: &mut Vec<Event>) {
    // the issuer is a company of the clause
    if !any_kind(doc, ms, is_company) {
        return;
    }
    for clause in clauses(doc, sent) {
        let cms: Vec<usize> = ms
            .iter()
            .copied()
            .filter(|&m| clause.contains(doc.mentions[m].span))
            .collect();
        issuance_clause(doc, sent, clause, &cms, out);
    }
}

/// One issuance per clause; the whole sentence is the evidence.
fn issuance_clause(doc: &Document, sent: Span, clause: Span, ms: &[usize], out: &mut Vec<Event>) {
    let text = doc.slice(clause);
    let Some(c) = ISSUANCE_W.find(text) else {
        return;
    };
    if !ISSUE_VERB_W.is_match(text) {
        return;
    }
    let lower = text.to_lowercase();
    let amounts = money(doc, clause);
    let debtish = [
        "bond",
        "note",
        "debt",
        "loan",
        "convertible",
        "offering",
        "placement",
        "ipo",
        "share",
    ]
    .iter()
    .any(|k| lower.contains(k));
    if amounts.is_empty() && !debtish {
        return;
    }
    if amounts.is_empty()
        && !lower.contains("complet")
        && !lower.contains("issu")
        && !lower.contains("plan")
    {
        return;
    }
    let trig = doc.cp(doc.byte(clause.start) + c.start);
    let issuer = ms
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Company)
        .find(|&m| {
            doc.mentions[m].span.start
                < trig.max(
                    amounts
                        .first()
                        .map(|&f| doc.figures[f].span.start)
                        .unwrap_or(0),
                )
        })
        .or_else(|| {
            ms.iter()
                .copied()
                .find(|&m| doc.mentions[m].kind == EntityKind::Company)
        });
    let Some(issuer) = issuer else { return };
    let mut ev = Event::new(EventClass::SecurityIssuance, sent, "events");
    ev.agent.push(issuer);
    ev.subtype = Some(
        if lower.contains("convertible") {
            "ConvertibleBond"
        } else if lower.contains("dim sum") {
            "DimSumBond"
        } else if lower.contains("bond") || lower.contains("debt") || lower.contains("notes") {
            "Bond"
        } else if lower.contains("loan") {
            "Loan"
        } else if lower.contains("ipo") || lower.contains("initial public offering") {
            "IPO"
        } else if lower.contains("share") || lower.contains("placement") {
            "ShareIssuance"
        } else {
            "Fundraising"
        }
        .into(),
    );
    if let Some(&f) = amounts.first() {
        ev.figures.push((f, FigureRole::Amount));
        for &f2 in &amounts[1..] {
            ev.figures.push((f2, FigureRole::Other));
        }
    }
    ev.status = Some(
        if lower.contains("plan")
            || lower.contains(" will ")
            || lower.contains("to issue")
            || lower.contains("to raise")
        {
            "planned"
        } else if lower.contains("complet")
            || lower.contains("collected")
            || lower.contains("raised")
            || lower.contains("issued")
            || lower.contains("issuing")
            || lower.contains("sold")
        {
            "completed"
        } else {
            "reported"
        },
    );
    ev.confidence = 0.75;
    out.push(ev);
}

fn investment(doc: &Document, sent: Span, ms: &[usize], text: &str, out: &mut Vec<Event>) {
    // the spender is a company
    if !any_kind(doc, ms, is_company) {
        return;
    }
    let Some(c) = INVEST_W.find(text) else {
        return;
    };
    if !PLAN_W.is_match(text) {
        return;
    }
    let trig = doc.cp(doc.byte(sent.start) + c.start);
    let companies: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Company)
        .collect();
    // aggregate statements over several spenders are not one company's plan
    let distinct: std::collections::BTreeSet<_> = companies
        .iter()
        .filter_map(|&m| doc.mentions[m].entity)
        .collect();
    if distinct.len() != 1 {
        return;
    }
    let spender = companies[0];
    if doc.mentions[spender].span.start > trig && !text.contains(" by ") {
        return;
    }
    let mut ev = Event::new(EventClass::InvestmentPlan, sent, "events");
    ev.agent.push(spender);
    if let Some(&f) = money(doc, sent).first() {
        ev.figures.push((f, FigureRole::Amount));
    }
    ev.subtype = Some(
        if text.to_lowercase().contains("capital expenditure")
            || text.to_lowercase().contains("capex")
        {
            "Capex"
        } else {
            "Investment"
        }
        .into(),
    );
    ev.status = Some("planned");
    ev.confidence = 0.6;
    out.push(ev);
}

fn analyst(
    doc: &Document,
    sent: Span,
    ms: &[usize],
    text: &str,
    base: usize,
    out: &mut Vec<Event>,
) {
    // the firm acting is an organisation (for UPGRADE_STOCK too)
    if !any_kind(doc, ms, is_org) {
        return;
    }
    for c in ANALYST.get(text).captures_iter(text) {
        let m0 = c.get(0).unwrap();
        let trig = doc.cp(base + m0.start());
        let trig_end = doc.cp(base + m0.end());
        // the firm acting: the last organisation before the trigger
        let firm = ms
            .iter()
            .copied()
            .filter(|&m| is_org(doc.mentions[m].kind) && doc.mentions[m].span.end <= trig)
            .rfind(|&m| !is_media(doc, m));
        let Some(firm) = firm else { continue };
        // the rated company: inside the trigger phrase, after it, or the sentence subject
        let target = ms
            .iter()
            .copied()
            .filter(|&m| doc.mentions[m].kind == EntityKind::Company && m != firm)
            .find(|&m| {
                doc.mentions[m].span.start >= trig && doc.mentions[m].span.start <= trig_end + 40
            })
            .or_else(|| {
                ms.iter().copied().find(|&m| {
                    doc.mentions[m].kind == EntityKind::Company
                        && doc.mentions[m].span.end <= doc.mentions[firm].span.start
                })
            });
        let mut ev = Event::new(EventClass::AnalystAction, sent, "events");
        ev.agent.push(firm);
        if let Some(t) = target {
            ev.about.push(t);
        }
        let is_target = m0.as_str().to_lowercase().contains("price target");
        ev.subtype = Some(
            match (
                c.name("up").is_some() || c.name("to2").is_some(),
                c.name("down").is_some(),
                is_target,
                c.name("init").is_some(),
                c.name("moved").is_some(),
            ) {
                (true, _, true, _, _) => "PriceTargetRaise",
                (_, true, true, _, _) => "PriceTargetCut",
                (true, _, _, _, _) => "Upgrade",
                (_, true, _, _, _) => "Downgrade",
                (_, _, _, true, _) => "InitiateCoverage",
                _ => "RatingChange",
            }
            .into(),
        );
        let (to, from) = (
            c.name("to").or(c.name("to3")),
            c.name("from").or(c.name("from3")),
        );
        if let Some(t) = to {
            ev.rating_to = Some(t.as_str().to_lowercase());
        }
        if let Some(f) = from {
            ev.rating_from = Some(f.as_str().to_lowercase());
        }
        if c.name("moved").is_some() {
            let rank = |r: &str| match r {
                "sell" | "underweight" | "underperform" => 0,
                "hold" | "neutral" | "equal-weight" => 1,
                _ => 2,
            };
            if let (Some(t), Some(f)) = (&ev.rating_to, &ev.rating_from) {
                ev.subtype = Some(
                    if rank(t) > rank(f) {
                        "Upgrade"
                    } else if rank(t) < rank(f) {
                        "Downgrade"
                    } else {
                        "RatingChange"
                    }
                    .into(),
                );
            }
        }
        if let Some(f) = doc
            .figures_in(sent)
            .into_iter()
            .find(|&f| matches!(doc.figures[f].value, FigureValue::Money { .. }))
        {
            if is_target {
                ev.figures.push((f, FigureRole::PriceTarget));
            }
        }
        ev.status = Some("announced");
        ev.confidence = 0.8;
        out.push(ev);
    }
    if out
        .iter()
        .any(|e| e.class == EventClass::AnalystAction && e.evidence == sent)
    {
        return;
    }
    if let Some(c) = UPGRADE_STOCK.get(text).captures(text) {
        let trig = doc.cp(base + c.get(0).unwrap().start());
        let firm = ms.iter().copied().rfind(|&m| {
            doc.mentions[m].kind == EntityKind::Organization && doc.mentions[m].span.end <= trig
        });
        let target = ms
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].kind == EntityKind::Company);
        if let Some(firm) = firm {
            let mut ev = Event::new(EventClass::AnalystAction, sent, "events");
            ev.agent.push(firm);
            ev.about.extend(target);
            ev.subtype = Some(
                if c["dir"].eq_ignore_ascii_case("upgraded") {
                    "Upgrade"
                } else {
                    "Downgrade"
                }
                .into(),
            );
            ev.rating_to = Some(c["to"].to_lowercase());
            ev.rating_from = c.name("from").map(|f| f.as_str().to_lowercase());
            ev.status = Some("announced");
            ev.confidence = 0.75;
            out.push(ev);
        }
    }
}

fn launch(doc: &Document, sent: Span, ms: &[usize], text: &str, out: &mut Vec<Event>) {
    // the maker is a company
    if !any_kind(doc, ms, is_company) {
        return;
    }
    let Some(c) = LAUNCH_W.find(text) else {
        return;
    };
    let trig = doc.cp(doc.byte(sent.start) + c.start);
    let products: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Product)
        .collect();
    let maker = ms
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Company)
        .rfind(|&m| doc.mentions[m].span.start < trig || products.is_empty())
        .or_else(|| {
            ms.iter()
                .copied()
                .find(|&m| doc.mentions[m].kind == EntityKind::Company)
        });
    let Some(maker) = maker else { return };
    if products.is_empty() {
        // "Tencent has rolled out a suite of AI applications": a launch without a named product
        let t = text.to_lowercase();
        if ![
            "application",
            "model",
            "product",
            "chip",
            "smartphone",
            "phone",
            "service",
            "app",
            "vehicle",
        ]
        .iter()
        .any(|w| t.contains(w))
        {
            return;
        }
        let mut ev = Event::new(EventClass::ProductLaunch, sent, "events");
        ev.agent.push(maker);
        ev.status = Some("reported");
        ev.confidence = 0.55;
        out.push(ev);
        return;
    }
    for p in products {
        let mut ev = Event::new(EventClass::ProductLaunch, sent, "events");
        ev.agent.push(maker);
        ev.about.push(p);
        ev.status = Some(if text.contains("ahead of") || text.contains(" will ") {
            "expected"
        } else {
            "announced"
        });
        ev.confidence = 0.7;
        out.push(ev);
    }
}

fn agreement(doc: &Document, sent: Span, ms: &[usize], text: &str, out: &mut Vec<Event>) {
    // the agent is an organisation
    if !any_kind(doc, ms, is_org) {
        return;
    }
    let Some(ma) = agreement_kind(text) else {
        return;
    };
    let lower = text.to_lowercase();
    // price targets and bond "deals" are not agreements
    if lower.contains("bond deal") || lower.contains("price target") {
        return;
    }
    let parties: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&m| {
            matches!(
                doc.mentions[m].kind,
                EntityKind::Company | EntityKind::Organization | EntityKind::Place
            )
        })
        .filter(|&m| !is_media(doc, m))
        .collect();
    let orgs: Vec<usize> = parties
        .iter()
        .copied()
        .filter(|&m| is_org(doc.mentions[m].kind))
        .collect();
    let mut distinct: Vec<usize> = Vec::new();
    for &m in &orgs {
        if !distinct
            .iter()
            .any(|&d| doc.mentions[d].entity == doc.mentions[m].entity)
        {
            distinct.push(m);
        }
    }
    let agent = distinct.first().copied();
    let Some(agent) = agent else { return };
    let mut ev = Event::new(EventClass::Agreement, sent, "events");
    ev.agent.push(agent);
    if let Some(&cp) = distinct.get(1) {
        ev.counterparty.push(cp);
    } else if lower.contains("framework") || lower.contains("both countries") {
        // government frameworks: the countries are the parties
        let places: Vec<usize> = parties
            .iter()
            .copied()
            .filter(|&m| doc.mentions[m].kind == EntityKind::Place)
            .collect();
        ev.counterparty.extend(places.into_iter().take(2));
    } else if !lower.contains("with") && !lower.contains("signed") {
        return;
    }
    ev.subtype = Some(
        if ma {
            "Acquisition"
        } else if lower.contains("supply") {
            "SupplyDeal"
        } else if lower.contains("partnership") {
            "Partnership"
        } else {
            "Deal"
        }
        .into(),
    );
    ev.status = Some(
        if lower.contains("signed") || lower.contains("inked") || lower.contains("won") {
            "completed"
        } else {
            "reported"
        },
    );
    ev.confidence = 0.6;
    out.push(ev);
}

fn regulatory(doc: &Document, sent: Span, ms: &[usize], text: &str, out: &mut Vec<Event>) {
    // every kind of action needs a company, an organisation or a place
    if !any_kind(doc, ms, |k| k.is_org() || k == EntityKind::Place) {
        return;
    }
    let Some(kind) = regulatory_kind(text) else {
        return;
    };
    let lower = text.to_lowercase();
    if lower.contains("monetary policy") && ms.is_empty() {
        return;
    }
    let (subtype, agent, about) = if kind == Regulatory::Permit {
        let company = ms
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].kind == EntityKind::Company);
        let place = ms
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].kind == EntityKind::Place);
        let Some(company) = company else { return };
        ("Permit", Some(company), place)
    } else if kind == Regulatory::Policy {
        let gov = ms.iter().copied().find(|&m| {
            doc.mentions[m].kind == EntityKind::Organization
                && !is_media(doc, m)
                && is_gov_body(doc.slice(doc.mentions[m].span))
        });
        // a government named by its country or capital acts in its own name:
        // "Beijing's bid to reduce reliance…", "the Chinese government's policy…"
        let place = ms.iter().copied().find(|&m| {
            doc.mentions[m].kind == EntityKind::Place && {
                let after = gap(doc, doc.mentions[m].span.end, sent.end);
                after.starts_with("’s")
                    || after.starts_with("'s")
                    || after.starts_with(" government")
            }
        });
        let place = place.or_else(|| {
            let government = lower.contains("government");
            ms.iter()
                .copied()
                .find(|&m| government && doc.mentions[m].kind == EntityKind::Place)
        });
        let Some(agent) = gov.or(place) else {
            return;
        };
        ("Policy", Some(agent), None)
    } else {
        let reg = ms
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].kind == EntityKind::Organization && !is_media(doc, m));
        let company = ms
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].kind == EntityKind::Company);
        if reg.is_none() || company.is_none() {
            return;
        }
        ("Probe", reg, company)
    };
    let mut ev = Event::new(EventClass::RegulatoryAction, sent, "events");
    if subtype == "Permit" {
        ev.about.extend(agent);
        ev.counterparty.extend(about);
    } else {
        ev.agent.extend(agent);
        ev.about.extend(about);
    }
    ev.subtype = Some(subtype.into());
    ev.status = Some(if lower.contains("draft") || lower.contains("solicit") {
        "planned"
    } else {
        "announced"
    });
    ev.confidence = 0.55;
    out.push(ev);
}

fn meeting(doc: &Document, sent: Span, ms: &[usize], text: &str, out: &mut Vec<Event>) {
    // the organiser is an organisation
    if !any_kind(doc, ms, is_org) {
        return;
    }
    let Some(c) = MEETING_W.find(text) else {
        return;
    };
    let lower = text.to_lowercase();
    // the meeting takes place: held, hosted, convened, or scheduled ("later this month")
    if !TAKES_PLACE_W.is_match(text) {
        return;
    }
    let trig = doc.cp(doc.byte(sent.start) + c.start);
    // the organiser: an organisation named in or just before the meeting's name
    let org = ms
        .iter()
        .copied()
        .filter(|&m| is_org(doc.mentions[m].kind) && !is_media(doc, m))
        .min_by_key(|&m| (doc.mentions[m].span.start as i64 - trig as i64).abs());
    let Some(org) = org else { return };
    let mut ev = Event::new(EventClass::Meeting, sent, "events");
    ev.agent.push(org);
    ev.subtype = Some(
        if lower.contains("conference") {
            "Conference"
        } else if lower.contains("summit") {
            "Summit"
        } else {
            "Meeting"
        }
        .into(),
    );
    ev.status = Some(
        if lower.contains("later")
            || lower.contains(" will ")
            || lower.contains("before the")
            || lower.contains("upcoming")
        {
            "expected"
        } else {
            "completed"
        },
    );
    ev.confidence = 0.55;
    out.push(ev);
}

fn result(
    doc: &Document,
    sent: Span,
    ms: &[usize],
    by_sentence: &[Vec<usize>],
    text: &str,
    out: &mut Vec<Event>,
) {
    // "Net trading revenue of £231.9 million declined 4%": the company is the one
    // the previous sentence named (looked up first: the regex costs more)
    let Some(company) = ms
        .iter()
        .copied()
        .find(|&m| doc.mentions[m].kind == EntityKind::Company)
        .or_else(|| {
            let si = doc.sentence_of(sent)?;
            by_sentence
                .get(si.checked_sub(1)?)?
                .iter()
                .copied()
                .find(|&m| doc.mentions[m].kind == EntityKind::Company)
        })
    else {
        return;
    };
    if !RESULT_W.is_match(text) {
        return;
    }
    let lower = text.to_lowercase();
    if !(lower.contains("reported")
        || lower.contains("posted")
        || lower.contains("declined")
        || lower.contains("rose")
        || lower.contains("fell")
        || lower.contains("trading update")
        || lower.contains("results"))
    {
        return;
    }
    let figs: Vec<usize> = money(doc, sent);
    let update = lower.contains("trading update") || lower.contains("results for");
    if figs.is_empty() && !update {
        return;
    }
    let mut ev = Event::new(EventClass::FinancialResult, sent, "events");
    ev.about.push(company);
    for f in figs {
        ev.figures.push((f, FigureRole::Amount));
    }
    ev.subtype = Some("Earnings".into());
    ev.status = Some("reported");
    ev.confidence = 0.55;
    out.push(ev);
}

/// Attributed statements without a direct quote: "Goldman Sachs analysts said…".
fn statement(
    doc: &Document,
    sent: Span,
    ms: &[usize],
    text: &str,
    base: usize,
    out: &mut Vec<Event>,
) {
    // quotes already made statements for this sentence
    if doc
        .events
        .iter()
        .any(|e| e.class == EventClass::Statement && e.evidence.overlaps(sent))
    {
        return;
    }
    let speakers: Vec<usize> = ms
        .iter()
        .copied()
        .filter(|&m| {
            matches!(
                doc.mentions[m].kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Company
            )
        })
        .collect();
    // no speaker, no statement: skip the verb search
    if speakers.is_empty() {
        return;
    }
    let Some(v) = STATEMENT_VERB_W.find(text) else {
        return;
    };
    let v_text = &text[v.clone()];
    let vpos = doc.cp(base + v.start);
    let speaker = if v_text.starts_with("according") {
        speakers
            .iter()
            .copied()
            .find(|&m| doc.mentions[m].span.start > vpos)
    } else {
        // the closest speaker before the verb; a person wins over their firm
        let before: Vec<usize> = speakers
            .iter()
            .copied()
            .filter(|&m| doc.mentions[m].span.end <= vpos)
            .collect();
        let near = before
            .iter()
            .copied()
            .filter(|&m| vpos - doc.mentions[m].span.end <= 60)
            .collect::<Vec<_>>();
        near.iter()
            .copied()
            .rev()
            .find(|&m| doc.mentions[m].kind == EntityKind::Person)
            .or(near.last().copied())
            .or_else(|| {
                // "…, said Thomas Mathews, …": speaker right after the verb
                speakers.iter().copied().find(|&m| {
                    doc.mentions[m].span.start >= vpos && doc.mentions[m].span.start - vpos <= 12
                })
            })
    };
    let Some(speaker) = speaker else { return };
    // media reporting is provenance, not a statement of the outlet
    if is_media(doc, speaker) && media_verb(v_text) {
        return;
    }
    if is_media(doc, speaker) && v_text.starts_with("according") {
        return;
    }
    let mut ev = Event::new(EventClass::Statement, sent, "events");
    ev.speaker = Some(speaker);
    let se = doc.mentions[speaker].entity;
    ev.about = ms
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityKind::Company && doc.mentions[m].entity != se)
        .take(1)
        .collect();
    ev.status = Some("reported");
    ev.confidence = 0.6;
    out.push(ev);
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, EventClass, FigureRole, FigureValue, Meta};
    use chrono::NaiveDate;

    fn doc(body: &str, date: Option<(i32, u32, u32)>) -> Document {
        let meta = Meta {
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            ..Default::default()
        };
        let mut d = Document::new(format!("Headline\n\n{body}\n"), meta);
        crate::Pipeline::default_pipeline().run(&mut d);
        d
    }

    fn subject(d: &Document, e: &crate::document::Event) -> String {
        let m = e
            .about
            .first()
            .or(e.agent.first())
            .or(e.speaker.as_ref())
            .unwrap();
        d.entity_of(*m).unwrap().name.clone()
    }

    fn of_class(d: &Document, c: EventClass) -> Vec<&crate::document::Event> {
        d.events.iter().filter(|e| e.class == c).collect()
    }

    fn change(d: &Document, e: &crate::document::Event) -> Option<f64> {
        e.figures
            .iter()
            .find(|(_, r)| *r == FigureRole::Change)
            .map(|(f, _)| match d.figures[*f].value {
                FigureValue::Quantity { value, .. } | FigureValue::Money { value, .. } => value,
            })
    }

    #[test]
    fn one_price_move_per_subject_with_its_own_figure() {
        let d = doc("E-commerce names climbed too, with Alibaba Group up 5.3%, Meituan rising 4.9% and JD.com trading 5.15% higher.", None);
        let moves = of_class(&d, EventClass::PriceMove);
        let got: Vec<(String, Option<f64>)> = moves
            .iter()
            .map(|e| (subject(&d, e), change(&d, e)))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Alibaba".to_string(), Some(5.3)),
                ("Meituan".to_string(), Some(4.9)),
                ("JD.com".to_string(), Some(5.15))
            ]
        );
    }

    #[test]
    fn movers_listed_before_one_verb_each_get_an_event() {
        let d = doc("Baidu led the advance with a 16% gain, while Alibaba, Tencent, and Xiaomi also climbed sharply.", None);
        let subjects: Vec<String> = of_class(&d, EventClass::PriceMove)
            .iter()
            .map(|e| subject(&d, e))
            .collect();
        assert_eq!(subjects, vec!["Baidu", "Alibaba", "Tencent", "Xiaomi"]);
    }

    #[test]
    fn index_anaphora_and_appositions() {
        let d = doc("The Hang Seng Index, a gauge of Hong Kong stocks, rose 2% on the day. So far this year, the gauge has risen 30% overall.", None);
        let moves = of_class(&d, EventClass::PriceMove);
        assert_eq!(moves.len(), 2, "{:?}", d.events);
        assert!(moves.iter().all(|e| subject(&d, e) == "Hang Seng Index"));
        assert_eq!(change(&d, moves[1]), Some(30.0));
    }

    #[test]
    fn an_index_anaphor_needs_an_index_named_before() {
        // the move search is skipped without a mover or an earlier index
        let d = doc(
            "The gauge rose 3% on the day. Then the index fell 2%.",
            None,
        );
        assert!(
            of_class(&d, EventClass::PriceMove).is_empty(),
            "{:?}",
            d.events
        );
        let d = doc(
            "The Hang Seng Index rose 1%. Analysts met. Then the index fell 2%.",
            None,
        );
        let moves = of_class(&d, EventClass::PriceMove);
        assert_eq!(moves.len(), 2, "{:?}", d.events);
        assert!(moves.iter().all(|e| subject(&d, e) == "Hang Seng Index"));
    }

    #[test]
    fn two_issuances_in_one_sentence() {
        let d = doc("Last week, Alibaba raised $3.2 billion through a convertible bond offering, while Tencent tapped the bond market for $1.27 billion.", None);
        let iss = of_class(&d, EventClass::SecurityIssuance);
        assert_eq!(iss.len(), 2);
        assert_eq!(subject(&d, iss[0]), "Alibaba");
        assert_eq!(iss[0].subtype.as_deref(), Some("ConvertibleBond"));
        assert_eq!(subject(&d, iss[1]), "Tencent");
        assert_eq!(iss[1].subtype.as_deref(), Some("Bond"));
    }

    #[test]
    fn rating_and_target_changes() {
        let d = doc("Arete Research moved Baidu’s ADRs to buy from sell, citing chips. Goldman Sachs increased its Alibaba price target on cloud demand.", None);
        let acts = of_class(&d, EventClass::AnalystAction);
        assert_eq!(acts.len(), 2);
        assert_eq!(subject(&d, acts[0]), "Baidu");
        assert_eq!(acts[0].subtype.as_deref(), Some("Upgrade"));
        assert_eq!(acts[0].rating_from.as_deref(), Some("sell"));
        assert_eq!(acts[0].rating_to.as_deref(), Some("buy"));
        assert_eq!(
            d.entity_of(acts[0].agent[0]).unwrap().name,
            "Arete Research"
        );
        assert_eq!(acts[1].subtype.as_deref(), Some("PriceTargetRaise"));
    }

    #[test]
    fn attributed_statements_but_not_media_reports() {
        let d = doc("Goldman Sachs analysts said the outlook for chipmakers has improved a lot. Reuters reported that the deal was close.", None);
        let st = of_class(&d, EventClass::Statement);
        assert_eq!(st.len(), 1, "{:?}", st);
        assert_eq!(
            d.entity_of(st[0].speaker.unwrap()).unwrap().name,
            "Goldman Sachs"
        );
    }

    #[test]
    fn market_moves_take_the_session_date_but_cumulative_ones_do_not() {
        // 2025-09-17 was a Wednesday
        let d = doc("Chinese tech stocks rallied on Wednesday in Hong Kong trading. Baidu rose 16% in the session. Tencent has gained 40% so far this year.", Some((2025, 9, 17)));
        let moves = of_class(&d, EventClass::PriceMove);
        let dated: Vec<(String, Option<NaiveDate>)> =
            moves.iter().map(|e| (subject(&d, e), e.date)).collect();
        assert!(
            dated.contains(&("Baidu".to_string(), NaiveDate::from_ymd_opt(2025, 9, 17))),
            "{dated:?}"
        );
        assert!(dated.contains(&("Tencent".to_string(), None)), "{dated:?}");
    }

    #[test]
    fn results_take_the_company_from_the_sentence_before() {
        let d = doc("Broker Qorvel Holdings plc issued a trading update for the quarter on Monday. Net trading revenue of £231.9 million declined 4% from a year earlier.", None);
        let r = of_class(&d, EventClass::FinancialResult);
        assert!(!r.is_empty(), "{:?}", d.events);
        let names: Vec<String> = r.iter().map(|e| subject(&d, e)).collect();
        assert!(names.iter().all(|n| n.starts_with("Qorvel")), "{names:?}");
        assert!(r.iter().any(|e| !e.figures.is_empty()));
    }

    #[test]
    fn a_capital_city_acts_for_its_government_in_policy() {
        let d = doc("Tokyo's push to tighten export rules on chip tools set a firmer policy tone for the sector this year.", None);
        let r = of_class(&d, EventClass::RegulatoryAction);
        assert_eq!(r.len(), 1, "{:?}", d.events);
        assert_eq!(d.entity_of(r[0].agent[0]).unwrap().name, "Tokyo");
    }

    #[test]
    fn scheduled_events_are_meetings() {
        let d = doc(
            "Investors now look to a Tencent product event next week for details on its AI plans.",
            None,
        );
        let m = of_class(&d, EventClass::Meeting);
        assert_eq!(m.len(), 1, "{:?}", d.events);
        assert_eq!(subject(&d, m[0]), "Tencent");
    }

    /// Gates and participant checks skip only work that makes no event:
    /// documents from names, trigger phrases and figures give the same events
    /// with every family run on every sentence.
    #[test]
    fn gated_runs_find_the_ungated_events() {
        let names = [
            "Alibaba",
            "Tencent",
            "Baidu",
            "Goldman Sachs",
            "the Hang Seng Index",
            "Reuters",
            "Xiaomi",
            "Tokyo",
            "JD.com",
            "Lorna Quist",
            "Arete Research",
            "Morgan Stanley",
            "the gauge",
            "the index",
            "Xiaomi 17",
            "the company",
        ];
        let phrases = [
            "rose 3%",
            "fell 2.5%",
            "was little changed",
            "said",
            "told Reuters",
            "upgraded the stock to buy from sell",
            "raised its price target to $40",
            "launched",
            "will release its latest smartphone",
            "signed a deal with",
            "agreed to acquire",
            "was fined by",
            "approved the permit for",
            "announced new measures",
            "will hold a conference next week",
            "reported net profit of $2 billion",
            "issued $1 billion of bonds",
            "plans to invest $3 billion",
            "on Monday",
            ",",
            "and",
            "while",
            "according to",
            "shares of",
            "led by gains in",
            "year-to-date",
            "also climbed",
            "the government's policy",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut events = 0;
        for _ in 0..400 {
            let mut body = String::new();
            for _ in 0..1 + rng.below(4) {
                for k in 0..2 + rng.below(8) {
                    if k > 0 {
                        body.push(' ');
                    }
                    body.push_str(if rng.below(3) == 0 {
                        names[rng.below(names.len())]
                    } else {
                        phrases[rng.below(phrases.len())]
                    });
                }
                body.push_str(". ");
            }
            let mut d = doc(&body, Some((2025, 9, 17)));
            d.events.retain(|e| e.extractor != "events");
            let mut ungated = d.clone();
            super::run_gated(&mut d, true);
            super::run_gated(&mut ungated, false);
            assert_eq!(
                format!("{:?}", d.events),
                format!("{:?}", ungated.events),
                "{body}"
            );
            events += d.events.iter().filter(|e| e.extractor == "events").count();
        }
        assert!(events > 300, "{events}");
    }

    #[test]
    fn launches_link_maker_and_product() {
        let d = doc("The company said Xiaomi will release its latest flagship smartphone, the Xiaomi 17, next month.", None);
        let l = of_class(&d, EventClass::ProductLaunch);
        assert_eq!(l.len(), 1, "{:?}", d.events);
        assert_eq!(d.entity_of(l[0].agent[0]).unwrap().name, "Xiaomi");
        assert_eq!(d.entity_of(l[0].about[0]).unwrap().name, "Xiaomi 17");
    }
}

#[cfg(test)]
mod gate_tests {
    use super::*;

    /// Every trigger regex with the gate bit that must be open when it matches.
    fn gated() -> Vec<(u16, &'static AsciiFast)> {
        vec![
            (G_MOVE, &*MOVE),
            (G_ISSUANCE, &*ISSUANCE),
            (G_ISSUE_VERB, &*ISSUE_VERB),
            (G_INVEST, &*INVEST),
            (G_PLAN, &*PLAN),
            (G_ANALYST, &*ANALYST),
            (G_ANALYST, &*UPGRADE_STOCK),
            (G_LAUNCH, &*LAUNCH),
            (G_AGREEMENT, &*AGREEMENT),
            (G_REGULATORY, &*REGULATORY),
            (G_MEETING, &*MEETING),
            (G_RESULT, &*RESULT),
            (G_STATEMENT, &*STATEMENT_VERB),
        ]
    }

    /// Random sentences built from the words of the patterns themselves, in
    /// and out of their order, glued, hyphenated, re-cased and inflected.
    fn sentences(n: usize) -> Vec<String> {
        let sources: Vec<&str> = gated().iter().map(|(_, r)| r.unicode().as_str()).collect();
        let mut words: Vec<String> = Vec::new();
        for src in &sources {
            // word runs of the pattern; \s, \b, \S and \w are syntax, not words
            let src = src
                .replace(r"\s", " ")
                .replace(r"\b", " ")
                .replace(r"\S", " ");
            let src = src.replace(r"\w", " ").replace("?P<", " ");
            words.extend(
                src.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
                    .filter(|w| w.len() > 1)
                    .map(str::to_string),
            );
        }
        words.extend(
            [
                "the",
                "Acme",
                "its",
                "a",
                "stock",
                "it",
                "shares",
                "from",
                "to",
                "buy",
                "upgraded the stock to",
                "downgraded the shares to",
            ]
            .map(String::from),
        );
        let seps = [
            " ", " ", " ", "", "-", "\u{a0}", ", ", "é", "_", "’s ", "; ", " while ", ", and ",
            "  ", "\t", "(", ") ",
        ];
        let mut rng = crate::text::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut rnd = |k: usize| rng.below(k);
        let mut out = Vec::new();
        for _ in 0..n {
            let mut s = String::new();
            let mut i = rnd(words.len());
            for k in 0..1 + rnd(7) {
                if k > 0 {
                    s.push_str(seps[rnd(seps.len())]);
                    // mostly the word that follows in the pattern, to form its phrases
                    i = if rnd(3) > 0 && i + 1 < words.len() {
                        i + 1
                    } else {
                        rnd(words.len())
                    };
                }
                let w = &words[i];
                let w = match rnd(8) {
                    0 => w.to_uppercase(),
                    1 => w[..1].to_uppercase() + &w[1..],
                    2 => format!("{w}s"),
                    3 => format!("{w}ed"),
                    4 => format!("re{w}"),
                    _ => w.clone(),
                };
                s.push_str(&w);
            }
            if rnd(4) == 0 {
                s.push('.');
            }
            out.push(s);
        }
        out
    }

    /// The gate as an overlapping Aho-Corasick search (its first form), for
    /// comparison with the DFA walk of [`Gate::open`].
    fn open_reference(text: &str) -> u16 {
        type Reference = (
            aho_corasick::AhoCorasick,
            Vec<&'static str>,
            Vec<Vec<(u16, bool, bool, bool)>>,
        );
        static REFERENCE: LazyLock<Reference> = LazyLock::new(|| {
            let mut lits: Vec<&str> = Vec::new();
            let mut triggers: Vec<Vec<(u16, bool, bool, bool)>> = Vec::new();
            for &(bits, exact, ls) in TRIGGERS {
                for &l in ls {
                    let (ws, we) = (!l.starts_with('*'), l.ends_with('$'));
                    let l = l.trim_start_matches('*').trim_end_matches('$');
                    let i = lits.iter().position(|&x| x == l).unwrap_or_else(|| {
                        lits.push(l);
                        triggers.push(Vec::new());
                        lits.len() - 1
                    });
                    triggers[i].push((bits, exact, ws, we));
                }
            }
            let ac = aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&lits)
                .unwrap();
            (ac, lits, triggers)
        });
        if !text.is_ascii() && has_ascii_case_fold(text) {
            return G_ALL;
        }
        let (ac, lits, triggers) = &*REFERENCE;
        let b = text.as_bytes();
        let mut bits = 0u16;
        for m in ac.find_overlapping_iter(text) {
            let at_start = m.start() == 0 || !is_ascii_word_byte(b[m.start() - 1]);
            let at_end = m.end() == b.len() || !is_ascii_word_byte(b[m.end()]);
            let lit = lits[m.pattern().as_usize()];
            for &(tb, exact, ws, we) in &triggers[m.pattern().as_usize()] {
                if (at_start || !ws)
                    && (at_end || !we)
                    && (!exact || &b[m.range()] == lit.as_bytes())
                {
                    bits |= tb;
                }
            }
        }
        bits
    }

    #[test]
    fn dfa_walk_opens_what_the_overlapping_search_opens() {
        let mut texts = sentences(20_000);
        texts.extend([
            String::new(),
            "rose".to_string(),
            "Urban Cuban schedules".to_string(),
            "SAID ROSE said rose".to_string(),
            "overruled, reupgraded; the unchanged-steady index".to_string(),
            "Les ventes ont augmenté à Zürich; ſhares rose".to_string(),
        ]);
        for t in &texts {
            assert_eq!(GATE.open(t), open_reference(t), "{t:?}");
        }
    }

    /// Each phrase list finds the leftmost match of its regex (start and end)
    /// on sentences made of the words of both.
    #[test]
    fn phrase_lists_match_as_their_regexes() {
        use super::words::tests::assert_same;
        let lists: [(&str, &Phrases); 14] = [
            ("STATEMENT_VERB", &STATEMENT_VERB_W),
            ("ISSUANCE", &ISSUANCE_W),
            ("AGREEMENT", &AGREEMENT_W),
            ("REGULATORY", &REGULATORY_W),
            ("NOT_PRICE", &NOT_PRICE_W),
            ("ISSUE_VERB", &ISSUE_VERB_W),
            ("INVEST", &INVEST_W),
            ("PLAN", &PLAN_W),
            ("LAUNCH", &LAUNCH_W),
            ("MEETING", &MEETING_W),
            ("RESULT", &RESULT_W),
            ("INDEX_ANAPHOR", &INDEX_ANAPHOR_W),
            ("CUMULATIVE", &CUMULATIVE_W),
            ("TAKES_PLACE", &TAKES_PLACE_W),
        ];
        let extra = [
            "The index, the Index\tgauge; that  BAROMETER rose.",
            "year-to-date gains, year-on-year\ngain, year-to-dates",
            "plans  to\tissue bonds; planned to sell; plan to raisey",
            "data center capacity data centre  capacity datacenter",
            "later this year and next\x0bweek, at a meeting held at_a",
            "Net profit, net_loss, operating income, trading updates",
            "rolled out, rolls  out, roll-out, rollout, announced a comprehensive upgrade",
        ];
        for (name, p) in lists {
            assert_same(name, p, &extra);
        }
    }

    /// The groups of AGREEMENT and REGULATORY read from the alternative
    /// that matched, as their captures name them.
    #[test]
    fn agreement_and_regulatory_groups_match_the_captures() {
        let sources = [AGREEMENT.unicode().as_str(), REGULATORY.unicode().as_str()];
        let mut texts = super::words::tests::sentences(&sources, 40_000, 0x0bad_cafe_f00d_0001);
        texts.extend(
            [
                "Urban Cuban overruled the acquirer",
                "buy  out, team\tup, teamed up, tie-up",
                "solicited  opinions; support for the sector",
            ]
            .map(String::from),
        );
        let (mut ma, mut kinds) = (0, [0usize; 3]);
        for t in &texts {
            let want = AGREEMENT
                .unicode()
                .captures(t)
                .map(|c| c.name("ma").is_some());
            assert_eq!(agreement_kind(t), want, "{t:?}");
            ma += (want == Some(true)) as usize;
            let want = REGULATORY.unicode().captures(t).map(|c| {
                if c.name("permit").is_some() {
                    Regulatory::Permit
                } else if c.name("policy").is_some() {
                    Regulatory::Policy
                } else {
                    Regulatory::Probe
                }
            });
            assert_eq!(regulatory_kind(t), want, "{t:?}");
            if let Some(k) = want {
                kinds[k as usize] += 1;
            }
        }
        assert!(
            ma > 1_000 && kinds.iter().all(|&k| k > 1_000),
            "{ma} {kinds:?}"
        );
    }

    /// `led_by` answers as LED_BY does.
    #[test]
    fn led_by_matches_its_regex() {
        let mut texts = super::words::tests::sentences(
            &[LED_BY.unicode().as_str(), "Acme x. y; z"],
            60_000,
            0x5151_7a7a_3c3c_9d9d,
        );
        texts.extend(
            [
                "led by gains in ",
                "led by",
                "shares of Acme; the",
                "gains in. Acme",
                "gains\tfor  x",
                "misled by gains in",
            ]
            .map(String::from),
        );
        let mut hits = 0;
        for t in &texts {
            let want = LED_BY.unicode().is_match(t);
            assert_eq!(led_by(t), want, "{t:?}");
            hits += want as usize;
        }
        assert!(hits > 1_000, "{hits}");
    }

    /// A list that leaves out one alternative is caught.
    #[test]
    fn phrase_list_test_catches_a_missing_alternative() {
        static BROKEN: Phrases = Phrases::new(
            &MEETING,
            &[
                "conference",
                "summit",
                "forum",
                "meeting",
                "expo",
                "event",
                "annual general meeting",
                "agm",
            ],
        );
        let caught =
            std::panic::catch_unwind(|| super::words::tests::assert_same("broken", &BROKEN, &[]));
        assert!(caught.is_err());
    }

    #[test]
    fn gov_body_and_media_verb_match_their_regexes() {
        let mut texts: Vec<String> = super::words::tests::sentences(
            &[
                GOV_BODY.unicode().as_str(),
                "the Federal Bank of Statesville",
            ],
            30_000,
            0x1234_5678_9abc_def1,
        );
        texts.extend(GOV_BODY_WORDS.iter().map(|w| w.to_uppercase()));
        let mut hits = 0;
        for t in &texts {
            let want = GOV_BODY.unicode().is_match(t);
            assert_eq!(is_gov_body(t), want, "{t:?}");
            hits += want as usize;
        }
        assert!(hits > 5_000, "{hits}");
        // every match STATEMENT_VERB can give: its alternatives as written
        let src = STATEMENT_VERB.unicode().as_str();
        let mut verbs: Vec<String> = Vec::new();
        for w in src
            .replace(r"\b", " ")
            .split(|c: char| !c.is_ascii_alphabetic() && c != '(' && c != ')' && c != '?')
        {
            let w = w.trim_matches(['(', ')', '?', ':']);
            if w.chars().all(|c| c.is_ascii_lowercase()) && !w.is_empty() {
                verbs.push(w.to_string());
                for end in ["s", "ed", "d"] {
                    verbs.push(format!("{w}{end}"));
                }
            }
        }
        verbs.extend(["according to", "according\t to"].map(String::from));
        let mut found = 0;
        for v in &verbs {
            if let Some(m) = STATEMENT_VERB.unicode().find(v) {
                found += 1;
                let v = m.as_str();
                assert_eq!(media_verb(v), MEDIA_VERB.unicode().is_match(v), "{v:?}");
            }
        }
        assert!(found > 25, "{found}");
    }

    #[test]
    fn gate_never_rules_out_a_trigger_match() {
        let mut hits = vec![0usize; gated().len()];
        let mut real = vec![
            "Arete Research moved Baidu’s ADRs to buy from sell, citing chips.".to_string(),
            "Goldman Sachs increased its Alibaba price target on cloud demand.".to_string(),
            "Last week, Alibaba raised $3.2 billion through a convertible bond offering, while Tencent tapped the bond market for $1.27 billion.".to_string(),
            "Tokyo's push to tighten export rules on chip tools set a firmer policy tone.".to_string(),
            "Investors now look to a Tencent product event next week.".to_string(),
            "The Hang Seng Index, a gauge of Hong Kong stocks, rose 2% on the day.".to_string(),
            "Broker Qorvel issued a trading update; net trading revenue declined 4%.".to_string(),
            "Acme removed Zeta to buy from sell.".to_string(),
            "Beta redowngraded it. Shares were little changed, the urban refined Cuban schedule removed downgrades.".to_string(),
            "They \u{212a}ICKED off the TAL\u{212a}S and the ſale of ſhares.".to_string(),
        ];
        real.extend(sentences(60_000));
        for t in &real {
            let open = GATE.open(t);
            for (j, (bit, re)) in gated().into_iter().enumerate() {
                if re.get(t).is_match(t) {
                    hits[j] += 1;
                    assert_ne!(open & bit, 0, "gate {bit:#x} closed on {t:?}");
                }
            }
            // issuance searches clauses: a match in a clause is seen in the sentence
            for r in clause_ranges(t) {
                let c = &t[r];
                for (bit, re) in [(G_ISSUANCE, &*ISSUANCE), (G_ISSUE_VERB, &*ISSUE_VERB)] {
                    if re.get(c).is_match(c) {
                        assert_ne!(
                            open & bit,
                            0,
                            "gate {bit:#x} closed on clause {c:?} of {t:?}"
                        );
                    }
                }
            }
        }
        // every pattern was exercised, and the gate does rule things out
        assert!(hits.iter().all(|&h| h > 50), "{hits:?}");
        assert_eq!(GATE.open("The board met in Paris on Tuesday."), 0);
        assert_eq!(
            GATE.open("Urban Cuban schedules") & G_REGULATORY,
            G_REGULATORY
        );
        assert_eq!(GATE.open("SAID ROSE") & (G_STATEMENT | G_MOVE), 0);
    }
}
