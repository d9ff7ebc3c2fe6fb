//! Markdown bodies: prose (kept as markdown and rendered to HTML) and role
//! blocks (```` ```fix sh title="…" ````) turned into [`CodeBlock`]s.

use super::{Diagnostic, SourceFile};
use crate::model::{BlockRole, CodeBlock};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

pub(super) struct ParsedBody {
    pub prose_markdown: String,
    pub prose_html: String,
    /// Role blocks with the file offset of their fence.
    pub blocks: Vec<(CodeBlock, usize)>,
    pub first_block_offset: usize,
}

/// The `<param>` placeholders in `code`, each once, in order of first appearance.
pub fn placeholders(code: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (name, start, _) in crate::fill::placeholder_positions(code) {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, start));
        }
    }
    out
}

/// A fence's role, language and `key="value"` attributes.
type FenceInfo = (BlockRole, String, Vec<(String, String)>);

/// Parses `role lang key="value" …`; `None` if the first word is not a role.
fn parse_info(info: &str) -> Option<Result<FenceInfo, String>> {
    let info = info.trim();
    let (role_word, rest) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
    let role = match role_word {
        "fix" => BlockRole::Fix,
        "command" => BlockRole::Command,
        "query" => BlockRole::Query,
        _ => return None,
    };
    let rest = rest.trim_start();
    let (lang, mut rest) = match rest.split_once(char::is_whitespace) {
        Some((l, r)) if !l.contains('=') => (l.to_string(), r),
        _ if !rest.contains('=') && !rest.is_empty() => (rest.to_string(), ""),
        _ => (String::new(), rest),
    };
    if lang.is_empty() {
        return Some(Err(format!("`{role_word}` block needs a language after the role (e.g. ```{role_word} sh)")));
    }
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some((key, after)) = rest.split_once('=') else {
            return Some(Err(format!("expected key=\"value\" in the block's info string, found `{rest}`")));
        };
        let Some(after) = after.strip_prefix('"') else {
            return Some(Err(format!("the value of `{}` must be in double quotes", key.trim())));
        };
        let Some(end) = after.find('"') else {
            return Some(Err(format!("unclosed quote in the value of `{}`", key.trim())));
        };
        attrs.push((key.trim().to_string(), after[..end].to_string()));
        rest = &after[end + 1..];
    }
    Some(Ok((role, lang, attrs)))
}

pub(super) fn parse_body(file: &SourceFile, body: &str, body_offset: usize, diags: &mut Vec<Diagnostic>) -> ParsedBody {
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut prose_events = Vec::new();
    let mut blocks = Vec::new();
    let mut cut_ranges: Vec<std::ops::Range<usize>> = Vec::new();
    // The open role block: its fence info, file offset, and code so far.
    let mut current: Option<(FenceInfo, usize, String)> = None;
    let mut skipping = false;
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                if let Some(parsed) = parse_info(info) {
                    skipping = true;
                    cut_ranges.push(range.clone());
                    match parsed {
                        Ok(info) => current = Some((info, body_offset + range.start, String::new())),
                        Err(msg) => {
                            diags.push(file.diag(body_offset + range.start, msg));
                            current = None;
                        }
                    }
                    continue;
                }
            }
            Event::End(TagEnd::CodeBlock) if skipping => {
                skipping = false;
                if let Some(((role, lang, attrs), offset, code)) = current.take() {
                    let mut title = String::new();
                    let mut variant = None;
                    for (k, v) in attrs {
                        match k.as_str() {
                            "title" => title = v,
                            "variant" => variant = Some(v),
                            other => diags.push(file.diag(offset, format!("unknown block attribute `{other}` (known: title, variant)"))),
                        }
                    }
                    if title.is_empty() && role != BlockRole::Command {
                        diags.push(file.diag(offset, "fix and query blocks need title=\"…\""));
                    }
                    let code = code.trim_end_matches('\n').to_string();
                    let params = placeholders(&code).into_iter().map(|(n, _)| n).collect();
                    blocks.push((CodeBlock { role, lang, title, variant, code, params }, offset));
                }
                continue;
            }
            Event::Text(t) if skipping => {
                if let Some(cur) = current.as_mut() {
                    cur.2.push_str(t);
                }
                continue;
            }
            _ if skipping => continue,
            _ => {}
        }
        prose_events.push(event);
    }
    let mut prose_html = String::new();
    pulldown_cmark::html::push_html(&mut prose_html, prose_events.into_iter());
    let mut prose_markdown = String::new();
    let mut last = 0;
    for r in &cut_ranges {
        prose_markdown.push_str(&body[last..r.start]);
        last = r.end;
    }
    prose_markdown.push_str(&body[last..]);
    let prose_markdown = collapse_blank_lines(prose_markdown.trim());
    let first_block_offset = blocks.first().map_or(0, |b| b.1);
    ParsedBody { prose_markdown, prose_html, blocks, first_block_offset }
}

fn collapse_blank_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings() {
        let (role, lang, attrs) = parse_info(r#"fix sh title="Allow 10250" variant="Helm 3""#).unwrap().unwrap();
        assert_eq!(role, BlockRole::Fix);
        assert_eq!(lang, "sh");
        assert_eq!(attrs, vec![("title".into(), "Allow 10250".into()), ("variant".into(), "Helm 3".into())]);
        assert!(parse_info("text").is_none());
        assert!(parse_info(r#"fix title="x""#).unwrap().is_err());
    }

    #[test]
    fn placeholders_in_order() {
        let p: Vec<String> = placeholders("az -g <resource_group> -n <cluster_name> < file <resource_group>").into_iter().map(|x| x.0).collect();
        assert_eq!(p, vec!["resource_group", "cluster_name"]);
    }
}
