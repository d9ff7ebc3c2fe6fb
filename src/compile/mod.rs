//! The content compiler: markdown files under `content/` → a validated
//! [`Model`], or `file:line:col: message` diagnostics.
//!
//! The grammar is documented for authors in `content/FORMAT.md`. In short,
//! every file is TOML front matter between `+++` lines followed by a markdown
//! body; fenced blocks whose info string starts with a role word (`fix`,
//! `command`, `query`) become copyable [`CodeBlock`]s, everything else is prose.
//! This module is native-only (feature `compile`): the browser receives the
//! compiled model as JSON and never parses markdown.

pub mod anchor;
mod body;
pub mod lint;
mod validate;

use crate::model::{Cause, CauseLink, Check, CheckKind, Effects, Haystack, Matcher, Model, ParamSource, ParamSpec, SourceRef, Symptom};
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// A problem in a content file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as given (relative to the content folder).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.col, self.message)
    }
}

/// One source file: a path relative to the content folder and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative path (`causes/nsg-blocks-10250.md`).
    pub path: String,
    /// The file's text.
    pub text: String,
}

impl SourceFile {
    /// Line and column (1-based) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = crate::text::floor_boundary(&self.text, offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    pub(crate) fn diag(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.position(offset);
        Diagnostic { file: self.path.clone(), line, col, message: message.into() }
    }
}

/// Reads every `.md` and `.toml` file under `dir` (sorted by path).
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic { file: d.display().to_string(), line: 1, col: 1, message: format!("cannot read folder: {e}") });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let is_content = rel.ends_with(".toml") || (rel.ends_with(".md") && rel.contains('/'));
            if !is_content {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push(SourceFile { path: rel, text }),
                Err(e) => errors.push(Diagnostic { file: rel, line: 1, col: 1, message: format!("cannot read file: {e}") }),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Compiles the content folder at `dir`.
pub fn compile_dir(dir: &Path) -> Result<Model, Vec<Diagnostic>> {
    compile_files(&read_dir(dir)?)
}

/// Compiles content files (paths relative to the content folder:
/// `parameters.toml`, `symptoms/*.md`, `causes/*.md`, `checks/*.md`).
pub fn compile_files(files: &[SourceFile]) -> Result<Model, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut model = Model::default();
    let mut spans = validate::Spans::default();
    let mut unparsed = 0usize;
    for file in files {
        let kind = file.path.split('/').next().unwrap_or("");
        if file.path == "parameters.toml" {
            parse_params(file, &mut model, &mut diags);
            continue;
        }
        if file.path == "sources.toml" {
            parse_sources(file, &mut model, &mut diags);
            continue;
        }
        if file.path == "lookalikes.toml" {
            parse_lookalikes(file, &mut model, &mut spans, &mut diags);
            continue;
        }
        if !file.path.ends_with(".md") {
            continue;
        }
        let Some((fm, fm_offset, body, body_offset)) = split_front_matter(file, &mut diags) else {
            unparsed += 1;
            continue;
        };
        let before = model.symptoms.len() + model.causes.len() + model.checks.len();
        let doc = Doc { file, fm, fm_offset, body, body_offset };
        match kind {
            "symptoms" => parse_symptom(&doc, &mut model, &mut spans, &mut diags),
            "causes" => parse_cause(&doc, &mut model, &mut spans, &mut diags),
            "checks" => parse_check(&doc, &mut model, &mut spans, &mut diags),
            _ => diags.push(file.diag(0, format!("unknown content folder `{kind}`: expected symptoms/, causes/ or checks/"))),
        }
        if model.symptoms.len() + model.causes.len() + model.checks.len() == before {
            unparsed += 1;
        }
    }
    if !files.iter().any(|f| f.path == "parameters.toml") {
        diags.push(Diagnostic { file: "parameters.toml".into(), line: 1, col: 1, message: "missing: declare the command parameters here".into() });
    }
    // A file that did not parse leaves holes (its links, captures, checks);
    // reachability and fillability would then report noise, so they wait
    // until every file parses.
    validate::validate(&mut model, &spans, unparsed > 0, &mut diags);
    check_sources(files, &model, &mut diags);
    if diags.is_empty() {
        Ok(model)
    } else {
        diags.sort();
        diags.dedup();
        Err(diags)
    }
}

/// Splits `+++\n<toml>\n+++\n<body>`; returns the TOML, its offset, the body and its offset.
fn split_front_matter<'a>(file: &'a SourceFile, diags: &mut Vec<Diagnostic>) -> Option<(&'a str, usize, &'a str, usize)> {
    let text = file.text.as_str();
    let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) else {
        diags.push(file.diag(0, "expected front matter: the file must start with a `+++` line"));
        return None;
    };
    let fm_offset = text.len() - rest.len();
    let mut pos = fm_offset;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let fm = &text[fm_offset..pos];
            let body_offset = pos + line.len();
            return Some((fm, fm_offset, &text[body_offset..], body_offset));
        }
        pos += line.len();
    }
    diags.push(file.diag(0, "front matter is not closed: add a `+++` line after it"));
    None
}

/// One markdown file split into its front matter and body, with offsets.
struct Doc<'a> {
    file: &'a SourceFile,
    fm: &'a str,
    fm_offset: usize,
    body: &'a str,
    body_offset: usize,
}

impl Doc<'_> {
    /// Parses the front matter, reporting TOML errors at their place.
    fn front<T: serde::de::DeserializeOwned>(&self, diags: &mut Vec<Diagnostic>) -> Option<T> {
        toml::from_str(self.fm).map_err(|e| diags.push(toml_error(self.file, self.fm_offset, &e))).ok()
    }

    /// The file offset of a span inside the front matter.
    fn at(&self, span: std::ops::Range<usize>) -> usize {
        self.fm_offset + span.start
    }
}

fn toml_error(file: &SourceFile, fm_offset: usize, e: &toml::de::Error) -> Diagnostic {
    let at = e.span().map_or(fm_offset, |s| fm_offset + s.start);
    file.diag(at, e.message().trim().to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    file: String,
    section: String,
}

impl From<RawSource> for SourceRef {
    fn from(r: RawSource) -> Self {
        SourceRef { file: r.file, section: r.section }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCauseLink {
    Id(String),
    Weighted { id: String, prior: f32 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatcher {
    pattern: Spanned<String>,
    weight: Spanned<f32>,
    label: String,
    #[serde(default)]
    on: Haystack,
    #[serde(default)]
    boosts: Vec<Spanned<String>>,
    #[serde(default)]
    tier: crate::model::Tier,
    /// Texts the pattern must match, with the captures they must give.
    #[serde(default)]
    examples: Vec<Spanned<RawExample>>,
}

/// A matcher example: the text alone, or the text with expected captures
/// (`{ text = "…", node_ip = "10.240.0.4" }`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawExample {
    Text(String),
    WithCaptures {
        text: String,
        #[serde(flatten)]
        captures: std::collections::BTreeMap<String, String>,
    },
}

/// Checks a matcher's examples against its pattern, on the view of the text
/// the engine searches, with the browser's backend (the stricter of the two).
fn check_examples(file: &SourceFile, at: impl Fn(std::ops::Range<usize>) -> usize, pattern: &str, on: Haystack, examples: &[Spanned<RawExample>], diags: &mut Vec<Diagnostic>) {
    let Ok(re) = crate::pattern::compile_lite(pattern) else { return };
    for ex in examples {
        let (text, want) = match ex.get_ref() {
            RawExample::Text(t) => (t, None),
            RawExample::WithCaptures { text, captures } => (text, Some(captures)),
        };
        let hay = match on {
            Haystack::Joined => crate::text::Joined::new(text).text,
            Haystack::Raw => text.clone(),
        };
        let Some(caps) = re.captures(&hay) else {
            diags.push(file.diag(at(ex.span()), "this example does not match the matcher's pattern"));
            continue;
        };
        for (name, value) in want.into_iter().flatten() {
            match caps.name(name) {
                Some(got) if got.as_str() == value => {}
                Some(got) => diags.push(file.diag(at(ex.span()), format!("example capture `{name}` is `{}`, not `{value}`", got.as_str()))),
                None => diags.push(file.diag(at(ex.span()), format!("example expects capture `{name}`, which the pattern does not capture here"))),
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSymptom {
    id: Spanned<String>,
    title: String,
    summary: String,
    source: RawSource,
    #[serde(default)]
    causes: Vec<Spanned<RawCauseLink>>,
    #[serde(default)]
    checks: Vec<Spanned<String>>,
    #[serde(default)]
    settles: Vec<Spanned<String>>,
    #[serde(default)]
    needs_aks_sign: bool,
    #[serde(default)]
    unavailable: Option<Spanned<Vec<String>>>,
    #[serde(default, rename = "matcher")]
    matchers: Vec<RawMatcher>,
}

fn parse_symptom(doc: &Doc<'_>, model: &mut Model, spans: &mut validate::Spans, diags: &mut Vec<Diagnostic>) {
    let Some(raw) = doc.front::<RawSymptom>(diags) else { return };
    let (file, fm_offset, body, body_offset) = (doc.file, doc.fm_offset, doc.body, doc.body_offset);
    let at = |s: std::ops::Range<usize>| doc.at(s);
    let id = raw.id.get_ref().clone();
    spans.id(file, "symptom", &id, at(raw.id.span()));
    let parsed = body::parse_body(file, body, body_offset, diags);
    if !parsed.blocks.is_empty() {
        diags.push(file.diag(parsed.first_block_offset, "symptom files take no fix/command/query blocks: put them in a cause or check"));
    }
    let mut causes = Vec::new();
    for (i, link) in raw.causes.iter().enumerate() {
        let (cause, prior) = match link.get_ref() {
            RawCauseLink::Id(id) => (id.clone(), default_prior(i)),
            RawCauseLink::Weighted { id, prior } => (id.clone(), *prior),
        };
        if !(0.0..=1.0).contains(&prior) {
            diags.push(file.diag(at(link.span()), format!("prior {prior} is outside 0..=1")));
        }
        spans.reference(file, "cause", &cause, at(link.span()), &format!("symptom `{id}` links"));
        causes.push(CauseLink { cause, prior });
    }
    for c in &raw.checks {
        spans.reference(file, "check", c.get_ref(), at(c.span()), &format!("symptom `{id}` offers"));
    }
    for c in &raw.settles {
        spans.reference(file, "check", c.get_ref(), at(c.span()), &format!("symptom `{id}` settles"));
    }
    let mut matchers = Vec::new();
    for m in raw.matchers {
        let w = *m.weight.get_ref();
        if !(0.0..=1.0).contains(&w) {
            diags.push(file.diag(at(m.weight.span()), format!("weight {w} is outside 0..=1")));
        }
        let pat_at = at(m.pattern.span());
        spans.pattern(file, &id, m.pattern.get_ref(), pat_at);
        for b in &m.boosts {
            spans.reference(file, "cause", b.get_ref(), at(b.span()), &format!("a matcher of `{id}` boosts"));
            if !causes.iter().any(|c| &c.cause == b.get_ref()) {
                diags.push(file.diag(at(b.span()), format!("matcher boosts `{}`, which is not in this symptom's causes", b.get_ref())));
            }
        }
        if m.tier == crate::model::Tier::Family && w > FAMILY_MAX_WEIGHT {
            diags.push(file.diag(at(m.weight.span()), format!("a `family` matcher is a weak clue: its weight must be at most {FAMILY_MAX_WEIGHT}")));
        }
        check_examples(file, at, m.pattern.get_ref(), m.on, &m.examples, diags);
        let anchors = anchor::anchors(m.pattern.get_ref());
        matchers.push(Matcher {
            tier: m.tier,
            anchors,
            pattern: m.pattern.into_inner(),
            weight: w,
            label: m.label,
            on: m.on,
            boosts: m.boosts.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    if matchers.is_empty() {
        diags.push(file.diag(fm_offset, format!("symptom `{id}` has no [[matcher]]: nothing can recognise it")));
    }
    let terms = crate::search::terms(&[&raw.title], &[&raw.summary, &parsed.prose_markdown]);
    for (n, span) in raw.unavailable.iter().flat_map(|u| u.get_ref().iter().map(move |n| (n, u.span()))) {
        if !crate::model::ACCESS_KINDS.contains(&n.as_str()) {
            diags.push(file.diag(at(span), format!("unknown access `{n}` in `unavailable` (known: {})", crate::model::ACCESS_KINDS.join(", "))));
        }
    }
    model.symptoms.push(Symptom {
        id,
        title: raw.title,
        summary: raw.summary,
        body_markdown: parsed.prose_markdown,
        body_html: parsed.prose_html,
        matchers,
        causes,
        source: raw.source.into(),
        checks: raw.checks.into_iter().map(Spanned::into_inner).collect(),
        settles: raw.settles.into_iter().map(Spanned::into_inner).collect(),
        needs_aks_sign: raw.needs_aks_sign,
        unavailable: raw.unavailable.map(Spanned::into_inner).unwrap_or_default(),
        terms,
    });
}

/// The strongest a `family` matcher may be: below the 0.6 from which a
/// cause linked at full prior could become likely on a fragment alone.
const FAMILY_MAX_WEIGHT: f32 = 0.6;

/// Priors fall with the position in the list: the articles check the most
/// common cause first.
fn default_prior(position: usize) -> f32 {
    (0.5 - 0.04 * position as f32).max(0.2)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCause {
    id: Spanned<String>,
    title: String,
    summary: String,
    source: RawSource,
    #[serde(default)]
    checks: Vec<Spanned<String>>,
    /// Words people use for this cause, for the related-causes search.
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default, rename = "mention")]
    mentions: Vec<RawMention>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMention {
    pattern: Spanned<String>,
    label: String,
}

fn parse_cause(doc: &Doc<'_>, model: &mut Model, spans: &mut validate::Spans, diags: &mut Vec<Diagnostic>) {
    let Some(raw) = doc.front::<RawCause>(diags) else { return };
    let (file, body, body_offset) = (doc.file, doc.body, doc.body_offset);
    let at = |s: std::ops::Range<usize>| doc.at(s);
    let id = raw.id.get_ref().clone();
    spans.id(file, "cause", &id, at(raw.id.span()));
    for c in &raw.checks {
        spans.reference(file, "check", c.get_ref(), at(c.span()), &format!("cause `{id}` lists"));
        spans.cause_check(file, &id, c.get_ref(), at(c.span()));
    }
    let parsed = body::parse_body(file, body, body_offset, diags);
    let mut fixes = Vec::new();
    let mut queries = Vec::new();
    for (block, offset) in parsed.blocks {
        spans.block(file, &block, offset);
        match block.role {
            crate::model::BlockRole::Fix => fixes.push(block),
            crate::model::BlockRole::Query => queries.push(block),
            crate::model::BlockRole::Command => diags.push(file.diag(offset, "`command` blocks belong in check files; use `fix` or `query` in a cause")),
        }
    }
    let mut mentions = Vec::new();
    for m in raw.mentions {
        spans.pattern(file, &id, m.pattern.get_ref(), at(m.pattern.span()));
        let anchors = anchor::anchors(m.pattern.get_ref());
        mentions.push(crate::model::Mention { anchors, pattern: m.pattern.into_inner(), label: m.label });
    }
    let keywords = raw.keywords.join(" ");
    let terms = crate::search::terms(&[&raw.title, &keywords], &[&raw.summary, &parsed.prose_markdown]);
    model.causes.push(Cause {
        mentions,
        terms,
        id,
        title: raw.title,
        summary: raw.summary,
        body_markdown: parsed.prose_markdown,
        body_html: parsed.prose_html,
        checks: raw.checks.into_iter().map(Spanned::into_inner).collect(),
        fixes,
        queries,
        source: raw.source.into(),
    });
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEffects {
    #[serde(default)]
    confirms: Vec<Spanned<String>>,
    #[serde(default)]
    supports: Vec<Spanned<String>>,
    #[serde(default)]
    rules_out: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    id: Spanned<String>,
    title: String,
    kind: CheckKind,
    #[serde(default)]
    analyzer: Option<Spanned<String>>,
    #[serde(default)]
    paste: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    yes: RawEffects,
    #[serde(default)]
    no: RawEffects,
    #[serde(default)]
    needs: Option<Spanned<Vec<String>>>,
}

fn parse_check(doc: &Doc<'_>, model: &mut Model, spans: &mut validate::Spans, diags: &mut Vec<Diagnostic>) {
    let Some(raw) = doc.front::<RawCheck>(diags) else { return };
    let (file, body, body_offset) = (doc.file, doc.body, doc.body_offset);
    let at = |s: std::ops::Range<usize>| doc.at(s);
    let id = raw.id.get_ref().clone();
    spans.id(file, "check", &id, at(raw.id.span()));
    let parsed = body::parse_body(file, body, body_offset, diags);
    let mut commands = Vec::new();
    for (block, offset) in parsed.blocks {
        spans.block(file, &block, offset);
        if block.role != crate::model::BlockRole::Command {
            diags.push(file.diag(offset, "check files take `command` blocks only"));
        }
        commands.push(block);
    }
    let mut concludes = Vec::new();
    let mut effects = |raw: &RawEffects, answer: &str| -> Effects {
        let mut conv = |list: &Vec<Spanned<String>>| -> Vec<String> {
            list.iter()
                .map(|s| {
                    spans.reference(file, "cause", s.get_ref(), at(s.span()), &format!("the `{answer}` answer of `{id}` names"));
                    if !concludes.contains(s.get_ref()) {
                        concludes.push(s.get_ref().clone());
                    }
                    s.get_ref().clone()
                })
                .collect()
        };
        Effects { confirms: conv(&raw.confirms), supports: conv(&raw.supports), rules_out: conv(&raw.rules_out) }
    };
    let yes = effects(&raw.yes, "yes");
    let no = effects(&raw.no, "no");
    match raw.kind {
        CheckKind::Command => {
            match &raw.analyzer {
                None => diags.push(file.diag(at(raw.id.span()), format!("command check `{id}` needs `analyzer = \"…\"` to read its output"))),
                Some(a) => match crate::analyzers::analyzer(a.get_ref()) {
                    None => {
                        let known: Vec<&str> = crate::analyzers::infos().map(|a| a.name).collect();
                        diags.push(file.diag(at(a.span()), format!("unknown analyzer `{}` (known: {})", a.get_ref(), known.join(", "))));
                    }
                    Some(info) => {
                        for c in info.concludes {
                            spans.reference(file, "cause", c, at(a.span()), &format!("analyzer `{}` concludes on", info.name));
                            if !concludes.iter().any(|x| x == c) {
                                concludes.push((*c).to_string());
                            }
                        }
                    }
                },
            }
            if commands.is_empty() {
                diags.push(file.diag(body_offset, format!("command check `{id}` has no ```command block")));
            }
            if raw.paste.trim().is_empty() {
                diags.push(file.diag(at(raw.id.span()), format!("command check `{id}` needs `paste = \"…\"`: what to paste back")));
            }
        }
        CheckKind::Question => {
            if raw.question.trim().is_empty() {
                diags.push(file.diag(at(raw.id.span()), format!("question check `{id}` needs `question = \"…\"`")));
            }
            if concludes.is_empty() {
                diags.push(file.diag(at(raw.id.span()), format!("question check `{id}`: neither answer changes any cause")));
            }
        }
    }
    spans.check_concludes(&id, &concludes);
    let needs = match &raw.needs {
        Some(declared) => {
            for n in declared.get_ref() {
                if !crate::model::ACCESS_KINDS.contains(&n.as_str()) {
                    diags.push(file.diag(at(declared.span()), format!("unknown access `{n}` in `needs` (known: {})", crate::model::ACCESS_KINDS.join(", "))));
                }
            }
            declared.get_ref().clone()
        }
        None => needs_of(&commands),
    };
    model.checks.push(Check {
        id,
        title: raw.title,
        body_markdown: parsed.prose_markdown,
        body_html: parsed.prose_html,
        kind: raw.kind,
        analyzer: raw.analyzer.map(Spanned::into_inner),
        commands,
        paste_hint: raw.paste,
        question: raw.question,
        yes,
        no,
        concludes,
        needs,
    });
}

/// What a check's commands need, read from the tools they call: `kubectl`
/// (but not the `kubectl aks` plugin's config import) and `helm` the Kubernetes API,
/// `az` the Azure CLI. `az vmss run-command` reaches a node without a shell.
fn needs_of(commands: &[crate::model::CodeBlock]) -> Vec<String> {
    let mut needs = Vec::new();
    let lines = commands.iter().flat_map(|b| b.code.lines()).map(str::trim_start);
    for line in lines {
        let need = if (line.starts_with("kubectl ") && !line.starts_with("kubectl aks ")) || line.starts_with("helm ") {
            "kubernetes-api"
        } else if line.starts_with("az ") {
            "azure-cli"
        } else {
            continue;
        };
        if !needs.iter().any(|n| n == need) {
            needs.push(need.to_string());
        }
    }
    needs
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    param: Vec<RawParam>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: Spanned<String>,
    label: String,
    help: String,
    source: ParamSource,
    #[serde(default)]
    default: Option<String>,
    #[serde(default)]
    panel: Option<u32>,
    #[serde(default)]
    find: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSources {
    #[serde(default)]
    source: Vec<crate::model::SourceDoc>,
}

/// With a `sources.toml`, every `source = { file = … }` must cite an article
/// it lists, so that pages can name the article by its title.
fn check_sources(files: &[SourceFile], model: &Model, diags: &mut Vec<Diagnostic>) {
    if model.sources.is_empty() {
        return;
    }
    let cited = model.symptoms.iter().map(|s| ("symptoms", &s.id, &s.source.file)).chain(model.causes.iter().map(|c| ("causes", &c.id, &c.source.file)));
    for (folder, id, cited_file) in cited {
        if model.source_title(cited_file).is_some() {
            continue;
        }
        let path = format!("{folder}/{id}.md");
        if let Some(file) = files.iter().find(|f| f.path == path) {
            let at = file.text.find(cited_file.as_str()).unwrap_or(0);
            diags.push(file.diag(at, format!("source file `{cited_file}` is not listed in sources.toml")));
        }
    }
}

fn parse_sources(file: &SourceFile, model: &mut Model, diags: &mut Vec<Diagnostic>) {
    match toml::from_str::<RawSources>(&file.text) {
        Ok(raw) => model.sources = raw.source,
        Err(e) => diags.push(toml_error(file, 0, &e)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLookalikes {
    #[serde(default)]
    lookalike: Vec<RawLookalike>,
    #[serde(default)]
    aks_sign: Vec<RawAksSign>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAksSign {
    label: String,
    pattern: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLookalike {
    label: String,
    pattern: Spanned<String>,
    #[serde(default)]
    symptoms: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Option<Spanned<String>>,
}

fn parse_lookalikes(file: &SourceFile, model: &mut Model, spans: &mut validate::Spans, diags: &mut Vec<Diagnostic>) {
    let raw: RawLookalikes = match toml::from_str(&file.text) {
        Ok(r) => r,
        Err(e) => return diags.push(toml_error(file, 0, &e)),
    };
    for l in raw.lookalike {
        spans.pattern(file, "lookalikes", l.pattern.get_ref(), l.pattern.span().start);
        if let Some(u) = &l.unless {
            spans.pattern(file, "lookalikes", u.get_ref(), u.span().start);
        }
        for s in &l.symptoms {
            spans.reference(file, "symptom", s.get_ref(), s.span().start, "a lookalike keeps quiet");
        }
        model.lookalikes.push(crate::model::Lookalike {
            anchors: anchor::anchors(l.pattern.get_ref()),
            label: l.label,
            pattern: l.pattern.into_inner(),
            symptoms: l.symptoms.into_iter().map(Spanned::into_inner).collect(),
            unless: l.unless.map(Spanned::into_inner),
        });
    }
    for a in raw.aks_sign {
        spans.pattern(file, "lookalikes", a.pattern.get_ref(), a.pattern.span().start);
        model.aks_signs.push(crate::model::AksSign { anchors: anchor::anchors(a.pattern.get_ref()), label: a.label, pattern: a.pattern.into_inner() });
    }
}

fn parse_params(file: &SourceFile, model: &mut Model, diags: &mut Vec<Diagnostic>) {
    let raw: RawParams = match toml::from_str(&file.text) {
        Ok(r) => r,
        Err(e) => return diags.push(toml_error(file, 0, &e)),
    };
    let mut finds: Vec<(usize, String)> = Vec::new();
    for p in raw.param {
        let name = p.name.get_ref().clone();
        if model.params.iter().any(|x| x.name == name) {
            diags.push(file.diag(p.name.span().start, format!("duplicate parameter `{name}`")));
        }
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') || name.is_empty() {
            diags.push(file.diag(p.name.span().start, format!("parameter name `{name}` must be lower_snake_case")));
        }
        model.params.push(ParamSpec { name, label: p.label, help: p.help, source: p.source, default: p.default, panel: p.panel, find: p.find.as_ref().map(|f| f.get_ref().clone()) });
        finds.extend(p.find.map(|f| (f.span().start, f.into_inner())));
    }
    // A `find` command may only use parameters that exist.
    for (at, code) in finds {
        for (used, _) in body::placeholders(&code) {
            if !model.params.iter().any(|x| x.name == used) {
                diags.push(file.diag(at, format!("`find` uses the unknown parameter `<{used}>`")));
            }
        }
    }
}
