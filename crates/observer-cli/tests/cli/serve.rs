//! `observer serve`: it serves the database it is given on the address it is given, and refuses
//! a database it cannot serve.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::common::{Sandbox, seeded_articles};

/// GET `path` from `address` over plain HTTP/1.1; returns the whole response.
fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_answers_on_the_address_it_reports() {
    let sandbox = Sandbox::new();
    sandbox.seed(seeded_articles());
    // A std Command, to keep the server running while the test talks to it.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("observer"))
        .current_dir(sandbox.dir.path())
        .env_remove("OBSERVER_TOKEN")
        .env("HOME", sandbox.path("home"))
        .args(["--db", &sandbox.db_arg(), "serve", "--bind", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();
    assert!(address.starts_with("127.0.0.1:"), "{first}");
    let mut notes = String::new();
    stderr.read_line(&mut notes).unwrap();
    assert!(notes.contains("writes are disabled"), "{notes}");

    let stats = get(&address, "/api/stats");
    let events = get(&address, "/api/events?limit=1");
    let page = get(&address, "/");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stats.starts_with("HTTP/1.1 200"), "{stats}");
    assert!(
        stats.contains("\"events\":3") && stats.contains("\"writable\":false"),
        "{stats}"
    );
    assert!(events.contains("\"next_cursor\""), "{events}");
    assert!(
        page.contains("content-security-policy: default-src 'none'"),
        "{page}"
    );
}

#[test]
fn an_in_memory_database_cannot_be_served() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .bare()
        .args(["--db", ":memory:", "serve", "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("needs a database file or a PostgreSQL URL"),
        "{stderr}"
    );
}
