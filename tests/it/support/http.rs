//! A tiny HTTP/1.1 client over a raw socket, for the serve tests: it sends paths exactly as
//! written (no normalisation of `..` or percent escapes, unlike real clients).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// GET `path`: (status, raw headers, body decoded from chunked if need be).
pub fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(c, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    read_response(&mut c)
}

/// Read a whole response (the connection closes after it): (status, raw headers, body
/// decoded from chunked if need be).
pub fn read_response(c: &mut TcpStream) -> (u16, String, String) {
    let mut raw = Vec::new();
    let _ = c.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// Read from `c` until what was read (since this call) contains `needle`; panics after 15 s.
pub fn read_until(c: &mut TcpStream, needle: &str) -> String {
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains(needle) {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no `{needle}` in {:?}",
            String::from_utf8_lossy(&got)
        );
        match c.read(&mut buf) {
            Ok(0) => panic!("connection closed before `{needle}`: {:?}", String::from_utf8_lossy(&got)),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
            }
            Err(e) => panic!("read: {e}"),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}
