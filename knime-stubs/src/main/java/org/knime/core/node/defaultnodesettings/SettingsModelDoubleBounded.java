package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** Stand-in for KNIME's double settings model with an inclusive range. */
public class SettingsModelDoubleBounded extends SettingsModelDouble {

    private final double m_minValue;

    private final double m_maxValue;

    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double minValue,
        final double maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue || defaultValue < minValue || defaultValue > maxValue) {
            throw new IllegalArgumentException("Default value " + defaultValue + " of '" + configName
                + "' is outside [" + minValue + ", " + maxValue + "]");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
    }

    public double getLowerBound() {
        return m_minValue;
    }

    public double getUpperBound() {
        return m_maxValue;
    }

    @Override
    protected void validateValue(final double value) throws InvalidSettingsException {
        if (value < m_minValue || value > m_maxValue) {
            throw new InvalidSettingsException("value (=" + value + ") of '" + getConfigName()
                + "' must be within the range [" + m_minValue + ", " + m_maxValue + "]");
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelDoubleBounded createClone() {
        return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_minValue, m_maxValue);
    }
}
