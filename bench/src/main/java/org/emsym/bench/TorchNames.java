package org.emsym.bench;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;

/**
 * The explicit mapping from the parameters of a DJL {@link UNet} with a ResNet encoder to the state-dict names
 * of its PyTorch twin ({@code bench/python/torch_unet.py}):
 * <pre>
 *   encoder block          -> encoder.&lt;torchvision name&gt;   (ResNetEncoder.namedParameters(), e.g. layer1.0.conv1.weight)
 *   decoder&lt;i&gt; / conv1, conv2   weight         -> decoder.&lt;i&gt;.conv1.weight, decoder.&lt;i&gt;.conv2.weight
 *   decoder&lt;i&gt; / bn1, bn2      gamma, beta    -> decoder.&lt;i&gt;.bn1.weight, .bias
 *                               runningMean    -> .running_mean
 *                               runningVar     -> .running_var
 *   head                    weight, bias   -> head.weight, head.bias
 * </pre>
 * DJL names child blocks {@code NNname} (a two-digit position, then the name given to addChildBlock); the
 * position prefix is dropped. Every parameter of the network must be mapped exactly once, else the mapping
 * fails naming the parameter left over, so a change of the Java network cannot go unnoticed.
 */
final class TorchNames {

    private static final Pattern CHILD = Pattern.compile("\\d{2}(.+)");
    private static final Pattern DECODER = Pattern.compile("decoder(\\d+)");
    private static final Map<String, String> DJL_TO_TORCH = Map.of("weight", "weight", "bias", "bias", "gamma",
            "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

    private TorchNames() {
    }

    /** @return the network's parameters under the PyTorch twin's state-dict names */
    static NamedParameters of(UNet net) {
        if (!(net.encoder() instanceof ResNetEncoder resnet) || !resnet.architecture().equals("resnet18")) {
            throw new IllegalArgumentException("the PyTorch twin mirrors the ResNet-18 U-Net only, got " + net);
        }
        Map<String, Parameter> names = new LinkedHashMap<>();
        for (Pair<String, Block> child : net.getChildren()) {
            String name = childName(child.getKey());
            Block block = child.getValue();
            Matcher decoder = DECODER.matcher(name);
            if (name.equals("encoder")) {
                NamedParameters encoder = resnet.namedParameters();
                encoder.names().forEach(n -> names.put("encoder." + n, encoder.get(n)));
            } else if (decoder.matches()) {
                for (Pair<String, Block> layer : block.getChildren()) {
                    putDirect(names, "decoder." + decoder.group(1) + "." + childName(layer.getKey()), layer.getValue());
                }
            } else if (name.equals("head")) {
                putDirect(names, "head", block);
            } else {
                throw new IllegalStateException("U-Net child block '" + child.getKey() + "' has no PyTorch name");
            }
        }
        requireComplete(net, names);
        return new NamedParameters(names);
    }

    private static void putDirect(Map<String, Parameter> names, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String torch = DJL_TO_TORCH.get(p.getKey());
            if (torch == null) {
                throw new IllegalStateException("no PyTorch name for parameter '" + p.getKey() + "' of " + prefix);
            }
            names.put(prefix + "." + torch, p.getValue());
        }
    }

    private static void requireComplete(UNet net, Map<String, Parameter> names) {
        Set<Parameter> mapped = Collections.newSetFromMap(new IdentityHashMap<>());
        mapped.addAll(names.values());
        if (mapped.size() != names.size()) {
            throw new IllegalStateException("a parameter is mapped to two PyTorch names");
        }
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (!mapped.remove(p.getValue())) {
                throw new IllegalStateException("U-Net parameter '" + p.getKey() + "' has no PyTorch name");
            }
        }
        if (!mapped.isEmpty()) {
            throw new IllegalStateException(mapped.size() + " mapped parameters are not part of the U-Net");
        }
    }

    private static String childName(String djlName) {
        Matcher m = CHILD.matcher(djlName);
        return m.matches() ? m.group(1) : djlName;
    }
}
