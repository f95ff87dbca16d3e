//! Ordered parallel analysis for the streaming subcommands: a reader thread,
//! one worker thread per core and the caller as the writer, with no barrier
//! between batches.
//!
//! Analysing a whole batch on all cores and then waiting for its slowest
//! article left a core idle at every batch's end and at start-up; here a
//! worker takes the next chunk as soon as it is done, and the writer puts the
//! results back in input order. Memory stays bounded: at most `window` chunks
//! are read but not yet written.

use super::Batches;
use newsgraph::input::SourceArticle;
use std::collections::BTreeMap;
use std::sync::{mpsc, Condvar, Mutex, PoisonError};

/// How many chunks may be read and not yet written: a counting semaphore the
/// reader takes from and the writer gives back to. Closing it stops the
/// reader (the writer gave up on an error).
struct Window {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Window {
    fn new(size: usize) -> Self {
        Window {
            state: Mutex::new((size.max(1), false)),
            freed: Condvar::new(),
        }
    }

    /// Waits for a free place; false once the window is closed.
    fn acquire(&self) -> bool {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while s.0 == 0 && !s.1 {
            s = self.freed.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        if s.1 {
            return false;
        }
        s.0 -= 1;
        true
    }

    fn release(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).0 += 1;
        self.freed.notify_one();
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
        self.freed.notify_all();
    }
}

/// Runs `work` on every article of `chunks` on `threads` worker threads
/// (each first runs `prelude`: building shared tables) and hands each result to `sink`, on the calling thread, in input order. Stops
/// at the first error `sink` returns (the reader and workers then stop too).
/// Gives the number of inputs and records the reader could not read (each
/// already reported on stderr).
pub fn ordered<T: Send>(
    mut chunks: Batches,
    threads: usize,
    window: usize,
    prelude: impl Fn() + Sync,
    work: impl Fn(SourceArticle) -> T + Sync,
    mut sink: impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let window = Window::new(window);
    let (job_tx, job_rx) = mpsc::channel::<(u64, Vec<SourceArticle>)>();
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<T>)>();
        let window = &window;
        let reader = scope.spawn(move || {
            for (seq, chunk) in (0u64..).zip(chunks.by_ref()) {
                if !window.acquire() || job_tx.send((seq, chunk)).is_err() {
                    break;
                }
            }
            chunks.failed
        });
        let (job_rx, work, prelude) = (&job_rx, &work, &prelude);
        for _ in 0..threads.max(1) {
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                prelude();
                loop {
                    // the lock is held only while waiting for the next chunk
                    let job = job_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((seq, chunk)) = job else { break };
                    let out: Vec<T> = chunk.into_iter().map(work).collect();
                    if done_tx.send((seq, out)).is_err() {
                        break; // the writer stopped
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<u64, Vec<T>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        'recv: for (seq, out) in done_rx.iter() {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                for r in out {
                    if let Err(e) = sink(r) {
                        result = Err(e);
                        break 'recv;
                    }
                }
                window.release();
            }
        }
        // on an error: the reader stops at its next chunk, and the workers
        // when it hangs up or when they next send
        window.close();
        drop(done_rx);
        let failed = reader.join().expect("reader thread");
        result.map(|()| failed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph::input::ReadOptions;

    fn corpus(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let mut text = String::new();
        for i in 0..n {
            // a few malformed records, so read failures are counted too
            if i % 37 == 5 {
                text.push_str("{not json\n");
            } else {
                text.push_str(&format!(
                    "{{\"id\": \"a{i}\", \"body\": \"Text number {i}.\"}}\n"
                ));
            }
        }
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn ids(chunk: usize, threads: usize, window: usize) -> (Vec<String>, usize) {
        let (_dir, path) = corpus(500);
        let mut seen = Vec::new();
        let failed = ordered(
            Batches::new(&[path], ReadOptions::default()).chunked(chunk),
            threads,
            window,
            || {},
            |a| {
                // uneven work, so workers finish out of order
                if a.text.len() % 3 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                a.text
            },
            |t| {
                seen.push(t);
                Ok(())
            },
        )
        .unwrap();
        (seen, failed)
    }

    #[test]
    fn results_come_back_in_input_order() {
        let expected: Vec<String> = (0..500)
            .filter(|i| i % 37 != 5)
            .map(|i| format!("Text number {i}."))
            .collect();
        for (chunk, threads, window) in [(1, 1, 1), (1, 4, 2), (7, 3, 5), (32, 2, 8), (600, 2, 1)] {
            let (seen, failed) = ids(chunk, threads, window);
            assert_eq!(
                seen, expected,
                "chunk {chunk} threads {threads} window {window}"
            );
            assert_eq!(failed, 14, "malformed records counted");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run_without_hanging() {
        let (_dir, path) = corpus(500);
        let mut n = 0;
        let r = ordered(
            Batches::new(&[path], ReadOptions::default()).chunked(4),
            2,
            2,
            || {},
            |a| a.text,
            |_| {
                n += 1;
                if n == 10 {
                    anyhow::bail!("disk full");
                }
                Ok(())
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(n, 10, "nothing is written after the error");
    }
}
