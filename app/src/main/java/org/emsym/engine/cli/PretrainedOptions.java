package org.emsym.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say which pretrained network a U-Net starts from (a picocli mixin). */
final class PretrainedOptions {

    @Option(names = {"-w", "--weights"}, defaultValue = "${sys:emsym.home:-.}/engine/target/nsfwjs/model.json",
            description = "pretrained RGB weights: TF.js model.json, Keras .h5, .safetensors or .npz")
    Path weights;

    @Option(names = "--encoder", defaultValue = "mobilenet_v2",
            description = "encoder architecture: mobilenet_v2, resnet18, resnet34, resnet50")
    String encoder;

    @Option(names = {"-k", "--context"}, defaultValue = "1", description = "window context: 2k+1 input sections")
    int k;

    @Option(names = "--decoder", split = ",", description = "decoder widths, coarsest first (default 256,128,64,32,16)")
    int[] decoder;
}
