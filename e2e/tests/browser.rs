//! End-to-end tests: real headless Chromium (through chromedriver) against the
//! built site (`dist/`, made by `trunk build --release`) served on 127.0.0.1.
//!
//! Each test starts its own static server and chromedriver on free ports.
//! Run them one at a time (`--test-threads=1`): the machine has two cores.

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The built site.
fn dist() -> PathBuf {
    let dir = std::env::var_os("AKS_TRIAGE_DIST").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(dir.join("index.html").exists(), "no built site at {}: run `trunk build --release` first (scripts/test.sh does)", dir.display());
    dir
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A static file server on a free loopback port.
struct Site {
    server: Arc<tiny_http::Server>,
    base: String,
}

impl Site {
    fn start() -> Site {
        let root = dist();
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let s = server.clone();
        std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let path = req.url().split(['?', '#']).next().unwrap_or("/").trim_start_matches('/').to_string();
                let path = if path.is_empty() { "index.html".to_string() } else { path };
                let file = root.join(&path);
                let resp = if path.contains("..") || !file.is_file() {
                    tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                } else {
                    let data = std::fs::read(&file).unwrap_or_default();
                    let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type(&file).as_bytes()).expect("header");
                    tiny_http::Response::from_data(data).with_header(header)
                };
                let _ = req.respond(resp);
            }
        });
        Site { server, base: format!("http://127.0.0.1:{port}/") }
    }

    fn stop(&self) {
        self.server.unblock();
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// chromedriver on a free port, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn chromedriver() -> Driver {
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let child = Command::new(&bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e} (apt-get install chromium-driver; scripts/test.sh does)"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, url: format!("http://127.0.0.1:{port}") }
}

struct Session {
    client: Client,
    site: Site,
    _driver: Driver,
    _profile: TempDir,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn open(hash: &str) -> Session {
    let site = Site::start();
    let driver = chromedriver();
    let profile = std::env::temp_dir().join(format!("aks-triage-e2e-{}-{}", std::process::id(), free_port()));
    std::fs::create_dir_all(&profile).expect("profile dir");
    let origin = site.base.trim_end_matches('/').to_string();
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "profile.content_settings.exceptions.clipboard": { format!("{origin},*"): { "setting": 1 } }
            }
        }
    });
    let caps = match caps {
        serde_json::Value::Object(m) => m,
        _ => unreachable!(),
    };
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("connect to chromedriver");
    client.goto(&format!("{}{}", site.base, hash)).await.expect("open page");
    wait_for(&client, "main h1", "").await;
    Session { client, site, _driver: driver, _profile: TempDir(profile) }
}

/// Waits until an element matching `css` contains `text` (empty: exists).
async fn wait_for(c: &Client, css: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(els) = c.find_all(Locator::Css(css)).await {
            for el in els {
                if let Ok(t) = el.text().await {
                    if t.contains(text) {
                        return t;
                    }
                }
            }
        }
        if Instant::now() > deadline {
            let body = c.source().await.unwrap_or_default();
            panic!("timed out waiting for `{css}` containing {text:?}; page:\n{}", &body[..body.len().min(4000)]);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets the paste box (as a paste would) and lets the debounce settle.
/// What the clipboard holds (the page may read it: the test profile allows it).
async fn clipboard(c: &Client) -> serde_json::Value {
    c.execute_async("navigator.clipboard.readText().then(t => arguments[0](t), e => arguments[0]('ERR ' + e));", vec![]).await.expect("read clipboard")
}

/// What the paste box holds.
async fn paste_box(c: &Client) -> serde_json::Value {
    c.execute("return document.querySelector('#paste').value;", vec![]).await.expect("value")
}

async fn paste(c: &Client, text: &str) {
    c.execute(
        "const t = document.querySelector('#paste'); t.focus(); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::json!(text)],
    )
    .await
    .expect("paste");
}

/// Every resource the page loaded came from its own origin.
async fn assert_same_origin(s: &Session) {
    let urls = s.client.execute("return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);", vec![]).await.expect("entries");
    for u in urls.as_array().expect("array") {
        let u = u.as_str().unwrap_or("");
        assert!(u.starts_with(&s.site.base), "request to another origin: {u}");
    }
}

async fn hash(c: &Client) -> String {
    c.execute("return location.hash;", vec![]).await.expect("hash").as_str().unwrap_or("").to_string()
}

/// Waits until the page's hash starts with `prefix`.
async fn wait_for_hash(c: &Client, prefix: &str, why: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !hash(c).await.starts_with(prefix) {
        assert!(Instant::now() < deadline, "{why}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

const ERR_10250: &str = "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout";

#[tokio::test]
async fn paste_10250_timeout_shows_symptom_and_causes() {
    let s = open("#/").await;
    paste(&s.client, ERR_10250).await;
    wait_for(&s.client, ".symptoms a[href='#/symptom/kubelet-10250-timeout']", "").await;
    wait_for(&s.client, "mark", "dial tcp 10.240.0.4:10250").await;
    let list = wait_for(&s.client, ".cause-list", "").await;
    assert!(!list.is_empty());
    for id in ["nsg-blocks-10250", "ufw-blocks-10250", "iptables-blocks-10250"] {
        s.client.find(Locator::Css(&format!(".cause-list a[href='#/cause/{id}']"))).await.unwrap_or_else(|_| panic!("cause {id} listed"));
    }
    // A calm list: the reason every cause shares is said once, above it;
    // each score is a number; each rank says why it is below the one before.
    wait_for(&s.client, ".shared-reasons", "Consistent with").await;
    let repeated = s.client.execute("return [...document.querySelectorAll('.cause-list .reasons li')].filter(li => li.textContent.startsWith('Consistent with')).length;", vec![]).await.expect("count");
    assert_eq!(repeated.as_i64(), Some(0), "the shared reason is not repeated in every card");
    wait_for(&s.client, ".cause-head .score", "0.").await;
    wait_for(&s.client, ".cause-list .rank-note", "Below").await;
    wait_for(&s.client, "section.next h2", "Next check").await;
    assert_same_origin(&s).await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn ufw_output_confirms_ufw_and_shows_the_fix() {
    let s = open("#/").await;
    let ufw = "Enable succeeded:\n[stdout]\nStatus: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n\n[stderr]\n";
    paste(&s.client, &format!("{ERR_10250}\n\n{ufw}")).await;
    wait_for(&s.client, ".verdict-confirmed a[href='#/cause/ufw-blocks-10250']", "").await;
    wait_for(&s.client, ".badge.confirmed", "CONFIRMED").await;
    wait_for(&s.client, "section.fix", "ufw allow 10250").await;
    // The answer comes first; the paste folds to one line until "Edit".
    wait_for(&s.client, "section.answer", "UFW").await;
    let first = s.client.execute("return document.querySelector('.main-col').firstElementChild.className;", vec![]).await.expect("first");
    assert_eq!(first.as_str(), Some("answer"), "the summary card is the first thing in the main column");
    let hidden = s.client.execute("return document.querySelector('section.paste').hidden;", vec![]).await.expect("hidden");
    assert_eq!(hidden.as_bool(), Some(true), "the paste is folded");
    wait_for(&s.client, ".paste-folded", "Your paste").await;
    s.client.find(Locator::Css(".paste-folded button")).await.expect("Edit").click().await.expect("click");
    wait_for(&s.client, ".chip.output", "ufw status output").await;
    assert_same_origin(&s).await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn answering_a_question_then_going_back_keeps_the_answer() {
    let s = open("#/").await;
    // A slow API server: the first step is a yes/no question (the cluster's tier).
    let err = "Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get pods)";
    paste(&s.client, err).await;
    wait_for(&s.client, "section.next button.answer", "Yes").await;
    let question = wait_for(&s.client, "section.next h3", "").await;
    s.client.find(Locator::Css("section.next button.answer")).await.expect("yes button").click().await.expect("click yes");
    // The wizard moves to the next step, with a breadcrumb showing the answer.
    wait_for_hash(&s.client, "#/step/", "did not move to the next step").await;
    wait_for(&s.client, "nav.trail", "(yes)").await;
    wait_for(&s.client, "main h1", "").await;
    // Back returns to the results; the answer and the paste are still there.
    s.client.back().await.expect("back");
    wait_for(&s.client, "nav.trail", &question).await;
    let value = paste_box(&s.client).await;
    assert_eq!(value.as_str(), Some(err));
    // Forward goes to the step again.
    s.client.forward().await.expect("forward");
    wait_for_hash(&s.client, "#/step/", "forward did not return to the step").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn cause_deep_link_opens_directly() {
    let s = open("#/cause/authorized-ip-ranges").await;
    let h1 = wait_for(&s.client, "main h1", "").await;
    assert!(h1.to_lowercase().contains("authorized"), "heading: {h1}");
    wait_for(&s.client, "figure.code", "--api-server-authorized-ip-ranges").await;
    // The source is cited by the article's title and section, not a file name.
    let source = wait_for(&s.client, ".source", "section").await;
    assert!(!source.contains(".txt"), "source cites a file name: {source}");
    // The heading has focus, for keyboard and screen-reader users.
    let focused = s.client.execute("return document.activeElement.tagName;", vec![]).await.expect("focus");
    assert_eq!(focused.as_str(), Some("H1"));
    s.client.close().await.ok();
}

#[tokio::test]
async fn query_link_prefills_and_diagnoses() {
    let q = "Unable%20to%20connect%20to%20the%20server%3A%20dial%20tcp%2020.62.1.9%3A443%3A%20i%2Fo%20timeout";
    let s = open(&format!("#/?q={q}")).await;
    wait_for(&s.client, ".symptoms a[href='#/symptom/apiserver-unreachable']", "").await;
    let value = paste_box(&s.client).await;
    assert_eq!(value.as_str(), Some("Unable to connect to the server: dial tcp 20.62.1.9:443: i/o timeout"));
    wait_for(&s.client, ".cause-list a[href='#/cause/authorized-ip-ranges']", "").await;
    // Nothing in this error shows AKS: it is recognised wording, not yet an
    // AKS symptom, until the user says the cluster is AKS.
    wait_for(&s.client, "section.paste h2", "not yet shown to be AKS").await;
    s.client.find(Locator::Css("button.said-aks")).await.expect("It is AKS button").click().await.expect("click");
    wait_for(&s.client, "section.paste h2", "Symptoms").await;
    wait_for(&s.client, ".trail", "The cluster is AKS").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn typed_parameter_fills_commands_and_is_remembered() {
    let s = open("#/cause/ufw-blocks-10250").await;
    let input = s.client.find(Locator::Css("#param-node_resource_group")).await.expect("field");
    input.send_keys("MC_demo_rg").await.expect("type");
    wait_for(&s.client, "figure.code .param.user", "MC_demo_rg").await;
    // Still unfilled parameters stay visibly marked.
    wait_for(&s.client, "figure.code .param.missing", "<vmss_name>").await;
    s.client.refresh().await.expect("reload");
    wait_for(&s.client, "figure.code .param.user", "MC_demo_rg").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn copy_button_copies_and_says_copied() {
    let s = open("#/cause/ufw-blocks-10250").await;
    let button = s.client.find(Locator::Css("figure.code button.copy")).await.expect("copy button");
    // The command still has placeholders: the first press warns.
    button.click().await.expect("click");
    wait_for(&s.client, "figure.code button.copy", "copy anyway?").await;
    button.click().await.expect("click again");
    wait_for(&s.client, "figure.code button.copy", "Copied").await;
    let clip = clipboard(&s.client).await;
    assert!(clip.as_str().unwrap_or("").contains("ufw allow 10250"), "clipboard: {clip}");
    s.client.close().await.ok();
}

#[tokio::test]
async fn hostile_paste_is_shown_as_text_and_runs_nothing() {
    let s = open("#/").await;
    let hostile = format!("<script>window.__pwned=1;alert(1)</script><img src=x onerror=\"window.__pwned=2;alert(2)\">\n{ERR_10250}");
    paste(&s.client, &hostile).await;
    let shown = wait_for(&s.client, "pre.highlighted", "<script>").await;
    assert!(shown.contains("<img src=x onerror="));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(s.client.get_alert_text().await.is_err(), "an alert opened");
    let check = s.client.execute("return [document.querySelectorAll('main img, main script').length, window.__pwned === undefined];", vec![]).await.expect("check");
    assert_eq!(check, serde_json::json!([0, true]));
    assert_same_origin(&s).await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn typing_updates_results_without_reload_and_nothing_recognised_is_explained() {
    let s = open("#/").await;
    let area = s.client.find(Locator::Css("#paste")).await.expect("textarea");
    area.send_keys("hello, nothing wrong here").await.expect("type");
    wait_for(&s.client, "section.start h2", "Nothing recognised").await;
    area.send_keys("\nError from server (Forbidden): pods is forbidden: User \"system:serviceaccount:ci:builder\" cannot list resource \"pods\" in API group \"\" in the namespace \"prod\"").await.expect("type more");
    wait_for(&s.client, ".symptoms a[href='#/symptom/apiserver-forbidden']", "").await;
    wait_for(&s.client, "section.fix", "builder").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn works_offline_after_the_first_visit() {
    let s = open("#/").await;
    // Wait for the service worker to take control of the page.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let controlled = s.client.execute("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);", vec![]).await.expect("sw");
        if controlled.as_bool() == Some(true) {
            break;
        }
        assert!(Instant::now() < deadline, "the service worker never controlled the page");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    s.site.stop();
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.client.refresh().await.expect("reload offline");
    wait_for(&s.client, "main h1", "Diagnose").await;
    paste(&s.client, ERR_10250).await;
    wait_for(&s.client, ".symptoms a[href='#/symptom/kubelet-10250-timeout']", "").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn a_sentence_gets_related_causes_with_their_basis_and_the_search_box_finds_causes() {
    let s = open("#/").await;
    // A written report with no error form: related causes, labelled as such.
    paste(&s.client, "The API server is a bottleneck during our nightly deployments and kubectl gets very slow").await;
    wait_for(&s.client, "section.start h2", "Nothing recognised").await;
    wait_for(&s.client, ".cause-head .basis-related", "related by search").await;
    wait_for(&s.client, ".cause-head a[href='#/cause/free-tier-control-plane']", "").await;
    // The search box ranks causes by their words, endings folded.
    let search = s.client.find(Locator::Css("#search-causes")).await.expect("search box");
    search.send_keys("authorized ip ranges").await.expect("type");
    wait_for(&s.client, ".search-results a[href='#/cause/authorized-ip-ranges']", "").await;
    // Symptoms too, in the words people use: "times out" meets "time-out".
    search.clear().await.expect("clear");
    search.send_keys("kubectl logs times out").await.expect("type");
    wait_for(&s.client, ".search-results a[href='#/symptom/kubelet-10250-timeout']", "").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn reload_mid_wizard_keeps_the_paste_and_the_steps() {
    let s = open("#/?q=Unable%20to%20connect%20to%20the%20server%3A%20dial%20tcp%2020.62.1.9%3A443%3A%20i%2Fo%20timeout").await;
    wait_for(&s.client, "section.paste h2", "not yet shown to be AKS").await;
    s.client.find(Locator::Css("button.said-aks")).await.expect("It is AKS button").click().await.expect("click");
    wait_for(&s.client, ".trail", "The cluster is AKS").await;
    s.client.goto(&format!("{}#/", s.client.current_url().await.expect("url").as_str().split('#').next().unwrap_or(""))).await.expect("home");
    s.client.refresh().await.expect("reload");
    // The paste, the step taken and the diagnosis are all back.
    wait_for(&s.client, ".symptoms a[href='#/symptom/apiserver-unreachable']", "").await;
    wait_for(&s.client, ".trail", "The cluster is AKS").await;
    let value = paste_box(&s.client).await;
    assert_eq!(value.as_str(), Some("Unable to connect to the server: dial tcp 20.62.1.9:443: i/o timeout"));
    s.client.close().await.ok();
}

/// A multi-block incident, as the phone check pastes it.
const MULTI_BLOCK: &str = "Error from server: Get \"https://aks-nodepool1-12345678-vmss000002:10250/containerLogs/default/web-7d9c6b5f4-x2x9q/web?follow=true\": dial tcp 10.224.0.6:10250: i/o timeout\n\n$ kubectl get pods -n kube-system -o wide\nNAME                                  READY   STATUS             RESTARTS        AGE   IP            NODE                                NOMINATED NODE   READINESS GATES\nkonnectivity-agent-5c9d8b7f6d-abcde   0/1     CrashLoopBackOff   27 (3m12s ago)  5d    10.224.0.31   aks-nodepool1-12345678-vmss000000   <none>           <none>\n";

#[tokio::test]
async fn no_page_is_wider_than_a_phone() {
    let s = open("#/").await;
    let overflow = "return document.documentElement.scrollWidth - window.innerWidth;";
    for width in [360u32, 390] {
        s.client.set_window_size(width, 844).await.expect("resize");
        for (hash, ready) in [("#/", "main h1"), ("#/cause/snat-exhaustion", "article.cause-page"), ("#/browse", "ul.index"), ("#/step/nc-egress-443", "p.back")] {
            s.client.execute(&format!("location.hash = '{hash}';"), vec![]).await.expect("go");
            wait_for(&s.client, ready, "").await;
            if hash == "#/" {
                paste(&s.client, MULTI_BLOCK).await;
                wait_for(&s.client, ".cause-list", "").await;
            }
            let over = s.client.execute(overflow, vec![]).await.expect("measure");
            assert!(over.as_i64().unwrap_or(1) <= 0, "{hash} at {width}px is {over}px wider than the viewport");
        }
    }
    s.client.close().await.ok();
}

#[tokio::test]
async fn a_value_filled_at_the_command_fills_it_and_the_parameters_panel() {
    let s = open("#/cause/ufw-blocks-10250").await;
    // The missing value is asked for right at the command, with how to find it.
    wait_for(&s.client, "figure.code .fill-here label", "Node resource group").await;
    wait_for(&s.client, "figure.code .fill-here .find", "nodeResourceGroup").await;
    s.client
        .execute(
            "const i = document.querySelector(\"figure.code .fill-here input[id$='-node_resource_group']\"); i.value = 'MC_demo_rg'; i.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("fill");
    wait_for(&s.client, "figure.code .param.user", "MC_demo_rg").await;
    let panel = s.client.execute("return document.querySelector('#param-node_resource_group').value;", vec![]).await.expect("panel");
    assert_eq!(panel.as_str(), Some("MC_demo_rg"), "the Parameters panel shows the value filled at the command");
    s.client.close().await.ok();
}

#[tokio::test]
async fn clear_all_asks_nothing_and_can_be_undone() {
    let s = open("#/").await;
    paste(&s.client, ERR_10250).await;
    wait_for(&s.client, ".symptoms a[href='#/symptom/kubelet-10250-timeout']", "").await;
    s.client.find(Locator::XPath("//button[text()='Clear all']")).await.expect("Clear all").click().await.expect("click");
    let value = paste_box(&s.client).await;
    assert_eq!(value.as_str(), Some(""), "cleared at once, no question asked");
    s.client.find(Locator::Css("button.undo")).await.expect("Undo clear").click().await.expect("undo");
    wait_for(&s.client, ".symptoms a[href='#/symptom/kubelet-10250-timeout']", "").await;
    let value = paste_box(&s.client).await;
    assert_eq!(value.as_str(), Some(ERR_10250));
    s.client.close().await.ok();
}

#[tokio::test]
async fn a_pasted_output_is_read_aloud_or_refused_and_the_step_stays() {
    let s = open("#/step/nc-egress-443").await;
    wait_for(&s.client, "textarea.output", "").await;
    let fill = |text: &'static str| {
        format!("const t = document.querySelector('textarea.output'); t.value = {}; t.dispatchEvent(new Event('input', {{ bubbles: true }}));", serde_json::json!(text))
    };
    s.client.execute(&fill("bash: nc: command not found"), vec![]).await.expect("paste");
    s.client.find(Locator::Css("section.step button.primary")).await.expect("read").click().await.expect("click");
    wait_for(&s.client, "section.step p.error", "did not run").await;
    assert!(hash(&s.client).await.starts_with("#/step/nc-egress-443"), "the step stays open");
    // A readable output moves on, and the next page says what it concluded.
    s.client.execute("location.hash = '#/step/ufw-status';", vec![]).await.expect("go");
    wait_for(&s.client, "h1", "UFW").await;
    s.client.execute(&fill("Status: active\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n"), vec![]).await.expect("paste");
    s.client.find(Locator::Css("section.step button.primary")).await.expect("read").click().await.expect("click");
    wait_for(&s.client, ".reading", "confirms").await;
    s.client.close().await.ok();
}

#[tokio::test]
async fn copy_report_is_markdown_and_redacted_by_default() {
    let s = open("#/").await;
    paste(&s.client, ERR_10250).await;
    wait_for(&s.client, "section.report", "Hand it on").await;
    s.client.find(Locator::Css("section.report button.copy")).await.expect("copy report").click().await.expect("click");
    wait_for(&s.client, "section.report button.copy", "Copied").await;
    let clip = clipboard(&s.client).await;
    let clip = clip.as_str().unwrap_or("");
    assert!(clip.starts_with("## AKS triage") && clip.contains("kubelet-10250-timeout"), "report: {clip}");
    assert!(!clip.contains("10.240.0.4") && clip.contains("<ip-1>"), "the address is redacted: {clip}");
    s.client.close().await.ok();
}

#[tokio::test]
async fn parameters_fold_on_a_phone_and_stay_open_on_a_laptop() {
    let s = open("#/").await;
    let open_now = "return document.querySelector('details.params-box').open;";
    assert_eq!(s.client.execute(open_now, vec![]).await.expect("open?").as_bool(), Some(true), "open at 1280 px");
    s.client.set_window_size(390, 844).await.expect("resize");
    s.client.refresh().await.expect("reload");
    wait_for(&s.client, "details.params-box", "").await;
    assert_eq!(s.client.execute(open_now, vec![]).await.expect("open?").as_bool(), Some(false), "folded at 390 px");
    s.client.close().await.ok();
}
