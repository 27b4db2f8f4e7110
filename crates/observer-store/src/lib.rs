//! Storage of articles and events behind one trait. (Being written.)
