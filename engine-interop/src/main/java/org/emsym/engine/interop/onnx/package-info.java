/**
 * Writing ONNX models: {@link org.emsym.engine.interop.onnx.OnnxGraph} builds a graph of standard operators with
 * float initializers and dynamic batch/height/width inputs and writes it as an ONNX {@code ModelProto}, encoding
 * the protobuf messages field by field (field numbers of ONNX's public {@code onnx.proto}); no generated classes.
 * {@link org.emsym.engine.interop.onnx.OnnxExporter} translates an EMSym U-Net (ResNet-18/34/50 or MobileNetV2
 * encoder) into such a graph: inference-mode forward pass, batch norms folded into the convolutions, output
 * probabilities (as the bundle's predictor) or logits (issue 15, item 1).
 *
 * <p>May import {@code model}, {@code model.encoder}, {@code model.resnet}, {@code util}.
 */
package org.emsym.engine.interop.onnx;
