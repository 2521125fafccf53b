package org.emsym.engine.interop.bioimageio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.model.ModelMetadata;

/** The {@code documentation.md} of an exported package: what the model is, how it was made, how to feed it. */
final class PackageDocumentation {

    private PackageDocumentation() {
    }

    static String markdown(ModelMetadata meta, PackageExporter exporter, List<ProcessingStep> preprocessing, int halo,
            int minSize, int multiple) {
        int k = meta.context();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(exporter.name(meta)).append("\n\n");
        md.append(String.format(Locale.ROOT, "A 2.5D U-Net (%s encoder, decoder %s, %s upsampling) made with EMSym to"
                + " segment volume electron microscopy section by section (its training, if any, is under Training). Each prediction of section z sees the %d"
                + " sections z-%d .. z+%d as input channels (channel axis `z-%d` .. `z+%d`) and returns %s for"
                + " section z.%n%n", meta.encoder(), java.util.Arrays.toString(meta.decoderChannels()), meta.upsampling(),
                2 * k + 1, k, k, k, k, meta.classes() == 1 ? "one foreground probability" : meta.classes()
                        + " class probabilities (softmax)"));
        md.append("## Input\n\n");
        md.append("- Tensor `raw`, axes batch, channel (2k+1 = ").append(2 * k + 1).append(" consecutive sections), y, x.\n");
        md.append(String.format(Locale.ROOT, "- y and x: %d + n * %d pixels (the U-Net needs multiples of %d; the"
                + " minimum leaves room for the halo).%n", minSize, multiple, multiple));
        md.append("- Sections at the top and bottom of a stack: EMSym mirrors the stack (reflect) to fill the window.\n");
        md.append("- Preprocessing (the normalization the model was trained with, `")
                .append(meta.inputNormalization()).append("`): ");
        md.append(preprocessing.isEmpty() ? "none" : String.join(", ", preprocessing.stream().map(s -> "`" + s.id() + "`"
                + (s.kwargs().isEmpty() ? "" : " " + s.kwargs())).toList())).append(".\n");
        md.append("  EMSym computes the statistics of scale_range and zero_mean_unit_variance once over the whole"
                + " volume, so all tiles of a volume are normalized alike; a tool that computes them per input tensor"
                + " should be given whole sections (or the whole stack) rather than small tiles.\n");
        if (meta.inputNormalization().method().name().equals("TYPE_MAX")) {
            md.append("  The fixed gain assumes ").append(exporter.inputPixelType().name().toLowerCase(Locale.ROOT))
                    .append(" raw values, the pixel type EMSym divided by its maximum in training.\n");
        }
        md.append("\n## Output\n\n");
        md.append(String.format(Locale.ROOT, "- Tensor `probability`, axes batch, channel, y, x (same size as the"
                + " input); the graph ends in %s, so no postprocessing is needed.%n", meta.classes() == 1 ? "a sigmoid"
                        : "a softmax over channels"));
        md.append(String.format(Locale.ROOT, "- Halo: %d pixels. Measured on the network: the border band of a tile whose"
                + " probabilities change by more than %.2g when the tile is cut from a larger input. Tile with an"
                + " overlap of at least twice the halo.%s%n%n", halo, HaloEstimate.TOLERANCE, halo >= HaloEstimate.CROP / 2
                        ? " This is the limit of the measurement (a " + HaloEstimate.CROP + " pixel crop): the border"
                        + " effects of this network reach at least this far." : ""));
        md.append("## Training\n\n");
        md.append("- Training data: ").append(exporter.trainingData().orElse("not stated at export")).append(".\n");
        if (meta.sourceWeights() != null) {
            md.append("- Encoder initialized from `").append(meta.sourceWeights().file()).append("` (")
                    .append(meta.sourceWeights().format()).append(", SHA-256 ").append(meta.sourceWeights().sha256())
                    .append(").\n");
        } else {
            md.append("- Encoder initialization: not recorded in the bundle.\n");
        }
        List<ModelMetadata.TrainingEpoch> history = meta.history();
        if (history.isEmpty()) {
            md.append("- Training history: none recorded (the bundle may hold untrained or pretrained-only weights).\n");
        } else {
            ModelMetadata.TrainingEpoch last = history.get(history.size() - 1);
            md.append("- ").append(history.size()).append(" epochs recorded; last epoch ").append(last.epoch()).append(": ");
            md.append(String.join(", ", last.metrics().entrySet().stream().map(PackageDocumentation::metric).toList()))
                    .append(".\n");
        }
        md.append("\n## First layer and symmetry\n\n");
        ModelMetadata.Symmetrization sym = meta.symmetrization();
        if (sym == null) {
            md.append("No first-layer symmetrization is recorded: the first convolution was not made channel-symmetric.\n");
        } else {
            md.append(String.format(Locale.ROOT, "- Strategy `%s` on layer `%s`.%n- Symmetry error ||W - flip(W)|| / ||W||:"
                    + " %.6g before, %.6g after.%n- %s%n", sym.strategy(), sym.layer(), sym.symmetryErrorBefore(),
                    sym.symmetryErrorAfter(), sym.summary()));
        }
        md.append("\n## Attribution shares\n\n");
        if (exporter.attribution().isPresent()) {
            AsymmetrySummary a = exporter.attribution().get();
            md.append(String.format(Locale.ROOT, "Share of the attribution per input section over %d windows (mean [95%%"
                    + " interval]):%n%n| section | share |%n| --- | --- |%n", a.windows()));
            for (int c = 0; c < a.channelShares().size(); c++) {
                md.append("| ").append(AsymmetrySummary.channelLabel(c, a.context())).append(" | ")
                        .append(a.channelShares().get(c)).append(" |\n");
            }
        } else {
            md.append("Not measured for this export (the bundle records none; `emsym attribute` measures them).\n");
        }
        md.append("\n## Made with\n\nEMSym (channel-symmetric 2.5D segmentation of volume EM with RGB-pretrained"
                + " networks); weights exported to ONNX opset 13 with batch norms folded into the convolutions.\n"
                + "\nThe EMSym model bundle itself is in `" + PackageExporter.BUNDLE_FOLDER + "/` (`model.json`,"
                + " `model.params`, listed under `attachments`): EMSym, on the command line and in KNIME, reads the"
                + " package as that bundle and runs, fine-tunes or analyses it without ONNX Runtime.\n");
        return md.toString();
    }

    private static String metric(Map.Entry<String, Double> e) {
        return String.format(Locale.ROOT, "%s %.4g", e.getKey(), e.getValue());
    }
}
