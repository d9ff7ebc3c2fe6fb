//! `aks-triage`: the engine on the command line.
//!
//! Exit codes: 0 something recognised, 1 nothing recognised, 2 bad usage or
//! unreadable input (clap's own usage errors also exit 2).
//!
//! Output goes through one buffered writer; when the reader of a pipe goes
//! away (`aks-triage model | head -c 1`), the program ends quietly with
//! status 0, as ripgrep does, instead of panicking in `println!`.

use aks_triage::{compile, eval, render, text, Answer, Engine, Query};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "aks-triage", version, about = "Diagnose AKS connectivity and API-server problems from errors and command output")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A report for the terminal.
    Human,
    /// Markdown, for tickets and chat.
    Markdown,
    /// JSON, for scripts.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Diagnose pasted errors and command outputs (files, or - for stdin).
    Diagnose {
        /// Files to read; `-` or nothing reads standard input.
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Shorthand for --format json.
        #[arg(long)]
        json: bool,
        /// A value for commands, e.g. --param resource_group=my-rg.
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// An answer to a question check, e.g. --answer private-cluster=yes.
        #[arg(long = "answer", value_name = "CHECK=yes|no")]
        answers: Vec<String>,
        /// Replace addresses, API server names, GUIDs, secrets and the
        /// --param values with placeholders (for a ticket or a chat).
        #[arg(long)]
        redact: bool,
        /// The cluster is AKS: claim errors that read the same on every
        /// platform (a 10250 time-out) even when the paste shows no sign of AKS.
        #[arg(long)]
        aks: bool,
        /// Use this content folder instead of the built-in knowledge.
        #[arg(long)]
        content: Option<PathBuf>,
    },
    /// List the symptoms, causes and checks we know.
    List {
        /// Use this content folder instead of the built-in knowledge.
        #[arg(long)]
        content: Option<PathBuf>,
    },
    /// Validate a content folder; prints file:line:col diagnostics.
    CheckContent {
        /// The folder (with parameters.toml, symptoms/, causes/, checks/).
        dir: PathBuf,
    },
    /// Print every matcher pattern, one per line (for comparisons with ripgrep).
    Patterns,
    /// Print the compiled model as JSON.
    Model,
    /// Score the engine on labelled pastes (JSON Lines: id, label, text, …):
    /// hit@1, hit@3 and confident answers on lookalikes, per label.
    Eval {
        /// The corpus files (e.g. eval/holdout.jsonl).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Label → accepted ids (default: the built-in eval/labels.toml).
        #[arg(long)]
        labels: Option<PathBuf>,
        /// List each miss and each confident answer on a lookalike.
        #[arg(long)]
        verbose: bool,
    },
}

/// Why the program stopped early.
enum Failure {
    /// A message for standard error; exit 2.
    Usage(String),
    /// Writing the output failed.
    Io(std::io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

/// The built-in label rule for `eval`.
const BUILTIN_LABELS: &str = include_str!("../eval/labels.toml");

fn load_model(content: Option<&PathBuf>) -> Result<aks_triage::Model, String> {
    match content {
        Some(dir) => compile::compile_dir(dir).map_err(|diags| diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
        None => aks_triage::builtin_model(),
    }
}

fn split_kv(s: &str, what: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.trim().to_string(), v.to_string()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| format!("{what} `{s}` must look like NAME=VALUE"))
}

fn read_inputs(files: &[PathBuf]) -> Result<(Vec<String>, Vec<String>), String> {
    let mut inputs = Vec::new();
    let mut names = Vec::new();
    let files: Vec<PathBuf> = if files.is_empty() { vec![PathBuf::from("-")] } else { files.to_vec() };
    for f in files {
        let limit = text::MAX_INPUT_BYTES as u64 + 1;
        let mut bytes = Vec::new();
        if f.as_os_str() == "-" {
            std::io::stdin().take(limit).read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
            names.push("stdin".to_string());
        } else {
            let file = std::fs::File::open(&f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            file.take(limit).read_to_end(&mut bytes).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            names.push(f.display().to_string());
        }
        let name = names.last().cloned().unwrap_or_default();
        let text = text::decode_bytes(&bytes).map_err(|e| format!("{name}: {e}"))?;
        inputs.push(text);
    }
    Ok((inputs, names))
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Diagnose { files, format, json, params, answers, aks, redact, content } => {
            let model = load_model(content.as_ref())?;
            let engine = Engine::new(model).map_err(|e| e.to_string())?;
            let mut query = Query { on_aks: aks, ..Query::default() };
            for p in &params {
                let (k, v) = split_kv(p, "--param")?;
                if engine.model().param(&k).is_none() {
                    let known: Vec<&str> = engine.model().params.iter().map(|p| p.name.as_str()).collect();
                    return Err(format!("unknown parameter `{k}`; known: {}", known.join(", ")).into());
                }
                query.params.insert(k, v);
            }
            for a in &answers {
                let (k, v) = split_kv(a, "--answer")?;
                if engine.model().check(&k).is_none() {
                    return Err(format!("unknown check `{k}` in --answer").into());
                }
                let ans: Answer = v.parse().map_err(|e| format!("--answer {k}: {e}"))?;
                query.answers.insert(k, ans);
            }
            let (inputs, names) = read_inputs(&files)?;
            query.inputs = inputs;
            query.labels = names.clone();
            let d = engine.diagnose(&query).map_err(|e| e.to_string())?;
            let format = if json { Format::Json } else { format };
            let text = match format {
                Format::Human => render::human(&engine, &d, &names),
                Format::Markdown => render::markdown(&engine, &d),
                Format::Json => {
                    let report = render::JsonReport { diagnosis: &d, fixes: render::fixes(&engine, &d) };
                    format!("{}\n", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)
                }
            };
            if redact {
                let values: Vec<&str> = query.params.values().map(String::as_str).collect();
                write!(out, "{}", aks_triage::redact::redact(&text, &values))?;
            } else {
                write!(out, "{text}")?;
            }
            Ok(if d.recognised() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::List { content } => {
            let model = load_model(content.as_ref())?;
            writeln!(out, "SYMPTOMS")?;
            for s in &model.symptoms {
                writeln!(out, "  {:<30} {}", s.id, s.title)?;
            }
            writeln!(out, "\nCAUSES")?;
            for c in &model.causes {
                writeln!(out, "  {:<34} {}", c.id, c.title)?;
            }
            writeln!(out, "\nCHECKS")?;
            for c in &model.checks {
                writeln!(out, "  {:<34} {}", c.id, c.title)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckContent { dir } => match compile::compile_dir(&dir) {
            Ok(m) => {
                writeln!(out, "ok: {} symptoms, {} causes, {} checks, {} parameters", m.symptoms.len(), m.causes.len(), m.checks.len(), m.params.len())?;
                Ok(ExitCode::SUCCESS)
            }
            Err(diags) => {
                for d in &diags {
                    eprintln!("{}/{d}", dir.display());
                }
                eprintln!("error: {} problem(s) in {}", diags.len(), dir.display());
                Ok(ExitCode::from(2))
            }
        },
        Command::Patterns => {
            let model = load_model(None)?;
            for s in &model.symptoms {
                for m in &s.matchers {
                    writeln!(out, "{}", m.pattern)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Model => {
            let model = load_model(None)?;
            writeln!(out, "{}", serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { files, labels, verbose } => {
            let labels_text = match &labels {
                Some(p) => std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
                None => BUILTIN_LABELS.to_string(),
            };
            let labels = eval::Labels::parse(&labels_text).map_err(|e| format!("labels: {e}"))?;
            let engine = Engine::new(load_model(None)?).map_err(|e| e.to_string())?;
            let mut cases = Vec::new();
            for f in &files {
                let text = std::fs::read_to_string(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
                cases.extend(eval::parse_cases(&text).map_err(|e| format!("{}: {e}", f.display()))?);
            }
            let (outcomes, summary) = eval::run(&engine, &cases, &labels);
            write!(out, "{}", eval::report(&outcomes, &summary, verbose))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|code| out.flush().map(|_| code).map_err(Failure::Io));
    match result {
        Ok(code) => code,
        // The reader went away (`| head`): nothing more to say, and no error.
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Usage(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
