package org.emsym.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary segmentation loss on logits: {@code bceWeight * BCE + diceWeight * (1 - softDice)}.
 *
 * <p>BCE with logits uses the stable form {@code max(x, 0) - x*y + log(1 + exp(-|x|))}, averaged over all
 * pixels. The soft Dice is computed over the whole batch at once, {@code (2*sum(p*y) + s) / (sum(p) +
 * sum(y) + s)} with {@code p = sigmoid(x)} and smoothing {@code s = }{@value #DICE_SMOOTH}, so a batch
 * without foreground still has a defined loss.
 *
 * @param bceWeight weight of the binary cross-entropy term, {@code >= 0}
 * @param diceWeight weight of the soft-Dice term, {@code >= 0}
 */
public record SegmentationLoss(double bceWeight, double diceWeight) {

    // scalars are passed as float: a Java double would promote the loss to float64 on the PyTorch engine
    /** Additive smoothing of the soft Dice. */
    public static final double DICE_SMOOTH = 1.0;

    public SegmentationLoss {
        if (!(bceWeight >= 0) || !(diceWeight >= 0) || bceWeight + diceWeight == 0) {
            throw new IllegalArgumentException("loss weights must be >= 0 and not both 0, got bce="
                    + bceWeight + ", dice=" + diceWeight);
        }
    }

    /**
     * @param logits network output, any shape
     * @param targets 0/1 values of the same shape
     * @return a scalar array in the manager of {@code logits}
     */
    public NDArray compute(NDArray logits, NDArray targets) {
        checkShapes(logits, targets);
        NDArray loss = null;
        if (bceWeight > 0) {
            loss = binaryCrossEntropy(logits, targets).mul((float) bceWeight);
        }
        if (diceWeight > 0) {
            NDArray dice = softDiceLoss(logits, targets).mul((float) diceWeight);
            loss = loss == null ? dice : loss.add(dice);
        }
        return loss;
    }

    /** Mean binary cross-entropy of {@code sigmoid(logits)} against {@code targets}. */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        checkShapes(logits, targets);
        NDArray softplusOfMinusAbs = logits.abs().neg().exp().add(1f).log();
        return logits.maximum(0f).sub(logits.mul(targets)).add(softplusOfMinusAbs).mean();
    }

    /** {@code 1 - softDice(sigmoid(logits), targets)} over the whole batch. */
    public static NDArray softDiceLoss(NDArray logits, NDArray targets) {
        checkShapes(logits, targets);
        NDArray p = Activation.sigmoid(logits);
        NDArray twiceIntersection = p.mul(targets).sum().mul(2f).add((float) DICE_SMOOTH);
        NDArray denominator = p.sum().add(targets.sum()).add((float) DICE_SMOOTH);
        return twiceIntersection.div(denominator).neg().add(1f);
    }

    private static void checkShapes(NDArray logits, NDArray targets) {
        if (!logits.getShape().equals(targets.getShape())) {
            throw new IllegalArgumentException(
                    "logits " + logits.getShape() + " and targets " + targets.getShape() + " differ in shape");
        }
    }
}
