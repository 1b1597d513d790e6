//! `dossier serve` against hostile and heavy clients on loopback: more
//! traversal encodings (overlong UTF-8, absolute URLs in the request line),
//! huge headers, idle and trickling clients (cut off after 10 s), many
//! concurrent clients, with rebuilds going on, and a ten-second load of
//! 200 clients. It must answer every valid request correctly, keep
//! serving, and keep its memory flat.

use crate::fixtures::{files_under, Site};
use crate::live::{http, try_http, Server, PATIENCE};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn serve() -> (Site, Server) {
    let site = Site::from_fixture("small-site");
    let mut server = Server::start(&site, &[]);
    server.process.wait_until_watching(&site);
    (site, server)
}

/// Sends `request` as is and returns the status (0 when the server closed
/// the connection without one).
fn raw_status(port: u16, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.set_write_timeout(Some(PATIENCE)).unwrap();
    // The server may close early on a request it refuses.
    let _ = stream.write_all(request);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn overlong_utf8_and_absolute_urls_serve_nothing_from_outside() {
    let (site, server) = serve();
    std::fs::write(site.temp().join("secret.txt"), "SECRET-9d2e").unwrap();
    site.write("secret.txt", "SECRET-9d2e");
    for target in [
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/..\\secret.txt",
        "/briefs/..\\..\\secret.txt",
        "http://127.0.0.1/../secret.txt",
        "http://evil.example/../../secret.txt",
        "//secret.txt",
        "/./../secret.txt",
    ] {
        let response = http(server.port, "GET", target);
        // 421: an absolute target naming another host (see serve.rs).
        assert!(
            [400, 404, 421].contains(&response.status),
            "GET {target}: status {}",
            response.status
        );
        assert!(!response.text().contains("SECRET-9d2e"), "GET {target}");
    }
    assert_eq!(http(server.port, "GET", "/").status, 200);
}

#[test]
fn huge_headers_are_refused_and_the_server_keeps_serving() {
    let (_site, server) = serve();
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let status = raw_status(server.port, huge.as_bytes());
    assert!(
        status == 0 || status == 431 || status == 400,
        "a 1 MB header got status {status}"
    );
    let many = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}Connection: close\r\n\r\n",
        (0..5000)
            .map(|i| format!("X-H{i}: v\r\n"))
            .collect::<String>()
    );
    let status = raw_status(server.port, many.as_bytes());
    assert!(
        status == 0 || status == 431 || status == 400,
        "5,000 headers got status {status}"
    );
    assert_eq!(http(server.port, "GET", "/").status, 200);
}

#[test]
fn idle_connections_do_not_stop_others_from_being_served() {
    let (_site, server) = serve();
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // Half a request line, then nothing.
    for mut stream in &idle {
        let _ = stream.write_all(b"GET /brie");
    }
    for _ in 0..5 {
        assert_eq!(http(server.port, "GET", "/briefs/").status, 200);
    }
    drop(idle);
}

/// Slow clients — one that stops halfway through its request line, one
/// that trickles its headers a byte every 200 ms — are cut off once they
/// have taken the server's header timeout (10 s) without finishing, and
/// others are served all the while.
#[test]
fn clients_too_slow_to_send_their_headers_are_cut_off() {
    let (_site, server) = serve();
    let port = server.port;
    let started = Instant::now();
    let stalled = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(b"GET /brie").unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut rest = Vec::new();
        // Ends at the server's close (or a reset); a timeout would be an error.
        match stream.read_to_end(&mut rest) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                panic!("the stalled connection was still open after 30 s")
            }
            _ => started.elapsed(),
        }
    });
    let trickling = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let request = b"GET /briefs/ HTTP/1.1\r\nHost: x\r\nX-Slow: "
            .iter()
            .chain(std::iter::repeat(&b'a'));
        for byte in request.take(150) {
            if stream.write_all(&[*byte]).is_err() {
                return started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("the trickling client could send for 30 s")
    });
    for _ in 0..5 {
        assert_eq!(http(port, "GET", "/briefs/").status, 200);
    }
    for (what, client) in [("stalled", stalled), ("trickling", trickling)] {
        let cut = client.join().unwrap();
        assert!(
            cut >= Duration::from_secs(9) && cut <= Duration::from_secs(20),
            "the {what} client was cut off after {cut:?}"
        );
    }
    assert_eq!(http(port, "GET", "/briefs/").status, 200);
}

#[test]
fn many_concurrent_clients_get_every_page_right_during_rebuilds() {
    let (site, server) = serve();
    let out = site.out();
    let pages: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        files_under(&out)
            .into_iter()
            .filter(|f| f.ends_with(".css") || f.ends_with(".js") || f.ends_with(".xml"))
            // The search index follows the edited body.
            .filter(|f| !f.starts_with("search/"))
            .map(|f| {
                let bytes = std::fs::read(out.join(&f)).unwrap();
                (format!("/{f}"), bytes)
            })
            .collect(),
    );
    assert!(!pages.is_empty());
    let errors = Arc::new(AtomicUsize::new(0));
    let served = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..100)
        .map(|client| {
            let (pages, errors, served) = (pages.clone(), errors.clone(), served.clone());
            let port = server.port;
            std::thread::spawn(move || {
                for round in 0..20 {
                    let (path, bytes) = &pages[(client * 7 + round) % pages.len()];
                    let response = http(port, "GET", path);
                    if response.status == 200 && &response.body == bytes {
                        served.fetch_add(1, Ordering::Relaxed);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    // Meanwhile, edits trigger rebuilds (of pages, not of the files fetched).
    for n in 0..5 {
        site.replace(
            "content/briefs/third-brief.md",
            if n == 0 {
                "No claims here."
            } else {
                "Edited body."
            },
            "Edited body.",
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for client in clients {
        client.join().unwrap();
    }
    assert_eq!(errors.load(Ordering::Relaxed), 0);
    assert_eq!(served.load(Ordering::Relaxed), 2000);
    assert_eq!(http(server.port, "GET", "/").status, 200);
}

/// The resident memory of process `pid`, in KiB (Linux `/proc`).
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmRSS in /proc/{pid}/status"))
}

/// The load: 200 clients, each sending request after request (a
/// new connection each) for ten seconds, over every page and file of the
/// site, while an edit rebuilds the site twice a second. Every response
/// must be 200 and whole (files byte for byte; HTML pages to `</html>`),
/// and the server's resident memory in the last seconds must stay within
/// 16 MiB of what it was after the first two (no growth with requests).
#[test]
fn two_hundred_clients_for_ten_seconds_get_no_error_and_memory_stays_flat() {
    const CLIENTS: usize = 200;
    const LOAD: Duration = Duration::from_secs(10);
    let (site, server) = serve();
    let out = site.out();
    let targets: Arc<Vec<(String, Option<Vec<u8>>)>> = Arc::new(
        files_under(&out)
            .into_iter()
            // The index's chunks may be cut differently after an edit.
            .filter(|f| !f.starts_with(".dossier") && !f.starts_with("search/index/"))
            .map(|f| {
                // HTML carries the live-reload script when served, and the
                // edited brief's pages and search data change: those are
                // checked whole.
                let changes = f.ends_with(".html") || f.starts_with("search/");
                let bytes = (!changes).then(|| std::fs::read(out.join(&f)).unwrap());
                (format!("/{f}"), bytes)
            })
            .collect(),
    );
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let served = Arc::new(AtomicUsize::new(0));
    let end = Instant::now() + LOAD;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (targets, failures, served) = (targets.clone(), failures.clone(), served.clone());
            let port = server.port;
            std::thread::spawn(move || {
                let mut n = client * 13;
                while Instant::now() < end {
                    let (path, bytes) = &targets[n % targets.len()];
                    n += 1;
                    let failure = match try_http(port, "GET", path) {
                        Err(e) => Some(e),
                        Ok(r) if r.status != 200 => Some(format!("GET {path}: {}", r.status)),
                        Ok(r) => match bytes {
                            Some(bytes) if &r.body != bytes => {
                                Some(format!("GET {path}: other bytes than built"))
                            }
                            None if !r.text().trim_end().ends_with(if path.ends_with(".js") {
                                ");"
                            } else {
                                "</html>"
                            }) =>
                            {
                                Some(format!("GET {path}: a page cut short"))
                            }
                            _ => None,
                        },
                    };
                    match failure {
                        Some(f) => failures.lock().unwrap().push(f),
                        None => {
                            served.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    let pid = server.process.pid();
    let mut memory = Vec::new();
    let mut edit = 0;
    while Instant::now() < end {
        std::thread::sleep(Duration::from_millis(500));
        edit += 1;
        let text = site.read("content/briefs/third-brief.md");
        let edited: Vec<String> = text
            .lines()
            .map(|l| match l.starts_with("No claims here") {
                true => format!("No claims here, edit {edit}."),
                false => l.to_string(),
            })
            .collect();
        site.write("content/briefs/third-brief.md", edited.join("\n") + "\n");
        memory.push(resident_kib(pid));
    }
    for client in clients {
        client.join().unwrap();
    }
    let failures = failures.lock().unwrap();
    let served = served.load(Ordering::Relaxed);
    eprintln!(
        "{CLIENTS} clients for {LOAD:?}: {served} responses, {} failures; resident KiB every 0.5 s: {memory:?}",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(served > 1000, "only {served} responses in {LOAD:?}");
    let early = memory[..4].iter().max().unwrap();
    let late = memory[memory.len() - 4..].iter().max().unwrap();
    assert!(
        *late <= early + 16 * 1024,
        "resident memory grew from {early} KiB to {late} KiB under load: {memory:?}"
    );
    server.wait_for("the last edit", "/briefs/third-brief/", |r| {
        r.text().contains(&format!("No claims here, edit {edit}."))
    });
}
