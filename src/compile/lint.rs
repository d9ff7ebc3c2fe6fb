//! The portability lint for patterns: content matchers and the analyzers'
//! own regexes must mean the same under `regex` (native) and `regex-lite`
//! (browser), and must not make `regex` fall back to a slow engine.

/// Finds constructs whose meaning differs between `regex` (Unicode) and
/// `regex-lite` (ASCII), or that make the `regex` crate fall back to a slow
/// engine. Returns the byte offset in the pattern and a message.
///
/// The pattern is parsed with `regex-syntax` and its syntax tree walked, so
/// an escaped backslash (`a\\d`) or a `\b` inside a class (a backspace) is
/// not mistaken for the construct. A pattern that does not parse yields
/// nothing here: the compiler reports it as invalid.
pub fn lint(pattern: &str) -> Option<(usize, String)> {
    use regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem};

    struct Lint(Option<(usize, String)>);

    impl Lint {
        fn perl(&mut self, c: &ast::ClassPerl) {
            let msg = match c.kind {
                ClassPerlKind::Digit => "`\\d` means any Unicode digit in `regex` but ASCII in `regex-lite`; write [0-9]",
                ClassPerlKind::Word => "`\\w` differs between `regex` and `regex-lite`; write [A-Za-z0-9_]",
                ClassPerlKind::Space => return,
            };
            self.0.get_or_insert((c.span.start.offset, msg.to_string()));
        }
        fn unicode(&mut self, c: &ast::ClassUnicode) {
            self.0.get_or_insert((c.span.start.offset, "Unicode classes (`\\p{..}`) are not available in `regex-lite`".to_string()));
        }
    }

    impl ast::Visitor for Lint {
        type Output = Option<(usize, String)>;
        type Err = ();
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, node: &Ast) -> Result<(), ()> {
            match node {
                Ast::ClassPerl(c) => self.perl(c),
                Ast::ClassUnicode(c) => self.unicode(c),
                Ast::Assertion(a) if !matches!(a.kind, ast::AssertionKind::StartLine | ast::AssertionKind::EndLine | ast::AssertionKind::StartText | ast::AssertionKind::EndText) => {
                    self.0.get_or_insert((a.span.start.offset, "`\\b` is a Unicode word boundary in `regex` (slow, and ASCII in `regex-lite`); use an explicit class such as (?:^|[^A-Za-z0-9_])".to_string()));
                }
                _ => {}
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            match item {
                ClassSetItem::Perl(c) => self.perl(c),
                ClassSetItem::Unicode(c) => self.unicode(c),
                _ => {}
            }
            Ok(())
        }
    }

    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    ast::visit(&parsed, Lint(None)).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_rejects_unicode_dependent_escapes() {
        assert_eq!(lint(r"dial tcp \d+").map(|l| l.0), Some(9));
        assert!(lint(r"\bfoo").is_some());
        assert!(lint(r"[^\w.]").is_some(), "inside a class too");
        assert!(lint(r"\p{Greek}").is_some());
        assert!(lint(r"[0-9]+\.[0-9]+\s+\S+").is_none());
        assert!(lint(r"a\\d").is_none(), "an escaped backslash then d");
        assert!(lint(r"(?m)^foo$").is_none());
    }

    /// The analyzers' own patterns obey the same rule as content (they run in
    /// the browser too). They are read from the analyzer sources.
    #[test]
    fn analyzer_patterns_are_portable() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analyzers");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let source = std::fs::read_to_string(entry.path()).unwrap();
            for (i, _) in source.match_indices("cached!(r\"") {
                let rest = &source[i + "cached!(r\"".len()..];
                let pattern = &rest[..rest.find("\")").expect("raw string end")];
                assert!(crate::pattern::compile_lite(pattern).is_ok(), "{}: {pattern} does not compile in regex-lite", entry.path().display());
                if let Some((at, msg)) = lint(pattern) {
                    panic!("{}: {pattern} at {at}: {msg}", entry.path().display());
                }
                checked += 1;
            }
        }
        assert!(checked >= 10, "found only {checked} analyzer patterns");
    }
}
