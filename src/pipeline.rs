//! Extractors and the pipeline that orders them.
//!
//! An extractor reads some annotation layers and writes others; it does no I/O
//! and never builds RDF, so the same pipeline serves `extract`, `ingest`, `eval`
//! and any future server. `requires`/`assigns` let [`Pipeline::new`] reject an
//! order in which a layer is read before anything wrote it.

use crate::document::Document;
use std::collections::BTreeSet;

/// Names of annotation layers, used in `requires`/`assigns`.
pub mod layer {
    pub const ZONES: &str = "zones";
    pub const SENTENCES: &str = "sentences";
    pub const MENTIONS: &str = "mentions";
    pub const ENTITIES: &str = "entities";
    pub const FIGURES: &str = "figures";
    pub const TIMES: &str = "times";
    pub const ROLES: &str = "roles";
    pub const EVENTS: &str = "events";
}

/// One analysis step over a document.
pub trait Extractor: Send + Sync {
    /// Stable name recorded in provenance (`prov:wasGeneratedBy`).
    fn name(&self) -> &'static str;
    /// Layers this step reads.
    fn requires(&self) -> &'static [&'static str];
    /// Layers this step writes.
    fn assigns(&self) -> &'static [&'static str];
    fn run(&self, doc: &mut Document);
    /// Functions that each build one of this step's costly shared tables
    /// (compiled patterns, word lists), which are otherwise built on first
    /// use. Listed so that [`Pipeline::warm_up`] can build them on all cores
    /// at start-up instead of one thread building while the others wait.
    fn warm_ups(&self) -> &'static [fn()] {
        &[]
    }
}

/// An ordered, validated list of extractors.
pub struct Pipeline {
    steps: Vec<Box<dyn Extractor>>,
    /// Every step's [`Extractor::warm_ups`], and the next one to run.
    warm_ups: Vec<fn()>,
    warm_next: std::sync::atomic::AtomicUsize,
}

/// A pipeline whose steps read a layer nothing earlier wrote.
#[derive(Debug, thiserror::Error)]
#[error("extractor `{step}` requires layer `{layer}`, which no earlier extractor assigns; reorder the pipeline")]
pub struct PipelineError {
    pub step: &'static str,
    pub layer: &'static str,
}

impl Pipeline {
    pub fn new(steps: Vec<Box<dyn Extractor>>) -> Result<Self, PipelineError> {
        let mut have: BTreeSet<&str> = BTreeSet::new();
        for s in &steps {
            for l in s.requires() {
                if !have.contains(l) {
                    return Err(PipelineError {
                        step: s.name(),
                        layer: l,
                    });
                }
            }
            have.extend(s.assigns().iter().copied());
        }
        let warm_ups = steps.iter().flat_map(|s| s.warm_ups()).copied().collect();
        Ok(Pipeline {
            steps,
            warm_ups,
            warm_next: Default::default(),
        })
    }

    /// Builds the steps' shared tables ahead of the first article. Each thread
    /// that will analyse articles calls it first: each call takes the next
    /// table nobody has started, until none are left, so N threads build
    /// them N at a time (on first use, one thread builds each table while
    /// the others wait for it). Calls after the last table return at once.
    pub fn warm_up(&self) {
        use std::sync::atomic::Ordering;
        while let Some(build) = self
            .warm_ups
            .get(self.warm_next.fetch_add(1, Ordering::Relaxed))
        {
            build();
        }
    }

    /// The default analysis: zones, sentences, entities, figures, dates, roles, events.
    pub fn default_pipeline() -> Self {
        Pipeline::new(crate::extract::default_steps()).expect("default pipeline is well ordered")
    }

    pub fn run(&self, doc: &mut Document) {
        for s in &self.steps {
            s.run(doc);
        }
    }

    /// Runs the steps and adds each one's wall time to `times` (same order as `names`).
    pub fn run_timed(&self, doc: &mut Document, times: &mut [std::time::Duration]) {
        for (s, t) in self.steps.iter().zip(times.iter_mut()) {
            let t0 = std::time::Instant::now();
            s.run(doc);
            *t += t0.elapsed();
        }
    }

    /// Names of the steps, in order (recorded on the extraction run).
    pub fn names(&self) -> Vec<&'static str> {
        self.steps.iter().map(|s| s.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Step(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );
    impl Extractor for Step {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [&'static str] {
            self.1
        }
        fn assigns(&self) -> &'static [&'static str] {
            self.2
        }
        fn run(&self, _: &mut Document) {}
    }

    #[test]
    fn rejects_a_step_reading_an_unwritten_layer() {
        let err = Pipeline::new(vec![
            Box::new(Step("events", &["mentions"], &["events"])),
            Box::new(Step("ner", &[], &["mentions"])),
        ])
        .err()
        .unwrap();
        assert_eq!(err.step, "events");
        assert_eq!(err.layer, "mentions");
    }

    #[test]
    fn warm_up_builds_each_table_once_across_threads() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static BUILT: [AtomicUsize; 5] = [const { AtomicUsize::new(0) }; 5];
        struct Warm(&'static [fn()]);
        impl Extractor for Warm {
            fn name(&self) -> &'static str {
                "warm"
            }
            fn requires(&self) -> &'static [&'static str] {
                &[]
            }
            fn assigns(&self) -> &'static [&'static str] {
                &[]
            }
            fn run(&self, _: &mut Document) {}
            fn warm_ups(&self) -> &'static [fn()] {
                self.0
            }
        }
        let p = Pipeline::new(vec![
            Box::new(Warm(&[
                || _ = BUILT[0].fetch_add(1, Ordering::SeqCst),
                || _ = BUILT[1].fetch_add(1, Ordering::SeqCst),
            ])),
            Box::new(Warm(&[])),
            Box::new(Warm(&[
                || _ = BUILT[2].fetch_add(1, Ordering::SeqCst),
                || _ = BUILT[3].fetch_add(1, Ordering::SeqCst),
                || _ = BUILT[4].fetch_add(1, Ordering::SeqCst),
            ])),
        ])
        .unwrap();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| p.warm_up());
            }
        });
        p.warm_up();
        let counts: Vec<usize> = BUILT.iter().map(|b| b.load(Ordering::SeqCst)).collect();
        assert_eq!(counts, [1; 5]);
    }

    #[test]
    fn default_pipeline_is_well_ordered() {
        let p = Pipeline::default_pipeline();
        assert!(p.names().len() >= 6);
    }
}
