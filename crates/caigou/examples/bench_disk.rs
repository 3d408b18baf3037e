//! The disk baseline of `bench/bids.sh`: how many files of the stored ciphertext's size this
//! disk takes per second when each file is written, fsynced, and its directory fsynced, with the
//! same number of writers in flight as the bid burst (threads here). Nothing else happens: no
//! HTTP, no parsing, no crypto, no database. Not a test; see bench/README.md.
//!
//! ```text
//! bench_disk --dir DIR --files 2000 --bytes 349600 --threads 64 [--no-fsync]
//! ```
//!
//! Writes `key value` lines to stdout. The files are left in DIR; the caller deletes them.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use rand::RngCore;

#[derive(Parser)]
struct Args {
    /// An empty directory on the disk under test. It is created if missing.
    #[arg(long)]
    dir: PathBuf,
    #[arg(long, default_value_t = 2000)]
    files: usize,
    /// Size of each file.
    #[arg(long)]
    bytes: usize,
    #[arg(long, default_value_t = 64)]
    threads: usize,
    /// Write only, with no fsync of the file or the directory (page cache only).
    #[arg(long)]
    no_fsync: bool,
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

/// Bytes written to the whole disks (not partitions), from /proc/diskstats (by everyone).
fn disk_written() -> u64 {
    let s = std::fs::read_to_string("/proc/diskstats").unwrap_or_default();
    s.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let whole = f.get(2).is_some_and(|n| std::path::Path::new(&format!("/sys/block/{n}")).exists());
            if whole { f.get(9)?.parse::<u64>().ok().map(|sectors| sectors * 512) } else { None }
        })
        .sum()
}

fn main() -> std::io::Result<()> {
    let a = Args::parse();
    std::fs::create_dir_all(&a.dir)?;
    // Random bytes, so no layer below can compress or deduplicate them; each file differs in
    // its first 8 bytes.
    let mut data = vec![0u8; a.bytes];
    rand::rng().fill_bytes(&mut data);
    let data = Arc::new(data);
    let next = Arc::new(AtomicUsize::new(0));
    let disk0 = disk_written();
    let t0 = Instant::now();
    let handles: Vec<_> = (0..a.threads.max(1))
        .map(|_| {
            let (data, next, dir, files, fsync) = (data.clone(), next.clone(), a.dir.clone(), a.files, !a.no_fsync);
            std::thread::spawn(move || -> std::io::Result<Vec<Duration>> {
                let mut lat = Vec::new();
                let mut buf = data.to_vec();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files {
                        return Ok(lat);
                    }
                    let s = Instant::now();
                    let n = buf.len().min(8);
                    buf[..n].copy_from_slice(&(i as u64).to_le_bytes()[..n]);
                    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(dir.join(format!("bid-{i:07}.sealed")))?;
                    f.write_all(&buf)?;
                    if fsync {
                        f.sync_all()?;
                        std::fs::File::open(&dir)?.sync_all()?;
                    }
                    drop(f);
                    lat.push(s.elapsed());
                }
            })
        })
        .collect();
    let mut lat = Vec::new();
    for h in handles {
        lat.extend(h.join().expect("writer thread panicked")?);
    }
    let secs = t0.elapsed().as_secs_f64();
    let disk1 = disk_written();
    lat.sort();
    println!("files {}", lat.len());
    println!("bytes {}", a.bytes);
    println!("threads {}", a.threads);
    println!("fsync {}", u8::from(!a.no_fsync));
    println!("seconds {secs:.3}");
    println!("files_per_s {:.2}", lat.len() as f64 / secs);
    println!("mib_per_s {:.1}", (lat.len() * a.bytes) as f64 / secs / 1048576.0);
    // With fsync, about the files' bytes plus the file system's journal; without, little or
    // nothing yet (the page cache writes back later).
    println!("disk_written_mib {:.1}", (disk1 - disk0) as f64 / 1048576.0);
    println!("p50_ms {:.1}", pct(&lat, 50.0));
    println!("p99_ms {:.1}", pct(&lat, 99.0));
    Ok(())
}
