//! The extractors of the default pipeline, one module each.

pub mod dates;
pub mod entities;
pub mod events;
pub mod figures;
pub mod pattern;
pub mod quotes;
pub mod roles;
mod sentence_mentions;
pub mod sentences;
pub mod zones;

use crate::pipeline::Extractor;

/// The default pipeline, in dependency order.
pub fn default_steps() -> Vec<Box<dyn Extractor>> {
    vec![
        Box::new(zones::Zoner),
        Box::new(sentences::SentenceSplitter),
        Box::new(entities::GazetteerEntities),
        Box::new(entities::PatternEntities),
        Box::new(crate::resolve::Resolver),
        Box::new(figures::FigureExtractor),
        Box::new(dates::DateExtractor),
        Box::new(roles::RoleExtractor),
        Box::new(quotes::QuoteExtractor),
        Box::new(events::EventExtractor),
    ]
}
