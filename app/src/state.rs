//! The wizard's session: what the user pasted, answered and typed, and the
//! diagnosis derived from it. All decisions come from the engine; this module
//! only turns user actions into an engine [`Query`].

use aks_triage::diagnosis::{Answer, Diagnosis, Query};
use aks_triage::text::InputError;
use aks_triage::{Engine, Model};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One step the user took, in order (the breadcrumb).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Taken {
    /// Answered a question check.
    Answered {
        /// The check id.
        check: String,
        /// The answer.
        answer: Answer,
    },
    /// Pasted the output of a command check.
    Pasted {
        /// The check id.
        check: String,
        /// The output.
        text: String,
    },
    /// Started from a symptom picked by hand.
    Declared {
        /// The symptom id.
        symptom: String,
    },
    /// Said the cluster is AKS, so errors that read the same on every
    /// platform are claimed as AKS symptoms.
    SaidAks,
}

impl Taken {
    /// The check or symptom this step is about.
    pub fn subject(&self) -> &str {
        match self {
            Taken::Answered { check, .. } | Taken::Pasted { check, .. } => check,
            Taken::Declared { symptom } => symptom,
            Taken::SaidAks => "on-aks",
        }
    }

    /// The title of what this step is about (a check's or a symptom's), for
    /// the breadcrumb and the report; an unknown id stands for itself.
    pub fn title(&self, model: &aks_triage::Model) -> String {
        match self {
            Taken::Answered { check, .. } | Taken::Pasted { check, .. } => model.check(check).map_or_else(|| check.clone(), |c| c.title.clone()),
            Taken::Declared { symptom } => model.symptom(symptom).map_or_else(|| symptom.clone(), |x| x.title.clone()),
            Taken::SaidAks => "The cluster is AKS".to_string(),
        }
    }
}

/// Builds the engine query from the main paste, the steps taken and the
/// user's parameters. Pure, so it is tested natively.
pub fn build_query(paste: &str, steps: &[Taken], params: &BTreeMap<String, String>, model: &aks_triage::Model) -> Query {
    let mut q = Query { inputs: vec![paste.to_string()], labels: vec!["your paste".to_string()], params: params.clone(), ..Default::default() };
    for s in steps {
        match s {
            Taken::Answered { check, answer } => {
                q.answers.insert(check.clone(), *answer);
            }
            Taken::Pasted { text, check } => {
                q.inputs.push(text.clone());
                let title = model.check(check).map_or(check.as_str(), |c| c.title.as_str());
                q.labels.push(format!("output for “{title}”"));
            }
            Taken::Declared { symptom } => {
                if !q.declared.contains(symptom) {
                    q.declared.push(symptom.clone());
                }
            }
            Taken::SaidAks => q.on_aks = true,
        }
    }
    q
}

/// What is kept on this device between visits, so that a reload or a
/// reopened tab mid-incident loses nothing: the paste and the steps taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// The main paste.
    pub paste: String,
    /// The steps taken, in order.
    pub steps: Vec<Taken>,
}

impl Kept {
    /// Reads what was kept; anything unreadable (an older format, a
    /// hand-edited value) is an empty session, never an error.
    pub fn from_json(json: &str) -> Kept {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Records a step, replacing an earlier step about the same check (so
/// changing an answer does not leave the old one behind).
pub fn record(steps: &mut Vec<Taken>, step: Taken) {
    steps.retain(|s| s.subject() != step.subject());
    steps.push(step);
}

/// Shared state, provided as context.
#[derive(Clone, Copy)]
pub struct Session {
    /// The compiled engine.
    pub engine: StoredValue<&'static Engine>,
    /// The main paste as typed.
    pub paste: RwSignal<String>,
    /// The main paste after the debounce.
    pub settled_paste: RwSignal<String>,
    /// Steps taken.
    pub steps: RwSignal<Vec<Taken>>,
    /// User parameters (persisted in local storage on this device).
    pub params: RwSignal<BTreeMap<String, String>>,
    /// The diagnosis of the settled state.
    pub diagnosis: Memo<Result<Diagnosis, InputError>>,
    /// Messages for the polite live region.
    pub announce: RwSignal<String>,
    /// What the last pasted check output was read as (check title, reading),
    /// shown at the next step so a good output does not pass unexplained.
    pub last_reading: RwSignal<Option<(String, aks_triage::diagnosis::OutputReading)>>,
}

impl Session {
    /// Creates the session around an engine.
    pub fn new(engine: &'static Engine, params: RwSignal<BTreeMap<String, String>>) -> Session {
        let paste = RwSignal::new(String::new());
        let settled_paste = RwSignal::new(String::new());
        let steps = RwSignal::new(Vec::<Taken>::new());
        let diagnosis = Memo::new(move |_| {
            let q = build_query(&settled_paste.get(), &steps.get(), &params.get(), engine.model());
            engine.diagnose(&q)
        });
        Session { engine: StoredValue::new(engine), paste, settled_paste, steps, params, diagnosis, announce: RwSignal::new(String::new()), last_reading: RwSignal::new(None) }
    }

    /// The knowledge model.
    pub fn model(&self) -> &'static Model {
        self.engine.get_value().model()
    }
}

/// The session from context.
pub fn session() -> Session {
    expect_context::<Session>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_session_round_trips_and_survives_garbage() {
        let kept = Kept {
            paste: "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout".into(),
            steps: vec![
                Taken::Answered { check: "private-cluster".into(), answer: Answer::No },
                Taken::Pasted { check: "ufw-status".into(), text: "Status: active".into() },
                Taken::Declared { symptom: "apiserver-slow".into() },
                Taken::SaidAks,
            ],
        };
        assert_eq!(Kept::from_json(&kept.to_json()), kept);
        assert_eq!(Kept::from_json("{not json"), Kept::default());
        assert_eq!(Kept::from_json(r#"{"paste": 3}"#), Kept::default());
    }

    #[test]
    fn query_collects_pastes_answers_and_symptoms() {
        let mut steps = Vec::new();
        record(&mut steps, Taken::Answered { check: "private-cluster".into(), answer: Answer::Yes });
        record(&mut steps, Taken::Pasted { check: "ufw-status".into(), text: "Status: inactive".into() });
        record(&mut steps, Taken::Answered { check: "private-cluster".into(), answer: Answer::No });
        record(&mut steps, Taken::Declared { symptom: "apiserver-slow".into() });
        assert_eq!(steps.len(), 3);
        let q = build_query("err", &steps, &BTreeMap::new(), &aks_triage::Model::default());
        assert_eq!(q.inputs, vec!["err".to_string(), "Status: inactive".to_string()]);
        // Each input is named for the evidence; an unknown check by its id.
        assert_eq!(q.labels, vec!["your paste".to_string(), "output for “ufw-status”".to_string()]);
        assert_eq!(q.answers.get("private-cluster"), Some(&Answer::No));
        assert_eq!(q.declared, vec!["apiserver-slow".to_string()]);
        assert!(!q.on_aks, "nobody said the cluster is AKS");
        record(&mut steps, Taken::SaidAks);
        record(&mut steps, Taken::SaidAks);
        assert_eq!(steps.len(), 4, "saying it twice is one step");
        assert!(build_query("err", &steps, &BTreeMap::new(), &aks_triage::Model::default()).on_aks);
    }
}
