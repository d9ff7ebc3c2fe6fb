//! Pasted text: limits, the folded "joined" view, and byte-offset mapping.
//!
//! People paste errors that a terminal wrapped over several lines, indented,
//! coloured, or split by log prefixes, and errors that another layer quoted
//! again: a JSON log line, Go's `%q`, Terraform's box-drawn frame, a web page.
//! Matchers search a *joined* view where every run of white space (line breaks
//! included) is one space, ANSI colour codes are gone, the common quoting
//! escapes are undone (`\"` and `\\\"` → `"`, `\/` → `/`, `\n` and `\t` →
//! a space, `\u0026` → `&`, `&quot;` → `"`) and frame characters (`│ ╷ ╵`) are
//! white space; [`Joined::to_source`] maps a match back to the bytes the user
//! pasted so the evidence can be highlighted in their own text.

use std::collections::BTreeMap;
use std::ops::Range;

/// The largest input the engine reads, in bytes. Larger pastes get a clear
/// error rather than a frozen page: real error text and command output are far
/// smaller, and the browser must stay responsive while the user types.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Why an input cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// The size of the input.
        bytes: usize,
    },
    /// The input looks like binary data, not text.
    Binary {
        /// Offset of the first byte that gave it away.
        offset: usize,
    },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::TooLarge { bytes } => write!(
                f,
                "the input is {} bytes; the limit is {} MiB. Paste only the error and the command output around it",
                bytes,
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            InputError::Binary { offset } => write!(
                f,
                "the input looks like binary data (a NUL or control byte at offset {offset}), not text; paste the error message or command output as text"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Checks that `text` is something the engine can read.
pub fn check_input(text: &str) -> Result<(), InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { bytes: text.len() });
    }
    // A NUL byte never appears in real terminal output; a high share of other
    // control characters (besides tab, CR, LF, ESC for colours) means binary.
    let mut controls = 0usize;
    let mut first = None;
    for (i, b) in text.bytes().enumerate() {
        let suspicious = b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x1b | 0x0c));
        if suspicious {
            if b == 0 {
                return Err(InputError::Binary { offset: i });
            }
            controls += 1;
            first.get_or_insert(i);
        }
    }
    if controls > 8 && controls * 100 > text.len() {
        return Err(InputError::Binary { offset: first.unwrap_or(0) });
    }
    Ok(())
}

/// Converts raw bytes to text, replacing invalid UTF-8, after checking that
/// they are not binary.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { bytes: bytes.len() });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    check_input(&text)?;
    Ok(text)
}

/// The joined view of a text with a map back to source offsets.
#[derive(Debug, Clone)]
pub struct Joined {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the source byte offset it came from.
    map: Vec<u32>,
    source_len: usize,
}

impl Joined {
    /// Builds the joined view of `source`.
    pub fn new(source: &str) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut map = Vec::with_capacity(source.len());
        let bytes = source.as_bytes();
        let breaks = hard_wrap_breaks(source);
        let mut i = 0;
        let mut pending_space: Option<usize> = None;
        while i < bytes.len() {
            let b = bytes[i];
            // A terminal's hard wrap splits a word: join without a space.
            if (b == b'\r' || b == b'\n') && breaks.binary_search(&i).is_ok() {
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                continue;
            }
            if b == 0x1b {
                // ANSI escape: ESC [ params letter. Skip it entirely.
                let mut j = i + 1;
                if j < bytes.len() && bytes[j] == b'[' {
                    j += 1;
                    while j < bytes.len() && (bytes[j] == b';' || bytes[j].is_ascii_digit() || bytes[j] == b'?') {
                        j += 1;
                    }
                    if j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                        j += 1;
                    }
                }
                i = j;
                continue;
            }
            if b.is_ascii_whitespace() {
                pending_space.get_or_insert(i);
                i += 1;
                continue;
            }
            if let Some((unquoted, next)) = unquote(source, i) {
                match unquoted {
                    Unquoted::Space => {
                        pending_space.get_or_insert(i);
                    }
                    Unquoted::Char(c) => {
                        if let Some(at) = pending_space.take() {
                            if !text.is_empty() {
                                text.push(' ');
                                map.push(at as u32);
                            }
                        }
                        text.push(c);
                        // The character stands for the whole escape: map it to its first
                        // byte, so a match starting here covers the escape in the source.
                        map.push(i as u32);
                    }
                }
                i = next;
                continue;
            }
            let ch_len = utf8_len(b);
            let end = (i + ch_len).min(bytes.len());
            let ch = &source[i..end];
            if ch.chars().next().is_some_and(|c| c.is_whitespace() || FRAME_CHARS.contains(&c)) {
                pending_space.get_or_insert(i);
                i = end;
                continue;
            }
            if let Some(at) = pending_space.take() {
                if !text.is_empty() {
                    text.push(' ');
                    map.push(at as u32);
                }
            }
            text.push_str(ch);
            for k in i..end {
                map.push(k as u32);
            }
            i = end;
        }
        Joined { text, map, source_len: source.len() }
    }

    /// Maps a byte range of the joined text back to the source text.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= self.map.len() {
            return self.source_len..self.source_len;
        }
        let start = self.map[range.start] as usize;
        let end = if range.end == 0 {
            start
        } else {
            let last = self.map[(range.end - 1).min(self.map.len() - 1)] as usize;
            last + 1
        };
        start..end.max(start)
    }
}

/// Terminal widths at which a single wrapped line is believed without a
/// second line of the same length.
const TERMINAL_WIDTHS: &[usize] = &[80, 100, 120, 132, 160, 200];
/// Lines shorter than this are never taken for hard-wrapped ones.
const MIN_WRAP_WIDTH: usize = 60;

/// The line breaks (offsets of their `\r` or `\n`) that a terminal inserted
/// when it hard-wrapped a long line, cutting a word in two (`…/containerLogs/kub`
/// then `e-lego/…`). A break counts when its line is exactly the wrap width — a
/// length at least two lines share, or a usual terminal width — both sides
/// of it are non-blank, the line is not a padded table row, and the next line
/// does not start a new log record.
fn hard_wrap_breaks(source: &str) -> Vec<usize> {
    let mut lines: Vec<(usize, usize, &str)> = Vec::new(); // (start, terminator offset, line)
    let mut start = 0;
    for (at, _) in source.match_indices('\n') {
        let end = if at > start && source.as_bytes()[at - 1] == b'\r' { at - 1 } else { at };
        lines.push((start, end, &source[start..end]));
        start = at + 1;
    }
    lines.push((start, source.len(), &source[start..]));
    if lines.len() < 2 {
        return Vec::new();
    }
    let widths: Vec<usize> = lines.iter().map(|(_, _, line)| line.chars().count()).collect();
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    // A hard wrap fills the line to the last column; a word wrap that happens
    // to end on the same length keeps its trailing blank, and does not count.
    for ((_, _, line), &n) in lines.iter().zip(&widths) {
        if n >= MIN_WRAP_WIDTH && !line.ends_with(char::is_whitespace) {
            *counts.entry(n).or_default() += 1;
        }
    }
    let is_width = |n: usize| counts.get(&n).is_some_and(|&c| c >= 2 || TERMINAL_WIDTHS.contains(&n));
    // A table row pads several columns; a log header pads one.
    let padded = |line: &str| line.split(' ').collect::<Vec<_>>().windows(3).filter(|w| w[0].is_empty() && w[1].is_empty() && !w[2].is_empty()).count() >= 2;
    let new_record = |line: &str| {
        let b = line.as_bytes();
        let klog = b.len() > 6 && matches!(b[0], b'I' | b'W' | b'E' | b'F') && b[1..5].iter().all(u8::is_ascii_digit) && b[5] == b' ';
        let iso = b.len() > 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-';
        klog || iso || line.starts_with("$ ") || line.starts_with("> ") || line.starts_with('[')
    };
    let mut breaks = Vec::new();
    for (pair, &n) in lines.windows(2).zip(&widths) {
        let ((_, end, line), (_, _, next)) = (pair[0], pair[1]);
        let cut_word = !line.ends_with(char::is_whitespace) && !next.starts_with(char::is_whitespace) && !next.is_empty();
        if n >= MIN_WRAP_WIDTH && is_width(n) && cut_word && !padded(line) && !new_record(next) {
            breaks.push(end);
        }
    }
    breaks
}

/// Characters that frame text rather than say anything (Terraform's error box).
const FRAME_CHARS: &[char] = &['│', '╷', '╵', '┃'];

/// What a quoting escape stands for.
enum Unquoted {
    /// A line break or tab written as `\n`, `\t`, `\r`.
    Space,
    /// A quote, slash or symbol written as an escape or an HTML entity.
    Char(char),
}

/// The escape or entity at `at`, if any: what it stands for and where it ends.
/// A run of backslashes before a quote or slash is one layer of quoting or
/// several (a JSON log of a Go error of a JSON body); other backslashes (a
/// Windows path, `\x15`) are left alone.
fn unquote(source: &str, at: usize) -> Option<(Unquoted, usize)> {
    let bytes = source.as_bytes();
    match bytes[at] {
        b'\\' => {
            let mut j = at;
            while j < bytes.len() && bytes[j] == b'\\' {
                j += 1;
            }
            match bytes.get(j)? {
                q @ (b'"' | b'\'' | b'/') => Some((Unquoted::Char(*q as char), j + 1)),
                b'n' | b't' | b'r' => Some((Unquoted::Space, j + 1)),
                b'u' => {
                    let hex = source.get(j + 1..j + 5)?;
                    let c = match hex.to_ascii_lowercase().as_str() {
                        "0022" => '"',
                        "0026" => '&',
                        "0027" => '\'',
                        "002f" => '/',
                        "003c" => '<',
                        "003e" => '>',
                        _ => return None,
                    };
                    Some((Unquoted::Char(c), j + 5))
                }
                _ => None,
            }
        }
        b'&' => {
            const ENTITIES: &[(&str, char)] = &[("&quot;", '"'), ("&#34;", '"'), ("&#39;", '\''), ("&#x27;", '\''), ("&apos;", '\''), ("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&#x2F;", '/'), ("&#47;", '/')];
            // Compare bytes: the text after `&` may be any UTF-8.
            let rest = &bytes[at..(at + 6).min(bytes.len())];
            ENTITIES.iter().find(|(e, _)| rest.len() >= e.len() && rest[..e.len()].eq_ignore_ascii_case(e.as_bytes())).map(|(e, c)| (Unquoted::Char(*c), at + e.len()))
        }
        _ => None,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// `s` on one line (white space folded) and at most `max` characters, the
/// last being `…` when it was cut.
pub fn one_line(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        s
    }
}

/// Rounds `offset` down to a char boundary of `text`.
pub fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_folds_wrapped_lines_and_maps_back() {
        let src = "Unable to connect to the server:\n   dial tcp 1.2.3.4:443: i/o\ttimeout";
        let j = Joined::new(src);
        assert_eq!(j.text, "Unable to connect to the server: dial tcp 1.2.3.4:443: i/o timeout");
        let at = j.text.find("dial").unwrap();
        let r = j.to_source(at..at + 4);
        assert_eq!(&src[r], "dial");
        let end = j.text.len();
        let r = j.to_source(at..end);
        assert_eq!(&src[r], "dial tcp 1.2.3.4:443: i/o\ttimeout");
    }

    #[test]
    fn joined_undoes_quoting_layers_and_maps_back() {
        let src = r#"{"log":"Get \"https://x.hcp.eastus.azmk8s.io/api\": dial tcp\nfoo \\\"a\\\" \/tunnel-uds\/ \u0026 &quot;q&quot; \x15"}"#;
        let j = Joined::new(src);
        assert_eq!(j.text, r#"{"log":"Get "https://x.hcp.eastus.azmk8s.io/api": dial tcp foo "a" /tunnel-uds/ & "q" \x15"}"#);
        let at = j.text.find("\"https").unwrap();
        let r = j.to_source(at..at + 6);
        assert_eq!(&src[r], "\\\"https");
        let end = j.text.find("tcp").unwrap() + 3;
        let start = j.text.find("Get").unwrap();
        assert_eq!(&src[j.to_source(start..end)], r#"Get \"https://x.hcp.eastus.azmk8s.io/api\": dial tcp"#);
    }

    #[test]
    fn joined_rejoins_words_a_terminal_cut_at_its_width() {
        let first = "Error from server: Get https://aks-agentpool1-17180407-0:10250/containerLogs/kub";
        let second = "e-lego/kube-lego-2933009699-p2jlm/kube-lego: dial tcp 10.240.0.4:10250: getsocko";
        assert_eq!(first.len(), 80);
        assert_eq!(second.len(), 80);
        let src = format!("{first}\n{second}\npt: connection refused\n");
        let j = Joined::new(&src);
        assert!(j.text.contains("containerLogs/kube-lego/kube-lego-2933009699-p2jlm"), "{}", j.text);
        assert!(j.text.contains("getsockopt: connection refused"), "{}", j.text);
        let at = j.text.find("getsockopt").unwrap();
        assert_eq!(&src[j.to_source(at..at + 10)], "getsocko\npt");
        // The same with Windows line ends.
        assert!(Joined::new(&src.replace('\n', "\r\n")).text.contains("getsockopt: connection refused"));
    }

    #[test]
    fn joined_keeps_table_rows_and_log_records_apart() {
        let row = |name: &str| format!("kube-system   {name:<40}   1/1     Running   0          12d");
        let table = format!("{}\n{}\n", row("konnectivity-agent-5d8f6b7c9d-4xk7q"), row("coredns-7d8f6b7c9d-9tq2m"));
        assert!(Joined::new(&table).text.contains("12d kube-system"), "table rows stay apart");
        let rec = |n: u32| format!("E0412 10:11:{n:02}.123456       1 reflector.go:138] failed to list *v1.Pod: the server was unable to return a response in t");
        let logs = format!("{}\n{}\n", rec(1), rec(2));
        assert!(Joined::new(&logs).text.contains("in t E0412"), "a new klog record is not a continuation");
    }

    #[test]
    fn joined_treats_frames_as_white_space() {
        let j = Joined::new("│ Kubernetes cluster unreachable: Get\n│ \"https://a\"");
        assert_eq!(j.text, "Kubernetes cluster unreachable: Get \"https://a\"");
        let j = Joined::new("C:\\Users\\dev> kubectl");
        assert_eq!(j.text, "C:\\Users\\dev> kubectl");
    }

    #[test]
    fn entities_next_to_multibyte_text_do_not_panic() {
        for src in ["&é", "&qu€", "&#3€", "\\u00€", "\\", "&", "a\\"] {
            let _ = Joined::new(src);
        }
        assert_eq!(Joined::new("&lt;é&gt;").text, "<é>");
    }

    #[test]
    fn joined_drops_ansi_colours() {
        let j = Joined::new("\x1b[31merror\x1b[0m: dial tcp");
        assert_eq!(j.text, "error: dial tcp");
    }

    #[test]
    fn binary_input_is_refused() {
        assert!(matches!(check_input("abc\0def"), Err(InputError::Binary { offset: 3 })));
        assert!(check_input("plain text\nwith lines\r\n").is_ok());
    }
}
