/**
 * Readers and writers of pretrained weight files: TF.js layers models, Keras HDF5, safetensors, NumPy
 * {@code .npy}/{@code .npz}, each giving {@link org.emsym.engine.model.PretrainedWeights} with the file's checksum.
 *
 * <p>May import {@code model}, {@code util}.
 */
package org.emsym.engine.model.io;
