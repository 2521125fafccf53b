package org.emsym.engine.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.ModelMetadata;

/**
 * What one epoch achieved; the training history is a list of these.
 *
 * @param epoch 0-based epoch index
 * @param trainLoss mean loss over the epoch's training steps
 * @param validationLoss loss over all validation tiles (BCE averaged over pixels, Dice over the whole set)
 * @param validationDice hard Dice (logit > 0, i.e. probability 0.5) of the positive class over all validation tiles
 * @param validationBestDice hard Dice at {@code validationThreshold}
 * @param validationThreshold the probability threshold among 0.01..0.99 with the highest validation Dice
 * @param learningRate rate of the epoch's last step
 * @param encoderFrozen whether encoder parameters were held fixed in this epoch
 * @param seconds wall-clock time of the epoch including validation
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationDice,
        double validationBestDice, double validationThreshold, double learningRate, boolean encoderFrozen,
        double seconds) {

    /**
     * The figures by name ({@code trainLoss}, {@code validationLoss}, {@code validationDice},
     * {@code validationBestDice}, {@code validationThreshold}, {@code learningRate}, {@code encoderFrozen} as 0/1,
     * {@code seconds}), in that order, e.g. for the
     * training history of a model bundle.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("trainLoss", trainLoss);
        m.put("validationLoss", validationLoss);
        m.put("validationDice", validationDice);
        m.put("validationBestDice", validationBestDice);
        m.put("validationThreshold", validationThreshold);
        m.put("learningRate", learningRate);
        m.put("encoderFrozen", encoderFrozen ? 1.0 : 0.0);
        m.put("seconds", seconds);
        return Collections.unmodifiableMap(m);
    }

    /**
     * {@code metadata} with one history entry per record appended, numbered after the epochs it already holds
     * (a model trained further keeps counting): the one way a training history enters a model bundle.
     */
    public static ModelMetadata appendTo(ModelMetadata metadata, List<EpochRecord> history) {
        int before = metadata.history().size();
        ModelMetadata out = metadata;
        for (EpochRecord r : history) {
            out = out.withEpoch(new ModelMetadata.TrainingEpoch(before + r.epoch() + 1, r.metrics()));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, val Dice %.4f"
                + " (%.4f at threshold %.2f), lr %.2e%s (%.1f s)", epoch + 1, trainLoss, validationLoss, validationDice,
                validationBestDice, validationThreshold, learningRate,
                encoderFrozen ? ", encoder frozen" : "", seconds);
    }
}
