package org.emsym.knime.node.symmetrizer;

import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Weight Symmetrizer. */
final class WeightSymmetrizerSettings extends SettingsGroup {

    static final String CFG_STRATEGY = "strategy";
    static final String LABEL_STRATEGY = "Symmetrization strategy";

    /** Strategy ids as the engine writes them: none, uniform, outer-average. */
    static final String[] STRATEGIES = java.util.Arrays.stream(SymmetrizationStrategy.values())
            .map(SymmetrizationStrategy::id).toArray(String[]::new);

    final SettingsModelString strategy = new SettingsModelString(CFG_STRATEGY, SymmetrizationStrategy.UNIFORM.id());

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {strategy};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new WeightSymmetrizerSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        strategyValue();
    }

    SymmetrizationStrategy strategyValue() throws InvalidSettingsException {
        try {
            return SymmetrizationStrategy.fromId(strategy.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_STRATEGY + ": unknown strategy '" + strategy.getStringValue()
                    + "'; expected one of " + String.join(", ", STRATEGIES));
        }
    }
}
