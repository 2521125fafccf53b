/**
 * The main job, {@code emsym pipeline}: one JSON-configured run ({@link org.emsym.engine.pipeline.PipelineConfig},
 * holding the engine's training settings) that trains one model per first-layer strategy, predicts, scores,
 * attributes and writes the HTML report ({@link org.emsym.engine.pipeline.PipelineReport}) and its CSVs. Part of
 * the application module.
 *
 * <p>May import {@code attribution}, {@code metrics}, {@code model}, {@code predict}, {@code pretrained},
 * {@code progress}, {@code report}, {@code symmetry}, {@code synth}, {@code train}, {@code util}, {@code volume},
 * {@code volume.io}, {@code window}.
 */
package org.emsym.engine.pipeline;
