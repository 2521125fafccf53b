package org.emsym.engine.train;

/** Training stopped because a step's loss was NaN or infinite; the weights are those before that step. */
public final class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;

    /**
     * @param epoch 1-based epoch
     * @param step 1-based step within the epoch
     */
    public NonFiniteLossException(int epoch, int step, int epochs, int steps, float loss) {
        super("training loss is " + loss + " at epoch " + epoch + "/" + epochs + ", step " + step + "/" + steps
                + "; lower the learning rate or check the input for NaN/Inf values (weights are those before"
                + " this step, the last checkpoint is unchanged)");
        this.epoch = epoch;
        this.step = step;
    }

    /** 1-based epoch of the failing step. */
    public int epoch() {
        return epoch;
    }

    /** 1-based step within that epoch. */
    public int step() {
        return step;
    }
}
