package org.emsym.knime.node.loader;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Pretrained Model Loader node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link PretrainedModelLoaderParameters}, and its dialog from the parameters.
 */
public final class PretrainedModelLoaderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Pretrained Model Loader")
            .icon("./model_loader.png")
            .shortDescription("Builds a 2.5D U-Net whose encoder starts from RGB-pretrained weights read from a "
                    + "file.")
            .fullDescription("<p>Builds a U-Net for windows of 2k+1 sections with the chosen encoder, and copies the "
                    + "encoder's pretrained weights from a file. Names and shapes of all tensors are checked before "
                    + "anything is copied; a file that does not fit the encoder fails naming the tensor at fault. "
                    + "The decoder is randomly initialized.</p>"
                    + "<p>The pretrained first convolution expects 3 (RGB) input channels. It is spread over the "
                    + "2k+1 window channels without symmetrization (strategy <i>none</i>: section z-k takes the R "
                    + "kernel, the centre G, z+k B, with linear interpolation between them), which keeps the "
                    + "pretrained asymmetry. Use the <i>Weight Symmetrizer</i> to apply the uniform channel "
                    + "initialization; it adapts the original RGB kernel, which the model keeps for that "
                    + "purpose.</p>"
                    + "<p>Supported formats: TensorFlow.js layers models (<tt>model.json</tt> with its weight "
                    + "shards) and Keras HDF5 weights, in Keras naming (MobileNetV2, e.g. the nsfwjs model); "
                    + "safetensors and NumPy <tt>.npz</tt> in torchvision naming (<tt>conv1.weight</tt>, "
                    + "<tt>layer1.0.bn1.running_mean</tt>, ...; ResNet-18/34/50). TorchScript, TensorFlow "
                    + "SavedModel and ONNX files hold whole networks rather than encoder weights and are not read by "
                    + "this node.</p>"
                    + "<p>The output spec records the weight file and format; its SHA-256 is known after "
                    + "execution.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addOutputPort("Segmentation Model", "The U-Net with the pretrained encoder.",
                    SegmentationModelPortObject.TYPE))
            .model(NodeLogic.model(PretrainedModelLoaderParameters.class, new PretrainedModelLoaderLogic()))
            .nodeType(NodeType.Source)
            .keywords("MobileNetV2", "ResNet", "transfer learning");

    public PretrainedModelLoaderNodeFactory() {
        super(NODE);
    }
}
