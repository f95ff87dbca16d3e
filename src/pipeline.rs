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
}

/// An ordered, validated list of extractors.
pub struct Pipeline {
    steps: Vec<Box<dyn Extractor>>,
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
        Ok(Pipeline { steps })
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
    fn default_pipeline_is_well_ordered() {
        let p = Pipeline::default_pipeline();
        assert!(p.names().len() >= 6);
    }
}
