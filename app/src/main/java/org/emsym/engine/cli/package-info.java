/**
 * The {@code emsym} command line (picocli): one command class per subcommand ({@code train}, {@code predict},
 * {@code attribute}, {@code score}, {@code symmetrize}, {@code synth}, {@code export}, {@code window}, {@code pipeline},
 * {@code report} ...), their shared option groups, terminal progress and Ctrl-C cancellation. Commands validate
 * their input, then call the library; exit codes 0 ok, 2 bad input, 1 internal error. Part of the application
 * module, never of the library or the KNIME bundle.
 *
 * <p>May import {@code attribution}, {@code interop}, {@code interop.bioimageio}, {@code interop.onnx},
 * {@code metrics}, {@code model}, {@code pipeline}, {@code predict}, {@code pretrained}, {@code progress},
 * {@code report}, {@code symmetry}, {@code synth}, {@code train}, {@code util}, {@code volume}, {@code volume.io},
 * {@code window}.
 */
package org.emsym.engine.cli;
