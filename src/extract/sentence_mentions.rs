//! The mentions of every sentence at once, for extractors that walk all
//! sentences: `Document::mentions_in` scans and sorts all mentions per call.

use crate::document::{Document, Span};

/// `doc.mentions_in` of each sentence, from one sort of all mentions: those
/// inside a sentence start within it, so each list is a filtered run of the
/// sorted order (a stable sort by span, as `mentions_in` does).
pub(crate) fn mentions_by_sentence(doc: &Document, sentences: &[Span]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    order.sort_by_key(|&i| doc.mentions[i].span);
    sentences
        .iter()
        .map(|&sent| {
            let from = order.partition_point(|&i| doc.mentions[i].span.start < sent.start);
            order[from..]
                .iter()
                .copied()
                .take_while(|&i| doc.mentions[i].span.start <= sent.end)
                .filter(|&i| sent.contains(doc.mentions[i].span))
                .collect()
        })
        .collect()
}

/// [`mentions_by_sentence`] for an extractor that adds mentions as it goes:
/// the lists hold the mentions there were at the start, and [`Self::get`]
/// merges in those added since.
pub(crate) struct GrowingMentions {
    lists: Vec<Vec<usize>>,
    first_new: usize,
}

impl GrowingMentions {
    pub(crate) fn new(doc: &Document, sentences: &[Span]) -> Self {
        GrowingMentions {
            lists: mentions_by_sentence(doc, sentences),
            first_new: doc.mentions.len(),
        }
    }

    /// `doc.mentions_in(sent)` for sentence `si` (whose span is `sent`).
    pub(crate) fn get(&self, doc: &Document, si: usize, sent: Span) -> Vec<usize> {
        let mut v = self.lists[si].clone();
        for i in self.first_new..doc.mentions.len() {
            let span = doc.mentions[i].span;
            if sent.contains(span) {
                // after every equal span: a new mention has the highest index
                let at = v.partition_point(|&j| doc.mentions[j].span <= span);
                v.insert(at, i);
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;

    #[test]
    fn sentence_lists_are_mentions_in() {
        let mut d = Document::new(
            "Headline\n\nAlibaba Group rose 3%. Baidu, Tencent and JD.com fell; the Hang Seng \
             Index was flat. Goldman Sachs analysts said Xiaomi will release its Xiaomi 17 \
             phone. Nothing here.\n"
                .to_string(),
            Meta::default(),
        );
        crate::Pipeline::default_pipeline().run(&mut d);
        // mentions out of text order, nested, repeated and across a sentence end
        for (s, e) in [(10, 17), (10, 23), (25, 40), (15, 19), (50, 50), (10, 17)] {
            let mut m = d.mentions[0].clone();
            m.span = Span::new(s, e);
            d.mentions.insert(1, m);
        }
        let sentences: Vec<Span> = d.sentences.iter().map(|s| s.span).collect();
        let want: Vec<Vec<usize>> = sentences.iter().map(|&s| d.mentions_in(s)).collect();
        assert_eq!(mentions_by_sentence(&d, &sentences), want);
        assert!(
            want.iter().filter(|v| v.len() >= 2).count() >= 3,
            "{want:?}"
        );
        // mentions added later are merged in
        let grow = GrowingMentions::new(&d, &sentences);
        for (s, e) in [(10, 17), (11, 12), (60, 70), (0, 200), (10, 17)] {
            let mut m = d.mentions[0].clone();
            m.span = Span::new(s, e);
            d.mentions.push(m);
            for (si, &sent) in sentences.iter().enumerate() {
                assert_eq!(grow.get(&d, si, sent), d.mentions_in(sent));
            }
        }
    }
}
