//! `aks-triage`: the engine on the command line.
//!
//! Exit codes: 0 something recognised, 1 nothing recognised, 2 bad usage or
//! unreadable input (clap's own usage errors also exit 2).

use aks_triage::{compile, render, text, Answer, Engine, Query};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Read;
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
}

fn load_model(content: Option<&PathBuf>) -> Result<aks_triage::Model, String> {
    let result = match content {
        Some(dir) => compile::compile_dir(dir),
        None => aks_triage::builtin_model(),
    };
    result.map_err(|diags| diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))
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

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Diagnose { files, format, json, params, answers, content } => {
            let model = load_model(content.as_ref())?;
            let engine = Engine::new(model).map_err(|e| e.to_string())?;
            let mut query = Query::default();
            for p in &params {
                let (k, v) = split_kv(p, "--param")?;
                if engine.model().param(&k).is_none() {
                    let known: Vec<&str> = engine.model().params.iter().map(|p| p.name.as_str()).collect();
                    return Err(format!("unknown parameter `{k}`; known: {}", known.join(", ")));
                }
                query.params.insert(k, v);
            }
            for a in &answers {
                let (k, v) = split_kv(a, "--answer")?;
                if engine.model().check(&k).is_none() {
                    return Err(format!("unknown check `{k}` in --answer"));
                }
                let ans: Answer = v.parse().map_err(|e| format!("--answer {k}: {e}"))?;
                query.answers.insert(k, ans);
            }
            let (inputs, names) = read_inputs(&files)?;
            query.inputs = inputs;
            let d = engine.diagnose(&query).map_err(|e| e.to_string())?;
            let format = if json { Format::Json } else { format };
            match format {
                Format::Human => print!("{}", render::human(&engine, &d, &names)),
                Format::Markdown => print!("{}", render::markdown(&engine, &d)),
                Format::Json => {
                    let report = render::JsonReport { diagnosis: &d, fixes: render::fixes(&engine, &d) };
                    println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
                }
            }
            Ok(if d.recognised() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::List { content } => {
            let model = load_model(content.as_ref())?;
            println!("SYMPTOMS");
            for s in &model.symptoms {
                println!("  {:<30} {}", s.id, s.title);
            }
            println!("\nCAUSES");
            for c in &model.causes {
                println!("  {:<34} {}", c.id, c.title);
            }
            println!("\nCHECKS");
            for c in &model.checks {
                println!("  {:<34} {}", c.id, c.title);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckContent { dir } => match compile::compile_dir(&dir) {
            Ok(m) => {
                println!("ok: {} symptoms, {} causes, {} checks, {} parameters", m.symptoms.len(), m.causes.len(), m.checks.len(), m.params.len());
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
                    println!("{}", m.pattern);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Model => {
            let model = load_model(None)?;
            println!("{}", serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
