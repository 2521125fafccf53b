package org.emsym.knime.node.symmetrizer;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.NodeParametersPersistor;
import org.knime.node.parameters.persistence.Persistor;

/**
 * Parameters of the Weight Symmetrizer. The strategy is saved as the engine's id ({@code none}, {@code uniform},
 * {@code outer-average}) under {@code strategy}, as since the node's first release, so saved workflows and flow
 * variables holding an id still apply.
 */
final class WeightSymmetrizerParameters implements NodeParameters {

    static final String CFG_STRATEGY = "strategy";
    static final String TITLE_STRATEGY = "Symmetrization strategy";

    @Widget(title = TITLE_STRATEGY, description = "<tt>uniform</tt> (default): every input channel gets the mean "
            + "pretrained kernel, scaled by 3/(2k+1); <tt>outer-average</tt>: the kernel spread over the 2k+1 "
            + "channels, then channels at equal distance from the centre get their average; <tt>none</tt>: the "
            + "pretrained kernel spread by linear interpolation, keeping its asymmetry. Key: <tt>strategy</tt> "
            + "(the id, e.g. <tt>outer-average</tt>).")
    @Persistor(StrategyPersistor.class)
    SymmetrizationStrategy strategy = SymmetrizationStrategy.UNIFORM;

    /** Saves the strategy by its engine id; an unknown id fails naming the setting and the known ids. */
    static final class StrategyPersistor implements NodeParametersPersistor<SymmetrizationStrategy> {

        @Override
        public SymmetrizationStrategy load(NodeSettingsRO settings) throws InvalidSettingsException {
            String id = settings.getString(CFG_STRATEGY);
            try {
                return SymmetrizationStrategy.fromId(id);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidSettingsException(TITLE_STRATEGY + ": unknown strategy '" + id
                        + "'; expected one of " + Arrays.stream(SymmetrizationStrategy.values())
                                .map(SymmetrizationStrategy::id).collect(Collectors.joining(", ")), e);
            }
        }

        @Override
        public void save(SymmetrizationStrategy param, NodeSettingsWO settings) {
            settings.addString(CFG_STRATEGY, param.id());
        }

        @Override
        public String[][] getConfigPaths() {
            return new String[][] {{CFG_STRATEGY}};
        }
    }
}
