//! `observer watch` against a small HTTP server on 127.0.0.1, started by the test, whose feeds
//! and pages change between polls: conditional requests, the User-Agent, the per-host delay,
//! retries of a failing page, a slow feed given up after the timeout, a malformed feed and a
//! response that is not HTTP at all, summary-only items completed from their linked page (or
//! coded from the summary when the page fails), and no item coded twice across restarts.

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server answers on one path.
#[derive(Clone)]
enum Route {
    /// 200 with this content type and body, and this ETag (304 when the request names it).
    Ok {
        content_type: &'static str,
        body: String,
        etag: &'static str,
    },
    /// An error status.
    Status(u16),
    /// The right answer, but only after a long wait.
    Slow(Duration),
    /// Bytes that are not an HTTP response.
    Garbage,
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    user_agent: String,
    at: Instant,
}

#[derive(Clone, Default)]
struct Server {
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts serving on a free port of 127.0.0.1; returns the base URL.
    fn start(&self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = self.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let server = server.clone();
                thread::spawn(move || server.answer(stream));
            }
        });
        base
    }

    fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    fn requests(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|seen| seen.path == path)
            .count()
    }

    fn answer(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        let mut headers = HashMap::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
            }
        }
        self.seen.lock().unwrap().push(Seen {
            path: path.clone(),
            user_agent: headers.get("user-agent").cloned().unwrap_or_default(),
            at: Instant::now(),
        });
        let route = self.routes.lock().unwrap().get(&path).cloned();
        let mut stream = stream;
        let response = match route {
            None => respond(404, "text/plain", "", "not found"),
            Some(Route::Status(code)) => respond(code, "text/plain", "", "error"),
            Some(Route::Garbage) => b"\x00\x01 this is not HTTP \xff\r\n\r\n".to_vec(),
            Some(Route::Slow(wait)) => {
                thread::sleep(wait);
                respond(200, "application/rss+xml", "", "<rss></rss>")
            }
            Some(Route::Ok {
                content_type,
                body,
                etag,
            }) => {
                if headers.get("if-none-match").map(String::as_str) == Some(etag) {
                    respond(304, content_type, etag, "")
                } else {
                    respond(200, content_type, etag, &body)
                }
            }
        };
        let _ = stream.write_all(&response);
    }
}

fn respond(code: u16, content_type: &str, etag: &str, body: &str) -> Vec<u8> {
    let etag = if etag.is_empty() {
        String::new()
    } else {
        format!("ETag: {etag}\r\n")
    };
    format!(
        "HTTP/1.1 {code} X\r\nContent-Type: {content_type}\r\n{etag}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn item(guid: &str, title: &str, link: &str, description: &str, content: Option<&str>) -> String {
    let content = content
        .map(|html| format!("<content:encoded><![CDATA[{html}]]></content:encoded>"))
        .unwrap_or_default();
    format!(
        "<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid>\
         <pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate><description>{description}</description>{content}</item>"
    )
}

fn feed(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Valley Herald</title><link>https://valley-herald.example/</link>{}</channel></rss>",
        items.concat()
    )
}

const PAGE_B: &str = "<html><head><title>Border crossing reopens after shelling</title>\
    <meta property=\"og:site_name\" content=\"Valley Herald\"></head><body>\
    <nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><article><h1>Border crossing reopens after shelling</h1>\
    <p>The border crossing at Dunmar reopened on Monday, two days after shelling damaged the customs building, \
    the interior ministry said.</p><p>The ministry said repairs would take several weeks and that trucks would be \
    inspected in temporary tents in the meantime.</p></article></body></html>";

#[test]
fn watch_codes_new_items_once_politely_and_survives_failures_and_restarts() {
    let server = Server::default();
    let base = server.start();
    let a = item(
        "vh-1",
        "Army says it repelled attack on hill positions",
        &format!("{base}/pages/a"),
        "Short summary.",
        Some(
            "<p>The army said on Monday it had repelled an attack by rebel fighters on its positions in the hills above Dunmar, killing four of them.</p>",
        ),
    );
    let b = item(
        "vh-2",
        "Border crossing reopens after shelling",
        &format!("{base}/pages/b"),
        "The crossing reopened on Monday.",
        None,
    );
    let c = item(
        "vh-3",
        "Mayor calls for talks with protesters",
        &format!("{base}/pages/c"),
        "The mayor of Dunmar called on Monday for talks with protesters who have blocked the main road for a week.",
        None,
    );
    let d = item(
        "vh-4",
        "Students march against conscription",
        &format!("{base}/pages/d"),
        "Hundreds of students marched through Dunmar on Monday against a new conscription law, police said.",
        None,
    );
    server.route(
        "/feed.rss",
        Route::Ok {
            content_type: "application/rss+xml",
            body: feed(&[a.clone(), b.clone(), c.clone(), d.clone()]),
            etag: "\"v1\"",
        },
    );
    server.route(
        "/pages/b",
        Route::Ok {
            content_type: "text/html; charset=utf-8",
            body: PAGE_B.to_string(),
            etag: "\"b\"",
        },
    );
    server.route("/pages/c", Route::Status(503));
    server.route("/pages/d", Route::Garbage);
    server.route("/slow.rss", Route::Slow(Duration::from_secs(3)));
    server.route(
        "/bad.rss",
        Route::Ok {
            content_type: "application/rss+xml",
            body: "<rss><channel><item>".into(),
            etag: "\"x\"",
        },
    );

    let sandbox = Sandbox::new();
    let feed_url = format!("{base}/feed.rss");
    let slow_url = format!("{base}/slow.rss");
    let bad_url = format!("{base}/bad.rss");
    let watch = |feeds: &[&str]| {
        let mut args = vec![
            "watch",
            "--once",
            "--timeout",
            "400ms",
            "--host-delay",
            "50ms",
            "--retries",
            "1",
            "--backoff",
            "10ms",
        ];
        args.extend_from_slice(feeds);
        sandbox.run(&args)
    };

    // First poll: four new items; one feed too slow, one malformed.
    let (code, _, stderr) = watch(&[&feed_url, &slow_url, &bad_url]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{feed_url}: 4 new items (1 from the linked page, 2 from the feed summary)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("ingested 4 articles (4 new, 0 updated, 0 unchanged)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{slow_url} feed not fetched:")),
        "{stderr}"
    );
    assert!(stderr.contains("(after 2 attempts)"), "{stderr}");
    assert!(
        stderr.contains(&format!("{bad_url} not a valid RSS or Atom feed")),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "HTTP status 503 Service Unavailable (after 2 attempts); coded from the feed summary"
        ),
        "{stderr}"
    );
    assert_eq!(
        server.requests("/pages/a"),
        0,
        "the feed's full text needs no page"
    );
    assert_eq!(server.requests("/pages/b"), 1);
    assert_eq!(
        server.requests("/pages/c"),
        2,
        "a failing page is retried once"
    );

    let seen = server.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .all(|request| request.user_agent.starts_with("Observer/")),
        "{seen:?}"
    );
    // One host: the requests are spread at least the delay apart (measured over all of them,
    // so that the server's own scheduling cannot blur one gap).
    let first = seen.iter().map(|request| request.at).min().unwrap();
    let last = seen.iter().map(|request| request.at).max().unwrap();
    let least = Duration::from_millis(50) * (seen.len() as u32 - 1);
    assert!(
        last - first + Duration::from_millis(20) >= least,
        "{} requests in {:?}: {seen:?}",
        seen.len(),
        last - first
    );

    let (_, events, _) = sandbox.run(&["events", "--format", "jsonl", "--source", "valley herald"]);
    assert!(!events.is_empty());

    // Second poll, a new process: the feed is unchanged (304) and nothing is fetched or coded.
    let (code, _, stderr) = watch(&[&feed_url]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("{feed_url}: not modified")),
        "{stderr}"
    );
    assert!(stderr.contains("ingested 0 articles"), "{stderr}");
    assert_eq!(server.requests("/pages/b"), 1);

    // The feed changes: only the new item is fetched and coded.
    let e = item(
        "vh-5",
        "Ceasefire talks set for Thursday",
        &format!("{base}/pages/e"),
        "Envoys will meet on Thursday in Dunmar to discuss a ceasefire between the army and rebel groups, officials said.",
        None,
    );
    server.route(
        "/feed.rss",
        Route::Ok {
            content_type: "application/rss+xml",
            body: feed(&[e, a, b, c, d]),
            etag: "\"v2\"",
        },
    );
    let (code, _, stderr) = watch(&[&feed_url]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{feed_url}: 1 new item (0 from the linked page, 1 from the feed summary)"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    assert!(
        stderr.contains("HTTP status 404 Not Found; coded from the feed summary"),
        "{stderr}"
    );
    assert_eq!(server.requests("/pages/b"), 1);
    assert_eq!(server.requests("/pages/c"), 2);
}

#[test]
fn without_once_watch_polls_again_every_interval() {
    let server = Server::default();
    let base = server.start();
    let story = item(
        "rh-1",
        "Rebels free two aid workers",
        &format!("{base}/pages/1"),
        "Rebels freed two aid workers held for a month near the northern border, their agency said on Sunday.",
        None,
    );
    server.route(
        "/feed.rss",
        Route::Ok {
            content_type: "application/rss+xml",
            body: feed(&[story]),
            etag: "\"r1\"",
        },
    );
    let sandbox = Sandbox::new();
    let feed_url = format!("{base}/feed.rss");
    let mut watcher = std::process::Command::new(assert_cmd::cargo::cargo_bin("observer"))
        .args([
            "--db",
            &sandbox.db_arg(),
            "watch",
            "--every",
            "200ms",
            "--host-delay",
            "0s",
        ])
        .arg(&feed_url)
        .env("HOME", sandbox.path("home"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.requests("/feed.rss") < 3 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    assert!(
        server.requests("/feed.rss") >= 3,
        "the feed was not polled again"
    );
    assert_eq!(server.requests("/pages/1"), 1, "an item was fetched twice");
}

#[test]
fn watch_exits_non_zero_when_no_feed_answers() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}/feed.rss", listener.local_addr().unwrap());
    drop(listener);
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&[
        "watch",
        "--once",
        "--timeout",
        "300ms",
        "--retries",
        "0",
        &closed,
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{closed} feed not fetched:")),
        "{stderr}"
    );
}
