package org.emsym.engine.model.resnet;

import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.Map;

/** Maps DJL parameters of convolutions and batch norms onto torchvision state-dict names. */
final class ResNetNames {

    private ResNetNames() {
    }

    static void conv(Map<String, Parameter> names, String layer, Conv2d conv) {
        names.put(layer + ".weight", conv.getParameters().get("weight"));
    }

    static void batchNorm(Map<String, Parameter> names, String layer, BatchNorm bn) {
        names.put(layer + ".weight", bn.getParameters().get("gamma"));
        names.put(layer + ".bias", bn.getParameters().get("beta"));
        names.put(layer + ".running_mean", bn.getParameters().get("runningMean"));
        names.put(layer + ".running_var", bn.getParameters().get("runningVar"));
    }
}
