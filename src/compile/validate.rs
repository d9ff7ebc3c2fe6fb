//! Cross-file validation: ids, references, regexes, reachability and
//! parameters. Each check reports at the exact place in the file that is wrong.

use super::{body::placeholders, Diagnostic, SourceFile};

use crate::model::{CodeBlock, Model, ParamSource};
use std::collections::{BTreeMap, BTreeSet};

/// Where things were written, recorded while parsing.
#[derive(Default)]
pub(super) struct Spans {
    /// (kind, id) → places it is defined.
    ids: BTreeMap<(String, String), Vec<Diagnostic>>,
    /// References to check: (kind, id, place, what refers).
    refs: Vec<(String, String, Diagnostic, String)>,
    /// Patterns: (symptom, pattern, place).
    patterns: Vec<(String, String, Diagnostic)>,
    /// Blocks' placeholders: (name, place).
    placeholders: Vec<(String, Diagnostic)>,
    /// cause → checks it lists, with places.
    cause_checks: Vec<(String, String, Diagnostic)>,
    /// check → causes it can conclude on.
    concludes: BTreeMap<String, Vec<String>>,
}

impl Spans {
    pub fn id(&mut self, file: &SourceFile, kind: &str, id: &str, offset: usize) {
        let d = file.diag(offset, "");
        let stem = file.path.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        if stem != id {
            let mut d = d.clone();
            d.message = format!("id `{id}` does not match the file name `{stem}.md`");
            self.refs.push(("!".into(), String::new(), d, String::new()));
        }
        self.ids.entry((kind.to_string(), id.to_string())).or_default().push(d);
    }

    pub fn reference(&mut self, file: &SourceFile, kind: &str, id: &str, offset: usize, what: &str) {
        self.refs.push((kind.to_string(), id.to_string(), file.diag(offset, ""), what.to_string()));
    }

    pub fn pattern(&mut self, file: &SourceFile, symptom: &str, pattern: &str, offset: usize) {
        self.patterns.push((symptom.to_string(), pattern.to_string(), file.diag(offset, "")));
    }

    pub fn block(&mut self, file: &SourceFile, block: &CodeBlock, offset: usize) {
        // Report a placeholder at its own line: the code starts on the line after the fence.
        for (name, at) in placeholders(&block.code) {
            let code_start = file.text[offset..].find('\n').map_or(offset, |i| offset + i + 1);
            let mut d = file.diag(code_start + at, "");
            if file.text.get(code_start + at..code_start + at + 1) != Some("<") {
                d = file.diag(offset, "");
            }
            self.placeholders.push((name, d));
        }
    }

    pub fn cause_check(&mut self, file: &SourceFile, cause: &str, check: &str, offset: usize) {
        self.cause_checks.push((cause.to_string(), check.to_string(), file.diag(offset, "")));
    }

    pub fn check_concludes(&mut self, check: &str, causes: &[String]) {
        self.concludes.insert(check.to_string(), causes.to_vec());
    }
}

fn with(d: &Diagnostic, message: String) -> Diagnostic {
    Diagnostic { message, ..d.clone() }
}

pub(super) fn validate(model: &mut Model, spans: &Spans, incomplete: bool, diags: &mut Vec<Diagnostic>) {
    // Duplicate ids.
    for ((kind, id), places) in &spans.ids {
        for p in places.iter().skip(1) {
            diags.push(with(p, format!("duplicate {kind} id `{id}` (first defined at {}:{}:{})", places[0].file, places[0].line, places[0].col)));
        }
    }
    // Dangling references (and misnamed files, recorded as kind "!").
    for (kind, id, place, what) in &spans.refs {
        if kind == "!" {
            diags.push(place.clone());
            continue;
        }
        if !spans.ids.contains_key(&(kind.clone(), id.clone())) {
            diags.push(with(place, format!("{what} unknown {kind} `{id}`")));
        }
    }
    // Regexes: must compile in both backends and avoid Unicode-dependent syntax.
    let mut captures: BTreeSet<String> = BTreeSet::new();
    let mut incomplete = incomplete;
    for (_symptom, pattern, place) in &spans.patterns {
        if let Err(e) = crate::pattern::compile_lite(pattern) {
            diags.push(with(place, format!("invalid regex: {e}")));
            incomplete = true;
            continue;
        }
        #[cfg(feature = "full-regex")]
        if let Err(e) = regex::Regex::new(pattern) {
            diags.push(with(place, format!("invalid regex: {}", e.to_string().lines().last().unwrap_or(""))));
            continue;
        }
        if let Some((_, msg)) = super::lint::lint(pattern) {
            diags.push(with(place, format!("non-portable regex: {msg}")));
        }
        if crate::pattern::compile_lite(pattern).is_ok_and(|re| re.is_match("")) {
            diags.push(with(place, "regex matches the empty string, so it would match every paste".to_string()));
        }
        for name in crate::pattern::capture_names(pattern) {
            match model.param(&name) {
                Some(p) if p.source == ParamSource::Extracted => {}
                Some(_) => diags.push(with(place, format!("capture `{name}` fills a parameter declared as source = \"user\"; declare it as \"extracted\""))),
                None => diags.push(with(place, format!("capture `{name}` is not a declared parameter in parameters.toml"))),
            }
            captures.insert(name);
        }
    }
    if incomplete {
        return;
    }
    // Parameters in commands: declared, and fillable.
    let analyzer_facts: BTreeSet<&str> = crate::analyzers::infos().flat_map(|a| a.facts.iter().copied()).collect();
    for (name, place) in &spans.placeholders {
        match model.param(name) {
            None => diags.push(with(place, format!("parameter <{name}> is not declared in parameters.toml, so nothing can fill it"))),
            Some(p) if p.source == ParamSource::Extracted && p.default.is_none() && !captures.contains(name) && !analyzer_facts.contains(name.as_str()) => {
                diags.push(with(place, format!("parameter <{name}> can never be filled: no matcher captures it and no analyzer produces it")))
            }
            Some(_) => {}
        }
    }
    // A cause's checks must be able to conclude on it.
    for (cause, check, place) in &spans.cause_checks {
        if let Some(list) = spans.concludes.get(check) {
            if !list.iter().any(|c| c == cause) {
                diags.push(with(place, format!("check `{check}` cannot conclude on cause `{cause}`: its analyzer or answers never mention it")));
            }
        }
    }
    // Reachability: a cause must be linked from a symptom or concluded by a check.
    for cause in &model.causes {
        let linked = model.symptoms.iter().any(|s| s.causes.iter().any(|l| l.cause == cause.id));
        let concluded = spans.concludes.values().any(|l| l.contains(&cause.id));
        if !linked && !concluded {
            if let Some(place) = spans.ids.get(&("cause".to_string(), cause.id.clone())).and_then(|v| v.first()) {
                diags.push(with(place, format!("cause `{}` is unreachable: no symptom links it and no check concludes on it", cause.id)));
            }
        }
    }
}
