/**
 * Writing ONNX models: {@link org.emsym.engine.interop.onnx.OnnxGraph} builds a graph of standard operators with
 * float initializers and dynamic batch/height/width inputs and writes it as an ONNX {@code ModelProto}, encoding
 * the protobuf messages field by field (field numbers of ONNX's public {@code onnx.proto}); no generated classes.
 * The first step of exporting EMSym networks (issue 15); the network-to-graph translation is not here yet.
 */
package org.emsym.engine.interop.onnx;
