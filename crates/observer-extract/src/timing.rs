//! Per-layer timing of an extraction, for benchmarks: how the time of [`crate::Extractor::extract`]
//! splits across its stages. The untimed path runs the same code with a clock that does nothing.

use std::time::{Duration, Instant};

/// A stage of the extraction pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Sentence boundaries.
    Segmentation,
    /// Tokens with their normalised forms.
    Tokens,
    Actors,
    /// Dates and relative time expressions.
    Time,
    Places,
    /// Numbers and casualty counts.
    Quantities,
    /// Cues (negation, modality, ...), clause breaks and event triggers.
    Triggers,
    /// Reported speech and its claimants.
    Attribution,
    /// Article context and event frames.
    Frame,
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 9] = [
        Layer::Segmentation,
        Layer::Tokens,
        Layer::Actors,
        Layer::Time,
        Layer::Places,
        Layer::Quantities,
        Layer::Triggers,
        Layer::Attribution,
        Layer::Frame,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Segmentation => "segmentation",
            Layer::Tokens => "tokens",
            Layer::Actors => "actors",
            Layer::Time => "time",
            Layer::Places => "places",
            Layer::Quantities => "quantities",
            Layer::Triggers => "triggers",
            Layer::Attribution => "attribution",
            Layer::Frame => "frame",
        }
    }
}

/// Time spent in each layer, summed over the extractions it was given to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayerTimes {
    times: [Duration; Layer::ALL.len()],
}

impl LayerTimes {
    pub fn get(&self, layer: Layer) -> Duration {
        self.times[layer as usize]
    }

    pub fn total(&self) -> Duration {
        self.times.iter().sum()
    }

    /// Adds another set of times (e.g. from another thread) to these.
    pub fn add(&mut self, other: &LayerTimes) {
        for (mine, theirs) in self.times.iter_mut().zip(other.times) {
            *mine += theirs;
        }
    }
}

/// Runs one stage of the pipeline, timing it or not.
pub(crate) trait Clock {
    fn time<T>(&mut self, layer: Layer, stage: impl FnOnce() -> T) -> T;
}

/// The clock of the untimed path.
pub(crate) struct NoClock;

impl Clock for NoClock {
    #[inline(always)]
    fn time<T>(&mut self, _layer: Layer, stage: impl FnOnce() -> T) -> T {
        stage()
    }
}

impl Clock for LayerTimes {
    fn time<T>(&mut self, layer: Layer, stage: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = stage();
        self.times[layer as usize] += start.elapsed();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_add_up_per_layer() {
        let mut a = LayerTimes::default();
        let mut b = LayerTimes::default();
        a.times[Layer::Actors as usize] = Duration::from_millis(3);
        b.times[Layer::Actors as usize] = Duration::from_millis(2);
        b.times[Layer::Frame as usize] = Duration::from_millis(1);
        a.add(&b);
        assert_eq!(a.get(Layer::Actors), Duration::from_millis(5));
        assert_eq!(a.get(Layer::Frame), Duration::from_millis(1));
        assert_eq!(a.total(), Duration::from_millis(6));
        assert_eq!(a.time(Layer::Places, || 7), 7);
        assert_eq!(NoClock.time(Layer::Places, || 8), 8);
    }
}
