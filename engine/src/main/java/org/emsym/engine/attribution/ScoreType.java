package org.emsym.engine.attribution;

/** What the attributed target sums over the region: probabilities (default) or raw logits. */
public enum ScoreType {
    PROBABILITY,
    LOGIT
}
