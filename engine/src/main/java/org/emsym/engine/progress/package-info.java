/**
 * Progress and cancellation, the two callbacks every long engine operation takes:
 * {@link org.emsym.engine.progress.ProgressSink} and {@link org.emsym.engine.progress.Cancellation} (throwing
 * {@link org.emsym.engine.progress.CanceledException}). Hosts adapt them: the CLI to a terminal bar and Ctrl-C,
 * KNIME to its execution monitor.
 *
 * <p>May import nothing else of EMSym.
 */
package org.emsym.engine.progress;
