package org.emsym.engine.train;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint's weights are: the network they belong to and the weights it started from. A run may
 * resume from a checkpoint only into the same network started from the same weights; see
 * {@link CheckpointFolder#resumeMismatches}.
 *
 * @param architecture encoder architecture (e.g. {@code mobilenet_v2})
 * @param k window context: 2k+1 input sections
 * @param decoder decoder widths, coarsest first, as text ({@code default} for the default widths)
 * @param strategy id of the symmetrization strategy that adapted the first convolution
 * @param weightsSha256 SHA-256 of the starting (pretrained) weights file
 */
public record ModelIdentity(String architecture, @SerializedName("k") int context, String decoder, String strategy, String weightsSha256) {

    public ModelIdentity {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
    }

    /** Decoder widths as recorded: comma-separated, or {@code default} when {@code widths} is null. */
    public static String decoderText(int[] widths) {
        if (widths == null) {
            return "default";
        }
        StringBuilder s = new StringBuilder();
        for (int w : widths) {
            s.append(s.length() == 0 ? "" : ",").append(w);
        }
        return s.toString();
    }

    /** One line per field that differs: {@code name: checkpoint X, requested Y}; empty when all are equal. */
    public List<String> differences(ModelIdentity requested) {
        List<String> out = new ArrayList<>();
        differ(out, "architecture", architecture, requested.architecture);
        differ(out, "k", String.valueOf(context), String.valueOf(requested.context));
        differ(out, "decoder", decoder, requested.decoder);
        differ(out, "strategy", strategy, requested.strategy);
        differ(out, "starting weights (SHA-256)", weightsSha256, requested.weightsSha256);
        return out;
    }

    static void differ(List<String> out, String name, String checkpoint, String requested) {
        if (!Objects.equals(checkpoint, requested)) {
            out.add(name + ": checkpoint " + checkpoint + ", requested " + requested);
        }
    }
}
