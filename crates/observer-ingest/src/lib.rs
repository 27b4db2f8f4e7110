//! Reading articles from files and streams. (Being written.)
