package org.emsym.engine.train;

/**
 * What one epoch achieved; the training history is a list of these.
 *
 * @param epoch 0-based epoch index
 * @param trainLoss mean loss over the epoch's training steps
 * @param validationLoss loss over all validation tiles (BCE averaged over pixels, Dice over the whole set)
 * @param validationDice hard Dice (logit > 0) of the positive class over all validation tiles
 * @param learningRate rate of the epoch's last step
 * @param encoderFrozen whether encoder parameters were held fixed in this epoch
 * @param seconds wall-clock time of the epoch including validation
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationDice,
        double learningRate, boolean encoderFrozen, double seconds) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "epoch %d: train loss %.4f, val loss %.4f, val Dice %.4f, lr %.2e%s"
                + " (%.1f s)", epoch + 1, trainLoss, validationLoss, validationDice, learningRate,
                encoderFrozen ? ", encoder frozen" : "", seconds);
    }
}
