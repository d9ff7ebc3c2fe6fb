//! The pasted blocks read as one document, and evidence spans that point back
//! into the block the user pasted.
//!
//! Blocks are joined by a blank line, so a node IP in an error and the same
//! node in `-o wide` output are seen at once; every span found in the joined
//! document is turned back into (block, offset, line) for the report.

use crate::diagnosis::Evidence;
use crate::text::{self, InputError};
use std::ops::Range;

/// Evidence text is cut to this many bytes.
const EVIDENCE_TEXT_MAX: usize = 300;

/// The inputs joined into one text, with what is needed to map spans back.
pub(crate) struct Document<'a> {
    /// The joined text.
    pub(crate) text: String,
    starts: Vec<usize>,
    inputs: &'a [String],
    /// For each input, the byte offset where each line starts.
    line_starts: Vec<Vec<usize>>,
}

impl<'a> Document<'a> {
    /// Checks the inputs (size, binary data) and joins them.
    pub(crate) fn assemble(inputs: &'a [String]) -> Result<Document<'a>, InputError> {
        let total: usize = inputs.iter().map(String::len).sum();
        if total > text::MAX_INPUT_BYTES {
            return Err(InputError::TooLarge { bytes: total });
        }
        for input in inputs {
            text::check_input(input)?;
        }
        let mut joined = String::with_capacity(total + 2 * inputs.len());
        let mut starts = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            if i > 0 {
                joined.push_str("\n\n");
            }
            starts.push(joined.len());
            joined.push_str(input);
        }
        let line_starts = inputs
            .iter()
            .map(|t| std::iter::once(0).chain(t.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect())
            .collect();
        Ok(Document { text: joined, starts, inputs, line_starts })
    }

    /// Evidence for a span of the joined text, located in its own input.
    pub(crate) fn evidence(&self, span: Range<usize>, note: String) -> Evidence {
        let start = text::floor_boundary(&self.text, span.start);
        let end = text::floor_boundary(&self.text, span.end.max(start));
        let input = self.starts.iter().rposition(|&s| s <= start).unwrap_or(0);
        let base = self.starts.get(input).copied().unwrap_or(0);
        let local_len = self.inputs.get(input).map_or(0, String::len);
        let ls = (start - base).min(local_len);
        let le = (end.saturating_sub(base)).min(local_len).max(ls);
        let local = self.inputs.get(input).map_or("", String::as_str);
        let text_end = text::floor_boundary(local, le.min(ls + EVIDENCE_TEXT_MAX));
        let line = self.line_starts.get(input).map_or(1, |starts| starts.partition_point(|&s| s <= ls));
        Evidence { input, start: ls, end: le, line, text: local[ls..text_end.max(ls)].to_string(), note }
    }
}
