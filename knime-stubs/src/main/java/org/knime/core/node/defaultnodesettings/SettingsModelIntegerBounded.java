package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in for KNIME's integer settings model with an inclusive range. */
public class SettingsModelIntegerBounded extends SettingsModelInteger {

    private final int m_minValue;

    private final int m_maxValue;

    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
        final int maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue || defaultValue < minValue || defaultValue > maxValue) {
            throw new IllegalArgumentException("Default value " + defaultValue + " of '" + configName
                + "' is outside [" + minValue + ", " + maxValue + "]");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
    }

    public int getLowerBound() {
        return m_minValue;
    }

    public int getUpperBound() {
        return m_maxValue;
    }

    @Override
    protected void validateValue(final int value) throws InvalidSettingsException {
        if (value < m_minValue || value > m_maxValue) {
            throw new InvalidSettingsException("value (=" + value + ") of '" + getConfigName()
                + "' must be within the range [" + m_minValue + ", " + m_maxValue + "]");
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_minValue, m_maxValue);
    }
}
