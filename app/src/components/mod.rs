//! Reusable views. Each takes what it shows as props and reads the session
//! from context; none makes a decision of its own.

pub mod causes;
pub mod code;
pub mod heading;
pub mod highlight;
pub mod params;
/// Copy report: the diagnosis as Markdown, redacted by default.
pub mod report;
pub mod search;
pub mod step;
pub mod trail;
pub mod inline;
