package org.knime.core.node;

import java.util.Objects;

import org.knime.core.node.AbstractNodeView.ViewableModel;

/**
 * Stand-in for KNIME's base of node views (Swing and others).
 *
 * @param <T> the model the view shows
 */
public abstract class AbstractNodeView<T extends ViewableModel> {

    private final T m_viewableModel;

    protected AbstractNodeView(final T viewableModel) {
        m_viewableModel = Objects.requireNonNull(viewableModel, "viewableModel");
    }

    protected final T getViewableModel() {
        return m_viewableModel;
    }

    /** Called when the model changed. */
    protected abstract void modelChanged();

    /** Stand-in for KNIME's marker of models a view can show. */
    public static interface ViewableModel {
    }
}
