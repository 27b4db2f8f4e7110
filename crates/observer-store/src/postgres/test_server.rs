//! A throw-away PostgreSQL server for tests (feature `test-server`): `initdb` into a new
//! temporary directory, `pg_ctl start` on a free loopback port, and stop and delete it all at
//! the end.
//!
//! The server is tied to the test process by a "lifeline": a small shell script starts it, then
//! blocks reading a pipe whose writing end only the test process holds. When that end closes
//! (the [`TestServer`] is dropped, or the process ends in any way, even killed) the script stops
//! the server and deletes its directory. So a server kept in a `static` ([`TestServer::shared`])
//! is cleaned up too.
//!
//! The binaries are looked for on `PATH`, in `/usr/local/bin` and in `/usr/lib/postgresql/*/bin`
//! (Debian's layout). PostgreSQL refuses to run as root, so as root the server runs as the
//! `postgres` user, or `nobody` when there is none.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The superuser that `initdb` creates; connections from the loopback are trusted.
const SUPERUSER: &str = "observer";

/// Starts the server, reports `ready` on standard output, waits for standard input to close,
/// then stops the server and deletes its directory. Arguments: pg_ctl, data dir, port, root dir.
const LIFELINE_SCRIPT: &str = r#"
pg_ctl=$1 data=$2 port=$3 root=$4
options="-h 127.0.0.1 -p $port -k '$root' -F -c full_page_writes=off -c synchronous_commit=off"
if "$pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 -o "$options" start >/dev/null 2>&1
then
    echo ready
    read -r _
    "$pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
else
    cat "$root/server.log" >&2
fi
rm -rf "$root"
"#;

/// A running PostgreSQL server on `127.0.0.1:`[`TestServer::port`].
pub struct TestServer {
    port: u16,
    /// The shell script that owns the server; it cleans up once `lifeline` is closed.
    guardian: Child,
    lifeline: Mutex<Option<ChildStdin>>,
}

impl TestServer {
    /// Creates and starts a new server. Fails with a message saying what to install when the
    /// PostgreSQL binaries are missing.
    pub fn start() -> Result<TestServer, String> {
        let bin = find_binaries()?;
        let root = std::env::temp_dir().join(format!(
            "observer-pg-{}-{}-{}",
            std::process::id(),
            SERVERS.fetch_add(1, Ordering::Relaxed),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |time| time.subsec_nanos())
        ));
        std::fs::create_dir(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
        let owner = server_owner(&root)?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(&root, Some(uid), Some(gid))
                .map_err(|e| format!("cannot hand {} to uid {uid}: {e}", root.display()))?;
        }
        let as_owner = |program: &Path| {
            let mut command = Command::new(program);
            command.current_dir(&root);
            if let Some((uid, gid)) = owner {
                command.uid(uid).gid(gid);
            }
            command
        };

        let data = root.join("data");
        let initdb = as_owner(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C"])
            .arg("--no-sync")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.join("initdb").display()))?;
        if !initdb.status.success() {
            let _ = std::fs::remove_dir_all(&root);
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&initdb.stderr)
            ));
        }

        let port = free_port()?;
        let mut guardian = as_owner(Path::new("sh"))
            .arg("-c")
            .arg(LIFELINE_SCRIPT)
            .arg("sh")
            .arg(bin.join("pg_ctl"))
            .arg(&data)
            .arg(port.to_string())
            .arg(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run sh to start PostgreSQL: {e}"))?;
        let mut line = String::new();
        if let Some(stdout) = guardian.stdout.take() {
            // An error reading leaves `line` empty, which is handled below.
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        if line.trim() != "ready" {
            let mut log = String::new();
            if let Some(mut stderr) = guardian.stderr.take() {
                let _ = stderr.read_to_string(&mut log);
            }
            let _ = guardian.wait();
            return Err(format!(
                "PostgreSQL did not start on 127.0.0.1:{port}; its log:\n{log}"
            ));
        }
        let lifeline = Mutex::new(guardian.stdin.take());
        Ok(TestServer {
            port,
            guardian,
            lifeline,
        })
    }

    /// One server for the whole test process, started on first use and cleaned up when the
    /// process ends.
    pub fn shared() -> Result<&'static TestServer, String> {
        static SHARED: OnceLock<Result<TestServer, String>> = OnceLock::new();
        SHARED
            .get_or_init(TestServer::start)
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates a new empty database and returns its URL.
    pub fn create_database(&self) -> Result<String, String> {
        static DATABASES: AtomicUsize = AtomicUsize::new(0);
        let name = format!("test_{}", DATABASES.fetch_add(1, Ordering::Relaxed));
        let mut admin = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .map_err(|e| format!("cannot connect to the test server: {e:?}"))?;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("cannot create database {name}: {e:?}"))?;
        Ok(self.url(&name))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Closing the lifeline makes the script stop the server and delete its directory.
        if let Ok(mut lifeline) = self.lifeline.lock() {
            lifeline.take();
        }
        let _ = self.guardian.wait();
    }
}

/// Servers started by this process, to name their directories apart.
static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// The first directory holding both `initdb` and `pg_ctl`.
fn find_binaries() -> Result<PathBuf, String> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    candidates.push(PathBuf::from("/usr/local/bin"));
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versions.sort_by_key(|(version, _)| std::cmp::Reverse(*version));
    candidates.extend(versions.into_iter().map(|(_, dir)| dir));
    candidates
        .into_iter()
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
        .ok_or_else(|| {
            "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH, in /usr/local/bin \
             or in /usr/lib/postgresql/*/bin; these tests need them: install PostgreSQL \
             (Debian: apt-get install postgresql)"
                .to_string()
        })
}

/// The user and group to run the server as: `None` to run it as ourselves, unless we are root,
/// which PostgreSQL refuses. `probe` is a directory we just created, so its owner is our uid.
fn server_owner(probe: &Path) -> Result<Option<(u32, u32)>, String> {
    let our_uid = std::fs::metadata(probe)
        .map_err(|e| format!("cannot read {}: {e}", probe.display()))?
        .uid();
    if our_uid != 0 {
        return Ok(None);
    }
    let passwd = std::fs::read_to_string("/etc/passwd")
        .map_err(|e| format!("cannot read /etc/passwd to find a user for PostgreSQL: {e}"))?;
    let user = |name: &str| {
        passwd.lines().find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            match fields.as_slice() {
                [user, _, uid, gid, ..] if *user == name => {
                    Some((uid.parse().ok()?, gid.parse().ok()?))
                }
                _ => None,
            }
        })
    };
    user("postgres")
        .or_else(|| user("nobody"))
        .map(Some)
        .ok_or_else(|| {
            "running as root, and there is neither a `postgres` nor a `nobody` user to run \
             PostgreSQL as"
                .to_string()
        })
}

/// A loopback port nothing listens on right now.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("cannot find a free loopback port: {e}"))
}
