//! Storage pressure: etcd database size from `kubectl get --raw /metrics`, and
//! Helm release history length from `helm history` / `helm list`.

use super::table::find_tables;
use super::{AnalyzerInfo, Context, Effect, Recognition};

/// `kubectl get --raw /metrics | grep …size…`.
pub const ETCD_METRICS: AnalyzerInfo = AnalyzerInfo {
    name: "etcd-metrics",
    reads: "etcd database size lines from `kubectl get --raw /metrics`",
    concludes: &["etcd-object-leak"],
    facts: &["etcd_size_bytes", "etcd_metric"],
};

/// `helm history <release>` or `helm list`.
pub const HELM_HISTORY: AnalyzerInfo = AnalyzerInfo {
    name: "helm-history",
    reads: "the output of `helm history <release>` or `helm list -A`",
    concludes: &["helm-history"],
    facts: &["helm_revisions", "release"],
};

/// The default etcd quota on AKS, 4 GiB.
pub const ETCD_QUOTA_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

/// The name of the etcd size metric for a Kubernetes minor version.
pub fn etcd_metric_for(minor: u32) -> &'static str {
    match minor {
        0..=25 => "etcd_db_total_size_in_bytes",
        26..=28 => "apiserver_storage_db_total_size_in_bytes",
        _ => "apiserver_storage_size_bytes",
    }
}

/// The Kubernetes minor version from the `k8s_version` parameter or a pasted
/// `Server Version: v1.27.3` line.
fn k8s_minor(text: &str, ctx: &Context) -> Option<u32> {
    let from = |s: &str| -> Option<u32> {
        let s = s.trim().trim_start_matches('v');
        s.split('.').nth(1)?.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    };
    if let Some(v) = ctx.params.get("k8s_version").and_then(|v| from(v)) {
        return Some(v);
    }
    let re = cached!(r#"Server Version: (?:version\.Info\{Major:"1", Minor:"(?P<m>[0-9]+)|v?(?P<v>1\.[0-9]+))"#)?;
    let c = re.captures(text)?;
    c.name("m").and_then(|m| m.as_str().parse().ok()).or_else(|| c.name("v").and_then(|v| from(v.as_str())))
}

fn human_bytes(b: f64) -> String {
    if b >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GiB", b / (1024.0 * 1024.0 * 1024.0))
    } else {
        format!("{:.0} MiB", b / (1024.0 * 1024.0))
    }
}

/// Reads etcd size metric lines and compares the largest with the quota.
pub fn etcd_metrics(text: &str, ctx: &Context) -> Vec<Recognition> {
    let Some(re) = cached!(r"(?m)^[ \t]*(?P<metric>etcd_db_total_size_in_bytes|apiserver_storage_db_total_size_in_bytes|apiserver_storage_size_bytes)(?:\{[^}\n]*\})?[ \t]+(?P<value>[0-9.]+(?:[eE][+-]?[0-9]+)?)") else {
        return Vec::new();
    };
    let mut best: Option<(f64, String, std::ops::Range<usize>)> = None;
    let mut whole: Option<std::ops::Range<usize>> = None;
    for c in re.captures_iter(text) {
        let (Some(all), Some(metric), Some(value)) = (c.get(0), c.name("metric"), c.name("value")) else { continue };
        let Ok(v) = value.as_str().parse::<f64>() else { continue };
        if !v.is_finite() {
            continue;
        }
        let w = whole.get_or_insert(all.range());
        w.end = all.end();
        if best.as_ref().is_none_or(|b| v > b.0) {
            best = Some((v, metric.as_str().to_string(), all.range()));
        }
    }
    let (Some((size, metric, span)), Some(whole)) = (best, whole) else { return Vec::new() };
    let mut rec = Recognition::new("etcd-metrics", "etcd size metrics", whole);
    rec.fact("etcd_size_bytes", format!("{size:.0}"), span.clone());
    rec.fact("etcd_metric", metric.clone(), span.clone());
    let share = size / ETCD_QUOTA_BYTES;
    let pct = (share * 100.0).round();
    let mut note = String::new();
    if let Some(minor) = k8s_minor(text, ctx) {
        let expected = etcd_metric_for(minor);
        if expected != metric {
            note = format!(" (On Kubernetes 1.{minor} the metric to read is {expected}.)");
        }
    }
    let size_h = human_bytes(size);
    if share >= 0.9 {
        rec.symptoms.push(("etcd-space-exceeded", span.clone()));
        rec.finding(
            "etcd-object-leak",
            Effect::Confirms,
            format!("The etcd database is {size_h}, {pct}% of the 4 GiB quota: objects are piling up.{note}"),
            vec![span],
        );
    } else if share >= 0.5 {
        rec.finding("etcd-object-leak", Effect::Supports, format!("The etcd database is {size_h}, {pct}% of the 4 GiB quota.{note}"), vec![span]);
    } else if share >= 0.25 {
        rec.finding("etcd-object-leak", Effect::NoConclusion, format!("The etcd database is {size_h} ({pct}% of the quota): not full, but check object counts.{note}"), vec![span]);
    } else {
        rec.finding("etcd-object-leak", Effect::RulesOut, format!("The etcd database is only {size_h} ({pct}% of the quota).{note}"), vec![span]);
    }
    vec![rec]
}

/// Reads `helm history` (revision rows) and `helm list` (REVISION column).
pub fn helm_history(text: &str) -> Vec<Recognition> {
    let mut out = Vec::new();
    for table in find_tables(text, &["REVISION", "UPDATED", "STATUS", "CHART"]) {
        if table.rows.is_empty() {
            continue;
        }
        let is_list = table.column("NAME").is_some();
        if is_list {
            let mut rec = Recognition::new("helm-history", "helm list output", table.span());
            let mut worst: Option<(u32, String, std::ops::Range<usize>)> = None;
            for row in &table.rows {
                let rev = table.cell(row, "REVISION").and_then(|c| c.text.parse::<u32>().ok()).unwrap_or(0);
                let name = table.cell(row, "NAME").map(|c| c.text.clone()).unwrap_or_default();
                if worst.as_ref().is_none_or(|w| rev > w.0) {
                    worst = Some((rev, name, row.span.clone()));
                }
            }
            let Some((rev, name, span)) = worst else { continue };
            rec.fact("release", name.clone(), span.clone());
            if rev > 50 {
                rec.finding("helm-history", Effect::Supports, format!("Release {name} is at revision {rev}; unless --history-max is set, every revision is still stored."), vec![span]);
            } else {
                rec.finding("helm-history", Effect::RulesOut, format!("No release is past revision {rev}: Helm history is small."), vec![span]);
            }
            out.push(rec);
            continue;
        }
        let count = table.rows.len();
        let mut rec = Recognition::new("helm-history", "helm history output", table.span());
        rec.fact("helm_revisions", count.to_string(), table.span());
        let ev = vec![table.span()];
        // A pasted tail (or `helm history --max`) shows few rows of a long
        // history: the highest revision number tells how long it has grown.
        let highest = table.rows.iter().filter_map(|row| table.cell(row, "REVISION").and_then(|c| c.text.parse::<u32>().ok())).max().unwrap_or(0);
        if count <= 50 && highest > 50 {
            rec.finding("helm-history", Effect::Supports, format!("The release is at revision {highest}; unless --history-max is set, every revision is still stored as a Secret."), ev);
        } else if count > 50 {
            rec.finding("helm-history", Effect::Confirms, format!("The release keeps {count} revisions; each is an object the API server and etcd must hold."), ev);
        } else if count > 10 {
            rec.finding("helm-history", Effect::Supports, format!("The release keeps {count} revisions; set --history-max to cap it."), ev);
        } else {
            rec.finding("helm-history", Effect::RulesOut, format!("The release keeps only {count} revisions."), ev);
        }
        out.push(rec);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_by_version() {
        assert_eq!(etcd_metric_for(25), "etcd_db_total_size_in_bytes");
        assert_eq!(etcd_metric_for(27), "apiserver_storage_db_total_size_in_bytes");
        assert_eq!(etcd_metric_for(30), "apiserver_storage_size_bytes");
    }

    #[test]
    fn etcd_size_near_quota_confirms() {
        let text = "apiserver_storage_db_total_size_in_bytes{endpoint=\"https://10.0.0.1:2379\"} 4.1e+09\n";
        let r = etcd_metrics(text, &Context::default());
        assert_eq!(r[0].findings[0].effect, Effect::Confirms);
    }
}
