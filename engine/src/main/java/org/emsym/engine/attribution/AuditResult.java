package org.emsym.engine.attribution;

import java.util.List;

/**
 * The outcome of an {@link AttributionAudit}: the channel shares of every attributed window, their
 * aggregate, and how many windows were left out because their predicted mask was empty.
 *
 * @param perWindow shares of each attributed window, in input order
 * @param summary mean shares and asymmetry figures with 95% bootstrap intervals over {@code perWindow}
 * @param skippedWindows windows without any predicted target pixel ({@link TargetRegion#PREDICTED_MASK} only)
 */
public record AuditResult(List<ChannelShares> perWindow, AsymmetrySummary summary, int skippedWindows) {

    public AuditResult {
        perWindow = List.copyOf(perWindow);
    }
}
